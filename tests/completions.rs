//! Shell completion in the real shells: the script `tips completions SHELL`
//! prints, loaded as users load it, completing commands, option values and
//! the names of the tips in force when TAB is pressed. Each shell runs with
//! the temporary HOME and a PATH that holds only what the test provides.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{installed, require, stdout_of, tips_binary, TestEnv};

const TEAM: &str = r#"
[[tip]]
number = 11
slug = "follow-up"
title = "Follow Up Fast"
body = "Send the notes the same day."
prompts = ["What did I promise?", "Who needs the notes?", "What happens next?"]
"#;

/// A folder for the shell's PATH holding `tips` and the named tools only.
fn bin_with(env: &TestEnv, tools: &[&str]) -> PathBuf {
    let bin = env.home().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(tips_binary(), bin.join("tips")).unwrap();
    for tool in tools {
        let found = installed(tool).unwrap_or_else(|| panic!("{tool} is installed"));
        std::os::unix::fs::symlink(found, bin.join(tool)).unwrap();
    }
    bin
}

/// A shell run with nothing of the caller's environment.
fn shell(env: &TestEnv, shell: &Path, bin: &Path) -> Command {
    let mut command = Command::new(shell);
    command
        .env_clear()
        .env("HOME", env.home())
        .env("XDG_CONFIG_DIRS", env.home().join("etc/xdg"))
        .env("PATH", bin)
        .current_dir(env.home())
        .stdin(Stdio::null());
    command
}

/// What bash's completion function offers for a line whose last word is
/// under the cursor.
fn bash_offers(env: &TestEnv, script: &Path, bin: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|word| format!("'{word}'")).collect();
    let probe = format!(
        ". '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{}'; COMP_POINT=${{#COMP_LINE}}; \
         _clap_complete_tips tips \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words.join(" "),
    );
    let output = shell(env, &installed("bash").unwrap(), bin)
        .args(["--noprofile", "--norc", "-c", &probe])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "{words:?}: nothing on the terminal"
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_commands_values_and_the_tips_in_force_at_tab() {
    if !require("bash") {
        return;
    }
    let env = TestEnv::new();
    let bin = bin_with(&env, &[]);
    env.write("a-file-in-the-way", "");
    let script = env.write(
        "tips.bash",
        &stdout_of(&mut env.tips(&["completions", "bash"])),
    );
    let offers = |words: &[&str]| bash_offers(&env, &script, &bin, words);
    assert_eq!(offers(&["tips", "show", "res"]), ["respect"]);
    assert_eq!(offers(&["tips", "--json", "show", "res"]), ["respect"]);
    assert_eq!(
        offers(&["tips", "show", "--date", "2027-02-10", "res"]),
        ["respect"]
    );
    assert!(offers(&["tips", "sh"]).contains(&"show".to_string()));
    assert_eq!(offers(&["tips", "--color", "n"]), ["never"]);
    assert_eq!(offers(&["tips", "help", "cal"]), ["calendar"]);
    assert_eq!(offers(&["tips", "fee"]), ["feed"]);
    assert_eq!(offers(&["tips", "feed", "--base"]), ["--base-url"]);
    // `tips site DIR` offers folders, never files.
    std::fs::create_dir_all(env.home().join("public_html")).unwrap();
    assert!(offers(&["tips", "si"]).contains(&"site".to_string()));
    assert_eq!(offers(&["tips", "site", "pu"]), ["public_html/"]);
    assert_eq!(offers(&["tips", "site", "a-f"]), Vec::<String>::new());
    for words in [
        &["tips", "--date", ""][..],
        &["tips", "calendar", "--from", ""],
        &["tips", "site", "--base-url", ""],
    ] {
        let offered = offers(words);
        assert!(
            !offered
                .iter()
                .any(|word| word.contains("a-file-in-the-way")),
            "{words:?} offers files: {offered:?}"
        );
    }
    // A playbook that appears after the script was written is completed.
    assert_eq!(offers(&["tips", "show", "fol"]), Vec::<String>::new());
    env.write(".config/tips/tips.toml", TEAM);
    assert_eq!(offers(&["tips", "show", "fol"]), ["follow-up"]);
    // A broken playbook: the built-in names, and nothing on the terminal.
    env.write(".config/tips/tips.toml", "[[tip]]\nnumber = ");
    assert_eq!(offers(&["tips", "show", "res"]), ["respect"]);
    assert_eq!(offers(&["tips", "show", "fol"]), Vec::<String>::new());
}

