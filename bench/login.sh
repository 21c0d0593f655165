#!/usr/bin/env bash
# What the login line costs a new terminal: bash, zsh and fish started
# interactively on a pseudo-terminal (util-linux `script`), side by side in
# one run:
#   - bare: the shell alone;
#   - steady state: with the README's per-user line, once the day's tip
#     was shown (every terminal after the first of the day);
#   - machine-wide: the snippet file that the package installs, sourced as
#     the README's rollout does, in the steady state;
#   - first of the day: the README's line, with no day recorded;
#   - a `fortune` line, for comparison.
# Then the quiet call itself (`tips motd --once-per-day` once the tip was
# shown), in instructions (callgrind), without a playbook and with a 1 MiB
# one: it reads no playbook, so the two should cost the same.
#
#   bench/login.sh            # needs bash, zsh, fish, script, hyperfine,
#                             # valgrind, fortune and python3
#   bench/login.sh --install  # installs those from Debian's packages first
#
# It prints figures only; it has no budget to fail.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ${1-} == --install ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zsh fish bsdutils hyperfine \
        valgrind fortune-mod fortunes-min python3 >/dev/null
fi
for tool in bash zsh fish script hyperfine valgrind python3; do
    command -v "${tool}" >/dev/null || {
        echo "bench: ${tool} is missing (try --install)" >&2
        exit 1
    }
done
fortune=$(command -v fortune || echo /usr/games/fortune)
[[ -x ${fortune} ]] || {
    echo "bench: fortune is missing (try --install)" >&2
    exit 1
}

work=$(mktemp -d)
trap 'rm -rf "${work}"' EXIT

cargo build --release --quiet
mkdir -p "${work}/bin"
cp target/release/tips "${work}/bin/tips"
tips="${work}/bin/tips"

# A clean environment: the built tips first on PATH, state in a fresh
# folder, a real zone to load, no playbook.
export HOME="${work}/home" XDG_STATE_HOME="${work}/state" TZ=Europe/Berlin
export PATH="${work}/bin:/usr/bin:/bin:/usr/games"
mkdir -p "${HOME}"
unset TIPS_FILE XDG_CONFIG_HOME XDG_CONFIG_DIRS NO_COLOR CLICOLOR CLICOLOR_FORCE TIPS_QUIET

# The README's per-user lines, as a user pastes them.
readme_line() {
    sed -n "s/^| $1 | .* | \`\\(.*tips init.*\\)\` |\$/\\1/p" README.md | sed 's/\\|/|/g'
}
for shell in bash zsh fish; do
    readme_line "${shell}" >"${work}/rc.${shell}"
    [[ -s "${work}/rc.${shell}" ]] || {
        echo "bench: README.md has no line for ${shell}" >&2
        exit 1
    }
    "${tips}" init "${shell}" >"${work}/login.${shell}"
    echo "${fortune}" >"${work}/fortune.${shell}"
    : >"${work}/empty.${shell}"
done
# The day, recorded once: every steady-state run finds it.
"${tips}" motd --once-per-day >/dev/null

start() {
    case $1 in
        bash) echo "bash --noprofile --rcfile $2 -i -c true" ;;
        zsh) echo "zsh -f -i -c source\\ $2" ;;
        *) echo "fish --no-config -i -C source\\ $2 -c true" ;;
    esac
}

json="${work}/login.json"
commands=()
names=()
for shell in bash zsh fish; do
    for kind in empty rc login fortune; do
        commands+=("$(start "${shell}" "${work}/${kind}.${shell}")")
        names+=("${shell} ${kind}")
    done
done
# The first terminal of the day: the day is forgotten before each run.
for shell in bash zsh fish; do
    commands+=("$(start "${shell}" "${work}/rc.${shell}")")
    names+=("${shell} first")
done
runs=${RUNS:-100}
hyperfine_args=(--shell=none --warmup 10 --runs "${runs}" --output=inherit --style none
    --export-json "${json}")
