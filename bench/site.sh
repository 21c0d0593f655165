#!/usr/bin/env bash
# Cost of `tips site` in instructions (callgrind: exact and repeatable),
# against a floor: a Rust "hello world" built with this project's release
# profile, as bench/startup.sh measures it.
#
#   bench/site.sh            # needs valgrind and python3
#
# Prints the instructions of writing the built-in tips' site into an empty
# folder and of writing it again over its own earlier output (which reads
# back and checks every file first), with their ratio to the floor; then
# the same for playbooks of 100, 300 and 1,000 tips, with the instructions
# per tip, which stay about the same when the cost grows in a straight line
# with the tips. Exits 1 when the built-in site is over its budget (15
# times the floor) or the cost per tip of 1,000 tips is over twice that of
# 100.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup

export HOME="$work/home" XDG_CONFIG_DIRS="$work/no-system-playbook" TZ=UTC
mkdir -p "$HOME"
unset TIPS_FILE XDG_CONFIG_HOME

budget=15
linear_budget=2.0
over=()


floor_ir=$(instructions "$floor")
printf '%-52s %12s %8s\n' "command" "instructions" "x floor"
printf '%-52s %12s %8s\n' "hello world (floor)" "$floor_ir" "1.00"
worst=0
for run in "into an empty folder" "again, over its own output"; do
    ir=$(instructions "$tips" --date 2027-02-10 site "$work/builtin")
    printf '%-52s %12s %8s\n' "tips site, built-in tips, $run" "$ir" "$(ratio "$ir" "$floor_ir")"
    worst=$(python3 -c "print(max($worst, $ir / $floor_ir))")
done
printf '%-52s %12s %8s\n' "worst ratio (budget $budget)" "" "$(python3 -c "print(f'{$worst:.2f}')")"
python3 -c "import sys; sys.exit($worst > $budget)" || over+=("built-in tips: $(python3 -c "print(f'{$worst:.2f}')") x floor")

# playbook FILE N: N tips of about 300 octets each, in place of the built-in ones.
playbook() {
    python3 - "$1" "$2" <<'PY'
import sys
path, count = sys.argv[1], int(sys.argv[2])
with open(path, "w", encoding="utf-8") as file:
    file.write("replace_builtin = true\n")
    for n in range(1, count + 1):
        file.write(f'[[tip]]\nnumber = {n}\nslug = "tip-{n}"\ntitle = "Tip number {n}"\n'
                   f'tagline = "The tagline of tip {n} & <its> \\"quotes\\"."\n'
                   f'body = "{"A sentence of the body of the tip. " * 5}"\n'
                   'prompts = ["A first prompt?", "A second prompt?", "A third prompt?"]\n'
                   'action = "Try it today."\n')
PY
}

echo
printf '%-52s %12s %12s %8s\n' "tips site, a playbook of" "instructions" "per tip" "ratio"
first_per_tip=""
for count in 100 300 1000; do
    playbook "$work/tips-$count.toml" "$count"
    # Written once, then measured over its own output: the heavier run.
    "$tips" --tips-file "$work/tips-$count.toml" --date 2027-02-10 site "$work/site-$count" >/dev/null
    ir=$(instructions "$tips" --tips-file "$work/tips-$count.toml" --date 2027-02-10 site "$work/site-$count")
    per_tip=$(python3 -c "print(($ir - $floor_ir) / $count)")
    first_per_tip=${first_per_tip:-$per_tip}
    printf '%-52s %12s %12.0f %8.2f\n' "$count tips, again over its own output" "$ir" "$per_tip" \
        "$(python3 -c "print($per_tip / $first_per_tip)")"
    last_ratio=$(python3 -c "print($per_tip / $first_per_tip)")
done
python3 -c "import sys; sys.exit($last_ratio > $linear_budget)" ||
    over+=("1,000 tips cost $last_ratio x per tip what 100 cost")

echo
if [ "${#over[@]}" -gt 0 ]; then
    printf 'over budget: %s\n' "${over[@]}"
    exit 1
fi
echo "all figures within budget"
