//! The tips in force as a static web site: what its files hold
//! ([`build`]), and how they are put into a folder that may hold other
//! people's files too ([`publish`]).
//!
//! The pages use no script and fetch nothing from elsewhere, and every
//! link is relative, so that the folder works from `file://`, behind any
//! web server and offline.
//!
//! The folder may be someone's `~/public_html`. A manifest (`.tips-site`)
//! lists each file the site wrote with its length and a hash of its
//! contents; a file is replaced or removed only while it is listed and
//! still exactly as it was written. Anything else in the way is refused,
//! all of it named in one line, and nothing is written at all. Each file is
//! written under a temporary name in its own folder and then moved into
//! place, pages before the index that links them, so that a web server
//! reading the folder meanwhile serves the old page or the new one, never
//! a missing or half-written one. Runs on one folder take turns.

use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};
use std::ffi::CStr;
use std::fmt::{self, Write as _};
use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{self, Write as _};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};

use crate::dates;
use crate::feed;
use crate::files::{self, Unread};
use crate::ics;
use crate::markup::{escape, tip_html, tip_page_path, FEED_FILE, INDEX_PAGE, TIP_PAGE_DIR};
use crate::schedule::{self, Day, SEASON_DAYS, VALENTINES_GREETING};
use crate::signals;
use crate::tip::{Tip, TipSet};

/// The name of the site, in every page's title and header.
const SITE_NAME: &str = "Romantic Sales tips";

/// The manifest of what the site wrote into a folder.
const MANIFEST: &str = ".tips-site";

/// The manifest's first line: a manifest without it is not the site's.
const MANIFEST_HEAD: &str = "# Written by tips site: the files it wrote here. It replaces or \
                             removes a file only while it is listed and as it was written.";

/// The calendar and the stylesheet, at the root of the site.
const CALENDAR: &str = "season.ics";
const STYLESHEET: &str = "style.css";

/// One file of the site: its path from the site's root (`/` between
/// folders) and what it holds.
pub struct SiteFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// Every file of the site for `today`: the index, a page per tip, the
/// feed, the season as a calendar and the stylesheet. `stamp` is when the
/// calendar is made.
pub fn build(
    tips: &TipSet,
    today: NaiveDate,
    base_url: Option<&str>,
    stamp: DateTime<Utc>,
) -> Vec<SiteFile> {
    let season = season(tips, today);
    let mut site = Vec::with_capacity(tips.all().len() + 4);
    site.push(SiteFile {
        path: INDEX_PAGE.to_string(),
        contents: index(tips, today, season.is_some()).into_bytes(),
    });
    for tip in tips.all() {
        site.push(SiteFile {
            path: tip_page_path(&tip.slug),
            contents: tip_page(tip).into_bytes(),
        });
    }
    let mut atom = Vec::new();
    feed::atom(&mut atom, tips, today, feed::DEFAULT_DAYS, base_url).expect("writing into memory");
    site.push(SiteFile {
        path: FEED_FILE.to_string(),
        contents: atom,
    });
    if let Some(days) = season {
        site.push(SiteFile {
            path: CALENDAR.to_string(),
            contents: ics::parts(&days, None, stamp)
                .collect::<String>()
                .into_bytes(),
        });
    }
    site.push(SiteFile {
        path: STYLESHEET.to_string(),
        contents: STYLE.as_bytes().to_vec(),
    });
    site
}

/// The season that has not ended yet, as `tips calendar` writes it; none
/// where it would run past the last day a calendar file can hold.
fn season(tips: &TipSet, today: NaiveDate) -> Option<Vec<Day<'_>>> {
    let days = schedule::days_from(schedule::season_start(today), SEASON_DAYS, tips);
    days.last()
        .is_some_and(|last| last.date <= ics::last_day())
        .then_some(days)
}

/// `Tip 7 · Respect`, escaped.
fn tip_name(tip: &Tip) -> String {
    format!("Tip {} · {}", tip.number, escape(&tip.title))
}

