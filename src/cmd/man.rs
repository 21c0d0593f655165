//! `tips man`: the manual page, generated from the clap definition, so it
//! documents every command and option there is, in one page.

use clap::{Arg, CommandFactory};
use roff::{bold, italic, roman, Inline, Roff};

use super::{Run, Session};
use crate::cli::{Cli, ManArgs};
use crate::error::Error;
use crate::output::Output;

/// The date this version was released, for the page's title line. It moves
/// with the version in Cargo.toml, so that a page built twice is the same.
const RELEASED: &str = "2026-11-26";

impl Run for ManArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        session.text_only("man", "a manual page in roff")?;
        let mut command = Cli::command();
        command.build();
        out.raw(page(&command).as_bytes())?;
        Ok(())
    }
}

fn page(tips: &clap::Command) -> String {
    let mut roff = Roff::new();
    let source = format!("tips {}", env!("CARGO_PKG_VERSION"));
    roff.control(
        "TH",
        ["TIPS", "1", RELEASED, source.as_str(), "User Commands"],
    );

    roff.control("SH", ["NAME"]);
    let about = tips
        .get_about()
        .map(ToString::to_string)
        .unwrap_or_default();
    roff.text([roman(format!("tips - {about}"))]);

    roff.control("SH", ["SYNOPSIS"]);
    synopsis(&mut roff, tips, tips, &[]);
    for command in tips.get_subcommands() {
        roff.control("br", []);
        synopsis(&mut roff, tips, command, &["tips"]);
    }

    roff.control("SH", ["DESCRIPTION"]);
    let description = tips
        .get_long_about()
        .map(ToString::to_string)
        .unwrap_or(about);
    paragraphs(&mut roff, description.split("\n\n").skip(1), true);

    roff.control("SH", ["GLOBAL OPTIONS"]);
    roff.text([roman(
        "These work with every command, before or after it; where one is given twice, the later wins.",
    )]);
    for arg in visible_args(tips) {
        option(&mut roff, arg);
    }

    roff.control("SH", ["COMMANDS"]);
    roff.text([
        roman("Without a command, "),
        bold("tips"),
        roman(" runs "),
        bold("today"),
        roman("."),
    ]);
    for command in tips.get_subcommands() {
        roff.control("SS", [command.get_name()]);
        if let Some(about) = command.get_about() {
            roff.text([roman(format!("{about}."))]);
        }
        for arg in visible_args(command).filter(|arg| !is_global(tips, arg)) {
            option(&mut roff, arg);
        }
        if let Some(after) = command.get_after_help() {
            after_help(&mut roff, &after.to_string(), false);
        }
    }

    roff.control("SH", ["EXAMPLES"]);
    if let Some(after) = tips.get_after_help() {
        // `--help` labels its examples; under this heading the label would
        // say it twice.
        let after = after.to_string();
        let examples = after.strip_prefix("Examples:\n").unwrap_or(&after);
        after_help(&mut roff, examples, true);
    }

    for (heading, entries) in [("ENVIRONMENT", ENVIRONMENT), ("FILES", FILES)] {
        roff.control("SH", [heading]);
        for (name, text) in entries {
            roff.control("TP", []);
            roff.text([bold(*name)]);
            roff.text([roman(*text)]);
        }
    }

    roff.control("SH", ["EXIT STATUS"]);
    for (code, text) in EXIT_STATUS {
        roff.control("TP", []);
        roff.text([bold(*code)]);
        roff.text([roman(*text)]);
    }
    roff.to_roff()
}

/// The arguments a user can give (not --help and --version, which every
/// command has and the synopsis of `tips` names).
fn visible_args(command: &clap::Command) -> impl Iterator<Item = &Arg> {
    command
        .get_arguments()
        .filter(|arg| !arg.is_hide_set() && !matches!(arg.get_id().as_str(), "help" | "version"))
}

/// Whether an argument of a command is one of the global options, which
/// every command repeats.
fn is_global(tips: &clap::Command, arg: &Arg) -> bool {
    tips.get_arguments()
        .any(|global| global.get_id() == arg.get_id())
}

