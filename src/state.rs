//! The little that `tips` remembers between runs: the last day on which
//! `tips motd --once-per-day` showed a tip.

use chrono::NaiveDate;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::dates;

const LAST_SHOWN: &str = "motd-last-shown";
const CLAIM_PREFIX: &str = "motd-claim-";

/// Decides whether this call is the first of `today` to show the login
/// tip, and records it if so. Many shells can start at once (a terminal
/// restoring ten tabs), so the decision must never block and never let two
/// of them both win:
/// - the day already recorded in `motd-last-shown`: not first;
/// - otherwise the call that creates `motd-claim-DAY` (an atomic
///   create-if-absent) is first, and records the day by writing a temporary
///   file and renaming it over `motd-last-shown`, so that a reader sees the
///   old day or the new one, never half a file.
pub fn first_showing_today(dir: &Path, today: NaiveDate) -> io::Result<bool> {
    let day = dates::iso(today);
    let last = dir.join(LAST_SHOWN);
    if fs::read_to_string(&last).is_ok_and(|recorded| recorded.trim() == day) {
        return Ok(false);
    }
    fs::create_dir_all(dir)?;
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(claim_path(dir, &day))
    {
        Ok(_) => {}
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
        Err(error) => return Err(error),
    }
    write_atomically(&last, format!("{day}\n").as_bytes())?;
    remove_old_claims(dir, &day);
    Ok(true)
}

fn claim_path(dir: &Path, day: &str) -> PathBuf {
    dir.join(format!("{CLAIM_PREFIX}{day}"))
}

fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let temporary = path.with_file_name(format!(
        ".{}.{}.tmp",
        path.file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("state"),
        std::process::id()
    ));
    let result = fs::File::create(&temporary)
        .and_then(|mut file| file.write_all(contents))
        .and_then(|()| fs::rename(&temporary, path));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Claims of other days are no longer needed; failing to remove one only
/// leaves a small file behind.
fn remove_old_claims(dir: &Path, today: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with(CLAIM_PREFIX) && !name.ends_with(today) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        dates::parse_date(text).unwrap()
    }

    #[test]
    fn only_the_first_call_of_a_day_wins() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("tips");
        assert!(first_showing_today(&state, day("2026-11-26")).unwrap());
        assert!(!first_showing_today(&state, day("2026-11-26")).unwrap());
        assert_eq!(
            fs::read_to_string(state.join(LAST_SHOWN)).unwrap(),
            "2026-11-26\n"
        );
        assert!(first_showing_today(&state, day("2026-11-27")).unwrap());
        assert!(
            !state.join("motd-claim-2026-11-26").exists(),
            "old claims are cleared"
        );
    }

    #[test]
    fn an_unwritable_place_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-dir");
        fs::write(&file, "x").unwrap();
        assert!(first_showing_today(&file.join("tips"), day("2026-11-26")).is_err());
    }
}
