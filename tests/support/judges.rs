//! The outside judges of `tips calendar`: iCalendar parsers nobody here
//! wrote, each run by a small reader in this folder that prints what it
//! read as JSON of one shape (`{version, prodid, events: [{uid, summary,
//! description, start, start_is_date, end, has_dtstamp, alarms}]}`).
//!
//! - Python's `icalendar` (7 or later) and `vobject`, from PyPI into the
//!   python3 on PATH, or Debian's python3-vobject;
//! - Mozilla's ical.js (npm's `ical.js`, as Thunderbird uses it), installed
//!   by .ci/run into the target folder, never globally:
//!   `npm install --prefix <target>/tmp/npm-judges ical.js`;
//! - calcurse (Debian), a calendar program: what it imports is read from
//!   its own data files, `{events: [{start, summary, description}]}`.
//!
//! A judge that is missing skips visibly, and fails under CI=true.

use crate::common::{needed, require, TestEnv};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn support(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/support")
        .join(file)
}

/// Where .ci/run installs ical.js: under the target folder, so that
/// nothing is installed for the whole machine.
fn ical_js() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("npm-judges/node_modules/ical.js/dist/ical.js")
}

/// A python3 where `check` (Python code) succeeds: the one on PATH first,
/// as .ci/run installs the parsers into it with pip, then Debian's. The
/// one on PATH may be a wrapper that needs the real environment (pyenv's),
/// so the interpreter it stands for is asked for, and run directly.
fn python_where(env: &TestEnv, check: &str, what: &str) -> Option<PathBuf> {
    let on_path = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .env("HOME", env.home())
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()));
    // .ci/run's virtual environment in the target folder comes first.
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("py-judges/bin/python3");
    let found = [Some(venv), on_path, Some(PathBuf::from("/usr/bin/python3"))]
        .into_iter()
        .flatten()
        .find(|python| {
            env.judge(python)
                .args(["-c", check])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|status| status.success())
        });
    needed(found.is_some(), what).then(|| found.expect("found"))
}

fn json_from(name: &str, output: std::process::Output) -> Value {
    assert!(
        output.status.success(),
        "{name} refused the file: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| panic!("{name}: {error}"))
}

/// What every parser judge that is installed read from `ics`: pairs of
/// the judge's name and its reading.
pub fn parsers_read(env: &TestEnv, ics: &str) -> Vec<(&'static str, Value)> {
    let file = env.write("judged.ics", ics);
    let mut readings = Vec::new();
    for (name, check, what, reader) in [
        (
            "icalendar",
            // Before 7, it drops a backslash that comes just before an
            // escaped semicolon or comma (`\\\;` reads as `;`).
            "import icalendar, sys; sys.exit(int(icalendar.__version__.split('.')[0]) < 7)",
            "Python's icalendar package, 7 or later",
            "read_ics.py",
        ),
        (
            "vobject",
            "import vobject",
            "Python's vobject package",
            "read_ics_vobject.py",
        ),
    ] {
        if let Some(python) = python_where(env, check, what) {
            let output = env
                .judge(python)
                .arg(support(reader))
                .arg(&file)
                .output()
                .unwrap();
            readings.push((name, json_from(name, output)));
        }
    }
    if require("node") && needed(ical_js().is_file(), "npm's ical.js in the target folder") {
        let output = env
            .judge("node")
            .arg(support("read_ics.mjs"))
            .arg(ical_js())
            .arg(&file)
            .output()
            .unwrap();
        readings.push(("ical.js", json_from("ical.js", output)));
    }
    readings
}

/// What calcurse imported from `ics`, into a fresh data folder of its own:
/// `{events: [{start, summary, description}]}` in the order of its file.
pub fn calcurse_read(env: &TestEnv, ics: &str) -> Option<Value> {
    if !require("calcurse") {
        return None;
    }
    let file = env.write("imported.ics", ics);
    let data = tempfile::tempdir().unwrap();
    let output = env
        .judge("calcurse")
        .arg("-D")
        .arg(data.path())
        .arg("-i")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "calcurse refused the file: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        report.contains(" 0 skipped"),
        "calcurse skipped some: {report}"
    );
    // Its events file: `MM/DD/YYYY [1] >NOTE SUMMARY` a line, where NOTE
    // names the file in notes/ that holds the description.
    let events = std::fs::read_to_string(data.path().join("apts")).unwrap();
    let events: Vec<Value> = events
        .lines()
        .map(|line| {
            let (date, rest) = line.split_once(" [1] >").expect("an all-day event");
            let (note, summary) = rest.split_once(' ').expect("a note and a summary");
            let (month, day, year) = (&date[0..2], &date[3..5], &date[6..10]);
            let description = std::fs::read_to_string(data.path().join("notes").join(note))
                .expect("the note calcurse wrote");
            json!({
                "start": format!("{year}-{month}-{day}"),
                "summary": summary,
                "description": description.strip_suffix('\n').unwrap_or(&description),
            })
        })
        .collect();
    Some(json!({ "events": events }))
}