fn index(tips: &TipSet, today: NaiveDate, with_calendar: bool) -> String {
    let tip = schedule::tip_for(today, tips);
    let mut main = String::new();
    let _ = write!(
        main,
        "<h1>{SITE_NAME}</h1>\n\
         <section class=\"today\" aria-labelledby=\"today\">\n\
         <p class=\"when\">The tip of {}</p>\n",
        dates::long(today)
    );
    if schedule::is_valentines_day(today) {
        let _ = writeln!(main, "<p class=\"greeting\">{VALENTINES_GREETING}</p>");
    }
    let _ = write!(
        main,
        "<h2 id=\"today\">{}</h2>\n{}<p class=\"page-link\"><a href=\"{}\">{} on a page of its own</a>, to print or to share</p>\n</section>\n",
        tip_name(tip),
        tip_html(tip, 3),
        tip_page_path(&tip.slug),
        escape(&tip.title),
    );
    main.push_str(
        "<section aria-labelledby=\"every-tip\">\n<h2 id=\"every-tip\">Every tip</h2>\n<ul class=\"tips\">\n",
    );
    for tip in tips.all() {
        let _ = write!(
            main,
            "<li><a href=\"{}\">{}</a>",
            tip_page_path(&tip.slug),
            tip_name(tip)
        );
        if let Some(tagline) = &tip.tagline {
            let _ = write!(main, "<span class=\"gist\">{}</span>", escape(tagline));
        }
        main.push_str("</li>\n");
    }
    main.push_str("</ul>\n</section>\n");
    main.push_str(
        "<section aria-labelledby=\"follow\">\n<h2 id=\"follow\">Every day, where you already look</h2>\n<ul>\n",
    );
    let _ = writeln!(
        main,
        "<li><a href=\"{FEED_FILE}\">The tip of the day as a feed</a> (Atom), for a team's chat channel or a feed reader</li>"
    );
    if with_calendar {
        let _ = writeln!(
            main,
            "<li><a href=\"{CALENDAR}\" type=\"text/calendar\">The season as a calendar file</a>: a tip a day from 4 to 14 February, to import into a calendar program</li>"
        );
    }
    main.push_str("</ul>\n</section>\n");
    page("", SITE_NAME, &main, Some(today))
}

fn tip_page(tip: &Tip) -> String {
    let name = tip_name(tip);
    let main = format!("<h1>{name}</h1>\n{}", tip_html(tip, 2));
    page("../", &name, &main, None)
}

/// A whole page around `main`. `root` leads from the page back to the
/// site's root (`""` or `"../"`); `written` is the day the index is for (a
/// tip's page is the same every day).
fn page(root: &str, title: &str, main: &str, written: Option<NaiveDate>) -> String {
    let mut html = String::with_capacity(main.len() + 1200);
    let title = if title == SITE_NAME {
        SITE_NAME.to_string()
    } else {
        format!("{title} – {SITE_NAME}")
    };
    let _ = write!(
        html,
        "<!DOCTYPE html>\n\
         <html lang=\"en\">\n\
         <head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"tips site\">\n\
         <title>{title}</title>\n\
         <link rel=\"stylesheet\" href=\"{root}{STYLESHEET}\">\n\
         <link rel=\"alternate\" type=\"application/atom+xml\" title=\"The tip of the day\" href=\"{root}{FEED_FILE}\">\n\
         </head>\n\
         <body>\n\
         <a class=\"skip\" href=\"#main\">Skip to the tip</a>\n"
    );
    // A tip's page leads back to the index; the index has the site's name
    // as its heading already.
    if written.is_none() {
        let _ = write!(
            html,
            "<header>\n<p class=\"site\"><a href=\"{root}{INDEX_PAGE}\">{SITE_NAME}</a></p>\n</header>\n"
        );
    }
    let _ = write!(
        html,
        "<main id=\"main\">\n{main}</main>\n\
         <footer>\n<p><a href=\"{root}{INDEX_PAGE}\">Every tip</a> · <a href=\"{root}{FEED_FILE}\">The tip of the day as a feed</a>"
    );
    if let Some(day) = written {
        let _ = write!(html, " · Written by tips for {}", dates::iso(day));
    }
    html.push_str("</p>\n</footer>\n</body>\n</html>\n");
    html
}

/// The one stylesheet: readable type, a measure that suits reading,
/// contrast beyond WCAG's AA in light and dark, long words broken rather
/// than scrolled, and a print form that fits a tip on one sheet.
const STYLE: &str = include_str!("site.css");

/// The folder named on the command line; an empty name is none at all.
pub fn parse_folder(text: &str) -> Result<PathBuf, String> {
    if text.is_empty() {
        Err(
            "the folder's name is empty: name a folder to write the site into, \
             as in tips site ~/public_html/tips"
                .to_string(),
        )
    } else if text.len() + LONGEST_INSIDE >= LONGEST_PATH {
        // Refused here too: a path that passes the system's limit would
        // fail half way through, with folders made.
        Err(format!(
            "the folder's name is {} bytes: with the names of the site's files inside it, \
             paths would pass the {LONGEST_PATH} bytes a path may have",
            text.len()
        ))
    } else if let Some(long) = Path::new(text)
        .components()
        .map(|part| part.as_os_str())
        .find(|part| part.len() > NAME_MAX)
    {
        // Refused here, before any folder on the way is made.
        Err(format!(
            "the folder's name has a part of {} bytes, longer than the {NAME_MAX} a name may have: {}…",
            long.len(),
            crate::untrusted::visible(&long.to_string_lossy().chars().take(24).collect::<String>())
        ))
    } else {
        Ok(PathBuf::from(text))
    }
}

