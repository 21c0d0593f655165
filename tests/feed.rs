//! `tips feed`: the tip of each day as an Atom feed (or JSON Feed), judged
//! by the W3C Feed Validation Service's code and read back by two feed
//! parsers nobody here wrote; and the systemd units that publish it.

mod common;
#[path = "support/feed_judges.rs"]
mod feed_judges;

use chrono::DateTime;
use common::{assert_usage_error, installed, needed, require, stdout_of, tips_binary, TestEnv};
use feed_judges::{
    feedparser_read, rss_parser_read, validator_on_file, validator_on_served_feed, ZONE,
};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};

const BASE: &str = "https://intranet.example.com/sales/tips";

/// A playbook whose every field tries to become markup, to end the XML or
/// to reach a terminal. It replaces the built-in tips, so that every day
/// has this tip.
const HOSTILE: &str = r#"replace_builtin = true
[[tip]]
number = 11
slug = "hostile"
title = "<script>alert('t')</script> & \"quotes\" ]]> \u001b[2J\uffff"
tagline = "<img src=x onerror=alert(1)> ]]> &amp; is no entity"
body = "A </content> and <![CDATA[ x ]]> with a bell\u0007, a reversal\u202e and a nonchar\ufffe."
prompts = ["<a href=\"javascript:alert(1)\">click</a>", "Tom & Jerry's \"show\" 'quoted'", "<!-- a comment -->"]
action = "]]></content></entry><script>alert(2)</script>"
"#;

/// `tips feed ARGS` in a known zone.
fn feed(env: &TestEnv, args: &[&str]) -> String {
    stdout_of(env.tips(&[&["feed"], args].concat()).env("TZ", ZONE))
}

fn json_feed(env: &TestEnv, args: &[&str]) -> Value {
    serde_json::from_str(&feed(env, &[&["--json"], args].concat())).expect("JSON")
}

fn hostile_args(env: &TestEnv) -> Vec<String> {
    let team = env.write("hostile.toml", HOSTILE);
    vec!["--tips-file".into(), team.display().to_string()]
}

fn strings(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn the_feed_holds_the_tip_of_each_of_the_last_seven_days_newest_first() {
    let env = TestEnv::new();
    let items = json_feed(&env, &["--date", "2027-02-10"])["items"].clone();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 7);
    for (item, (day, title)) in items.iter().zip([
        ("10", "Tip 7 · Respect"),
        ("09", "Tip 6 · Keep Your Promises"),
        ("08", "Tip 5 · Speak Their Love Language"),
        ("07", "Tip 4 · Take It Slow"),
        ("06", "Tip 3 · Meet the Family"),
        ("05", "Tip 2 · Listen First"),
        ("04", "Tip 1 · Do Your Homework"),
    ]) {
        assert_eq!(item["title"], title);
        assert_eq!(
            item["id"],
            format!("tag:romantic-sales.invalid,2027-02-{day}:tip-of-the-day")
        );
        assert_eq!(
            item["date_published"],
            format!("2027-02-{day}T00:00:00+01:00")
        );
    }
    let atom = feed(&env, &["--date", "2027-02-10"]);
    assert_eq!(atom.matches("<entry>").count(), 7);
    let respect = atom.find("<title>Tip 7 · Respect</title>").unwrap();
    let first_tip = atom.find("<title>Tip 1 · ").unwrap();
    assert!(respect < first_tip, "newest first");
    assert!(atom.contains("<updated>2027-02-10T00:00:00+01:00</updated>"));
    // The prompts and the action are in the content.
    assert!(
        atom.contains("&lt;h2&gt;Coaching prompts&lt;/h2&gt;"),
        "{atom}"
    );
    assert!(atom.contains("&lt;h2&gt;Try today&lt;/h2&gt;"), "{atom}");
}

