//! `tips reflect` and `tips journal`: entries written in an editor, from
//! stdin or with `-m`, kept as private Markdown files, and brought back
//! with their tip.

mod common;

use common::{
    assert_usage_error, json_of, make_fifo, needed, require, stdout_of, tips_binary, SmallDisk,
    TestEnv,
};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A day whose tip is Respect (tip 7), and the days ten and twenty later,
/// when the rotation brings it back.
const RESPECT_DAY: &str = "2026-11-26";
const TEN_DAYS_LATER: &str = "2026-12-06";
const WEEKS_LATER: &str = "2026-12-16";

fn journal_dir(env: &TestEnv) -> PathBuf {
    env.home().join(".local/share/tips/journal")
}

/// The entry files of one tip, by name.
fn entry_files(env: &TestEnv, slug: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(journal_dir(env).join(slug))
        .map(|listing| {
            listing
                .flatten()
                .map(|item| item.file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn reflect(env: &TestEnv, args: &[&str]) {
    let mut all = vec!["reflect"];
    all.extend_from_slice(args);
    stdout_of(&mut env.tips(&all));
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A failure: exit 1, nothing on stdout, one line on stderr starting with
/// `tips: `. Gives that line.
fn assert_one_line_failure(output: &Output) -> String {
    let stderr = stderr_of(output);
    assert_eq!(output.status.code(), Some(1), "exit 1 expected: {stderr}");
    assert!(output.stdout.is_empty(), "nothing on stdout");
    assert!(stderr.starts_with("tips: "), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr
}

/// A folder of programs for a terminal's PATH: `tips` and whatever the
/// test links or writes there, and nothing else.
fn bin_dir(env: &TestEnv) -> PathBuf {
    let bin = env.home().join("bin");
    if !bin.exists() {
        fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(tips_binary(), bin.join("tips")).unwrap();
    }
    bin
}

/// Puts an installed program (found on the test's own PATH) into the
/// terminal's PATH.
fn link_program(env: &TestEnv, name: &str) {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .unwrap();
    let path = String::from_utf8(found.stdout).unwrap();
    std::os::unix::fs::symlink(path.trim(), bin_dir(env).join(name)).unwrap();
}

/// Writes a scripted editor: a `/bin/sh` script that gets the draft's path
/// as `$1`. It may use only the shell's builtins, as the terminal's PATH
/// holds nothing else.
fn scripted_editor(env: &TestEnv, name: &str, body: &str) {
    let path = bin_dir(env).join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
}

/// Copies the draft to `$HOME/seen-draft` with builtins only.
const KEEP_A_COPY: &str =
    r#"while IFS= read -r line; do printf '%s\n' "$line"; done <"$1" >"$HOME/seen-draft""#;

/// Runs a command line on a pseudo-terminal (util-linux `script`), with
/// `input` typed into it, a PATH of only [`bin_dir`], and `vars` set. Gives
/// the exit status and what the terminal showed.
fn on_terminal(
    env: &TestEnv,
    command_line: &str,
    input: &str,
    vars: &[(&str, &str)],
) -> (Option<i32>, String) {
    let script = Command::new("sh")
        .args(["-c", "command -v script"])
        .output()
        .unwrap();
    let script = String::from_utf8(script.stdout).unwrap();
    let mut command = Command::new(script.trim());
    command
        .args(["-qec", command_line, "/dev/null"])
        .env_clear()
        .env("HOME", env.home())
        .env("PATH", bin_dir(env))
        .env("SHELL", "/bin/sh")
        .env("TERM", "dumb")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in vars {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("script runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(input.as_bytes()).unwrap();
    }
    let output = wait_at_most(child, Duration::from_secs(30));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).replace('\r', ""),
    )
}

/// Waits for a process, failing the test (rather than hanging it) where
/// it blocks.
fn wait_at_most(mut child: std::process::Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("still running after {limit:?}: it blocked");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn terminal_available() -> bool {
    require("script")
}

#[test]
fn a_real_editor_on_a_terminal_writes_the_entry() {
    if !terminal_available() || !require("ed") {
        return;
    }
    let env = TestEnv::new();
    link_program(&env, "ed");
    // ed: insert a line before the first, write, quit.
    let typed = "1i\nAsked Acme's architect to walk me through their rollout\n.\nw\nq\n";
    let (status, screen) = on_terminal(
        &env,
        &format!("tips --color never reflect respect --date {RESPECT_DAY}"),
        typed,
        &[("EDITOR", "ed")],
    );
    assert_eq!(status, Some(0), "{screen}");
    assert!(screen.contains("Saved to your journal"), "{screen}");
    let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    assert_eq!(
        fs::read_to_string(entry).unwrap(),
        "Asked Acme's architect to walk me through their rollout\n",
        "the guidance lines are gone, what was typed stays"
    );
    assert_eq!(
        fs::read_dir(journal_dir(&env).join(".drafts"))
            .unwrap()
            .count(),
        0,
        "the draft is cleared once the entry is kept"
    );
}

#[test]
fn vim_on_a_terminal_writes_the_entry() {
    if !terminal_available() || !require("vim") {
        return;
    }
    let env = TestEnv::new();
    link_program(&env, "vim");
    // Typed ahead: vim reads it once it starts.
    let (status, screen) = on_terminal(
        &env,
        &format!("tips --color never reflect 7 --date {RESPECT_DAY}"),
        "ggiListened before I argued\u{1b}:wq\r",
        &[("VISUAL", "vim -u NONE -i NONE -n -N")],
    );
    assert_eq!(status, Some(0), "{screen}");
    let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    assert_eq!(
        fs::read_to_string(entry).unwrap(),
        "Listened before I argued\n"
    );
}

#[test]
fn the_draft_holds_title_date_prompts_action_and_guidance() {
    if !terminal_available() {
        return;
    }
    let env = TestEnv::new();
    scripted_editor(
        &env,
        "answer",
        &format!("{KEEP_A_COPY}\nprintf '# My answer\\n\\nI asked first.\\n' >>\"$1\""),
    );
    let (status, screen) = on_terminal(
        &env,
        &format!("tips reflect respect --date {RESPECT_DAY}"),
        "",
        &[("EDITOR", "answer")],
    );
    assert_eq!(status, Some(0), "{screen}");
    let draft = fs::read_to_string(env.home().join("seen-draft")).unwrap();
    for expected in [
        "; Tip 7 · Respect · Thursday 26 November 2026\n",
        "\n> correct them or ask them to explain?\n",
        "; Try today: In every meeting today",
        "lines that start with ';' are removed",
    ] {
        assert!(draft.contains(expected), "{expected:?} in {draft}");
    }
    assert!(draft.starts_with('\n'), "a line to write on comes first");
    // Guidance and prompts used to run to 120 columns, past an editor's edge.
    for line in draft.lines() {
        let columns = unicode_width::UnicodeWidthStr::width(line);
        assert!(columns <= 72, "{columns} columns: {line}");
    }
    // What was written under the last question stays, Markdown heading and
    // all, below that question; the guidance and the unanswered go.
    let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    assert_eq!(
        fs::read_to_string(entry).unwrap(),
        "> Which technical debate is turning into a matter of faith, and how can\n\
         > I make it a shared problem to solve instead?\n\
         \n\
         # My answer\n\nI asked first.\n"
    );
}

#[test]
fn a_draft_left_unchanged_saves_nothing_and_says_so() {
    if !terminal_available() {
        return;
    }
    let env = TestEnv::new();
    scripted_editor(&env, "leave-it", "exit 0");
    let (status, screen) = on_terminal(&env, "tips reflect respect", "", &[("EDITOR", "leave-it")]);
    assert_eq!(status, Some(1), "{screen}");
    assert_eq!(
        screen.trim(),
        "tips: nothing saved: the entry is empty",
        "one line"
    );
    assert!(entry_files(&env, "respect").is_empty());
    assert_eq!(
        fs::read_dir(journal_dir(&env).join(".drafts"))
            .unwrap()
            .count(),
        0,
        "an empty draft is not kept"
    );
}

#[test]
fn a_failing_editor_saves_nothing_and_keeps_the_draft() {
    if !terminal_available() {
        return;
    }
    let env = TestEnv::new();
    scripted_editor(&env, "crash", "printf 'half a thought\\n' >>\"$1\"\nexit 3");
    let (status, screen) = on_terminal(&env, "tips reflect respect", "", &[("VISUAL", "crash")]);
    assert_eq!(status, Some(1), "{screen}");
    let line = screen.trim();
    assert_eq!(line.lines().count(), 1, "{screen}");
    assert!(
        line.starts_with("tips: the editor 'crash' exited with status 3"),
        "{line}"
    );
    let draft = line
        .split("your draft is kept in ")
        .nth(1)
        .expect("the draft is named");
    assert!(
        fs::read_to_string(draft)
            .unwrap()
            .contains("half a thought"),
        "nothing typed is lost"
    );
    assert!(entry_files(&env, "respect").is_empty());
}

#[test]
fn an_editor_that_cannot_start_saves_nothing_and_keeps_the_draft() {
    if !terminal_available() {
        return;
    }
    let env = TestEnv::new();
    let missing = env.home().join("no-such-editor");
    let (status, screen) = on_terminal(
        &env,
        "tips reflect respect",
        "",
        &[("VISUAL", missing.to_str().unwrap())],
    );
    assert_eq!(status, Some(1), "{screen}");
    let line = screen.trim();
    assert_eq!(line.lines().count(), 1, "{screen}");
    assert!(line.starts_with("tips: cannot start the editor"), "{line}");
    let draft = line.split("your draft is kept in ").nth(1).unwrap();
    assert!(Path::new(draft).is_file(), "{draft}");
    assert!(entry_files(&env, "respect").is_empty());
}

#[test]
fn the_editor_is_visual_then_editor_then_vi() {
    if !terminal_available() {
        return;
    }
    let env = TestEnv::new();
    for name in ["visual", "editor", "vi"] {
        scripted_editor(&env, name, &format!("printf 'by {name}\\n' >\"$1\""));
    }
    let run = |vars: &[(&str, &str)]| {
        let (status, screen) = on_terminal(&env, "tips reflect respect", "", vars);
        assert_eq!(status, Some(0), "{screen}");
    };
    run(&[("VISUAL", "visual"), ("EDITOR", "editor")]);
    run(&[("VISUAL", ""), ("EDITOR", "editor")]);
    run(&[]);
    let texts: Vec<String> = json_of(&mut env.tips(&["journal", "--json"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts, ["by vi\n", "by editor\n", "by visual\n"]);
}

#[test]
fn an_editor_with_arguments_or_shell_quoting_gets_the_draft_last() {
    if !terminal_available() {
        return;
    }
    let env = TestEnv::new();
    // The draft is the last argument, after the editor's own.
    scripted_editor(
        &env,
        "answer",
        r#"for draft; do :; done; printf 'got %s args\n' "$#" >"$draft""#,
    );
    for (editor, expected) in [
        ("answer --wait", "got 2 args"),
        ("answer --title 'two words'", "got 3 args"),
    ] {
        let (status, screen) = on_terminal(
            &env,
            &format!("tips reflect respect --date {RESPECT_DAY}"),
            "",
            &[("VISUAL", editor)],
        );
        assert_eq!(status, Some(0), "{editor}: {screen}");
        let newest = json_of(&mut env.tips(&["journal", "--json"]));
        assert_eq!(newest[0]["text"], format!("{expected}\n"), "{editor}");
    }
}

/// A shell function for scripted editors, builtins only: the mask of
/// signals that process `$1` ignores, from its /proc status, in hex.
const IGNORED_SIGNALS: &str = r#"ignored() {
    while read -r name mask; do
        if [ "$name" = SigIgn: ]; then echo "$mask"; fi
    done </proc/"$1"/status
}"#;

/// The bit of signal `number` in a /proc status mask.
fn signal_bit(number: u32) -> u64 {
    1 << (number - 1)
}

#[test]
fn the_editor_starts_with_sigpipe_and_sigint_at_their_defaults() {
    if !terminal_available() {
        return;
    }
    let env = TestEnv::new();
    // Rust ignores SIGPIPE in `tips`; an editor left with it ignored would
    // see its pipes (`:w !cmd`, a spell checker) fail with EPIPE instead.
    scripted_editor(
        &env,
        "signals",
        &format!("{IGNORED_SIGNALS}\nprintf 'ignored %s\\n' \"$(ignored $$)\" >\"$1\""),
    );
    let (status, screen) = on_terminal(
        &env,
        &format!("tips reflect respect --date {RESPECT_DAY}"),
        "",
        &[("EDITOR", "signals")],
    );
    assert_eq!(status, Some(0), "{screen}");
    let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    let text = fs::read_to_string(entry).unwrap();
    let mask = text.trim().strip_prefix("ignored ").expect(&text);
    let ignored = u64::from_str_radix(mask, 16).expect(mask);
    assert_eq!(ignored & signal_bit(13), 0, "SIGPIPE ignored: {mask}");
    assert_eq!(ignored & signal_bit(2), 0, "SIGINT ignored: {mask}");
}

#[test]
fn ctrl_c_while_the_editor_runs_is_the_editors_and_the_entry_is_saved() {
    if !terminal_available() {
        return;
    }
    let env = TestEnv::new();
    // Ctrl-C reaches every process of the terminal's foreground group: the
    // editor handles it (as vim does) and goes on; `tips`, its parent,
    // must go on too. The editor sends it once `tips` has started
    // ignoring it, which it does as soon as the editor has started.
    scripted_editor(
        &env,
        "interrupted",
        &format!(
            r#"{IGNORED_SIGNALS}
trap 'printf "interrupted, and still writing\n" >"$1"' INT
tries=0
until [ $(( 0x$(ignored $PPID) & 2 )) -ne 0 ] || [ "$tries" -ge 5000 ]; do
    tries=$((tries + 1))
done
kill -INT "$PPID" $$"#
        ),
    );
    let (status, screen) = on_terminal(
        &env,
        &format!("tips reflect respect --date {RESPECT_DAY}"),
        "",
        &[("EDITOR", "interrupted")],
    );
    assert_eq!(status, Some(0), "{screen}");
    assert!(screen.contains("Saved to your journal"), "{screen}");
    let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    assert_eq!(
        fs::read_to_string(entry).unwrap(),
        "interrupted, and still writing\n"
    );
}

#[test]
fn without_a_terminal_the_entry_is_read_from_stdin() {
    let env = TestEnv::new();
    env.tips(&["reflect", "respect", "--date", RESPECT_DAY])
        .write_stdin("\n\nListened first; it worked.  \nThey opened up.\n\n")
        .assert()
        .success();
    let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    assert_eq!(
        fs::read_to_string(entry).unwrap(),
        "Listened first; it worked.\nThey opened up.\n"
    );
}

#[test]
fn empty_or_unreadable_input_saves_nothing() {
    let env = TestEnv::new();
    let empty = env
        .tips(&["reflect", "respect"])
        .write_stdin(" \n\n")
        .output()
        .unwrap();
    assert!(assert_one_line_failure(&empty).contains("nothing saved"));
    let binary = env
        .tips(&["reflect", "respect"])
        .write_stdin(b"caf\xe9\n".as_slice())
        .output()
        .unwrap();
    assert!(assert_one_line_failure(&binary).contains("not UTF-8"));
    let huge = env
        .tips(&["reflect", "respect"])
        .write_stdin(vec![b'a'; 300 * 1024])
        .output()
        .unwrap();
    assert!(assert_one_line_failure(&huge).contains("KiB"));
    let blank_message = env
        .tips(&["reflect", "respect", "-m", "  "])
        .output()
        .unwrap();
    assert_one_line_failure(&blank_message);
    assert!(entry_files(&env, "respect").is_empty());
}

#[test]
fn message_flags_are_paragraphs_and_the_default_tip_is_todays() {
    let env = TestEnv::new();
    reflect(
        &env,
        &[
            "-m",
            "First thought",
            "-m",
            "Second thought",
            "--date",
            RESPECT_DAY,
        ],
    );
    let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    assert_eq!(
        fs::read_to_string(entry).unwrap(),
        "First thought\n\nSecond thought\n"
    );
}

#[test]
fn an_unknown_tip_is_bad_usage() {
    let env = TestEnv::new();
    let output = env
        .tips(&["reflect", "respectt", "-m", "x"])
        .output()
        .unwrap();
    assert_usage_error(&output, "did you mean 'respect'");
    let output = env.tips(&["journal", "nosuchtip"]).output().unwrap();
    assert_usage_error(&output, "no tip is called 'nosuchtip'");
}

#[test]
fn entries_are_private_files_under_xdg_data_home() {
    let env = TestEnv::new();
    let data = env.home().join("data");
    env.tips(&["reflect", "respect", "-m", "kept", "--date", RESPECT_DAY])
        .env("XDG_DATA_HOME", &data)
        .assert()
        .success();
    let journal = data.join("tips/journal");
    let entry = journal.join(format!("respect/{RESPECT_DAY}-1.md"));
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&journal), 0o700);
    assert_eq!(mode(&journal.join("respect")), 0o700);
    assert_eq!(mode(&entry), 0o600);
    // Nothing else is left beside it, such as a temporary file.
    assert_eq!(fs::read_dir(journal.join("respect")).unwrap().count(), 1);
    let paths = json_of(env.tips(&["paths", "--json"]).env("XDG_DATA_HOME", &data));
    assert_eq!(paths["journal"]["path"], journal.to_str().unwrap());
    assert_eq!(paths["journal"]["exists"], true);
    let text = stdout_of(env.tips(&["paths"]).env("XDG_DATA_HOME", &data));
    assert!(text.contains(journal.to_str().unwrap()), "{text}");
}

#[test]
fn two_entries_on_one_day_are_both_kept() {
    let env = TestEnv::new();
    reflect(&env, &["respect", "-m", "morning", "--date", RESPECT_DAY]);
    reflect(&env, &["respect", "-m", "evening", "--date", RESPECT_DAY]);
    assert_eq!(
        entry_files(&env, "respect"),
        [format!("{RESPECT_DAY}-1.md"), format!("{RESPECT_DAY}-2.md")]
    );
    let listed = stdout_of(&mut env.tips(&["journal"]));
    assert!(
        listed.find("evening").unwrap() < listed.find("morning").unwrap(),
        "the later one is listed first: {listed}"
    );
}

#[test]
fn twenty_entries_written_at_once_are_all_kept() {
    let env = TestEnv::new();
    let children: Vec<_> = (0..20)
        .map(|number| {
            env.process(&[
                "reflect",
                "respect",
                "--date",
                RESPECT_DAY,
                "-m",
                &format!("entry {number}"),
            ])
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
        })
        .collect();
    for child in children {
        let output = wait_at_most(child, Duration::from_secs(30));
        assert!(output.status.success(), "{}", stderr_of(&output));
    }
    assert_eq!(entry_files(&env, "respect").len(), 20);
    let mut texts: Vec<String> = json_of(&mut env.tips(&["journal", "--json"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["text"].as_str().unwrap().to_string())
        .collect();
    texts.sort();
    let mut expected: Vec<String> = (0..20).map(|number| format!("entry {number}\n")).collect();
    expected.sort();
    assert_eq!(texts, expected);
}

#[test]
fn the_journal_lists_newest_first_with_date_tip_and_first_line() {
    let env = TestEnv::new();
    reflect(
        &env,
        &["respect", "-m", "Old one\nmore", "--date", "2026-11-01"],
    );
    reflect(
        &env,
        &[
            "listen",
            "-m",
            "\nListened\nand more",
            "--date",
            "2026-11-20",
        ],
    );
    reflect(&env, &["respect", "-m", "New one", "--date", "2026-11-26"]);
    let listed = stdout_of(&mut env.tips(&["journal", "--oneline"]));
    assert_eq!(
        listed,
        "2026-11-26  7 · Respect       New one\n\
         2026-11-20  2 · Listen First  Listened\n\
         2026-11-01  7 · Respect       Old one\n"
    );
    let since = stdout_of(&mut env.tips(&["journal", "--oneline", "--since", "2026-11-20"]));
    assert_eq!(since.lines().count(), 2, "{since}");
    let respect = stdout_of(&mut env.tips(&["journal", "resp", "--oneline"]));
    assert!(!respect.contains("Listen"), "{respect}");
    assert_eq!(respect.lines().count(), 2, "{respect}");
    let none = stdout_of(&mut env.tips(&["journal", "--since", "2027-01-01"]));
    assert_eq!(none, "No journal entries since 2027-01-01.\n");
}

#[test]
fn an_empty_journal_says_how_to_start_one() {
    let env = TestEnv::new();
    let listed = stdout_of(&mut env.tips(&["journal"]));
    assert!(listed.contains("tips reflect"), "{listed}");
    assert_eq!(
        json_of(&mut env.tips(&["journal", "--json"])),
        serde_json::json!([])
    );
}

#[test]
fn journal_json_gives_date_tip_text_and_path() {
    let env = TestEnv::new();
    reflect(
        &env,
        &["respect", "-m", "Asked first", "--date", RESPECT_DAY],
    );
    let json = json_of(&mut env.tips(&["journal", "--json"]));
    let path = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    assert_eq!(
        json,
        serde_json::json!([{
            "date": RESPECT_DAY,
            "tip": {"number": 7, "slug": "respect", "title": "Respect"},
            "text": "Asked first\n",
            "path": path.to_str().unwrap(),
        }])
    );
    // `reflect --json` gives the new entry in the same shape.
    let json = json_of(&mut env.tips(&["reflect", "respect", "-m", "Again", "--json"]));
    assert_eq!(json["tip"]["slug"], "respect");
    assert_eq!(json["text"], "Again\n");
    assert!(Path::new(json["path"].as_str().unwrap()).is_file());
}

#[test]
fn the_markdown_document_holds_every_entry_in_full() {
    let env = TestEnv::new();
    reflect(
        &env,
        &[
            "respect",
            "-m",
            "# Acme\n\n- asked\n- listened",
            "--date",
            RESPECT_DAY,
        ],
    );
    reflect(
        &env,
        &["listen", "-m", "Quiet call", "--date", "2026-11-20"],
    );
    let document = stdout_of(&mut env.tips(&["journal", "--markdown"]));
    assert_eq!(
        document,
        "# Journal\n\
         \n\
         ## Thursday 26 November 2026 · Tip 7 · Respect\n\
         \n\
         ### Acme\n\
         \n\
         - asked\n\
         - listened\n\
         \n\
         ## Friday 20 November 2026 · Tip 2 · Listen First\n\
         \n\
         Quiet call\n"
    );
    let both = env
        .tips(&["journal", "--markdown", "--json"])
        .output()
        .unwrap();
    assert_usage_error(&both, "choose one");
}

#[test]
fn weeks_later_the_tip_comes_back_with_what_was_written() {
    let env = TestEnv::new();
    reflect(
        &env,
        &[
            "-m",
            "Ask Acme's architect to walk me through their rollout\nline 2\nline 3\nline 4",
            "--date",
            RESPECT_DAY,
        ],
    );
    let today = stdout_of(&mut env.tips(&["today", "--date", WEEKS_LATER]));
    assert!(today.starts_with("Tip 7 · Respect"), "{today}");
    assert!(
        today.ends_with(
            "Last time (26 Nov 2026) you wrote\n  \
             Ask Acme's architect to walk me through their rollout\n  \
             line 2\n  \
             line 3\n  \
             more: tips journal respect\n"
        ),
        "{today}"
    );
    let show = stdout_of(&mut env.tips(&["show", "respect", "--date", TEN_DAYS_LATER]));
    assert!(show.contains("Last time (26 Nov 2026)"), "{show}");
    let json = json_of(&mut env.tips(&["today", "--date", WEEKS_LATER, "--json"]));
    assert_eq!(json["slug"], "respect");
    assert_eq!(json["last_time"]["date"], RESPECT_DAY);
    assert!(json["last_time"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Ask Acme's"));
    // Before the entry was written, there was nothing to come back.
    let before = stdout_of(&mut env.tips(&["show", "respect", "--date", "2026-11-16"]));
    assert!(!before.contains("Last time"), "{before}");
    let other = json_of(&mut env.tips(&["show", "listen", "--json"]));
    assert!(other.get("last_time").is_none(), "{other}");
}

#[test]
fn the_newest_entry_is_the_one_that_comes_back() {
    let env = TestEnv::new();
    reflect(&env, &["respect", "-m", "older", "--date", "2026-11-16"]);
    reflect(&env, &["respect", "-m", "newer", "--date", RESPECT_DAY]);
    reflect(
        &env,
        &["respect", "-m", "newest that day", "--date", RESPECT_DAY],
    );
    let show = stdout_of(&mut env.tips(&["show", "respect", "--date", WEEKS_LATER]));
    assert!(show.contains("  newest that day\n"), "{show}");
    assert!(
        !show.contains("older") && !show.contains("  newer\n"),
        "{show}"
    );
}

#[test]
fn motd_adds_one_line_and_stays_within_eight() {
    let env = TestEnv::new();
    let long = "word ".repeat(200);
    reflect(&env, &["respect", "-m", &long, "--date", "2026-11-16"]);
    // Valentine's Day has the most to say: a greeting above the tip.
    let tip_of_valentines = json_of(&mut env.tips(&["today", "--date", "2027-02-14", "--json"]));
    let slug = tip_of_valentines["slug"].as_str().unwrap().to_string();
    reflect(&env, &[&slug, "-m", &long, "--date", "2026-11-16"]);
    for (date, columns) in [
        (WEEKS_LATER, "80"),
        ("2027-02-14", "80"),
        ("2027-02-14", "20"),
    ] {
        let motd = stdout_of(env.tips(&["motd", "--date", date]).env("COLUMNS", columns));
        assert!(motd.lines().count() <= 8, "{date} at {columns}: {motd}");
        let last_time: Vec<&str> = motd
            .lines()
            .filter(|line| line.contains("Last time"))
            .collect();
        assert_eq!(last_time.len(), 1, "{date} at {columns}: {motd}");
    }
    let motd = stdout_of(&mut env.tips(&["motd", "--date", WEEKS_LATER]));
    assert!(
        motd.contains("  Last time (16 Nov 2026): word word"),
        "{motd}"
    );
    let json = json_of(&mut env.tips(&["motd", "--date", WEEKS_LATER, "--json"]));
    assert_eq!(json["last_time"]["date"], "2026-11-16");
}

#[test]
fn escape_sequences_in_the_journal_are_shown_not_obeyed() {
    let env = TestEnv::new();
    reflect(
        &env,
        &[
            "respect",
            "-m",
            "clear\u{1b}[2J the \u{1b}]0;owned\u{7} screen",
            "--date",
            RESPECT_DAY,
        ],
    );
    let neutralised = "clear^[[2J the ^[]0;owned^G screen";
    for args in [
        &["today", "--date", WEEKS_LATER][..],
        &["show", "respect"],
        &["motd", "--date", WEEKS_LATER],
        &["journal"],
        &["journal", "--markdown"],
    ] {
        let output = stdout_of(&mut env.tips(args));
        assert!(!output.contains('\u{1b}'), "{args:?}: {output:?}");
        assert!(output.contains(neutralised), "{args:?}: {output}");
    }
    // JSON escapes it as JSON does.
    let json = stdout_of(&mut env.tips(&["journal", "--json"]));
    assert!(json.contains("\\u001b[2J"), "{json}");
}

/// Runs `tips ARGS` and fails, rather than hangs, if it blocks.
fn run_without_blocking(env: &TestEnv, args: &[&str]) -> Output {
    let child = env
        .process(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_at_most(child, Duration::from_secs(20))
}

#[test]
fn fifos_folders_huge_and_non_utf8_files_are_skipped_and_nothing_blocks() {
    let env = TestEnv::new();
    reflect(
        &env,
        &["respect", "-m", "the real one", "--date", "2026-11-16"],
    );
    let folder = journal_dir(&env).join("respect");
    // Newer names than the real entry, so that each is tried first.
    make_fifo(&folder.join("2026-11-20-1.md"));
    fs::create_dir(folder.join("2026-11-21-1.md")).unwrap();
    fs::write(folder.join("2026-11-22-1.md"), b"caf\xe9 \xff\n").unwrap();
    let huge = fs::File::create(folder.join("2026-11-23-1.md")).unwrap();
    huge.set_len(1 << 30).unwrap();
    fs::write(journal_dir(&env).join("not-a-slug.md"), "stray").unwrap();

    for args in [
        &["today", "--date", WEEKS_LATER][..],
        &["show", "respect", "--date", WEEKS_LATER],
        &["motd", "--date", WEEKS_LATER],
    ] {
        let output = run_without_blocking(&env, args);
        assert!(output.status.success(), "{args:?}: {}", stderr_of(&output));
        assert!(output.stderr.is_empty(), "{args:?}: {}", stderr_of(&output));
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains("the real one"), "{args:?}: {stdout}");
    }
    // The journal lists what it can, then names what it cannot show, in
    // one line, and exits 1: a file named like an entry is the user's.
    for args in [
        &["journal"][..],
        &["journal", "--json"],
        &["journal", "--markdown"],
        &["journal", "--oneline"],
    ] {
        let output = run_without_blocking(&env, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let said = stderr_of(&output);
        assert_eq!(said.lines().count(), 1, "{args:?}: {said}");
        assert!(
            said.contains("2026-11-20-1.md: a FIFO") && said.contains("and 3 more"),
            "{said}"
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains("the real one"), "{args:?}: {stdout}");
        if args.contains(&"--oneline") {
            assert_eq!(stdout.lines().count(), 1, "only the real entry: {stdout}");
        }
    }
}

#[test]
fn a_journal_that_is_not_a_folder_costs_motd_nothing() {
    let env = TestEnv::new();
    env.write(".local/share/tips/journal", "a file, not a folder");
    let motd = run_without_blocking(&env, &["motd", "--date", RESPECT_DAY]);
    assert!(motd.status.success());
    assert!(motd.stderr.is_empty(), "{}", stderr_of(&motd));
    assert!(String::from_utf8_lossy(&motd.stdout).contains("Tip 7"));
    let reflect = env
        .tips(&["reflect", "respect", "-m", "x"])
        .output()
        .unwrap();
    assert!(assert_one_line_failure(&reflect).contains("cannot save the entry"));
}

/// The quiet later calls of `motd --once-per-day` must not read the
/// journal. Seen through the entry's access time: the call that shows the
/// tip reads the entry and moves it; the quiet one must leave it.
#[test]
fn the_quiet_once_per_day_call_does_not_read_the_journal() {
    let env = TestEnv::new();
    reflect(&env, &["respect", "-m", "read me", "--date", RESPECT_DAY]);
    let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    let long_ago = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    let age = |path: &Path| {
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_times(fs::FileTimes::new().set_accessed(long_ago))
            .unwrap();
    };
    let accessed = |path: &Path| fs::metadata(path).unwrap().accessed().unwrap();

    age(&entry);
    let shown = stdout_of(&mut env.tips(&["motd", "--once-per-day", "--date", WEEKS_LATER]));
    assert!(shown.contains("Last time"), "{shown}");
    let reading_moves_the_access_time = accessed(&entry) != long_ago;
    if !needed(
        reading_moves_the_access_time,
        "a file system that records access times (not noatime)",
    ) {
        return;
    }

    age(&entry);
    let quiet = stdout_of(&mut env.tips(&["motd", "--once-per-day", "--date", WEEKS_LATER]));
    assert_eq!(quiet, "", "the second call of the day is quiet");
    assert_eq!(accessed(&entry), long_ago, "the quiet call read the entry");
}

#[test]
fn entries_at_the_ends_of_the_calendar() {
    let env = TestEnv::new();
    for date in ["0001-01-01", "9999-12-31"] {
        reflect(
            &env,
            &["respect", "-m", &format!("on {date}"), "--date", date],
        );
    }
    let json = json_of(&mut env.tips(&["journal", "--json"]));
    let dates: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["9999-12-31", "0001-01-01"]);
    let show = stdout_of(&mut env.tips(&["show", "respect", "--date", "9999-12-31"]));
    assert!(
        show.contains("Last time (31 Dec 9999) you wrote\n  on 9999-12-31"),
        "{show}"
    );
    let first = stdout_of(&mut env.tips(&["show", "respect", "--date", "0001-01-01"]));
    assert!(first.contains("on 0001-01-01"), "{first}");
}

mod awkward_text {
    use super::*;
    use proptest::prelude::*;

    /// Long runs of multibyte text beside long runs of blanks.
    fn awkward() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[😀🎉❤]{1,30}",
            "[абвгдеж]{1,30}",
            "[漢字仮名]{1,30}",
            "[ \t]{1,50}",
            "\n{1,3}",
            "[a-z;#]{1,8}",
        ];
        prop::collection::vec(piece, 1..10).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        #[test]
        fn what_is_written_with_m_comes_back_whole(text in awkward()) {
            prop_assume!(!text.trim().is_empty());
            let env = TestEnv::new();
            reflect(&env, &["respect", "-m", &text, "--date", RESPECT_DAY]);
            let json = json_of(&mut env.tips(&["journal", "--json"]));
            let kept = json[0]["text"].as_str().unwrap();
            // Blank lines around the entry and blanks at line ends go.
            let expected: Vec<&str> = text.lines().map(str::trim_end).collect();
            let expected = expected.join("\n");
            prop_assert_eq!(kept.trim_matches('\n'), expected.trim_matches('\n'));
            let show = stdout_of(&mut env.tips(&["show", "respect", "--date", WEEKS_LATER]));
            prop_assert!(show.contains("Last time (26 Nov 2026) you wrote"));
            let motd = stdout_of(env.tips(&["motd", "--date", WEEKS_LATER]).env("COLUMNS", "20"));
            prop_assert!(motd.lines().count() <= 8, "{}", motd);
        }
    }
}

#[test]
fn a_full_disk_or_closed_pipe_ends_journal_output_as_elsewhere() {
    let env = TestEnv::new();
    reflect(&env, &["respect", "-m", "something", "--date", RESPECT_DAY]);
    for args in [
        &["journal"][..],
        &["journal", "--markdown"],
        &["journal", "--json"],
    ] {
        let full = env.writing_to_full_disk(args);
        assert_eq!(full.status.code(), Some(1), "{args:?}");
        let stderr = stderr_of(&full);
        assert!(
            stderr.starts_with("tips: cannot write output: "),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{args:?}");
        let closed = env.writing_to_closed_pipe(args);
        assert_eq!(closed.status.code(), Some(0), "{args:?}");
        assert!(closed.stderr.is_empty(), "{args:?}: {}", stderr_of(&closed));
    }
}

#[test]
fn without_date_the_entry_is_dated_by_the_clock_and_returns_weeks_later() {
    if !require("faketime") {
        return;
    }
    let env = TestEnv::new();
    let written = env.at_clock(
        &["2026-11-26 18:30:00"],
        "UTC",
        &[
            "reflect",
            "-m",
            "Walked through their rollout with the architect",
        ],
    );
    assert!(written.status.success(), "{}", stderr_of(&written));
    assert_eq!(entry_files(&env, "respect"), ["2026-11-26-1.md"]);
    let later = env.at_clock(&["2026-12-16 08:00:00"], "UTC", &["today"]);
    let later = String::from_utf8(later.stdout).unwrap();
    assert!(later.starts_with("Tip 7 · Respect"), "{later}");
    assert!(
        later.contains(
            "Last time (26 Nov 2026) you wrote\n  Walked through their rollout with the architect\n"
        ),
        "{later}"
    );
}

#[test]
fn the_man_page_covers_reflect_journal_and_where_entries_live() {
    if !require("mandoc") {
        return;
    }
    let env = TestEnv::new();
    let page = env.home().join("tips.1");
    fs::write(&page, stdout_of(&mut env.tips(&["man"]))).unwrap();
    let rendered = Command::new("mandoc")
        .env("HOME", env.home())
        .args(["-T", "utf8"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(rendered.status.success());
    // mandoc shows bold by overstriking; the plain text is what a reader sees.
    let text = String::from_utf8_lossy(&rendered.stdout);
    let mut plain = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if chars.peek() == Some(&'\u{8}') {
            chars.next();
            continue;
        }
        plain.push(c);
    }
    for expected in [
        "tips reflect [NAME] [--message TEXT]",
        "tips journal [NAME] [--since YYYY-MM-DD] [--oneline] [--markdown]",
        "--oneline",
        "Each entry is shown whole, newest first",
        "tips journal respect\n",
        "-m, --message TEXT",
        "~/.local/share/tips/journal/",
        "XDG_DATA_HOME",
        "VISUAL",
    ] {
        assert!(plain.contains(expected), "{expected:?} in the man page");
    }
}

#[test]
fn an_entry_too_large_to_read_back_is_never_saved() {
    let env = TestEnv::new();
    // Given with -m as with stdin: over 256 KiB is refused, not kept out
    // of sight.
    let third = "я".repeat(50_000);
    let output = env
        .tips(&[
            "reflect", "respect", "-m", &third, "-m", &third, "-m", &third,
        ])
        .arg("--date")
        .arg(RESPECT_DAY)
        .output()
        .unwrap();
    let error = assert_one_line_failure(&output);
    assert!(error.contains("over 256 KiB"), "{error}");
    assert!(entry_files(&env, "respect").is_empty());
}

#[test]
fn a_journal_that_cannot_be_read_is_said_so_never_shown_as_empty() {
    let env = TestEnv::new();
    // A file where the journal's folder belongs.
    env.write(".local/share/tips/journal", "not a folder");
    let error = assert_one_line_failure(&env.tips(&["journal"]).output().unwrap());
    assert!(
        error.contains("cannot read the journal") && error.contains("not a folder"),
        "{error}"
    );
    let error = assert_one_line_failure(&env.tips(&["reflect", "7", "-m", "x"]).output().unwrap());
    assert!(error.contains("is not a folder"), "{error}");
    let paths = stdout_of(&mut env.tips(&["paths"]));
    assert!(
        paths.contains("there, but not a folder: move it away"),
        "{paths}"
    );
    // A file where a tip's folder belongs, when saving.
    let env = TestEnv::new();
    env.write(".local/share/tips/journal/respect", "");
    let error = assert_one_line_failure(&env.tips(&["reflect", "7", "-m", "x"]).output().unwrap());
    assert!(
        error.contains("journal/respect is there, and is not a folder"),
        "{error}"
    );
    // No HOME at all, or a relative one: said, as `tips reflect` says it.
    let env = TestEnv::new();
    for (command, home) in [("journal", None), ("reflect", Some("relative/home"))] {
        let mut tips = env.tips(&[command, "-m", "x"]);
        match home {
            Some(home) => tips.env("HOME", home),
            None => tips.env_remove("HOME"),
        };
        if command == "journal" {
            tips = env.tips(&[command]);
            tips.env_remove("HOME");
        }
        let error = assert_one_line_failure(&tips.output().unwrap());
        assert!(
            error.contains(
                "cannot find the journal: set HOME to a folder that is there, or XDG_DATA_HOME to an absolute path"
            ),
            "{error}"
        );
    }
}

#[test]
fn a_broken_playbook_does_not_lock_the_journal_away() {
    let env = TestEnv::new();
    reflect(
        &env,
        &[
            "respect",
            "-m",
            "Asked before answering",
            "--date",
            RESPECT_DAY,
        ],
    );
    env.write(".config/tips/tips.toml", "[[tip]]\nnumber = \"x\"\n");
    let output = env.tips(&["journal"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Asked before answering"));
    let warning = stderr_of(&output);
    assert_eq!(warning.lines().count(), 1, "{warning}");
    assert!(
        warning.contains("listing with the built-in tips"),
        "{warning}"
    );
}

#[test]
fn headings_in_an_entry_sit_below_the_entrys_own_in_markdown() {
    let env = TestEnv::new();
    reflect(
        &env,
        &[
            "respect",
            "-m",
            "# Meeting with ACME\n\n## What went well\nThey talked first.",
            "--date",
            RESPECT_DAY,
        ],
    );
    let document = stdout_of(&mut env.tips(&["journal", "--markdown"]));
    let headings: Vec<&str> = document
        .lines()
        .filter(|line| line.starts_with('#'))
        .collect();
    assert_eq!(headings.len(), 4, "{document}");
    assert_eq!(headings[0], "# Journal");
    assert!(headings[1].starts_with("## "), "{document}");
    assert_eq!(
        &headings[2..],
        ["### Meeting with ACME", "#### What went well"]
    );
}

#[test]
fn a_saved_entry_whose_confirmation_cannot_be_written_says_it_is_saved() {
    let env = TestEnv::new();
    let full = fs::File::create("/dev/full").unwrap();
    let output = env
        .process(&[
            "reflect",
            "respect",
            "-m",
            "Kept anyway",
            "--date",
            RESPECT_DAY,
        ])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    let error = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{error}");
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(
        error.contains("the entry is saved in") && error.contains("respect"),
        "{error}"
    );
    assert_eq!(entry_files(&env, "respect").len(), 1);
}

/// The first line of each entry `tips journal --oneline` lists, in order.
fn listed_first_lines(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let json = json_of(&mut env.tips(&[&["journal", "--json"], args].concat()));
    json.as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            entry["text"]
                .as_str()
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// Copies a folder and everything in it as a plain copy does, with new
/// times: as a backup restored or a `git clone` of the journal would.
fn copy_afresh(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for item in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(item.file_name());
        if item.file_type().unwrap().is_dir() {
            copy_afresh(&item.path(), &target);
        } else {
            fs::write(&target, fs::read(item.path()).unwrap()).unwrap();
        }
    }
}

#[test]
fn the_days_reflections_list_in_the_order_written_across_tips() {
    let env = TestEnv::new();
    for (slug, text) in [
        ("listen", "first"),
        ("respect", "second"),
        ("homework", "third"),
        ("respect", "fourth"),
    ] {
        reflect(&env, &[slug, "-m", text, "--date", "2027-02-10"]);
    }
    let newest_first = ["fourth", "third", "second", "first"];
    assert_eq!(listed_first_lines(&env, &[]), newest_first);
    let listed = stdout_of(&mut env.tips(&["journal", "--oneline"]));
    let words: Vec<&str> = listed
        .lines()
        .map(|line| line.split_whitespace().last().unwrap())
        .collect();
    assert_eq!(words, newest_first, "{listed}");
    // The order is in the names, so it survives a copy with new times,
    // copied in an order of its own.
    let journal = journal_dir(&env);
    let copy = env.home().join("restored");
    copy_afresh(&journal, &copy);
    fs::remove_dir_all(&journal).unwrap();
    copy_afresh(&copy, &journal);
    assert_eq!(listed_first_lines(&env, &[]), newest_first);
    // "Last time" is still the tip's own newest.
    let show = stdout_of(&mut env.tips(&["show", "respect", "--date", "2027-02-10"]));
    assert!(
        show.contains("  fourth\n") && !show.contains("second"),
        "{show}"
    );
}

#[test]
fn an_entry_numbered_past_an_integers_width_is_listed_and_shown_as_newest() {
    let env = TestEnv::new();
    let folder = journal_dir(&env).join("respect");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("2027-02-10-4294967295.md"), "wide\n").unwrap();
    reflect(&env, &["respect", "-m", "after it", "--date", "2027-02-10"]);
    assert_eq!(
        entry_files(&env, "respect"),
        ["2027-02-10-4294967295.md", "2027-02-10-4294967296.md"]
    );
    assert_eq!(listed_first_lines(&env, &[]), ["after it", "wide"]);
    let show = stdout_of(&mut env.tips(&["show", "respect", "--date", "2027-02-10"]));
    assert!(show.contains("  after it\n"), "{show}");

    // Past nine digits the quick look and the list agree, and a ten-digit
    // entry alone comes back.
    let env = TestEnv::new();
    let folder = journal_dir(&env).join("respect");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("2027-02-10-1000000000.md"), "ten digits\n").unwrap();
    let show = stdout_of(&mut env.tips(&["show", "respect", "--date", "2027-02-10"]));
    assert!(show.contains("  ten digits\n"), "{show}");
    fs::write(folder.join("2027-02-10-999999999.md"), "nine digits\n").unwrap();
    let show = stdout_of(&mut env.tips(&["show", "respect", "--date", "2027-02-10"]));
    assert!(show.contains("  ten digits\n"), "{show}");
    assert_eq!(listed_first_lines(&env, &[]), ["ten digits", "nine digits"]);

    // At the largest number there is, a save says so and writes nothing.
    fs::write(folder.join("2027-02-10-18446744073709551615.md"), "last\n").unwrap();
    let output = env
        .tips(&[
            "reflect",
            "respect",
            "-m",
            "one more",
            "--date",
            "2027-02-10",
        ])
        .output()
        .unwrap();
    let said = assert_one_line_failure(&output);
    assert!(said.contains("largest there is"), "{said}");
    assert_eq!(entry_files(&env, "respect").len(), 3);
}

#[test]
fn a_fifo_in_place_of_a_tips_folder_neither_blocks_nor_fails() {
    let env = TestEnv::new();
    reflect(&env, &["listen", "-m", "kept", "--date", RESPECT_DAY]);
    let fifo = journal_dir(&env).join("respect");
    make_fifo(&fifo);
    for args in [
        &["show", "respect", "--date", WEEKS_LATER][..],
        &["motd", "--date", WEEKS_LATER],
        &["today", "--date", WEEKS_LATER],
    ] {
        let output = run_without_blocking(&env, args);
        assert!(output.status.success(), "{args:?}: {}", stderr_of(&output));
        assert!(output.stderr.is_empty(), "{args:?}: {}", stderr_of(&output));
    }
    // The journal says what stands in the folder's place, in one line.
    for args in [&["journal"][..], &["journal", "respect"]] {
        let output = run_without_blocking(&env, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let said = stderr_of(&output);
        assert_eq!(said.lines().count(), 1, "{args:?}: {said}");
        assert!(
            said.contains("a FIFO (named pipe), where the folder of respect's entries belongs"),
            "{said}"
        );
    }
    let listed = run_without_blocking(&env, &["journal", "--oneline"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("kept"));
}

#[test]
fn a_full_disk_leaves_no_temporary_file() {
    let env = TestEnv::new();
    let data = env.home().join("data");
    let Some(_disk) = SmallDisk::mount(&data, "size=64k,mode=0700") else {
        needed(false, "permission to mount a small tmpfs (root)");
        return;
    };
    let with_data = |args: &[&str]| {
        let mut command = env.tips(args);
        command.env("XDG_DATA_HOME", &data);
        command.output().unwrap()
    };
    let first = with_data(&["reflect", "respect", "-m", "before the disk filled"]);
    assert!(first.status.success(), "{}", stderr_of(&first));
    // Fill what is left of the disk.
    let mut filler = fs::File::create(data.join("filler")).unwrap();
    while std::io::Write::write_all(&mut filler, &[b'x'; 4096]).is_ok() {}
    drop(filler);
    let folder = data.join("tips/journal/respect");
    for attempt in 0..5 {
        let text = format!("attempt {attempt}: {}", "a longer entry ".repeat(40));
        let output = with_data(&["reflect", "respect", "-m", &text]);
        let said = assert_one_line_failure(&output);
        assert!(said.contains("cannot save"), "{said}");
        let left: Vec<String> = fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .map(|item| item.file_name().into_string().unwrap())
            .collect();
        assert_eq!(left.len(), 1, "only the first entry is there: {left:?}");
    }
}

/// A disk that runs out of inodes fails each step of a save in turn: the
/// data folder, the journal, the tip's folder, the temporary file, and the
/// link that puts the entry in place (on tmpfs a hard link takes an inode).
/// Each is named for what it is, a full disk, and never mistaken for a
/// folder in the way or for a journal with no free name.
#[test]
fn a_disk_out_of_inodes_is_named_as_full_at_every_step_of_a_save() {
    let env = TestEnv::new();
    let data = env.home().join("data");
    // The mount's root takes one inode; the save needs five more.
    for inodes in 1..=5 {
        let Some(_disk) =
            SmallDisk::mount(&data, &format!("size=64k,mode=0700,nr_inodes={inodes}"))
        else {
            needed(false, "permission to mount a small tmpfs (root)");
            return;
        };
        let output = env
            .tips(&["reflect", "respect", "-m", "on a full disk"])
            .env("XDG_DATA_HOME", &data)
            .output()
            .unwrap();
        let said = assert_one_line_failure(&output);
        assert!(
            said.contains("cannot save") && said.contains("No space left on device"),
            "with {inodes} inodes: {said}"
        );
        let left: Vec<_> = walk(&data)
            .into_iter()
            .filter(|path| path.is_file())
            .collect();
        assert!(left.is_empty(), "with {inodes} inodes: {left:?}");
    }
}

/// Every path under `folder`, depth first.
fn walk(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for item in fs::read_dir(folder).unwrap().flatten() {
        let path = item.path();
        if path.is_dir() {
            found.extend(walk(&path));
        }
        found.push(path);
    }
    found
}

/// `tips` only ever takes away what others may do: a folder its owner
/// keeps stricter than `tips` would make it (0500, no writing even for
/// the owner) is left as it is by a save that does not need to write in it.
#[test]
fn a_folder_kept_stricter_than_private_is_left_as_it_is() {
    let env = TestEnv::new();
    reflect(&env, &["respect", "-m", "first"]);
    let data = env.home().join(".local/share/tips");
    fs::set_permissions(&data, fs::Permissions::from_mode(0o500)).unwrap();
    reflect(&env, &["respect", "-m", "second"]);
    assert_eq!(mode_of(&data), 0o500);
    fs::set_permissions(&data, fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(entry_files(&env, "respect").len(), 2);
}

#[test]
fn more_leads_to_every_entry_of_the_tip_whole_newest_first() {
    let env = TestEnv::new();
    reflect(
        &env,
        &[
            "respect",
            "-m",
            "Older\nsecond line",
            "--date",
            "2026-11-16",
        ],
    );
    reflect(
        &env,
        &["listen", "-m", "Not this tip", "--date", RESPECT_DAY],
    );
    reflect(
        &env,
        &[
            "respect",
            "-m",
            "Asked first\nline 2\nline 3",
            "-m",
            "  - then listened\nline 5",
            "--date",
            RESPECT_DAY,
        ],
    );
    let today = stdout_of(&mut env.tips(&["today", "--date", WEEKS_LATER]));
    assert!(today.ends_with("  more: tips journal respect\n"), "{today}");
    let more = stdout_of(&mut env.tips(&["journal", "respect"]));
    assert_eq!(
        more,
        "2026-11-26  7 · Respect\n\
         \x20 Asked first\n\
         \x20 line 2\n\
         \x20 line 3\n\
         \n\
         \x20   - then listened\n\
         \x20 line 5\n\
         \n\
         2026-11-16  7 · Respect\n\
         \x20 Older\n\
         \x20 second line\n"
    );
    // The whole journal reads the same way; `--oneline` is the short list.
    let all = stdout_of(&mut env.tips(&["journal"]));
    assert!(
        all.contains("2026-11-26  2 · Listen First\n  Not this tip\n"),
        "{all}"
    );
    let list = stdout_of(&mut env.tips(&["journal", "respect", "--oneline"]));
    assert_eq!(
        list,
        "2026-11-26  7 · Respect  Asked first\n2026-11-16  7 · Respect  Older\n"
    );
    // The JSON is as it was: the whole text of each entry.
    let json = json_of(&mut env.tips(&["journal", "respect", "--json"]));
    assert_eq!(
        json[0]["text"],
        "Asked first\nline 2\nline 3\n\n  - then listened\nline 5\n"
    );
    for (a, b) in [("--oneline", "--json"), ("--oneline", "--markdown")] {
        let both = env.tips(&["journal", a, b]).output().unwrap();
        assert_usage_error(&both, "choose one");
    }
}

#[test]
fn an_unknown_tip_with_a_broken_playbook_is_one_line_the_first_problem() {
    let env = TestEnv::new();
    let output = env
        .tips(&["journal", "nosuch", "--tips-file", "/nonexistent"])
        .output()
        .unwrap();
    let said = assert_one_line_failure(&output);
    assert!(said.starts_with("tips: /nonexistent: "), "{said}");
    // As `tips show` says and exits.
    let show = env
        .tips(&["show", "nosuch", "--tips-file", "/nonexistent"])
        .output()
        .unwrap();
    assert_eq!(show.status.code(), output.status.code());
    // A good name still lists, with the playbook's problem said once.
    let listed = env
        .tips(&["journal", "respect", "--tips-file", "/nonexistent"])
        .output()
        .unwrap();
    assert!(listed.status.success());
    assert_eq!(
        stderr_of(&listed).lines().count(),
        1,
        "{}",
        stderr_of(&listed)
    );
}

/// Text as words, whatever the wrapping.
fn words_of(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn mode_of(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn folders_are_made_private_whatever_the_umask_and_found_open_ones_are_named_or_tightened() {
    let env = TestEnv::new();
    // Under `umask 000`, every folder made on the way is private.
    let under_umask = Command::new("/bin/sh")
        .args([
            "-c",
            "umask 000; exec \"$TIPS\" reflect respect -m 'open house'",
        ])
        .env_clear()
        .env("HOME", env.home())
        .env("TIPS", tips_binary())
        .output()
        .unwrap();
    assert!(under_umask.status.success(), "{}", stderr_of(&under_umask));
    let journal = journal_dir(&env);
    for folder in [
        env.home().join(".local/share"),
        env.home().join(".local/share/tips"),
        journal.clone(),
        journal.join("respect"),
    ] {
        assert_eq!(mode_of(&folder), 0o700, "{}", folder.display());
    }

    // A journal and a tip's folder of one's own, found open to others, are
    // named by `tips paths` and made private by the next save.
    for folder in [&journal, &journal.join("respect")] {
        fs::set_permissions(folder, fs::Permissions::from_mode(0o777)).unwrap();
    }
    let paths = words_of(&stdout_of(&mut env.tips(&["paths"])));
    assert!(!paths.contains("private to you"), "{paths}");
    assert!(
        paths.contains(&format!("others may read or write {}", journal.display())),
        "{paths}"
    );
    reflect(&env, &["respect", "-m", "closed again"]);
    assert_eq!(mode_of(&journal), 0o700);
    assert_eq!(mode_of(&journal.join("respect")), 0o700);
    let paths = words_of(&stdout_of(&mut env.tips(&["paths"])));
    assert!(paths.contains("private to you"), "{paths}");

    // One that belongs to someone else is left alone, and named by the
    // save and by `tips paths`.
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| output.stdout == b"0\n");
    if !needed(is_root, "root, to give a folder to another user") {
        return;
    }
    let theirs = journal.join("listen");
    fs::create_dir(&theirs).unwrap();
    fs::set_permissions(&theirs, fs::Permissions::from_mode(0o777)).unwrap();
    std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
    let saved = env
        .tips(&["reflect", "listen", "-m", "in their folder"])
        .output()
        .unwrap();
    assert!(saved.status.success(), "{}", stderr_of(&saved));
    let said = stderr_of(&saved);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains(&format!("not private: {}", theirs.display())),
        "{said}"
    );
    assert_eq!(mode_of(&theirs), 0o777);
    let paths = words_of(&stdout_of(&mut env.tips(&["paths"])));
    assert!(paths.contains("belongs to someone else"), "{paths}");
}

/// The Markdown document read by markdown-it-py, a CommonMark parser
/// nobody here wrote: its top-level blocks in order, as `["h2", text]`,
/// `["code", text]` or `["p", text]` (other blocks by their kind).
fn read_by_markdown_it(env: &TestEnv, document: &str) -> Option<Vec<(String, String)>> {
    const READ: &str = r#"
import json, sys
from markdown_it import MarkdownIt
tokens = MarkdownIt("commonmark").parse(sys.stdin.read())
blocks = []
for at, token in enumerate(tokens):
    if token.level != 0 or token.nesting == -1:
        continue
    if token.type == "heading_open":
        blocks.append([token.tag, tokens[at + 1].content])
    elif token.type in ("fence", "code_block"):
        blocks.append(["code", token.content])
    elif token.type == "paragraph_open":
        blocks.append(["p", tokens[at + 1].content])
    else:
        blocks.append([token.type, token.content])
print(json.dumps(blocks))
"#;
    let output = markdown_it(env, READ, document)?;
    Some(serde_json::from_slice(&output).unwrap())
}

/// The Markdown document as markdown-it-py renders it to HTML.
fn rendered_by_markdown_it(env: &TestEnv, document: &str) -> Option<String> {
    const RENDER: &str = r#"
import sys
from markdown_it import MarkdownIt
sys.stdout.write(MarkdownIt("commonmark").render(sys.stdin.read()))
"#;
    let output = markdown_it(env, RENDER, document)?;
    Some(String::from_utf8(output).unwrap())
}

/// What a Python `script` that imports markdown-it-py prints of
/// `document` on its stdin; `None` (a visible skip, a failure under CI)
/// where markdown-it-py is not installed.
fn markdown_it(env: &TestEnv, script: &str, document: &str) -> Option<Vec<u8>> {
    let python = common::markdown_it_python();
    if !needed(python.is_some(), "Python's markdown-it-py") {
        return None;
    }
    let mut child = Command::new(python.unwrap())
        .args(["-c", script])
        .env_clear()
        .env("HOME", env.home())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), document.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "markdown-it-py failed");
    Some(output.stdout)
}

#[test]
fn a_commonmark_parser_reads_each_entry_as_its_own_section_with_its_text_intact() {
    let env = TestEnv::new();
    let entries = [
        (
            "homework",
            "2027-02-06",
            "Setup notes\n\n```sh\n# install the agent\n```\n\n#hashtag not a heading",
        ),
        (
            "listen",
            "2027-02-07",
            "# Top\n\n##### deep\n\nUnderlined\n==========\n\nAlso\n----\n\nend",
        ),
        ("respect", "2027-02-08", "Left open\n\n```\n# still code"),
        ("take-it-slow", "2027-02-09", "<!-- a note never closed"),
        ("the-ex", "2027-02-10", "After them all"),
    ];
    for (slug, date, text) in entries {
        reflect(&env, &[slug, "-m", text, "--date", date]);
    }
    let document = stdout_of(&mut env.tips(&["journal", "--markdown"]));
    let Some(blocks) = read_by_markdown_it(&env, &document) else {
        return;
    };
    let block = |kind: &str, text: &str| (kind.to_string(), text.to_string());
    // Each entry is one section: a level-2 heading of its own, and only
    // deeper headings until the next.
    let sections: Vec<&String> = blocks
        .iter()
        .filter(|(kind, _)| kind == "h1" || kind == "h2")
        .map(|(_, text)| text)
        .collect();
    assert_eq!(
        sections,
        [
            "Journal",
            "Wednesday 10 February 2027 · Tip 8 · Never Badmouth the Ex",
            "Tuesday 9 February 2027 · Tip 4 · Take It Slow",
            "Monday 8 February 2027 · Tip 7 · Respect",
            "Sunday 7 February 2027 · Tip 2 · Listen First",
            "Saturday 6 February 2027 · Tip 1 · Do Your Homework",
        ],
        "{document}"
    );
    for expected in [
        block("code", "# install the agent\n"),
        block("p", "#hashtag not a heading"),
        block("h3", "Top"),
        block("h6", "deep"),
        block("h3", "Underlined"),
        block("h4", "Also"),
        block("p", "end"),
        block("code", "# still code\n"),
        block("p", "After them all"),
    ] {
        assert!(
            blocks.contains(&expected),
            "{expected:?} in {blocks:?}\n{document}"
        );
    }
}
/// The drafts kept in the journal, by file name, without the lock files
/// beside them.
fn kept_drafts(env: &TestEnv) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(journal_dir(env).join(".drafts"))
        .map(|listing| {
            listing
                .flatten()
                .map(|item| item.file_name().into_string().unwrap())
                .filter(|name| !name.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// An editor script that writes `line` (in which the shell expands
/// variables) first in the draft, with builtins only, and keeps the rest as
/// it was.
fn writing_first(line: &str) -> String {
    format!(
        r#"rest=$(while IFS= read -r line; do printf '%s\n' "$line"; done <"$1")
printf '%s\n%s\n' "{line}" "$rest" >"$1""#
    )
}

/// Answers used to lose their questions: the prompts were guidance lines,
/// removed on save, so four answers were kept without the four questions.
#[test]
fn answers_keep_their_questions_and_unanswered_questions_go() {
    if !terminal_available() || !require("ed") {
        return;
    }
    let env = TestEnv::new();
    link_program(&env, "ed");
    // What the `n`th entry of the day holds once `tips reflect` has run ed
    // on its draft with the commands `typed`.
    let saved_after_ed = |typed: &str, n: u32| {
        let (status, screen) = on_terminal(
            &env,
            &format!("tips --color never reflect respect --date {RESPECT_DAY}"),
            typed,
            &[("EDITOR", "ed")],
        );
        assert_eq!(status, Some(0), "{screen}");
        let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-{n}.md"));
        fs::read_to_string(entry).unwrap()
    };
    // ed: an answer on the line after the first prompt, another after the
    // third; the other prompts are left as they were.
    let typed = "/correct them or ask them to explain?/a\nI corrected them, twice.\n.\n\
                 /line at which I walk away?/a\n\nOn price, never on the pilot.\n.\nw\nq\n";
    assert_eq!(
        saved_after_ed(typed, 1),
        "> When the customer last said something that sounded wrong to me, did I\n\
         > correct them or ask them to explain?\n\
         \n\
         I corrected them, twice.\n\
         \n\
         > Which compromises am I ready to make in this deal, and where is the\n\
         > line at which I walk away?\n\
         \n\
         On price, never on the pilot.\n"
    );

    // A question changed by the user is their text, answered or not.
    let typed = "/correct them or ask them to explain?/s/explain?/explain? Neither./\nw\nq\n";
    assert_eq!(
        saved_after_ed(typed, 2),
        "> When the customer last said something that sounded wrong to me, did I\n\
         > correct them or ask them to explain? Neither.\n"
    );

    // Code pasted on the first line keeps its `;` comments; a `;` line of
    // the reader's outside it is guidance, as the draft says.
    let typed = "1i\n```ini\n; retries for the pilot\nretries = 3\n```\n; to self\n.\nw\nq\n";
    assert_eq!(
        saved_after_ed(typed, 3),
        "```ini\n; retries for the pilot\nretries = 3\n```\n"
    );

    // Blank lines added under the questions are no answer.
    scripted_editor(&env, "blanks", r#"printf '\n\n  \n\n' >>"$1""#);
    let (status, screen) = on_terminal(&env, "tips reflect respect", "", &[("EDITOR", "blanks")]);
    assert_eq!(status, Some(1), "{screen}");
    assert_eq!(screen.trim(), "tips: nothing saved: the entry is empty");
    assert_eq!(entry_files(&env, "respect").len(), 3);

    // Without a draft there is no guidance and no prompt: all is kept.
    reflect(
        &env,
        &[
            "-m",
            "; a note",
            "-m",
            "> a quote",
            "--date",
            TEN_DAYS_LATER,
        ],
    );
    let entry = journal_dir(&env).join(format!("respect/{TEN_DAYS_LATER}-1.md"));
    assert_eq!(
        fs::read_to_string(entry).unwrap(),
        "; a note\n\n> a quote\n"
    );
}

/// A draft kept after a failed editor used to be passed over: the next
/// reflection opened a fresh one and never mentioned it.
#[test]
fn a_kept_draft_is_reopened_named_and_removed_once_saved() {
    if !terminal_available() {
        return;
    }
    let env = TestEnv::new();
    scripted_editor(
        &env,
        "crash",
        &format!("{}\nexit 1", writing_first("thought $TIPS_TEST_MARK")),
    );
    scripted_editor(&env, "save", "exit 0");
    let run = |date: &str, editor: &str, mark: &str| {
        on_terminal(
            &env,
            &format!("tips reflect respect --date {date}"),
            "",
            &[("VISUAL", editor), ("TIPS_TEST_MARK", mark)],
        )
    };

    let (status, screen) = run(RESPECT_DAY, "crash", "one");
    assert_eq!(status, Some(1), "{screen}");
    let draft = screen.trim().split("kept in ").nth(1).unwrap().to_string();
    assert!(
        draft.ends_with(&format!("respect-{RESPECT_DAY}.md")),
        "{draft}"
    );

    // The same tip and day: the kept draft is opened again, and said so.
    let (status, screen) = run(RESPECT_DAY, "crash", "two");
    assert_eq!(status, Some(1), "{screen}");
    let lines: Vec<&str> = screen.trim().lines().collect();
    assert_eq!(
        lines[0],
        format!("tips: reopening the draft you kept in {draft}"),
        "{screen}"
    );
    assert!(lines[1].ends_with(&format!("kept in {draft}")), "{screen}");
    let text = fs::read_to_string(&draft).unwrap();
    assert!(text.starts_with("thought two\nthought one\n"), "{text}");
    assert_eq!(kept_drafts(&env), [format!("respect-{RESPECT_DAY}.md")]);

    // Another day's draft is named, with how to reopen it, every time.
    let (status, screen) = run(TEN_DAYS_LATER, "save", "");
    assert_eq!(status, Some(1), "nothing was written: {screen}");
    let first = screen.trim().lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "tips: a draft of this tip is kept in {}: respect-{RESPECT_DAY}.md \
             ('tips reflect respect --date {RESPECT_DAY}' reopens it)",
            Path::new(&draft).parent().unwrap().display()
        ),
        "{screen}"
    );

    // Saved at last: the entry holds all that was typed, and the draft goes.
    let (status, screen) = run(RESPECT_DAY, "save", "");
    assert_eq!(status, Some(0), "{screen}");
    let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    assert_eq!(
        fs::read_to_string(entry).unwrap(),
        "thought two\nthought one\n"
    );
    let left = fs::read_dir(journal_dir(&env).join(".drafts"))
        .unwrap()
        .count();
    assert_eq!(left, 0, "neither the draft nor its lock file is left");
    let (status, screen) = run(RESPECT_DAY, "save", "");
    assert_eq!(status, Some(1), "{screen}");
    assert_eq!(screen.trim(), "tips: nothing saved: the entry is empty");
}

/// A BOM or a zero-width space used to be saved as an entry nobody could
/// see.
#[test]
fn text_that_shows_nothing_is_no_entry_however_it_is_given() {
    let env = TestEnv::new();
    for invisible in [
        "\u{feff}",
        "\u{200b}\n",
        "\u{feff}\u{200b} \u{2060}\n\u{00ad}\t\u{3000}\n",
        "\u{180e}\u{fe0f}\u{2800}",
    ] {
        let piped = env
            .tips(&["reflect", "respect"])
            .write_stdin(invisible)
            .output()
            .unwrap();
        let line = assert_one_line_failure(&piped);
        assert_eq!(
            line, "tips: nothing saved: the entry is empty\n",
            "{invisible:?}"
        );
        let given = env
            .tips(&["reflect", "respect", "-m", invisible])
            .output()
            .unwrap();
        let line = assert_one_line_failure(&given);
        assert_eq!(
            line, "tips: nothing saved: the entry is empty\n",
            "{invisible:?}"
        );
    }
    assert!(entry_files(&env, "respect").is_empty());

    if !terminal_available() {
        return;
    }
    // An editor that adds only a byte order mark.
    scripted_editor(&env, "bom", &writing_first("\u{feff}"));
    let (status, screen) = on_terminal(&env, "tips reflect respect", "", &[("EDITOR", "bom")]);
    assert_eq!(status, Some(1), "{screen}");
    assert_eq!(screen.trim(), "tips: nothing saved: the entry is empty");
    assert!(entry_files(&env, "respect").is_empty());
    assert!(kept_drafts(&env).is_empty());
}

/// A title with a line break used to put its second line into the draft
/// as text, saved from an unchanged draft; escape sequences went into the
/// draft file as they were.
#[test]
fn playbook_text_in_a_draft_is_made_safe_and_wrapped() {
    if !terminal_available() {
        return;
    }
    let env = TestEnv::new();
    let long = "販売の前に相手の話を最後まで聞き、その言葉を自分の言葉で言い直してから質問する";
    let hostile = env.write(
        "hostile.toml",
        &format!(
            r#"
[[tip]]
number = 11
slug = "follow-up"
title = "Follow Up\nThe customer agreed to a 40% discount"
body = "Send the notes."
prompts = ["What did I\r\npromise? \u001b[2J\u001b]0;pwned\u0007", "{long} {long}", "Next?"]
action = "Send\u009b31m today's notes 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀."
"#
        ),
    );
    scripted_editor(&env, "leave-it", KEEP_A_COPY);
    let (status, screen) = on_terminal(
        &env,
        &format!(
            "tips reflect follow-up --tips-file {}",
            hostile.to_str().unwrap()
        ),
        "",
        &[("EDITOR", "leave-it")],
    );
    assert_eq!(
        status,
        Some(1),
        "an unchanged draft saves nothing: {screen}"
    );
    assert_eq!(screen.trim(), "tips: nothing saved: the entry is empty");
    let draft = fs::read_to_string(env.home().join("seen-draft")).unwrap();
    assert!(
        !draft.chars().any(|c| c.is_control() && c != '\n'),
        "{draft:?}"
    );
    assert!(
        draft.contains("; Tip 11 · Follow Up The customer agreed to a 40% discount ·"),
        "{draft}"
    );
    assert!(draft.contains("^[[2J^[]0;pwned^G"), "{draft}");
    for line in draft.lines() {
        let columns = unicode_width::UnicodeWidthStr::width(line);
        assert!(columns <= 72, "{columns} columns: {line}");
        assert!(
            line.is_empty() || line.starts_with("; ") || line == ";" || line.starts_with("> "),
            "every line of the draft is guidance or a prompt: {line}"
        );
    }
}

/// The draft used to be read through a link: an editor (or anything) that
/// put a link in its place made that file's contents an entry.
#[test]
fn a_draft_replaced_by_a_link_is_not_read_through_it() {
    if !terminal_available() || !require("ln") {
        return;
    }
    let env = TestEnv::new();
    link_program(&env, "ln");
    let secret = env.write("secret", "the root password is hunter2\n");
    scripted_editor(
        &env,
        "swap",
        &format!("ln -sf {} \"$1\"", secret.to_str().unwrap()),
    );
    let (status, screen) = on_terminal(&env, "tips reflect respect", "", &[("EDITOR", "swap")]);
    assert_eq!(status, Some(1), "{screen}");
    let line = screen.trim();
    assert_eq!(line.lines().count(), 1, "{screen}");
    assert!(line.starts_with("tips: cannot read the draft "), "{line}");
    assert!(line.contains("it is a symbolic link now"), "{line}");
    assert!(line.ends_with("nothing saved"), "{line}");
    assert!(entry_files(&env, "respect").is_empty());
    let listed = stdout_of(&mut env.tips(&["journal", "--json"]));
    assert!(!listed.contains("hunter2"), "{listed}");
    // The link is never offered to an editor again.
    scripted_editor(&env, "save", "exit 0");
    let (status, screen) = on_terminal(&env, "tips reflect respect", "", &[("EDITOR", "save")]);
    assert_eq!(status, Some(1), "{screen}");
    assert_eq!(screen.trim(), "tips: nothing saved: the entry is empty");
    assert_eq!(
        fs::read_to_string(&secret).unwrap(),
        "the root password is hunter2\n"
    );
}

/// A missing editor used to be reported as "No such file or directory (os
/// error 2)".
#[test]
fn an_editor_that_cannot_start_is_said_in_plain_words() {
    if !terminal_available() {
        return;
    }
    let env = TestEnv::new();
    let not_runnable = bin_dir(&env).join("notes");
    fs::write(&not_runnable, "#!/bin/sh\n").unwrap();
    for (editor, why) in [
        ("nosuch", "no such program"),
        (
            "notes",
            "it is not a program you may run (permission denied)",
        ),
    ] {
        let (status, screen) = on_terminal(&env, "tips reflect respect", "", &[("VISUAL", editor)]);
        assert_eq!(status, Some(1), "{screen}");
        let line = screen.trim().lines().last().unwrap();
        let (said, draft) = line
            .split_once("; nothing saved, and your draft is kept in ")
            .unwrap();
        assert_eq!(
            said,
            format!(
                "tips: cannot start the editor '{editor}': {why}; \
                 set VISUAL or EDITOR to the editor you use"
            )
        );
        assert!(Path::new(draft).is_file(), "{draft}");
        assert!(!line.contains("os error"), "{line}");
    }
}

/// A kept draft open in one terminal is not reopened in another: two
/// editors on one file would lose what the first one saved.
#[test]
fn a_draft_open_in_another_terminal_is_left_to_it() {
    if !terminal_available() {
        return;
    }
    let env = TestEnv::new();
    scripted_editor(
        &env,
        "crash",
        &format!("{}\nexit 1", writing_first("first")),
    );
    let (status, screen) = on_terminal(&env, "tips reflect respect", "", &[("VISUAL", "crash")]);
    assert_eq!(status, Some(1), "{screen}");

    // The first terminal reopens the kept draft, and its editor waits.
    let release = env.home().join("release");
    make_fifo(&release);
    scripted_editor(
        &env,
        "waiting",
        r#": >"$HOME/open"; read -r line <"$HOME/release"; exit 0"#,
    );
    let first = std::thread::scope(|scope| {
        let first =
            scope.spawn(|| on_terminal(&env, "tips reflect respect", "", &[("VISUAL", "waiting")]));
        let start = Instant::now();
        while !env.home().join("open").exists() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the editor never opened"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        // The second starts a draft of its own, and says nothing of the
        // one open in the first.
        scripted_editor(&env, "second", &writing_first("second"));
        let (status, screen) =
            on_terminal(&env, "tips reflect respect", "", &[("VISUAL", "second")]);
        assert_eq!(status, Some(0), "{screen}");
        assert!(!screen.contains("draft"), "{screen}");
        fs::write(&release, "go\n").unwrap();
        first.join().unwrap()
    });
    let (status, screen) = first;
    assert_eq!(status, Some(0), "{screen}");
    assert!(screen.starts_with("tips: reopening the draft"), "{screen}");
    let texts: Vec<String> = json_of(&mut env.tips(&["journal", "--json"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.contains(&"second\n".to_string()), "{texts:?}");
    assert!(texts.contains(&"first\n".to_string()), "{texts:?}");
    assert!(kept_drafts(&env).is_empty(), "{:?}", kept_drafts(&env));
}

/// A tab made a space turned an entry's indented block into an open fence
/// that swallowed every older entry, and a playbook title went into a
/// heading as markup.
#[test]
fn tabs_and_playbook_titles_keep_one_section_per_entry_in_markdown() {
    let env = TestEnv::new();
    let team = env.write(
        "team.toml",
        "[[tip]]\nnumber = 11\nslug = \"close\"\n\
         title = \"Close <img src=x onerror=alert(1)> *deals* ##\"\n\
         body = \"b\"\nprompts = [\"a\", \"b\", \"c\"]\n",
    );
    let team = team.to_str().unwrap();
    let reflect_on = |slug: &str, date: &str, text: &str| {
        reflect(
            &env,
            &["--tips-file", team, slug, "--date", date, "-m", text],
        );
    };
    reflect_on(
        "listen",
        "2027-05-01",
        "Older entry: the one a coach must see",
    );
    reflect_on(
        "respect",
        "2027-05-02",
        "My snippet:\n\n\t```\n\tcc -o x x.c",
    );
    reflect_on(
        "homework",
        "2027-05-03",
        "para\n\t===\nx\n\n### h\n\t# not a heading",
    );
    reflect_on("close", "2027-05-04", "Closed it");
    let document = stdout_of(&mut env.tips(&["--tips-file", team, "journal", "--markdown"]));
    // The tab is kept as written, in code too.
    assert!(document.contains("\tcc -o x x.c"), "{document}");
    let Some(blocks) = read_by_markdown_it(&env, &document) else {
        return;
    };
    let sections: Vec<&String> = blocks
        .iter()
        .filter(|(kind, _)| kind == "h1" || kind == "h2")
        .map(|(_, text)| text)
        .collect();
    assert_eq!(sections.len(), 5, "{blocks:?}\n{document}");
    assert!(
        blocks.contains(&(
            "p".to_string(),
            "Older entry: the one a coach must see".to_string()
        )),
        "{blocks:?}"
    );
    let Some(html) = rendered_by_markdown_it(&env, &document) else {
        return;
    };
    // The title is shown as it is written, never taken as markup.
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<em>deals</em>"), "{html}");
    assert!(
        html.contains("Close &lt;img src=x onerror=alert(1)&gt; *deals* ##</h2>"),
        "{html}"
    );
}

/// An entry edited outside `tips` into another encoding, or something
/// that is not a folder where a tip's folder belongs, used to vanish from
/// `tips journal` without a word, and `tips journal NAME` said "No journal
/// entries yet".
#[test]
fn what_the_journal_cannot_show_is_named_never_passed_over_in_silence() {
    let env = TestEnv::new();
    reflect(&env, &["respect", "-m", "one", "--date", RESPECT_DAY]);
    reflect(&env, &["listen", "-m", "two", "--date", RESPECT_DAY]);
    let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    fs::write(&entry, b"caf\xe9\n").unwrap();
    let output = env.tips(&["journal", "--oneline"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("two"));
    let said = stderr_of(&output);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains(&*entry.to_string_lossy()) && said.contains("not UTF-8"),
        "{said}"
    );

    fs::write(journal_dir(&env).join("homework"), "junk").unwrap();
    let output = env.tips(&["journal", "homework"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let said = stderr_of(&output);
    assert!(
        said.contains("a regular file, where the folder of homework's entries belongs"),
        "{said}"
    );
    // With a broken playbook as well, still one line, saying both.
    let broken = env.write("broken.toml", "[[tip]]\nnumber = \"eleven\"\n");
    let output = env
        .tips(&[
            "--tips-file",
            broken.to_str().unwrap(),
            "journal",
            "--oneline",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let said = stderr_of(&output);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains("cannot show") && said.contains("broken.toml"),
        "{said}"
    );
    // A tip with no entries yet is named as the one asked about.
    let empty = stdout_of(&mut env.tips(&["journal", "meet-the-family"]));
    assert!(
        empty.contains("No journal entries on meet-the-family yet"),
        "{empty}"
    );
}

/// The glimpse of an entry ("Last time", `--oneline`, the login line) is
/// the reader's own words, not the prompt the entry keeps above them.
#[test]
fn a_glimpse_of_an_entry_shows_the_answer_not_the_question() {
    let env = TestEnv::new();
    reflect(
        &env,
        &[
            "respect",
            "--date",
            RESPECT_DAY,
            "-m",
            "> When the customer last said something that sounded wrong to me, did I\n\
             > correct them or ask them to explain?",
            "-m",
            "At the kickoff: I asked why instead of correcting them.",
        ],
    );
    let answer = "At the kickoff: I asked why instead of correcting them.";
    let listed = stdout_of(&mut env.tips(&["journal", "--oneline"]));
    assert!(listed.contains(answer), "{listed}");
    let shown = stdout_of(&mut env.tips(&["show", "respect", "--date", WEEKS_LATER]));
    let last_time = &shown[shown.find("Last time").expect("a Last time section")..];
    assert!(last_time.contains("At the kickoff"), "{last_time}");
    assert!(!last_time.contains("sounded wrong"), "{last_time}");
    assert!(
        last_time.contains("more: tips journal respect"),
        "{last_time}"
    );
    // The whole entry keeps the question.
    let whole = stdout_of(&mut env.tips(&["journal", "respect"]));
    assert!(whole.contains("sounded wrong"), "{whole}");
    // The newest line of `tips journal --oneline` once a later entry of
    // the lines `written` is kept.
    let newest_after_writing = |written: &[&str]| {
        let mut args = vec!["respect", "--date", WEEKS_LATER];
        for line in written {
            args.extend(["-m", line]);
        }
        reflect(&env, &args);
        let listed = stdout_of(&mut env.tips(&["journal", "--oneline"]));
        listed.lines().next().unwrap_or_default().to_string()
    };
    // A quote of the reader's own is their words, and stays.
    let newest = newest_after_writing(&["> customer: \"we need it by May\"", "and then"]);
    assert!(
        newest.contains("> customer: \"we need it by May\""),
        "{newest}"
    );
    // Indented by four spaces, a prompt is code the reader wrote, not a
    // quote, and stays.
    let newest = newest_after_writing(&[
        "    > When the customer last said something that sounded wrong to me, did I",
        "and after",
    ]);
    assert!(newest.contains("> When the customer"), "{newest}");
    // Unquoted, a prompt's words are the reader's own, and stay.
    let newest = newest_after_writing(&[
        "When the customer last said something that sounded wrong to me, did I \
         correct them or ask them to explain?",
        "> \"not again\", she said",
    ]);
    assert!(newest.contains("When the customer"), "{newest}");
}

/// "more:" under "Last time" leads to what was not shown: a short entry
/// shown whole, quotes of the reader's own and all, has none.
#[test]
fn more_is_offered_only_where_last_time_leaves_something_out() {
    let last_time_of = |entry: &[&str]| {
        let env = TestEnv::new();
        let mut args = vec!["respect", "--date", RESPECT_DAY];
        for line in entry {
            args.extend(["-m", line]);
        }
        reflect(&env, &args);
        let shown = stdout_of(&mut env.tips(&["show", "respect", "--date", WEEKS_LATER]));
        shown[shown.find("Last time").expect("a Last time section")..].to_string()
    };
    let prompt = "> When the customer last said something that sounded wrong to me, did I\n\
                  > correct them or ask them to explain?";
    for (entry, more) in [
        (&["> \"by May\", she said", "and then"][..], false),
        (&[prompt], false),
        (&[prompt, "I asked."], true),
    ] {
        let last_time = last_time_of(entry);
        assert_eq!(
            last_time.contains("more: tips journal respect"),
            more,
            "{entry:?}: {last_time}"
        );
    }
}

/// Entries on a tip no longer in force (a playbook gone) are still the
/// user's, and can be read by the slug they are kept under.
#[test]
fn entries_of_a_tip_no_longer_in_force_are_read_by_its_slug() {
    let env = TestEnv::new();
    let team = env.write(
        "team.toml",
        "[[tip]]\nnumber = 11\nslug = \"follow-up\"\ntitle = \"Follow Up\"\n\
         body = \"b\"\nprompts = [\"a\", \"b\", \"c\"]\n",
    );
    reflect(
        &env,
        &[
            "--tips-file",
            team.to_str().unwrap(),
            "follow-up",
            "-m",
            "Sent the notes",
        ],
    );
    let listed = stdout_of(&mut env.tips(&["journal", "follow-up"]));
    assert!(listed.contains("Sent the notes"), "{listed}");
}

/// A note may start with a dash.
#[test]
fn a_message_may_start_with_a_dash() {
    let env = TestEnv::new();
    reflect(
        &env,
        &[
            "respect",
            "-m",
            "-5% discount was the line",
            "--date",
            RESPECT_DAY,
        ],
    );
    let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    assert_eq!(
        fs::read_to_string(entry).unwrap(),
        "-5% discount was the line\n"
    );
}

/// A link where a folder of the journal belongs is never followed to
/// change the mode of what it points to (a shared folder, /tmp).
#[test]
fn a_link_in_the_journal_never_has_its_target_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    reflect(&env, &["listen", "-m", "first", "--date", RESPECT_DAY]);
    let shared = env.home().join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
    std::os::unix::fs::symlink(&shared, journal_dir(&env).join("respect")).unwrap();
    let output = env
        .tips(&["reflect", "respect", "-m", "x", "--date", RESPECT_DAY])
        .output()
        .unwrap();
    let mode = fs::metadata(&shared).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o1777, "the link's target keeps its mode");
    // Saved, and said not to be private, as `tips paths` says it: no
    // promise of a repair that never comes.
    assert!(output.status.success());
    let said = stderr_of(&output);
    assert!(
        said.contains("is a link to a folder others may read or write"),
        "{said}"
    );
    let paths = stdout_of(&mut env.tips(&["paths"]));
    assert!(
        paths.contains("is a link to a folder others may read or write"),
        "{paths}"
    );
    assert!(!paths.contains("makes it private"), "{paths}");
}

/// Node and others hand their children non-blocking pipes: the entry on
/// such a stdin used to fail with "Resource temporarily unavailable", and
/// what had been sent was dropped.
#[test]
fn an_entry_on_a_non_blocking_stdin_is_read_whole() {
    use std::io::Write;
    let env = TestEnv::new();
    let (reader, mut writer) = std::io::pipe().unwrap();
    rustix::io::ioctl_fionbio(&reader, true).unwrap();
    let child = env
        .process(&["reflect", "respect", "--date", RESPECT_DAY])
        .stdin(reader)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writer.write_all(b"first\n").unwrap();
    // The rest comes later, as from a program that is still thinking.
    std::thread::sleep(std::time::Duration::from_millis(300));
    writer.write_all(b"second\n").unwrap();
    drop(writer);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let entry = journal_dir(&env).join(format!("respect/{RESPECT_DAY}-1.md"));
    assert_eq!(fs::read_to_string(entry).unwrap(), "first\nsecond\n");
}

/// A broken team playbook kept anyone from writing on a built-in tip; the
/// journal lists with the built-in tips, and a reflection on one named
/// now does the same, saying why in one line.
#[test]
fn a_broken_playbook_does_not_keep_anyone_from_writing_on_a_builtin_tip() {
    let env = TestEnv::new();
    let broken = env.write("broken.toml", "[[tip]]\nnumber = \"eleven\"\n");
    let broken = broken.to_str().unwrap();
    let output = env
        .tips(&["--tips-file", broken, "reflect", "listen", "-m", "kept"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let said = stderr_of(&output);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains("broken.toml") && said.contains("writing on the built-in tip listen"),
        "{said}"
    );
    assert_eq!(entry_files(&env, "listen").len(), 1);
    // A number or the start of a slug may mean the team's tip: refused,
    // the broken playbook named, and nothing written under a built-in tip.
    for name in ["7", "resp"] {
        let output = env
            .tips(&["--tips-file", broken, "reflect", name, "-m", "x"])
            .output()
            .unwrap();
        let error = assert_one_line_failure(&output);
        assert!(error.contains("broken.toml"), "{error}");
    }
    assert!(entry_files(&env, "respect").is_empty());
    // The tip of the day is the playbook's to decide: refused, one line.
    let output = env
        .tips(&["--tips-file", broken, "reflect", "-m", "x"])
        .output()
        .unwrap();
    let error = assert_one_line_failure(&output);
    assert!(error.contains("broken.toml"), "{error}");
}

/// A folder of the journal named by a slug is read by that slug, before
/// any tip in force whose slug it is the start of.
#[test]
fn a_slug_with_a_folder_in_the_journal_is_that_folder() {
    let env = TestEnv::new();
    reflect(&env, &["listen", "-m", "old note", "--date", RESPECT_DAY]);
    let team = env.write(
        "la.toml",
        "replace_builtin = true\n[[tip]]\nnumber = 1\nslug = \"listen-actively\"\n\
         title = \"Listen Actively\"\nbody = \"b\"\nprompts = [\"a\", \"b\", \"c\"]\n",
    );
    let team = team.to_str().unwrap();
    reflect(
        &env,
        &[
            "--tips-file",
            team,
            "listen-actively",
            "-m",
            "new note",
            "--date",
            RESPECT_DAY,
        ],
    );
    let listed = stdout_of(&mut env.tips(&["--tips-file", team, "journal", "listen"]));
    assert!(
        listed.contains("old note") && !listed.contains("new note"),
        "{listed}"
    );
}

/// A HOME that is not there (Debian gives system users /nonexistent) was
/// made, with the journal or the login state in it.
#[test]
fn nothing_is_made_in_a_home_that_is_not_there() {
    let env = TestEnv::new();
    let missing = env.home().join("nonexistent");
    let home = missing.to_str().unwrap();
    let output = env
        .tips(&["reflect", "respect", "-m", "x"])
        .env("HOME", home)
        .output()
        .unwrap();
    let error = assert_one_line_failure(&output);
    assert!(
        error.contains("set HOME to a folder that is there"),
        "{error}"
    );
    let motd = env
        .tips(&["motd", "--once-per-day"])
        .env("HOME", home)
        .output()
        .unwrap();
    assert!(motd.status.success());
    assert!(String::from_utf8_lossy(&motd.stdout).contains("Tip "));
    assert!(!missing.exists(), "nothing made under the missing HOME");
}

/// A journal, or a tip's folder, that is a link to a drive not mounted
/// looked empty: "No journal entries yet".
#[test]
fn a_link_to_nothing_in_the_journal_is_named_not_taken_for_an_empty_journal() {
    let env = TestEnv::new();
    reflect(&env, &["listen", "-m", "kept", "--date", RESPECT_DAY]);
    let gone = env.home().join("media/backup/respect");
    std::os::unix::fs::symlink(&gone, journal_dir(&env).join("respect")).unwrap();
    for args in [&["journal"][..], &["journal", "respect"]] {
        let output = env.tips(args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let said = stderr_of(&output);
        assert_eq!(said.lines().count(), 1, "{said}");
        assert!(
            said.contains(&format!("a link to {}, which is not there", gone.display())),
            "{said}"
        );
    }
    // A link that leads to itself: the other tips' entries still show.
    let looping = journal_dir(&env).join("homework");
    std::os::unix::fs::symlink(&looping, &looping).unwrap();
    let output = env.tips(&["journal", "--oneline"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("kept"));
    assert_eq!(stderr_of(&output).lines().count(), 1);
    // The journal itself a link to nothing.
    let env = TestEnv::new();
    let data = env.home().join(".local/share/tips");
    fs::create_dir_all(&data).unwrap();
    std::os::unix::fs::symlink(env.home().join("media/journal"), data.join("journal")).unwrap();
    let output = env.tips(&["journal"]).output().unwrap();
    let error = assert_one_line_failure(&output);
    assert!(
        error.contains(&format!(
            "a link to {}, which is not there",
            env.home().join("media/journal").display()
        )),
        "{error}"
    );
    let paths = stdout_of(&mut env.tips(&["paths"]));
    assert!(
        paths.contains("a link to something that is not there"),
        "{paths}"
    );
    // The data folder the journal is in a link to nothing: the journal is
    // not "not created yet", and no command takes it for empty.
    let env = TestEnv::new();
    let share = env.home().join(".local/share");
    fs::create_dir_all(&share).unwrap();
    let gone = env.home().join("media/tips");
    std::os::unix::fs::symlink(&gone, share.join("tips")).unwrap();
    let named = format!(
        "{}: a link to {}, which is not there",
        share.join("tips").display(),
        gone.display()
    );
    for args in [&["journal"][..], &["journal", "respect"]] {
        let error = assert_one_line_failure(&env.tips(args).output().unwrap());
        assert!(error.contains(&named), "{args:?}: {error}");
    }
    let refused = env
        .tips(&["reflect", "respect", "-m", "kept?"])
        .output()
        .unwrap();
    let error = assert_one_line_failure(&refused);
    assert!(
        error.contains(&format!(
            "{} is a link to {}, which is not there",
            share.join("tips").display(),
            gone.display()
        )),
        "{error}"
    );
    let paths = words_of(&stdout_of(&mut env.tips(&["paths"])));
    assert!(
        paths.contains(&format!(
            "in {}, a link to something that is not there",
            share.join("tips").display()
        )),
        "{paths}"
    );
    assert!(!paths.contains("not created yet: tips reflect"), "{paths}");

    // Higher up: XDG_DATA_HOME a link to nothing, the data folder a file,
    // the data folder a link that leads round in a loop.
    for (setup, named) in [
        ("XDG_DATA_HOME", "a link to"),
        ("a file", "not a folder"),
        ("a loop", "a link that leads round in a loop"),
    ] {
        let env = TestEnv::new();
        let share = env.home().join(".local/share");
        fs::create_dir_all(&share).unwrap();
        let data_home = env.home().join("unmounted");
        match setup {
            "XDG_DATA_HOME" => {
                std::os::unix::fs::symlink(env.home().join("media"), &data_home).unwrap()
            }
            "a file" => fs::write(share.join("tips"), "").unwrap(),
            _ => std::os::unix::fs::symlink("tips", share.join("tips")).unwrap(),
        }
        let tips = |args: &[&str]| {
            let mut command = env.tips(args);
            if setup == "XDG_DATA_HOME" {
                command.env("XDG_DATA_HOME", &data_home);
            }
            command.output().unwrap()
        };
        for args in [
            &["journal"][..],
            &["journal", "respect"],
            &["reflect", "respect", "-m", "kept?"],
        ] {
            let error = assert_one_line_failure(&tips(args));
            assert!(error.contains(named), "{setup}: {args:?}: {error}");
        }
        let paths = words_of(&String::from_utf8(tips(&["paths"]).stdout).unwrap());
        assert!(
            !paths.contains("not created yet: tips reflect"),
            "{setup}: {paths}"
        );
    }
}

/// The login's "Last time" line showed only "…" where the entry began with
/// a word longer than the line (a sentence of Japanese, a URL).
#[test]
fn the_login_line_shows_the_start_of_an_entry_that_begins_with_a_long_word() {
    let env = TestEnv::new();
    let sentence = "顧客は来月までに導入を決めたいと言っていました。予算は確保済みです。";
    reflect(&env, &["respect", "--date", RESPECT_DAY, "-m", sentence]);
    let motd = stdout_of(
        env.tips(&["motd", "--date", WEEKS_LATER])
            .env("COLUMNS", "60"),
    );
    let line = motd
        .lines()
        .find(|line| line.contains("Last time"))
        .expect("a Last time line");
    assert!(line.contains("顧客は来月"), "{motd}");
}

/// A folder named by a slug longer than playbooks now allow (one written
/// before there was a longest length) is still the user's, and listed.
#[test]
fn a_folder_of_a_slug_longer_than_now_allowed_is_still_listed() {
    let env = TestEnv::new();
    let slug = format!("{}ab", "ab-".repeat(21));
    let folder = journal_dir(&env).join(&slug);
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join(format!("{RESPECT_DAY}-1.md")), "words\n").unwrap();
    let listed = json_of(&mut env.tips(&["journal", "--json"]));
    assert_eq!(listed[0]["text"], "words\n", "{listed}");
    assert_eq!(listed[0]["tip"]["slug"], slug.as_str(), "{listed}");
}

/// A file where another tip's folder belongs does not keep an entry from
/// being numbered and saved (numbers count the day across the journal).
#[test]
fn a_file_where_another_tips_folder_belongs_does_not_stop_a_save() {
    let env = TestEnv::new();
    reflect(&env, &["listen", "-m", "first", "--date", RESPECT_DAY]);
    fs::write(journal_dir(&env).join("homework"), "not a folder").unwrap();
    reflect(&env, &["respect", "-m", "second", "--date", RESPECT_DAY]);
    assert_eq!(
        entry_files(&env, "respect"),
        [format!("{RESPECT_DAY}-2.md")]
    );
}
