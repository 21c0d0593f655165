//! `tips reflect [NAME]`: a journal entry on a tip, written in the user's
//! editor on a terminal, else read from stdin or given with `-m`.

use std::io::{self, IsTerminal, Read};
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;

use super::show::explain;
use super::{Run, Session};
use crate::cli::ReflectArgs;
use crate::dates;
use crate::draft::{self, Held, KeptDraft};
use crate::error::{self, Error};
use crate::journal::{self, MAX_ENTRY_BYTES};
use crate::output::Output;
use crate::schedule;
use crate::tip::Tip;
use crate::view::json::EntryJson;
use crate::view::pages;

impl Run for ReflectArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let today = session.today();
        // A broken team playbook does not keep anyone from writing about a
        // built-in tip named by its slug; a number or the start of a slug
        // may mean the team's tip, and the tip of the day is the
        // playbook's to decide, so those wait for the playbook's repair.
        let (tips, broken_playbook) = session.tips_or_builtin();
        let tip = match (&self.name, broken_playbook) {
            (Some(name), None) => tips
                .find(name)
                .map_err(|error| Error::Usage(explain(name, &error)))?,
            (Some(name), Some(broken)) => match tips.all().iter().find(|tip| tip.slug == *name) {
                Some(tip) => {
                    if let Some(message) = broken.message() {
                        error::warn(&format!(
                            "{message}; writing on the built-in tip {}",
                            tip.slug
                        ));
                    }
                    tip
                }
                None => return Err(broken),
            },
            (None, Some(broken)) => return Err(broken),
            (None, None) => schedule::tip_for(today, &tips),
        };
        let folder = session.journal_folder()?;

        let (text, draft) = if !self.message.is_empty() {
            (draft::entry_from_text(&self.message.join("\n\n")), None)
        } else if io::stdin().is_terminal() {
            let (text, draft) = from_editor(&folder, tip, today)?;
            (text, Some(draft))
        } else {
            (from_stdin()?, None)
        };
        // Text that shows nothing (blanks, a byte order mark, zero-width
        // spaces) is no entry, however it was given.
        let Some(text) = text else {
            if let Some(draft) = draft {
                draft.remove();
            }
            return Err(Error::Failure(
                "nothing saved: the entry is empty".to_string(),
            ));
        };

        let entry = journal::save(&folder, &tip.slug, today, &text).map_err(|error| {
            let kept = draft.as_ref().map_or(String::new(), |draft| {
                format!("; your draft is kept in {}", draft.path().display())
            });
            Error::Failure(format!(
                "cannot save the entry in {}: {error}{kept}",
                folder.display()
            ))
        })?;
        if let Some(draft) = draft {
            draft.remove();
        }
        // The save made the user's own folders private; one that belongs
        // to someone else is named, so that nobody trusts it as private.
        if let Some(open) = journal::open_to_others(&folder)
            .filter(|open| open.open && !open.will_be_made_private())
        {
            let why = if open.linked {
                "is a link to a folder others may read or write, which tips leaves as it is"
            } else {
                "belongs to someone else, and others may read or write it"
            };
            crate::error::warn(&format!(
                "the entry is saved, but not private: {} {why}",
                open.path.display()
            ));
        }

        let confirmed = if session.json() {
            out.json(&EntryJson::new(&entry, Some(tip)))
        } else {
            out.page(&pages::reflection_saved(&entry.path.display().to_string()))
        }
        .and_then(|()| out.flush());
        // The entry is kept whatever happens to the confirmation: say so, so
        // that nobody writes it again.
        confirmed.map_err(|error| match error.kind() {
            io::ErrorKind::BrokenPipe => Error::Output(error),
            _ => Error::Failure(format!(
                "the entry is saved in {}, but its confirmation could not be written: {error}",
                entry.path.display()
            )),
        })
    }
}