#[test]
fn days_runs_from_1_to_366_and_anything_else_is_one_line_and_exit_2() {
    let env = TestEnv::new();
    for (days, count) in [("1", 1), ("30", 30), ("366", 366)] {
        let items = json_feed(&env, &["--date", "2027-02-10", "--days", days]);
        assert_eq!(items["items"].as_array().unwrap().len(), count, "{days}");
    }
    for days in ["0", "367", "-1", "seven", ""] {
        let output = env.tips(&["feed", "--days", days]).output().unwrap();
        assert_usage_error(&output, "--days");
    }
    // Nothing before the first day of year 1.
    let output = env
        .tips(&["feed", "--date", "0001-01-03", "--days", "7"])
        .output()
        .unwrap();
    let line = assert_usage_error(&output, "0001-01-01");
    assert!(line.contains("ask for 3 or fewer"), "{line}");
    let items = json_feed(&env, &["--date", "0001-01-03", "--days", "3"]);
    // Berlin's local mean time was 53 minutes and 28 seconds ahead of UTC:
    // the day began 32 seconds before 00:01 at a whole minute's offset.
    assert_eq!(
        items["items"][2]["date_published"],
        "0001-01-01T00:00:32+00:54"
    );
    let items = json_feed(&env, &["--date", "9999-12-31", "--days", "1"]);
    assert_eq!(
        items["items"][0]["date_published"],
        "9999-12-31T00:00:00+01:00"
    );
}

