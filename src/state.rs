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
///
/// The winner gets a [`Claim`], to give back if the tip cannot be shown
/// after all.
pub fn claim_today(dir: &Path, today: NaiveDate) -> io::Result<Option<Claim>> {
    let day = dates::iso(today);
    let last = dir.join(LAST_SHOWN);
    let previous = fs::read_to_string(&last).ok();
    if previous
        .as_deref()
        .is_some_and(|recorded| recorded.trim() == day)
    {
        return Ok(None);
    }
    fs::create_dir_all(dir)?;
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(claim_path(dir, &day))
    {
        Ok(_) => {}
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => return Ok(None),
        Err(error) => return Err(error),
    }
    write_atomically(&last, format!("{day}\n").as_bytes())?;
    remove_old_claims(dir, &day);
    Ok(Some(Claim {
        dir: dir.to_path_buf(),
        day,
        previous,
    }))
}

/// The day won by one call, until its tip is shown.
#[derive(Debug)]
pub struct Claim {
    dir: PathBuf,
    day: String,
    previous: Option<String>,
}

impl Claim {
    /// Gives the day back when its tip could not be shown (the terminal
    /// went away, the disk is full), so that a later shell shows it.
    /// Best effort: a failure here only means the day stays used.
    pub fn give_back(self) {
        let last = self.dir.join(LAST_SHOWN);
        let _ = match &self.previous {
            Some(previous) => write_atomically(&last, previous.as_bytes()),
            None => fs::remove_file(&last),
        };
        let _ = fs::remove_file(claim_path(&self.dir, &self.day));
    }
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
        let first_showing_today = |day| claim_today(&state, day).map(|claim| claim.is_some());
        assert!(first_showing_today(day("2026-11-26")).unwrap());
        assert!(!first_showing_today(day("2026-11-26")).unwrap());
        assert_eq!(
            fs::read_to_string(state.join(LAST_SHOWN)).unwrap(),
            "2026-11-26\n"
        );
        assert!(first_showing_today(day("2026-11-27")).unwrap());
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
        assert!(claim_today(&file.join("tips"), day("2026-11-26")).is_err());
    }

    #[test]
    fn a_day_given_back_can_be_won_again_and_the_day_before_stays_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("tips");
        claim_today(&state, day("2026-11-25")).unwrap().unwrap();
        let claim = claim_today(&state, day("2026-11-26")).unwrap().unwrap();
        claim.give_back();
        assert_eq!(
            fs::read_to_string(state.join(LAST_SHOWN)).unwrap(),
            "2026-11-25\n"
        );
        assert!(claim_today(&state, day("2026-11-26")).unwrap().is_some());
    }
}
