//! The draft a reflection is written in, and what of it becomes an entry.
//!
//! A draft opens with a line to write on, then guidance (the tip, the day,
//! the day's action and how saving works) on lines that start with `;`,
//! then each of the tip's prompts as a Markdown quote with room below it:
//!
//! ```text
//!
//! ; Tip 7 · Respect · Thursday 26 November 2026
//! ; Try today: In every meeting today, answer each objection first …
//! ; …
//!
//! > When a customer pushed back today, did I correct them or ask them to
//! > explain?
//!
//! ```
//!
//! On save the guidance goes, a prompt with nothing written under it goes
//! with it, and an answered prompt stays above its answer, so that an entry
//! keeps the question each answer answers. A prompt is known by its exact
//! lines: one the user changed is the user's text, and is kept.
//!
//! Every line tips writes into a draft is at most [`WIDTH`] columns wide,
//! and all playbook text in it is made visible first: a title with a line
//! break or an escape sequence stays on its own guidance line, as text.
//!
//! Drafts live in the journal's `.drafts` folder, one file each, named by
//! the tip and the day (`respect-2026-11-26.md`, then `…-2.md`). A draft
//! whose editor failed is kept there; the next reflection on that tip and
//! day reopens it, unless another `tips` has it open (see [`Held`]).

use chrono::NaiveDate;
use std::io;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthChar;

use crate::dates;
use crate::files::{self, Unread};
use crate::journal::{self, MAX_ENTRY_BYTES};
use crate::tip::Tip;
use crate::untrusted;

/// Draft lines that start with this are guidance, removed on save. Not
/// `#`, as git uses, since that starts a Markdown heading a user may write.
pub const GUIDANCE: char = ';';

/// How a prompt starts in a draft: a Markdown quote, which stays in the
/// entry above its answer and reads as the question it is.
const PROMPT: &str = "> ";

/// The widest line tips writes into a draft, in columns: what nano and vim
/// show whole in an 80-column terminal, with room for a line number.
pub const WIDTH: usize = 72;

/// Where drafts are kept, inside the journal folder; the dot keeps them
/// out of every listing of entries.
const DRAFTS: &str = ".drafts";

/// The byte order mark some editors put at the start of a file: a mark of
/// the encoding, not text anyone wrote.
const BYTE_ORDER_MARK: char = '\u{feff}';

