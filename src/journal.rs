//! The journal: what the user wrote in answer to a tip, kept as plain
//! Markdown files that can be read, grepped and backed up without `tips`.
//!
//! Layout: one folder per tip slug, one file per entry, named by the day it
//! is about and a number that counts that day's entries across the whole
//! journal, so that the names alone give the order of writing:
//!
//! ```text
//! $XDG_DATA_HOME/tips/journal/respect/2026-11-26-1.md
//! $XDG_DATA_HOME/tips/journal/listen/2026-11-26-2.md
//! $XDG_DATA_HOME/tips/journal/respect/2026-11-26-3.md
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
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::dates;
use crate::files::{self, in_the_way_of, InTheWay, Unread};

/// An entry is a few paragraphs; a file far larger is not one, and is
/// passed over rather than read.
pub const MAX_ENTRY_BYTES: u64 = 256 * 1024;

/// One entry of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The day the entry is about (`--date`, else today).
    pub date: NaiveDate,
    /// Entries are numbered per day across the journal: the second entry
    /// written on a day is 2, whatever its tip, and so on.
    pub sequence: u64,
    pub slug: String,
    pub text: String,
    pub path: PathBuf,
    /// When the file was last changed, where it was looked at: only to
    /// order entries whose names do not (see [`entries`]).
    pub written: Option<std::time::SystemTime>,
}

impl Entry {
    /// A glimpse of the entry ("Last time", `--oneline`, the login line):
    /// its lines that hold the reader's own words. Blank lines are left
    /// out, and so is each quoted block that is one of the tip's
    /// `prompts`, as the editor's draft keeps them above their answers,
    /// unless the entry holds nothing else; a quote of the reader's own
    /// stays. The entry as written is `text`.
    pub fn glimpse(&self, prompts: &[impl AsRef<str>]) -> Glimpse<'_> {
        let filled_lines = || {
            self.text
                .lines()
                .map(str::trim_end)
                .filter(|line| !line.trim().is_empty())
        };
        // Most entries quote nothing: at login, no more than a look.
        if !filled_lines().any(is_quoted) {
            return Glimpse {
                lines: filled_lines().collect(),
                leaves_out: false,
            };
        }
        let mut filled = Vec::new();
        let mut own = Vec::new();
        let lines: Vec<&str> = self.text.lines().map(str::trim_end).collect();
        let mut at = 0;
        while at < lines.len() {
            // A quoted block runs to the first line that is not quoted.
            let quote = lines[at..]
                .iter()
                .take_while(|line| is_quoted(line))
                .count();
            let block = &lines[at..at + quote.max(1)];
            let a_prompt = quote > 0 && is_one_of(block, prompts);
            for line in block.iter().filter(|line| !line.trim().is_empty()) {
                filled.push(*line);
                if !a_prompt {
                    own.push(*line);
                }
            }
            at += quote.max(1);
        }
        let leaves_out = !own.is_empty() && own.len() < filled.len();
        Glimpse {
            lines: if own.is_empty() { filled } else { own },
            leaves_out,
        }
    }
}

/// What a glimpse shows of an entry.
pub struct Glimpse<'e> {
    pub lines: Vec<&'e str>,
    /// Whether prompts were left out of `lines`.
    pub leaves_out: bool,
}

impl Glimpse<'_> {
    pub fn first_line(&self) -> &str {
        self.lines.first().copied().unwrap_or_default()
    }
}

/// A Markdown block quote's line: `>` after at most three spaces.
fn is_quoted(line: &str) -> bool {
    let text = line.trim_start_matches(' ');
    line.len() - text.len() <= 3 && text.starts_with('>')
}

/// Whether a quoted block says one of `prompts`, word for word, as the
/// draft quotes them (made visible, wrapped over `> ` lines).
fn is_one_of(block: &[&str], prompts: &[impl AsRef<str>]) -> bool {
    let quoted: Vec<&str> = block
        .iter()
        .flat_map(|line| line.trim_start().trim_start_matches('>').split_whitespace())
        .collect();
    prompts.iter().any(|prompt| {
        let shown = crate::untrusted::visible(prompt.as_ref());
        shown.split_whitespace().eq(quoted.iter().copied())
    })
}

