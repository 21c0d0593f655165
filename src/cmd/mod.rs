//! The commands: what each does with a parsed command line. Every command
//! implements [`Run`], and [`Command`]'s `run` hands over to the one asked
//! for. A command gathers what it needs from the [`Session`], asks the
//! domain, and writes a page, JSON or raw text through [`Output`].

mod calendar;
mod completions;
mod countdown;
mod export;
mod init;
mod journal;
mod json;
mod list;
mod man;
mod motd;
mod paths;
mod random;
mod reflect;
mod search;
mod show;
mod today;

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
use crate::view::pages;

pub trait Run {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error>;
}

impl Run for Command {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        self.parts().0.run(session, out)
    }
}

impl Command {
    /// The global options as given after the command.
    pub fn global(&self) -> &GlobalArgs {
        self.parts().1
    }

    /// The command to run, and the global options given after it: the one
    /// place that knows every command.
    fn parts(&self) -> (&dyn Run, &GlobalArgs) {
        match self {
            Command::Today(command) => (command, &command.global),
            Command::Show(command) => (command, &command.global),
            Command::List(command) => (command, &command.global),
            Command::Countdown(command) => (command, &command.global),
            Command::Random(command) => (command, &command.global),
            Command::Motd(command) => (command, &command.global),
            Command::Init(command) => (command, &command.global),
            Command::Search(command) => (command, &command.global),
            Command::Calendar(command) => (command, &command.global),
            Command::Export(command) => (command, &command.global),
            Command::Reflect(command) => (command, &command.global),
            Command::Journal(command) => (command, &command.global),
            Command::Paths(command) => (command, &command.global),
            Command::Completions(command) => (command, &command.global),
            Command::Man(command) => (command, &command.global),
        }
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
        locations::state_dir(&locations::process_env)
    }

    /// Where the journal's entries are kept.
    pub fn journal_dir(&self) -> Option<PathBuf> {
        locations::journal_dir(&locations::process_env)
    }

    /// The newest journal entry of a tip, dated today or before; `None`
    /// where there is none or no journal can be found. Reads one file.
    pub fn last_time(&self, tip: &Tip) -> Option<Entry> {
        crate::journal::newest(&self.journal_dir()?, &tip.slug, self.today())
    }

    /// The tips in force; a broken playbook is an error (exit 1).
    pub fn tips(&self) -> Result<TipSet, Error> {
        let places = self.playbook_places();
        let Loaded { tips, .. } = playbook::load(&places);
        tips.map_err(|error| Error::Failure(error.to_string()))
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
        out.json(&json::TipWithLastTime {
            tip,
            last_time: last_time.map(json::LastTimeJson::new),
        })?;
    } else {
        let mut page = pages::tip_page(tip, valentines_day);
        if let Some(entry) = last_time {
            pages::add_last_time(&mut page, entry);
        }
        out.page(&page)?;
    }
    Ok(())
}
