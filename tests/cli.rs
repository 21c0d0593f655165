//! The commands of `tips`, run as a user runs them.

mod common;

use common::{
    a_run_that_prints, assert_usage_error, every_command, json_of, stdout_of, TestEnv, PLAIN_DAY,
};
use snapbox::{assert_data_eq, file};

#[test]
fn plain_tips_is_today() {
    let env = TestEnv::new();
    let plain = stdout_of(&mut env.tips(&["--date", PLAIN_DAY]));
    let today = stdout_of(&mut env.tips(&["today", "--date", PLAIN_DAY]));
    assert_eq!(plain, today);
    assert!(today.contains("Coaching prompts") && today.contains("Try today"));
}

#[test]
fn today_follows_the_series_from_4_to_13_february() {
    let env = TestEnv::new();
    for (date, number) in [("2027-02-04", 1), ("2027-02-10", 7), ("2027-02-13", 10)] {
        let tip = json_of(&mut env.tips(&["today", "--json", "--date", date]));
        assert_eq!(tip["number"], number, "{date}");
    }
    let respect = stdout_of(&mut env.tips(&["today", "--date", "2013-02-10"]));
    assert!(respect.starts_with("Tip 7 · Respect\n"), "{respect}");
}

#[test]
fn today_rotates_through_every_tip_in_ten_days() {
    let env = TestEnv::new();
    let mut numbers: Vec<u64> = (1..=10)
        .map(|day| {
            let date = format!("2026-06-{day:02}");
            json_of(&mut env.tips(&["today", "--json", "--date", &date]))["number"]
                .as_u64()
                .unwrap()
        })
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=10).collect::<Vec<_>>());
}

#[test]
fn valentines_day_puts_a_greeting_above_the_tip() {
    let env = TestEnv::new();
    let page = stdout_of(&mut env.tips(&["--date", "2027-02-14"]));
    assert!(page.starts_with("Happy Valentine's Day!"), "{page}");
    assert!(page.contains("Coaching prompts"));
    let ordinary = stdout_of(&mut env.tips(&["--date", "2027-02-15"]));
    assert!(!ordinary.contains("Valentine"));
}

/// Golden files: `SNAPSHOTS=overwrite cargo test` rewrites them after a
/// deliberate change in output, and a difference shows as a diff.
#[test]
fn show_matches_the_golden_page_for_respect() {
    let env = TestEnv::new();
    let page = stdout_of(&mut env.tips(&["show", "respect"]));
    assert_data_eq!(page, file!["golden/show-respect.txt"].raw());
}

#[test]
fn show_takes_slug_number_prefix_and_any_case() {
    let env = TestEnv::new();
    let expected = stdout_of(&mut env.tips(&["show", "respect"]));
    for name in ["RESPECT", "7", "resp", "Resp"] {
        assert_eq!(
            stdout_of(&mut env.tips(&["show", name])),
            expected,
            "{name}"
        );
    }
}

#[test]
fn show_json_is_one_tip_object_with_every_field() {
    let env = TestEnv::new();
    let tip = json_of(&mut env.tips(&["show", "respect", "--json"]));
    assert_eq!(tip["number"], 7);
    assert_eq!(tip["slug"], "respect");
    assert_eq!(tip["title"], "Respect");
    for field in ["tagline", "body", "action", "source"] {
        assert!(tip[field].is_string(), "{field}");
    }
    assert!(tip["prompts"].as_array().unwrap().len() >= 3);
}

#[test]
fn show_an_unknown_tip_names_the_closest_and_exits_2() {
    let env = TestEnv::new();
    let output = env.tips(&["show", "respekt"]).output().unwrap();
    assert_usage_error(&output, "did you mean 'respect'?");
}

#[test]
fn show_suggests_nothing_for_a_name_like_no_tip() {
    let env = TestEnv::new();
    for name in ["qqqq", "pricing"] {
        let output = env.tips(&["show", name]).output().unwrap();
        let line = assert_usage_error(&output, "see 'tips list'");
        assert_eq!(
            line,
            format!("tips: no tip is called '{name}' (see 'tips list')\n")
        );
    }
}

#[test]
fn show_an_ambiguous_prefix_names_the_candidates_and_exits_2() {
    let env = TestEnv::new();
    let output = env.tips(&["show", "l"]).output().unwrap();
    assert_usage_error(&output, "'l' could be listen or love-language");
}

