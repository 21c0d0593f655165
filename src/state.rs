//! The little that `tips` remembers between runs: the last day on which
//! `tips motd --once-per-day` showed a tip.

use chrono::{Days, NaiveDate};
use std::ffi::{CStr, CString};
use std::fs;
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::dates;
use crate::files::{self, Unread};

const LAST_SHOWN: &str = "motd-last-shown";
const CLAIM_PREFIX: &str = "motd-claim-";

/// More than any day `tips` writes (`YYYY-MM-DD` and a newline, a year of
/// five digits at most): a larger state was not written by `tips`.
const MAX_STATE_BYTES: u64 = 32;

/// How far ahead of today the recorded day may be and still count as
/// today's tip shown. Local dates on one machine can differ by up to two
/// days between time zones (UTC+14 and UTC-12), so a shell in one zone does
/// not show again the tip that a shell in another zone showed for its own
/// date; further ahead, the record is taken for a clock that was wrong,
/// and the tip is shown.
const DAYS_AHEAD_STILL_SHOWN: u64 = 2;

/// Whether the login tip already went out for `today`: the recorded day
/// is today, or at most [`DAYS_AHEAD_STILL_SHOWN`] days after it. It never
/// waits: the state is opened without blocking and read only if it is a
/// small regular file. `Err` says why the state cannot be used; the tip is
/// then shown.
pub fn already_shown(dir: &Path, today: NaiveDate) -> io::Result<bool> {
    Ok(read_last_shown(&dir.join(LAST_SHOWN))?.is_some_and(|last| counts_as_shown(last, today)))
}

fn counts_as_shown(last: NaiveDate, today: NaiveDate) -> bool {
    let latest = today
        .checked_add_days(Days::new(DAYS_AHEAD_STILL_SHOWN))
        .unwrap_or(NaiveDate::MAX);
    today <= last && last <= latest
}

/// The recorded day; `None` where nothing is recorded yet. Read without
/// waiting (see `files`): a FIFO there must not hold a login.
fn read_last_shown(path: &Path) -> io::Result<Option<NaiveDate>> {
    let bytes = match files::read_regular(path, MAX_STATE_BYTES) {
        Ok(bytes) => bytes,
        // Nothing recorded yet; a state folder that cannot be made is for
        // the claim to report.
        Err(Unread::Io(error))
            if matches!(
                error.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(None)
        }
        Err(Unread::Io(error)) => return Err(not_usable(path, &error.to_string())),
        Err(Unread::NotRegular(what)) => return Err(not_usable(path, what)),
        Err(Unread::TooLarge) => {
            return Err(not_usable(path, "too large to be a day written by tips"))
        }
    };
    std::str::from_utf8(&bytes)
        .ok()
        .and_then(|text| dates::parse_date(text.trim_end()).ok())
        .map(Some)
        .ok_or_else(|| not_usable(path, "not a day written by tips"))
}

fn not_usable(path: &Path, why: &str) -> io::Error {
    io::Error::other(format!("ignoring {}: {why}", path.display()))
}

/// Decides whether this call is the first of `today` to show the login
/// tip, and records it if so. Many shells can start at once (a terminal
/// restoring ten tabs), so the decision must never block and never let two
/// of them both win:
/// - the day already counts as shown ([`already_shown`]): not first;
/// - otherwise the call that creates `motd-claim-DAY` (an atomic
///   create-if-absent) is first, and records the day by writing a temporary
///   file and renaming it over `motd-last-shown`, so that a reader sees the
///   old day or the new one, never half a file.
///
/// The winner gets a [`Claim`], to give back if the tip cannot be shown
/// after all. A state that cannot be read is replaced; a claim that is not
/// a regular file is an error, so that the tip is shown rather than hidden
/// by something `tips` did not make. Nothing is written in a folder that
/// another user can write to ([`only_yours`]).
pub fn claim_today(dir: &Path, today: NaiveDate) -> io::Result<Option<Claim>> {
    let day = dates::iso(today);
    let last = dir.join(LAST_SHOWN);
    let previous = read_last_shown(&last).ok().flatten();
    if previous.is_some_and(|recorded| counts_as_shown(recorded, today)) {
        return Ok(None);
    }
    // Private from the start, whatever the umask: a folder made open to
    // others would be refused by the next login.
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    only_yours(dir)?;
    let claim = claim_path(dir, &day);
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&claim)
    {
        Ok(_) => {}
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            let kind = fs::symlink_metadata(&claim)?.file_type();
            if kind.is_file() {
                return Ok(None);
            }
            return Err(io::Error::other(format!(
                "{} is {}, not a claim made by tips",
                claim.display(),
                files::kind_of(kind)
            )));
        }
        Err(error) => return Err(error),
    }
    if let Err(error) = write_atomically(&last, format!("{day}\n").as_bytes()) {
        // Unrecorded, the day must stay open to the next shell.
        let _ = fs::remove_file(&claim);
        return Err(error);
    }
    remove_old_claims(dir, &day);
    let restore_through =
        last.with_file_name(format!(".{LAST_SHOWN}.{:016x}.tmp", unpredictable()));
    Ok(Some(Claim {
        last: c_path(&last)?,
        claim: c_path(&claim)?,
        restore_through: c_path(&restore_through)?,
        previous: previous.map(|recorded| format!("{}\n", dates::iso(recorded))),
    }))
}

