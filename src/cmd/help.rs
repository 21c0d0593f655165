//! `tips help [COMMAND]`: the same page as `tips --help` or `tips COMMAND
//! --help`, for people who ask the way git and cargo let them.

use clap::CommandFactory;

use super::{Run, Session};
use crate::cli::{Cli, HelpArgs};
use crate::error::Error;
use crate::output::Output;

impl Run for HelpArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        session.text_only("help", "help text")?;
        let mut tips = Cli::command();
        let mut asked = vec!["tips"];
        if let Some(name) = self.command.as_deref() {
            if tips.find_subcommand(name).is_none() {
                return Err(Error::Usage(unknown_command(&tips, name)));
            }
            asked.push(name);
        }
        asked.push("--help");
        // Asked of clap exactly as `--help` is, so the page is the same
        // (clap picks the long or the short layout by what the command has).
        let page = match tips.try_get_matches_from_mut(asked) {
            Err(help) => help.render().to_string(),
            Ok(_) => String::new(),
        };
        out.raw(page.as_bytes())?;
        Ok(())
    }
}

fn unknown_command(tips: &clap::Command, name: &str) -> String {
    let names: Vec<&str> = tips
        .get_subcommands()
        .map(clap::Command::get_name)
        .collect();
    match crate::schema::nearest(name, &names) {
        Some(known) => {
            format!("no command is called '{name}' (did you mean '{known}'?); see 'tips --help'")
        }
        None => format!("no command is called '{name}'; see 'tips --help'"),
    }
}