/// The text an editor opens for a reflection on `tip` on `date`.
pub fn draft(tip: &Tip, date: NaiveDate) -> String {
    let guidance = format!("{GUIDANCE} ");
    let mut lines = vec![String::new(), String::new()];
    lines.extend(wrapped(
        &guidance,
        &format!(
            "Tip {} · {} · {}",
            tip.number,
            untrusted::visible(&tip.title),
            dates::long(date)
        ),
    ));
    if let Some(action) = &tip.action {
        lines.extend(wrapped(
            &guidance,
            &format!("Try today: {}", untrusted::visible(action)),
        ));
    }
    lines.push(GUIDANCE.to_string());
    lines.extend(wrapped(
        &guidance,
        "Write on the first line, or under each question below, in Markdown \
         if you like. When you save, the lines that start with ';' are \
         removed (but not in fenced code), and so is each question left unanswered; a draft saved \
         as it is keeps nothing.",
    ));
    for prompt in prompt_blocks(tip) {
        lines.push(String::new());
        lines.extend(prompt);
        lines.push(String::new());
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// Each prompt of a tip as the lines it takes in a draft.
fn prompt_blocks(tip: &Tip) -> Vec<Vec<String>> {
    tip.prompts
        .iter()
        .map(|prompt| wrapped(PROMPT, &untrusted::visible(prompt)))
        .filter(|block| !block.is_empty())
        .collect()
}

/// `text` as lines of at most [`WIDTH`] columns, each starting with
/// `prefix`, broken between words; a word wider than a line is broken
/// where the line is full. Blanks (line breaks too) become one space.
///
/// A column is what a terminal editor gives each character (two for CJK
/// and most emoji, none for a combining mark), counted character by
/// character as nano and vim count them.
fn wrapped(prefix: &str, text: &str) -> Vec<String> {
    let room = WIDTH.saturating_sub(columns(prefix)).max(2);
    let mut lines = Vec::new();
    // The line being filled, without its prefix, and its columns.
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let wide = columns(word);
        if !line.is_empty() && used + 1 + wide <= room {
            line.push(' ');
            line.push_str(word);
            used += 1 + wide;
            continue;
        }
        if !line.is_empty() {
            lines.push(format!("{prefix}{line}"));
            line.clear();
            used = 0;
        }
        if wide <= room {
            line.push_str(word);
            used = wide;
            continue;
        }
        // Only a word wider than a whole line is broken.
        for c in word.chars() {
            let width = c.width().unwrap_or(0);
            if !line.is_empty() && used + width > room {
                lines.push(format!("{prefix}{line}"));
                line.clear();
                used = 0;
            }
            line.push(c);
            used += width;
        }
    }
    if !line.is_empty() {
        lines.push(format!("{prefix}{line}"));
    }
    lines
}

/// The columns `text` takes, character by character (see [`wrapped`]).
pub fn columns(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// What is kept of a draft edited for `tip`: the lines written, with each
/// answered prompt above its answer, and no guidance, no unanswered prompt.
/// `None` where nothing visible is left.
pub fn entry_from_draft(edited: &str, tip: &Tip) -> Option<String> {
    let prompts = prompt_blocks(tip);
    let lines = without_guidance(without_byte_order_mark(edited));
    let prompt_at = |at: usize| {
        prompts.iter().find(|block| {
            lines.len() - at >= block.len()
                && block
                    .iter()
                    .zip(&lines[at..])
                    .all(|(ours, theirs)| ours == theirs)
        })
    };

    let mut kept: Vec<&str> = Vec::new();
    let mut at = 0;
    // Up to the first prompt: what was written on the first line.
    while at < lines.len() && prompt_at(at).is_none() {
        kept.push(lines[at]);
        at += 1;
    }
    while let Some(prompt) = prompt_at(at) {
        at += prompt.len();
        let answer_starts = at;
        while at < lines.len() && prompt_at(at).is_none() {
            at += 1;
        }
        let answer = &lines[answer_starts..at];
        if answer.iter().all(|line| untrusted::shows_nothing(line)) {
            continue;
        }
        // One blank line on each side keeps the quote apart from the
        // answer, which would otherwise read as part of it in Markdown.
        while kept.last() == Some(&"") {
            kept.pop();
        }
        if !kept.is_empty() {
            kept.push("");
        }
        kept.extend(prompt.iter().map(String::as_str));
        kept.push("");
        let first = answer.iter().position(|line| !line.is_empty());
        let last = answer.iter().rposition(|line| !line.is_empty());
        if let (Some(first), Some(last)) = (first, last) {
            kept.extend(&answer[first..=last]);
        }
    }
    tidy(&kept)
}

/// The lines of an edited draft, blanks at their ends trimmed, without the
/// guidance: every line that starts with [`GUIDANCE`], except inside a
/// fenced code block, where `;` starts a comment in many languages (Lisp,
/// assembly, INI files) that a reader may paste. A fence never closed is
/// taken for none, as `tips`' own guidance comes after the first line.
fn without_guidance(edited: &str) -> Vec<&str> {
    let lines: Vec<&str> = edited.lines().map(str::trim_end).collect();
    let fences: Vec<Option<(char, usize, bool)>> = lines.iter().map(|line| fence(line)).collect();
    let mut in_code = vec![false; lines.len()];
    // For each mark, the shortest opening run found to have no closing
    // fence after the line it was on: any later opening of that mark and
    // at least that run has none either, and is not looked for again, so
    // that no entry can make this slow.
    let mut unclosed: Vec<(char, usize)> = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let Some((mark, length, _)) = fences[at] else {
            at += 1;
            continue;
        };
        let known_unclosed = unclosed
            .iter()
            .any(|&(other, shortest)| other == mark && length >= shortest);
        let closing = (!known_unclosed)
            .then(|| {
                fences[at + 1..].iter().position(|candidate| {
                    matches!(candidate, Some((other, run, true)) if *other == mark && *run >= length)
                })
            })
            .flatten();
        match closing {
            Some(after) => {
                let end = at + 1 + after;
                in_code[at..=end].iter_mut().for_each(|code| *code = true);
                at = end + 1;
            }
            None => {
                if !known_unclosed {
                    unclosed.retain(|&(other, _)| other != mark);
                    unclosed.push((mark, length));
                }
                at += 1;
            }
        }
    }
    lines
        .into_iter()
        .zip(in_code)
        .filter(|(line, code)| *code || !line.starts_with(GUIDANCE))
        .map(|(line, _)| line)
        .collect()
}

/// A CommonMark code fence at the start of `line` (at most three spaces in):
/// its mark, the length of its run, and whether it could close a block
/// (nothing after the run).
fn fence(line: &str) -> Option<(char, usize, bool)> {
    let text = line.trim_start_matches(' ');
    if line.len() - text.len() > 3 {
        return None;
    }
    let mark = text.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let run = text.chars().take_while(|&c| c == mark).count();
    let rest = &text[run..];
    // A backtick fence's info string holds no backtick.
    (run >= 3 && !(mark == '`' && rest.contains('`'))).then(|| (mark, run, rest.trim().is_empty()))
}

/// What is kept of text given with `-m` or on stdin: all of it, blank
/// lines around it and blanks at line ends aside. `None` where nothing
/// visible is left.
pub fn entry_from_text(text: &str) -> Option<String> {
    let lines: Vec<&str> = without_byte_order_mark(text)
        .lines()
        .map(str::trim_end)
        .collect();
    tidy(&lines)
}

fn without_byte_order_mark(text: &str) -> &str {
    text.strip_prefix(BYTE_ORDER_MARK).unwrap_or(text)
}

/// The lines from the first to the last that shows something, or `None`
/// where none does: a BOM, zero-width spaces or blanks are not an entry.
fn tidy(lines: &[&str]) -> Option<String> {
    let first = lines
        .iter()
        .position(|line| !untrusted::shows_nothing(line))?;
    let last = lines
        .iter()
        .rposition(|line| !untrusted::shows_nothing(line))?;
    Some(lines[first..=last].join("\n"))
}

/// A draft kept in the drafts folder: its tip's slug, its day, and its
/// number for that day (1 for the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptDraft {
    pub date: NaiveDate,
    pub number: u32,
    pub path: PathBuf,
}

