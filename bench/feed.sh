#!/usr/bin/env bash
# Cost of `tips feed` against a floor (a Rust "hello world" built with this
# project's own release profile, as bench/startup.sh builds it), and its
# growth with the number of days, in instructions (callgrind: exact and
# repeatable, where wall time on a shared machine is not).
#
#   bench/feed.sh            # needs valgrind and python3
#
# Prints the instructions of the week's feed of the built-in tips (Atom,
# with --base-url, and JSON Feed) and their ratio to the floor, against a
# budget of 3 times; then the feed of 1 to 366 days, with the cost of each
# day above one day's feed. A cost linear in the days is the same per day
# at every length (ratios near 1.00); a quadratic one grows with the days.
#
# Exits 1 when the week's feed is over its budget.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in valgrind python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

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
target_dir=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
tips="$target_dir/release/tips"
[ -x "$tips" ] || { echo "bench: no $tips after the build" >&2; exit 1; }

# The built-in tips only, a real time zone to load, output to /dev/null.
export HOME="$work/home" XDG_CONFIG_DIRS="$work/no-system-playbook" TZ=Europe/Berlin
mkdir -p "$HOME"
unset TIPS_FILE XDG_CONFIG_HOME

budget=3.00
base_url=https://intranet.example.com/tips

instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

floor_ir=$(instructions "$floor")
echo "tips feed against a hello world ($(uname -m))"
echo
printf '%-62s %12s %8s\n' "command" "instructions" "x floor"
printf '%-62s %12s %8s\n' "hello world (floor)" "$floor_ir" "1.00"
worst=0
for args in "feed" "feed --base-url $base_url" "feed --json --base-url $base_url"; do
    # shellcheck disable=SC2086 # the words of each command are meant to split
    ir=$(instructions "$tips" $args)
    printf '%-62s %12s %8s\n' "tips $args" "$ir" "$(ratio "$ir" "$floor_ir")"
    worst=$(python3 -c "print(max($worst, $ir / $floor_ir))")
done
worst=$(python3 -c "print(f'{$worst:.2f}')")
printf '%-62s %12s %8s\n' "worst ratio (budget $budget)" "" "$worst"

echo
printf '%-62s %12s %14s %8s\n' "days (Atom, with --base-url)" "instructions" "per day above 1" "ratio"
one_day=$(instructions "$tips" feed --days 1 --base-url "$base_url")
printf '%-62s %12s\n' "1" "$one_day"
first_per_day=""
for days in 7 46 91 183 366; do
    ir=$(instructions "$tips" feed --days "$days" --base-url "$base_url")
    per_day=$(python3 -c "print(($ir - $one_day) / ($days - 1))")
    first_per_day=${first_per_day:-$per_day}
    printf '%-62s %12s %14.0f %8s\n' "$days" "$ir" "$per_day" "$(ratio "$per_day" "$first_per_day")"
done

echo
if python3 -c "import sys; sys.exit($worst > $budget)"; then
    echo "within budget"
else
    echo "over budget: the week's feed costs $worst x the floor (budget $budget)"
    exit 1
fi