#[test]
fn list_has_one_line_per_tip() {
    let env = TestEnv::new();
    let list = stdout_of(&mut env.tips(&["list"]));
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 10);
    assert_eq!(lines[6], " 7  respect           Respect");
    assert!(lines.iter().all(|line| line.chars().count() <= 80));
}

#[test]
fn list_rows_never_end_in_blanks() {
    let env = TestEnv::new();
    let team = env.write(
        "team.toml",
        "[[tip]]\nnumber = 11\nslug = \"bare\"\ntitle = \"No Tagline\"\nbody = \"b\"\nprompts = [\"a\", \"b\", \"c\"]\n",
    );
    let list = stdout_of(&mut env.tips(&["--tips-file", team.to_str().unwrap(), "list"]));
    assert!(
        list.lines()
            .any(|line| line == "11  bare              No Tagline"),
        "{list}"
    );
    for line in list.lines() {
        assert_eq!(line, line.trim_end(), "{line:?} ends in blanks");
    }
}

#[test]
fn list_json_is_an_array_of_ten_tips() {
    let env = TestEnv::new();
    let list = json_of(&mut env.tips(&["list", "--json"]));
    let tips = list.as_array().unwrap();
    assert_eq!(tips.len(), 10);
    assert_eq!(tips[6]["slug"], "respect");
}