/// `2026-11-26-3.md`.
fn entry_name(date: NaiveDate, sequence: u64) -> String {
    format!("{}-{sequence}.md", dates::iso(date))
}

/// The day and number of an entry's file name, or `None` for a name that
/// is not an entry's. The one reader of names: the quick look for the
/// newest entry and every listing both ask it, so they cannot disagree on
/// what is an entry or which is newer.
fn parse_entry_name(name: &[u8]) -> Option<(NaiveDate, u64)> {
    let stem = name.strip_suffix(b".md")?;
    let (date, sequence) = (stem.get(..10)?, stem.get(10..)?);
    let sequence = sequence.strip_prefix(b"-")?;
    // Digits only, and no leading zero: one number has one name.
    if sequence.first().is_none_or(|first| *first == b'0') {
        return None;
    }
    // Checked: a number past the widest integer is no name `tips` wrote,
    // and must not wrap round to look like a small one.
    let sequence = sequence.iter().try_fold(0u64, |number, byte| {
        let digit = byte.checked_sub(b'0').filter(|digit| *digit < 10)?;
        number.checked_mul(10)?.checked_add(u64::from(digit))
    })?;
    let date = dates::parse_date(std::str::from_utf8(date).ok()?).ok()?;
    Some((date, sequence))
}

/// The names of the entries in one tip's folder, as `(date, sequence,
/// file name)`, in no particular order.
fn entry_names(folder: &Path) -> io::Result<Vec<(NaiveDate, u64, String)>> {
    let mut names = Vec::new();
    each_name(folder, |name| {
        if let Some((date, sequence)) = parse_entry_name(name) {
            // An entry's name is ASCII, as its parse showed.
            names.push((date, sequence, String::from_utf8_lossy(name).into_owned()));
        }
    })?;
    Ok(names)
}

/// The newest entry of a tip dated `on_or_before` or earlier (so that
/// `--date` in the past does not show what was written later). Opens one
/// file, unless that one cannot be read as an entry (a FIFO, a folder, a
/// huge or non-UTF-8 file), in which case the next newest is tried.
pub fn newest(journal: &Path, slug: &str, on_or_before: NaiveDate) -> Option<Entry> {
    let folder = journal.join(slug);
    let name = newest_name(&folder, on_or_before)?;
    let fast = parse_entry_name(name.as_bytes())
        .and_then(|(date, sequence)| readable_entry(&folder, slug, date, sequence, &name));
    // The newest name is nearly always a readable entry; where it is not,
    // the whole folder is sorted and tried in order.
    fast.or_else(|| newest_readable(&folder, slug, on_or_before))
}

fn newest_readable(folder: &Path, slug: &str, on_or_before: NaiveDate) -> Option<Entry> {
    let mut names = entry_names(folder).ok()?;
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
    sequence: u64,
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
        written: None,
    })
}

/// The longest name [`parse_entry_name`] takes: `YYYY-MM-DD-` (11 bytes),
/// the twenty digits of the largest number, `.md`.
const LONGEST_NAME: usize = 11 + 20 + 3;

/// The name of the newest entry in a folder dated `on_or_before` or
/// earlier, found in one pass over its listing. A login pays for every
/// name in the folder, so nothing is allocated per name, and a name whose
/// first ten bytes (an entry's day, whose bytes sort as its days do) sort
/// before the best so far is passed over before it is read in full. What
/// is an entry, and which of two is newer, is [`parse_entry_name`]'s
/// answer alone.
fn newest_name(folder: &Path, on_or_before: NaiveDate) -> Option<String> {
    let mut best: Option<(NaiveDate, u64)> = None;
    let mut best_name = [0u8; LONGEST_NAME];
    let mut best_len = 0;
    each_name(folder, |name| {
        if best.is_some() && name.get(..10).is_none_or(|day| day < &best_name[..10]) {
            return;
        }
        let Some(key) = parse_entry_name(name) else {
            return;
        };
        if key.0 <= on_or_before && best.is_none_or(|best| key > best) {
            best = Some(key);
            best_name[..name.len()].copy_from_slice(name);
            best_len = name.len();
        }
    })
    .ok()?;
    best.map(|_| String::from_utf8_lossy(&best_name[..best_len]).into_owned())
}

