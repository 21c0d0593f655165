//! The journal: what the user wrote in answer to a tip, kept as plain
//! Markdown files that can be read, grepped and backed up without `tips`.
//!
//! Layout: one folder per tip slug, one file per entry, named by the day it
//! is about and a sequence number for that day:
//!
//! ```text
//! $XDG_DATA_HOME/tips/journal/respect/2026-11-26-1.md
//! $XDG_DATA_HOME/tips/journal/respect/2026-11-26-2.md
//! ```
//!
//! A file holds only the entry's text; its tip and date are in its path.
//! The newest entry of a tip is found from one folder's listing of names,
//! and only that one file is opened, however long the journal grows. Names
//! that do not fit this pattern (drafts, temporary files, anything a user
//! keeps beside the entries) are passed over.

use chrono::NaiveDate;
use std::cmp::Reverse;
use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::dates;
use crate::files::{self, Unread};

/// An entry is a few paragraphs; a file far larger is not one, and is
/// passed over rather than read.
pub const MAX_ENTRY_BYTES: u64 = 256 * 1024;

/// One entry of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The day the entry is about (`--date`, else today).
    pub date: NaiveDate,
    /// The second entry of a tip on one day is 2, and so on.
    pub sequence: u32,
    pub slug: String,
    pub text: String,
    pub path: PathBuf,
}

impl Entry {
    /// The first line that holds anything, for one-line listings.
    pub fn first_line(&self) -> &str {
        self.lines().next().unwrap_or_default()
    }

    /// The lines that hold anything, blank lines left out.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.text
            .lines()
            .map(str::trim_end)
            .filter(|line| !line.trim().is_empty())
    }
}

/// `2026-11-26-3.md`.
fn entry_name(date: NaiveDate, sequence: u32) -> String {
    format!("{}-{sequence}.md", dates::iso(date))
}

/// The day and sequence number of an entry's file name, or `None` for a
/// name that is not an entry's.
fn parse_entry_name(name: &str) -> Option<(NaiveDate, u32)> {
    let stem = name.strip_suffix(".md")?;
    let (date, sequence) = (stem.get(..10)?, stem.get(10..)?);
    let sequence = sequence.strip_prefix('-')?;
    // Digits only, and no leading zero: one number has one name.
    if sequence.starts_with('0') || !sequence.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let sequence: u32 = sequence.parse().ok()?;
    Some((dates::parse_date(date).ok()?, sequence))
}

/// The names of the entries in one tip's folder, as `(date, sequence,
/// file name)`, in no particular order. A folder that is missing or cannot
/// be listed holds none.
fn entry_names(folder: &Path) -> Vec<(NaiveDate, u32, String)> {
    let Ok(listing) = fs::read_dir(folder) else {
        return Vec::new();
    };
    listing
        .flatten()
        .filter_map(|item| {
            let name = item.file_name().into_string().ok()?;
            let (date, sequence) = parse_entry_name(&name)?;
            Some((date, sequence, name))
        })
        .collect()
}

/// The newest entry of a tip dated `on_or_before` or earlier (so that
/// `--date` in the past does not show what was written later). Opens one
/// file, unless that one cannot be read as an entry (a FIFO, a folder, a
/// huge or non-UTF-8 file), in which case the next newest is tried.
pub fn newest(journal: &Path, slug: &str, on_or_before: NaiveDate) -> Option<Entry> {
    let folder = journal.join(slug);
    let name = newest_name(&folder, on_or_before)?;
    let fast = parse_entry_name(&name)
        .and_then(|(date, sequence)| readable_entry(&folder, slug, date, sequence, &name));
    // The newest name is nearly always a readable entry; where it is not,
    // the whole folder is sorted and tried in order.
    fast.or_else(|| newest_readable(&folder, slug, on_or_before))
}

fn newest_readable(folder: &Path, slug: &str, on_or_before: NaiveDate) -> Option<Entry> {
    let mut names = entry_names(folder);
    names.retain(|(date, _, _)| *date <= on_or_before);
    names.sort_unstable_by_key(|(date, sequence, _)| Reverse((*date, *sequence)));
    names
        .into_iter()
        .find_map(|(date, sequence, name)| readable_entry(folder, slug, date, sequence, &name))
}

