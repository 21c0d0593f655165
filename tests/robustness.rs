//! Proof that `tips` cannot be broken from outside: time zones, odd
//! environments, extreme dates, and a playbook loader fed arbitrary bytes.

mod common;

use chrono::{Duration, Utc};
use common::{
    a_run_that_prints, assert_usage_error, every_command, json_of, make_fifo, require, stdout_of,
    tips_binary, TestEnv,
};
use proptest::prelude::*;
use std::process::{Command, Stdio};

fn date_under(env: &TestEnv, zone: &str) -> String {
    let json = json_of(env.tips(&["countdown", "--json"]).env("TZ", zone));
    json["date"].as_str().unwrap().to_string()
}

fn utc_dates_around(offset_hours: i64) -> [String; 2] {
    // Taken just before the run and checked against just after, so a run
    // that crosses midnight still passes.
    let now = Utc::now() + Duration::hours(offset_hours);
    [
        now.format("%Y-%m-%d").to_string(),
        (now + Duration::seconds(30)).format("%Y-%m-%d").to_string(),
    ]
}

#[test]
fn the_day_is_the_local_calendar_day_in_two_zones_never_on_the_same_date() {
    let env = TestEnv::new();
    // POSIX zones, which need no tz database: UTC+14 and UTC-11 are 25
    // hours apart, so they never share a date.
    let east_expected = utc_dates_around(14);
    let west_expected = utc_dates_around(-11);
    let east = date_under(&env, "<+14>-14");
    let west = date_under(&env, "<-11>11");
    assert_ne!(east, west);
    assert!(
        east_expected.contains(&east),
        "UTC+14 gave {east}, expected {east_expected:?}"
    );
    assert!(
        west_expected.contains(&west),
        "UTC-11 gave {west}, expected {west_expected:?}"
    );
}

#[test]
fn named_zones_from_the_tz_database_work_where_it_is_installed() {
    if !std::path::Path::new("/usr/share/zoneinfo/Pacific/Kiritimati").exists() {
        eprintln!("skipped: no tz database");
        return;
    }
    let env = TestEnv::new();
    assert!(utc_dates_around(14).contains(&date_under(&env, "Pacific/Kiritimati")));
    assert!(utc_dates_around(-11).contains(&date_under(&env, "Pacific/Pago_Pago")));
}

#[test]
fn an_invalid_or_unreadable_tz_gives_the_utc_date() {
    let env = TestEnv::new();
    for zone in [
        "Nowhere/Bogus",
        ":/nonexistent/zone",
        "",
        "\u{1}\u{2}",
        "\u{1b}[2J",
        "/etc/passwd",
    ] {
        let output = env
            .tips(&["countdown", "--json"])
            .env("TZ", zone)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "TZ={zone:?}");
        assert!(output.stderr.is_empty(), "TZ={zone:?}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert!(
            utc_dates_around(0).contains(&json["date"].as_str().unwrap().to_string()),
            "TZ={zone:?}"
        );
        // The login tip, too, shows quietly under any TZ.
        let login = env.tips(&["motd"]).env("TZ", zone).output().unwrap();
        assert_eq!(login.status.code(), Some(0), "TZ={zone:?}");
        assert!(
            String::from_utf8_lossy(&login.stdout).contains("Tip "),
            "TZ={zone:?}"
        );
        assert!(login.stderr.is_empty(), "TZ={zone:?}");
    }
}