#[test]
fn entry_ids_name_the_feed_and_the_day_whatever_the_playbook() {
    let env = TestEnv::new();
    let ids = |args: &[&str]| -> Vec<(Value, Value)> {
        json_feed(
            &env,
            &[&["--date", "2026-11-26", "--days", "20"], args].concat(),
        )["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| (item["id"].clone(), item["title"].clone()))
            .collect()
    };
    let team = env.write(
        "team.toml",
        "[[tip]]\nnumber = 11\nslug = \"follow-up\"\ntitle = \"Follow Up\"\n\
         body = \"Send the notes the same day.\"\n\
         prompts = [\"What did I promise?\", \"Who needs the notes?\", \"What happens next?\"]\n",
    );
    let team = team.to_str().unwrap();
    let id_list =
        |items: &[(Value, Value)]| items.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>();
    let other_team = "https://sales.example.org/emea/tips";
    for base in [
        vec![],
        vec!["--base-url", BASE],
        vec!["--base-url", other_team],
    ] {
        let builtin = ids(&base);
        let with_team = ids(&[&base[..], &["--tips-file", team]].concat());
        assert_eq!(id_list(&builtin), id_list(&with_team));
        // The playbook did change which tip some days get: the same ids
        // name other tips, so a chat tool posts nothing again.
        assert!(builtin.iter().zip(&with_team).any(|(a, b)| a.1 != b.1));
        // Every day's id is its own.
        let mut unique = id_list(&builtin);
        unique.dedup();
        assert_eq!(unique.len(), 20);
    }
    // Two teams' feeds never share an id, so a reader that follows both
    // keeps both teams' days.
    let ours = id_list(&ids(&["--base-url", BASE]));
    let theirs = id_list(&ids(&["--base-url", other_team]));
    assert!(ours.iter().all(|id| !theirs.contains(id)));
    assert_eq!(ours[0], format!("{BASE}/feed.xml#2026-11-26"));
    // The calendar's events of the same days are named by the day too.
    let calendar = stdout_of(&mut env.tips(&["calendar", "--from", "2026-11-26", "--days", "1"]));
    assert!(calendar.contains("UID:tips-2026-11-26"));
}

#[test]
fn each_day_starts_at_local_midnight_in_the_zone_of_the_machine() {
    let env = TestEnv::new();
    for (zone, date, published) in [
        ("UTC", "2027-02-10", "2027-02-10T00:00:00Z"),
        ("Europe/Berlin", "2027-07-10", "2027-07-10T00:00:00+02:00"),
        (
            "America/New_York",
            "2027-02-10",
            "2027-02-10T00:00:00-05:00",
        ),
        ("Asia/Kolkata", "2027-02-10", "2027-02-10T00:00:00+05:30"),
        // Summer time began at midnight: the day began at one o'clock.
        (
            "America/Sao_Paulo",
            "2018-11-04",
            "2018-11-04T01:00:00-02:00",
        ),
        // A zone that names nothing readable is UTC, as for the date.
        ("Nowhere/Atlantis", "2027-02-10", "2027-02-10T00:00:00Z"),
        // An offset of 23:59:59 rounds up to a day, which RFC 3339 cannot
        // write: the same moment in UTC.
        ("AAA-23:59:59", "2026-03-08", "2026-03-07T00:00:01Z"),
        // Midnight a second before 1970 in UTC, which mktime also answers
        // when it fails.
        ("AAA-0:00:01", "1970-01-01", "1970-01-01T00:00:59+00:01"),
        // The last day, a day behind UTC, would begin in the year 10000,
        // and the first, a day ahead, in the year 0: the nearest moment in
        // the years tips knows stands in.
        ("AAA+24", "9999-12-31", "9999-12-31T23:59:59Z"),
        ("AAA-24", "0001-01-01", "0001-01-01T00:00:00Z"),
    ] {
        let output = env
            .tips(&["feed", "--json", "--days", "1", "--date", date])
            .env("TZ", zone)
            .output()
            .unwrap();
        let items: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(items["items"][0]["date_published"], published, "{zone}");
    }
    // A zone that counts leap seconds: days of midnight twice are found
    // however many days the feed holds (St John's put its clock back from
    // 00:01 on 31 October 1993).
    let right = Path::new("/usr/share/zoneinfo/right/America/St_Johns");
    if needed(
        right.is_file(),
        "the tz database's right/ zones (Debian's tzdata)",
    ) {
        for (days, last_day) in [("2", "1993-11-01"), ("40", "1993-11-30")] {
            let output = env
                .tips(&["feed", "--json", "--days", days, "--date", last_day])
                .env("TZ", "right/America/St_Johns")
                .output()
                .unwrap();
            let items: Value = serde_json::from_slice(&output.stdout).unwrap();
            let published: Vec<&str> = items["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|item| item["date_published"].as_str())
                .collect();
            assert!(
                published.contains(&"1993-10-31T00:00:00-02:30"),
                "{days} days: {published:?}"
            );
            assert!(
                published.iter().all(|at| at.contains("T00:00:00")),
                "{published:?}"
            );
        }
    }
    // Summer time ended at one o'clock, so midnight came twice: the day
    // began at the first, whichever days the feed holds around it.
    for (date, days, index) in [("2026-11-01", "1", 0), ("2026-11-03", "3", 2)] {
        let output = env
            .tips(&["feed", "--json", "--days", days, "--date", date])
            .env("TZ", "America/Havana")
            .output()
            .unwrap();
        let items: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(
            items["items"][index]["date_published"], "2026-11-01T00:00:00-04:00",
            "the feed of {days} days to {date}"
        );
    }
}

/// Python's zoneinfo, a reading of the tz database nobody here wrote, as
/// the judge of when a day begins: the zone's stretches of one offset are
/// found around the day by stepping and halving, and the first moment whose
/// local date is the day or later is the earliest a stretch holds.
const FIRST_MOMENTS: &str = r#"
import datetime as dt, json, sys
from zoneinfo import ZoneInfo

def offset(zone, at):
    return int(dt.datetime.fromtimestamp(at, zone).utcoffset().total_seconds())

def first_moment(zone, day):
    midnight = (day - dt.date(1970, 1, 1)).days * 86400
    start, end = midnight - 30 * 3600, midnight + 30 * 3600
    edges, at, current = [start], start, offset(zone, start)
    while at < end:
        step = at + 900
        if offset(zone, step) != current:
            low, high = at, step
            while high - low > 1:
                middle = (low + high) // 2
                if offset(zone, middle) == current:
                    low = middle
                else:
                    high = middle
            edges.append(high)
            current = offset(zone, high)
        at = step
    edges.append(end)
    firsts = []
    for begin, finish in zip(edges, edges[1:]):
        held = offset(zone, begin)
        moment = max(begin, midnight - held)
        if moment < finish:
            firsts.append(moment)
    return min(firsts)

checked = 0
for zone_name, day, published in json.load(sys.stdin):
    zone = ZoneInfo(zone_name)
    given = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
    expected = first_moment(zone, dt.date.fromisoformat(day))
    held = offset(zone, expected)
    rounded = -(-held // 60) * 60
    if int(given.timestamp()) != expected or int(given.utcoffset().total_seconds()) not in (held, rounded, 0):
        print(f"{zone_name} {day}: tips says {published}, the day begins at "
              f"{dt.datetime.fromtimestamp(expected, zone).isoformat()}")
    checked += 1
print(f"checked {checked}")
"#;

/// Each day's entry is dated at the first moment of its day, as Python's
/// zoneinfo finds it, where clocks jump: midnight twice (Havana; St John's,
/// put back from 00:01; Vostok, back two hours at two with no summer time),
/// midnight never (São Paulo; Bissau and Casey, forward with no summer
/// time), a day skipped whole (Apia and Kiritimati across the date line),
/// half-hour summer time (Lord Howe), summer time in winter (Dublin), and
/// local mean time with seconds (Santiago).
#[test]
fn each_day_begins_when_python_zoneinfo_says_it_does_where_clocks_jump() {
    if !require("python3") {
        return;
    }
    let env = TestEnv::new();
    let mut days = Vec::new();
    for (zone, last_day) in [
        ("America/Havana", "2026-11-04"),
        ("America/St_Johns", "2010-11-09"),
        ("Antarctica/Vostok", "2023-12-20"),
        ("America/Sao_Paulo", "2018-11-06"),
        ("Africa/Bissau", "1975-01-03"),
        ("Antarctica/Casey", "2016-10-24"),
        ("Pacific/Apia", "2012-01-02"),
        ("Pacific/Kiritimati", "1995-01-02"),
        ("Australia/Lord_Howe", "2027-04-06"),
        ("Europe/Dublin", "2027-03-30"),
        ("America/Santiago", "1927-09-03"),
        ("Europe/Berlin", "2027-10-31"),
    ] {
        let output = env
            .tips(&["feed", "--json", "--days", "6", "--date", last_day])
            .env("TZ", zone)
            .output()
            .unwrap();
        let feed: Value = serde_json::from_slice(&output.stdout).unwrap();
        for item in feed["items"].as_array().unwrap() {
            // `tag:romantic-sales.invalid,2026-11-01:tip-of-the-day`.
            let id = item["id"].as_str().unwrap();
            let day = id.split([',', ':']).nth(2).unwrap();
            days.push((zone, day.to_string(), item["date_published"].clone()));
        }
    }
    let mut judge = Command::new(installed("python3").unwrap())
        .args(["-c", FIRST_MOMENTS])
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    serde_json::to_writer(judge.stdin.take().unwrap(), &days).unwrap();
    let judged = judge.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&judged.stdout);
    assert_eq!(
        said.trim(),
        format!("checked {}", days.len()),
        "{}",
        String::from_utf8_lossy(&judged.stderr)
    );
}

#[test]
fn a_base_url_links_each_entry_to_its_tips_page_and_the_feed_to_itself() {
    let env = TestEnv::new();
    for base in [BASE, "https://intranet.example.com/sales/tips/"] {
        let atom = feed(
            &env,
            &["--date", "2027-02-10", "--days", "1", "--base-url", base],
        );
        assert!(atom.contains(&format!(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"{BASE}/feed.xml\"/>"
        )));
        assert!(atom.contains(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{BASE}/tip/respect.html\"/>"
        )));
        let json = json_feed(
            &env,
            &["--date", "2027-02-10", "--days", "1", "--base-url", base],
        );
        assert_eq!(json["feed_url"], format!("{BASE}/feed.xml"));
        assert_eq!(json["home_page_url"], format!("{BASE}/index.html"));
        assert_eq!(json["items"][0]["url"], format!("{BASE}/tip/respect.html"));
    }
    // Without one, no links at all: nothing points at a guess.
    let atom = feed(&env, &["--date", "2027-02-10"]);
    assert!(!atom.contains("<link"), "{atom}");
    let json = json_feed(&env, &["--date", "2027-02-10"]);
    assert!(json.get("feed_url").is_none() && json["items"][0].get("url").is_none());
}

#[test]
fn a_base_url_that_is_not_an_absolute_http_url_is_one_line_and_exit_2() {
    let env = TestEnv::new();
    for url in [
        "intranet.example.com/tips",
        "ftp://intranet.example.com/tips",
        "javascript:alert(1)",
        "https://",
        "https:///tips",
        "https://intranet.example.com/my tips",
        "https://intranet.example.com/tips?page=1",
        "https://intranet.example.com/tips#top",
        "https://user:secret@intranet.example.com/tips",
        "https://intranet.example.com/\u{1b}[2J",
        "https://intranet.example.com/\"><script>",
        "",
    ] {
        let output = env.tips(&["feed", "--base-url", url]).output().unwrap();
        let line = assert_usage_error(&output, "--base-url");
        assert!(!line.contains('\u{1b}'), "{line:?}");
    }
}

#[test]
fn json_is_json_feed_1_1_with_the_same_entries_as_the_atom_feed() {
    let env = TestEnv::new();
    let json = json_feed(&env, &["--date", "2027-02-14", "--base-url", BASE]);
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["title"], "Romantic Sales tips");
    assert!(json["authors"][0]["name"].is_string());
    let item = &json["items"][0];
    for field in ["id", "url", "title", "content_html", "date_published"] {
        assert!(item[field].is_string(), "{field}: {item}");
    }
    let html = item["content_html"].as_str().unwrap();
    assert!(
        html.starts_with("<p><strong>Happy Valentine&#39;s Day!"),
        "{html}"
    );
    assert!(html.contains("<h2>Coaching prompts</h2>\n<ul class=\"prompts\">\n<li>"));
    assert!(html.contains("<h2>Try today</h2>"));
}