/// The entry under `name` in a tip's folder, where it can be read as one.
fn readable_entry(
    folder: &Path,
    slug: &str,
    date: NaiveDate,
    sequence: u32,
    name: &str,
) -> Option<Entry> {
    let path = folder.join(name);
    let text = read_entry(&path).ok()?;
    Some(Entry {
        date,
        sequence,
        slug: slug.to_string(),
        text,
        path,
    })
}

/// The name of the newest entry in a folder dated `on_or_before` or
/// earlier, found in one pass over its listing. A login pays for every name
/// in the folder, so each is looked at where the kernel put it, with
/// nothing allocated: a name whose first ten bytes (an entry's day) sort
/// before the best day so far, or after the limit, is passed over at once,
/// and only the rest are checked in full.
fn newest_name(folder: &Path, on_or_before: NaiveDate) -> Option<String> {
    let limit = dates::iso(on_or_before.min(LAST_DAY));
    let limit_key = day_key(limit.as_bytes())?;
    let mut best_key = (0, 0);
    let mut best_order = 0;
    let mut best = [0u8; LONGEST_NAME];
    let mut best_len = 0;
    each_name(folder, |listed| {
        let Some(key) = listed.head().and_then(day_key) else {
            return;
        };
        if key < best_key || key > limit_key {
            return;
        }
        let name = listed.bytes();
        let Some(order) = name_order(name) else {
            return;
        };
        if order > best_order {
            best_key = key;
            best_order = order;
            best[..name.len()].copy_from_slice(name);
            best_len = name.len();
        }
    })
    .ok()?;
    (best_len > 0).then(|| String::from_utf8_lossy(&best[..best_len]).into_owned())
}

/// A later day than this is later than every entry.
const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a real day");

/// The first ten bytes of a name as numbers that sort as the bytes do:
/// for an entry, `YYYY-MM-DD`, whose bytes sort as its days do.
fn day_key(name: &[u8]) -> Option<(u64, u16)> {
    let head: [u8; 8] = name.get(..8)?.try_into().ok()?;
    let tail: [u8; 2] = name.get(8..10)?.try_into().ok()?;
    Some((u64::from_be_bytes(head), u16::from_be_bytes(tail)))
}

/// `YYYY-MM-DD-` (11 bytes), a sequence number of up to nine digits, `.md`.
const LONGEST_NAME: usize = 11 + 9 + 3;
const SEQUENCES: u64 = 1_000_000_000;

/// An entry's file name as one number that orders entries: the digits of
/// its day, then its sequence number; `None` for a name of another shape.
/// Whether the day exists is left to [`parse_entry_name`], once the newest
/// name is chosen.
fn name_order(name: &[u8]) -> Option<u64> {
    let len = name.len();
    if !(11 + 1 + 3..=LONGEST_NAME).contains(&len)
        || &name[len - 3..] != b".md"
        || name[4] != b'-'
        || name[7] != b'-'
        || name[10] != b'-'
        || name[11] == b'0'
    {
        return None;
    }
    let digits = |bytes: &[u8], start: u64| {
        bytes.iter().try_fold(start, |number, byte| {
            let digit = byte.wrapping_sub(b'0');
            (digit < 10).then_some(number * 10 + u64::from(digit))
        })
    };
    let day = digits(&name[8..10], digits(&name[5..7], digits(&name[..4], 0)?)?)?;
    let sequence = digits(&name[11..len - 3], 0)?;
    Some(day * SEQUENCES + sequence)
}

/// Hands every name in a folder to `visit`, read straight from the
/// kernel's listing (getdents64) into one buffer on the stack.
/// `std::fs::read_dir` copies every name into an allocation of its own,
/// and the C library's readdir costs several times what a name's check
/// does, which a folder of a thousand entries turns into a large part of a
/// login's cost.
fn each_name(folder: &Path, mut visit: impl FnMut(ListedName<'_>)) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    // O_NONBLOCK, so that a FIFO where a folder should be cannot hang a
    // login; O_DIRECTORY refuses it at once.
    let dir = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NONBLOCK)
        .open(folder)?;
    let mut buffer = ListingBuffer([0; 16 * 1024]);
    loop {
        // SAFETY: the kernel writes at most the buffer's length into it;
        // the buffer is ours and outlives the call.
        let filled = unsafe {
            libc::syscall(
                libc::SYS_getdents64,
                dir.as_raw_fd(),
                buffer.0.as_mut_ptr(),
                buffer.0.len(),
            )
        };
        let filled = match usize::try_from(filled) {
            Ok(0) => return Ok(()),
            Ok(filled) => &buffer.0[..filled.min(buffer.0.len())],
            Err(_) => return Err(io::Error::last_os_error()),
        };
        // Each record: inode (8 bytes), offset (8), its own length (2),
        // type (1), then the name, NUL-terminated and padded.
        let mut at = 0;
        while let Some(length) = filled.get(at + 16..at + 18) {
            let length = usize::from(u16::from_ne_bytes([length[0], length[1]]));
            let Some(name) = filled.get(at + NAME_START..at + length) else {
                return Err(io::Error::other("a malformed directory listing"));
            };
            visit(ListedName { region: name });
            at += length;
        }
    }
}

