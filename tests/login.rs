//! `tips motd` and the shell snippets: a tip at login that never breaks one.

mod common;

use common::{
    json_of, make_fifo, needed, require, stdout_of, tips_binary, SmallDisk, TestEnv, PLAIN_DAY,
};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// A folder that is a shell's whole PATH: the programs a test names,
/// linked from where the test itself finds them, and `tips` only where the
/// test puts it there. A `tips` elsewhere on the machine (/usr/bin/tips)
/// can never be what a shell runs.
struct Programs {
    dir: tempfile::TempDir,
}

impl Programs {
    /// `None` (and a visible skip, or a failure under CI) when one of the
    /// programs is not installed.
    fn new(names: &[&str]) -> Option<Programs> {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            let found = which(name);
            if !needed(found.is_some(), name) {
                return None;
            }
            std::os::unix::fs::symlink(found.unwrap(), dir.path().join(name)).unwrap();
        }
        Some(Programs { dir })
    }

    /// The built `tips`, as it is.
    fn with_tips(self) -> Programs {
        std::os::unix::fs::symlink(tips_binary(), self.dir.path().join("tips")).unwrap();
        self
    }

    /// A `tips` that writes its arguments, one call a line, to `log`, then
    /// runs the built one: a count of the processes a shell starts.
    fn with_logging_tips(self, log: &Path) -> Programs {
        let wrapper = self.dir.path().join("tips");
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\necho \"$*\" >>'{}'\nexec '{}' \"$@\"\n",
                log.display(),
                tips_binary().display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
        self
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Where the test process finds a program.
fn which(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Runs a command line on a pseudo-terminal (util-linux `script`, which
/// runs it with /bin/sh), with only `programs` on PATH, the test's HOME,
/// TERM=xterm and `vars`. Gives what the terminal showed, without carriage
/// returns. TZ is UTC unless `vars` says otherwise. A run that takes more
/// than 20 seconds has hung, and fails.
fn on_pty(env: &TestEnv, programs: &Programs, line: &str, vars: &[(&str, &str)]) -> String {
    let script = which("script").expect("script is installed (tests call require first)");
    let mut command = Command::new(script);
    command
        .args(["-qec", line, "/dev/null"])
        .env_clear()
        .env("HOME", env.home())
        .env("XDG_CONFIG_DIRS", env.home().join("etc/xdg"))
        .env("PATH", programs.path())
        .env("TERM", "xterm")
        // The machine's own zone must not decide a test.
        .env("TZ", "UTC0");
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = within_20_seconds(command);
    String::from_utf8_lossy(&output.stdout).replace('\r', "")
}

/// Runs a command, and fails the test if it has not ended in 20 seconds.
fn within_20_seconds(mut command: Command) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Runs a shell command line with stdout on a pipe, as scp or `ssh host
/// cmd` would, with only the shell and `tips` on PATH.
fn off_terminal(env: &TestEnv, program: &str, args: &[&str]) -> Output {
    let programs = Programs::new(&[program]).expect("the shell").with_tips();
    let mut command = Command::new(programs.path().join(program));
    command
        .args(args)
        .env_clear()
        .env("HOME", env.home())
        .env("PATH", programs.path());
    within_20_seconds(command)
}

struct Shell {
    name: &'static str,
    /// Runs `LINE` (start-up file lines) in an interactive shell that reads
    /// no start-up file of the machine's, then prints `rc=<status>`.
    interactive: &'static str,
    non_interactive: [&'static str; 3],
}

const BASH: Shell = Shell {
    name: "bash",
    interactive: r#"bash --noprofile --norc -euo pipefail -i -c 'LINE; echo "rc=$?"'"#,
    non_interactive: ["bash", "--noprofile", "--norc -euo pipefail -c"],
};
const ZSH: Shell = Shell {
    name: "zsh",
    interactive: r#"zsh -f -e -u -o pipefail -i -c 'LINE; echo "rc=$?"'"#,
    non_interactive: ["zsh", "-f", "-euo pipefail -c"],
};
const FISH: Shell = Shell {
    name: "fish",
    interactive: r#"fish --no-config -i -c 'LINE; echo "rc=$status"'"#,
    non_interactive: ["fish", "--no-config", "-c"],
};

impl Shell {
    /// The interactive shell running the README's own line for it.
    fn with_readme_line(&self) -> String {
        self.running(&readme_line(self.name))
    }

    /// The interactive shell running `lines`, which hold no single quote.
    fn running(&self, lines: &str) -> String {
        assert!(!lines.contains('\''), "{lines}");
        self.interactive.replace("LINE", lines)
    }

    /// Programs for this shell on a terminal; `None` skips the test.
    fn programs(&self) -> Option<Programs> {
        if !require("script") {
            return None;
        }
        Programs::new(&[self.name])
    }
}

/// The line README.md's table tells a user to add for `shell`.
fn readme_line(shell: &str) -> String {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    let row = readme
        .lines()
        .find(|line| line.starts_with(&format!("| {shell} | ")) && line.contains("tips init"))
        .unwrap_or_else(|| panic!("README.md has a start-up line for {shell}"));
    let cell = row.trim_end_matches(" |").rsplit(" | ").next().unwrap();
    cell.trim_matches('`').replace("\\|", "|")
}

/// The line README.md's machine-wide rollout appends to `file`.
fn readme_rollout_line(file: &str) -> String {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    readme
        .lines()
        .filter_map(|line| line.strip_prefix("echo '"))
        .find_map(|line| {
            let (quoted, target) = line.split_once("' >")?;
            (target.trim_start_matches('>') == file).then(|| quoted.to_string())
        })
        .unwrap_or_else(|| panic!("README.md's rollout writes a line to {file}"))
}

fn shows_a_tip(text: &str) -> bool {
    text.contains("Tip ") && text.contains("to Valentine's Day")
}

fn check_interactive_shell_shows_the_tip_once_a_day(shell: &Shell) {
    let Some(programs) = shell.programs() else {
        return;
    };
    let programs = programs.with_tips();
    let env = TestEnv::new();
    let first = on_pty(&env, &programs, &shell.with_readme_line(), &[]);
    assert!(shows_a_tip(&first), "{}: {first:?}", shell.name);
    assert!(
        first.trim_end().ends_with("rc=0"),
        "{}: {first:?}",
        shell.name
    );
    let second = on_pty(&env, &programs, &shell.with_readme_line(), &[]);
    assert_eq!(
        second.trim(),
        "rc=0",
        "{}: the second shell of the day stays quiet",
        shell.name
    );
}

fn check_non_interactive_shell_prints_nothing(shell: &Shell) {
    let Some(programs) = shell.programs() else {
        return;
    };
    let programs = programs.with_tips();
    let env = TestEnv::new();
    let script = &format!("{}; echo done", readme_line(shell.name));
    let [program, first, rest] = shell.non_interactive;
    let mut args: Vec<&str> = vec![first];
    args.extend(rest.split(' '));
    args.push(script);
    // Off a terminal, as scp and `ssh host cmd` run.
    let output = off_terminal(&env, program, &args);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "done\n",
        "{}",
        shell.name
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "{}",
        shell.name
    );
    // On a terminal but not interactive, as a script run by hand.
    let quoted: Vec<String> = args
        .iter()
        .map(|arg| format!("'{}'", arg.replace('\'', r"'\''")))
        .collect();
    let text = on_pty(
        &env,
        &programs,
        &format!("{program} {}", quoted.join(" ")),
        &[],
    );
    assert_eq!(text.trim(), "done", "{}", shell.name);
    assert!(
        !env.state_dir().exists(),
        "{}: nothing was recorded",
        shell.name
    );
}

fn check_quiet_logins_stay_quiet(shell: &Shell) {
    let Some(programs) = shell.programs() else {
        return;
    };
    let programs = programs.with_tips();
    let env = TestEnv::new();
    let line = shell.with_readme_line();
    let quiet = on_pty(&env, &programs, &line, &[("TIPS_QUIET", "")]);
    assert_eq!(quiet.trim(), "rc=0", "{}: TIPS_QUIET", shell.name);
    std::fs::write(env.home().join(".hushlogin"), "").unwrap();
    let hushed = on_pty(&env, &programs, &line, &[]);
    assert_eq!(hushed.trim(), "rc=0", "{}: ~/.hushlogin", shell.name);
}

#[test]
fn bash_interactive_shell_shows_the_tip_once_a_day() {
    check_interactive_shell_shows_the_tip_once_a_day(&BASH);
}

#[test]
fn zsh_interactive_shell_shows_the_tip_once_a_day() {
    check_interactive_shell_shows_the_tip_once_a_day(&ZSH);
}

#[test]
fn fish_interactive_shell_shows_the_tip_once_a_day() {
    check_interactive_shell_shows_the_tip_once_a_day(&FISH);
}

#[test]
fn bash_non_interactive_shell_prints_nothing() {
    check_non_interactive_shell_prints_nothing(&BASH);
}

#[test]
fn zsh_non_interactive_shell_prints_nothing() {
    check_non_interactive_shell_prints_nothing(&ZSH);
}

#[test]
fn fish_non_interactive_shell_prints_nothing() {
    check_non_interactive_shell_prints_nothing(&FISH);
}

#[test]
fn bash_quiet_logins_stay_quiet() {
    check_quiet_logins_stay_quiet(&BASH);
}

#[test]
fn zsh_quiet_logins_stay_quiet() {
    check_quiet_logins_stay_quiet(&ZSH);
}

#[test]
fn fish_quiet_logins_stay_quiet() {
    check_quiet_logins_stay_quiet(&FISH);
}

#[test]
fn every_shell_option_shows_the_tip_in_each_new_shell() {
    let Some(programs) = BASH.programs() else {
        return;
    };
    let programs = programs.with_tips();
    let env = TestEnv::new();
    let line = BASH.running(r#"eval "$(tips init bash --every-shell)""#);
    for _ in 0..2 {
        let text = on_pty(&env, &programs, &line, &[]);
        assert!(shows_a_tip(&text), "{text:?}");
    }
}

#[test]
fn the_snippet_ignores_aliases_and_functions_named_like_its_commands() {
    let Some(programs) = BASH.programs() else {
        return;
    };
    let programs = programs.with_tips();
    let env = TestEnv::new();
    let binary = tips_binary().display().to_string();
    // Aliases apply from the line after their definition, so they go in a
    // file that the interactive shell sources line by line.
    let hijacks = "tips() { echo hijacked; }\n\
         alias command='echo hijacked'\n\
         alias builtin='echo hijacked'\n\
         alias tips='echo hijacked'\n\
         alias unset='echo hijacked'\n\
         alias local='echo hijacked'\n\
         alias printf='echo hijacked'\n\
         alias read='echo hijacked'\n";
    for (name, options, times) in [
        ("every.bash", " --every-shell", 1),
        // Twice, so that the second shell takes the builtins-only way.
        ("once.bash", "", 2),
    ] {
        let rc = env.write(
            name,
            &format!("{hijacks}eval \"$('{binary}' init bash{options})\"\n"),
        );
        let line = format!("bash --noprofile --norc -i -c '. {}'", rc.display());
        let first = on_pty(&env, &programs, &line, &[]);
        assert!(
            shows_a_tip(&first) && !first.contains("hijacked"),
            "{first:?}"
        );
        if times == 2 {
            let again = on_pty(&env, &programs, &line, &[]);
            assert_eq!(again.trim(), "", "{again:?}");
        }
    }
}

/// The README's lines, and the snippet itself, say nothing where `tips`
/// is not installed: not before the install, not after `dpkg -r`.
fn check_silent_without_tips(shell: &Shell) {
    let Some(programs) = shell.programs() else {
        return;
    };
    let env = TestEnv::new();
    let text = on_pty(&env, &programs, &shell.with_readme_line(), &[]);
    assert_eq!(text.trim(), "rc=0", "{}: the README's line", shell.name);

    // The snippet, sourced where the binary has gone.
    let snippet = stdout_of(&mut env.tips(&["init", shell.name]));
    let file = env.write(&format!("snippet.{}", shell.name), &snippet);
    let source = match shell.name {
        "fish" => "source",
        _ => ".",
    };
    let text = on_pty(
        &env,
        &programs,
        &shell.running(&format!("{source} {}", file.display())),
        &[],
    );
    assert_eq!(text.trim(), "rc=0", "{}: the snippet", shell.name);
}

#[test]
fn bash_without_tips_installed_says_nothing() {
    check_silent_without_tips(&BASH);
}

#[test]
fn zsh_without_tips_installed_says_nothing() {
    check_silent_without_tips(&ZSH);
}

#[test]
fn fish_without_tips_installed_says_nothing() {
    check_silent_without_tips(&FISH);
}

/// The lines README.md's machine-wide rollout adds to the machine's
/// start-up files, with the package's snippet file moved into the test's
/// HOME: silent while the file is absent (no package), and the day's tip
/// once it is there.
fn check_machine_wide_line(shell: &Shell, file: &str) {
    let Some(programs) = shell.programs() else {
        return;
    };
    let programs = programs.with_tips();
    let env = TestEnv::new();
    let line = readme_rollout_line(file);
    let installed = format!("/usr/share/romantic-sales/login.{}", shell.name);
    assert!(line.contains(&installed), "{line}");
    let snippet = env.home().join(format!("share/login.{}", shell.name));
    let line = line.replace(&installed, &snippet.display().to_string());

    let absent = on_pty(&env, &programs, &shell.running(&line), &[]);
    assert_eq!(absent.trim(), "rc=0", "{}: {absent:?}", shell.name);

    // What the package installs is what `tips init` prints.
    let rendered = stdout_of(&mut env.tips(&["init", shell.name]));
    env.write(&format!("share/login.{}", shell.name), &rendered);
    let first = on_pty(&env, &programs, &shell.running(&line), &[]);
    assert!(shows_a_tip(&first), "{}: {first:?}", shell.name);
    let again = on_pty(&env, &programs, &shell.running(&line), &[]);
    assert_eq!(again.trim(), "rc=0", "{}: {again:?}", shell.name);
}

#[test]
fn bash_machine_wide_line_sources_the_snippet_only_where_installed() {
    check_machine_wide_line(&BASH, "/etc/bash.bashrc");
}

#[test]
fn zsh_machine_wide_line_sources_the_snippet_only_where_installed() {
    check_machine_wide_line(&ZSH, "/etc/zsh/zshrc");
}

#[test]
fn fish_machine_wide_line_sources_the_snippet_only_where_installed() {
    check_machine_wide_line(&FISH, "/etc/fish/conf.d/tips.fish");
}

/// The `tips` calls a new shell makes, in the steady state (today's tip
/// already shown), counted by a `tips` that logs them.
fn calls_in_the_steady_state(shell: &Shell, line: &str, env: &TestEnv) -> Vec<String> {
    let log = env.home().join("calls.log");
    let programs = Programs::new(&[shell.name])
        .expect("checked")
        .with_logging_tips(&log);
    let first = on_pty(env, &programs, &shell.running(line), &[]);
    assert!(shows_a_tip(&first), "{}: {first:?}", shell.name);
    std::fs::remove_file(&log).unwrap();
    let again = on_pty(env, &programs, &shell.running(line), &[]);
    assert_eq!(again.trim(), "rc=0", "{}: {again:?}", shell.name);
    std::fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

fn check_processes_in_the_steady_state(shell: &Shell, expected: &[&str]) {
    if shell.programs().is_none() {
        return;
    }
    let env = TestEnv::new();
    let calls = calls_in_the_steady_state(shell, &readme_line(shell.name), &env);
    assert_eq!(calls, expected, "{}: the README's line", shell.name);

    // The machine-wide form: the snippet file, sourced.
    let env = TestEnv::new();
    let snippet = stdout_of(&mut env.tips(&["init", shell.name]));
    let file = env.write(&format!("login.{}", shell.name), &snippet);
    let source = if shell.name == "fish" { "source" } else { "." };
    let line = format!("{source} {}", file.display());
    let calls = calls_in_the_steady_state(shell, &line, &env);
    let without_init: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|call| !call.starts_with("init "))
        .collect();
    assert_eq!(calls, without_init, "{}: the sourced file", shell.name);
}

#[test]
fn bash_starts_no_motd_process_once_the_tip_was_shown() {
    check_processes_in_the_steady_state(&BASH, &["init bash"]);
}

#[test]
fn zsh_starts_no_motd_process_once_the_tip_was_shown() {
    check_processes_in_the_steady_state(&ZSH, &["init zsh"]);
}

/// fish has no builtin clock: `tips motd --once-per-day` decides, as the
/// README says.
#[test]
fn fish_asks_tips_once_the_tip_was_shown() {
    check_processes_in_the_steady_state(&FISH, &["init fish", "motd --once-per-day"]);
}

/// Four shells under libfaketime, seconds apart around midnight, in the
/// zone `tz`: the shell's clock and `tips` agree on the day, so the tip
/// shows before midnight, not again a few seconds later, again after
/// midnight, and not again after that.
fn check_midnight(shell: &Shell, tz: &str) {
    let Some(programs) = shell.programs() else {
        return;
    };
    if Programs::new(&["faketime"]).is_none() {
        return;
    }
    let env = TestEnv::new();
    let log = env.home().join("calls.log");
    let programs = {
        let programs = programs.with_logging_tips(&log);
        std::os::unix::fs::symlink(which("faketime").unwrap(), programs.path().join("faketime"))
            .unwrap();
        programs
    };
    let recorded = env.state_dir().join("motd-last-shown");
    for (now, shown, day) in [
        // Seconds apart, so that a slow machine stays on the side meant.
        ("2026-11-26 23:59:50", true, "2026-11-26"),
        ("2026-11-26 23:59:55", false, "2026-11-26"),
        ("2026-11-27 00:00:05", true, "2026-11-27"),
        ("2026-11-27 00:00:10", false, "2026-11-27"),
    ] {
        let _ = std::fs::remove_file(&log);
        // faketime's "@" starts the clock at that local time and lets it run.
        let line = format!("faketime -f \"@{now}\" {}", shell.with_readme_line());
        let text = on_pty(&env, &programs, &line, &[("TZ", tz)]);
        assert_eq!(
            shows_a_tip(&text),
            shown,
            "{} {tz} {now}: {text:?}",
            shell.name
        );
        assert_eq!(
            std::fs::read_to_string(&recorded).unwrap(),
            format!("{day}\n"),
            "{} {tz} {now}",
            shell.name
        );
        let calls = std::fs::read_to_string(&log).unwrap_or_default();
        let motd_calls = calls
            .lines()
            .filter(|call| call.starts_with("motd"))
            .count();
        let expected = match (shown, shell.name) {
            (true, _) | (false, "fish") => 1,
            (false, _) => 0,
        };
        assert_eq!(motd_calls, expected, "{} {tz} {now}: {calls}", shell.name);
    }
}

/// POSIX zones, which need no tz database: UTC, UTC+14 and UTC-11.
const MIDNIGHT_ZONES: [&str; 3] = ["UTC0", "<+14>-14", "<-11>11"];

#[test]
fn bash_and_tips_agree_on_the_day_across_midnight() {
    for tz in MIDNIGHT_ZONES {
        check_midnight(&BASH, tz);
    }
}

#[test]
fn zsh_and_tips_agree_on_the_day_across_midnight() {
    for tz in MIDNIGHT_ZONES {
        check_midnight(&ZSH, tz);
    }
}

#[test]
fn fish_and_tips_agree_on_the_day_across_midnight() {
    for tz in MIDNIGHT_ZONES {
        check_midnight(&FISH, tz);
    }
}

/// Whatever sits where the snippet looks (a FIFO as the state, a TZ that
/// names a FIFO, a TZ the shell has but does not export), a new shell
/// neither blocks nor skips the day's tip: it leaves the case to `tips`.
fn check_snippet_never_blocks(shell: &Shell) {
    let Some(programs) = shell.programs() else {
        return;
    };
    let programs = programs.with_tips();
    let line = shell.with_readme_line();

    let env = TestEnv::new();
    std::fs::create_dir_all(env.state_dir()).unwrap();
    make_fifo(&env.state_dir().join("motd-last-shown"));
    let text = on_pty(&env, &programs, &line, &[]);
    assert!(
        shows_a_tip(&text),
        "{}: a FIFO as the state: {text:?}",
        shell.name
    );
    assert!(text.contains("a FIFO"), "{}: {text:?}", shell.name);

    let env = TestEnv::new();
    let zone = env.home().join("zone");
    make_fifo(&zone);
    let first = on_pty(&env, &programs, &line, &[]);
    assert!(shows_a_tip(&first), "{}: {first:?}", shell.name);
    for tz in [format!(":{}", zone.display()), zone.display().to_string()] {
        // Today is recorded, yet the snippet must not read the clock
        // through that zone: it asks tips, which gives the UTC date. (TZ is
        // given to the shell alone: `script` itself would read that zone.)
        let text = on_pty(&env, &programs, &format!("TZ='{tz}' {line}"), &[]);
        assert!(
            text.trim_end().ends_with("rc=0"),
            "{}: TZ={tz}: {text:?}",
            shell.name
        );
    }
}

#[test]
fn bash_snippet_never_blocks_on_a_fifo() {
    check_snippet_never_blocks(&BASH);
}

#[test]
fn zsh_snippet_never_blocks_on_a_fifo() {
    check_snippet_never_blocks(&ZSH);
}

/// A TZ that the shell holds but does not export: zsh's clock follows
/// it, `tips` cannot see it (bash's clock ignores it, as `tips` does). Set
/// to UTC+14 inside the shell at noon UTC, when that zone is a day ahead,
/// it must not make the snippet take the day recorded there for today:
/// the snippet leaves the case to `tips`.
#[test]
fn a_tz_the_shell_does_not_export_is_left_to_tips() {
    for (shell, unexport) in [(&BASH, "declare +x TZ"), (&ZSH, "typeset +x TZ")] {
        let Some(programs) = shell.programs() else {
            return;
        };
        let Some(faketime) = Programs::new(&["faketime"]) else {
            return;
        };
        let env = TestEnv::new();
        let log = env.home().join("calls.log");
        let programs = programs.with_logging_tips(&log);
        std::os::unix::fs::symlink(
            faketime.path().join("faketime"),
            programs.path().join("faketime"),
        )
        .unwrap();
        env.write(".local/state/tips/motd-last-shown", "2026-11-27\n");
        let line = shell.running(&format!(
            "{unexport}; TZ=\"<+14>-14\"; {}",
            readme_line(shell.name)
        ));
        let text = on_pty(
            &env,
            &programs,
            &format!("faketime -f \"@2026-11-26 12:00:00\" {line}"),
            &[("TZ", "UTC0")],
        );
        assert!(text.contains("rc=0"), "{}: {text:?}", shell.name);
        let calls = std::fs::read_to_string(&log).unwrap_or_default();
        assert!(
            calls.contains("motd --once-per-day"),
            "{}: {calls:?}",
            shell.name
        );
    }
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shell code is held to what the shells' own tools say: shellcheck
/// with every optional check, shfmt's formatting, fish_indent's.
#[test]
fn the_shell_code_passes_shellcheck_shfmt_and_fish_indent() {
    if !(require("shellcheck") && require("shfmt") && require("fish_indent")) {
        return;
    }
    let env = TestEnv::new();
    let contrib = manifest_dir().join("contrib/update-motd.d-60-tips");
    // The snippets are bash; the update-motd.d script is sh, by its #! line.
    let mut scripts = vec![(contrib.clone(), "sh")];
    for args in [&["init", "bash"][..], &["init", "bash", "--every-shell"]] {
        let name = format!("snippet-{}.bash", args.len());
        scripts.push((env.write(&name, &stdout_of(&mut env.tips(args))), "bash"));
    }
    for (file, shell) in &scripts {
        let output = Command::new("shellcheck")
            .env("HOME", env.home())
            .args(["--enable=all", &format!("--shell={shell}")])
            .arg(file)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "shellcheck {}: {}",
            file.display(),
            String::from_utf8_lossy(&output.stdout)
        );
    }
    let output = Command::new("shfmt")
        .env("HOME", env.home())
        .args(["-d", "-i", "4", "-ci"])
        .arg(&contrib)
        .arg(manifest_dir().join("shell/tips.bash"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "shfmt -d: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    // fish_indent makes fish's folders in HOME: the test's own.
    let status = Command::new("fish_indent")
        .env("HOME", env.home())
        .arg("--check")
        .arg(manifest_dir().join("shell/tips.fish"))
        .status()
        .unwrap();
    assert!(status.success(), "fish_indent --check shell/tips.fish");
}

/// The update-motd.d script, pointed at the built binary and at a system
/// playbook inside the test's HOME instead of /etc/xdg.
fn update_motd_script(env: &TestEnv, binaries: &str) -> std::path::PathBuf {
    let original =
        std::fs::read_to_string(manifest_dir().join("contrib/update-motd.d-60-tips")).unwrap();
    let etc_xdg = env.home().join("etc/xdg");
    for fixed in [
        "/usr/local/bin/tips /usr/bin/tips",
        "playbook=/etc/xdg/tips/tips.toml",
        "config_dirs=/etc/xdg",
    ] {
        assert!(original.contains(fixed), "the script still says {fixed}");
    }
    let script = original
        .replace("/usr/local/bin/tips /usr/bin/tips", binaries)
        .replace(
            "playbook=/etc/xdg/tips/tips.toml",
            &format!("playbook={}/tips/tips.toml", etc_xdg.display()),
        )
        .replace(
            "config_dirs=/etc/xdg",
            &format!("config_dirs={}", etc_xdg.display()),
        );
    env.write("60-tips", &script)
}

fn run_script(script: &Path, env: &TestEnv) -> (String, String) {
    // A playbook in the caller's environment must not reach it.
    let broken = env.write("team.toml", "this is not toml");
    let output = Command::new("sh")
        .arg(script)
        .env("TIPS_FILE", &broken)
        .env("HOME", env.home())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "the script always exits 0");
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

const SYSTEM_PLAYBOOK: &str = "replace_builtin = true\n[[tip]]\nnumber = 1\nslug = \"team\"\ntitle = \"The Team Way\"\nbody = \"b\"\nprompts = [\"a?\", \"b?\", \"c?\"]\n";

#[test]
fn the_update_motd_script_prints_a_builtin_tip_and_exits_0() {
    let env = TestEnv::new();
    let binary = tips_binary().display().to_string();
    let (text, stderr) = run_script(&update_motd_script(&env, &binary), &env);
    assert!(shows_a_tip(&text), "{text:?}");
    assert!(!text.contains('\u{1b}'));
    assert_eq!(stderr, "");

    let missing = update_motd_script(&env, "/nonexistent/tips");
    let (text, _) = run_script(&missing, &env);
    assert!(text.is_empty());
}

#[test]
fn the_update_motd_script_uses_the_system_playbook_only_if_only_root_can_write_it() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let script = update_motd_script(&env, &tips_binary().display().to_string());
    let playbook = env.write("etc/xdg/tips/tips.toml", SYSTEM_PLAYBOOK);
    let chmod =
        |mode| std::fs::set_permissions(&playbook, std::fs::Permissions::from_mode(mode)).unwrap();

    for mode in [0o664, 0o646] {
        chmod(mode);
        let (text, stderr) = run_script(&script, &env);
        assert!(
            shows_a_tip(&text) && !text.contains("The Team Way"),
            "{mode:o}: {text}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("only root can write"), "{stderr}");
    }

    chmod(0o644);
    let is_root = rustix::process::geteuid().is_root();
    if !needed(is_root, "root (to own the trusted playbook)") {
        return;
    }
    let (text, stderr) = run_script(&script, &env);
    assert!(text.contains("The Team Way"), "{text}");
    assert_eq!(stderr, "");

    // Owned by root but broken: a built-in tip and one line why.
    env.write("etc/xdg/tips/tips.toml", "[[tip]\n");
    let (text, stderr) = run_script(&script, &env);
    assert!(shows_a_tip(&text), "{text}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("showing a built-in tip"), "{stderr}");
}

#[test]
fn motd_is_at_most_8_lines_that_fit_80_columns() {
    let env = TestEnv::new();
    for date in [PLAIN_DAY, "2027-02-10", "2027-02-14", "2027-02-13"] {
        let text = stdout_of(&mut env.tips(&["motd", "--date", date]));
        let lines: Vec<&str> = text.lines().collect();
        assert!((3..=8).contains(&lines.len()), "{date}: {text}");
        assert!(
            lines.iter().all(|line| line.chars().count() <= 80),
            "{date}: {text}"
        );
        assert!(
            lines.last().unwrap().contains("to Valentine's Day")
                || lines.last().unwrap().contains("Valentine's Day is today")
        );
    }
}

#[test]
fn motd_fits_a_narrow_terminal() {
    let env = TestEnv::new();
    let text = stdout_of(
        env.tips(&["motd", "--date", PLAIN_DAY])
            .env("COLUMNS", "20"),
    );
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() <= 8, "{text}");
    assert!(
        lines.iter().all(|line| line.chars().count() <= 20),
        "{text}"
    );
}

#[test]
fn motd_rotates_its_prompt_by_date() {
    let env = TestEnv::new();
    let prompts: std::collections::HashSet<String> =
        ["2027-02-10", "2028-02-10", "2029-02-10", "2030-02-10"]
            .iter()
            .map(|date| {
                json_of(&mut env.tips(&["motd", "--json", "--date", date]))["prompt"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
    assert!(prompts.len() > 1, "the same prompt every year: {prompts:?}");
}

#[test]
fn motd_json_carries_the_tip_prompt_and_countdown() {
    let env = TestEnv::new();
    let motd = json_of(&mut env.tips(&["motd", "--json", "--date", "2027-02-10"]));
    assert_eq!(motd["date"], "2027-02-10");
    assert_eq!(motd["tip"]["slug"], "respect");
    let prompt = motd["prompt"].as_str().unwrap();
    assert!(motd["tip"]["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == prompt));
    assert_eq!(motd["countdown"]["days"], 4);
    assert_eq!(motd["shown"], true);
}

/// A script that asked for JSON gets JSON on every call: the later calls
/// of a day say that nothing is shown, rather than print nothing.
#[test]
fn motd_json_once_per_day_says_when_nothing_is_shown() {
    let env = TestEnv::new();
    let args = ["--json", "motd", "--once-per-day", "--date", PLAIN_DAY];
    let first = json_of(&mut env.tips(&args));
    assert_eq!(first["shown"], true);
    assert!(first["tip"]["slug"].is_string());
    let again = json_of(&mut env.tips(&args));
    assert_eq!(
        again,
        serde_json::json!({"date": PLAIN_DAY, "shown": false})
    );
}

#[test]
fn once_per_day_is_silent_the_same_day_and_prints_the_next() {
    let env = TestEnv::new();
    let first = stdout_of(&mut env.tips(&["motd", "--once-per-day", "--date", "2026-11-26"]));
    assert!(shows_a_tip(&first));
    env.tips(&["motd", "--once-per-day", "--date", "2026-11-26"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    let next = stdout_of(&mut env.tips(&["motd", "--once-per-day", "--date", "2026-11-27"]));
    assert!(shows_a_tip(&next));
    let recorded = std::fs::read_to_string(env.state_dir().join("motd-last-shown")).unwrap();
    assert_eq!(recorded, "2026-11-27\n");
}

#[test]
fn once_per_day_keeps_its_state_under_xdg_state_home() {
    let env = TestEnv::new();
    let state = env.home().join("elsewhere");
    env.tips(&["motd", "--once-per-day", "--date", PLAIN_DAY])
        .env("XDG_STATE_HOME", &state)
        .assert()
        .success();
    assert!(state.join("tips/motd-last-shown").exists());
    assert!(!env.state_dir().exists());
}

#[test]
fn an_unwritable_state_directory_still_shows_the_tip() {
    let env = TestEnv::new();
    // The login with its state kept under `state_home`: it shows the tip,
    // exits 0 and says in one line why the day was not recorded.
    let login_with_state_in = |state_home: &Path| {
        let output = env
            .tips(&["motd", "--once-per-day", "--date", PLAIN_DAY])
            .env("XDG_STATE_HOME", state_home)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        assert!(shows_a_tip(&String::from_utf8_lossy(&output.stdout)));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("tips: cannot record today's tip"),
            "{stderr}"
        );
        stderr
    };
    // A file where the directory should be: unwritable even for root.
    // What stands in the way is said as what it is: a file where a folder
    // belongs, a link to a drive not mounted.
    let blocker = env.write("blocked", "");
    let stderr = login_with_state_in(&blocker);
    assert!(
        stderr.contains(&format!(
            "{} is there, and is not a folder",
            blocker.display()
        )),
        "{stderr}"
    );
    let unmounted = env.home().join("unmounted");
    std::os::unix::fs::symlink(env.home().join("media/state"), &unmounted).unwrap();
    let stderr = login_with_state_in(&unmounted);
    assert!(
        stderr.contains(&format!(
            "{} is a link to {}, which is not there",
            unmounted.display(),
            env.home().join("media/state").display()
        )),
        "{stderr}"
    );
}

#[test]
fn no_home_still_shows_the_tip() {
    let env = TestEnv::new();
    for once in [false, true] {
        let mut command = env.tips(&["motd", "--date", PLAIN_DAY]);
        if once {
            command.arg("--once-per-day");
        }
        let output = command.env_remove("HOME").output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        assert!(shows_a_tip(&String::from_utf8_lossy(&output.stdout)));
        assert!(String::from_utf8_lossy(&output.stderr).lines().count() <= 1);
    }
}

#[test]
fn forty_logins_at_once_show_one_tip_and_leave_good_state() {
    let env = TestEnv::new();
    let children: Vec<_> = (0..40)
        .map(|_| {
            env.process(&["motd", "--once-per-day", "--date", PLAIN_DAY])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|child| child.wait_with_output().unwrap())
        .collect();
    assert!(outputs.iter().all(|output| output.status.success()));
    assert!(outputs.iter().all(|output| output.stderr.is_empty()));
    let shown = outputs
        .iter()
        .filter(|output| !output.stdout.is_empty())
        .count();
    assert_eq!(shown, 1, "exactly one of the logins shows the tip");
    let recorded = std::fs::read_to_string(env.state_dir().join("motd-last-shown")).unwrap();
    assert_eq!(recorded, format!("{PLAIN_DAY}\n"));
    // No temporary files are left behind, and the day is remembered.
    let leftovers: Vec<_> = std::fs::read_dir(env.state_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    env.tips(&["motd", "--once-per-day", "--date", PLAIN_DAY])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn a_bad_motd_command_line_is_still_exit_2() {
    let env = TestEnv::new();
    env.tips(&["motd", "--once-a-day"]).assert().code(2);
}

/// The day is used up only by a tip that reached the terminal: a login
/// whose output fails (here, a full disk) leaves the day to the next shell.
#[test]
fn a_tip_that_cannot_be_shown_does_not_use_up_the_day() {
    let env = TestEnv::new();
    let args = ["motd", "--once-per-day", "--date", PLAIN_DAY];
    let failed = env.writing_to_full_disk(&args);
    assert_eq!(failed.status.code(), Some(0), "a login never fails");
    assert_eq!(String::from_utf8_lossy(&failed.stderr).lines().count(), 1);
    let next = stdout_of(&mut env.tips(&args));
    assert!(
        shows_a_tip(&next),
        "the next shell shows the day's tip: {next:?}"
    );
    assert_eq!(stdout_of(&mut env.tips(&args)), "", "and only that one");
}

/// `tips motd --once-per-day` with `ARGS`, ended by force after 20
/// seconds (which fails the test).
fn once_per_day(env: &TestEnv, extra: &[&str]) -> Output {
    let mut command = env.process(&["motd", "--once-per-day", "--date", PLAIN_DAY]);
    command.args(extra);
    within_20_seconds(command)
}

fn one_line_saying(output: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("tips: ") && stderr.contains(what),
        "{stderr}"
    );
}

/// Puts something where the state goes.
type MakeState = dyn Fn(&Path);

/// A state that cannot be used (a FIFO, a link to /dev/zero, a directory,
/// something too large or not a day) neither blocks nor hides the tip: the
/// tip shows, one line says why, and the day is recorded afresh.
#[test]
fn a_state_that_cannot_be_used_shows_the_tip_and_says_why() {
    let cases: [(&str, &MakeState, &str); 5] = [
        ("FIFO", &|path| make_fifo(path), "a FIFO"),
        (
            "/dev/zero",
            &|path| std::os::unix::fs::symlink("/dev/zero", path).unwrap(),
            "a device",
        ),
        (
            "directory",
            &|path| std::fs::create_dir(path).unwrap(),
            "a directory",
        ),
        (
            "large file",
            &|path| std::fs::write(path, vec![b'2'; 1 << 20]).unwrap(),
            "too large",
        ),
        (
            "not a day",
            &|path| std::fs::write(path, "yesterday\n").unwrap(),
            "not a day written by tips",
        ),
    ];
    for (name, make, what) in cases {
        let env = TestEnv::new();
        std::fs::create_dir_all(env.state_dir()).unwrap();
        let state = env.state_dir().join("motd-last-shown");
        make(&state);
        let output = once_per_day(&env, &[]);
        assert_eq!(output.status.code(), Some(0), "{name}");
        assert!(
            shows_a_tip(&String::from_utf8_lossy(&output.stdout)),
            "{name}"
        );
        one_line_saying(&output, what);
        if name != "directory" {
            // Replaced by the day, so the next shell is quiet.
            assert_eq!(
                std::fs::read_to_string(&state).unwrap(),
                format!("{PLAIN_DAY}\n"),
                "{name}"
            );
            let again = once_per_day(&env, &[]);
            assert!(again.stdout.is_empty() && again.stderr.is_empty(), "{name}");
        }
    }
}

/// A directory where the day's claim goes was not made by `tips`: the tip
/// shows, with one line why, instead of the day passing in silence.
#[test]
fn a_directory_as_the_days_claim_does_not_hide_the_tip() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.state_dir().join(format!("motd-claim-{PLAIN_DAY}"))).unwrap();
    let output = once_per_day(&env, &[]);
    assert_eq!(output.status.code(), Some(0));
    assert!(shows_a_tip(&String::from_utf8_lossy(&output.stdout)));
    one_line_saying(&output, "is a directory, not a claim made by tips");
}

/// At most one line on stderr, the first problem: a broken playbook, then
/// a full disk; a state that cannot be written, then a full disk.
#[test]
fn motd_says_only_the_first_of_two_problems() {
    let env = TestEnv::new();
    let broken = env.write("broken.toml", "[[tip]\n");
    let output = env.writing_to_full_disk(&[
        "--tips-file",
        broken.to_str().unwrap(),
        "motd",
        "--once-per-day",
        "--date",
        PLAIN_DAY,
    ]);
    assert_eq!(output.status.code(), Some(0));
    one_line_saying(&output, "showing a built-in tip");

    let env = TestEnv::new();
    let blocker = env.write("blocked", "");
    let mut command = env.process(&["motd", "--once-per-day", "--date", PLAIN_DAY]);
    command
        .env("XDG_STATE_HOME", &blocker)
        .stdout(std::fs::File::create("/dev/full").unwrap());
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    one_line_saying(&output, "cannot record today's tip");
}

/// A closed stdout (`tips motd >&-`) is a tip not shown: exit 0 for the
/// login, one line, and the day stays open for the next shell.
#[test]
fn a_closed_stdout_gives_the_day_back() {
    let env = TestEnv::new();
    let output = Command::new("/bin/sh")
        .args(["-c", "exec \"$@\" >&-", "sh"])
        .arg(tips_binary())
        .args([
            "--color",
            "never",
            "motd",
            "--once-per-day",
            "--date",
            PLAIN_DAY,
        ])
        .env_clear()
        .env("HOME", env.home())
        .env("XDG_CONFIG_DIRS", env.home().join("etc/xdg"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    one_line_saying(&output, "Bad file descriptor");
    let next = stdout_of(&mut env.tips(&["motd", "--once-per-day", "--date", PLAIN_DAY]));
    assert!(shows_a_tip(&next), "the next shell shows the day's tip");
}

/// Shells in two time zones, or `--date` going back and forth: a day
/// counts as shown when the recorded day is today or up to two days after
/// it, so D+1, D, D+1 shows one tip; a record further ahead (a clock that
/// was wrong) hides nothing.
#[test]
fn a_later_day_already_shown_covers_the_day_before() {
    let env = TestEnv::new();
    let shows = |date: &str| {
        let text = stdout_of(&mut env.tips(&["motd", "--once-per-day", "--date", date]));
        shows_a_tip(&text)
    };
    assert!(shows("2026-11-27"));
    assert!(!shows("2026-11-26"));
    assert!(!shows("2026-11-25"));
    assert!(!shows("2026-11-27"));
    assert!(shows("2026-11-28"));
    assert!(shows("2026-11-20"), "six days behind the record: shown");
    assert!(!shows("2026-11-20"));
}

/// The quiet call of the day reads no playbook: with a team playbook in
/// force, the day's first call opens it (watched with inotify), the
/// second does not.
#[test]
fn the_quiet_call_of_the_day_opens_no_playbook() {
    let env = TestEnv::new();
    let playbook = env.write(
        ".config/tips/tips.toml",
        "[[tip]]\nnumber = 11\nslug = \"team\"\ntitle = \"Team\"\nbody = \"b\"\nprompts = [\"a?\", \"b?\", \"c?\"]\n",
    );
    let opens = |run: &mut dyn FnMut()| -> usize {
        use rustix::fs::inotify;
        let watcher =
            inotify::init(inotify::CreateFlags::NONBLOCK | inotify::CreateFlags::CLOEXEC).unwrap();
        inotify::add_watch(&watcher, &playbook, inotify::WatchFlags::OPEN).unwrap();
        run();
        let mut buffer = [std::mem::MaybeUninit::uninit(); 4096];
        let mut events = inotify::Reader::new(&watcher, &mut buffer);
        let mut count = 0;
        // Nothing more to read is WOULDBLOCK, as the watcher does not block.
        while events.next().is_ok() {
            count += 1;
        }
        count
    };
    let args = ["motd", "--once-per-day", "--date", PLAIN_DAY];
    let first = opens(&mut || assert!(shows_a_tip(&stdout_of(&mut env.tips(&args)))));
    assert!(first >= 1, "the first call reads the playbook");
    let again = opens(&mut || assert_eq!(stdout_of(&mut env.tips(&args)), ""));
    assert_eq!(again, 0, "the quiet call opened the playbook");
}

// The state's temporary file was created through any link planted at its
// name, which the process id predicts: a login overwrote the link's target.
#[test]
fn a_link_planted_where_the_state_is_written_is_never_followed() {
    let env = TestEnv::new();
    let target = env.write("precious", "keep me\n");
    let state = env.state_dir();
    std::fs::create_dir_all(&state).unwrap();
    // A day recorded before, so that both the claim and a give-back write.
    std::fs::write(state.join("motd-last-shown"), "2026-11-20\n").unwrap();
    // Process ids are handed out in order: a link at the name of every id
    // the next few hundred processes may get.
    let next = std::process::Command::new("true").spawn().unwrap().id();
    for pid in next..next + 400 {
        std::os::unix::fs::symlink(&target, state.join(format!(".motd-last-shown.{pid}.tmp")))
            .unwrap();
    }
    let shown = once_per_day(&env, &[]);
    assert!(shows_a_tip(&String::from_utf8_lossy(&shown.stdout)));
    // A day given back rewrites the state as well.
    env.writing_to_closed_pipe(&["motd", "--once-per-day", "--date", "2026-11-27"]);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me\n");
    assert_eq!(
        std::fs::read_to_string(state.join("motd-last-shown")).unwrap(),
        format!("{PLAIN_DAY}\n")
    );
}

// Every file `tips motd` creates is created only where nothing is (O_EXCL),
// so that no link planted anywhere it writes can be followed.
#[test]
fn every_file_the_login_creates_is_created_new() {
    if !require("strace") {
        return;
    }
    let env = TestEnv::new();
    std::fs::create_dir_all(env.state_dir()).unwrap();
    std::fs::write(env.state_dir().join("motd-last-shown"), "2026-11-20\n").unwrap();
    let log = env.home().join("strace.log");
    let strace = common::installed("strace").unwrap();
    let mut command = Command::new(strace);
    command
        .args(["-f", "-e", "trace=open,openat,creat", "-o"])
        .arg(&log)
        .arg(tips_binary())
        .args([
            "--color",
            "never",
            "motd",
            "--once-per-day",
            "--date",
            PLAIN_DAY,
        ])
        .env_clear()
        .env("HOME", env.home())
        .env("XDG_CONFIG_DIRS", env.home().join("etc/xdg"));
    let output = within_20_seconds(command);
    assert!(shows_a_tip(&String::from_utf8_lossy(&output.stdout)));
    let calls = std::fs::read_to_string(&log).unwrap();
    let creating: Vec<&str> = calls
        .lines()
        .filter(|call| call.contains("O_CREAT") || call.contains("creat("))
        .collect();
    assert!(creating.len() >= 2, "the claim and the state: {calls}");
    for call in creating {
        assert!(call.contains("O_EXCL"), "{call}");
    }
}

// A state folder that others can write to was used as it was, and said
// nothing.
#[test]
fn a_state_folder_others_can_write_to_is_named_and_the_tip_still_shown() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let state = env.state_dir();
    std::fs::create_dir_all(&state).unwrap();
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o777)).unwrap();
    for _ in 0..2 {
        let output = once_per_day(&env, &[]);
        assert_eq!(output.status.code(), Some(0));
        assert!(shows_a_tip(&String::from_utf8_lossy(&output.stdout)));
        one_line_saying(&output, "other users can write to it (mode 777)");
        one_line_saying(&output, &state.display().to_string());
        assert_eq!(
            std::fs::read_dir(&state).unwrap().count(),
            0,
            "nothing written"
        );
    }
    // Under umask 000, the folder tips makes is still private to the user,
    // so the second login of the day is quiet.
    std::fs::remove_dir(&state).unwrap();
    for expected_tip in [true, false] {
        let mut shell = Command::new("/bin/sh");
        shell
            .args([
                "-c",
                "umask 000 && exec \"$TIPS\" --color never motd --once-per-day --date 2026-11-26",
            ])
            .env_clear()
            .env("HOME", env.home())
            .env("XDG_CONFIG_DIRS", env.home().join("etc/xdg"))
            .env("TIPS", tips_binary());
        let output = within_20_seconds(shell);
        assert_eq!(
            shows_a_tip(&String::from_utf8_lossy(&output.stdout)),
            expected_tip
        );
        assert!(
            output.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let mode = std::fs::metadata(&state).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
}

/// The rows `text` takes on a terminal `width` columns wide: a line wider
/// than the terminal goes on in the next row.
fn terminal_rows(text: &str, width: usize) -> usize {
    use unicode_width::UnicodeWidthStr;
    text.lines()
        .map(|line| line.width().div_ceil(width).max(1))
        .sum()
}

// On a terminal 1 column wide the motd took 68 rows, and 13 at 10 columns:
// the width was never taken below 16, and an indent was kept however
// narrow the screen.
#[test]
fn motd_takes_at_most_8_rows_at_any_width() {
    let env = TestEnv::new();
    // A Valentine's Day greeting, a tagline, and (on the plain day, the
    // same tip ten days on) a line from the journal: the fullest pages.
    env.tips(&[
        "reflect",
        "--date",
        "2026-11-16",
        "-m",
        "They asked about my family and we talked for an hour.",
    ])
    .assert()
    .success();
    let days = [PLAIN_DAY, "2027-02-10", "2027-02-14", "2027-02-13"];
    let widths = (1..=20).chain([24, 32, 40, 60, 80, 100, 120, 200]);
    for width in widths {
        for date in days {
            let text = stdout_of(
                env.tips(&["motd", "--date", date])
                    .env("COLUMNS", width.to_string()),
            );
            let rows = terminal_rows(&text, width);
            assert!(rows <= 8, "{width} columns, {date}: {rows} rows\n{text}");
            assert!(text.lines().count() >= 3, "{width} columns, {date}: {text}");
        }
    }
}

/// The shell on a terminal at a fixed clock (noon UTC of [`PLAIN_DAY`]),
/// with `vars`. `None` when the shell or faketime is missing.
fn login_at_plain_day_noon(shell: &Shell, env: &TestEnv, vars: &[(&str, &str)]) -> Option<String> {
    let programs = shell.programs()?;
    Programs::new(&["faketime"])?;
    let programs = programs.with_tips();
    std::os::unix::fs::symlink(which("faketime").unwrap(), programs.path().join("faketime"))
        .unwrap();
    let line = format!(
        "faketime -f \"@{PLAIN_DAY} 12:00:00\" {}",
        shell.with_readme_line()
    );
    Some(on_pty(env, &programs, &line, vars))
}

/// A state for the shells to judge: its name, what the state file holds
/// (`None`: no file), and the variables that go with it.
type StateCase<'a> = (&'a str, Option<Vec<u8>>, &'a [(&'a str, &'a str)]);

// bash's `read` dropped blanks and NULs, so bash stayed quiet on states
// that tips does not take as today's; zsh looked at the first line only;
// with HOME empty, bash read /.local/state.
#[test]
fn the_snippets_decide_as_tips_does_on_any_state() {
    let day = PLAIN_DAY;
    let states: Vec<StateCase> = vec![
        ("the form tips writes", Some(format!("{day}\n").into()), &[]),
        ("two blanks first", Some(format!("  {day}\n").into()), &[]),
        ("a tab first", Some(format!("\t{day}\n").into()), &[]),
        (
            "a NUL after the day",
            Some(format!("{day}\0\n").into()),
            &[],
        ),
        ("a NUL at the end", Some(format!("{day}\n\0").into()), &[]),
        ("two lines", Some(format!("{day}\n{day}\n").into()), &[]),
        ("no newline", Some(day.into()), &[]),
        ("a blank at the end", Some(format!("{day} \n").into()), &[]),
        ("a carriage return", Some(format!("{day}\r\n").into()), &[]),
        ("the next day", Some(b"2026-11-27\n".to_vec()), &[]),
        ("the day before", Some(b"2026-11-25\n".to_vec()), &[]),
        ("empty", Some(Vec::new()), &[]),
        ("HOME empty", None, &[("HOME", "")]),
        ("HOME relative", None, &[("HOME", "home")]),
    ];
    for shell in [&BASH, &ZSH, &FISH] {
        for (name, state, vars) in &states {
            // fish puts the user's home from the password database in an
            // empty HOME, which would be outside the test's own folder.
            if shell.name == "fish" && !vars.is_empty() {
                continue;
            }
            // What tips itself decides, given the same state at the same
            // moment: a shell must show the tip exactly when it does.
            let env = TestEnv::new();
            if let Some(state) = state {
                std::fs::create_dir_all(env.state_dir()).unwrap();
                std::fs::write(env.state_dir().join("motd-last-shown"), state).unwrap();
            }
            let mut by_tips = env.process(&["motd", "--once-per-day", "--date", day]);
            for (var, value) in *vars {
                by_tips.env(var, value);
            }
            let tips_shows =
                shows_a_tip(&String::from_utf8_lossy(&within_20_seconds(by_tips).stdout));

            let env = TestEnv::new();
            if let Some(state) = state {
                std::fs::create_dir_all(env.state_dir()).unwrap();
                std::fs::write(env.state_dir().join("motd-last-shown"), state).unwrap();
            }
            let Some(text) = login_at_plain_day_noon(shell, &env, vars) else {
                return;
            };
            assert_eq!(
                shows_a_tip(&text),
                tips_shows,
                "{} with {name}: {text:?}",
                shell.name
            );
            assert!(
                text.trim_end().ends_with("rc=0"),
                "{} with {name}: {text:?}",
                shell.name
            );
        }
    }
}

// A clock before 1970 made every new bash print chrono's panic instead of
// the tip.
#[test]
fn a_bash_login_on_a_clock_before_1970_shows_the_tip() {
    let Some(programs) = BASH.programs() else {
        return;
    };
    if Programs::new(&["faketime"]).is_none() {
        return;
    }
    let programs = programs.with_tips();
    std::os::unix::fs::symlink(which("faketime").unwrap(), programs.path().join("faketime"))
        .unwrap();
    let env = TestEnv::new();
    let line = format!(
        "faketime -f \"@1969-12-31 23:00:00\" {}",
        BASH.with_readme_line()
    );
    let first = on_pty(&env, &programs, &line, &[]);
    assert!(shows_a_tip(&first), "{first:?}");
    assert!(!first.contains("panicked"), "{first:?}");
    assert!(first.trim_end().ends_with("rc=0"), "{first:?}");
    assert_eq!(
        std::fs::read_to_string(env.state_dir().join("motd-last-shown")).unwrap(),
        "1969-12-31\n"
    );
    let second = on_pty(&env, &programs, &line, &[]);
    assert_eq!(
        second.trim(),
        "rc=0",
        "the second shell of that day stays quiet"
    );
}

/// Waits for `condition`, and fails the test if it has not come in 20
/// seconds.
fn wait_for(what: &str, condition: impl Fn() -> bool) {
    let started = std::time::Instant::now();
    while !condition() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{what} never came"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

// Ctrl-C, or a terminal closed (SIGHUP), while the tip was being written
// ended `tips` with the day claimed and the tip unseen.
#[test]
fn a_signal_while_the_tip_is_written_gives_the_day_back() {
    use rustix::process::{kill_process, Pid, Signal};
    use std::io::Write;
    use std::os::unix::process::ExitStatusExt;
    for signal in [Signal::HUP, Signal::INT, Signal::QUIT, Signal::TERM] {
        let env = TestEnv::new();
        // A pipe already full, which nobody reads: the tip's write waits.
        let (reader, mut writer) = std::io::pipe().unwrap();
        rustix::io::ioctl_fionbio(&writer, true).unwrap();
        while writer.write(&[b'x'; 4096]).is_ok() {}
        rustix::io::ioctl_fionbio(&writer, false).unwrap();
        let mut command = env.process(&["motd", "--once-per-day", "--date", PLAIN_DAY]);
        command.stdout(writer).stderr(Stdio::null());
        let mut child = command.spawn().unwrap();
        drop(command);
        // The day is claimed before the tip is written.
        let recorded = env.state_dir().join("motd-last-shown");
        wait_for("the claim", || recorded.exists());
        kill_process(Pid::from_child(&child), signal).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(
            status.signal(),
            Some(signal.as_raw()),
            "{signal:?}: {status:?}"
        );
        drop(reader);
        let next = once_per_day(&env, &[]);
        assert!(
            shows_a_tip(&String::from_utf8_lossy(&next.stdout)),
            "{signal:?}: the day was given back, so the next shell shows the tip"
        );
    }
}

/// A state folder with no room for one more file, where the claim is made
/// or where the record is written through a temporary file: the tip shows,
/// and the one line says what the disk said, not something else.
#[test]
fn a_state_folder_out_of_room_shows_the_tip_and_says_why() {
    // A tmpfs of 2 inodes holds its own root and the state folder; of 3,
    // the claim too.
    for inodes in [2, 3] {
        let env = TestEnv::new();
        let state = env.home().join("state");
        let Some(_disk) =
            SmallDisk::mount(&state, &format!("size=64k,nr_inodes={inodes},mode=0700"))
        else {
            needed(false, "permission to mount a small tmpfs (root)");
            return;
        };
        let output = env
            .tips(&["motd", "--once-per-day", "--date", PLAIN_DAY])
            .env("XDG_STATE_HOME", &state)
            .output()
            .unwrap();
        assert!(output.status.success(), "{inodes} inodes");
        assert!(shows_a_tip(&String::from_utf8_lossy(&output.stdout)));
        let said = String::from_utf8_lossy(&output.stderr);
        assert_eq!(said.lines().count(), 1, "{inodes} inodes: {said}");
        assert!(
            said.contains("No space left on device"),
            "{inodes} inodes: {said}"
        );
    }
}