#[test]
fn the_w3c_validator_finds_no_error_and_with_a_base_url_no_warning() {
    let env = TestEnv::new();
    // A past day, so that no date is in the future (which it warns of).
    let args = ["feed", "--date", "2026-02-14"];
    let Some(problems) = validator_on_served_feed(&env, "AA", &args) else {
        return;
    };
    assert_eq!(problems, Vec::<String>::new(), "with --base-url");
    // Without a URL the feed cannot say where it lives, the one thing the
    // validator then warns of; there is no error.
    let atom = feed(&env, &args[1..]);
    assert_eq!(
        validator_on_file(&env, "A", &atom).unwrap(),
        Vec::<String>::new()
    );
    assert_eq!(
        validator_on_file(&env, "AA", &atom).unwrap(),
        ["line 2, column 0: Missing atom:link with rel=\"self\""]
    );
}

#[test]
fn the_w3c_validator_finds_no_error_in_the_feed_of_a_hostile_playbook() {
    let env = TestEnv::new();
    let hostile = hostile_args(&env);
    let args = [&strings(&hostile)[..], &["feed", "--date", "2026-02-14"]].concat();
    let Some(problems) = validator_on_served_feed(&env, "A", &args) else {
        return;
    };
    assert_eq!(problems, Vec::<String>::new());
    // Its one warning is that the title, which is text, holds what looks
    // like an HTML end tag: the playbook's `</script>`, shown literally.
    let warnings = validator_on_served_feed(&env, "AA", &args).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].ends_with(
            "title should not contain HTML unless declared in the type attribute (7 occurrences)"
        ),
        "{warnings:?}"
    );
}