/// What was done in the folder.
#[derive(Debug)]
pub struct Published {
    pub written: usize,
    /// Files of an earlier run no longer in the site (pages of tips no
    /// longer in force, a season's calendar), removed: paths from the
    /// site's root, sorted.
    pub removed: Vec<String>,
    /// Files of an earlier run no longer in the site that someone changed
    /// since, so they stay where they are and are no longer the site's.
    pub kept: Vec<String>,
}

/// Why the site was not (wholly) published.
#[derive(Debug)]
pub enum SiteError {
    /// The folder given is something else than a folder.
    NotAFolder(PathBuf),
    /// A manifest stands there that is not the site's.
    NotOurs(PathBuf),
    /// Files the site would write stand there and are not (or no longer)
    /// the site's.
    InTheWay(Conflicts),
    /// Another run kept the folder for longer than a run may wait.
    Busy(PathBuf),
    /// A file's name is longer than a folder can hold.
    NameTooLong(PathBuf),
    /// Reading or writing a file failed.
    Io(PathBuf, io::Error),
}

/// Every file in the way of a run, so that one refusal names them all.
#[derive(Debug)]
pub struct Conflicts {
    folder: PathBuf,
    /// Files the site would write that it did not write: paths from the
    /// site's root, in the order of the site.
    not_ours: Vec<String>,
    /// Files the site wrote and someone changed since.
    changed: Vec<String>,
    /// Whether the folder has a manifest at all.
    has_record: bool,
    /// Whether `.tips-site` is something the site did not write.
    record_not_ours: bool,
    /// Whether `tip/` is a link or a file, not a folder of its own: the
    /// pages that would go in it are then not looked at.
    tip_folder_taken: bool,
}

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SiteError::NotAFolder(path) => {
                write!(f, "{} is not a folder: give a folder for the site", path.display())
            }
            SiteError::NotOurs(path) => write!(
                f,
                "{} was not written by tips site, which leaves it alone: move it away or choose another folder",
                path.display()
            ),
            SiteError::InTheWay(conflicts) => conflicts.fmt(f),
            SiteError::Busy(path) => write!(
                f,
                "another tips site has been writing {} for {} seconds: try again when it is done",
                path.display(),
                WAIT_FOR_ANOTHER_RUN.as_secs()
            ),
            SiteError::NameTooLong(path) => write!(
                f,
                "cannot write {}: its name is longer than the {NAME_MAX} bytes a file name may have",
                path.display()
            ),
            SiteError::Io(path, error) => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

impl fmt::Display for Conflicts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut in_the_way = Vec::with_capacity(2);
        if self.tip_folder_taken {
            in_the_way.push(format!(
                "{} is a link or a file, and tips site writes the tips' pages into a folder \
                 of its own there (never through a link, which could lead out of the site)",
                self.folder.join(TIP_PAGE_DIR).display()
            ));
        }
        if self.record_not_ours {
            in_the_way.push(format!(
                "{} was not written by tips site, which leaves it alone",
                self.folder.join(MANIFEST).display()
            ));
        }
        let files = !self.not_ours.is_empty() || !self.changed.is_empty();
        for (at, sentence) in in_the_way.iter().enumerate() {
            if at > 0 {
                write!(f, "; and ")?;
            }
            write!(f, "{sentence}")?;
        }
        match (in_the_way.is_empty(), files) {
            (true, _) => self.fmt_files(f),
            (false, true) => {
                write!(f, "; and ")?;
                self.fmt_files(f)
            }
            (false, false) if in_the_way.len() == 1 => {
                write!(f, ": move it away or choose another folder")
            }
            (false, false) => write!(f, ": move them away or choose another folder"),
        }
    }
}

impl Conflicts {
    fn is_empty(&self) -> bool {
        !self.tip_folder_taken
            && !self.record_not_ours
            && self.not_ours.is_empty()
            && self.changed.is_empty()
    }

