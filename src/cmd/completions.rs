//! Shell completion. `tips completions SHELL` prints a small script that
//! registers `tips` with the shell; at each TAB the shell runs `tips`
//! again with the words typed so far (and `_TIPS_COMPLETE` naming the
//! shell), and clap's completion engine answers from the command line's
//! own definition. Tip names are offered from the tips in force at that
//! moment, so a team playbook installed later is completed too.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::EnvCompleter;

use super::{Run, Session};
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Error;
use crate::locations;
use crate::output::Output;
use crate::playbook::{self, Loaded};
use crate::tip::TipSet;
use crate::untrusted::visible;

/// The variable that turns a run of `tips` into a completion request. Not
/// clap's default `COMPLETE`, which another program's set-up could leave in
/// the environment of every `tips` at login.
const REQUEST: &str = "_TIPS_COMPLETE";

/// The arguments whose values are tip names: (command, argument id).
const TIP_NAME_ARGS: &[(&str, &str)] = &[("show", "name")];

/// The argument whose values are the names of commands.
const COMMAND_NAME_ARG: (&str, &str) = ("help", "command");

impl Run for CompletionsArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        session.text_only("completions", "shell code")?;
        let shell = completer_for(self.shell);
        let mut script = Vec::new();
        // The script calls `tips` by name at each TAB, so one file serves
        // wherever tips is installed.
        shell.write_registration(REQUEST, "tips", "tips", "tips", &mut script)?;
        if self.shell == clap_complete::Shell::Zsh {
            script.extend_from_slice(ZSH_FIRST_TAB.as_bytes());
        }
        out.raw(&script)?;
        Ok(())
    }
}

/// zsh loads a completion file from `$fpath` as the body of the function
/// `_tips`, run at the first TAB. The registration only defines the
/// completer and binds it, which would leave that first TAB with nothing:
/// so, when run as `_tips`, it completes at once too. Sourced instead (from
/// a `.zshrc`), it only registers.
const ZSH_FIRST_TAB: &str = "\
if [[ ${funcstack[1]-} == _tips ]]; then
    _clap_dynamic_completer_tips \"$@\"
fi
";

fn completer_for(shell: clap_complete::Shell) -> &'static dyn EnvCompleter {
    use clap_complete::env::{Bash, Elvish, Fish, Powershell, Zsh};
    match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Elvish => &Elvish,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::PowerShell => &Powershell,
        clap_complete::Shell::Zsh => &Zsh,
        // clap_complete's list of shells may grow; a new one is offered
        // bash's script rather than none.
        _ => &Bash,
    }
}

/// Answers a completion request, if this run is one: `Some` exit code
/// after writing the candidates, `None` for an ordinary run (one look at
/// the environment).
pub fn complete_if_asked(args: impl IntoIterator<Item = OsString>) -> Option<ExitCode> {
    std::env::var_os(REQUEST)?;
    let current_dir = std::env::current_dir().ok();
    let answered = clap_complete::CompleteEnv::with_factory(command_with_tip_names)
        .var(REQUEST)
        .try_complete(args, current_dir.as_deref());
    match answered {
        Ok(true) => Some(ExitCode::SUCCESS),
        Ok(false) => None,
        // A failed completion offers nothing; the shell's line is left as
        // it was, and no message lands in the middle of it.
        Err(_) => Some(ExitCode::FAILURE),
    }
}

/// The command line's definition, with tip names offered where a tip is
/// named.
fn command_with_tip_names() -> clap::Command {
    let mut tips = Cli::command();
    // Each command's arguments are made only when it is built.
    tips.build();
    for (command, arg) in TIP_NAME_ARGS {
        tips = tips.mut_subcommand(command, |command| {
            command.mut_arg(arg, |arg| arg.add(ArgValueCandidates::new(tip_names)))
        });
    }
    let commands: Vec<(String, String)> = tips
        .get_subcommands()
        .map(|command| {
            let about = command.get_about().map(ToString::to_string);
            (command.get_name().to_string(), about.unwrap_or_default())
        })
        .collect();
    let command_names = move || {
        commands
            .iter()
            .map(|(name, about)| CompletionCandidate::new(name).help(Some(about.into())))
            .collect()
    };
    let (help, arg) = COMMAND_NAME_ARG;
    tips.mut_subcommand(help, |help| {
        help.mut_arg(arg, |arg| arg.add(ArgValueCandidates::new(command_names)))
    })
}

/// The tips in force where TAB is pressed (`TIPS_FILE`, the user's or the
/// machine's playbook), each described by its title; the built-in tips
/// where the playbook is broken, as at login.
fn tip_names() -> Vec<CompletionCandidate> {
    let places = locations::playbook_places(None, &locations::process_env);
    let Loaded { tips, .. } = playbook::load(&places);
    let tips = tips.unwrap_or_else(|_| TipSet::builtin());
    tips.all()
        .iter()
        .map(|tip| {
            CompletionCandidate::new(tip.slug.to_string())
                .help(Some(visible(&tip.title).into_owned().into()))
        })
        .collect()
}
