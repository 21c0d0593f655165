//! `tips journal [NAME]`: the journal's entries, newest first: whole, as
//! `git log` shows commits; one line each (`--oneline`); as JSON; or in
//! full as one Markdown document to share.

use super::show::explain;
use super::{Run, Session};
use crate::cli::JournalArgs;
use crate::dates;
use crate::error::Error;
use crate::journal::{self, Entry};
use crate::output::Output;
use crate::tip::{Tip, TipSet};
use crate::untrusted::visible;
use crate::view::json::EntryJson;
use crate::view::{markdown, pages};

impl Run for JournalArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let forms = [
            (self.markdown, "--markdown"),
            (self.oneline, "--oneline"),
            (session.json(), "--json"),
        ];
        let chosen: Vec<&str> = forms
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, name)| *name)
            .collect();
        if let [first, second, ..] = chosen[..] {
            return Err(Error::Usage(format!(
                "{first} and {second} are two forms of the same entries: choose one"
            )));
        }
        // The journal is the user's own: a broken team playbook must not
        // lock it away. Its entries are listed with the built-in tips.
        let (tips, broken_playbook) = session.tips_or_builtin();
        let journal_dir = session.journal_dir();
        let slug = match &self.name {
            // A slug the journal has a folder for is that folder, before
            // any tip it might be the start of: entries on a tip no longer
            // in force (a team tip whose playbook is gone) are still the
            // user's, by the slug they are kept under.
            Some(name)
                if journal_dir
                    .as_ref()
                    .is_some_and(|folder| journal::has_folder(folder, name)) =>
            {
                Some(name.clone())
            }
            Some(name) => match broken_playbook {
                None => {
                    let tip = tips
                        .find(name)
                        .map_err(|error| Error::Usage(explain(name, &error)))?;
                    Some(tip.slug.to_string())
                }
                // With the playbook broken, a number or the start of a
                // slug may mean the team's tip: its error is the first
                // problem, and the one said, as `tips show` says it.
                Some(_) if tips.all().iter().any(|tip| tip.slug == *name) => Some(name.clone()),
                Some(broken) => return Err(broken),
            },
            None => None,
        };
        // Said once the entries are out, in the one line this run has.
        let playbook_note = broken_playbook
            .as_ref()
            .and_then(Error::message)
            .map(|message| format!("{message}; listing with the built-in tips"));
        let folder = session.journal_folder()?;
        let listing = journal::entries(&folder, slug.as_deref(), self.since)
            .map_err(|error| Error::Failure(format!("cannot read the journal: {error}")))?;
        let with_tips: Vec<(&Entry, Option<&Tip>)> = listing
            .entries
            .iter()
            .map(|entry| (entry, tip_of(&tips, entry)))
            .collect();

        if session.json() {
            let json: Vec<EntryJson> = with_tips
                .iter()
                .map(|(entry, tip)| EntryJson::new(entry, *tip))
                .collect();
            out.json(&json)?;
        } else if self.markdown {
            out.raw(markdown(&with_tips).as_bytes())?;
        } else if with_tips.is_empty() && listing.unshown.is_empty() {
            out.page(&pages::journal_empty(slug.as_deref(), self.since))?;
        } else if self.oneline {
            out.page(&pages::journal_list(&with_tips))?;
        } else {
            out.page(&pages::journal_entries(&with_tips))?;
        }
        // What was written but cannot be shown is named, after what can
        // be: an entry edited into another encoding must not vanish. With
        // a broken playbook too, both are said on the one line.
        let unshown = match &listing.unshown[..] {
            [] => None,
            [first, rest @ ..] => {
                let more = match rest.len() {
                    0 => String::new(),
                    count => format!(" (and {count} more)"),
                };
                Some(format!(
                    "cannot show {}: {}{more}",
                    first.path.display(),
                    first.why
                ))
            }
        };
        match (playbook_note, unshown) {
            (note, None) => {
                if let Some(note) = note {
                    crate::error::warn(&note);
                }
                Ok(())
            }
            (note, Some(unshown)) => {
                out.flush()?;
                let line = match note {
                    Some(note) => format!("{unshown}; also, {note}"),
                    None => unshown,
                };
                Err(Error::Failure(line))
            }
        }
    }
}

fn tip_of<'a>(tips: &'a TipSet, entry: &Entry) -> Option<&'a Tip> {
    tips.all().iter().find(|tip| tip.slug == entry.slug)
}

/// Every entry in full, newest first, as one Markdown document: a heading
/// per entry with its date and tip, then its text. The text is the
/// user's own Markdown; only control characters are made visible, line by
/// line, so that the document cannot drive a terminal it is printed on.
fn markdown(entries: &[(&Entry, Option<&Tip>)]) -> String {
    let mut document = String::from("# Journal\n");
    for (entry, tip) in entries {
        let about = match tip {
            Some(tip) => format!("Tip {} · {}", tip.number, tip.title),
            None => entry.slug.clone(),
        };
        document.push_str(&format!(
            "\n## {} · {}\n\n",
            dates::long(entry.date),
            literal(&visible(&about))
        ));
        // The entry's own headings sit below the entry's heading (`##`),
        // and what it leaves open is closed, so that a coach reading the
        // document sees one entry, not several, nor one swallowing the next.
        let nested = markdown::nested(&journal::tidy(&entry.text), 2);
        for line in nested.lines() {
            // Tabs stay: in Markdown they indent, and a tab made a space
            // would turn an indented block into a fence or a heading.
            for (index, piece) in line.split('\t').enumerate() {
                if index > 0 {
                    document.push('\t');
                }
                document.push_str(&visible(piece));
            }
            document.push('\n');
        }
    }
    document
}

/// Playbook text as Markdown that reads as the text itself: every ASCII
/// punctuation character escaped with a backslash, as CommonMark allows,
/// so that a title's `<img …>`, `*stars*` or closing `#`s are shown, never
/// taken as markup.
fn literal(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