    /// The files in the way, in one sentence.
    fn fmt_files(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let folder = self.folder.display();
        match (self.not_ours.as_slice(), self.changed.as_slice()) {
            ([one], []) if self.has_record => write!(
                f,
                "{} was not written by tips site, which leaves it alone: move it away or choose another folder",
                self.folder.join(one).display()
            ),
            ([one], []) => write!(
                f,
                "{} was not written by tips site (there is no .tips-site record in {folder}), \
                 which leaves it alone: move it away or choose another folder",
                self.folder.join(one).display()
            ),
            ([], [one]) => write!(
                f,
                "{} was changed since tips site wrote it, which leaves it alone: move it away to let it be written again",
                self.folder.join(one).display()
            ),
            (not_ours, []) if !self.has_record => write!(
                f,
                "{folder} holds {} files named as tips site names its own ({}) but no .tips-site \
                 record that it wrote them, so it leaves them all alone: move them away, copy \
                 the site with its .tips-site (cp -a old/. new/), or choose another folder",
                not_ours.len(),
                first_few(not_ours)
            ),
            (not_ours, changed) => {
                let mut parts = Vec::with_capacity(2);
                if !not_ours.is_empty() {
                    parts.push(format!(
                        "{} not written by it ({})",
                        not_ours.len(),
                        first_few(not_ours)
                    ));
                }
                if !changed.is_empty() {
                    parts.push(format!(
                        "{} changed since it wrote {} ({})",
                        changed.len(),
                        if changed.len() == 1 { "it" } else { "them" },
                        first_few(changed)
                    ));
                }
                write!(
                    f,
                    "{folder} holds {} that tips site leaves alone, {}: move them away to let \
                     them be written again, or choose another folder",
                    count_of_files(not_ours.len() + changed.len()),
                    parts.join(" and ")
                )
            }
        }
    }
}

/// `1 file`, `3 files`.
pub fn count_of_files(count: usize) -> String {
    if count == 1 {
        "1 file".to_string()
    } else {
        format!("{count} files")
    }
}

/// The first three paths, and how many more: one line, however many.
pub fn first_few(paths: &[String]) -> String {
    const SHOWN: usize = 3;
    let shown: Vec<&str> = paths.iter().take(SHOWN).map(String::as_str).collect();
    match paths.len() {
        0 => String::new(),
        1 => shown[0].to_string(),
        n if n <= SHOWN => format!("{} and {}", shown[..n - 1].join(", "), shown[n - 1]),
        n => format!("{} and {} more", shown.join(", "), n - SHOWN),
    }
}

/// One line of the manifest: a file the site wrote, as it wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Written {
    path: String,
    length: u64,
    hash: u64,
}

impl Written {
    fn of(file: &SiteFile) -> Written {
        Written {
            path: file.path.clone(),
            length: file.contents.len() as u64,
            hash: fnv1a(&file.contents),
        }
    }
}

/// How long a run waits for another run writing the same folder (a run
/// takes a second or so) before it gives up with one line, so that a run
/// stopped with Ctrl-Z never holds back the next day's for good.
const WAIT_FOR_ANOTHER_RUN: std::time::Duration = std::time::Duration::from_secs(30);

/// The longest name of a file a Linux file system holds, in bytes.
const NAME_MAX: usize = 255;