/// `tips list` showed numbers and titles, and slugs such as `the-ex` and
/// `ever-after` cannot be guessed from a title: each tip is listed with
/// its number and slug, the names to type, then its title; on a narrow
/// terminal the title goes under the names, which stay whole.
#[test]
fn list_shows_each_tips_slug_the_name_to_type() {
    let env = TestEnv::new();
    let text = stdout_of(&mut env.tips(&["list"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 10, "{text}");
    assert_eq!(lines[7], " 8  the-ex            Never Badmouth the Ex");
    assert_eq!(lines[9], "10  ever-after        Happily Ever After");
    let tips = json_of(&mut env.tips(&["list", "--json"]));
    for (line, tip) in lines.iter().zip(tips.as_array().unwrap()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[0], tip["number"].to_string(), "{line}");
        assert_eq!(words[1], tip["slug"], "{line}");
        assert!(line.ends_with(tip["title"].as_str().unwrap()), "{line}");
    }
    if !common::require("script") {
        return;
    }
    let binary = common::tips_binary();
    let narrow = env.on_terminal(
        &format!(
            "stty cols 20 rows 40; {} --color never list",
            binary.display()
        ),
        &[],
    );
    let lines: Vec<&str> = narrow.lines().collect();
    assert!(
        lines.iter().all(|line| line.chars().count() <= 20),
        "{narrow}"
    );
    assert!(lines.contains(&" 9  pop-the-question"), "{narrow}");
    assert!(lines.contains(&"    Pop the Question"), "{narrow}");
    assert!(lines.contains(&" 5  love-language"), "{narrow}");
    assert!(lines.contains(&"    Speak Their Love"), "{narrow}");
}

#[test]
fn countdown_counts_to_the_next_14_february() {
    let env = TestEnv::new();
    let text = stdout_of(&mut env.tips(&["countdown", "--date", PLAIN_DAY]));
    assert!(
        text.contains("80 days to Valentine's Day, Sunday 14 February 2027"),
        "{text}"
    );
    assert!(text.contains("starts in 70 days"), "{text}");
    let json = json_of(&mut env.tips(&["countdown", "--json", "--date", PLAIN_DAY]));
    assert_eq!(json["date"], PLAIN_DAY);
    assert_eq!(json["valentines"], "2027-02-14");
    assert_eq!(json["days"], 80);
    assert_eq!(json["weekday"], "Sunday");
    assert_eq!(json["season"]["status"], "upcoming");
}

#[test]
fn countdown_in_season_names_todays_tip() {
    let env = TestEnv::new();
    let text = stdout_of(&mut env.tips(&["countdown", "--date", "2027-02-10"]));
    assert!(
        text.contains("Day 7 of 10") && text.contains("tips show respect"),
        "{text}"
    );
    let json = json_of(&mut env.tips(&["countdown", "--json", "--date", "2027-02-10"]));
    assert_eq!(json["season"]["tip"], 7);
}

#[test]
fn countdown_on_valentines_day_is_zero_with_a_greeting() {
    let env = TestEnv::new();
    let text = stdout_of(&mut env.tips(&["countdown", "--date", "2027-02-14"]));
    assert!(
        text.starts_with("Happy Valentine's Day!") && text.contains("0 days"),
        "{text}"
    );
    let json = json_of(&mut env.tips(&["countdown", "--json", "--date", "2027-02-14"]));
    assert_eq!(json["days"], 0);
    assert_eq!(json["season"]["status"], "valentines-day");
}

#[test]
fn random_gives_one_of_the_tips() {
    let env = TestEnv::new();
    let seen: std::collections::HashSet<u64> = (0..12)
        .map(|_| {
            json_of(&mut env.tips(&["random", "--json"]))["number"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert!(seen.iter().all(|number| (1..=10).contains(number)));
    assert!(seen.len() > 1, "twelve draws gave one tip: {seen:?}");
    assert!(stdout_of(&mut env.tips(&["random"])).contains("Coaching prompts"));
}

#[test]
fn global_options_go_before_or_after_the_command() {
    let env = TestEnv::new();
    let before = stdout_of(&mut env.tips(&["--json", "--date", "2027-02-05", "today"]));
    let after = stdout_of(&mut env.tips(&["today", "--date", "2027-02-05", "--json"]));
    assert_eq!(before, after);
}

/// Each global option is declared before and after the command; where it
/// is given in both places, the later one (after the command) wins, and
/// an option given only before the command is not undone by the default
/// after it.
#[test]
fn a_global_option_given_before_and_after_the_command_takes_the_later() {
    let env = TestEnv::new();
    let number = |args: &[&str]| json_of(env.bare().args(args))["number"].clone();
    assert_eq!(
        number(&[
            "--date",
            "2026-11-26",
            "today",
            "--date",
            "2027-02-10",
            "--json"
        ]),
        7
    );
    assert_eq!(number(&["--date", "2027-02-10", "--json", "today"]), 7);
    assert_eq!(number(&["today", "--json", "--date", "2027-02-04"]), 1);
    let painted = |args: &[&str]| stdout_of(env.bare().args(args)).contains('\u{1b}');
    assert!(!painted(&[
        "--color", "always", "show", "7", "--color", "never"
    ]));
    assert!(painted(&[
        "--color", "never", "show", "7", "--color", "always"
    ]));
    assert!(
        painted(&["--color", "always", "show", "7"]),
        "the default after the command does not undo it"
    );
    let team = env.write(
        "team.toml",
        "[[tip]]\nnumber = 11\nslug = \"late\"\ntitle = \"Later\"\nbody = \"b\"\nprompts = [\"a\", \"b\", \"c\"]\n",
    );
    let titles = json_of(&mut env.tips(&[
        "--tips-file",
        "/nonexistent/tips.toml",
        "list",
        "--json",
        "--tips-file",
        team.to_str().unwrap(),
    ]));
    assert_eq!(titles.as_array().unwrap().last().unwrap()["title"], "Later");
}

#[test]
fn color_always_paints_and_never_does_not() {
    let env = TestEnv::new();
    let painted = stdout_of(env.bare().args(["--color", "always", "show", "respect"]));
    assert!(
        painted.contains("\u{1b}[1;31mRespect\u{1b}[0m"),
        "{painted:?}"
    );
    let plain = stdout_of(env.bare().args(["--color", "never", "show", "respect"]));
    assert!(!plain.contains('\u{1b}'));
}

#[test]
fn color_always_matches_the_golden_escape_codes() {
    let env = TestEnv::new();
    let painted = stdout_of(
        env.bare()
            .args(["--color", "always", "motd", "--date", "2027-02-14"]),
    );
    assert_data_eq!(painted, file!["golden/motd-valentines-color.txt"].raw());
}

#[test]
fn color_auto_follows_the_environment() {
    let env = TestEnv::new();
    // Not a terminal: no colour by default, but CLICOLOR_FORCE insists.
    assert!(!stdout_of(env.bare().args(["show", "7"])).contains('\u{1b}'));
    assert!(
        stdout_of(env.bare().env("CLICOLOR_FORCE", "1").args(["show", "7"])).contains('\u{1b}')
    );
    for off in ["", "0"] {
        assert!(
            !stdout_of(env.bare().env("CLICOLOR_FORCE", off).args(["show", "7"]))
                .contains('\u{1b}'),
            "CLICOLOR_FORCE={off:?}"
        );
    }
    // The flag beats the environment.
    assert!(!stdout_of(
        env.bare()
            .env("CLICOLOR_FORCE", "1")
            .args(["--color", "never", "show", "7"])
    )
    .contains('\u{1b}'));
    assert!(stdout_of(
        env.bare()
            .env("NO_COLOR", "1")
            .args(["--color", "always", "show", "7"])
    )
    .contains('\u{1b}'));
}

#[test]
fn json_never_carries_colour() {
    let env = TestEnv::new();
    let json = stdout_of(
        env.bare()
            .args(["--color", "always", "show", "7", "--json"]),
    );
    assert!(!json.contains('\u{1b}'));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = TestEnv::new();
    let every_run = every_command(&env)
        .iter()
        .map(|command| a_run_that_prints(command, env.home()))
        .collect::<Vec<_>>();
    let runs = every_run
        .iter()
        .map(|run| run.iter().map(String::as_str).collect::<Vec<_>>())
        .chain([vec!["--help"]]);
    for args in runs {
        let args = &args[..];
        let output = env.writing_to_closed_pipe(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
    }
}

#[test]
fn usage_errors_are_one_line_and_exit_2() {
    let env = TestEnv::new();
    let cases: &[(&[&str], &str)] = &[
        (&["--date", "2026-02-30"], "that month has 28 days"),
        (&["--date", "2026-13-01"], "no month 13"),
        (&["--date", "tomorrow"], "YYYY-MM-DD"),
        (&["--colr", "never"], "a similar argument exists: '--color'"),
        (&["--color", "sometimes"], "sometimes"),
        (&["shoe", "respect"], "shoe"),
        (
            &["show"],
            "'tips show' needs the name of a tip, such as respect or 7; see 'tips list'",
        ),
        (
            &["list", "--bogus"],
            "'--bogus' found; see 'tips list --help'",
        ),
        (&["search", ""], "'tips search' needs a word to look for"),
        (
            &["search", " ", "\t"],
            "'tips search' needs a word to look for",
        ),
        (
            &["help", "shwo"],
            "no command is called 'shwo' (did you mean 'show'?)",
        ),
        (&["show", "respect", "extra"], "extra"),
        (&["init", "tcsh"], "tcsh"),
    ];
    for (args, what) in cases {
        let output = env.bare().args(*args).output().unwrap();
        assert_usage_error(&output, what);
    }
}

/// `init tcsh` was offered zsh, which shares two letters with it: a shell
/// that is not known is said so with the shells that are, and only a slip
/// of a letter or two gets a guess.
#[test]
fn an_unknown_shell_is_named_with_the_shells_tips_knows() {
    let env = TestEnv::new();
    let cases: &[(&[&str], &str)] = &[
        (
            &["init", "tcsh"],
            "tips: tcsh is not a shell tips knows; it knows bash, zsh and fish\n",
        ),
        (
            &["init", "ksh"],
            "tips: ksh is not a shell tips knows; it knows bash, zsh and fish\n",
        ),
        (
            &["init", "bsh"],
            "tips: bsh is not a shell tips knows: did you mean bash? (it knows bash, zsh and fish)\n",
        ),
        (
            &["init", "zhs"],
            "tips: zhs is not a shell tips knows: did you mean zsh? (it knows bash, zsh and fish)\n",
        ),
        (
            &["init"],
            "tips: 'tips init' needs the name of a shell: bash, zsh or fish, as in 'tips init bash'\n",
        ),
        (
            &["completions", "tcsh"],
            "tips: tcsh is not a shell tips knows; it knows bash, elvish, fish, powershell and zsh\n",
        ),
        (
            &["--color", "sometimes"],
            "tips: --color takes auto, always or never, not sometimes\n",
        ),
    ];
    for (args, said) in cases {
        let output = env.bare().args(*args).output().unwrap();
        assert_eq!(assert_usage_error(&output, said), *said, "{args:?}");
    }
    // A shell's name in capitals is still that shell.
    let code = stdout_of(&mut env.tips(&["init", "BASH"]));
    assert_eq!(code, stdout_of(&mut env.tips(&["init", "bash"])));
}

#[test]
fn json_is_refused_where_there_is_no_json_form() {
    let env = TestEnv::new();
    for (args, prints) in [
        (&["export"][..], "a TOML playbook"),
        (&["init", "bash"], "shell code"),
        (&["completions", "zsh"], "shell code"),
        (&["man"], "a manual page in roff"),
    ] {
        let output = env.tips(args).arg("--json").output().unwrap();
        assert_usage_error(&output, &format!("prints {prints}, which has no JSON form"));
    }
    let site = env.home().join("site");
    let output = env
        .tips(&["site", site.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert_usage_error(
        &output,
        "prints one line on what it wrote into the folder, which has no JSON form",
    );
    assert!(!site.exists(), "nothing is written");
}

#[test]
fn non_utf8_arguments_are_refused_cleanly() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let env = TestEnv::new();
    for args in [
        vec![OsStr::from_bytes(b"show"), OsStr::from_bytes(b"resp\xffct")],
        vec![OsStr::from_bytes(b"--date"), OsStr::from_bytes(b"\xff\xfe")],
        vec![OsStr::from_bytes(b"\xc3\x28")],
    ] {
        let output = env.bare().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with("tips: ") && stderr.lines().count() == 1,
            "{stderr}"
        );
    }
}

#[test]
fn every_command_has_help_with_examples() {
    let env = TestEnv::new();
    for command in &every_command(&env) {
        let command = command.as_str();
        let help = stdout_of(&mut env.tips(&[command, "--help"]));
        assert!(help.contains("Usage: tips"), "{command}");
        assert!(help.contains("Example"), "{command} --help has no example");
    }
    let help = stdout_of(&mut env.tips(&["--help"]));
    assert!(help.contains("Examples:") && help.contains("tips show respect"));
}

#[test]
fn version_prints_the_version() {
    let env = TestEnv::new();
    let version = stdout_of(&mut env.tips(&["--version"]));
    assert_eq!(version, format!("tips {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn text_wraps_to_80_columns_off_a_terminal() {
    let env = TestEnv::new();
    let page = stdout_of(&mut env.tips(&["show", "respect"]));
    assert!(page.lines().all(|line| line.chars().count() <= 80));
    assert!(
        page.lines().any(|line| line.chars().count() > 70),
        "the text uses the width"
    );
}

#[test]
fn help_as_a_command_gives_the_same_page_as_the_help_option() {
    let env = TestEnv::new();
    for (asked, option) in [
        (&["help"][..], &["--help"][..]),
        (&["help", "show"], &["show", "--help"]),
        (&["help", "calendar"], &["calendar", "--help"]),
    ] {
        let by_command = env.bare().args(asked).output().unwrap();
        let by_option = env.bare().args(option).output().unwrap();
        assert_eq!(by_command.status.code(), Some(0), "{asked:?}");
        assert!(!by_command.stdout.is_empty(), "{asked:?}");
        assert_eq!(by_command.stdout, by_option.stdout, "{asked:?}");
    }
    let top = stdout_of(env.bare().arg("help"));
    assert!(top.contains("help  ") || top.contains("help "), "{top}");
}

#[test]
fn a_command_shows_only_the_global_options_it_takes() {
    let env = TestEnv::new();
    let options_of = |command: &str| {
        let help = stdout_of(env.bare().args([command, "--help"]));
        ["--date", "--json", "--color", "--tips-file"]
            .into_iter()
            .filter(|option| {
                help.lines()
                    .any(|line| line.trim_start().split([' ', ',']).next() == Some(*option))
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        options_of("today"),
        ["--date", "--json", "--color", "--tips-file"]
    );
    assert_eq!(options_of("list"), ["--json", "--color", "--tips-file"]);
    assert_eq!(options_of("calendar"), ["--date", "--json", "--tips-file"]);
    for command in ["init", "export", "completions", "man"] {
        assert_eq!(options_of(command), Vec::<&str>::new(), "{command}");
    }
    // Hidden from help, still accepted: an alias that always passes one
    // keeps working with every command.
    env.tips(&["--date", "2027-02-10", "list"])
        .assert()
        .success();
    env.tips(&["export", "--color", "always"])
        .assert()
        .success();
}

#[test]
fn an_option_given_twice_keeps_the_later_value() {
    let env = TestEnv::new();
    // `alias tips='tips --color always'`, then `tips --color never list`.
    let plain = stdout_of(
        env.bare()
            .args(["--color", "always", "--color", "never", "list"]),
    );
    assert!(!plain.contains('\u{1b}'), "{plain}");
    let painted = stdout_of(
        env.bare()
            .args(["list", "--color", "never", "--color", "always"]),
    );
    assert!(painted.contains('\u{1b}'), "{painted}");
    let later = stdout_of(&mut env.tips(&[
        "--date",
        "2027-02-04",
        "today",
        "--date",
        "2027-02-10",
        "--date",
        "2027-02-13",
    ]));
    assert!(later.starts_with("Tip 10 "), "{later}");
    for repeated in [
        &["--json", "--json", "list"][..],
        &["motd", "--once-per-day", "--once-per-day"],
        &["calendar", "--days", "2", "--days", "1"],
        &[
            "--tips-file",
            "missing.toml",
            "--tips-file",
            "also-missing.toml",
            "paths",
        ],
    ] {
        let output = env.tips(repeated).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{repeated:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
