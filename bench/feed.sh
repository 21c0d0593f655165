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

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup

# The built-in tips only, a real time zone to load, output to /dev/null.
export HOME="$work/home" XDG_CONFIG_DIRS="$work/no-system-playbook" TZ=Europe/Berlin
mkdir -p "$HOME"
unset TIPS_FILE XDG_CONFIG_HOME

budget=3.00
base_url=https://intranet.example.com/tips

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