/// `respect-2026-11-26.md`, then `respect-2026-11-26-2.md`.
fn draft_name(slug: &str, date: NaiveDate, number: u32) -> String {
    match number {
        1 => format!("{slug}-{}.md", dates::iso(date)),
        _ => format!("{slug}-{}-{number}.md", dates::iso(date)),
    }
}

/// The day and number of a draft of `slug` from its file name, or `None`
/// for any other name (another tip's draft included: `the-ex` is not `the`).
fn parse_draft_name(slug: &str, name: &str) -> Option<(NaiveDate, u32)> {
    let rest = name.strip_prefix(slug)?.strip_prefix('-')?;
    let stem = rest.strip_suffix(".md")?;
    let date = dates::parse_date(stem.get(..10)?).ok()?;
    let number = match stem.get(10..)? {
        "" => 1,
        more => {
            let digits = more.strip_prefix('-')?;
            if digits.starts_with('0') || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
                return None;
            }
            digits.parse().ok().filter(|number| *number > 1)?
        }
    };
    Some((date, number))
}

/// The drafts of `slug` kept in the journal, oldest first (by day, then
/// number). Only regular files count: a link or anything else planted
/// under a draft's name is never offered to an editor.
fn kept_drafts(journal: &Path, slug: &str) -> Vec<KeptDraft> {
    let Ok(listing) = std::fs::read_dir(journal.join(DRAFTS)) else {
        return Vec::new();
    };
    let mut kept: Vec<KeptDraft> = listing
        .flatten()
        .filter_map(|item| {
            let name = item.file_name().into_string().ok()?;
            let (date, number) = parse_draft_name(slug, &name)?;
            // `file_type` does not follow links.
            item.file_type().ok()?.is_file().then(|| KeptDraft {
                date,
                number,
                path: item.path(),
            })
        })
        .collect();
    kept.sort_by_key(|draft| (draft.date, draft.number));
    kept
}

