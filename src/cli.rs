//! The command line, as clap types: one struct per command, each run by
//! its own module in `cmd`. No logic lives here.

use chrono::{NaiveDate, NaiveTime};
use clap::{Arg, Args, Parser, Subcommand, ValueEnum, ValueHint};
use std::path::PathBuf;

use crate::dates;
use crate::feed;
use crate::site;
use crate::terminal::ColorChoice;

const EXAMPLES: &str = "\
Examples:
  tips                      Today's tip, with its coaching prompts
  tips show respect         Tip 7 before a hard meeting (also: tips show 7, tips show resp)
  tips countdown            Days to Valentine's Day and where the season stands
  tips --date 2027-02-10    The tip of another day
  tips list --json          All tips, for scripts
  tips calendar > tips.ics  The season as events to import into a calendar program
  eval \"$(tips init bash)\"  A short tip at every new terminal (see tips init --help)";

/// Romantic Sales: coaching tips for complex, high-tech selling.
///
/// Ten tips, each mapping a habit of a good romance onto a habit of
/// complex selling, first published one a day from 4 to 13 February in the
/// run-up to Valentine's Day. It shows the tip of the day, any tip by
/// name, a countdown to 14 February, and a short tip at every shell login.
#[derive(Debug, Parser)]
#[command(name = "tips", version, after_help = EXAMPLES, max_term_width = 100)]
// clap's own `help` command would be a second copy of every command, built
// at every start; `tips help` is a command of its own instead.
#[command(disable_help_subcommand = true)]
// An option given twice keeps the later value (`alias tips='tips --color
// always'` then `tips --color never`); clap applies this to every command.
#[command(args_override_self = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub global: GlobalArgs,
}

// Options every command takes, before the command or after it. They are
// declared for the top level and again inside each command (clap's
// `global` would copy all of them into every command at every start);
// `app` resolves the two, and where both are given the later one wins.
// Each is `None` (or false) when not given, so that the resolution needs
// no defaults. A command hides the ones that mean nothing to it from its
// help (`hidden`); it still accepts them, so that an alias that always
// passes one keeps working.
// (Plain comments: clap would show doc comments as help.)
#[derive(Debug, Default, Clone, PartialEq, Eq, Args)]
pub struct GlobalArgs {
    /// Act as if today were this date (default: today in the local time zone)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = dates::parse_date, value_hint = ValueHint::Other)]
    pub date: Option<NaiveDate>,

    /// Print machine-readable JSON instead of text
    #[arg(long)]
    pub json: bool,

    /// When to use colour [default: auto]; under auto, NO_COLOR, CLICOLOR, CLICOLOR_FORCE and
    /// TERM=dumb are honoured
    #[arg(long, value_name = "WHEN", value_enum)]
    pub color: Option<ColorChoice>,

    /// Read a team playbook of tips from this TOML file [default: $TIPS_FILE, else the first
    /// of $XDG_CONFIG_HOME/tips/tips.toml and tips/tips.toml in each of $XDG_CONFIG_DIRS that
    /// exists]
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub tips_file: Option<PathBuf>,
}

/// The ids of [`GlobalArgs`]' options, as [`hidden`] takes them: a name
/// misspelt here does not compile, and a unit test holds them to clap's.
mod global {
    pub const DATE: &str = "date";
    pub const JSON: &str = "json";
    pub const COLOR: &str = "color";
    pub const TIPS_FILE: &str = "tips_file";
}

/// For a command's `mut_args`: the global options that mean nothing to
/// that command, left out of its help.
fn hidden(ids: &'static [&'static str]) -> impl FnMut(Arg) -> Arg {
    move |arg| {
        if ids.contains(&arg.get_id().as_str()) {
            arg.hide(true)
        } else {
            arg
        }
    }
}

#[derive(Debug, Subcommand)]
// Each command's arguments are built only when that command is used.
#[command(defer = true)]
pub enum Command {
    /// Show the tip of the day (the default command)
    Today(TodayArgs),

    /// Show one tip with its coaching prompts
    Show(ShowArgs),