/// `tips show NAME`: the command, its own options with their values, and
/// its positionals.
fn synopsis(roff: &mut Roff, tips: &clap::Command, command: &clap::Command, parents: &[&str]) {
    let mut line: Vec<Inline> = Vec::new();
    for parent in parents {
        line.push(bold(*parent));
        line.push(roman(" "));
    }
    line.push(bold(command.get_name()));
    let top = parents.is_empty();
    for arg in visible_args(command).filter(|arg| top || !is_global(tips, arg)) {
        line.push(roman(" "));
        line.extend(usage(arg));
    }
    if top {
        line.push(roman(" ["));
        line.push(italic("COMMAND"));
        line.push(roman("]"));
    }
    roff.text(line);
}

/// One argument as the synopsis shows it: `[--date YYYY-MM-DD]`, `NAME`,
/// `{bash|zsh|fish}`.
fn usage(arg: &Arg) -> Vec<Inline> {
    let value = value_name(arg);
    let mut parts = Vec::new();
    let optional = !arg.is_required_set();
    if optional {
        parts.push(roman("["));
    }
    match arg.get_long() {
        Some(long) => {
            parts.push(bold(format!("--{long}")));
            if let Some(value) = value {
                parts.push(roman(" "));
                parts.push(italic(value));
            }
        }
        None => parts.push(italic(value.unwrap_or_else(|| arg.get_id().to_string()))),
    }
    if optional {
        parts.push(roman("]"));
    }
    if matches!(arg.get_num_args(), Some(range) if range.max_values() > 1) {
        parts.push(roman("..."));
    }
    parts
}

/// The value an argument takes, by name or as its list of choices.
fn value_name(arg: &Arg) -> Option<String> {
    if !arg.get_action().takes_values() {
        return None;
    }
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| value.get_name().to_string())
        .collect();
    if !choices.is_empty() && arg.get_long().is_none() {
        return Some(choices.join("|"));
    }
    arg.get_value_names()
        .map(|names| names.join(" "))
        .or_else(|| Some(arg.get_id().to_string().to_uppercase()))
}

/// An indented paragraph for one option: its usage, its help, and what
/// each of its choices means.
fn option(roff: &mut Roff, arg: &Arg) {
    roff.control("TP", []);
    let mut head = usage(arg);
    if !arg.is_required_set() {
        // The brackets of the synopsis say "optional"; a list of options
        // does not need them.
        head.remove(0);
        head.pop();
    }
    if let Some(short) = arg.get_short() {
        head.splice(0..0, [bold(format!("-{short}")), roman(", ")]);
    }
    roff.text(head);
    if let Some(help) = arg.get_long_help().or_else(|| arg.get_help()) {
        roff.text([roman(sentence(&help.to_string()))]);
    }
    let choices: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|value| !value.is_hide_set())
        .collect();
    if choices.iter().any(|value| value.get_help().is_some()) {
        for value in choices {
            roff.control("RS", []);
            roff.control("TP", []);
            roff.text([bold(value.get_name())]);
            if let Some(help) = value.get_help() {
                roff.text([roman(sentence(&help.to_string()))]);
            }
            roff.control("RE", []);
        }
    } else if !choices.is_empty() && arg.get_long().is_some() {
        let names: Vec<&str> = choices.iter().map(|value| value.get_name()).collect();
        roff.text([roman(format!("One of: {}.", names.join(", ")))]);
    }
}

/// Help texts are written as phrases; the page reads in sentences.
fn sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.ends_with(['.', ']', ')']) {
        text
    } else {
        format!("{text}.")
    }
}

/// Prose paragraphs, filled. Right after a heading the first needs no
/// paragraph break of its own.
fn paragraphs<'a>(roff: &mut Roff, texts: impl Iterator<Item = &'a str>, after_heading: bool) {
    for (index, text) in texts.enumerate() {
        if index > 0 || !after_heading {
            roff.control("PP", []);
        }
        roff.text([roman(text.split_whitespace().collect::<Vec<_>>().join(" "))]);
    }
}

