#!/usr/bin/env bash
# Cost of `tips calendar` against the length of the tips it writes, shown
# to grow in a straight line with it.
#
#   bench/calendar.sh            # needs hyperfine, python3 and /usr/bin/time
#
# Each playbook holds one tip whose body is the hardest text for folding:
# runs of emoji, Cyrillic and CJK beside long runs of blanks and characters
# that need escaping, repeated to the length asked for. The largest is as
# much as a playbook may hold (1 MiB in all).
#
# Prints, for one day's file: the CPU time with a 1 KiB body (the baseline:
# starting the process, reading the playbook), and for 256 KiB and 1 MiB
# the time, the time above the baseline, and that cost per MiB. A linear
# writer costs the same per MiB at both lengths (a ratio near 1.00, or
# below it as the fixed costs spread); a quadratic one gives about 4. Then
# the season (11 days) and a leap year (366 days) of the 1 MiB tip, with
# their cost per MiB written, and the peak memory of the year, which stays
# near one event's size because the file is written an event at a time.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in hyperfine python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

cargo build --release --quiet
tips="$PWD/target/release/tips"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"
mkdir -p "$HOME"
unset TIPS_FILE XDG_CONFIG_HOME XDG_CONFIG_DIRS XDG_STATE_HOME

# playbook FILE OCTETS: one tip with a body of about OCTETS octets.
playbook() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
path, octets = sys.argv[1], int(sys.argv[2])
unit = "💘" * 34 + " " * 100 + "я" * 72 + " " * 73 + "日本語" * 25 + "\u3000" * 30 + "\\;," * 20 + "y"
body = (unit * (octets // len(unit.encode()) + 1)).encode()[:octets].decode("utf-8", "ignore").strip() + "y"
with open(path, "w", encoding="utf-8") as file:
    file.write('replace_builtin = true\n[[tip]]\nnumber = 4\nslug = "long"\ntitle = "Long"\n')
    file.write("body = " + json.dumps(body, ensure_ascii=False) + "\n")
    file.write('prompts = ["One?", "Two?", "Three?"]\n')
EOF
}

# The largest body a playbook may hold (1 MiB in all, with its escapes
# and other lines): 1,020,000 octets.
sizes=(1024 262144 1020000)
names=("1 KiB" "256 KiB" "1 MiB")
for octets in "${sizes[@]}"; do
    playbook "$work/body-$octets.toml" "$octets"
done

# mean_seconds NAME RUNS COMMAND: the mean CPU time (user and system) of
# hyperfine's runs, output to /dev/null. CPU time, not wall time: the
# machines this runs on are shared, and another build's load stretches the
# wall clock far more than the work done.
mean_seconds() {
    hyperfine -N --style none --warmup 2 --runs "$2" --export-json "$work/$1.json" "$3" >/dev/null 2>"$work/$1.log"
    python3 -c 'import json, sys; result = json.load(open(sys.argv[1]))["results"][0]
print(result["user"] + result["system"])' "$work/$1.json"
}

one_day() {
    echo "$tips --tips-file $work/body-$1.toml calendar --from 2027-02-07 --days 1"
}

baseline=$(mean_seconds base 40 "$(one_day 1024)")
printf '%-34s %10s %12s %12s %8s\n' "one day's file, body of" "CPU time" "above base" "per MiB" "ratio"
printf '%-34s %8.1f ms\n' "${names[0]} (baseline)" "$(python3 -c "print($baseline * 1000)")"
per_mib_first=""
for index in 1 2; do
    octets=${sizes[$index]}
    mean=$(mean_seconds "day-$octets" 40 "$(one_day "$octets")")
    read -r above per_mib < <(python3 -c "
above = $mean - $baseline
print(above, above / ($octets / 1048576))")
    per_mib_first=${per_mib_first:-$per_mib}
    printf '%-34s %8.1f ms %9.1f ms %9.1f ms %8.2f\n' "${names[$index]}" \
        "$(python3 -c "print($mean * 1000)")" "$(python3 -c "print($above * 1000)")" \
        "$(python3 -c "print($per_mib * 1000)")" "$(python3 -c "print($per_mib / $per_mib_first)")"
done

big="$work/body-1020000.toml"
echo
printf '%-34s %10s %12s %12s\n' "1 MiB tip, run of days" "CPU time" "written" "per MiB"
for days in 11 366; do
    if [ "$days" = 11 ]; then runs=5; else runs=2; fi
    command="$tips --tips-file $big calendar --from 2027-02-04 --days $days"
    mean=$(mean_seconds "run-$days" "$runs" "$command")
    written=$($command | wc -c)
    printf '%-34s %8.2f s %9.1f MiB %9.1f ms\n' "$days days" "$mean" \
        "$(python3 -c "print($written / 1048576)")" \
        "$(python3 -c "print(($mean - $baseline) / ($written / 1048576) * 1000)")"
done
peak_kib=$(/usr/bin/time -f %M "$tips" --tips-file "$big" calendar --from 2027-02-04 --days 366 2>&1 >/dev/null)
baseline_kib=$(/usr/bin/time -f %M "$tips" --tips-file "$work/body-1024.toml" calendar --from 2027-02-07 --days 1 2>&1 >/dev/null)
printf '%-34s %8.1f MiB (1 KiB body: %.1f MiB)\n' "peak memory, 366 days" \
    "$(python3 -c "print($peak_kib / 1024)")" "$(python3 -c "print($baseline_kib / 1024)")"