    /// List every tip: its number and slug (the names to type) and its title
    List(ListArgs),

    /// Count the days to Valentine's Day and show where the season stands
    Countdown(CountdownArgs),

    /// Show a tip chosen at random
    Random(RandomArgs),

    /// Show the short form for logins: a title, a prompt and the countdown
    Motd(MotdArgs),

    /// Print the shell code that shows a tip in each new terminal
    Init(InitArgs),

    /// Search the tips for words
    Search(SearchArgs),

    /// Write the season, or any run of days, as an iCalendar file
    Calendar(CalendarArgs),

    /// Write the tip of each recent day as an Atom feed, for a team's chat channel
    Feed(FeedArgs),

    /// Write the tips in force as a static web site into a folder
    Site(SiteArgs),

    /// Print the built-in tips as a playbook to start your own from
    Export(ExportArgs),

    /// Write down your answers to a tip's prompts, kept in your journal
    Reflect(ReflectArgs),

    /// Read what you wrote in your journal, newest first
    Journal(JournalArgs),

    /// Show where tips looks for a playbook and keeps its state
    Paths(PathsArgs),

    /// Print shell completions
    Completions(CompletionsArgs),

    /// Print the manual page (roff)
    Man(ManArgs),

    /// Show the help of tips, or of one of its commands
    Help(HelpArgs),
}

#[derive(Debug, Default, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "\
From 4 to 13 February the tips follow the series, one a day (Respect on
10 February); on other days they take turns, each once in every ten days.

Examples:
  tips today
  tips today --date 2027-02-14
  tips today --json")]
pub struct TodayArgs {
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "\
Examples:
  tips show respect
  tips show 7
  tips show resp --json")]
pub struct ShowArgs {
    /// A tip's slug, number, or the start of its slug (any case)
    #[arg(value_name = "NAME")]
    pub name: String,
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "Examples:\n  tips list\n  tips list --json")]
#[command(mut_args(hidden(&[global::DATE])))]
pub struct ListArgs {
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "Examples:\n  tips countdown\n  tips countdown --date 2027-02-10 --json")]
pub struct CountdownArgs {
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "Examples:\n  tips random\n  tips random --json")]
#[command(mut_args(hidden(&[global::DATE])))]
pub struct RandomArgs {
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "\
At most eight lines, fitted to the terminal. Whatever goes wrong at run
time, it prints what it can and exits 0, so it never breaks a login.

Examples:
  tips motd
  tips motd --once-per-day")]
pub struct MotdArgs {
    /// Print only at the first call of the day; later calls print nothing
    #[arg(long)]
    pub once_per_day: bool,
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "\
Examples (add one line to your shell's start-up file; the if keeps the
shell quiet where tips is not installed; bash: ~/.bashrc, zsh: ~/.zshrc,
fish: ~/.config/fish/config.fish):
  bash  if command -v tips >/dev/null; then eval \"$(tips init bash)\"; fi
  zsh   if command -v tips >/dev/null; then eval \"$(tips init zsh)\"; fi
  fish  if command -q tips; tips init fish | source; end

The tip shows once a day, only in interactive terminals, and never when
~/.hushlogin exists or TIPS_QUIET is set.")]
#[command(mut_args(hidden(&[global::DATE, global::JSON, global::COLOR, global::TIPS_FILE])))]
pub struct InitArgs {
    /// The shell to print the code for
    #[arg(value_enum, ignore_case = true)]
    pub shell: InitShell,