/// Hands every name in a folder to `visit`, read from the kernel's listing
/// into one buffer on the stack, so that no name is copied into an
/// allocation of its own (`std::fs::read_dir` makes one per name, which a
/// folder of a thousand entries turns into a large part of a login).
fn each_name(folder: &Path, mut visit: impl FnMut(&[u8])) -> io::Result<()> {
    use rustix::fs::{Mode, OFlags, RawDir};
    // O_NONBLOCK, so that a FIFO where a folder should be cannot hang a
    // login; O_DIRECTORY refuses it at once.
    let dir = rustix::fs::open(
        folder,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    let mut buffer = [std::mem::MaybeUninit::<u8>::uninit(); 16 * 1024];
    let mut listing = RawDir::new(&dir, &mut buffer);
    while let Some(item) = listing.next() {
        visit(item?.file_name().to_bytes());
    }
    Ok(())
}

/// What a listing of the journal found: every readable entry, newest
/// first, and what it could not show.
#[derive(Debug, Default)]
pub struct Listing {
    pub entries: Vec<Entry>,
    /// Files named like entries that cannot be shown (a FIFO, a folder, a
    /// file too large or not UTF-8: an entry edited or restored badly),
    /// and what stands where a tip's folder belongs but is not a folder.
    /// They are named, never passed over in silence: the user wrote them.
    pub unshown: Vec<Unshown>,
}

/// Something in the journal that looks like the user's writing and cannot
/// be shown, and why.
#[derive(Debug, PartialEq, Eq)]
pub struct Unshown {
    pub path: PathBuf,
    pub why: String,
}

/// Every readable entry, newest first (see [`newest_first`]); of one tip
/// where `slug` is given, and from `since` on where that is given. Folders
/// whose names are not slugs are passed over; what is named like an entry,
/// or stands where a tip's folder belongs, and cannot be shown is in the
/// listing's `unshown`. A journal, a tip's folder or an entry that is
/// there but may not be read is an error that names it: a journal restored
/// with the wrong owner must not look empty.
pub fn entries(
    journal: &Path,
    slug: Option<&str>,
    since: Option<NaiveDate>,
) -> io::Result<Listing> {
    let slugs: Vec<String> = match slug {
        Some(slug) => vec![slug.to_string()],
        None => match tip_folders(journal) {
            Ok(slugs) => slugs,
            // No journal yet, unless something on its way stands where a
            // folder belongs (a link to a drive not mounted): that is
            // named, as a journal that cannot be read now.
            Err(error) if error.kind() == io::ErrorKind::NotFound => match in_the_way_of(journal) {
                Some(in_the_way) => return Err(in_the_way_error(&in_the_way)),
                None => Vec::new(),
            },
            Err(error) => return Err(naming(journal, error)),
        },
    };
    if slug.is_some() {
        if let Some(in_the_way) = in_the_way_of(journal) {
            return Err(in_the_way_error(&in_the_way));
        }
    }
    let mut listing = Listing::default();
    for slug in slugs {
        let folder = journal.join(&slug);
        let names = match entry_names(&folder) {
            Ok(names) => names,
            // A link to a folder that is not there (a drive not mounted)
            // holds entries that cannot be shown now.
            Err(error) if error.kind() == io::ErrorKind::NotFound && is_link(&folder) => {
                listing.unshown.push(Unshown {
                    why: leads_nowhere(&folder),
                    path: folder,
                });
                continue;
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            // A file, a FIFO or anything else where a tip's folder belongs
            // holds no entries, and is named; so is a folder that cannot
            // be listed (the wrong owner, a link that leads to itself),
            // and the other tips' entries are still shown.
            Err(error) => {
                let why = if error.raw_os_error() == Some(libc::ENOTDIR) {
                    let what = fs::metadata(&folder)
                        .or_else(|_| fs::symlink_metadata(&folder))
                        .map_or("not a folder", |metadata| {
                            files::kind_of(metadata.file_type())
                        });
                    format!("{what}, where the folder of {slug}'s entries belongs")
                } else {
                    error.to_string()
                };
                listing.unshown.push(Unshown { why, path: folder });
                continue;
            }
        };
        for (date, sequence, name) in names {
            if since.is_some_and(|since| date < since) {
                continue;
            }
            let path = folder.join(name);
            match read_entry(&path) {
                Ok(text) => listing.entries.push(Entry {
                    date,
                    sequence,
                    slug: slug.clone(),
                    text,
                    written: fs::metadata(&path).and_then(|meta| meta.modified()).ok(),
                    path,
                }),
                Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
                    return Err(naming(&path, error))
                }
                Err(error) => listing.unshown.push(Unshown {
                    path,
                    why: error.to_string(),
                }),
            }
        }
    }
    listing.entries.sort_by(newest_first);
    // Named in the same order on every file system.
    listing.unshown.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(listing)
}

/// The order of writing, newest first. Entries are numbered per day
/// across the whole journal, so the day and the number order them, and the
/// order survives a copy, a backup and a `git clone` of the journal. Where
/// two entries share a day and a number (a journal from before numbers ran
/// across tips, or two tips saved at the same instant), the later file
/// comes first, then the tips by slug.
fn newest_first(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    (b.date, b.sequence, b.written)
        .cmp(&(a.date, a.sequence, a.written))
        .then_with(|| a.slug.cmp(&b.slug))
}

/// Whether `name` is a slug with something in the journal where its
/// folder belongs: a tip's entries outlive the playbook that had the tip.
pub fn has_folder(journal: &Path, name: &str) -> bool {
    crate::schema::check_slug_shape(name).is_ok()
        && fs::symlink_metadata(journal.join(name)).is_ok()
}

/// The slugs that have a folder in the journal (names that are not slugs,
/// such as the drafts folder, are passed over).
fn tip_folders(journal: &Path) -> io::Result<Vec<String>> {
    let mut slugs = Vec::new();
    each_name(journal, |name| {
        if let Ok(name) = std::str::from_utf8(name) {
            if crate::schema::check_slug_shape(name).is_ok() {
                slugs.push(name.to_string());
            }
        }
    })?;
    Ok(slugs)
}

/// The error for what stands in the way of the journal's folders.
fn in_the_way_error(in_the_way: &InTheWay) -> io::Error {
    match in_the_way {
        InTheWay::LinkToNothing(link) => {
            let why = fs::metadata(link)
                .err()
                .unwrap_or_else(|| io::Error::from_raw_os_error(libc::ENOENT));
            naming(link, why)
        }
        InTheWay::NotAFolder(path) => naming(path, io::Error::from_raw_os_error(libc::ENOTDIR)),
    }
}

/// Whether `path` is a link (to something there or not).
fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_symlink())
}

