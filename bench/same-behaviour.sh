#!/usr/bin/env bash
# Does this tree's `tips` behave exactly as an earlier revision's? Runs a
# large set of command lines (help, errors and their suggestions, every
# command, global options before and after the command, completions for
# every shell, the man page) through both binaries and compares stdout,
# stderr and the exit code byte for byte.
#
#   bench/same-behaviour.sh [REV]     # REV defaults to HEAD
#
# Use it to check that a change meant for speed changed nothing else.
# Exits 1 and shows the first differences when any command line differs.
set -euo pipefail
cd "$(dirname "$0")/.."

rev=${1:-HEAD}
work=$(mktemp -d)
cleanup() {
    git worktree remove --force "${work}/before" >/dev/null 2>&1 || true
    rm -rf "${work}"
}
trap cleanup EXIT

git worktree add --quiet --detach "${work}/before" "${rev}"
# The earlier revision is built in its own target directory, so that the
# two builds never share an artefact.
cargo build --release --quiet --manifest-path "${work}/before/Cargo.toml" --target-dir "${work}/before-target"
cargo build --release --quiet
before="${work}/before-target/release/tips"
# This tree's binary, wherever CARGO_TARGET_DIR or a config puts it: a stale
# one elsewhere would compare an old build and could report no difference.
target_dir=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
after="${target_dir}/release/tips"
for binary in "${before}" "${after}"; do
    [[ -x ${binary} ]] || {
        echo "same-behaviour: no ${binary} after the build" >&2
        exit 1
    }
done

# A fixed environment: no playbook, a fixed width and time zone, no colour
# decisions taken from the caller.
home="${work}/home"
mkdir -p "${home}/.config/tips"
team="${home}/team.toml"
cat >"${team}" <<'TOML'
[[tip]]
number = 11
slug = "follow-up"
title = "Follow Up Fast"
tagline = "A second date needs a phone call."
body = "Send the meeting notes the same day."
prompts = ["What did I promise?", "Who needs the notes?", "What is next?"]
TOML
printf '[[tip]\nnumber = 1\n' >"${home}/broken.toml"

lines=()
add() { lines+=("$*"); }
# Every command's help, from the list clap itself prints, so that a command
# added later is compared too.
commands=$("${after}" --help | sed -n '/^Commands:$/,/^$/s/^  \([a-z]*\) .*/\1/p')
for help in "" ${commands}; do
    add "${help} --help"
    add "${help} -h"
done
add "--version"
add "-V"
for date in "" "--date 2026-11-26" "--date 2027-02-04" "--date 2027-02-10" "--date 2027-02-13" "--date 2027-02-14" "--date 2027-02-15" "--date 0001-01-01" "--date 9999-12-31"; do
    for command in "" "today" "show respect" "show 7" "show resp" "list" "countdown" "motd"; do
        add "${command} ${date}"
        add "${date} ${command}"
        add "--json ${command} ${date}"
        add "${command} --color always ${date}"
    done
done
for args in \
    "--date 2026-11-26 --date 2027-02-10 today" "--date 2026-11-26 today --date 2027-02-10" \
    "today --date 2027-02-10 --date 2026-11-26" "--color never show 7 --color always" \
    "--color always show 7 --color never" "--json show 7 --json" \
    "--tips-file ${team} list" "list --tips-file ${team}" "--tips-file ${team} show follow" \
    "--tips-file ${home}/broken.toml today" "--tips-file ${home}/broken.toml motd --date 2026-11-26" \
    "--tips-file ${home}/missing.toml list" \
    "show respekt" "show qqqq" "show l" "show" "show respect extra" "shoe" "todya" "--colr never" \
    "--color sometimes" "--date 2026-02-30" "--date tomorrow" "--date" "--json=yes" "init" "init tcsh" \
    "init bash" "init zsh" "init fish" "init bash --every-shell" "init fish --every-shell" \
    "search croco mojo" "search compromise --json" "search zebra" "search" \
    "calendar --days 0" "calendar --days 367" "calendar --alarm 25:00" "calendar --from 2027-01-01" \
    "calendar --from 2027-02-04 --days 11 --json" "--date 2026-11-26 calendar --json" \
    "export" "export --json" "man --json" "paths" "paths --json" \
    "completions bash" "completions zsh" "completions fish" "completions elvish" "completions powershell" \
    "completions tcsh" "completions bash --json" "man" "motd --once-a-day" "-x" "--" "today --" "help"; do
    add "${args}"
done

# Layout at many widths: a line "@WIDTH ARGS" runs with COLUMNS=WIDTH.
for width in 16 20 33 47 61 79 100; do
    for command in "show respect" "show 3" "motd --date 2027-02-14" "list" "countdown --date 2027-02-10" "today --date 2027-02-14" "paths" "search the"; do
        add "@${width} ${command}"
        add "@${width} --color always ${command}"
    done
    add "@${width} --tips-file ${team} list"
done

run() {
    local binary=$1 out=$2 columns=80
    shift 2
    if [[ ${1-} == @* ]]; then
        columns=${1#@}
        shift
    fi
    # shellcheck disable=SC2068 # each command line is split into words on purpose
    env -i HOME="${home}" XDG_CONFIG_DIRS="${work}/none" TZ=UTC COLUMNS="${columns}" "${binary}" $@ \
        >"${out}.stdout" 2>"${out}.stderr" </dev/null && echo 0 >"${out}.code" || echo $? >"${out}.code"
}

differences=0
for line in "${lines[@]}"; do
    # shellcheck disable=SC2086 # the width marker is a word of its own
    run "${before}" "${work}/a" ${line}
    # shellcheck disable=SC2086
    run "${after}" "${work}/b" ${line}
    for part in stdout stderr code; do
        if ! cmp -s "${work}/a.${part}" "${work}/b.${part}"; then
            differences=$((differences + 1))
            if [[ ${differences} -le 5 ]]; then
                echo "differs: tips ${line} (${part})"
                diff "${work}/a.${part}" "${work}/b.${part}" | head -10 || true
            fi
        fi
    done
done
echo "${#lines[@]} command lines compared with ${rev}: ${differences} differences"
[[ ${differences} -eq 0 ]]