/// A draft held by this process from the moment it is chosen until its
/// entry is saved: another `tips reflect` on the same tip and day, in
/// another terminal, does not reopen it meanwhile (two editors on one file
/// would lose what the first one wrote), but starts a draft of its own.
///
/// The hold is an advisory lock on a file beside the draft
/// (`.respect-2026-11-26.md.lock`), which the kernel lets go of however
/// this process ends. The lock file goes with the draft, and not before,
/// so that two processes never lock two different files for one draft.
#[derive(Debug)]
pub struct Held {
    draft: PathBuf,
    lock: PathBuf,
    /// Open for as long as the draft is held.
    _locked: std::fs::File,
}

impl Held {
    pub fn path(&self) -> &Path {
        &self.draft
    }

    /// Removes the draft, once its entry is saved or where it holds
    /// nothing, and then its lock file.
    pub fn remove(self) {
        let _ = std::fs::remove_file(&self.draft);
        let _ = std::fs::remove_file(&self.lock);
    }
}

/// Holds the draft at `path`; `None` where another process holds it, or
/// where it is gone or is no longer a regular file by the time it is held.
fn hold(path: &Path) -> io::Result<Option<Held>> {
    use std::os::unix::fs::OpenOptionsExt;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let lock = path.with_file_name(format!(".{name}.lock"));
    let locked = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(&lock)?;
    // Held until `locked` is closed, whatever ends the run. (std's
    // `File::try_lock` is the same, but only from Rust 1.89, after this
    // crate's rust-version.)
    match rustix::fs::flock(
        &locked,
        rustix::fs::FlockOperation::NonBlockingLockExclusive,
    ) {
        Ok(()) => {}
        Err(rustix::io::Errno::WOULDBLOCK) => return Ok(None),
        Err(error) => return Err(error.into()),
    }
    let still_there = std::fs::symlink_metadata(path).is_ok_and(|found| found.is_file());
    Ok(still_there.then(|| Held {
        draft: path.to_path_buf(),
        lock,
        _locked: locked,
    }))
}

/// The draft an editor opens for `tip` on `date`, and the others of the
/// tip kept in the journal.
#[derive(Debug)]
pub struct Opened {
    pub draft: Held,
    /// Whether the draft was kept from an earlier edit, rather than new.
    pub reopened: bool,
    /// The other drafts of the tip, kept from failed edits and not open in
    /// another editor, oldest first.
    pub others: Vec<KeptDraft>,
}

/// Chooses the draft for a reflection on `tip` on `date` and holds it:
/// the newest kept draft of that tip and day that no other `tips` holds,
/// else a new one.
pub fn open(journal: &Path, tip: &Tip, date: NaiveDate) -> io::Result<Opened> {
    let mut others = Vec::new();
    let mut reopened = None;
    for kept in kept_drafts(journal, &tip.slug).into_iter().rev() {
        if reopened.is_some() || kept.date != date {
            others.push(kept);
            continue;
        }
        // A draft held elsewhere is being written: it is neither reopened
        // nor named.
        reopened = hold(&kept.path)?;
    }
    others.reverse();
    if let Some(draft) = reopened {
        return Ok(Opened {
            draft,
            reopened: true,
            others,
        });
    }
    let text = self::draft(tip, date);
    // Another `tips` may take a new draft between its writing and its
    // hold, for it looks just like a kept one: then the next name is tried.
    for _ in 0..10 {
        let path = write_draft(journal, &tip.slug, date, &text)?;
        if let Some(draft) = hold(&path)? {
            return Ok(Opened {
                draft,
                reopened: false,
                others,
            });
        }
    }
    Err(io::Error::other(
        "every new draft was taken by another tips",
    ))
}

