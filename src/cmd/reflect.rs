//! `tips reflect [NAME]`: a journal entry on a tip, written in the user's
//! editor on a terminal, else read from stdin or given with `-m`.

use std::ffi::{CString, OsString};
use std::io::{self, IsTerminal, Read};
use std::path::Path;

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
        if let Some(open) = journal::open_to_others(&folder).filter(|open| open.open && !open.yours)
        {
            crate::error::warn(&format!(
                "the entry is saved, but not private: {} belongs to someone else, and others may read or write it",
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
fn editor_words(editor: &str, draft: &Path) -> Vec<OsString> {
    const SHELL_SYNTAX: &[char] = &[
        '|', '&', ';', '<', '>', '(', ')', '$', '`', '\\', '"', '\'', '*', '?', '[', '#', '~', '=',
        '%', '{', '}',
    ];
    let mut words: Vec<OsString> = if editor.contains(SHELL_SYNTAX) {
        vec![
            "/bin/sh".into(),
            "-c".into(),
            format!("{editor} \"$@\"").into(),
            editor.into(),
        ]
    } else {
        editor.split_whitespace().map(OsString::from).collect()
    };
    words.push(draft.as_os_str().to_owned());
    words
}

/// Runs the editor on the terminal `tips` was started on, and waits.
///
/// Started with `posix_spawnp` rather than `std::process::Command`: the
/// latter brings some forty C library functions into the binary, and the
/// dynamic loader binds every one of them at each start of `tips`, which a
/// login pays for though it never edits anything.
fn run_editor(editor: &str, draft: &Path) -> io::Result<Finished> {
    use std::os::unix::ffi::OsStrExt;
    extern "C" {
        static environ: *const *mut libc::c_char;
    }
    let words = editor_words(editor, draft)
        .into_iter()
        .map(|word| CString::new(word.as_bytes()))
        .collect::<Result<Vec<CString>, _>>()
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "it holds a NUL byte"))?;
    let mut argv: Vec<*mut libc::c_char> =
        words.iter().map(|word| word.as_ptr().cast_mut()).collect();
    argv.push(std::ptr::null_mut());
    let mut pid: libc::pid_t = 0;
    // Rust ignores SIGPIPE, and an ignored signal stays ignored across
    // exec: the editor gets the default back, as any program expects.
    // SAFETY: setting a disposition to SIG_DFL runs no handler code.
    let previous = unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    // SAFETY: `argv` is a null-terminated array of NUL-terminated strings
    // that outlive the call; null file actions and attributes ask for the
    // defaults; `environ` is the process's own environment.
    let spawned = unsafe {
        libc::posix_spawnp(
            &mut pid,
            argv[0],
            std::ptr::null(),
            std::ptr::null(),
            argv.as_ptr(),
            environ,
        )
    };
    // SAFETY: as above, restoring what was there.
    unsafe { libc::signal(libc::SIGPIPE, previous) };
    if spawned != 0 {
        return Err(io::Error::from_raw_os_error(spawned));
    }
    // Ctrl-C belongs to the editor while it runs, as with git: `tips`
    // waits for it, and the draft is dealt with afterwards.
    // SAFETY: as above.
    let interrupt = unsafe { libc::signal(libc::SIGINT, libc::SIG_IGN) };
    let mut status = 0;
    let waited = loop {
        // SAFETY: `pid` is our child; `status` is written by the call.
        if unsafe { libc::waitpid(pid, &mut status, 0) } != -1 {
            break Ok(());
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            break Err(error);
        }
    };
    // SAFETY: as above.
    unsafe { libc::signal(libc::SIGINT, interrupt) };
    waited?;
    Ok(if libc::WIFEXITED(status) {
        match libc::WEXITSTATUS(status) {
            0 => Finished::Success,
            code => Finished::Status(code),
        }
    } else {
        Finished::Signal
    })
}

/// The entry piped in: `echo "…" | tips reflect respect`.
fn from_stdin() -> Result<Option<String>, Error> {
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
    Ok(draft::entry_from_text(&text))
}
