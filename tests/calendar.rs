//! `tips calendar`: the season and any run of days as an iCalendar file,
//! read back by parsers nobody here wrote (Python's icalendar and vobject,
//! Mozilla's ical.js, and calcurse, a calendar program) and checked byte by
//! byte against RFC 5545's rules for lines.

mod common;
#[path = "support/judges.rs"]
mod judges;

use common::{assert_usage_error, json_of, require, stdout_of, tips_binary, TestEnv, PLAIN_DAY};
use judges::{calcurse_read, parsers_read};
use proptest::prelude::*;
use serde_json::Value;
use std::io::Read;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// RFC 5545's rules for the raw lines: CRLF after every line, at most 75
/// octets each, folds that never split a character, no control character
/// but the line breaks.
fn assert_well_formed_lines(ics: &[u8]) {
    assert!(ics.ends_with(b"\r\n"), "the file ends with CRLF");
    for line in ics.split_inclusive(|&byte| byte == b'\n') {
        let line = line.strip_suffix(b"\r\n").unwrap_or_else(|| {
            panic!(
                "a line ends without CRLF: {:?}",
                String::from_utf8_lossy(line)
            )
        });
        assert!(
            line.len() <= 75,
            "{} octets: {:?}",
            line.len(),
            String::from_utf8_lossy(line)
        );
        let text = std::str::from_utf8(line).expect("each folded line is whole UTF-8");
        assert!(
            !text.chars().any(char::is_control),
            "a control character in {text:?}"
        );
    }
}

fn calendar_of(env: &TestEnv, args: &[&str]) -> String {
    stdout_of(&mut env.tips(args))
}

/// Runs `command`, and kills it if it has not ended within `limit`: a hang
/// fails the test instead of stopping the suite.
fn run_within(mut command: Command, limit: Duration) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tips starts");
    // Read while it runs, so that a long file never fills the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).map(|_| bytes)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("still running after {limit:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = Vec::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_end(&mut stderr)
        .unwrap();
    Output {
        status,
        stdout: reader.join().unwrap().unwrap(),
        stderr,
    }
}

/// A playbook of one tip, number 4 (so that it runs on 7 February), with
/// `body` as its body, written as a TOML string.
fn playbook_with_body(env: &TestEnv, body: &str) -> std::path::PathBuf {
    let body = toml::Value::String(body.to_string());
    env.write(
        "team.toml",
        &format!(
            "replace_builtin = true\n[[tip]]\nnumber = 4\nslug = \"long\"\n\
             title = \"Long\"\nbody = {body}\n\
             prompts = [\"One?\", \"Two?\", \"Three?\"]\n"
        ),
    )
}

/// `tips calendar` for 7 February 2027 with `team` in force, killed if it
/// runs for more than 20 seconds.
fn calendar_of_one_day(env: &TestEnv, team: &std::path::Path) -> Output {
    let mut command = env.process(&[
        "--tips-file",
        team.to_str().unwrap(),
        "calendar",
        "--from",
        "2027-02-07",
        "--days",
        "1",
    ]);
    command.stdin(Stdio::null());
    run_within(command, Duration::from_secs(20))
}