#[test]
fn fish_completes_tip_names_with_their_titles_made_safe() {
    if !require("fish") {
        return;
    }
    let env = TestEnv::new();
    let bin = bin_with(&env, &[]);
    env.write(
        ".config/tips/tips.toml",
        &TEAM.replace("Follow Up Fast", r"It's a \\ 'quote' \u001b[31m"),
    );
    let script = env.write(
        "tips.fish",
        &stdout_of(&mut env.tips(&["completions", "fish"])),
    );
    let complete = |line: &str| {
        let probe = format!("source '{}'; complete -C '{line}'", script.display());
        let output = shell(&env, &installed("fish").unwrap(), &bin)
            .args(["--no-config", "-c", &probe])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert_eq!(complete("tips show res"), "respect\tRespect\n");
    assert_eq!(
        complete("tips show fol"),
        "follow-up\tIt's a \\ 'quote' ^[[31m\n"
    );
    for line in ["tips --color ", "tips today --color "] {
        let values: Vec<String> = complete(line)
            .lines()
            .map(|line| line.split('\t').next().unwrap_or_default().to_string())
            .collect();
        assert_eq!(values, ["auto", "always", "never"], "{line:?}");
    }
}

/// Runs an interactive zsh in tmux, types `keys` and gives the screen once
/// it shows `expected` (or after ten seconds). Each call has a tmux server
/// of its own, named by `server`.
fn zsh_screen(
    env: &TestEnv,
    server: &str,
    bin: &Path,
    zshrc: &str,
    keys: &[&str],
    expected: &str,
) -> String {
    let tmux = installed("tmux").unwrap();
    env.write(".zshrc", zshrc);
    let tmux_command = |args: &[&str]| {
        let mut command = Command::new(&tmux);
        command
            .env_clear()
            .env("HOME", env.home())
            .env("PATH", bin)
            .env("TERM", "xterm")
            .env("TMUX_TMPDIR", env.home())
            .env("XDG_CONFIG_DIRS", env.home().join("etc/xdg"))
            .args(["-L", server, "-f", "/dev/null"])
            .args(args)
            .stdin(Stdio::null());
        command.output().unwrap()
    };
    let zsh = installed("zsh").unwrap();
    let started = tmux_command(&[
        "new-session",
        "-d",
        "-x",
        "120",
        "-y",
        "20",
        &format!("ZDOTDIR='{}' '{}' -i", env.home().display(), zsh.display()),
    ]);
    assert!(started.status.success(), "{started:?}");
    std::thread::sleep(Duration::from_millis(500));
    for key in keys {
        tmux_command(&["send-keys", key]);
        std::thread::sleep(Duration::from_millis(300));
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut screen = String::new();
    while Instant::now() < deadline {
        let captured = tmux_command(&["capture-pane", "-p"]);
        screen = String::from_utf8_lossy(&captured.stdout).into_owned();
        if screen.contains(expected) {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    tmux_command(&["kill-server"]);
    screen
}

#[test]
fn zsh_completes_a_tip_name_at_the_first_tab_from_fpath() {
    if !(require("zsh") && require("tmux")) {
        return;
    }
    let env = TestEnv::new();
    // clap's completer for zsh calls `expr`, and compinit `mv`.
    let bin = bin_with(&env, &["expr", "mv"]);
    env.write(
        "zfunc/_tips",
        &stdout_of(&mut env.tips(&["completions", "zsh"])),
    );
    env.write(".config/tips/tips.toml", TEAM);
    let zshrc =
        "PS1='> '\nfpath=(~/zfunc $fpath)\nautoload -Uz compinit && compinit -u -d ~/.zcompdump\n";
    let screen = zsh_screen(
        &env,
        "first",
        &bin,
        zshrc,
        &["tips show fol", "Tab"],
        "tips show follow-up",
    );
    assert!(screen.contains("> tips show follow-up"), "{screen}");
    let screen = zsh_screen(
        &env,
        "second",
        &bin,
        zshrc,
        &["tips show res", "Tab"],
        "tips show respect",
    );
    assert!(screen.contains("> tips show respect"), "{screen}");
}

#[test]
fn every_shells_script_passes_its_syntax_check() {
    let env = TestEnv::new();
    for (shell, check) in [("bash", "-n"), ("zsh", "-n"), ("fish", "--no-execute")] {
        let script = env.write(
            &format!("tips.{shell}"),
            &stdout_of(&mut env.tips(&["completions", shell])),
        );
        if !require(shell) {
            continue;
        }
        let output = shell_check(&env, shell, check, &script);
        assert!(output.status.success(), "{shell}: {output:?}");
    }
    for shell in ["elvish", "powershell"] {
        let script = stdout_of(&mut env.tips(&["completions", shell]));
        assert!(script.contains("_TIPS_COMPLETE"), "{shell}: {script}");
    }
}

fn shell_check(
    env: &TestEnv,
    shell_name: &str,
    check: &str,
    script: &Path,
) -> std::process::Output {
    let bin = env.home().join("empty-bin");
    std::fs::create_dir_all(&bin).unwrap();
    shell(env, &installed(shell_name).unwrap(), &bin)
        .arg(check)
        .arg(script)
        .output()
        .unwrap()
}
