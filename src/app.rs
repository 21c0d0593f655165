//! Runs a parsed command line: decides colour and width once, opens the
//! one stdout, and hands over to the command.

use chrono::NaiveDate;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::commands;
use crate::error::Error;
use crate::locations::{self, PlaybookLocation};
use crate::output::Output;
use crate::terminal::Terminal;
use crate::tip::TipSet;
use crate::{calendar, playbook};

/// What every command may ask for. Each is worked out only when asked, so
/// that `tips init` never reads a time zone and `tips today` never looks
/// for a state directory.
pub struct Session {
    date: Option<NaiveDate>,
    pub json: bool,
    tips_file: Option<PathBuf>,
}

impl Session {
    pub fn today(&self) -> NaiveDate {
        self.date.unwrap_or_else(calendar::local_today)
    }

    pub fn playbook_location(&self) -> Option<PlaybookLocation> {
        locations::playbook(self.tips_file.as_deref(), &locations::process_env)
    }

    /// The tips in force; a broken playbook is an error (exit 1).
    pub fn tips(&self) -> Result<TipSet, Error> {
        playbook::tips_in_force(self.playbook_location().as_ref()).map_err(Error::Failure)
    }
}

/// clap's parse of the process's arguments.
pub fn parse_command_line() -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let mut command = Cli::command();
    let parsed = command
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|matches| {
            let cli = Cli::from_arg_matches(&matches);
            std::mem::forget(matches);
            cli
        });
    // Freeing clap's tree of every command and option, and its matches,
    // costs about a third as much as building them, and `tips` exits
    // moments later, when the system reclaims all of it at once.
    std::mem::forget(command);
    parsed
}

pub fn run(cli: Cli) -> ExitCode {
    let terminal = Terminal::detect(cli.global.color, |name| std::env::var(name).ok());
    let session = Session {
        date: cli.global.date,
        json: cli.global.json,
        tips_file: cli.global.tips_file,
    };
    let mut out = Output::new(terminal);
    let command = cli.command.unwrap_or(Command::Today);
    let login_hook = matches!(command, Command::Motd(_));

    let result =
        dispatch(command, &session, &mut out).and_then(|()| out.flush().map_err(Error::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A login must never fail: say what went wrong, and exit 0.
        Err(error) if login_hook => {
            error.warn();
            ExitCode::SUCCESS
        }
        Err(error) => error.report(),
    }
}

fn dispatch(command: Command, session: &Session, out: &mut Output) -> Result<(), Error> {
    match command {
        Command::Today => commands::today::run(session, out),
        Command::Show { name } => commands::show::run(session, out, &name),
        Command::List => commands::list::run(session, out),
        Command::Countdown => commands::countdown::run(session, out),
        Command::Random => commands::random::run(session, out),
        Command::Motd(args) => commands::motd::run(session, out, &args),
        Command::Init(args) => commands::init::run(out, &args),
        Command::Search { words } => commands::search::run(session, out, &words),
        Command::Export => commands::export::run(out),
        Command::Paths => commands::paths::run(session, out),
        Command::Completions { shell } => commands::completions::run(session, out, shell),
        Command::Man => commands::man::run(out),
    }
}

/// A command line that clap refused, or `--help` and `--version`, which
/// clap reports the same way.
pub fn report_parse_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        let mut out = Output::new(Terminal {
            color: false,
            width: 0,
        });
        let text = error.render().to_string();
        return match out.raw(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(io_error) => Error::Output(io_error).report(),
        };
    }
    Error::Usage(one_line(&error.render().to_string())).report()
}

/// clap's messages run over several paragraphs (`error: …` and what it
/// names, a tip, the usage); `tips` errors are one line, so keep the
/// message and its tips.
fn one_line(rendered: &str) -> String {
    let mut paragraphs = rendered.split("\n\n").map(|paragraph| {
        paragraph
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    });
    let first = paragraphs.next().unwrap_or_default();
    let mut message = first.strip_prefix("error: ").unwrap_or(&first).to_string();
    if message.is_empty() {
        message.push_str("invalid command line");
    }
    for tip in
        paragraphs.filter_map(|paragraph| paragraph.strip_prefix("tip: ").map(str::to_string))
    {
        message.push_str(&format!(" ({tip})"));
    }
    message.push_str("; see 'tips --help'");
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_errors_become_one_line_with_their_tip() {
        let rendered = "error: unexpected argument '--colr' found\n\n  tip: a similar argument exists: '--color'\n\nUsage: tips [OPTIONS]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(rendered),
            "unexpected argument '--colr' found (a similar argument exists: '--color'); see 'tips --help'"
        );
    }

    #[test]
    fn clap_errors_keep_what_they_name_on_the_next_line() {
        let rendered = "error: the following required arguments were not provided:\n  <NAME>\n\nUsage: tips show <NAME>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(rendered),
            "the following required arguments were not provided: <NAME>; see 'tips --help'"
        );
    }
}