/// Where a name starts in a record of getdents64.
const NAME_START: usize = 19;

/// The kernel lays records out at 8-byte boundaries from the buffer's
/// start; an aligned buffer keeps them aligned in memory too.
#[repr(align(8))]
struct ListingBuffer([u8; 16 * 1024]);

/// One name of a listing, with the padding after it in its record.
struct ListedName<'a> {
    region: &'a [u8],
}

impl<'a> ListedName<'a> {
    /// The first ten bytes, without measuring the name; `None` where the
    /// record has no room for ten bytes of name, as no entry's name is
    /// that short. A shorter name's ten bytes hold its end and the padding
    /// after it, which [`ListedName::bytes`] never includes.
    fn head(&self) -> Option<&'a [u8]> {
        self.region.get(..10)
    }

    /// The whole name.
    fn bytes(&self) -> &'a [u8] {
        let end = self
            .region
            .iter()
            .position(|byte| *byte == 0)
            .unwrap_or(self.region.len());
        &self.region[..end]
    }
}

/// Every readable entry, newest first; of one tip where `slug` is given,
/// and from `since` on where that is given. Entries that cannot be entries
/// (FIFOs, folders, huge or non-UTF-8 files) are passed over, as are folders
/// whose names are not slugs. A journal, a tip's folder or an entry that is
/// there but may not be read is an error that names it: a journal restored
/// with the wrong owner must not look empty.
pub fn entries(
    journal: &Path,
    slug: Option<&str>,
    since: Option<NaiveDate>,
) -> io::Result<Vec<Entry>> {
    let slugs: Vec<String> = match slug {
        Some(slug) => vec![slug.to_string()],
        None => match fs::read_dir(journal) {
            Ok(listing) => listing
                .flatten()
                .filter_map(|item| item.file_name().into_string().ok())
                .filter(|name| crate::schema::check_slug(name).is_ok())
                .collect(),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(error) => return Err(naming(journal, error)),
        },
    };
    let mut found = Vec::new();
    for slug in slugs {
        let folder = journal.join(&slug);
        match fs::read_dir(&folder) {
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            // A file where a tip's folder belongs holds no entries.
            Err(_) if folder.is_file() => continue,
            Err(error) => return Err(naming(&folder, error)),
        }
        for (date, sequence, name) in entry_names(&folder) {
            if since.is_some_and(|since| date < since) {
                continue;
            }
            let path = folder.join(name);
            match read_entry(&path) {
                Ok(text) => found.push(Entry {
                    date,
                    sequence,
                    slug: slug.clone(),
                    text,
                    path,
                }),
                Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
                    return Err(naming(&path, error))
                }
                Err(_) => {}
            }
        }
    }
    found.sort_by(|a, b| {
        (b.date, b.sequence)
            .cmp(&(a.date, a.sequence))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    Ok(found)
}

/// An error that says which file or folder it is about.
fn naming(path: &Path, error: io::Error) -> io::Error {
    let why = match error.raw_os_error() {
        Some(libc::ENOTDIR) => "not a folder".to_string(),
        _ => error.to_string(),
    };
    io::Error::new(error.kind(), format!("{}: {why}", path.display()))
}

/// Reads an entry without ever waiting (see `files`), so that a FIFO in
/// the journal cannot hang a login. What cannot be an entry (not a regular
/// file, too large, not UTF-8) is `InvalidData`; a file that may not be
/// read keeps its own error.
fn read_entry(path: &Path) -> io::Result<String> {
    let bytes = files::read_regular(path, MAX_ENTRY_BYTES).map_err(|unread| match unread {
        Unread::Io(error) => error,
        Unread::NotRegular(what) => io::Error::new(io::ErrorKind::InvalidData, what),
        Unread::TooLarge => io::Error::new(io::ErrorKind::InvalidData, "too large"),
    })?;
    String::from_utf8(bytes).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8"))
}

/// Creates a private folder (mode 0700) and any parents it lacks (those
/// with the usual mode).
pub(crate) fn private_folder(path: &Path) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    match DirBuilder::new().mode(0o700).create(path) {
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(io::Error::new(
            error.kind(),
            format!("{} is there, and is not a folder", path.display()),
        )),
        other => other,
    }
}

