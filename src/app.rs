//! Sets up a run and reports how it ended: parses the command line,
//! decides colour and width once, opens the one stdout, hands over to the
//! command, and turns the outcome into an exit code.

use std::process::ExitCode;

use crate::cli::{Cli, Command, GlobalArgs, TodayArgs};
use crate::cmd::{Run, Session};
use crate::error::Error;
use crate::output::Output;
use crate::terminal::Terminal;

/// A command line, resolved: the command, and the global options in force.
pub struct Invocation {
    pub command: Command,
    pub global: GlobalArgs,
}

/// clap's parse of the process's arguments, with the global options given
/// before and after the command resolved into one set.
pub fn parse_command_line() -> Result<Invocation, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let mut command = Cli::command();
    let mut matches = command.try_get_matches_from_mut(std::env::args_os())?;
    // Which global options were given after the command, asked before the
    // values are taken out of the matches (which saves cloning them).
    let given_after = GivenAfter::of(&matches);
    let cli = Cli::from_arg_matches_mut(&mut matches)?;
    let invocation = match cli.command {
        None => Invocation {
            command: Command::Today(TodayArgs::default()),
            global: cli.global,
        },
        Some(subcommand) => {
            let global = later_wins(cli.global, subcommand.global(), given_after);
            Invocation {
                command: subcommand,
                global,
            }
        }
    };
    // Freeing clap's tree of every command and option, and its matches,
    // costs about a third as much as building them, and `tips` exits
    // moments later, when the system reclaims all of it at once.
    std::mem::forget(matches);
    std::mem::forget(command);
    Ok(invocation)
}

/// Which global options the command line gave after the command.
#[derive(Debug, Clone, Copy, Default)]
struct GivenAfter {
    date: bool,
    color: bool,
    tips_file: bool,
}

impl GivenAfter {
    fn of(matches: &clap::ArgMatches) -> GivenAfter {
        let Some((_, after)) = matches.subcommand() else {
            return GivenAfter::default();
        };
        let given =
            |id: &str| after.value_source(id) == Some(clap::parser::ValueSource::CommandLine);
        GivenAfter {
            date: given("date"),
            color: given("color"),
            tips_file: given("tips_file"),
        }
    }
}

/// Each global option as given after the command where it was given there,
/// else as given before it (or its default).
fn later_wins(before: GlobalArgs, after: &GlobalArgs, given_after: GivenAfter) -> GlobalArgs {
    GlobalArgs {
        date: if given_after.date {
            after.date
        } else {
            before.date
        },
        json: before.json || after.json,
        color: if given_after.color {
            after.color
        } else {
            before.color
        },
        tips_file: if given_after.tips_file {
            after.tips_file.clone()
        } else {
            before.tips_file
        },
    }
}

pub fn run(invocation: Invocation) -> ExitCode {
    let mut out = Output::new(Terminal::detect(invocation.global.color));
    let session = Session::new(&invocation.global);
    let result = invocation
        .command
        .run(&session, &mut out)
        .and_then(|()| out.flush().map_err(Error::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => error.report(),
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
