//! `tips init SHELL`: the start-up snippet for a shell. The snippets are
//! files in `shell/`, so that they can be read, linted and tested as the
//! shell code they are.

use super::{Run, Session};
use crate::cli::{InitArgs, InitShell};
use crate::error::Error;
use crate::output::Output;

const BASH: &str = include_str!("../../shell/tips.bash");
const ZSH: &str = include_str!("../../shell/tips.zsh");
const FISH: &str = include_str!("../../shell/tips.fish");

/// Stands in the snippets where the mode goes: `once-per-day` (the
/// default) or `every-shell`.
const MODE: &str = "__TIPS_MODE__";

impl Run for InitArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        session.text_only("init", "shell code")?;
        out.raw(snippet(self.shell, self.every_shell).as_bytes())?;
        Ok(())
    }
}

pub fn snippet(shell: InitShell, every_shell: bool) -> String {
    let template = match shell {
        InitShell::Bash => BASH,
        InitShell::Zsh => ZSH,
        InitShell::Fish => FISH,
    };
    let mode = if every_shell {
        "every-shell"
    } else {
        "once-per-day"
    };
    template.replace(MODE, mode)
}