/// Writes a new private file (mode 0600) that must not exist yet.
pub(crate) fn write_new_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Keeps `text` as a new entry of `slug` on `date`, and gives it back as
/// kept.
///
/// The text is written to a temporary file first and then linked into
/// place under the day's next free sequence number; a link, unlike a
/// rename, refuses a name that exists, so two writers that pick the same
/// number at once cannot overwrite each other: the loser takes the next.
/// A reader sees no entry or a whole one, never half a file.
pub fn save(journal: &Path, slug: &str, date: NaiveDate, text: &str) -> io::Result<Entry> {
    // An entry is only ever kept where it can be read back and shown.
    if text.trim_end().len() as u64 + 1 > MAX_ENTRY_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("the entry is over {} KiB", MAX_ENTRY_BYTES / 1024),
        ));
    }
    private_folder(journal)?;
    let folder = journal.join(slug);
    private_folder(&folder)?;
    let temporary = folder.join(format!(".new-{}-{}.tmp", std::process::id(), nanos_now()));
    let mut contents = text.trim_end().to_string();
    contents.push('\n');
    write_new_private(&temporary, contents.as_bytes())?;
    let newest_that_day = entry_names(&folder)
        .iter()
        .filter(|(day, _, _)| *day == date)
        .map(|(_, sequence, _)| *sequence)
        .max()
        .unwrap_or(0);
    let linked = link_after(&folder, &temporary, date, newest_that_day);
    let _ = fs::remove_file(&temporary);
    let (sequence, path) = linked?;
    Ok(Entry {
        date,
        sequence,
        slug: slug.to_string(),
        text: contents,
        path,
    })
}

/// Links the temporary file in as the entry of `date` with the first free
/// sequence number after `sequence`, and gives that number and the path.
/// The listing that gave `sequence` may be stale by now, as another writer
/// may have taken the next number.
fn link_after(
    folder: &Path,
    temporary: &Path,
    date: NaiveDate,
    mut sequence: u32,
) -> io::Result<(u32, PathBuf)> {
    // Each attempt that loses a race moves on by one; a thousand writers
    // at once on one tip and day would be a strange journal indeed.
    for _ in 0..1000 {
        sequence += 1;
        let path = folder.join(entry_name(date, sequence));
        match fs::hard_link(temporary, &path) {
            Ok(()) => return Ok((sequence, path)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::other("no free name for the entry"))
}

fn nanos_now() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos())
}