#[test]
fn feedparser_and_rss_parser_read_back_titles_ids_dates_links_and_content() {
    let env = TestEnv::new();
    let hostile = hostile_args(&env);
    for playbook in [vec![], strings(&hostile)] {
        let args = [&playbook[..], &["--date", "2027-02-14", "--base-url", BASE]].concat();
        let atom = feed(&env, &args);
        let expected = json_feed(&env, &args);
        let items = expected["items"].as_array().unwrap();
        let instant = |text: &Value| DateTime::parse_from_rfc3339(text.as_str().unwrap()).unwrap();
        if let Some(read) = feedparser_read(&env, &atom) {
            assert_eq!(read["version"], "atom10");
            assert_eq!(read["title"], "Romantic Sales tips");
            // With a base URL, the feed is named by its own address.
            assert_eq!(read["id"], expected["feed_url"]);
            assert_eq!(read["updated"], items[0]["date_published"]);
            assert_eq!(read["links"][0]["rel"], "self");
            assert_eq!(read["links"][0]["href"], expected["feed_url"]);
            let entries = read["entries"].as_array().unwrap();
            assert_eq!(entries.len(), items.len());
            for (entry, item) in entries.iter().zip(items) {
                assert_eq!(entry["id"], item["id"]);
                assert_eq!(entry["title"], item["title"]);
                assert_eq!(entry["published"], item["date_published"]);
                assert_eq!(entry["updated"], item["date_published"]);
                assert_eq!(entry["links"][0]["href"], item["url"]);
                assert_eq!(entry["content_type"], "text/html");
                assert_eq!(entry["content"], item["content_html"]);
            }
        }
        if let Some(read) = rss_parser_read(&env, &atom) {
            assert_eq!(read["title"], "Romantic Sales tips");
            assert_eq!(read["self"], expected["feed_url"]);
            let entries = read["entries"].as_array().unwrap();
            assert_eq!(entries.len(), items.len());
            for (entry, item) in entries.iter().zip(items) {
                assert_eq!(entry["id"], item["id"]);
                assert_eq!(entry["title"], item["title"]);
                assert_eq!(
                    instant(&entry["published"]),
                    instant(&item["date_published"])
                );
                assert_eq!(entry["link"], item["url"]);
                assert_eq!(entry["content"], item["content_html"]);
            }
        }
    }
}