/// The entry as typed into the editor (`None` where nothing visible was
/// written), and the draft it was typed in. A draft kept from an earlier
/// edit of this tip and day is reopened rather than a new one started, and
/// where the editor fails the draft is kept and named: nothing typed is
/// lost.
fn from_editor(
    folder: &Path,
    tip: &Tip,
    today: NaiveDate,
) -> Result<(Option<String>, Held), Error> {
    let opened = draft::open(folder, tip, today).map_err(|error| {
        Error::Failure(format!(
            "cannot write a draft in {}: {error}",
            folder.display()
        ))
    })?;
    let reopened = opened.reopened.then_some(opened.draft.path());
    if let Some(notice) = kept_notice(&tip.slug, today, reopened, &opened.others) {
        error::warn(&notice);
    }
    let draft = opened.draft;
    let editor = chosen_editor();
    let failed = match run_editor(&editor, draft.path()) {
        Ok(Finished::Success) => None,
        Ok(Finished::Status(code)) => {
            Some(format!("the editor '{editor}' exited with status {code}"))
        }
        Ok(Finished::Signal) => Some(format!("the editor '{editor}' was stopped by a signal")),
        Err(error) => Some(format!(
            "cannot start the editor '{editor}': {}; set VISUAL or EDITOR to the editor you use",
            why_not_started(&error)
        )),
    };
    if let Some(failed) = failed {
        return Err(Error::Failure(format!(
            "{failed}; nothing saved, and your draft is kept in {}",
            draft.path().display()
        )));
    }
    let edited = draft::read_draft(draft.path()).map_err(|error| {
        Error::Failure(format!(
            "cannot read the draft {} back: {error}; nothing saved",
            draft.path().display()
        ))
    })?;
    Ok((draft::entry_from_draft(&edited, tip), draft))
}

/// The one line that names the drafts of this tip kept from earlier
/// edits: the one reopened, if any, and the others, each with how to
/// reopen it. `None` where there are none.
fn kept_notice(
    slug: &str,
    today: NaiveDate,
    reopened: Option<&Path>,
    others: &[KeptDraft],
) -> Option<String> {
    // Enough to see that there are more, in one line.
    const NAMED: usize = 3;
    let mut names: Vec<String> = others
        .iter()
        .rev()
        .take(NAMED)
        .map(|other| {
            let name = other.path.file_name().unwrap_or_default().to_string_lossy();
            if other.date == today {
                // Reopened once the one open now is saved.
                name.into_owned()
            } else {
                format!(
                    "{name} ('tips reflect {slug} --date {}' reopens it)",
                    dates::iso(other.date)
                )
            }
        })
        .collect();
    if others.len() > NAMED {
        names.push(format!("and {} more", others.len() - NAMED));
    }
    let names = names.join(", ");
    let folder = others
        .first()
        .and_then(|other| other.path.parent())
        .map_or(String::new(), |folder| folder.display().to_string());
    match (reopened, others.len()) {
        (None, 0) => None,
        (Some(reopened), 0) => Some(format!(
            "reopening the draft you kept in {}",
            reopened.display()
        )),
        (Some(reopened), _) => Some(format!(
            "reopening the draft you kept in {}; also kept in {folder}: {names}",
            reopened.display()
        )),
        (None, 1) => Some(format!("a draft of this tip is kept in {folder}: {names}")),
        (None, count) => Some(format!(
            "{count} drafts of this tip are kept in {folder}: {names}"
        )),
    }
}