/// An entry as kept: blank lines around it and blanks at line ends gone.
pub fn tidy(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|line| !line.is_empty());
    let last = lines.iter().rposition(|line| !line.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::os::unix::fs::PermissionsExt;

    fn day(text: &str) -> NaiveDate {
        dates::parse_date(text).unwrap()
    }

    #[test]
    fn entry_names_round_trip_and_strangers_are_passed_over() {
        for (date, sequence) in [("2026-11-26", 1), ("0001-01-01", 7), ("9999-12-31", 4096)] {
            let name = entry_name(day(date), sequence);
            assert_eq!(parse_entry_name(&name), Some((day(date), sequence)));
        }
        for stranger in [
            "2026-11-26.md",
            "2026-11-26-0.md",
            "2026-11-26-01.md",
            "2026-11-26-.md",
            "2026-11-26-1.md~",
            "2026-11-26-1.txt",
            "2026-02-30-1.md",
            "2026-11-26--1.md",
            "2026-11-26-+1.md",
            ".new-1-2.tmp",
            "notes.md",
            "2026-11-26-99999999999.md",
        ] {
            assert_eq!(parse_entry_name(stranger), None, "{stranger}");
        }
    }

    #[test]
    fn the_quick_look_finds_the_same_newest_name_as_the_sorted_list() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        for name in [
            "2026-11-26-1.md",
            "2026-11-26-2.md",
            "2026-11-26-10.md",
            "2026-11-25-99.md",
            "2026-11-27-010.md",
            "2026-11-28-1.md~",
            "2026-11-29.md",
            "9999-12-31-1.md",
            "notes.md",
            "x",
            "2026-12-0",
            "2026-12-01",
        ] {
            fs::write(folder.join(name), "x").unwrap();
        }
        let newest_on = |on| newest_name(folder, day(on));
        assert_eq!(newest_on("2026-12-31").as_deref(), Some("2026-11-26-10.md"));
        assert_eq!(newest_on("2026-11-25").as_deref(), Some("2026-11-25-99.md"));
        assert_eq!(newest_on("2026-11-24"), None);
        assert_eq!(newest_on("9999-12-31").as_deref(), Some("9999-12-31-1.md"));
        assert_eq!(
            newest_name(&folder.join("missing"), day("2026-12-31")),
            None
        );
    }

    #[test]
    fn newest_reads_one_file_and_skips_what_cannot_be_an_entry() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal");
        save(&journal, "respect", day("2026-11-20"), "older").unwrap();
        save(&journal, "respect", day("2026-11-26"), "newer").unwrap();
        let newest_of = |on| newest(&journal, "respect", day(on)).map(|entry| entry.text);
        assert_eq!(newest_of("2026-12-31").as_deref(), Some("newer\n"));
        assert_eq!(newest_of("2026-11-25").as_deref(), Some("older\n"));
        assert_eq!(newest_of("2026-11-19"), None);
        // A folder and a non-UTF-8 file where the newest entries would be.
        fs::create_dir(journal.join("respect/2026-12-01-1.md")).unwrap();
        fs::write(journal.join("respect/2026-12-02-1.md"), b"\xff\xfe").unwrap();
        assert_eq!(newest_of("2026-12-31").as_deref(), Some("newer\n"));
    }

    #[test]
    fn saved_entries_are_private_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal");
        let first = save(&journal, "respect", day("2026-11-26"), "one")
            .unwrap()
            .path;
        let second = save(&journal, "respect", day("2026-11-26"), "two")
            .unwrap()
            .path;
        assert_ne!(first, second);
        assert_eq!(fs::read_to_string(&first).unwrap(), "one\n");
        assert_eq!(fs::read_to_string(&second).unwrap(), "two\n");
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&journal), 0o700);
        assert_eq!(mode(&journal.join("respect")), 0o700);
        assert_eq!(mode(&first), 0o600);
        let left: Vec<_> = fs::read_dir(journal.join("respect"))
            .unwrap()
            .flatten()
            .map(|item| item.file_name())
            .collect();
        assert_eq!(left.len(), 2, "no temporary file is left: {left:?}");
    }

    #[test]
    fn a_name_taken_since_the_listing_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        fs::write(folder.join("2026-11-26-1.md"), "taken meanwhile\n").unwrap();
        let temporary = folder.join(".new.tmp");
        fs::write(&temporary, "mine\n").unwrap();
        // As if the listing was made before the other writer's entry.
        let (sequence, path) = link_after(folder, &temporary, day("2026-11-26"), 0).unwrap();
        assert_eq!(sequence, 2);
        assert_eq!(path, folder.join("2026-11-26-2.md"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine\n");
        assert_eq!(
            fs::read_to_string(folder.join("2026-11-26-1.md")).unwrap(),
            "taken meanwhile\n"
        );
    }

    /// Long runs of multibyte text beside long runs of blanks, the text
    /// that breaks trimming and line handling.
    fn awkward_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[😀🎉❤]{1,40}",
            "[абвгдеж]{1,40}",
            "[漢字仮名]{1,40}",
            "[ \t]{1,60}",
            "\n{1,4}",
            "[a-z;#]{1,10}",
        ];
        prop::collection::vec(piece, 1..12).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn what_is_saved_is_read_back_as_kept(text in awkward_text()) {
            let kept = tidy(&text);
            prop_assume!(!kept.is_empty());
            let dir = tempfile::tempdir().unwrap();
            let journal = dir.path().join("journal");
            for date in [day("0001-01-01"), day("9999-12-31")] {
                save(&journal, "respect", date, &kept).unwrap();
                let entry = newest(&journal, "respect", date).unwrap();
                prop_assert_eq!(entry.date, date);
                prop_assert_eq!(tidy(&entry.text), kept.clone());
                prop_assert!(!entry.first_line().trim().is_empty());
            }
        }
    }
}