/// Puts the site into `folder`, creating it where it is missing (0755 but
/// for the umask, as a web root is read by a server).
///
/// One run at a time: a run holds a lock on the folder from reading the
/// manifest to writing it last. Every file that would be replaced is
/// checked first, so a refusal writes nothing. The files are written in an
/// order that never leaves a link to a missing file: the tips' pages, then
/// the feed, the calendar and the stylesheet, the index last; files of an
/// earlier run that are no longer in the site are removed only after that.
pub fn publish(folder: &Path, site: &[SiteFile]) -> Result<Published, SiteError> {
    make_folder(folder, true)?;
    // Held until the run returns; the system lets go of it when a run is
    // killed, so nothing can leave the folder locked.
    let _one_run_at_a_time = lock(folder)?;
    let record = read_manifest(folder)?;
    let has_record = !matches!(record, Record::None);
    let record_not_ours = matches!(record, Record::NotOurs);
    let earlier = match record {
        Record::Ours(earlier) => earlier,
        Record::None | Record::NotOurs => Vec::new(),
    };
    // By path, so that the cost stays in a straight line with the tips.
    let mut listed: HashMap<&str, Vec<&Written>> = HashMap::with_capacity(earlier.len());
    for written in &earlier {
        listed
            .entry(written.path.as_str())
            .or_default()
            .push(written);
    }
    let tip_folder = folder.join(TIP_PAGE_DIR);
    let mut conflicts = Conflicts {
        folder: folder.to_path_buf(),
        not_ours: Vec::new(),
        changed: Vec::new(),
        has_record,
        record_not_ours,
        tip_folder_taken: is_taken(&tip_folder)?,
    };
    let mut replaced = Vec::with_capacity(site.len());
    for file in site {
        let full = folder.join(&file.path);
        if full.file_name().is_some_and(|name| name.len() > NAME_MAX) {
            return Err(SiteError::NameTooLong(full));
        }
        if conflicts.tip_folder_taken && is_tip_page(&file.path) {
            replaced.push(false);
            continue;
        }
        let as_written = listed
            .get(file.path.as_str())
            .map_or(&[][..], Vec::as_slice);
        match standing(&full, as_written)? {
            Standing::Free => replaced.push(false),
            Standing::Ours => replaced.push(true),
            Standing::NotOurs => conflicts.not_ours.push(file.path.clone()),
            Standing::Changed => conflicts.changed.push(file.path.clone()),
        }
    }
    if !conflicts.is_empty() {
        return Err(SiteError::InTheWay(conflicts));
    }
    make_folder(&tip_folder, false)?;
    for place in [folder, tip_folder.as_path()] {
        may_write_in(place)?;
        clear_abandoned_temporaries(place);
    }
    Temporary::remove_on_ending_signals();

    let now: Vec<Written> = site.iter().map(Written::of).collect();
    // The manifest names what is about to be written before it is, beside
    // what was there: a run cut short leaves nothing the next run would
    // take for someone else's (a listed file that is not there is free).
    let during: Vec<Written> = earlier.iter().chain(&now).cloned().collect();
    write_file(folder, MANIFEST, &manifest(&during), conflicts.has_record)?;
    let mut in_order: Vec<(&SiteFile, bool)> = site.iter().zip(replaced).collect();
    in_order.sort_by_key(|(file, _)| writing_order(&file.path));
    for (file, replace) in in_order {
        write_file(folder, &file.path, &file.contents, replace)?;
    }
    let kept_in_site: HashSet<&str> = now.iter().map(|written| written.path.as_str()).collect();
    let (mut removed, mut kept) = (Vec::new(), Vec::new());
    for (gone, as_written) in listed
        .iter()
        .filter(|(path, _)| !kept_in_site.contains(*path))
    {
        let path = folder.join(gone);
        // A folder there now is someone's own, and no file of the site's.
        if fs::symlink_metadata(&path).is_ok_and(|metadata| metadata.is_dir()) {
            continue;
        }
        // Only a file still as the site left it; one changed since is
        // someone's now, and the summary says it stayed.
        match standing(&path, as_written)? {
            Standing::Free => {}
            Standing::Ours => match fs::remove_file(&path) {
                Ok(()) => removed.push(gone.to_string()),
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(SiteError::Io(path, error)),
            },
            Standing::Changed | Standing::NotOurs => kept.push(gone.to_string()),
        }
    }
    write_file(folder, MANIFEST, &manifest(&now), true)?;
    removed.sort();
    kept.sort();
    Ok(Published {
        written: site.len(),
        removed,
        kept,
    })
}

/// The tips' pages first, then what the pages link to, the index last:
/// each file is in place before a file that links to it.
fn writing_order(path: &str) -> u8 {
    if is_tip_page(path) {
        0
    } else if path == INDEX_PAGE {
        2
    } else {
        1
    }
}