/// What a link to nothing is, said after its path.
fn leads_nowhere(link: &Path) -> String {
    let target =
        fs::read_link(link).map_or_else(|_| "?".to_string(), |target| target.display().to_string());
    format!("a link to {target}, which is not there")
}

/// An error that says which file or folder it is about.
fn naming(path: &Path, error: io::Error) -> io::Error {
    let why = match error.raw_os_error() {
        Some(libc::ENOTDIR) => "not a folder".to_string(),
        Some(libc::ELOOP) => "a link that leads round in a loop".to_string(),
        Some(libc::ENOENT) if is_link(path) => leads_nowhere(path),
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

/// Permission bits that let anyone but the owner in.
const OPEN_TO_OTHERS: u32 = 0o077;

/// Creates a private folder (mode 0700), and any parents it lacks, which
/// are made private too: whatever the umask, nothing `tips` creates on the
/// way to the journal can be read by others (the XDG rules ask the same
/// of `$XDG_DATA_HOME`). A folder that is there already but open to others
/// is made private where it is the user's own; one that belongs to
/// someone else is left alone, and [`open_to_others`] names it.
pub(crate) fn private_folder(path: &Path) -> io::Result<()> {
    match DirBuilder::new().recursive(true).mode(0o700).create(path) {
        Ok(()) if path.is_dir() => {
            make_private(path);
            Ok(())
        }
        Ok(()) => Err(not_a_folder(path)),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(not_a_folder(path)),
        Err(error) => Err(error),
    }
}

fn not_a_folder(path: &Path) -> io::Error {
    let what = match in_the_way_of(path) {
        Some(in_the_way) => in_the_way.to_string(),
        None => format!("{} is there, and is not a folder", path.display()),
    };
    io::Error::new(io::ErrorKind::AlreadyExists, what)
}

/// Takes away what others may do in one of the user's own folders. Best
/// effort: where it cannot, the folder is named by [`open_to_others`]. A
/// link is never followed: the folder it points to (a shared one, `/tmp`)
/// is not the journal's to change.
fn make_private(folder: &Path) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(opened) = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(folder)
    else {
        return;
    };
    let Ok(metadata) = opened.metadata() else {
        return;
    };
    if metadata.mode() & OPEN_TO_OTHERS != 0
        && metadata.uid() == rustix::process::geteuid().as_raw()
    {
        // Through the open folder, not its name: what is changed is what
        // was looked at.
        let _ = opened.set_permissions(fs::Permissions::from_mode(0o700));
    }
}

/// A folder of the journal that is not private to the user: others may
/// read or write it, or it belongs to someone else.
#[derive(Debug, PartialEq, Eq)]
pub struct OpenFolder {
    pub path: PathBuf,
    /// The user's own, so the next save makes it private; else it belongs
    /// to someone else, and `tips` leaves it as it is.
    pub yours: bool,
    /// Whether others than its owner may read or write it.
    pub open: bool,
    /// A link to the folder: `tips` never changes the mode of what a link
    /// points to, so it stays as it is.
    pub linked: bool,
}

impl OpenFolder {
    /// Whether the next save makes it private.
    pub fn will_be_made_private(&self) -> bool {
        self.yours && !self.linked
    }
}

/// The first of the folders `tips` keeps the journal in (the `tips` data
/// folder, the journal, each tip's folder and the drafts) that is not
/// private to the user; `None` where every one that exists is.
pub fn open_to_others(journal: &Path) -> Option<OpenFolder> {
    use std::os::unix::fs::MetadataExt;
    let mut folders: Vec<PathBuf> = journal
        .parent()
        .into_iter()
        .map(Path::to_path_buf)
        .collect();
    folders.push(journal.to_path_buf());
    let _ = each_name(journal, |name| {
        if !matches!(name, b"." | b"..") {
            folders.push(journal.join(std::ffi::OsStr::from_bytes(name)));
        }
    });
    let me = rustix::process::geteuid().as_raw();
    folders.into_iter().find_map(|path| {
        let metadata = fs::metadata(&path).ok()?;
        let open = metadata.mode() & OPEN_TO_OTHERS != 0;
        let yours = metadata.uid() == me;
        let linked = is_link(&path);
        (metadata.is_dir() && (open || !yours)).then_some(OpenFolder {
            path,
            yours,
            open,
            linked,
        })
    })
}

/// Writes a new private file (mode 0600) that must not exist yet, and is
/// not followed where it is a link. A file that could not be written whole
/// (a full disk) is removed, so that nothing half-made is left behind.
pub(crate) fn write_new_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .mode(0o600)
        .open(path)?;
    let written = file.write_all(contents).and_then(|()| file.sync_all());
    if written.is_err() {
        let _ = fs::remove_file(path);
    }
    written
}