    /// Show the tip in every new shell, not only the first of the day
    #[arg(long)]
    pub every_shell: bool,
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InitShell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "\
Every word must appear (any case) in a tip's title, tagline, body, prompts
or action; title hits rank first. Exits 1 when nothing matches.

Examples:
  tips search croco mojo
  tips search compromise --json")]
#[command(mut_args(hidden(&[global::DATE])))]
pub struct SearchArgs {
    /// Words to look for
    #[arg(value_name = "WORD", required = true, num_args = 1..)]
    pub words: Vec<String>,
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// The most days one calendar file or feed holds: a year.
pub const MOST_DAYS: u16 = 366;

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "\
Without --from and --days: the season that has not ended yet, 4 to 14
February, as eleven all-day events. Each event holds the day's tip with its
prompts; importing a newer file updates the events instead of doubling them.

Examples:
  tips calendar > season.ics
  tips calendar --alarm 08:30 > season.ics
  tips calendar --from 2027-04-01 --days 91 > quarter.ics
  tips calendar --from 2027-02-04 --days 11 --json")]
#[command(mut_args(hidden(&[global::COLOR])))]
pub struct CalendarArgs {
    /// The first day to write, instead of the season [requires --days]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = dates::parse_date, requires = "days", value_hint = ValueHint::Other)]
    pub from: Option<NaiveDate>,

    /// How many days to write, 1 to 366, from --from or else from today
    #[arg(long, value_name = "N", value_parser = dates::parse_days::<MOST_DAYS>, value_hint = ValueHint::Other, allow_negative_numbers = true)]
    pub days: Option<u16>,

    /// Add a reminder to each event at this local time of its day (with --json, each day's "alarm")
    #[arg(long, value_name = "HH:MM", value_parser = dates::parse_time, value_hint = ValueHint::Other)]
    pub alarm: Option<NaiveTime>,
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "\
One entry a day, newest first, each the tip of that day; an entry's id names
the feed (its --base-url) and the day, so a chat tool posts each day once,
and a changed playbook never reposts the days before. Give --base-url from
the first day the feed is published. With --json: JSON Feed 1.1.

Examples:
  tips feed > feed.xml
  tips feed --base-url https://intranet.example.com/tips > feed.xml
  tips feed --days 30 --json > feed.json")]
#[command(mut_args(hidden(&[global::COLOR])))]
pub struct FeedArgs {
    /// How many days, 1 to 366, ending today (or on --date)
    #[arg(long, value_name = "N", default_value_t = crate::feed::DEFAULT_DAYS, value_parser = dates::parse_days::<MOST_DAYS>, value_hint = ValueHint::Other, allow_negative_numbers = true)]
    pub days: u16,

    /// Where the site made by 'tips site' is served: each entry links to its tip's page there
    #[arg(long, value_name = "URL", value_parser = feed::parse_base_url, value_hint = ValueHint::Url)]
    pub base_url: Option<String>,
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "\
Examples:
  tips export > team.toml
  tips --tips-file team.toml list")]
#[command(mut_args(hidden(&[global::DATE, global::JSON, global::COLOR, global::TIPS_FILE])))]
pub struct ExportArgs {
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "\
Writes index.html (today's tip first, then every tip), a page per tip in
tip/, feed.xml (the tip of each of the last 7 days, as tips feed writes it),
season.ics (the season, as tips calendar writes it) and style.css: plain
pages with no script, linked relatively, to open as files or serve as they
are. The folder may hold other files: tips site replaces or removes only
what it wrote there and nobody changed since (listed in .tips-site), and
refuses to run rather than overwrite anything else, naming every file in
the way; a file no longer in the site (the page of a tip no longer in
force) is removed once the new index is in place. Each file is written
whole under a temporary name, then moved into place, the index last. Runs
on one folder take turns (a run waits up to 30 seconds for another).

Examples:
  tips site ~/public_html/tips
  tips site /srv/www/tips --base-url https://intranet.example.com/tips/
  tips --tips-file team.toml site public --date 2027-02-10")]
#[command(mut_args(hidden(&[global::JSON, global::COLOR])))]
pub struct SiteArgs {
    /// The folder to write the site into; made where it is missing
    #[arg(value_name = "DIR", value_parser = site::parse_folder, value_hint = ValueHint::DirPath)]
    pub dir: PathBuf,