/// Whether `path` (from the site's root) is in the tips' pages' folder.
fn is_tip_page(path: &str) -> bool {
    path.strip_prefix(TIP_PAGE_DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// Waits for any other run writing `folder` (a lock on the folder itself,
/// opened as a folder: no file of the lock's is left in the site), for
/// [`WAIT_FOR_ANOTHER_RUN`] at most.
fn lock(folder: &Path) -> Result<rustix::fd::OwnedFd, SiteError> {
    use rustix::fs::{flock, open, FlockOperation, Mode, OFlags};
    let io_error = |error: rustix::io::Errno| SiteError::Io(folder.to_path_buf(), error.into());
    let opened = open(
        folder,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(io_error)?;
    let given_up_at = std::time::Instant::now() + WAIT_FOR_ANOTHER_RUN;
    loop {
        match flock(&opened, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => return Ok(opened),
            Err(rustix::io::Errno::WOULDBLOCK) if std::time::Instant::now() < given_up_at => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(rustix::io::Errno::WOULDBLOCK) => {
                return Err(SiteError::Busy(folder.to_path_buf()))
            }
            Err(error) => return Err(io_error(error)),
        }
    }
}

/// Whether something other than a folder of its own (a link, a file)
/// stands where the tips' pages go.
fn is_taken(tip_folder: &Path) -> Result<bool, SiteError> {
    match fs::symlink_metadata(tip_folder) {
        Ok(metadata) => Ok(!metadata.is_dir()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(SiteError::Io(tip_folder.to_path_buf(), error)),
    }
}

/// Refuses, before anything is written, a folder the run could not write
/// into, rather than leave the site half done.
fn may_write_in(place: &Path) -> Result<(), SiteError> {
    rustix::fs::access(
        place,
        rustix::fs::Access::WRITE_OK | rustix::fs::Access::EXEC_OK,
    )
    .map_err(|error| SiteError::Io(place.to_path_buf(), error.into()))
}

fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Makes a folder where there is none; refuses anything else that stands
/// there. The folder given on the command line may be a link to a folder
/// (a web root often is); `tip/` inside it may not, since pages written
/// through it would land outside the site.
fn make_folder(folder: &Path, may_be_a_link: bool) -> Result<(), SiteError> {
    let found = if may_be_a_link {
        fs::metadata(folder)
    } else {
        fs::symlink_metadata(folder)
    };
    match found {
        Ok(metadata) if metadata.is_dir() => Ok(()),
        Ok(_) => Err(SiteError::NotAFolder(folder.to_path_buf())),
        Err(error) if error.kind() == io::ErrorKind::NotFound && !exists(folder) => {
            DirBuilder::new()
                .recursive(true)
                .mode(0o755)
                .create(folder)
                .map_err(|error| SiteError::Io(folder.to_path_buf(), error))
        }
        // A link that leads nowhere.
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            Err(SiteError::NotAFolder(folder.to_path_buf()))
        }
        Err(error) => Err(SiteError::Io(folder.to_path_buf(), error)),
    }
}

/// What stands where the site would write a file.
enum Standing {
    /// Nothing: the file is free to be written.
    Free,
    /// A file the site wrote, as it wrote it.
    Ours,
    /// A file the site wrote, changed since.
    Changed,
    /// Something the site did not write.
    NotOurs,
}

/// What stands at `full`, given what the manifest lists for its path
/// (`as_written`).
fn standing(full: &Path, as_written: &[&Written]) -> Result<Standing, SiteError> {
    match fs::symlink_metadata(full) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(Standing::Free),
        Err(error) => Err(SiteError::Io(full.to_path_buf(), error)),
        Ok(_) if holds_one_of(full, as_written)? => Ok(Standing::Ours),
        Ok(_) if !as_written.is_empty() => Ok(Standing::Changed),
        Ok(_) => Ok(Standing::NotOurs),
    }
}

/// Whether the file at `full` is a regular file (not a link) holding what
/// one of the manifest's lines for its path says the site wrote there.
fn holds_one_of(full: &Path, as_written: &[&Written]) -> Result<bool, SiteError> {
    let Some(longest) = as_written.iter().map(|written| written.length).max() else {
        return Ok(false);
    };
    match fs::symlink_metadata(full) {
        Ok(metadata) if metadata.is_file() => {}
        Ok(_) => return Ok(false),
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(SiteError::Io(full.to_path_buf(), error)),
    }
    let bytes = match files::read_regular(full, longest) {
        Ok(bytes) => bytes,
        Err(Unread::TooLarge | Unread::NotRegular(_)) => return Ok(false),
        Err(Unread::Io(error)) => return Err(SiteError::Io(full.to_path_buf(), error)),
    };
    let (length, hash) = (bytes.len() as u64, fnv1a(&bytes));
    Ok(as_written
        .iter()
        .any(|written| written.length == length && written.hash == hash))
}

/// The files the manifest in `folder` lists; none where there is no
/// manifest. A manifest that is not the site's is refused like any other
/// file in the way.
/// What the folder's record of the site holds.
enum Record {
    /// No record: nothing in the folder is the site's.
    None,
    Ours(Vec<Written>),
    /// Something else where the record belongs: nothing is the site's, and
    /// that is in the way too.
    NotOurs,
}

fn read_manifest(folder: &Path) -> Result<Record, SiteError> {
    let path = folder.join(MANIFEST);
    match fs::symlink_metadata(&path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Record::None),
        Err(error) => return Err(SiteError::Io(path, error)),
        Ok(metadata) if !metadata.is_file() => return Ok(Record::NotOurs),
        Ok(_) => {}
    }
    let text = match files::read_regular(&path, 1 << 20) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => return Ok(Record::NotOurs),
        },
        Err(Unread::Io(error)) => return Err(SiteError::Io(path, error)),
        Err(_) => return Ok(Record::NotOurs),
    };
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEAD) {
        return Ok(Record::NotOurs);
    }
    Ok(Record::Ours(
        lines.filter_map(parse_manifest_line).collect(),
    ))
}

/// `HASH LENGTH PATH`; a line that is not one, or names a path the site
/// could not have written, is passed over.
fn parse_manifest_line(line: &str) -> Option<Written> {
    let mut fields = line.splitn(3, ' ');
    let hash = u64::from_str_radix(fields.next()?, 16).ok()?;
    let length = fields.next()?.parse().ok()?;
    let path = fields.next()?;
    is_site_path(path).then(|| Written {
        path: path.to_string(),
        length,
        hash,
    })
}

/// A path the site writes: a file at the root or in `tip/`, of plain
/// lowercase names; never the manifest, never a way out of the folder.
fn is_site_path(path: &str) -> bool {
    // Every file the site writes has an extension, and none is longer than
    // a tip's page: `SLUG.html`.
    let plain = |name: &str| {
        name.len() <= crate::schema::SLUG_MAX + ".html".len()
            && name.contains('.')
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
            && !name.contains("..")
    };
    match path.split_once('/') {
        None => plain(path),
        Some((TIP_PAGE_DIR, name)) => plain(name),
        Some(_) => false,
    }
}