/// A command's after-help: prose is filled, and the indented lines (the
/// examples) are shown exactly as written.
fn after_help(roff: &mut Roff, text: &str, after_heading: bool) {
    for (index, block) in text.split("\n\n").enumerate() {
        let (prose, examples): (Vec<&str>, Vec<&str>) =
            block.lines().partition(|line| !line.starts_with(' '));
        let prose = prose.join(" ");
        if !prose.is_empty() {
            paragraphs(
                roff,
                std::iter::once(prose.as_str()),
                after_heading && index == 0,
            );
        }
        if !examples.is_empty() {
            roff.control("RS", []);
            roff.control("nf", []);
            for line in examples {
                roff.text([roman(line.trim_start())]);
            }
            roff.control("fi", []);
            roff.control("RE", []);
        }
    }
}

const ENVIRONMENT: &[(&str, &str)] = &[
    ("TIPS_FILE", "A team playbook to use when --tips-file is not given; it must exist."),
    ("XDG_CONFIG_HOME", "Where the user's playbook is looked for, as tips/tips.toml (default: ~/.config)."),
    ("XDG_CONFIG_DIRS", "Colon-separated system folders looked in, in order, after the user's, for tips/tips.toml (default: /etc/xdg)."),
    ("XDG_STATE_HOME", "Where tips motd --once-per-day remembers the day (default: ~/.local/state)."),
    ("XDG_DATA_HOME", "Where the journal is kept, as tips/journal (default: ~/.local/share)."),
    ("VISUAL", "The editor tips reflect opens on a terminal; else EDITOR, else vi."),
    ("EDITOR", "The editor tips reflect opens where VISUAL is unset or empty."),
    ("TZ", "The time zone that decides today's date; one that names nothing readable means UTC."),
    ("NO_COLOR", "Set and not empty: no colour under --color auto."),
    ("CLICOLOR", "0: no colour under --color auto, even on a terminal."),
    ("CLICOLOR_FORCE", "Set and not 0: colour under --color auto, even into a pipe or file."),
    ("TERM", "dumb: no colour under --color auto."),
    ("COLUMNS", "The width to wrap to, instead of the terminal's (kept between 16 and 100)."),
    ("TIPS_QUIET", "Set to anything: the login snippets of tips init show nothing."),
];

const FILES: &[(&str, &str)] = &[
    ("~/.config/tips/tips.toml", "The user's own playbook."),
    (
        "/etc/xdg/tips/tips.toml",
        "A playbook for every user of the machine, used where the user has none.",
    ),
    (
        "~/.local/state/tips/",
        "The day the login tip was last shown.",
    ),
    (
        "~/.local/share/tips/journal/",
        "The journal: one folder per tip, one Markdown file per entry (SLUG/YYYY-MM-DD-N.md), private to the user.",
    ),
    (
        "~/.hushlogin",
        "Where it exists, the login snippets show nothing.",
    ),
    (
        "/usr/share/doc/romantic-sales/examples/update-motd.d-60-tips",
        "From the Debian package: a script for /etc/update-motd.d/, which shows the day's tip in the message of the day at SSH and console logins; installed as an example, not enabled.",
    ),
    (
        "/usr/share/doc/romantic-sales/examples/tips-site.service",
        "From the Debian package: a systemd user service that writes the site and its feed (tips site); copy it with tips-site.timer to ~/.config/systemd/user/ (the file says how).",
    ),
    (
        "/usr/share/doc/romantic-sales/examples/tips-site.timer",
        "From the Debian package: the systemd user timer that starts tips-site.service every day; enable it with systemctl --user enable --now tips-site.timer.",
    ),
    (
        "/usr/share/bash-completion/completions/tips, /usr/share/zsh/vendor-completions/_tips, /usr/share/fish/vendor_completions.d/tips.fish",
        "From the Debian package: the completions, as tips completions prints them.",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Done; also when the reader of a pipe goes away, and always for tips motd."),
    ("1", "Something failed: output could not be written, a playbook is broken, a search found nothing."),
    ("2", "Bad usage: an unknown tip, an impossible date, an unknown option, --json where there is no JSON form."),
];
