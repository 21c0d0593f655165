# shellcheck shell=bash
# What the bench scripts share, sourced from each: a scratch folder, the
# floor they measure against (a Rust "hello world" built with this
# project's own [profile.release]), the release build of `tips`, and the
# instruction count (callgrind: exact and repeatable, where wall time on a
# shared machine is not).
#
# After `bench_setup`: $work (removed on exit), $floor and $tips.

bench_setup() {
    # Every measurement needs valgrind, and python3 for the arithmetic.
    local tool
    for tool in valgrind python3; do
        command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
    done
    work=$(mktemp -d)
    # shellcheck disable=SC2064 # $work is fixed now, and meant to be
    trap "rm -rf '$work'" EXIT

    mkdir -p "$work/floor/src"
    {
        printf '[package]\nname = "floor"\nversion = "0.1.0"\nedition = "2021"\n\n'
        sed -n '/^\[profile.release\]/,/^\[/p' Cargo.toml | sed '${/^\[/d}'
    } >"$work/floor/Cargo.toml"
    echo 'fn main() { println!("Hello, world!"); }' >"$work/floor/src/main.rs"
    cargo build --release --quiet --manifest-path "$work/floor/Cargo.toml" --target-dir "$work/floor/target"
    # shellcheck disable=SC2034 # for the scripts that source this
    floor="$work/floor/target/release/floor"

    cargo build --release --quiet
    # The binary cargo just built, wherever CARGO_TARGET_DIR or a config
    # puts it.
    local target_dir
    target_dir=$(cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    # shellcheck disable=SC2034 # for the scripts that source this
    tips="$target_dir/release/tips"
    [ -x "$tips" ] || { echo "bench: no $tips after the build" >&2; exit 1; }
}

# instructions COMMAND [ARGS...]: the instructions one run executes.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

# ratio A B: A / B to two places.
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
