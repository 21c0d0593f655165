//! Sets up a run and reports how it ended: parses the command line,
//! decides colour and width once, opens the one stdout, hands over to the
//! command, and turns the outcome into an exit code.

use std::process::ExitCode;

use crate::cli::{Cli, Command, GlobalArgs, TodayArgs};
use crate::cmd::{Run, Session, SEARCH_NEEDS_A_WORD};
use crate::error::Error;
use crate::output::Output;
use crate::schema::nearest;
use crate::terminal::Terminal;

/// A command line, resolved: the command, and the global options in force.
pub struct Invocation {
    pub command: Command,
    pub global: GlobalArgs,
}

/// Where the shell asks for completions (at a TAB), the answer and how it
/// ended; `None` for every other run.
pub fn answer_completion_request() -> Option<ExitCode> {
    crate::cmd::complete_if_asked(std::env::args_os())
}

/// clap's parse of the process's arguments, with the global options given
/// before and after the command resolved into one set.
pub fn parse_command_line() -> Result<Invocation, clap::Error> {
    parse(std::env::args_os())
}

fn parse(
    args: impl IntoIterator<Item = impl Into<std::ffi::OsString> + Clone>,
) -> Result<Invocation, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let mut command = Cli::command();
    let mut matches = command.try_get_matches_from_mut(args)?;
    let cli = Cli::from_arg_matches_mut(&mut matches)?;
    let invocation = match cli.command {
        None => Invocation {
            command: Command::Today(TodayArgs::default()),
            global: cli.global,
        },
        Some(mut subcommand) => {
            let after = std::mem::take(subcommand.global_mut());
            Invocation {
                command: subcommand,
                global: later_wins(cli.global, after),
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

/// The global options given before the command, overridden by those given
/// after it. Every field is named, so a new global option does not compile
/// until it is resolved here.
fn later_wins(before: GlobalArgs, after: GlobalArgs) -> GlobalArgs {
    GlobalArgs {
        date: after.date.or(before.date),
        json: before.json || after.json,
        color: after.color.or(before.color),
        tips_file: after.tips_file.or(before.tips_file),
    }
}

pub fn run(invocation: Invocation) -> ExitCode {
    let mut out = Output::new(Terminal::detect(
        invocation.global.color.unwrap_or_default(),
    ));
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
    let command = command_named_in(std::env::args_os().skip(1));
    let message = in_words(error, command.as_deref())
        .unwrap_or_else(|| one_line(&error.render().to_string(), command.as_deref()));
    Error::Usage(message).report()
}

/// The refusals people meet most, said as a person would, from what clap
/// found (its kind of error and the argument and value concerned) rather
/// than from its English; `None` leaves the rest to `one_line`.
fn in_words(error: &clap::Error, command: Option<&str>) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| -> Vec<&str> {
        match error.get(kind) {
            Some(ContextValue::String(one)) => vec![one.as_str()],
            Some(ContextValue::Strings(many)) => many.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    };
    // clap names an argument as its usage shows it: `--days <N>`, `<SHELL>`.
    let arguments = context(ContextKind::InvalidArg);
    let argument = arguments.first().copied()?;
    let option = argument.split(' ').next().unwrap_or(argument);
    match error.kind() {
        ErrorKind::MissingRequiredArgument => match (command, option) {
            (Some("calendar"), "--days") => Some(FROM_NEEDS_DAYS.to_string()),
            (Some("show"), _) => Some(SHOW_NEEDS_A_NAME.to_string()),
            (Some("search"), _) => Some(SEARCH_NEEDS_A_WORD.to_string()),
            (Some(command @ ("init" | "completions")), "<SHELL>") => {
                let shells = if command == "init" {
                    names_of::<crate::cli::InitShell>()
                } else {
                    names_of::<clap_complete::Shell>()
                };
                let shells: Vec<&str> = shells.iter().map(String::as_str).collect();
                let shells = in_a_list(&shells, "or");
                Some(format!(
                    "'tips {command}' needs the name of a shell: {shells}, as in 'tips {command} bash'"
                ))
            }
            _ => None,
        },
        // What the value should be is the value parser's own refusal, so
        // each command's `--days` says its own range.
        ErrorKind::ValueValidation if option == "--days" => {
            let value = context(ContextKind::InvalidValue).first().copied()?;
            let wanted = std::error::Error::source(error)?;
            Some(if value.trim().is_empty() {
                format!("--days needs {wanted}")
            } else {
                format!("--days takes {wanted}, not {}", at_most_a_few_words(value))
            })
        }
        // No value at all: the parser is asked what it wants by giving it
        // none.
        ErrorKind::InvalidValue if option == "--days" => {
            let wanted = what_days_wants(command?)?;
            Some(format!("--days needs {wanted}"))
        }
        ErrorKind::InvalidValue => {
            let value = context(ContextKind::InvalidValue).first().copied()?;
            let known = context(ContextKind::ValidValue);
            if known.is_empty() {
                return None;
            }
            // clap suggests any value that shares a few letters (`tcsh`
            // gets zsh); only a slip of a letter or two is worth a guess,
            // and the name of another shell (ksh is one letter from zsh)
            // is no slip.
            let another_shell =
                option == "<SHELL>" && OTHER_SHELLS.contains(&value.to_lowercase().as_str());
            let guess = nearest(value, &known).filter(|_| !another_shell);
            Some(match (option, guess) {
                ("<SHELL>", None) => format!(
                    "{value} is not a shell tips knows; it knows {}",
                    in_a_list(&known, "and")
                ),
                ("<SHELL>", Some(guess)) => format!(
                    "{value} is not a shell tips knows: did you mean {guess}? (it knows {})",
                    in_a_list(&known, "and")
                ),
                (_, None) => format!("{option} takes {}, not {value}", in_a_list(&known, "or")),
                (_, Some(guess)) => format!(
                    "{option} takes {}, not {value}: did you mean {guess}?",
                    in_a_list(&known, "or")
                ),
            })
        }
        _ => None,
    }
}

/// A value typed on the command line, as a refusal quotes it: the first
/// 24 characters of a longer one, enough to tell which it was.
fn at_most_a_few_words(value: &str) -> String {
    const SHOWN: usize = 24;
    match value.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}

/// What `command`'s `--days` takes, in the words of its value parser.
fn what_days_wants(command: &str) -> Option<String> {
    use clap::CommandFactory;
    let refused = Cli::command()
        .try_get_matches_from(["tips", command, "--days", ""])
        .err()?;
    std::error::Error::source(&refused).map(ToString::to_string)
}

/// Shells people use that `tips` writes no code for.
const OTHER_SHELLS: &[&str] = &[
    "sh",
    "ash",
    "dash",
    "ksh",
    "mksh",
    "oksh",
    "csh",
    "tcsh",
    "nu",
    "xonsh",
    "elvish",
    "pwsh",
    "powershell",
    "ion",
    "osh",
    "ysh",
    "yash",
];

const FROM_NEEDS_DAYS: &str =
    "--from needs --days too: say how many days to write, as in --from 2027-04-01 --days 30";

const SHOW_NEEDS_A_NAME: &str =
    "'tips show' needs the name of a tip, such as respect or 7; see 'tips list'";

/// The values a command line takes for a `T`, as typed.
fn names_of<T: clap::ValueEnum>() -> Vec<String> {
    T::value_variants()
        .iter()
        .filter_map(|value| value.to_possible_value())
        .map(|value| value.get_name().to_string())
        .collect()
}

/// `bash, zsh and fish`.
fn in_a_list(items: &[&str], last_joined_by: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {last_joined_by} {last}", rest.join(", ")),
    }
}

/// The command a refused command line was for (`show` in `tips --color
/// never show --jsn`), where one can be told: the first word that is not an
/// option or the value of one, if it names a command.
fn command_named_in(args: impl Iterator<Item = std::ffi::OsString>) -> Option<String> {
    use clap::CommandFactory;
    let tips = Cli::command();
    // The options that take a value as the next word, before any command,
    // as clap itself defines them.
    let takes_a_value = |arg: &str| {
        tips.get_arguments().any(|option| {
            option.get_action().takes_values()
                && (option
                    .get_long()
                    .is_some_and(|long| arg.strip_prefix("--") == Some(long))
                    || option.get_short().is_some_and(|short| {
                        arg.strip_prefix('-') == Some(short.encode_utf8(&mut [0; 4]))
                    }))
        })
    };
    let mut args = args;
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy();
        if takes_a_value(&arg) {
            args.next();
        } else if !arg.starts_with('-') {
            return tips
                .get_subcommands()
                .any(|command| command.get_name() == arg)
                .then(|| arg.into_owned());
        }
    }
    None
}

/// clap's messages run over several paragraphs (`error: …` and what it
/// names, a tip, the usage); `tips` errors are one line, so keep the
/// message and its tips, and point to the help of the command concerned.
fn one_line(rendered: &str, command: Option<&str>) -> String {
    let paragraphs: Vec<String> = rendered
        .split("\n\n")
        .map(|paragraph| {
            paragraph
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let first = paragraphs.first().map(String::as_str).unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let mut message = if first.is_empty() {
        "invalid command line".to_string()
    } else {
        first.to_string()
    };
    for tip in paragraphs
        .iter()
        .filter_map(|paragraph| paragraph.strip_prefix("tip: "))
    {
        message.push_str(&format!(" ({tip})"));
    }
    match command {
        Some(command) => message.push_str(&format!("; see 'tips {command} --help'")),
        None => message.push_str("; see 'tips --help'"),
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminal::ColorChoice;
    use chrono::NaiveDate;

    /// The value of an option is never taken for the command, whichever
    /// option takes one: clap's definition says which do.
    #[test]
    fn the_command_of_a_refused_line_skips_the_values_of_options() {
        let named = |line: &str| command_named_in(line.split(' ').map(std::ffi::OsString::from));
        assert_eq!(named("--date show list --jsn").as_deref(), Some("list"));
        assert_eq!(named("--color show today --x").as_deref(), Some("today"));
        assert_eq!(
            named("--tips-file show journal --x").as_deref(),
            Some("journal")
        );
        assert_eq!(named("--json show --x").as_deref(), Some("show"));
        assert_eq!(named("--date 2027-02-10 nosuch").as_deref(), None);
    }

    fn global_options(line: &str) -> GlobalArgs {
        match parse(line.split(' ')) {
            Ok(invocation) => invocation.global,
            Err(error) => panic!("{line}: {error}"),
        }
    }

    fn day(text: &str) -> Option<NaiveDate> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn each_global_option_is_taken_before_or_after_the_command() {
        let given = GlobalArgs {
            date: day("2027-02-10"),
            json: true,
            color: Some(ColorChoice::Never),
            tips_file: Some("team.toml".into()),
        };
        let options = "--date 2027-02-10 --json --color never --tips-file team.toml";
        assert_eq!(global_options(&format!("tips {options} list")), given);
        assert_eq!(global_options(&format!("tips list {options}")), given);
        assert_eq!(global_options(&format!("tips {options}")), given);
        assert_eq!(global_options("tips list"), GlobalArgs::default());
    }

    #[test]
    fn the_later_of_two_values_wins_wherever_they_stand() {
        for line in [
            "tips --date 2027-01-01 --date 2027-02-10 --color always --color never --tips-file a --tips-file team.toml today",
            "tips today --date 2027-01-01 --date 2027-02-10 --color always --color never --tips-file a --tips-file team.toml",
            "tips --date 2027-01-01 --color always --tips-file a today --date 2027-02-10 --color never --tips-file team.toml",
            "tips --date 2027-01-01 --date 2027-02-10 --color always --color never --tips-file a --tips-file team.toml",
        ] {
            let options = global_options(line);
            assert_eq!(options.date, day("2027-02-10"), "{line}");
            assert_eq!(options.color, Some(ColorChoice::Never), "{line}");
            assert_eq!(options.tips_file, Some("team.toml".into()), "{line}");
        }
        assert!(global_options("tips --json list --json").json);
    }

    #[test]
    fn a_command_takes_its_own_options_twice_too() {
        let invocation = parse("tips motd --once-per-day --once-per-day".split(' ')).unwrap();
        assert!(matches!(invocation.command, Command::Motd(args) if args.once_per_day));
        let invocation =
            parse("tips calendar --days 3 --days 5 --alarm 07:00 --alarm 08:30".split(' '))
                .unwrap();
        let Command::Calendar(args) = invocation.command else {
            panic!("not the calendar");
        };
        assert_eq!(args.days, Some(5));
        assert_eq!(args.alarm, "08:30".parse().ok());
    }

    #[test]
    fn an_error_points_to_the_help_of_the_command_it_was_for() {
        let words = |line: &str| {
            command_named_in(
                line.split(' ')
                    .map(std::ffi::OsString::from)
                    .collect::<Vec<_>>()
                    .into_iter(),
            )
        };
        assert_eq!(words("reflect --mesage x").as_deref(), Some("reflect"));
        assert_eq!(
            words("--color never show resp --jsn").as_deref(),
            Some("show")
        );
        assert_eq!(
            words("--date 2027-02-10 journal --since").as_deref(),
            Some("journal")
        );
        assert_eq!(words("--colr never"), None);
        assert_eq!(words("shoe respect"), None);
    }

    #[test]
    fn clap_errors_become_one_line_with_their_tip() {
        let rendered = "error: unexpected argument '--colr' found\n\n  tip: a similar argument exists: '--color'\n\nUsage: tips [OPTIONS]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(rendered, None),
            "unexpected argument '--colr' found (a similar argument exists: '--color'); see 'tips --help'"
        );
    }

    /// What `tips` says of a refused command line, from clap's error.
    fn said(line: &str) -> Option<String> {
        let error = parse(line.split(' ')).err().expect("refused");
        let command = command_named_in(line.split(' ').skip(1).map(Into::into));
        in_words(&error, command.as_deref())
    }

    /// A command whose `--days` has another range says its own, with no
    /// change here.
    #[test]
    fn each_commands_days_says_its_own_range() {
        let fortnight = clap::Command::new("tips").subcommand(
            clap::Command::new("fortnight").arg(
                clap::Arg::new("days")
                    .long("days")
                    .value_name("N")
                    .value_parser(crate::dates::parse_days::<14>),
            ),
        );
        let error = fortnight
            .try_get_matches_from(["tips", "fortnight", "--days", "15"])
            .unwrap_err();
        assert_eq!(
            in_words(&error, Some("fortnight")).as_deref(),
            Some("--days takes a number of days from 1 to 14, not 15")
        );
        assert_eq!(
            what_days_wants("feed").as_deref(),
            Some("a number of days from 1 to 366")
        );
        for blank in ["", " ", "\t"] {
            assert_eq!(
                said(&format!("tips feed --days={blank}")).as_deref(),
                Some("--days needs a number of days from 1 to 366")
            );
        }
        let long = "9".repeat(100_000);
        assert_eq!(
            said(&format!("tips feed --days {long}")),
            Some(format!(
                "--days takes a number of days from 1 to 366, not {}…",
                "9".repeat(24)
            ))
        );
    }

    #[test]
    fn refusals_are_read_from_what_clap_found_not_from_its_english() {
        assert_eq!(
            said("tips calendar --days 0").as_deref(),
            Some("--days takes a number of days from 1 to 366, not 0")
        );
        assert_eq!(
            said("tips calendar --from 2027-04-01").as_deref(),
            Some(FROM_NEEDS_DAYS)
        );
        assert_eq!(said("tips show").as_deref(), Some(SHOW_NEEDS_A_NAME));
        assert_eq!(
            said("tips init tcsh").as_deref(),
            Some("tcsh is not a shell tips knows; it knows bash, zsh and fish")
        );
        // Anything else keeps clap's message, made one line.
        assert_eq!(said("tips --colr never"), None);
    }

    #[test]
    fn clap_errors_keep_what_they_name_on_the_next_line() {
        let rendered = "error: the following required arguments were not provided:\n  <SHELL>\n\nUsage: tips init <SHELL>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(rendered, Some("init")),
            "the following required arguments were not provided: <SHELL>; see 'tips init --help'"
        );
    }
}