for index in "${!commands[@]}"; do
    if [[ ${names[${index}]} == *first ]]; then
        hyperfine_args+=(--prepare "rm -rf ${XDG_STATE_HOME}")
    else
        hyperfine_args+=(--prepare "true")
    fi
done
# On a pseudo-terminal, as a terminal emulator starts a shell; what the
# shells print goes to the terminal, and the terminal to /dev/null.
printf -v line '%q ' hyperfine "${hyperfine_args[@]}" "${commands[@]}"
script -qec "${line}" /dev/null >/dev/null

# The tips processes each start runs, counted once by a tips that logs
# its calls.
mkdir -p "${work}/counting"
printf '#!/bin/sh\necho "$*" >>%q\nexec %q "$@"\n' "${work}/calls" "${tips}" >"${work}/counting/tips"
chmod +x "${work}/counting/tips"
counts="${work}/counts"
: >"${counts}"
for index in "${!commands[@]}"; do
    [[ ${names[${index}]} != *first ]] || rm -rf "${XDG_STATE_HOME}"
    rm -f "${work}/calls"
    PATH="${work}/counting:${PATH}" script -qec "${commands[${index}]}" /dev/null >/dev/null
    calls=0
    [[ ! -f "${work}/calls" ]] || calls=$(wc -l <"${work}/calls")
    echo "${calls}" >>"${counts}"
done

cores=$(nproc)
machine=$(uname -m)
echo "login cost on a pseudo-terminal (${cores} cores, ${machine}), median of ${runs} runs"
echo
python3 - "${json}" "${counts}" "${names[@]}" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
counts = [int(line) for line in open(sys.argv[2])]
names = sys.argv[3:]
median = {name: result["median"] * 1000 for name, result in zip(names, results)}
processes = dict(zip(names, counts))
labels = [("empty", "bare start"), ("rc", "+ README line, steady state"),
          ("login", "+ machine-wide file, steady state"), ("first", "+ README line, first of the day"),
          ("fortune", "+ a fortune line")]
print(f"{'shell':<6} {'what':<36} {'ms':>8} {'+ms':>8} {'x bare':>7} {'tips runs':>10}")
for shell in ["bash", "zsh", "fish"]:
    bare = median[f"{shell} empty"]
    for kind, label in labels:
        name = f"{shell} {kind}"
        value = median[name]
        print(f"{shell:<6} {label:<36} {value:>8.2f} {value - bare:>+8.2f} {value / bare:>7.2f}"
              f" {processes[name]:>10}")
PY

echo
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
# A playbook of about 1 MiB: the ten tips, then tips with long bodies.
playbook="${work}/big.toml"
python3 - "${playbook}" <<'PY'
import sys
body = "Listen first, then ask the next question. " * 40
with open(sys.argv[1], "w") as out:
    number = 11
    while out.tell() < 1000 * 1024:
        out.write(f'[[tip]]\nnumber = {number}\nslug = "team-{number}"\ntitle = "Team {number}"\n'
                  f'body = "{body}"\nprompts = ["One?", "Two?", "Three?"]\n\n')
        number += 1
PY
"${tips}" motd --once-per-day >/dev/null
quiet_plain=$(instructions "${tips}" motd --once-per-day)
quiet_big=$(TIPS_FILE="${playbook}" instructions "${tips}" motd --once-per-day)
rm -rf "${XDG_STATE_HOME}"
first_big=$(TIPS_FILE="${playbook}" instructions "${tips}" motd --once-per-day)
printf '%-52s %12s %8s\n' "tips motd --once-per-day, instructions" "count" "x quiet"
printf '%-52s %12s %8s\n' "quiet call, no playbook" "${quiet_plain}" "1.00"
size_kib=$(($(stat -c %s "${playbook}") / 1024))
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
quiet_ratio=$(ratio "${quiet_big}" "${quiet_plain}")
first_ratio=$(ratio "${first_big}" "${quiet_plain}")
printf '%-52s %12s %8s\n' "quiet call, ${size_kib} KiB playbook" "${quiet_big}" "${quiet_ratio}"
printf '%-52s %12s %8s\n' "first call of the day, same playbook" "${first_big}" "${first_ratio}"