/// The C library opens the zone file that TZ names without looking at
/// what it is; a FIFO there would hold `tips`, and every login, forever.
/// `tips` looks first: such a zone gives the UTC date, quietly.
#[test]
fn a_tz_that_names_a_fifo_gives_the_utc_date_without_waiting() {
    let env = TestEnv::new();
    let zones = env.home().join("zones");
    std::fs::create_dir(&zones).unwrap();
    let fifo = zones.join("Fifo");
    make_fifo(&fifo);
    let cases = [
        (format!(":{}", fifo.display()), None),
        (fifo.display().to_string(), None),
        // A name looked up in TZDIR, as Europe/Berlin is.
        ("Fifo".to_string(), Some(&zones)),
    ];
    for (tz, tzdir) in cases {
        for args in [&["countdown", "--json"][..], &["motd", "--json"]] {
            let mut command = env.process(args);
            command.env("TZ", &tz);
            if let Some(dir) = tzdir {
                command.env("TZDIR", dir);
            }
            let mut child = command
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let started = std::time::Instant::now();
            while child.try_wait().unwrap().is_none() {
                if started.elapsed() > std::time::Duration::from_secs(20) {
                    let _ = child.kill();
                    panic!("TZ={tz} {args:?} hung");
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            let output = child.wait_with_output().unwrap();
            assert_eq!(output.status.code(), Some(0), "TZ={tz} {args:?}");
            assert!(output.stderr.is_empty(), "TZ={tz} {args:?}");
            let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            assert!(
                utc_dates_around(0).contains(&json["date"].as_str().unwrap().to_string()),
                "TZ={tz} {args:?}"
            );
        }
    }
}

#[test]
fn an_empty_environment_still_works() {
    let binary = assert_cmd::cargo::cargo_bin!("tips");
    for args in [
        &["today"][..],
        &["motd"],
        &["motd", "--once-per-day"],
        &["countdown"],
        &["paths"],
    ] {
        let output = Command::new("env")
            .arg("-i")
            .arg(binary)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!output.stdout.is_empty(), "{args:?}");
        assert!(!String::from_utf8_lossy(&output.stdout).contains('\u{1b}'));
    }
}

#[test]
fn colour_on_a_terminal_follows_no_color_clicolor_and_term() {
    if !require("script") {
        return;
    }
    let env = TestEnv::new();
    let binary = tips_binary().display();
    let painted = |vars: &[(&str, &str)]| {
        env.on_terminal(&format!("{binary} show respect"), vars)
            .contains('\u{1b}')
    };
    assert!(painted(&[]), "a terminal gets colour");
    assert!(painted(&[("CLICOLOR", "1")]));
    assert!(!painted(&[("TERM", "dumb")]));
    assert!(!painted(&[("NO_COLOR", "1")]));
    assert!(!painted(&[("CLICOLOR", "0")]));
    assert!(painted(&[("CLICOLOR", "0"), ("CLICOLOR_FORCE", "1")]));
}

/// The commands whose output is not laid out for the terminal: a file
/// format (roff, shell code, TOML, iCalendar, Atom) that must not wrap,
/// clap's own help, or a line for a timer's log (`site`, one line a run).
/// Every other command wraps to the terminal's width.
const NOT_LAID_OUT: &[&str] = &[
    "man",
    "completions",
    "init",
    "export",
    "calendar",
    "feed",
    "site",
    "help",
];

#[test]
fn a_20_column_terminal_gets_20_column_lines() {
    if !require("script") {
        return;
    }
    let env = TestEnv::new();
    let commands = every_command(&env);
    for exempt in NOT_LAID_OUT {
        assert!(commands.iter().any(|command| command == exempt), "{exempt}");
    }
    let binary = tips_binary().display();
    let laid_out = commands
        .iter()
        .filter(|command| !NOT_LAID_OUT.contains(&command.as_str()));
    for command in laid_out {
        let run = a_run_that_prints(command, env.home())
            .iter()
            .map(|word| format!("'{}'", word.replace('\'', "'\\''")))
            .collect::<Vec<_>>()
            .join(" ");
        // A real pseudo-terminal, resized the way a terminal window is; and
        // one that knows its columns but reports no rows.
        for rows in ["40", "0"] {
            let text = env.on_terminal(
                &format!("stty cols 20 rows {rows}; {binary} --color never {run}"),
                &[],
            );
            assert!(!text.trim().is_empty(), "{run}: {text}");
            for line in text.lines() {
                assert!(
                    line.chars().count() <= 20,
                    "{run}, {rows} rows: {line:?} is wider than 20 columns"
                );
            }
        }
    }
}

/// `tips ARGS` run by /bin/sh with `redirect` (such as `>&-`), in the
/// test's environment.
fn with_stdout(env: &TestEnv, redirect: &str, args: &[&str]) -> std::process::Output {
    Command::new("/bin/sh")
        .args(["-c", &format!("exec \"$@\" {redirect}"), "sh"])
        .arg(tips_binary())
        .args(["--color", "never"])
        .args(args)
        .env_clear()
        .env("HOME", env.home())
        .env("XDG_CONFIG_DIRS", env.home().join("etc/xdg"))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Every command that has something to print, with stdout closed
/// (`tips today >&-`): exit 1 and one line, as `/bin/echo hi >&-` does,
/// never a silent success. Rust's runtime hides a closed stdout behind
/// /dev/null, so this is the test that `tips` tells them apart.
#[test]
fn a_closed_stdout_is_one_error_line_and_exit_1_for_every_command() {
    let env = TestEnv::new();
    let mut runs: Vec<Vec<String>> = every_command(&env)
        .iter()
        .filter(|command| *command != "motd")
        .map(|command| a_run_that_prints(command, env.home()))
        .collect();
    for extra in [&[][..], &["--help"], &["--version"], &["today", "--json"]] {
        runs.push(extra.iter().map(|word| word.to_string()).collect());
    }
    for run in runs {
        let args: Vec<&str> = run.iter().map(String::as_str).collect();
        let args = &args[..];
        let output = with_stdout(&env, ">&-", args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        // A saved entry says it is saved, on the same one line.
        let expected = if args.first() == Some(&"reflect") {
            "but its confirmation could not be written: Bad file descriptor (os error 9)\n"
        } else {
            "tips: cannot write output: Bad file descriptor (os error 9)\n"
        };
        assert!(
            stderr.ends_with(expected) && stderr.lines().count() == 1,
            "{args:?}: {stderr}"
        );
        // The same command into /dev/null is a success: only a closed
        // descriptor is an error.
        let output = with_stdout(&env, ">/dev/null", args);
        assert_eq!(output.status.code(), Some(0), "{args:?} >/dev/null");
        assert!(output.stderr.is_empty(), "{args:?} >/dev/null");
    }
    // The login hook says so in its one line, and exits 0.
    let output = with_stdout(&env, ">&-", &["motd"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "tips: cannot write output: Bad file descriptor (os error 9)\n"
    );
}

#[test]
fn stdout_on_dev_full_is_one_error_line_and_exit_1_for_every_command() {
    let env = TestEnv::new();
    for command in every_command(&env)
        .iter()
        .filter(|command| *command != "motd")
    {
        let run = a_run_that_prints(command, env.home());
        let args: Vec<&str> = run.iter().map(String::as_str).collect();
        let output = env.writing_to_full_disk(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.starts_with("tips: cannot write output: ")
                || stderr.contains("but its confirmation could not be written: "),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{args:?}");
    }
    // The login hook, even then, exits 0.
    let output = env.writing_to_full_disk(&["motd"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr).lines().count(), 1);
}

#[test]
fn extreme_dates_get_a_right_answer() {
    let env = TestEnv::new();
    for command in [
        &["today"][..],
        &["motd"],
        &["countdown"],
        &["show", "respect"],
    ] {
        for date in ["0001-01-01", "0001-02-14", "9999-02-13", "9999-12-31"] {
            let mut args = command.to_vec();
            args.extend(["--date", date]);
            stdout_of(&mut env.tips(&args));
            args.push("--json");
            json_of(&mut env.tips(&args));
        }
    }
    let last = json_of(&mut env.tips(&["countdown", "--json", "--date", "9999-12-31"]));
    assert_eq!(last["valentines"], "10000-02-14");
    assert_eq!(last["days"], 45);
    let first = json_of(&mut env.tips(&["countdown", "--json", "--date", "0001-01-01"]));
    assert_eq!(first["valentines"], "0001-02-14");
    assert_eq!(first["days"], 44);
    assert_eq!(
        json_of(&mut env.tips(&["today", "--json", "--date", "9999-02-13"]))["number"],
        10
    );
}

#[test]
fn dates_outside_four_digit_years_are_refused_cleanly() {
    let env = TestEnv::new();
    for (date, what) in [
        ("0000-12-31", "years run from 0001 to 9999"),
        ("10000-01-01", "YYYY-MM-DD"),
        // A leading minus reads as an option, and clap says so.
        ("-0001-01-01", "unexpected argument '-0'"),
        ("+2026-01-01", "YYYY-MM-DD"),
        ("99999-99-99", "YYYY-MM-DD"),
        ("2026-00-10", "no month 00"),
        ("2026-01-32", "that month has 31 days"),
    ] {
        let output = env.tips(&["--date", date]).output().unwrap();
        assert_usage_error(&output, what);
    }
}

fn load_from_file(env: &TestEnv, bytes: &[u8]) -> std::process::Output {
    let path = env.home().join("fuzz.toml");
    std::fs::write(&path, bytes).unwrap();
    env.tips(&["--tips-file", path.to_str().unwrap(), "list", "--json"])
        .output()
        .unwrap()
}

fn assert_clean(output: &std::process::Output) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => {
            let tips: serde_json::Value =
                serde_json::from_slice(&output.stdout).expect("valid JSON");
            assert!(!tips.as_array().unwrap().is_empty());
            assert!(stderr.is_empty());
        }
        Some(1) => {
            assert!(output.stdout.is_empty());
            assert!(
                stderr.starts_with("tips: ") && stderr.lines().count() == 1,
                "{stderr:?}"
            );
        }
        other => panic!("exit {other:?}: {stderr}"),
    }
}

proptest! {
    // Each case runs the binary: enough cases to explore, few enough for CI.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_binary_survives_any_bytes_as_a_playbook(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let env = TestEnv::new();
        assert_clean(&load_from_file(&env, &bytes));
    }

    #[test]
    fn the_binary_survives_a_damaged_real_playbook(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
        let env = TestEnv::new();
        let mut bytes = stdout_of(&mut env.tips(&["export"])).into_bytes();
        for (index, byte) in flips {
            let at = index.index(bytes.len());
            bytes[at] = byte;
        }
        assert_clean(&load_from_file(&env, &bytes));
    }
}

/// The forms that read the clock beyond each command's own run (see
/// `a_clock_before_1970_or_past_9999_never_panics_and_gives_a_real_day`,
/// which runs every command too).
const CLOCK_READERS: &[&[&str]] = &[
    &[],
    &["motd", "--once-per-day"],
    &["calendar"],
    &["calendar", "--json"],
    &["reflect", "-m", "Asked about the parents."],
    &["journal"],
];

// A machine whose clock battery died boots before 1970: chrono's own clock
// panicked there (exit 134 at every login).
#[test]
fn a_clock_before_1970_or_past_9999_never_panics_and_gives_a_real_day() {
    if !require("faketime") {
        return;
    }
    // POSIX zones, which need no tz database. libfaketime reads a clock
    // given as a date in the local zone: each of the first three is an
    // hour before the epoch.
    for (clock, tz, day) in [
        ("@1969-12-31 23:00:00", "UTC0", "1969-12-31"),
        ("@1970-01-01 08:00:00", "<+09>-9", "1970-01-01"),
        ("@1969-12-31 11:00:00", "<-12>12", "1969-12-31"),
        ("@1900-06-01 12:00:00", "UTC0", "1900-06-01"),
        // Past what a date can hold: the nearer end of the years `--date`
        // takes.
        ("+100000000d", "<+14>-14", "9999-12-31"),
        ("-100000000d", "<-12>12", "0001-01-01"),
    ] {
        let env = TestEnv::new();
        let every_run = every_command(&env)
            .iter()
            .map(|command| a_run_that_prints(command, env.home()))
            .collect::<Vec<_>>();
        let runs = CLOCK_READERS.iter().map(|args| args.to_vec()).chain(
            every_run
                .iter()
                .map(|run| run.iter().map(String::as_str).collect()),
        );
        for args in runs {
            let output = env.at_clock(&["-f", clock], tz, &args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            // A run of days that would leave the years `tips` knows (the
            // season's calendar after the last day, the site's week of
            // feed before the first) is refused in one line.
            let refused_past_the_ends = matches!(
                (day, args.first()),
                ("9999-12-31", Some(&"calendar")) | ("0001-01-01", Some(&"site"))
            ) && output.status.code() == Some(2)
                && stderr.starts_with("tips: ")
                && stderr.lines().count() == 1;
            assert!(
                output.status.success() && stderr.is_empty() || refused_past_the_ends,
                "{clock} {tz} tips {args:?}: {:?} {stderr}",
                output.status
            );
        }
        let countdown = env.at_clock(&["-f", clock], tz, &["countdown", "--json"]);
        let json: serde_json::Value = serde_json::from_slice(&countdown.stdout).unwrap();
        assert_eq!(json["date"], day, "{clock} {tz}");
        let entry = env.home().join(format!(
            ".local/share/tips/journal/{}/{day}-1.md",
            json_of(&mut env.tips(&["today", "--json", "--date", day]))["slug"]
                .as_str()
                .unwrap()
        ));
        assert!(entry.is_file(), "{clock} {tz}: {}", entry.display());
        assert_eq!(
            std::fs::read_to_string(env.state_dir().join("motd-last-shown")).unwrap(),
            format!("{day}\n")
        );
    }
}

/// What `tips ARGS` writes into a pipe whose writing end is non-blocking
/// (as node hands its children), read a little at a time, so that the
/// pipe is full most of the time. Gives stdout, and the exit code and
/// stderr.
fn through_a_non_blocking_pipe(env: &TestEnv, args: &[&str]) -> (Vec<u8>, std::process::Output) {
    use std::io::Read;
    let (mut reader, writer) = std::io::pipe().unwrap();
    rustix::io::ioctl_fionbio(&writer, true).unwrap();
    let mut command = env.process(args);
    command.stdout(writer).stderr(Stdio::piped());
    let child = command.spawn().unwrap();
    drop(command);
    let mut received = Vec::new();
    let mut chunk = [0; 4096];
    loop {
        let count = reader.read(&mut chunk).unwrap();
        if count == 0 {
            break;
        }
        received.extend_from_slice(&chunk[..count]);
        // A slow reader: the pipe fills up while it rests.
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    (received, child.wait_with_output().unwrap())
}

// Into a non-blocking pipe, `tips calendar --days 366` stopped after some
// 58 KB: "Resource temporarily unavailable", exit 1.
#[test]
fn a_non_blocking_stdout_with_a_slow_reader_gets_every_byte() {
    let env = TestEnv::new();
    let without_stamps = |bytes: &[u8]| -> String {
        String::from_utf8_lossy(bytes)
            .lines()
            .filter(|line| !line.starts_with("DTSTAMP:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for args in [
        &["calendar", "--from", "2027-01-01", "--days", "366"][..],
        &[
            "calendar",
            "--json",
            "--from",
            "2027-01-01",
            "--days",
            "366",
        ],
        &["export"],
    ] {
        let expected = stdout_of(&mut env.tips(args));
        assert!(
            expected.len() > 65536 || args[0] == "export",
            "{args:?} fills a pipe"
        );
        let (received, output) = through_a_non_blocking_pipe(&env, args);
        assert!(
            output.status.success(),
            "{args:?}: {:?} {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(received.len(), expected.len(), "{args:?}");
        assert_eq!(
            without_stamps(&received),
            without_stamps(expected.as_bytes()),
            "{args:?}"
        );
    }
}