#[test]
fn the_season_is_eleven_all_day_events_from_4_to_14_february() {
    let env = TestEnv::new();
    let ics = calendar_of(&env, &["--date", PLAIN_DAY, "calendar"]);
    assert_well_formed_lines(ics.as_bytes());
    for (judge, file) in parsers_read(&env, &ics) {
        assert_eq!(file["version"], "2.0", "{judge}");
        let events = file["events"].as_array().unwrap();
        assert_eq!(events.len(), 11, "{judge}");
        for (index, event) in events.iter().enumerate() {
            let day = 4 + index;
            let date = format!("2027-02-{day:02}");
            assert_eq!(event["start"], date.as_str(), "{judge}");
            assert_eq!(
                event["start_is_date"], true,
                "{judge}: a date value, the same day in every zone"
            );
            assert_eq!(
                event["end"],
                format!("2027-02-{:02}", day + 1).as_str(),
                "{judge}"
            );
            assert_eq!(event["has_dtstamp"], true, "{judge}");
            assert!(event["alarms"].as_array().unwrap().is_empty(), "{judge}");
            assert_eq!(event["uid"], format!("tips-{date}").as_str(), "{judge}");

            // Each event holds the day's tip, all of it, as `tips today`
            // shows it.
            let tip = json_of(&mut env.tips(&["today", "--json", "--date", &date]));
            let title = format!("Tip {} · {}", tip["number"], tip["title"].as_str().unwrap());
            let summary = event["summary"].as_str().unwrap();
            let description = event["description"].as_str().unwrap();
            assert!(summary.ends_with(&title), "{judge}: {summary}");
            for field in ["tagline", "body", "action", "source"] {
                assert!(
                    description.contains(tip[field].as_str().unwrap()),
                    "{judge}: {date}: {field}"
                );
            }
            for prompt in tip["prompts"].as_array().unwrap() {
                assert!(
                    description.contains(&format!("\n- {}", prompt.as_str().unwrap())),
                    "{judge}: {date}: {prompt}"
                );
            }
            if day <= 13 {
                assert_eq!(tip["number"], day - 3, "the series in order");
            }
        }
        let valentines = &events[10];
        assert!(valentines["summary"]
            .as_str()
            .unwrap()
            .starts_with("Happy Valentine's Day!"));
        assert!(valentines["description"]
            .as_str()
            .unwrap()
            .starts_with("Happy Valentine's Day!"));
    }
}

#[test]
fn a_calendar_program_imports_the_season_day_by_day() {
    let env = TestEnv::new();
    let ics = calendar_of(&env, &["--date", PLAIN_DAY, "calendar", "--alarm", "08:30"]);
    let Some(imported) = calcurse_read(&env, &ics) else {
        return;
    };
    let events = imported["events"].as_array().unwrap();
    assert_eq!(events.len(), 11, "one event a day: {imported}");
    for (index, event) in events.iter().enumerate() {
        let date = format!("2027-02-{:02}", 4 + index);
        assert_eq!(event["start"], date.as_str());
        let tip = json_of(&mut env.tips(&["today", "--json", "--date", &date]));
        let summary = event["summary"].as_str().unwrap();
        assert!(
            summary.ends_with(tip["title"].as_str().unwrap()),
            "{summary}"
        );
        assert!(event["description"]
            .as_str()
            .unwrap()
            .contains(tip["body"].as_str().unwrap()));
    }
}

#[test]
fn the_season_is_whole_and_the_same_events_until_valentines_day_then_next_years() {
    let env = TestEnv::new();
    let uids = |date: &str| -> Vec<String> {
        calendar_of(&env, &["--date", date, "calendar"])
            .lines()
            .filter_map(|line| line.strip_prefix("UID:"))
            .map(|uid| uid.trim_end().to_string())
            .collect()
    };
    let before = uids(PLAIN_DAY);
    assert_eq!(before.len(), 11);
    assert_eq!(before[0], "tips-2027-02-04");
    // During the season the file is the whole season again, with the same
    // UIDs, so a second import updates instead of doubling.
    assert_eq!(uids("2027-02-10"), before);
    assert_eq!(uids("2027-02-14"), before);
    let after = uids("2027-02-15");
    assert_eq!(after.len(), 11);
    assert_eq!(after[0], "tips-2028-02-04");
}

