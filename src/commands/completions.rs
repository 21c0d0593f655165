//! `tips completions SHELL`, with the slugs of the tips in force offered
//! after `tips show`.

use clap::builder::PossibleValuesParser;
use clap::CommandFactory;

use crate::app::Session;
use crate::cli::Cli;
use crate::error::Error;
use crate::output::Output;

pub fn run(session: &Session, out: &mut Output, shell: clap_complete::Shell) -> Result<(), Error> {
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
    out.raw(&script)?;
    Ok(())
}