/// Writes a new draft for an editor in the journal's drafts folder, and
/// gives its path. Kept where the editor fails, so that nothing typed is
/// lost.
fn write_draft(journal: &Path, slug: &str, date: NaiveDate, text: &str) -> io::Result<PathBuf> {
    journal::private_folder(journal)?;
    let drafts = journal.join(DRAFTS);
    journal::private_folder(&drafts)?;
    // Drafts kept from failed edits stay until they are saved, so a new
    // draft takes the first name that is free.
    for number in 1..=1000 {
        let path = drafts.join(draft_name(slug, date, number));
        match journal::write_new_private(&path, text.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::other("no free name for a draft"))
}

/// Reads back a draft after the editor, limited like an entry. The draft
/// is not followed if it was replaced by a link, and only a regular file is
/// read, so that no other file's contents can become an entry.
pub fn read_draft(path: &Path) -> io::Result<String> {
    let bytes =
        files::read_regular_not_followed(path, MAX_ENTRY_BYTES).map_err(|unread| match unread {
            Unread::Io(error) => error,
            Unread::NotRegular(what) => io::Error::new(
                io::ErrorKind::InvalidData,
                format!("it is {what} now, not the file tips wrote"),
            ),
            // What was typed is kept, and the draft comes back at the
            // next reflection: say so, and what to mend.
            Unread::TooLarge => io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "it is over {} KiB; it is kept there, and the next tips reflect on this tip and day reopens it to shorten",
                    MAX_ENTRY_BYTES / 1024
                ),
            ),
        })?;
    String::from_utf8(bytes).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "it is not UTF-8 text; it is kept there: save it as UTF-8, and the next tips reflect on this tip and day reopens it",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tip::{Tip, TipSet};
    use proptest::prelude::*;
    use std::borrow::Cow;

    fn day(text: &str) -> NaiveDate {
        dates::parse_date(text).unwrap()
    }

    fn respect() -> Tip {
        TipSet::builtin().all()[6].clone()
    }

    fn tip_with(title: &str, prompts: &[&str], action: &str) -> Tip {
        Tip {
            title: Cow::Owned(title.to_string()),
            prompts: Cow::Owned(
                prompts
                    .iter()
                    .map(|prompt| Cow::Owned(prompt.to_string()))
                    .collect(),
            ),
            action: Some(Cow::Owned(action.to_string())),
            ..respect()
        }
    }

    #[test]
    fn an_unchanged_draft_keeps_nothing_and_an_answer_keeps_its_question() {
        let tip = respect();
        let draft = draft(&tip, day("2026-11-26"));
        assert_eq!(entry_from_draft(&draft, &tip), None);
        assert_eq!(
            entry_from_draft(&format!("\n\n{draft}\n\n  \n"), &tip),
            None
        );
        let first = &prompt_blocks(&tip)[0];
        let last = prompt_blocks(&tip).last().unwrap().clone();
        // Written right under the first prompt and after the last one.
        let answered = draft
            .replacen(
                &format!("{}\n", first.join("\n")),
                &format!("{}\nI corrected them, twice.\n", first.join("\n")),
                1,
            )
            .replace(
                &format!("{}\n\n", last.join("\n")),
                &format!("{}\n\n\n- asked why\n- listened\n\n", last.join("\n")),
            );
        assert_eq!(
            entry_from_draft(&answered, &tip).unwrap(),
            format!(
                "{}\n\nI corrected them, twice.\n\n{}\n\n- asked why\n- listened",
                first.join("\n"),
                last.join("\n")
            )
        );
    }

    #[test]
    fn what_was_written_first_stays_first_one_blank_line_from_a_question() {
        let tip = respect();
        let draft = draft(&tip, day("2026-11-26"));
        let first = prompt_blocks(&tip)[0].join("\n");
        let written = format!("A good day.\n\n\n{draft}").replacen(
            &first,
            &format!("{first}\nAsked first."),
            1,
        );
        assert_eq!(
            entry_from_draft(&written, &tip).unwrap(),
            format!("A good day.\n\n{first}\n\nAsked first.")
        );
    }

    /// `;` starts a comment in code a reader may paste: inside a closed
    /// fence it is the reader's; outside, and under a fence never closed,
    /// it is guidance.
    #[test]
    fn lines_starting_with_a_semicolon_are_kept_in_fenced_code() {
        let tip = respect();
        let draft = draft(&tip, day("2026-11-26"));
        let code = "```ini\n; the customer's settings\nretries = 3\n```\n~~~~\n;; a Lisp note\n~~~\n;still code\n~~~~";
        let written = format!("{code}\n; a note to self\n{draft}");
        assert_eq!(entry_from_draft(&written, &tip).unwrap(), code);
        let unclosed = format!("```\nstarted\n{draft}");
        assert_eq!(entry_from_draft(&unclosed, &tip).unwrap(), "```\nstarted");
        // A fence never closed does not hide a later one that is.
        let then_closed = format!("````\n; gone\n```lisp\n; kept\n```\n{draft}");
        assert_eq!(
            entry_from_draft(&then_closed, &tip).unwrap(),
            "````\n```lisp\n; kept\n```"
        );
        // Four spaces in, or a backtick in the info string: no fence.
        for not_a_fence in ["    ```", "``` a`b"] {
            let written = format!("{not_a_fence}\n; gone\n```\n{draft}");
            assert_eq!(
                entry_from_draft(&written, &tip).unwrap(),
                format!("{not_a_fence}\n```")
            );
        }
    }

    #[test]
    fn a_prompt_the_user_changed_and_quotes_of_their_own_are_kept() {
        let tip = respect();
        let draft = draft(&tip, day("2026-11-26"));
        let first = prompt_blocks(&tip)[0].join("\n");
        let changed = draft.replacen(&first, &format!("{first} (not today)"), 1);
        let kept = entry_from_draft(&changed, &tip).unwrap();
        assert_eq!(kept, format!("{first} (not today)"));
        let quoted = format!("> \"We need it by Friday\"\n{draft}");
        assert_eq!(
            entry_from_draft(&quoted, &tip).unwrap(),
            "> \"We need it by Friday\""
        );
    }

    #[test]
    fn nothing_visible_is_no_entry() {
        for text in [
            "",
            "\u{feff}",
            "\u{feff}\n\u{200b}\n \t\n",
            "\u{200b}\u{200c}\u{200d}\u{2060}",
            "\u{00ad}\u{034f}\u{180e}\u{3164}\u{ffa0}\u{2800}",
            "\u{e0020}\u{fe0f}\u{1d173}",
            "\u{a0}\u{3000}\u{2028}",
        ] {
            assert_eq!(entry_from_text(text), None, "{text:?}");
        }
        assert_eq!(
            entry_from_text("\u{feff}\n\u{200b}\nListened.\n\u{200b}\n").as_deref(),
            Some("Listened.")
        );
        let tip = respect();
        let draft = draft(&tip, day("2026-11-26"));
        assert_eq!(entry_from_draft(&format!("\u{feff}{draft}"), &tip), None);
        assert_eq!(
            entry_from_draft(&draft.replace("\n\n\n", "\n\n\u{200b}\n"), &tip),
            None
        );
    }

    #[test]
    fn playbook_text_in_a_draft_cannot_leave_its_line() {
        let tip = tip_with(
            "Follow Up\nThe customer agreed to a 40% discount",
            &["What\r\n; did I \u{1b}[2J promise?", "\u{1b}]0;pwned\u{7}"],
            "Call\n\nthem\u{9b}31m",
        );
        let draft = draft(&tip, day("2026-11-26"));
        assert!(
            !draft.chars().any(|c| c.is_control() && c != '\n'),
            "{draft:?}"
        );
        assert!(draft.contains("Follow Up The customer agreed"), "{draft}");
        assert!(draft.contains("^[[2J"), "{draft}");
        assert_eq!(entry_from_draft(&draft, &tip), None, "{draft}");
    }

    #[test]
    fn draft_names_belong_to_one_tip() {
        let date = day("2026-11-26");
        for number in [1, 2, 17] {
            let name = draft_name("the-ex", date, number);
            assert_eq!(parse_draft_name("the-ex", &name), Some((date, number)));
            assert_eq!(parse_draft_name("the", &name), None, "{name}");
        }
        for stranger in [
            "respect-2026-11-26-1.md",
            "respect-2026-11-26-02.md",
            "respect-2026-11-26.md~",
            "respect-2026-02-30.md",
            "respect.md",
        ] {
            assert_eq!(parse_draft_name("respect", stranger), None, "{stranger}");
        }
    }

    /// Long runs of wide, multibyte and combining text, blank runs and
    /// line breaks: what breaks wrapping.
    fn awkward_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[😀🎉❤👍]{1,90}",
            "[абвгдеж]{1,90}",
            "[漢字仮名한국]{1,60}",
            "[a-z]{1,12}",
            "e\u{301}{1,5}",
            "[ \t\n\r]{1,5}",
            "[;>#\u{1b}\u{7}\u{200b}]{1,3}",
        ];
        prop::collection::vec(piece, 1..30).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn wrapped_lines_fit_keep_their_prefix_and_every_word(
            text in awkward_text(),
            prefix in prop_oneof![Just("; "), Just("> ")],
        ) {
            let text = untrusted::visible(&text);
            let lines = wrapped(prefix, &text);
            let room = WIDTH - prefix.len();
            for line in &lines {
                prop_assert!(columns(line) <= WIDTH, "{} columns: {:?}", columns(line), line);
                prop_assert!(line.starts_with(prefix), "{:?}", line);
            }
            // Every word comes back, in order; a word is broken only where
            // it is wider than a line by itself.
            let rejoined: Vec<&str> = lines
                .iter()
                .flat_map(|line| line[prefix.len()..].split(' '))
                .collect();
            let words: Vec<&str> = text.split_whitespace().collect();
            prop_assert_eq!(rejoined.concat(), words.concat());
            let mut pieces = rejoined.iter();
            for word in words {
                let mut whole = String::from(*pieces.next().unwrap());
                while whole.len() < word.len() {
                    prop_assert!(columns(word) > room, "{:?} was broken", word);
                    whole.push_str(pieces.next().unwrap());
                }
                prop_assert_eq!(whole, word);
            }
        }

        #[test]
        fn any_playbook_text_makes_a_draft_of_short_lines_that_keeps_nothing(
            title in awkward_text(),
            prompts in prop::collection::vec(awkward_text(), 1..4),
            action in awkward_text(),
        ) {
            prop_assume!(!title.trim().is_empty() && !action.trim().is_empty());
            prop_assume!(prompts.iter().all(|prompt| !prompt.trim().is_empty()));
            let prompts: Vec<&str> = prompts.iter().map(String::as_str).collect();
            let tip = tip_with(&title, &prompts, &action);
            let draft = draft(&tip, day("2026-11-26"));
            for line in draft.lines() {
                prop_assert!(columns(line) <= WIDTH, "{:?}", line);
                prop_assert!(!line.chars().any(char::is_control), "{:?}", line);
            }
            prop_assert_eq!(entry_from_draft(&draft, &tip), None);
        }
    }
}