/// Keeps `text` as a new entry of `slug` on `date`, and gives it back as
/// kept.
///
/// The text is written to a temporary file first and then linked into
/// place under the day's next free number, counted across the whole
/// journal so that the names order the day's writing; a link, unlike a
/// rename, refuses a name that exists, so two writers that pick the same
/// number at once cannot overwrite each other: the loser takes the next.
/// A reader sees no entry or a whole one, never half a file, and the
/// temporary file is gone whatever fails.
pub fn save(journal: &Path, slug: &str, date: NaiveDate, text: &str) -> io::Result<Entry> {
    // An entry is only ever kept where it can be read back and shown.
    if text.trim_end().len() as u64 + 1 > MAX_ENTRY_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("the entry is over {} KiB", MAX_ENTRY_BYTES / 1024),
        ));
    }
    if let Some(data) = journal.parent() {
        private_folder(data)?;
    }
    private_folder(journal)?;
    let folder = journal.join(slug);
    private_folder(&folder)?;
    let temporary = folder.join(format!(".new-{}-{}.tmp", std::process::id(), nanos_now()));
    let mut contents = text.trim_end().to_string();
    contents.push('\n');
    write_new_private(&temporary, contents.as_bytes())?;
    let linked = newest_number_on(journal, date)
        .and_then(|newest| link_after(&folder, &temporary, date, newest));
    let _ = fs::remove_file(&temporary);
    let (sequence, path) = linked?;
    Ok(Entry {
        date,
        sequence,
        slug: slug.to_string(),
        text: contents,
        path,
        written: None,
    })
}

