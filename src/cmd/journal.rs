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
        let (tips, broken_playbook) = match session.tips() {
            Ok(tips) => (tips, None),
            Err(error) => (TipSet::builtin(), Some(error)),
        };
        let slug = match &self.name {
            Some(name) => match tips.find(name) {
                Ok(tip) => Some(tip.slug.to_string()),
                // A name the built-in tips lack may be a team tip's: the
                // broken playbook is the first problem, and the one said,
                // as `tips show` says it.
                Err(error) => {
                    return Err(broken_playbook.unwrap_or(Error::Usage(explain(name, &error))))
                }
            },
            None => None,
        };
        if let Some(message) = broken_playbook.as_ref().and_then(Error::message) {
            crate::error::warn(&format!("{message}; listing with the built-in tips"));
        }
        let folder = session.journal_dir().ok_or_else(|| {
            Error::Failure(
                "cannot find the journal: neither XDG_DATA_HOME nor HOME is set".to_string(),
            )
        })?;
        let entries = journal::entries(&folder, slug.as_deref(), self.since)
            .map_err(|error| Error::Failure(format!("cannot read the journal: {error}")))?;
        let with_tips: Vec<(&Entry, Option<&Tip>)> = entries
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
        } else if with_tips.is_empty() {
            out.page(&pages::journal_empty(self.since))?;
        } else if self.oneline {
            out.page(&pages::journal_list(&with_tips))?;
        } else {
            out.page(&pages::journal_entries(&with_tips))?;
        }
        Ok(())
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
            visible(&about)
        ));
        // The entry's own headings sit below the entry's heading (`##`),
        // and what it leaves open is closed, so that a coach reading the
        // document sees one entry, not several, nor one swallowing the next.
        let nested = markdown::nested(&journal::tidy(&entry.text), 2);
        for line in nested.lines() {
            // A tab is Markdown's own (it indents code and list items) and
            // the blocks were read with it: it stays a tab.
            for (at, part) in line.split('\t').enumerate() {
                if at > 0 {
                    document.push('\t');
                }
                document.push_str(&visible(part));
            }
            document.push('\n');
        }
    }
    document
}