fn manifest(written: &[Written]) -> Vec<u8> {
    let mut text = format!("{MANIFEST_HEAD}\n");
    for file in written {
        let _ = writeln!(text, "{:016x} {} {}", file.hash, file.length, file.path);
    }
    text.into_bytes()
}

/// FNV-1a, 64 bits: enough to tell whether a file is still the one the
/// site wrote, the same in every build (the standard library's hasher may
/// change between Rust releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Writes `contents` to `path` (from the site's root) through a temporary
/// file in the same folder, which is moved into place whole. Where nothing
/// stood there (`replace` false) the file is linked in, which refuses a
/// file someone put there since the check. The temporary file never
/// outlives the call.
fn write_file(folder: &Path, path: &str, contents: &[u8], replace: bool) -> Result<(), SiteError> {
    let full = folder.join(path);
    let parent = full.parent().unwrap_or(folder);
    let temporary =
        Temporary::write(parent, contents).map_err(|error| SiteError::Io(full.clone(), error))?;
    if replace {
        return fs::rename(&temporary.path, &full).map_err(|error| SiteError::Io(full, error));
    }
    match fs::hard_link(&temporary.path, &full) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(SiteError::NotOurs(full)),
        Err(error) => Err(SiteError::Io(full, error)),
    }
}