/// Why an editor could not be started, in people's words.
fn why_not_started(error: &io::Error) -> String {
    match error.raw_os_error() {
        Some(libc::ENOENT) => "no such program".to_string(),
        Some(libc::EACCES) => "it is not a program you may run (permission denied)".to_string(),
        Some(libc::ENOEXEC) => "it is not a program this system can run".to_string(),
        _ => {
            let said = error.to_string();
            // Drop the "(os error 13)" the standard library adds.
            said.split(" (os error ")
                .next()
                .unwrap_or(&said)
                .to_string()
        }
    }
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

/// How the editor ended.
enum Finished {
    Success,
    Status(i32),
    Signal,
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
    let mut command = if editor.contains(SHELL_SYNTAX) {
        let mut shell = Command::new("/bin/sh");
        shell.args(["-c", &format!("{editor} \"$@\""), editor]);
        shell
    } else {
        let mut words = editor.split_whitespace();
        let mut command = Command::new(words.next().unwrap_or(editor));
        command.args(words);
        command
    };
    command.arg(draft);
    command
}

/// Runs the editor on the terminal `tips` was started on, and waits.
///
/// `std::process::Command` starts it as any program expects to start:
/// SIGPIPE at its default (Rust's runtime ignores it in `tips`, and an
/// ignored signal would stay ignored across exec) and no signal blocked.
/// That costs every start of `tips` about 23,000 instructions (the dynamic
/// loader binds some 30 more C library functions, for all it may do) and
/// 38 KB of binary: the raw `posix_spawnp` it replaces saved them at the
/// price of six `unsafe` blocks, and the instruction budgets allow for them.
fn run_editor(editor: &str, draft: &Path) -> io::Result<Finished> {
    let mut child = editor_command(editor, draft).spawn()?;
    // Ctrl-C belongs to the editor while it runs, as with git: `tips`
    // waits for it, and the draft is dealt with afterwards.
    let status = {
        let _ignored = InterruptIgnored::now();
        child.wait()?
    };
    Ok(match status.code() {
        Some(0) => Finished::Success,
        Some(code) => Finished::Status(code),
        None => Finished::Signal,
    })
}

/// SIGINT ignored by `tips` for as long as this lives, then put back as it
/// was. Only `tips` ignores it: the editor was started before, with the
/// disposition it would have had anyway.
struct InterruptIgnored(libc::sighandler_t);

impl InterruptIgnored {
    fn now() -> InterruptIgnored {
        // SAFETY: setting a disposition to SIG_IGN runs no code of ours in
        // a handler. What it buys: neither std nor rustix can set a
        // signal's disposition safely (rustix only through its unsafe,
        // experimental `runtime`), and signal-hook can install handlers but
        // not ignore a signal; `signal` is bound already (Rust's runtime
        // uses it for SIGPIPE), so this costs a start of `tips` nothing.
        InterruptIgnored(unsafe { libc::signal(libc::SIGINT, libc::SIG_IGN) })
    }
}

impl Drop for InterruptIgnored {
    fn drop(&mut self) {
        // SAFETY: as above; this puts back what `signal` said was there.
        unsafe { libc::signal(libc::SIGINT, self.0) };
    }
}

/// The entry piped in: `echo "…" | tips reflect respect`.
fn from_stdin() -> Result<Option<String>, Error> {
    let bytes = read_stdin(MAX_ENTRY_BYTES + 1)
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
    Ok(draft::entry_from_text(&text))
}

/// At most `limit` bytes of stdin, to its end. A non-blocking stdin (as
/// node hands its children) is waited on, not taken for an error, so that
/// nothing already sent is dropped.
fn read_stdin(limit: u64) -> io::Result<Vec<u8>> {
    let stdin = io::stdin();
    let mut reader = stdin.lock().take(limit);
    let mut bytes = Vec::new();
    loop {
        match reader.read_to_end(&mut bytes) {
            Ok(_) => return Ok(bytes),
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                crate::files::wait_until_ready(&stdin, crate::files::Ready::ToRead)?;
            }
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The program and its arguments, as the editor would be started.
    fn words(editor: &str) -> Vec<String> {
        let command = editor_command(editor, Path::new("/drafts/a b.md"));
        std::iter::once(command.get_program())
            .chain(command.get_args())
            .map(|word| word.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn an_editor_of_plain_words_is_started_directly_with_the_draft_last() {
        assert_eq!(words("vi"), ["vi", "/drafts/a b.md"]);
        assert_eq!(
            words("  code --wait  --new-window "),
            ["code", "--wait", "--new-window", "/drafts/a b.md"]
        );
    }

    #[test]
    fn an_editor_that_needs_a_shell_is_run_by_sh_with_the_draft_as_its_argument() {
        assert_eq!(
            words("vim -c 'set tw=72'"),
            [
                "/bin/sh",
                "-c",
                "vim -c 'set tw=72' \"$@\"",
                "vim -c 'set tw=72'",
                "/drafts/a b.md"
            ]
        );
        assert_eq!(words("$HOME/bin/ed")[..2], ["/bin/sh", "-c"]);
    }
}
