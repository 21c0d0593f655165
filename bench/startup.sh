#!/usr/bin/env bash
# Start-up budget of `tips`, measured against a floor: a Rust "hello world"
# built with this project's own release profile.
#
#   bench/startup.sh            # needs valgrind, hyperfine, fortune-mod, python3
#   bench/startup.sh --install  # installs those from Debian's packages first
#
# Prints one table: instructions (callgrind, exact and repeatable) and their
# ratio to the floor for each login-path command; wall time (hyperfine, side
# by side in one run) of `tips motd` against fortune, /bin/true and the
# floor; the release binary's size; and peak memory (median of runs).
#
# Exits 1 when any figure is over its budget, so that it can guard a change.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1-}" = "--install" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind hyperfine fortune-mod fortunes-min time >/dev/null
fi
for tool in valgrind hyperfine python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (try --install)" >&2; exit 1; }
done
fortune=$(command -v fortune || echo /usr/games/fortune)
[ -x "$fortune" ] || { echo "bench: fortune is missing (try --install)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The floor, with the same [profile.release] as tips.
mkdir -p "$work/floor/src"
{
    printf '[package]\nname = "floor"\nversion = "0.1.0"\nedition = "2021"\n\n'
    sed -n '/^\[profile.release\]/,/^\[/p' Cargo.toml | sed '${/^\[/d}'
} >"$work/floor/Cargo.toml"
echo 'fn main() { println!("Hello, world!"); }' >"$work/floor/src/main.rs"
cargo build --release --quiet --manifest-path "$work/floor/Cargo.toml" --target-dir "$work/floor/target"
floor="$work/floor/target/release/floor"

cargo build --release --quiet
# The binary cargo just built, wherever CARGO_TARGET_DIR or a config puts it.
target_dir=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
tips="$target_dir/release/tips"
[ -x "$tips" ] || { echo "bench: no $tips after the build" >&2; exit 1; }

# A clean, fixed environment: no playbook (not even the machine's in
# /etc/xdg), state in a fresh folder, a real time zone to load (as a login
# has); output to /dev/null, as a login's terminal costs the same for every
# program.
export HOME="$work/home" XDG_STATE_HOME="$work/state" XDG_CONFIG_DIRS="$work/no-system-playbook" TZ=Europe/Berlin
mkdir -p "$HOME"
unset TIPS_FILE XDG_CONFIG_HOME NO_COLOR CLICOLOR CLICOLOR_FORCE COLUMNS

# Budgets: instructions against the floor, wall time against fortune,
# size, and peak memory against the floor.
instructions_budget=1.80
fortune_budget=0.50
size_budget_mib=1.50
memory_budget=2.00
over=()
date=$(date +%F)

instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

floor_ir=$(instructions "$floor")
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

echo "tips start-up budget ($(nproc) cores, $(uname -m), glibc $(ldd --version | head -1 | awk '{print $NF}'))"
echo
printf '%-46s %12s %8s\n' "command" "instructions" "x floor"
printf '%-46s %12s %8s\n' "hello world (floor)" "$floor_ir" "1.00"
worst=0
measure() {
    local label=$1
    shift
    local ir
    ir=$(instructions "$@")
    printf '%-46s %12s %8s\n' "$label" "$ir" "$(ratio "$ir" "$floor_ir")"
    worst=$(python3 -c "print(max($worst, $ir / $floor_ir))")
}
for with_date in no yes; do
    extra=()
    suffix=""
    if [ "$with_date" = yes ]; then
        extra=(--date "$date")
        suffix=" --date"
    fi
    measure "tips today$suffix" "$tips" today "${extra[@]}"
    measure "tips show respect$suffix" "$tips" show respect "${extra[@]}"
    measure "tips motd$suffix" "$tips" motd "${extra[@]}"
    rm -rf "$XDG_STATE_HOME"
    measure "tips motd --once-per-day$suffix (first)" "$tips" motd --once-per-day "${extra[@]}"
    measure "tips motd --once-per-day$suffix (again)" "$tips" motd --once-per-day "${extra[@]}"
done
printf '%-46s %12s %8s\n' "worst ratio (budget $instructions_budget)" "" "$(python3 -c "print(f'{$worst:.2f}')")"
python3 -c "import sys; sys.exit($worst > $instructions_budget)" || over+=("instructions: worst $(python3 -c "print(f'{$worst:.2f}')") x floor")

echo
json="$work/hyperfine.json"
hyperfine --shell=none --warmup 20 --runs 300 --style none --export-json "$json" \
    "$tips motd" "$fortune" "/bin/true" "$floor" >/dev/null 2>&1
python3 - "$json" "$fortune_budget" <<'PY' || over+=("wall time: tips motd over $fortune_budget x fortune")
import json, sys
results = {r["command"].split("/")[-1]: r for r in json.load(open(sys.argv[1]))["results"]}
budget = float(sys.argv[2])
motd = results["tips motd"]["median"]
print(f"{'wall time (median of 300 runs)':<46} {'ms':>12} {'motd / it':>9}")
for name, label in [("tips motd", "tips motd"), ("fortune", f"fortune (budget: motd <= {budget:.2f} x)"),
                    ("true", "/bin/true"), ("floor", "hello world (floor)")]:
    median = results[name]["median"]
    print(f"{label:<46} {median * 1000:>12.3f} {motd / median:>9.2f}")
sys.exit(motd / results["fortune"]["median"] > budget)
PY

echo
size=$(stat -c %s "$tips")
printf '%-46s %12s %8s\n' "release binary (budget $size_budget_mib MiB)" "$size B" "$(python3 -c "print(f'{$size / 1048576:.2f}')") MiB"
python3 -c "import sys; sys.exit($size / 1048576 > $size_budget_mib)" || over+=("size: $size bytes")

# GNU time reports the child's own peak: a Python parent would lend the
# child its memory until exec.
peak_kib() {
    for _ in $(seq 15); do
        /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
    done | sort -n | sed -n 8p
}
floor_kib=$(peak_kib "$floor")
printf '%-46s %12s %8s\n' "peak memory, median of 15 (budget $memory_budget x)" "KiB" "x floor"
printf '%-46s %12s %8s\n' "hello world (floor)" "$floor_kib" "1.00"
for args in today motd "show respect"; do
    # shellcheck disable=SC2086 # the words of each command are meant to split
    kib=$(peak_kib "$tips" $args)
    printf '%-46s %12s %8s\n' "tips $args" "$kib" "$(ratio "$kib" "$floor_kib")"
    python3 -c "import sys; sys.exit($kib / $floor_kib > $memory_budget)" || over+=("memory: tips $args")
done

echo
if [ "${#over[@]}" -gt 0 ]; then
    printf 'over budget: %s\n' "${over[@]}"
    exit 1
fi
echo "all figures within budget"
