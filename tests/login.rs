//! `tips motd` and the shell snippets: a tip at login that never breaks one.

mod common;

use common::{json_of, needed, require, stdout_of, tips_binary, tips_dir, TestEnv, PLAIN_DAY};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs a shell command line with stdout on a pipe, as scp or `ssh host
/// cmd` would.
fn off_terminal(env: &TestEnv, program: &str, args: &[&str]) -> Output {
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", tips_dir().display());
    Command::new(program)
        .args(args)
        .env_clear()
        .env("HOME", env.home())
        .env("PATH", path)
        .stdin(Stdio::null())
        .output()
        .expect("the shell runs")
}

struct Shell {
    name: &'static str,
    /// Runs `tips init` in an interactive shell, then prints `rc=<status>`.
    interactive: &'static str,
    non_interactive: [&'static str; 3],
}

const BASH: Shell = Shell {
    name: "bash",
    interactive: r#"bash --noprofile --norc -euo pipefail -i -c 'eval "$(tips init bash)"; echo "rc=$?"'"#,
    non_interactive: ["bash", "--noprofile", "--norc -euo pipefail -c"],
};
const ZSH: Shell = Shell {
    name: "zsh",
    interactive: r#"zsh -f -e -u -o pipefail -i -c 'eval "$(tips init zsh)"; echo "rc=$?"'"#,
    non_interactive: ["zsh", "-f", "-euo pipefail -c"],
};
const FISH: Shell = Shell {
    name: "fish",
    interactive: r#"fish --no-config -i -c 'tips init fish | source; echo "rc=$status"'"#,
    non_interactive: ["fish", "--no-config", "-c"],
};

fn available(shell: &Shell) -> bool {
    require(shell.name) && require("script")
}

fn shows_a_tip(text: &str) -> bool {
    text.contains("Tip ") && text.contains("to Valentine's Day")
}

fn check_interactive_shell_shows_the_tip_once_a_day(shell: &Shell) {
    if !available(shell) {
        return;
    }
    let env = TestEnv::new();
    let first = env.on_terminal(shell.interactive, &[]);
    assert!(shows_a_tip(&first), "{}: {first:?}", shell.name);
    assert!(
        first.trim_end().ends_with("rc=0"),
        "{}: {first:?}",
        shell.name
    );
    let second = env.on_terminal(shell.interactive, &[]);
    assert_eq!(
        second.trim(),
        "rc=0",
        "{}: the second shell of the day stays quiet",
        shell.name
    );
}

fn check_non_interactive_shell_prints_nothing(shell: &Shell) {
    if !available(shell) {
        return;
    }
    let env = TestEnv::new();
    let script = match shell.name {
        "fish" => "tips init fish | source; echo done",
        name => &format!("eval \"$(tips init {name})\"; echo done"),
    };
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
    let text = env.on_terminal(&format!("{program} {}", quoted.join(" ")), &[]);
    assert_eq!(text.trim(), "done", "{}", shell.name);
    assert!(
        !env.state_dir().exists(),
        "{}: nothing was recorded",
        shell.name
    );
}

fn check_quiet_logins_stay_quiet(shell: &Shell) {
    if !available(shell) {
        return;
    }
    let env = TestEnv::new();
    let quiet = env.on_terminal(shell.interactive, &[("TIPS_QUIET", "")]);
    assert_eq!(quiet.trim(), "rc=0", "{}: TIPS_QUIET", shell.name);
    std::fs::write(env.home().join(".hushlogin"), "").unwrap();
    let hushed = env.on_terminal(shell.interactive, &[]);
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
    if !require("script") {
        return;
    }
    let env = TestEnv::new();
    let line = r#"bash --noprofile --norc -i -c 'eval "$(tips init bash --every-shell)"'"#;
    for _ in 0..2 {
        let text = env.on_terminal(line, &[]);
        assert!(shows_a_tip(&text), "{text:?}");
    }
}

#[test]
fn the_snippet_ignores_aliases_and_functions_named_like_its_commands() {
    if !require("script") {
        return;
    }
    let env = TestEnv::new();
    let binary = tips_binary().display().to_string();
    // Aliases apply from the line after their definition, so they go in a
    // file that the interactive shell sources line by line.
    let rc = env.write(
        "hijack.bash",
        &format!(
            "tips() {{ echo hijacked; }}\n\
             alias command='echo hijacked'\n\
             alias builtin='echo hijacked'\n\
             alias tips='echo hijacked'\n\
             alias unset='echo hijacked'\n\
             eval \"$('{binary}' init bash --every-shell)\"\n"
        ),
    );
    let line = format!("bash --noprofile --norc -i -c '. {}'", rc.display());
    let text = env.on_terminal(&line, &[]);
    assert!(shows_a_tip(&text) && !text.contains("hijacked"), "{text:?}");
}

#[test]
fn without_tips_on_path_the_snippet_does_nothing() {
    if !require("script") {
        return;
    }
    let env = TestEnv::new();
    let snippet = stdout_of(&mut env.tips(&["init", "bash"]));
    let rc = env.write("snippet.bash", &snippet);
    let line = format!(
        "PATH=/usr/bin:/bin bash --noprofile --norc -euo pipefail -i -c '. {}; echo rc=$?'",
        rc.display()
    );
    let text = env.on_terminal(&line, &[]);
    assert_eq!(text.trim(), "rc=0");
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
    let status = Command::new("fish_indent")
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
    // SAFETY: geteuid only reads the process's user id.
    let is_root = unsafe { libc::geteuid() } == 0;
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
    // A file where the directory should be: unwritable even for root.
    let blocker = env.write("blocked", "");
    let output = env
        .tips(&["motd", "--once-per-day", "--date", PLAIN_DAY])
        .env("XDG_STATE_HOME", &blocker)
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