fn c_path(path: &Path) -> io::Result<CString> {
    CString::new(path.as_os_str().as_bytes()).map_err(io::Error::other)
}

/// The day won by one call, until its tip is shown. Everything needed to
/// give it back is prepared when it is won, so that giving it back
/// allocates nothing and makes only system calls that are safe in a
/// signal handler: a signal that ends `tips` gives it back too.
#[derive(Debug)]
pub struct Claim {
    last: CString,
    claim: CString,
    /// The temporary name through which the day before is put back.
    restore_through: CString,
    previous: Option<String>,
}

impl Claim {
    /// Gives the day back when its tip could not be shown (the terminal
    /// went away, the disk is full, a signal), so that a later shell shows
    /// it. Best effort: a failure here only means the day stays used.
    /// Doing it twice (a signal during the first) does no harm.
    pub fn give_back(&self) {
        let _ = match &self.previous {
            Some(previous) => self.restore(previous.as_bytes()),
            None => rustix::fs::unlink(self.last.as_c_str()),
        };
        let _ = rustix::fs::unlink(self.claim.as_c_str());
    }

    /// Puts the day before back, through a new file renamed over the
    /// state, as [`write_atomically`] does. The folder is the user's own
    /// ([`only_yours`]), so a temporary left by a give-back that a signal
    /// cut short is removed first.
    fn restore(&self, contents: &[u8]) -> rustix::io::Result<()> {
        use rustix::fs::{Mode, OFlags};
        let temporary: &CStr = &self.restore_through;
        let _ = rustix::fs::unlink(temporary);
        let file = rustix::fs::open(
            temporary,
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::RUSR | Mode::WUSR,
        )?;
        let mut rest = contents;
        let mut written = Ok(());
        while !rest.is_empty() {
            match rustix::io::write(&file, rest) {
                Ok(count) => rest = &rest[count..],
                Err(rustix::io::Errno::INTR) => {}
                Err(error) => {
                    written = Err(error);
                    break;
                }
            }
        }
        drop(file);
        let result = written.and_then(|()| rustix::fs::rename(temporary, self.last.as_c_str()));
        if result.is_err() {
            let _ = rustix::fs::unlink(temporary);
        }
        result
    }
}

fn claim_path(dir: &Path, day: &str) -> PathBuf {
    dir.join(format!("{CLAIM_PREFIX}{day}"))
}

/// A folder that another user can write to (group or others may write, or
/// it is not the user's own) lets them plant a file or a link where `tips`
/// is about to write, or replace what it wrote: nothing is written there.
/// The error names the folder's problem; the tip is still shown.
fn only_yours(dir: &Path) -> io::Result<()> {
    let metadata = fs::metadata(dir)?;
    let mode = metadata.mode() & 0o7777;
    if metadata.uid() != rustix::process::geteuid().as_raw() {
        return Err(io::Error::other(
            "it belongs to another user, so tips writes nothing there",
        ));
    }
    if mode & 0o022 != 0 {
        return Err(io::Error::other(format!(
            "other users can write to it (mode {mode:o}), so tips writes nothing there"
        )));
    }
    Ok(())
}

