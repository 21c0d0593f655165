//! `tips calendar`: the season as an iCalendar file, read back by an
//! independent parser (Python's `icalendar` package) and checked byte by
//! byte against RFC 5545's rules for lines.

mod common;

use common::{assert_usage_error, json_of, needed, require, stdout_of, TestEnv, PLAIN_DAY};
use serde_json::Value;
use std::process::Command;

/// The file as the parser reads it: `{version, prodid, events: [...]}`.
fn parsed(env: &TestEnv, ics: &str) -> Option<Value> {
    if !require("python3") {
        return None;
    }
    let has_module = Command::new("python3")
        .args(["-c", "import icalendar"])
        .status()
        .is_ok_and(|status| status.success());
    if !needed(has_module, "Python's icalendar package") {
        return None;
    }
    let file = env.write("season.ics", ics);
    let reader = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/read_ics.py");
    let output = Command::new("python3")
        .arg(reader)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the parser refused the file: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

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

#[test]
fn the_season_is_eleven_all_day_events_from_4_to_14_february() {
    let env = TestEnv::new();
    let ics = calendar_of(&env, &["--date", PLAIN_DAY, "calendar"]);
    assert_well_formed_lines(ics.as_bytes());
    let Some(file) = parsed(&env, &ics) else {
        return;
    };
    assert_eq!(file["version"], "2.0");
    let events = file["events"].as_array().unwrap();
    assert_eq!(events.len(), 11);
    for (index, event) in events.iter().enumerate() {
        let day = 4 + index;
        let date = format!("2027-02-{day:02}");
        assert_eq!(event["start"], date.as_str());
        assert_eq!(
            event["start_is_date"], true,
            "a date value: the same day in every zone"
        );
        assert_eq!(event["end"], format!("2027-02-{:02}", day + 1).as_str());
        assert_eq!(event["has_dtstamp"], true);
        assert!(event["alarms"].as_array().unwrap().is_empty());

        // Each event holds the day's tip, all of it, as `tips today` shows it.
        let tip = json_of(&mut env.tips(&["today", "--json", "--date", &date]));
        let title = format!("Tip {} · {}", tip["number"], tip["title"].as_str().unwrap());
        let summary = event["summary"].as_str().unwrap();
        let description = event["description"].as_str().unwrap();
        assert!(summary.ends_with(&title), "{summary}");
        assert_eq!(
            event["uid"],
            format!("tips-{date}-{}", tip["slug"].as_str().unwrap()).as_str()
        );
        for field in ["tagline", "body", "action", "source"] {
            assert!(
                description.contains(tip[field].as_str().unwrap()),
                "{date}: {field}"
            );
        }
        for prompt in tip["prompts"].as_array().unwrap() {
            assert!(
                description.contains(&format!("\n- {}", prompt.as_str().unwrap())),
                "{date}: {prompt}"
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
    assert_eq!(before[0], "tips-2027-02-04-homework");
    // During the season the file is the whole season again, with the same
    // UIDs, so a second import updates instead of doubling.
    assert_eq!(uids("2027-02-10"), before);
    assert_eq!(uids("2027-02-14"), before);
    let after = uids("2027-02-15");
    assert_eq!(after.len(), 11);
    assert!(after[0].starts_with("tips-2028-02-04-"), "{after:?}");
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
    let Some(file) = parsed(&env, &ics) else {
        return;
    };
    for event in file["events"].as_array().unwrap() {
        let alarms = event["alarms"].as_array().unwrap();
        assert_eq!(alarms.len(), 1);
        assert_eq!(alarms[0]["action"], "DISPLAY");
        assert_eq!(alarms[0]["related"], "START");
        assert_eq!(alarms[0]["trigger_seconds"], 8 * 3600 + 30 * 60);
        assert_eq!(alarms[0]["description"], event["summary"]);
    }
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
    let Some(file) = parsed(&env, &ics) else {
        return;
    };
    let event = &file["events"][0];
    assert_eq!(
        event["summary"],
        "Tip 4 · Commas, semicolons; and \\ backslashes"
    );
    let description = event["description"].as_str().unwrap();
    assert!(
        description.contains("Bell^G and escape^[[2J and a tab here"),
        "{description}"
    );
    assert!(
        description.contains("\n- First; prompt?\n- Second, prompt?\n"),
        "{description}"
    );
    assert!(
        description.contains("Café, déjà vu: 日本語"),
        "{description}"
    );
    assert!(description.contains("with a rose."));
}

#[test]
fn bad_input_is_one_line_and_exit_2_with_nothing_on_stdout() {
    let env = TestEnv::new();
    for (args, what) in [
        (&["calendar", "--days", "0"][..], "0 is not in 1..=366"),
        (&["calendar", "--days", "367"], "367 is not in 1..=366"),
        (&["calendar", "--days", "many"], "many"),
        (&["calendar", "--alarm", "25:00"], "hours run 00 to 23"),
        (&["calendar", "--alarm", "8am"], "HH:MM"),
        (
            &["calendar", "--from", "2026-02-30", "--days", "3"],
            "that month has 28 days",
        ),
        (&["calendar", "--from", "2027-01-01"], "--days"),
    ] {
        let output = env.tips(args).output().unwrap();
        assert_usage_error(&output, what);
    }
}
