//! `tips completions SHELL`, with the slugs of the tips in force offered
//! after `tips show`.

use clap::builder::PossibleValuesParser;
use clap::CommandFactory;

use super::{Run, Session};
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Error;
use crate::output::Output;
use crate::tip::Tip;
use crate::untrusted::visible;

impl Run for CompletionsArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        session.text_only("completions", "shell code")?;
        completions(session, out, self.shell)
    }
}

fn completions(session: &Session, out: &mut Output, shell: clap_complete::Shell) -> Result<(), Error> {
    let tips = session.tips()?;
    let slugs: Vec<String> = tips.all().iter().map(|tip| tip.slug.to_string()).collect();
    // Only the generated script lists the slugs: the parser itself also
    // takes numbers and prefixes, so it must not be limited to them.
    let mut command = Cli::command().mut_subcommand("show", |show| {
        show.mut_arg("name", |name| {
            name.value_parser(PossibleValuesParser::new(slugs))
        })
    });
    // clap_complete panics if its writer fails, so write to memory first
    // and let a closed pipe end the command quietly, as everywhere else.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "tips", &mut script);
    if shell == clap_complete::Shell::Fish {
        append_fish_slugs(&mut script, tips.all());
    }
    out.raw(&script)?;
    Ok(())
}

/// clap_complete's fish script completes options and subcommands but not
/// a positional's values, so the slugs are added here, each described by
/// its title.
fn append_fish_slugs(script: &mut Vec<u8>, tips: &[Tip]) {
    for tip in tips {
        // In fish's single quotes only \\ and \' are special; titles come
        // from playbooks, so they are quoted with care.
        let title = visible(&tip.title)
            .replace('\\', "\\\\")
            .replace('\'', "\\'");
        script.extend_from_slice(
            format!(
                "complete -c tips -n \"__fish_tips_using_subcommand show\" -f -a '{}' -d '{title}'\n",
                tip.slug
            )
            .as_bytes(),
        );
    }
}
