//! The commands: what each does with a parsed command line. Every command
//! implements [`Run`], and [`Command`]'s `run` hands over to the one asked
//! for. A command gathers what it needs from the [`Session`], asks the
//! domain, and writes a page, JSON or raw text through [`Output`].

mod calendar;
mod completions;
mod countdown;
mod export;
mod feed;
mod help;
mod init;
mod journal;
mod list;
mod man;
mod motd;
mod paths;
mod random;
mod reflect;
mod search;
mod show;
mod site;
mod today;

pub use completions::complete_if_asked;

/// `tips search` with no word to look for, however it was typed.
pub const SEARCH_NEEDS_A_WORD: &str =
    "'tips search' needs a word to look for, such as: tips search compromise";

use chrono::NaiveDate;
use std::path::PathBuf;

use crate::cli::{Command, GlobalArgs};
use crate::dates;
use crate::error::Error;
use crate::journal::Entry;
use crate::locations::{self, PlaybookLocation};
use crate::output::Output;
use crate::playbook::{self, Loaded};
use crate::tip::{Tip, TipSet};
use crate::view::{json, pages};

pub trait Run {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error>;
}

/// `each_command!(command, args => expr)`: `expr` for whichever command it
/// is, with `args` bound to that command's arguments. The one place in the
/// code that goes through every command of `cli::Command`, and the
/// compiler keeps the two in step (a command missing here does not build).
macro_rules! each_command {
    ($command:expr, $args:ident => $body:expr) => {
        match $command {
            Command::Today($args) => $body,
            Command::Show($args) => $body,
            Command::List($args) => $body,
            Command::Countdown($args) => $body,
            Command::Random($args) => $body,
            Command::Motd($args) => $body,
            Command::Init($args) => $body,
            Command::Search($args) => $body,
            Command::Calendar($args) => $body,
            Command::Export($args) => $body,
            Command::Feed($args) => $body,
            Command::Site($args) => $body,
            Command::Reflect($args) => $body,
            Command::Journal($args) => $body,
            Command::Paths($args) => $body,
            Command::Completions($args) => $body,
            Command::Man($args) => $body,
            Command::Help($args) => $body,
        }
    };
}

impl Run for Command {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        each_command!(self, command => command.run(session, out))
    }
}

impl Command {
    /// The global options as given after the command.
    pub fn global_mut(&mut self) -> &mut GlobalArgs {
        each_command!(self, command => &mut command.global)
    }
}

/// What every command may ask for: the global options, and what follows
/// from them and the environment. Each is worked out only when asked, so
/// that `tips init` never reads a time zone and `tips today` never looks
/// for a state directory.
pub struct Session {
    date: Option<NaiveDate>,
    json: bool,
    tips_file: Option<PathBuf>,
}

impl Session {
    pub fn new(global: &GlobalArgs) -> Session {
        Session {
            date: global.date,
            json: global.json,
            tips_file: global.tips_file.clone(),
        }
    }

    pub fn json(&self) -> bool {
        self.json
    }

    /// For commands whose output has no JSON form: `--json` is refused
    /// rather than ignored, so that a script cannot mistake the text for
    /// JSON.
    pub fn text_only(&self, command: &str, prints: &str) -> Result<(), Error> {
        if self.json {
            return Err(Error::Usage(format!(
                "'tips {command}' prints {prints}, which has no JSON form: leave out --json"
            )));
        }
        Ok(())
    }

    /// `--date`, else the local calendar date.
    pub fn today(&self) -> NaiveDate {
        self.date.unwrap_or_else(dates::local_today)
    }

    /// Every place a playbook may come from, in order of precedence.
    pub fn playbook_places(&self) -> Vec<PlaybookLocation> {
        locations::playbook_places(self.tips_file.as_deref(), &locations::process_env)
    }

    /// Where the login tip remembers the day it was last shown.
    pub fn state_dir(&self) -> Option<PathBuf> {
        locations::state_dir(&locations::process_env).and_then(under_a_home_that_is_there)
    }

    /// Where the journal's entries are kept.
    pub fn journal_dir(&self) -> Option<PathBuf> {
        locations::journal_dir(&locations::process_env)
    }

    /// Where the journal's entries are kept, for the commands that cannot
    /// do without it: where it cannot be found, the one error that says
    /// why.
    pub fn journal_folder(&self) -> Result<PathBuf, Error> {
        // Where entries are written, and so folders made: never in a HOME
        // that is not there. A read (the tip's "Last time") finds nothing
        // there anyway, and pays for no look.
        self.journal_dir()
            .and_then(under_a_home_that_is_there)
            .ok_or_else(|| {
            Error::Failure(
                "cannot find the journal: set HOME to a folder that is there, or XDG_DATA_HOME to an absolute path"
                    .to_string(),
            )
        })
    }

    /// The newest journal entry of a tip, dated today or before; `None`
    /// where there is none or no journal can be found. Reads one file.
    pub fn last_time(&self, tip: &Tip) -> Option<Entry> {
        crate::journal::newest(&self.journal_dir()?, &tip.slug, self.today())
    }

    /// The tips in force, or where a playbook is broken, the built-in
    /// tips and the error: for the journal, which is the user's own and
    /// must not be locked away by a team's typo.
    pub fn tips_or_builtin(&self) -> (TipSet, Option<Error>) {
        match self.tips() {
            Ok(tips) => (tips, None),
            Err(error) => (TipSet::builtin(), Some(error)),
        }
    }

    /// The tips in force; a broken playbook is an error (exit 1).
    pub fn tips(&self) -> Result<TipSet, Error> {
        let places = self.playbook_places();
        let Loaded { tips, .. } = playbook::load(&places);
        tips.map_err(|error| Error::Failure(error.to_string()))
    }
}

/// `dir`, unless it lies in a HOME that is not there: Debian gives system
/// users `HOME=/nonexistent` so that nothing is ever made there, and a
/// login as such a user must not make it.
fn under_a_home_that_is_there(dir: PathBuf) -> Option<PathBuf> {
    match std::env::var_os("HOME").map(PathBuf::from) {
        Some(home) if home.is_absolute() && dir.starts_with(&home) && !home.is_dir() => None,
        _ => Some(dir),
    }
}

/// A whole tip, as a page or as one JSON object.
fn print_tip(
    session: &Session,
    out: &mut Output,
    tip: &Tip,
    valentines_day: bool,
) -> Result<(), Error> {
    print_tip_with_last_time(session, out, tip, valentines_day, None)
}

/// A whole tip, followed by the newest journal entry on it where there is
/// one (`last_time` in JSON).
fn print_tip_with_last_time(
    session: &Session,
    out: &mut Output,
    tip: &Tip,
    valentines_day: bool,
    last_time: Option<&Entry>,
) -> Result<(), Error> {
    if session.json() {
        out.json(&json::TipWithLastTime::new(tip, last_time))?;
    } else {
        let mut page = pages::tip_page(tip, valentines_day);
        if let Some(entry) = last_time {
            pages::add_last_time(&mut page, entry, tip);
        }
        out.page(&page)?;
    }
    Ok(())
}