/// How old a temporary file of the site must be before it is taken for
/// one whose run was killed: a run takes a moment, so an hour leaves alone
/// any run still at work, even one in another container sharing the folder.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the temporary files a run left when it was killed before it
/// could remove them itself (SIGKILL, a power cut): only regular files
/// named as [`Temporary`] names them, and an hour old.
fn clear_abandoned_temporaries(place: &Path) {
    let Ok(entries) = fs::read_dir(place) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_temporary_name) {
            continue;
        }
        let abandoned = entry.metadata().is_ok_and(|metadata| {
            metadata.is_file()
                && metadata
                    .modified()
                    .ok()
                    .and_then(|modified| now.duration_since(modified).ok())
                    .is_some_and(|age| age > ABANDONED_AFTER)
        });
        if abandoned {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// `.tips-site-PID-NANOS.tmp`, as [`Temporary::write`] names a file.
fn is_temporary_name(name: &str) -> bool {
    name.strip_prefix(".tips-site-")
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .and_then(|rest| rest.split_once('-'))
        .is_some_and(|(pid, stamp)| {
            [pid, stamp]
                .iter()
                .all(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// A temporary file beside the one it will become, removed when dropped
/// (after a rename, there is nothing left to remove) and, while it is
/// being written, when a signal ends the run.
struct Temporary {
    path: PathBuf,
    /// Whether its path is in [`BEING_WRITTEN`] for the signal handler.
    held: bool,
}

/// The longest path the signal handler can be given: the system's own.
const LONGEST_PATH: usize = 4096;

/// The most bytes the site adds to its folder's name, with room: `/`,
/// then `tip/`, a slug of at most 64 bytes and `.html`, or a temporary
/// file's name (`.tips-site-PID-NANOSECONDS.tmp`).
const LONGEST_INSIDE: usize = 1 + 4 + crate::schema::SLUG_MAX + 5 + 16;

/// The temporary file being written, for the signal handler to remove:
/// the bytes of its path and how many there are (0 while there is none).
/// Atomics, so that the handler reads them without a lock and without
/// unsafe code; a run writes one temporary file at a time.
static BEING_WRITTEN: [AtomicU8; LONGEST_PATH] = [const { AtomicU8::new(0) }; LONGEST_PATH];
static BEING_WRITTEN_LENGTH: AtomicUsize = AtomicUsize::new(0);
/// Whether a [`Temporary`] holds [`BEING_WRITTEN`] (tests write side by
/// side; the others go without).
static BEING_WRITTEN_HELD: AtomicBool = AtomicBool::new(false);

/// Runs in the signal handler: removes the temporary file being written,
/// then ends `tips` as the signal would have. Only atomics, a buffer on
/// the stack and the unlink system call, which allocate nothing.
extern "C" fn remove_temporary_then_end(signal: std::ffi::c_int) {
    let length = BEING_WRITTEN_LENGTH.swap(0, Ordering::SeqCst);
    if (1..LONGEST_PATH).contains(&length) {
        let mut path = [0u8; LONGEST_PATH];
        for (byte, held) in path.iter_mut().zip(&BEING_WRITTEN[..length]) {
            *byte = held.load(Ordering::SeqCst);
        }
        if let Ok(path) = CStr::from_bytes_with_nul(&path[..=length]) {
            let _ = rustix::fs::unlink(path);
        }
    }
    signals::end_as(signal);
}

impl Temporary {
    /// Has a signal that ends the run remove the temporary file being
    /// written first.
    fn remove_on_ending_signals() {
        static INSTALLED: std::sync::Once = std::sync::Once::new();
        INSTALLED.call_once(|| signals::undo_on_ending_signals(remove_temporary_then_end));
    }

    /// A new file in `parent` holding `contents`, synced to the disk, so
    /// that a full disk fails here, before the file is moved into place.
    fn write(parent: &Path, contents: &[u8]) -> io::Result<Temporary> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        let path = parent.join(format!(".tips-site-{}-{stamp}.tmp", std::process::id()));
        // Named for the handler before the file exists, so that there is
        // no moment when it is there and the handler does not know it.
        let bytes = path.as_os_str().as_bytes();
        let held = bytes.len() < LONGEST_PATH
            && !bytes.contains(&0)
            && BEING_WRITTEN_HELD
                .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok();
        if held {
            for (place, byte) in BEING_WRITTEN.iter().zip(bytes) {
                place.store(*byte, Ordering::SeqCst);
            }
            BEING_WRITTEN_LENGTH.store(bytes.len(), Ordering::SeqCst);
        }
        // From here on the file is removed on the way out, whatever fails.
        let temporary = Temporary { path, held };
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .open(&temporary.path)?;
        file.write_all(contents)?;
        file.sync_all()?;
        Ok(temporary)
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        // Removed before the handler forgets it, so that a signal in
        // between still finds it (unlinking a name that is gone is
        // harmless).
        let _ = fs::remove_file(&self.path);
        if self.held {
            BEING_WRITTEN_LENGTH.store(0, Ordering::SeqCst);
            BEING_WRITTEN_HELD.store(false, Ordering::SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_names_only_paths_the_site_writes() {
        for path in ["index.html", "feed.xml", "tip/respect.html", "style.css"] {
            assert!(is_site_path(path), "{path}");
        }
        for path in [
            ".tips-site",
            "../index.html",
            "/etc/passwd",
            "tip/../../x",
            "tip/a/b.html",
            "other/x.html",
            "Index.html",
            "",
            // A folder's name, and a name no file system holds.
            "tip",
            "sub",
            &format!("{}.html", "a".repeat(300)),
        ] {
            assert!(!is_site_path(path), "{path}");
        }
        let longest = format!("tip/{}.html", "a".repeat(crate::schema::SLUG_MAX));
        assert!(is_site_path(&longest));
    }

    #[test]
    fn only_the_names_of_its_own_temporary_files_are_taken_for_them() {
        let folder = tempfile::tempdir().unwrap();
        let made = Temporary::write(folder.path(), b"").unwrap();
        let name = made.path.file_name().unwrap().to_str().unwrap().to_string();
        assert!(is_temporary_name(&name), "{name}");
        for other in [
            ".tips-site",
            ".tips-site-.tmp",
            ".tips-site-12-.tmp",
            ".tips-site-12-34.tmp.html",
            ".tips-site-x-34.tmp",
            "tips-site-12-34.tmp",
            ".tips-site-12-34-56.tmp",
        ] {
            assert!(!is_temporary_name(other), "{other}");
        }
    }

    #[test]
    fn a_name_too_long_for_the_folder_is_refused_before_anything_is_written() {
        let folder = tempfile::tempdir().unwrap();
        let site = [
            SiteFile {
                path: "tip/short.html".to_string(),
                contents: b"short".to_vec(),
            },
            SiteFile {
                path: format!("tip/{}.html", "a".repeat(NAME_MAX)),
                contents: b"long".to_vec(),
            },
        ];
        let refused = publish(folder.path(), &site).unwrap_err();
        assert!(matches!(refused, SiteError::NameTooLong(_)), "{refused}");
        assert_eq!(fs::read_dir(folder.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_few_names_stay_one_line_however_many() {
        let names: Vec<String> = (1..=5).map(|n| format!("f{n}")).collect();
        assert_eq!(first_few(&names[..1]), "f1");
        assert_eq!(first_few(&names[..3]), "f1, f2 and f3");
        assert_eq!(first_few(&names), "f1, f2, f3 and 2 more");
    }

    #[test]
    fn a_manifest_line_reads_back_as_written() {
        let written = Written {
            path: "tip/respect.html".to_string(),
            length: 1234,
            hash: 0x0123_4567_89ab_cdef,
        };
        let text = String::from_utf8(manifest(std::slice::from_ref(&written))).unwrap();
        let line = text.lines().nth(1).unwrap();
        assert_eq!(parse_manifest_line(line), Some(written));
    }
}