    /// Where the site will be served: the feed's entries link to each tip's page there
    #[arg(long, value_name = "URL", value_parser = feed::parse_base_url, value_hint = ValueHint::Url)]
    pub base_url: Option<String>,
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "\
On a terminal, opens your editor ($VISUAL, else $EDITOR, else vi) on a draft
that shows the tip's action and asks its prompts: write under each one. On
save, lines starting with ';' (outside fenced code) and prompts left
unanswered are removed, and an empty entry keeps nothing. A draft kept from a failed edit of the same tip
and day is reopened. Without a terminal, the entry is read from stdin.
Entries are Markdown files under $XDG_DATA_HOME/tips/journal (see tips
paths); the tip shows the newest one under 'Last time'.

Examples:
  tips reflect
  tips reflect respect -m 'Asked the architect to walk me through the rollout'
  echo 'Listened first; it worked' | tips reflect 7 --date 2027-02-10")]
pub struct ReflectArgs {
    /// The tip: its slug, number or the start of its slug [default: the tip of the day]
    #[arg(value_name = "NAME")]
    pub name: Option<String>,

    /// The entry itself, instead of an editor or stdin; given more than once, each is a paragraph
    // A note may well start with a dash: "-5% was the line they took".
    #[arg(short = 'm', long = "message", value_name = "TEXT", value_hint = ValueHint::Other, allow_hyphen_values = true)]
    pub message: Vec<String>,
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "\
Each entry is shown whole, newest first, under its date and its tip, as git
log shows commits; --oneline lists each on one line: its date, its tip and
its first line. The journal never leaves this machine: back it up by copying
the folder tips paths shows.

Examples:
  tips journal respect
  tips journal --oneline
  tips journal respect --since 2027-01-01
  tips journal --markdown > journal.md
  tips journal --json")]
#[command(mut_args(hidden(&[global::DATE])))]
pub struct JournalArgs {
    /// Only the entries of this tip: its slug, number or the start of its slug
    #[arg(value_name = "NAME")]
    pub name: Option<String>,

    /// Only entries dated on or after this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = dates::parse_date, value_hint = ValueHint::Other)]
    pub since: Option<NaiveDate>,

    /// One line per entry: its date, its tip and its first line
    #[arg(long)]
    pub oneline: bool,

    /// Print the entries in full as one Markdown document, to share with a coach
    #[arg(long)]
    pub markdown: bool,
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "Examples:\n  tips paths\n  tips paths --json")]
#[command(mut_args(hidden(&[global::DATE])))]
pub struct PathsArgs {
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "\
Examples:
  tips completions bash > ~/.local/share/bash-completion/completions/tips
  tips completions zsh > ~/.zfunc/_tips
  tips completions fish > ~/.config/fish/completions/tips.fish")]
#[command(mut_args(hidden(&[global::DATE, global::JSON, global::COLOR, global::TIPS_FILE])))]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "Example:\n  tips man > ~/.local/share/man/man1/tips.1")]
#[command(mut_args(hidden(&[global::DATE, global::JSON, global::COLOR, global::TIPS_FILE])))]
pub struct ManArgs {
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
// Help shown only with this command's --help, so it is built only then.
#[command(after_help = "Examples:\n  tips help\n  tips help show")]
#[command(mut_args(hidden(&[global::DATE, global::JSON, global::COLOR, global::TIPS_FILE])))]
pub struct HelpArgs {
    /// The command to explain; without one, tips itself
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    // The global options, where they are given after the command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The names `hidden` is given are the ids clap gives the global
    /// options, every one of them.
    #[test]
    fn the_hidden_names_are_the_global_options_ids() {
        let options = GlobalArgs::augment_args(clap::Command::new("tips"));
        let mut ids: Vec<&str> = options
            .get_arguments()
            .map(|arg| arg.get_id().as_str())
            .collect();
        ids.sort_unstable();
        let mut named = vec![global::DATE, global::JSON, global::COLOR, global::TIPS_FILE];
        named.sort_unstable();
        assert_eq!(ids, named);
        // And a command that hides one does hide it.
        let tips = Cli::command();
        let init = tips.find_subcommand("init").unwrap().clone();
        let mut init = init;
        init.build();
        let global_in_init: Vec<&Arg> = init
            .get_arguments()
            .filter(|arg| ids.contains(&arg.get_id().as_str()))
            .collect();
        assert_eq!(global_in_init.len(), ids.len());
        assert!(global_in_init.iter().all(|arg| arg.is_hide_set()));
    }
}