#[test]
fn hostile_playbook_text_is_read_back_as_text_never_as_markup() {
    let env = TestEnv::new();
    let hostile = hostile_args(&env);
    let args = [
        &strings(&hostile)[..],
        &["--date", "2027-02-10", "--days", "1"],
    ]
    .concat();
    let atom = feed(&env, &args);
    // Nothing XML 1.0 forbids, and no control character but the line ends.
    assert!(
        !atom
            .chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{fffe}' || c == '\u{202e}'),
        "{atom:?}"
    );
    assert_eq!(atom.matches("</entry>").count(), 1);
    assert_eq!(atom.matches("</content>").count(), 1);
    assert!(
        !atom.contains("<script") && !atom.contains("<![CDATA["),
        "{atom}"
    );
    let title = "Tip 11 · <script>alert('t')</script> & \"quotes\" ]]> ^[[2J<U+FFFF>";
    let texts = [
        "<img src=x onerror=alert(1)> ]]> &amp; is no entity",
        "A </content> and <![CDATA[ x ]]> with a bell^G, a reversal<U+202E> and a nonchar<U+FFFE>.",
        "<a href=\"javascript:alert(1)\">click</a>",
        "Tom & Jerry's \"show\" 'quoted'",
        "]]></content></entry><script>alert(2)</script>",
        "<!-- a comment -->",
    ];
    let json = json_feed(&env, &args);
    assert_eq!(json["items"][0]["title"], title);
    let Some(read) = feedparser_read(&env, &atom) else {
        return;
    };
    let entry = &read["entries"][0];
    assert_eq!(entry["title"], title);
    // The content's HTML, parsed as a browser would: each piece of the
    // playbook is one text, literally, and the only elements are ours.
    let shown: Vec<&str> = entry["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|text| text.as_str().unwrap())
        .collect();
    for text in texts {
        assert!(shown.contains(&text), "{text:?} not among {shown:?}");
    }
    for element in entry["elements"].as_array().unwrap() {
        let tag = element["tag"].as_str().unwrap();
        assert!(["p", "em", "h2", "ul", "li"].contains(&tag), "{element}");
        assert!(
            element["attrs"]
                .as_array()
                .unwrap()
                .iter()
                .all(|name| name == "class"),
            "{element}"
        );
    }
}

#[test]
fn a_full_disk_is_one_line_and_exit_1_and_a_closed_pipe_exit_0() {
    let env = TestEnv::new();
    for args in [&["feed", "--days", "366"][..], &["feed", "--json"]] {
        let output = env.writing_to_full_disk(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.starts_with("tips: cannot write output: "),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1);
        let output = env.writing_to_closed_pipe(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(output.stderr.is_empty(), "{args:?}");
    }
}

/// The man page documents the feed; completion of `feed` and its options
/// is tried in bash with the other commands (tests/completions.rs).
#[test]
fn the_man_page_offers_feed_and_its_options() {
    let env = TestEnv::new();
    let page = stdout_of(&mut env.tips(&["man"]));
    for text in [
        "feed",
        "\\-\\-base\\-url",
        "JSON Feed 1.1",
        "tips\\-site.timer",
    ] {
        assert!(page.contains(text), "the man page lacks {text}");
    }
}

/// The example units of contrib/, as a coach installs them: clean in
/// `systemd-analyze verify` (in the user manager's terms) and the timer's
/// calendar in `systemd-analyze calendar`.
#[test]
fn the_systemd_user_units_are_clean_in_systemd_analyze() {
    let env = TestEnv::new();
    if !require("systemd-analyze") {
        return;
    }
    let contrib = Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib");
    let service = std::fs::read_to_string(contrib.join("tips-site.service")).unwrap();
    let timer = std::fs::read_to_string(contrib.join("tips-site.timer")).unwrap();
    // The unit names `tips` for systemd to find in /usr/local/bin or
    // /usr/bin; here it is the binary under test instead, which verify
    // checks is there.
    let exec = "ExecStart=tips site %h/public_html/tips $TIPS_SITE_OPTIONS";
    assert_eq!(
        service
            .lines()
            .filter(|line| line.starts_with("ExecStart="))
            .collect::<Vec<_>>(),
        [exec]
    );
    let units = env.home().join("units");
    std::fs::create_dir_all(units.join("runtime")).unwrap();
    std::fs::write(
        units.join("tips-site.service"),
        service.replace(
            "ExecStart=tips ",
            &format!("ExecStart={} ", tips_binary().display()),
        ),
    )
    .unwrap();
    std::fs::write(units.join("tips-site.timer"), &timer).unwrap();
    // Documentation=man:tips(1), which verify looks up: the page as
    // `tips man` writes it.
    let man = units.join("man/man1");
    std::fs::create_dir_all(&man).unwrap();
    std::fs::write(man.join("tips.1"), stdout_of(&mut env.tips(&["man"]))).unwrap();
    let analyze = |args: &[&str]| {
        Command::new(installed("systemd-analyze").unwrap())
            .env_clear()
            .env("HOME", env.home())
            .env("XDG_RUNTIME_DIR", units.join("runtime"))
            .env("MANPATH", units.join("man"))
            .env("PATH", "/usr/bin:/bin")
            .current_dir(&units)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let verify = analyze(&[
        "verify",
        "--user",
        "./tips-site.service",
        "./tips-site.timer",
    ]);
    assert!(
        verify.status.success() && verify.stderr.is_empty(),
        "systemd-analyze verify: {}{}",
        String::from_utf8_lossy(&verify.stdout),
        String::from_utf8_lossy(&verify.stderr)
    );
    let calendar = timer
        .lines()
        .find_map(|line| line.strip_prefix("OnCalendar="))
        .expect("the timer has a calendar");
    let parsed = analyze(&["calendar", calendar]);
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    // Every day, at the time written.
    assert!(
        String::from_utf8_lossy(&parsed.stdout).contains("Normalized form: *-*-* 00:05:00"),
        "{}",
        String::from_utf8_lossy(&parsed.stdout)
    );
    assert!(timer.contains("\nPersistent=true\n"));
}