/// The largest number an entry of `date` has in any tip's folder, or 0.
fn newest_number_on(journal: &Path, date: NaiveDate) -> io::Result<u64> {
    let mut newest = 0;
    for slug in tip_folders(journal)? {
        match entry_names(&journal.join(slug)) {
            Ok(names) => {
                let on_the_day = names.iter().filter(|(day, _, _)| *day == date);
                newest = on_the_day
                    .map(|(_, number, _)| *number)
                    .fold(newest, u64::max);
            }
            Err(error) if error.raw_os_error() == Some(libc::ENOTDIR) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(newest)
}

/// Links the temporary file in as the entry of `date` with the first free
/// number after `sequence`, and gives that number and the path. The
/// listing that gave `sequence` may be stale by now, as another writer may
/// have taken the next number.
fn link_after(
    folder: &Path,
    temporary: &Path,
    date: NaiveDate,
    mut sequence: u64,
) -> io::Result<(u64, PathBuf)> {
    // Each attempt that loses a race moves on by one; a thousand writers
    // at once on one day would be a strange journal indeed.
    for _ in 0..1000 {
        sequence = sequence.checked_add(1).ok_or_else(|| {
            io::Error::other(format!(
                "no entry can follow {} in the journal: its number is the largest there is; \
                 rename that file (entries of a day are numbered from 1 in the order written)",
                entry_name(date, sequence)
            ))
        })?;
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
        for (date, sequence) in [
            ("2026-11-26", 1),
            ("0001-01-01", 7),
            ("9999-12-31", 4096),
            ("2027-02-10", u64::from(u32::MAX) + 1),
            ("2027-02-10", u64::MAX),
        ] {
            let name = entry_name(day(date), sequence);
            assert_eq!(
                parse_entry_name(name.as_bytes()),
                Some((day(date), sequence))
            );
        }
        for stranger in [
            "2026-11-26.md",
            // The character after 9, and the one before 0.
            "2026-11-26-1:.md",
            "2026-11-26-:.md",
            "2026-11-26-1/.md",
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
            "2026-11-26-18446744073709551616.md",
            "2026-11-26-99999999999999999999.md",
            "2026-11-26-١.md",
        ] {
            assert_eq!(parse_entry_name(stranger.as_bytes()), None, "{stranger}");
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
    fn the_number_after_the_largest_is_a_clear_error_not_a_wrapped_name() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal");
        let folder = journal.join("respect");
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join(entry_name(day("2027-02-10"), u64::MAX)), "x").unwrap();
        let error = save(&journal, "respect", day("2027-02-10"), "more").unwrap_err();
        assert!(error.to_string().contains("largest there is"), "{error}");
        let left: Vec<_> = fs::read_dir(&folder).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "nothing else is written: {left:?}");
        // Other days go on as before.
        let other = save(&journal, "respect", day("2027-02-11"), "next day").unwrap();
        assert_eq!(other.sequence, 1);
    }

    #[test]
    fn numbers_run_across_the_tips_of_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal");
        let on = day("2027-02-10");
        let saved: Vec<u64> = ["listen", "respect", "homework", "respect"]
            .into_iter()
            .map(|slug| save(&journal, slug, on, slug).unwrap().sequence)
            .collect();
        assert_eq!(saved, [1, 2, 3, 4]);
        let order: Vec<u64> = entries(&journal, None, None)
            .unwrap()
            .entries
            .iter()
            .map(|entry| entry.sequence)
            .collect();
        assert_eq!(order, [4, 3, 2, 1]);
    }

    /// Names a tip's folder may hold: entries with numbers of any width up
    /// to twenty digits, and strangers that look nearly like them.
    fn folder_name() -> impl Strategy<Value = String> {
        let day = prop_oneof![
            Just("2027-02-10"),
            Just("2027-02-09"),
            Just("2027-02-11"),
            Just("0001-01-01"),
            Just("9999-12-31"),
            Just("2027-02-30"),
        ];
        let number = prop_oneof![
            "[1-9][0-9]{0,3}",
            "[1-9][0-9]{8,10}",
            "[1-9][0-9]{18,19}",
            "0[0-9]{0,3}",
            Just(String::new()),
        ];
        let end = prop_oneof![Just(".md"), Just(".md~"), Just(".txt"), Just("")];
        let entry =
            (day, number, end).prop_map(|(day, number, end)| format!("{day}-{number}{end}"));
        prop_oneof![
            8 => entry,
            1 => "[a-z0-9][a-z.0-9-]{0,19}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn the_quick_look_and_the_sorted_list_agree_on_the_newest(
            names in prop::collection::hash_set(folder_name(), 0..24),
            limit in prop_oneof![Just("2027-02-10"), Just("2027-02-09"), Just("9999-12-31")],
        ) {
            let dir = tempfile::tempdir().unwrap();
            for name in &names {
                fs::write(dir.path().join(name), "x").unwrap();
            }
            let mut listed = entry_names(dir.path()).unwrap();
            listed.retain(|(date, _, _)| *date <= day(limit));
            listed.sort_unstable_by_key(|(date, sequence, _)| Reverse((*date, *sequence)));
            let sorted = listed.first().map(|(_, _, name)| name.clone());
            prop_assert_eq!(newest_name(dir.path(), day(limit)), sorted);
        }
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

    /// An entry of exactly the limit (its final line break included) is
    /// kept and read back; one byte more is refused before anything is
    /// written.
    #[test]
    fn the_entry_limit_is_exact() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal");
        let on = day("2027-02-10");
        let limit = usize::try_from(MAX_ENTRY_BYTES).unwrap();
        let longest = "x".repeat(limit - 1);
        let saved = save(&journal, "respect", on, &longest).unwrap();
        assert_eq!(fs::metadata(&saved.path).unwrap().len(), MAX_ENTRY_BYTES);
        let listed = entries(&journal, Some("respect"), None).unwrap();
        assert_eq!(listed.entries.len(), 1);
        assert!(listed.unshown.is_empty());
        assert_eq!(newest(&journal, "respect", on).unwrap().text.len(), limit);
        let error = save(&journal, "respect", on, &"x".repeat(limit)).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(entry_names(&journal.join("respect")).unwrap().len(), 1);
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
                prop_assert!(!entry.glimpse(&[] as &[&str]).first_line().trim().is_empty());
            }
        }
    }
}