/// The first UID of `tips calendar` run at `utc_time` (faketime, which
/// reads the time in UTC here) in the time zone `zone`.
fn first_uid_at(env: &TestEnv, utc_time: &str, zone: &str) -> Option<String> {
    if !require("faketime") {
        return None;
    }
    let output = Command::new("faketime")
        .env_clear()
        .env("HOME", env.home())
        .env("XDG_CONFIG_DIRS", env.home().join("etc/xdg"))
        // For faketime's own use; tips is named by its full path.
        .env("PATH", "/usr/bin:/bin")
        .env("TZ", "UTC")
        .arg(utc_time)
        .arg("/usr/bin/env")
        .arg(format!("TZ={zone}"))
        .arg(tips_binary())
        .args(["--color", "never", "calendar"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let ics = String::from_utf8(output.stdout).unwrap();
    let uid = ics.lines().find_map(|line| line.strip_prefix("UID:"));
    Some(uid.expect("an event").trim_end().to_string())
}

#[test]
fn the_season_to_write_turns_over_at_local_midnight_after_valentines_day() {
    // 10:00 UTC on 14 February is midnight in UTC+14: there the season
    // written turns to next year's, while in UTC it is still this year's.
    let env = TestEnv::new();
    for (time, zone, first) in [
        ("2027-02-14 09:59:55", "<+14>-14", "tips-2027-02-04"),
        ("2027-02-14 10:00:05", "<+14>-14", "tips-2028-02-04"),
        ("2027-02-14 10:00:05", "UTC", "tips-2027-02-04"),
        ("2027-02-14 23:59:55", "UTC", "tips-2027-02-04"),
        ("2027-02-15 00:00:05", "UTC", "tips-2028-02-04"),
    ] {
        let Some(uid) = first_uid_at(&env, time, zone) else {
            return;
        };
        assert_eq!(uid, first, "at {time} UTC in {zone}");
    }
}

#[test]
fn uids_name_the_day_so_a_playbook_that_adds_a_tip_updates_every_event() {
    // A team adds an eleventh tip: the rotation moves, and most days of a
    // year get another tip. Each day must keep its event's UID, so that
    // importing the new file updates the year instead of doubling it.
    let env = TestEnv::new();
    let team = env.write(
        "team.toml",
        "[[tip]]\nnumber = 11\nslug = \"follow-up\"\ntitle = \"Follow Up\"\n\
         body = \"Write the recap the same day.\"\n\
         prompts = [\"What did we agree?\", \"Who does what?\", \"By when?\"]\n",
    );
    let year = ["calendar", "--from", "2027-01-01", "--days", "365"];
    let before = calendar_of(&env, &year);
    let mut with_team = vec!["--tips-file", team.to_str().unwrap()];
    with_team.extend(year);
    let after = calendar_of(&env, &with_team);
    let readings_before = parsers_read(&env, &before);
    let readings_after = parsers_read(&env, &after);
    for ((judge, before), (_, after)) in readings_before.iter().zip(&readings_after) {
        let field = |file: &Value, name: &str| -> Vec<String> {
            file["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|event| event[name].as_str().unwrap().to_string())
                .collect()
        };
        let summaries_before = field(before, "summary");
        let summaries_after = field(after, "summary");
        let changed = summaries_before
            .iter()
            .zip(&summaries_after)
            .filter(|(before, after)| before != after)
            .count();
        assert!(changed > 300, "{judge}: the playbook moved {changed} days");
        let uids = field(after, "uid");
        assert_eq!(field(before, "uid"), uids, "{judge}");
        let distinct: std::collections::BTreeSet<&String> = uids.iter().collect();
        assert_eq!(distinct.len(), 365, "{judge}: one UID a day");
        assert_eq!(uids[0], "tips-2027-01-01", "{judge}");
    }
}

#[test]
fn from_and_days_write_any_run_of_days_with_each_days_tip() {
    let env = TestEnv::new();
    let days =
        json_of(&mut env.tips(&["calendar", "--from", "2027-04-01", "--days", "91", "--json"]));
    let days = days.as_array().unwrap();
    assert_eq!(days.len(), 91);
    assert_eq!(days[0]["date"], "2027-04-01");
    assert_eq!(days[90]["date"], "2027-06-30");
    for day in [&days[0], &days[45], &days[90]] {
        let date = day["date"].as_str().unwrap();
        let today = json_of(&mut env.tips(&["today", "--json", "--date", date]));
        assert_eq!(
            day["tip"], today,
            "{date}: the same tip object as tips today --json"
        );
        assert!(day.get("alarm").is_none(), "no alarm asked for");
    }
    let show = json_of(&mut env.tips(&["show", "respect", "--json"]));
    let season =
        json_of(&mut env.tips(&["calendar", "--from", "2027-02-10", "--days", "1", "--json"]));
    assert_eq!(season[0]["tip"], show);

    // The longest run, a leap year, across a year end.
    let ics = calendar_of(&env, &["calendar", "--from", "2027-12-31", "--days", "366"]);
    assert_well_formed_lines(ics.as_bytes());
    assert_eq!(ics.matches("BEGIN:VEVENT\r\n").count(), 366);
    assert!(ics.contains("DTSTART;VALUE=DATE:20281230\r\n"));
    // --days alone starts today.
    let today = json_of(&mut env.tips(&["--date", PLAIN_DAY, "calendar", "--days", "2", "--json"]));
    assert_eq!(today[0]["date"], PLAIN_DAY);
}

#[test]
fn alarm_reminds_at_that_local_time_of_each_day() {
    let env = TestEnv::new();
    let ics = calendar_of(&env, &["--date", PLAIN_DAY, "calendar", "--alarm", "08:30"]);
    assert_well_formed_lines(ics.as_bytes());
    for (judge, file) in parsers_read(&env, &ics) {
        let events = file["events"].as_array().unwrap();
        assert_eq!(events.len(), 11, "{judge}");
        for event in events {
            let alarms = event["alarms"].as_array().unwrap();
            assert_eq!(alarms.len(), 1, "{judge}");
            assert_eq!(alarms[0]["action"], "DISPLAY", "{judge}");
            assert_eq!(alarms[0]["related"], "START", "{judge}");
            assert_eq!(alarms[0]["trigger_seconds"], 8 * 3600 + 30 * 60, "{judge}");
            assert_eq!(alarms[0]["description"], event["summary"], "{judge}");
        }
    }
    // Midnight and the last minute of the day, the ends of the range.
    for (time, seconds) in [("00:00", 0), ("23:59", 23 * 3600 + 59 * 60)] {
        let ics = calendar_of(
            &env,
            &[
                "calendar",
                "--from",
                "2027-02-10",
                "--days",
                "1",
                "--alarm",
                time,
            ],
        );
        for (judge, file) in parsers_read(&env, &ics) {
            let alarm = &file["events"][0]["alarms"][0];
            assert_eq!(alarm["trigger_seconds"], seconds, "{judge}: {time}");
        }
    }
}

#[test]
fn alarm_under_json_is_the_local_date_and_time_of_each_days_reminder() {
    let env = TestEnv::new();
    let days = json_of(&mut env.tips(&[
        "calendar",
        "--from",
        "2027-12-31",
        "--days",
        "2",
        "--alarm",
        "08:30",
        "--json",
    ]));
    assert_eq!(days[0]["alarm"], "2027-12-31T08:30");
    assert_eq!(days[1]["alarm"], "2028-01-01T08:30");
    assert_eq!(days[1]["date"], "2028-01-01");
}

#[test]
fn text_is_escaped_and_read_back_whole_and_playbook_controls_never_reach_the_file() {
    let env = TestEnv::new();
    let team = env.write(
        "team.toml",
        concat!(
            "replace_builtin = true\n",
            "[[tip]]\nnumber = 4\nslug = \"tricky\"\n",
            "title = \"Commas, semicolons; and \\\\ backslashes\"\n",
            "tagline = \"Bell\\u0007 and escape\\u001b[2J and a tab\\there\"\n",
            "body = \"\"\"\nLine one.\nLine two, \u{1F339} with a rose.\"\"\"\n",
            "prompts = [\"First; prompt?\", \"Second, prompt?\", \"Café, déjà vu: \u{65E5}\u{672C}\u{8A9E} \u{65E5}\u{672C}\u{8A9E} \u{65E5}\u{672C}\u{8A9E} \u{65E5}\u{672C}\u{8A9E} \u{65E5}\u{672C}\u{8A9E} \u{65E5}\u{672C}\u{8A9E}?\"]\n",
        ),
    );
    let ics = calendar_of(
        &env,
        &[
            "--tips-file",
            team.to_str().unwrap(),
            "calendar",
            "--from",
            "2027-02-07",
            "--days",
            "1",
        ],
    );
    assert_well_formed_lines(ics.as_bytes());
    assert!(
        ics.contains("Commas\\, semicolons\\; and \\\\ backslashes"),
        "escaped: {ics}"
    );
    let mut readings = parsers_read(&env, &ics);
    if let Some(imported) = calcurse_read(&env, &ics) {
        readings.push(("calcurse", imported));
    }
    for (judge, file) in readings {
        let event = &file["events"][0];
        assert_eq!(
            event["summary"], "Tip 4 · Commas, semicolons; and \\ backslashes",
            "{judge}"
        );
        let description = event["description"].as_str().unwrap();
        assert!(
            description.contains("Bell^G and escape^[[2J and a tab here"),
            "{judge}: {description}"
        );
        assert!(
            description.contains("\n- First; prompt?\n- Second, prompt?\n"),
            "{judge}: {description}"
        );
        assert!(
            description.contains("Café, déjà vu: 日本語"),
            "{judge}: {description}"
        );
        assert!(description.contains("with a rose."), "{judge}");
    }
}

/// A title's trailing blanks reached SUMMARY, where libical (Evolution,
/// GNOME) trims them and other programs keep them: text is trimmed once,
/// at load, so every calendar program reads what `tips show` shows.
#[test]
fn blanks_at_the_ends_of_a_playbook_text_never_reach_the_calendar() {
    let env = TestEnv::new();
    let team = env.write(
        "team.toml",
        concat!(
            "replace_builtin = true\n",
            "[[tip]]\nnumber = 4\nslug = \"trimmed\"\n",
            "title = \"  Follow Up Fast \\t \"\n",
            "tagline = \"A second date needs a phone call.   \"\n",
            "body = \"Send the notes.\"\n",
            "prompts = [\"One?  \", \"  Two?\", \"Three?\"]\n",
        ),
    );
    let team = team.to_str().unwrap();
    let ics = calendar_of(
        &env,
        &[
            "--tips-file",
            team,
            "calendar",
            "--from",
            "2027-02-07",
            "--days",
            "1",
        ],
    );
    assert!(
        ics.contains("\r\nSUMMARY:Tip 4 · Follow Up Fast\r\n"),
        "{ics}"
    );
    let shown = json_of(&mut env.tips(&["--tips-file", team, "show", "4", "--json"]));
    assert_eq!(shown["title"], "Follow Up Fast");
    let mut readings = parsers_read(&env, &ics);
    if let Some(imported) = calcurse_read(&env, &ics) {
        readings.push(("calcurse", imported));
    }
    for (judge, file) in readings {
        let event = &file["events"][0];
        assert_eq!(event["summary"], "Tip 4 · Follow Up Fast", "{judge}");
        let description = event["description"].as_str().unwrap();
        assert!(
            description.starts_with("A second date needs a phone call.\n\nSend the notes."),
            "{judge}: {description:?}"
        );
        assert!(
            description.contains("\n- One?\n- Two?\n- Three?"),
            "{judge}: {description:?}"
        );
    }
}

#[test]
fn bodies_of_multibyte_text_and_blanks_around_a_fold_are_written_whole_without_a_hang() {
    // Hearts, then blanks past the fold: the crate once used to write the
    // file panicked (exit 134). Cyrillic, then blanks: it looped forever.
    let env = TestEnv::new();
    for body in [
        format!("{}{}y", "💘".repeat(34), " ".repeat(100)),
        format!("{}{}y", "я".repeat(72), " ".repeat(73)),
    ] {
        let team = playbook_with_body(&env, &body);
        let output = calendar_of_one_day(&env, &team);
        assert!(
            output.status.success(),
            "{:?}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        assert_well_formed_lines(&output.stdout);
        let ics = String::from_utf8(output.stdout).unwrap();
        let mut readings = parsers_read(&env, &ics);
        if let Some(imported) = calcurse_read(&env, &ics) {
            readings.push(("calcurse", imported));
        }
        for (judge, file) in readings {
            let description = file["events"][0]["description"].as_str().unwrap();
            assert!(
                description.starts_with(&format!("{body}\n\nCoaching prompts:")),
                "{judge}: {description:?}"
            );
        }
    }
}

#[test]
fn the_calendar_ends_on_9999_12_31_and_a_run_past_it_is_refused() {
    let env = TestEnv::new();
    // The last day a DATE can hold is written, with no DTEND: RFC 5545
    // gives it one day.
    let ics = calendar_of(&env, &["calendar", "--from", "9999-12-31", "--days", "1"]);
    assert_well_formed_lines(ics.as_bytes());
    assert!(ics.contains("\r\nDTSTART;VALUE=DATE:99991231\r\n"), "{ics}");
    assert!(!ics.contains("DTEND"), "no day after 9999-12-31: {ics}");
    for (judge, file) in parsers_read(&env, &ics) {
        let event = &file["events"][0];
        assert_eq!(event["start"], "9999-12-31", "{judge}");
        assert_eq!(event["end"], Value::Null, "{judge}");
    }
    if let Some(imported) = calcurse_read(&env, &ics) {
        assert_eq!(imported["events"][0]["start"], "9999-12-31");
    }
    // The first day there is, and a year from it.
    let ics = calendar_of(&env, &["calendar", "--from", "0001-01-01", "--days", "366"]);
    assert!(ics.contains("\r\nDTSTART;VALUE=DATE:00010101\r\n"));
    assert!(ics.contains("\r\nDTEND;VALUE=DATE:00010102\r\n"));
    for (judge, file) in parsers_read(&env, &ics) {
        assert_eq!(file["events"][0]["start"], "0001-01-01", "{judge}");
        assert_eq!(file["events"][365]["start"], "0002-01-01", "{judge}");
    }

    for json in [false, true] {
        let with_json = |args: &[&str]| -> Output {
            let mut args = args.to_vec();
            if json {
                args.push("--json");
            }
            env.tips(&args).output().unwrap()
        };
        let past = with_json(&["calendar", "--from", "9999-12-31", "--days", "2"]);
        assert_usage_error(&past, "9999-12-31");
        let past = with_json(&["calendar", "--from", "9999-01-01", "--days", "366"]);
        assert_usage_error(&past, "ask for 365 or fewer");
        let season = with_json(&["--date", "9999-02-15", "calendar"]);
        assert_usage_error(&season, "the year 10000");
        let today = with_json(&["--date", "9999-12-31", "calendar", "--days", "2"]);
        assert_usage_error(&today, "ask for 1 or fewer");
    }
    // The season of 9999 is still there to write.
    let last_season = calendar_of(&env, &["--date", "9999-02-14", "calendar"]);
    assert_eq!(last_season.matches("BEGIN:VEVENT\r\n").count(), 11);
}

#[test]
fn bad_input_is_one_line_and_exit_2_with_nothing_on_stdout() {
    let env = TestEnv::new();
    for (args, what) in [
        (
            &["calendar", "--days", "0"][..],
            "tips: --days takes a number of days from 1 to 366, not 0\n",
        ),
        (
            &["calendar", "--days", "367"],
            "tips: --days takes a number of days from 1 to 366, not 367\n",
        ),
        (
            &["calendar", "--days", "-5"],
            "tips: --days takes a number of days from 1 to 366, not -5\n",
        ),
        (
            &["calendar", "--days", "many"],
            "tips: --days takes a number of days from 1 to 366, not many\n",
        ),
        (
            &["calendar", "--days"],
            "tips: --days needs a number of days from 1 to 366\n",
        ),
        (&["calendar", "--alarm", "25:00"], "hours run 00 to 23"),
        (&["calendar", "--alarm", "8am"], "HH:MM"),
        (
            &["calendar", "--from", "2026-02-30", "--days", "3"],
            "that month has 28 days",
        ),
        (
            &["calendar", "--from", "2027-01-01"],
            "tips: --from needs --days too: say how many days to write, as in --from 2027-04-01 --days 30\n",
        ),
    ] {
        let output = env.tips(args).output().unwrap();
        assert_usage_error(&output, what);
    }
}

/// Bodies that break folding: long runs of multibyte characters (emoji,
/// Cyrillic, CJK, a combining accent) beside long runs of blanks (spaces,
/// ideographic spaces) and of characters that need escaping, so that runs
/// meet at and around the 75-octet fold points. Ends in a letter, as a
/// body must hold more than blanks.
fn hostile_body() -> impl Strategy<Value = String> {
    let run = prop_oneof![
        (Just("💘"), 1..400usize),
        (Just("я"), 1..400usize),
        (Just("日"), 1..400usize),
        (Just("e\u{301}"), 1..200usize),
        (Just(" "), 1..400usize),
        (Just("\u{3000}"), 1..100usize),
        (Just("\\;,"), 1..100usize),
        (Just("a"), 1..200usize),
    ]
    .prop_map(|(piece, times)| piece.repeat(times));
    prop::collection::vec(run, 1..8).prop_map(|runs| runs.concat() + "y")
}

proptest! {
    // Each case runs the binary and a parser: few cases, long inputs.
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn any_body_is_written_in_well_formed_lines_and_read_back_whole(body in hostile_body()) {
        let env = TestEnv::new();
        let team = playbook_with_body(&env, &body);
        let output = calendar_of_one_day(&env, &team);
        prop_assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert_well_formed_lines(&output.stdout);
        let ics = String::from_utf8(output.stdout).unwrap();
        for (judge, file) in parsers_read(&env, &ics) {
            let description = file["events"][0]["description"].as_str().unwrap();
            let expected = format!("{}\n\nCoaching prompts:", body.trim());
            prop_assert!(description.starts_with(&expected), "{}: {:?}", judge, description);
        }
    }
}

/// A first day anywhere from 0001-01-01 to 9999-12-31, most often within
/// a year of either end, where a run of days meets the end of the calendar.
fn first_day() -> impl Strategy<Value = chrono::NaiveDate> {
    let start = chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
    let end = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    let span = end.signed_duration_since(start).num_days();
    prop_oneof![
        (0..=400i64).prop_map(move |days| start + chrono::Duration::days(days)),
        (0..=400i64).prop_map(move |days| end - chrono::Duration::days(days)),
        (0..=span).prop_map(move |days| start + chrono::Duration::days(days)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn any_run_of_days_is_written_with_four_digit_years_or_refused_in_one_line(
        from in first_day(),
        days in 1..=366u16,
    ) {
        let env = TestEnv::new();
        let from_text = from.format("%Y-%m-%d").to_string();
        let days_text = days.to_string();
        let output = env
            .tips(&["calendar", "--from", &from_text, "--days", &days_text])
            .output()
            .unwrap();
        let last = from + chrono::Duration::days(i64::from(days) - 1);
        if last <= chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap() {
            prop_assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
            assert_well_formed_lines(&output.stdout);
            let ics = String::from_utf8(output.stdout).unwrap();
            prop_assert_eq!(ics.matches("BEGIN:VEVENT\r\n").count(), usize::from(days));
            for line in ics.lines() {
                if let Some(date) = line
                    .strip_prefix("DTSTART;VALUE=DATE:")
                    .or_else(|| line.strip_prefix("DTEND;VALUE=DATE:"))
                {
                    let date = date.trim_end();
                    prop_assert!(
                        date.len() == 8 && date.bytes().all(|byte| byte.is_ascii_digit()),
                        "{}", line
                    );
                }
            }
        } else {
            assert_usage_error(&output, "9999-12-31");
        }
    }
}
