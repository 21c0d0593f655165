//! `tips reflect [NAME]`: a journal entry on a tip, written in the user's
//! editor on a terminal, else read from stdin or given with `-m`.

use std::io::{self, IsTerminal, Read};
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;

use super::json::EntryJson;
use super::show::explain;
use super::{Run, Session};
use crate::cli::ReflectArgs;
use crate::error::Error;
use crate::journal::{self, MAX_ENTRY_BYTES};
use crate::output::Output;
use crate::schedule;
use crate::tip::Tip;
use crate::view::pages;

impl Run for ReflectArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let today = session.today();
        let tips = session.tips()?;
        let tip = match &self.name {
            Some(name) => tips
                .find(name)
                .map_err(|error| Error::Usage(explain(name, &error)))?,
            None => schedule::tip_for(today, &tips),
        };
        let folder = session.journal_dir().ok_or_else(|| {
            Error::Failure(
                "cannot find the journal: neither XDG_DATA_HOME nor HOME is set".to_string(),
            )
        })?;

        let (text, draft) = if !self.message.is_empty() {
            (journal::tidy(&self.message.join("\n\n")), None)
        } else if io::stdin().is_terminal() {
            let (text, draft) = from_editor(&folder, tip, today)?;
            (text, Some(draft))
        } else {
            (from_stdin()?, None)
        };
        if text.is_empty() {
            if let Some(draft) = &draft {
                let _ = std::fs::remove_file(draft);
            }
            return Err(Error::Failure(
                "nothing saved: the entry is empty".to_string(),
            ));
        }

        let path = journal::save(&folder, &tip.slug, today, &text).map_err(|error| {
            let kept = draft.as_ref().map_or(String::new(), |draft| {
                format!("; your draft is kept in {}", draft.display())
            });
            Error::Failure(format!(
                "cannot save the entry in {}: {error}{kept}",
                folder.display()
            ))
        })?;
        if let Some(draft) = &draft {
            let _ = std::fs::remove_file(draft);
        }

        if session.json() {
            let entry = journal::Entry {
                date: today,
                sequence: 0,
                slug: tip.slug.to_string(),
                text: format!("{text}\n"),
                path,
            };
            out.json(&EntryJson::new(&entry, Some(tip)))?;
        } else {
            out.page(&pages::reflection_saved(&path.display().to_string()))?;
        }
        Ok(())
    }
}

/// The entry as typed into the editor, and the draft it was typed in.
/// Where the editor fails, the draft is kept and named, so that nothing
/// typed is lost.
fn from_editor(
    folder: &Path,
    tip: &Tip,
    today: NaiveDate,
) -> Result<(String, std::path::PathBuf), Error> {
    let draft = journal::write_draft(folder, &tip.slug, today, &journal::draft(tip, today))
        .map_err(|error| {
            Error::Failure(format!(
                "cannot write a draft in {}: {error}",
                folder.display()
            ))
        })?;
    let editor = chosen_editor();
    let status = editor_command(&editor, &draft).status();
    let failed = match status {
        Ok(status) if status.success() => None,
        Ok(status) => Some(match status.code() {
            Some(code) => format!("the editor '{editor}' exited with status {code}"),
            None => format!("the editor '{editor}' was stopped by a signal"),
        }),
        Err(error) => Some(format!("cannot start the editor '{editor}': {error}")),
    };
    if let Some(failed) = failed {
        return Err(Error::Failure(format!(
            "{failed}; nothing saved, and your draft is kept in {}",
            draft.display()
        )));
    }
    let edited = journal::read_draft(&draft).map_err(|error| {
        Error::Failure(format!(
            "cannot read the draft {} back: {error}",
            draft.display()
        ))
    })?;
    Ok((journal::without_guidance(&edited), draft))
}

/// `$VISUAL`, else `$EDITOR`, else `vi`, as git chooses; an empty value
/// counts as unset.
fn chosen_editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|value| value.to_string_lossy().trim().to_string())
        .find(|value| !value.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// An editor given as words (`code --wait`) is started directly, so that
/// one that is not installed is reported in one line; one that needs a
/// shell (quotes, variables, pipes) is run by `/bin/sh`, with the draft as
/// its argument.
fn editor_command(editor: &str, draft: &Path) -> Command {
    const SHELL_SYNTAX: &[char] = &[
        '|', '&', ';', '<', '>', '(', ')', '$', '`', '\\', '"', '\'', '*', '?', '[', '#', '~', '=',
        '%', '{', '}',
    ];
    if editor.contains(SHELL_SYNTAX) {
        let mut command = Command::new("/bin/sh");
        command
            .arg("-c")
            .arg(format!("{editor} \"$@\""))
            .arg(editor)
            .arg(draft);
        command
    } else {
        let mut words = editor.split_whitespace();
        let mut command = Command::new(words.next().unwrap_or("vi"));
        command.args(words).arg(draft);
        command
    }
}

/// The entry piped in: `echo "…" | tips reflect respect`.
fn from_stdin() -> Result<String, Error> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| Error::Failure(format!("cannot read the entry from stdin: {error}")))?;
    if bytes.len() as u64 > MAX_ENTRY_BYTES {
        return Err(Error::Failure(format!(
            "the entry on stdin is over {} KiB: nothing saved",
            MAX_ENTRY_BYTES / 1024
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::Failure("the entry on stdin is not UTF-8 text: nothing saved".to_string())
    })?;
    Ok(journal::tidy(&text))
}