/// Writes through a new temporary file renamed over `path`. The temporary
/// name is unpredictable and the file is created only if nothing is there
/// (`O_EXCL`, which never follows a link), so that nothing planted at that
/// name is ever written through.
fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let (temporary, mut file) = new_temporary(path)?;
    let result = file
        .write_all(contents)
        .and_then(|()| fs::rename(&temporary, path));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

fn new_temporary(path: &Path) -> io::Result<(PathBuf, fs::File)> {
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("state");
    // A name taken (by chance, or by something planted) is passed over.
    for _ in 0..8 {
        let temporary = path.with_file_name(format!(".{name}.{:016x}.tmp", unpredictable()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temporary)
        {
            Ok(file) => return Ok((temporary, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::other(format!(
        "no free name for a temporary file beside {}",
        path.display()
    )))
}

/// A number nobody can guess: std's hasher keys come from the operating
/// system's random source (and differ at each call in a process), which
/// is all a temporary name needs, without a random number crate.
fn unpredictable() -> u64 {
    use std::hash::BuildHasher;
    std::collections::hash_map::RandomState::new().hash_one(std::process::id())
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
        // The winner's own claim stays: it is what a terminal that read the
        // state before the win was recorded meets, and loses to.
        assert!(state.join("motd-claim-2026-11-27").is_file());
        fs::write(state.join(LAST_SHOWN), "2026-11-20\n").unwrap();
        assert!(
            !first_showing_today(day("2026-11-27")).unwrap(),
            "a terminal that missed the record still meets the claim"
        );
    }

    #[test]
    fn a_day_counts_as_shown_up_to_two_days_after_it() {
        let today = day("2026-11-26");
        for (recorded, shown) in [
            ("2026-11-25", false),
            ("2026-11-26", true),
            ("2026-11-27", true),
            ("2026-11-28", true),
            ("2026-11-29", false),
        ] {
            assert_eq!(counts_as_shown(day(recorded), today), shown, "{recorded}");
        }
        // The last day there is: nothing after it to overflow into.
        assert!(counts_as_shown(NaiveDate::MAX, NaiveDate::MAX));
    }

    #[test]
    fn a_fifo_as_the_state_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join(LAST_SHOWN);
        crate::files::make_fifo(&fifo);
        let error = already_shown(dir.path(), day("2026-11-26")).unwrap_err();
        assert!(
            error.to_string().ends_with("a FIFO (named pipe)"),
            "{error}"
        );
        // The claim replaces it with the day.
        assert!(claim_today(dir.path(), day("2026-11-26"))
            .unwrap()
            .is_some());
        assert!(already_shown(dir.path(), day("2026-11-26")).unwrap());
    }

    #[test]
    fn a_folder_others_can_write_to_is_refused_and_nothing_is_written() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        for mode in [0o777, 0o770, 0o1777, 0o702] {
            fs::set_permissions(dir.path(), fs::Permissions::from_mode(mode)).unwrap();
            let error = claim_today(dir.path(), day("2026-11-26")).unwrap_err();
            assert!(
                error.to_string().contains("other users can write"),
                "{error}"
            );
            assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "{mode:o}");
        }
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        assert!(claim_today(dir.path(), day("2026-11-26"))
            .unwrap()
            .is_some());
    }

    #[test]
    fn temporary_names_differ_and_a_taken_one_is_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LAST_SHOWN);
        let (first, _) = new_temporary(&path).unwrap();
        let (second, _) = new_temporary(&path).unwrap();
        assert_ne!(first, second);
        assert!(first
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with(".motd-last-shown."));
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
        // Again, as a signal during the first would.
        claim.give_back();
        assert_eq!(
            fs::read_to_string(state.join(LAST_SHOWN)).unwrap(),
            "2026-11-25\n"
        );
        // Private, as every file the state holds.
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(state.join(LAST_SHOWN))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(claim_today(&state, day("2026-11-26")).unwrap().is_some());
    }

    /// A state that is there but cannot be read (here a link that leads
    /// back to itself) is an error to name, not "nothing recorded".
    #[test]
    fn a_state_that_cannot_be_read_is_not_taken_for_none() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("tips");
        fs::create_dir(&state).unwrap();
        std::os::unix::fs::symlink(state.join(LAST_SHOWN), state.join(LAST_SHOWN)).unwrap();
        assert!(already_shown(&state, day("2026-11-26")).is_err());
        assert!(read_last_shown(&state.join("none")).unwrap().is_none());
    }
}
