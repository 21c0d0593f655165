//! `tips init SHELL`: the start-up snippet for a shell. The snippets are
//! files in `shell/`, so that they can be read, linted and tested as the
//! shell code they are.

use crate::cli::{InitArgs, InitShell};
use crate::error::Error;
use crate::output::Output;

const BASH: &str = include_str!("../../shell/tips.bash");
const ZSH: &str = include_str!("../../shell/tips.zsh");
const FISH: &str = include_str!("../../shell/tips.fish");

/// Stands in the snippets where the `tips motd` options go.
const MOTD_OPTIONS: &str = "__TIPS_MOTD_OPTIONS__";

pub fn run(out: &mut Output, args: &InitArgs) -> Result<(), Error> {
    out.raw(snippet(args.shell, args.every_shell).as_bytes())?;
    Ok(())
}

pub fn snippet(shell: InitShell, every_shell: bool) -> String {
    let template = match shell {
        InitShell::Bash => BASH,
        InitShell::Zsh => ZSH,
        InitShell::Fish => FISH,
    };
    let options = if every_shell { "" } else { " --once-per-day" };
    template.replace(MOTD_OPTIONS, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_snippet_runs_motd_once_a_day_unless_asked_otherwise() {
        for shell in [InitShell::Bash, InitShell::Zsh, InitShell::Fish] {
            assert!(snippet(shell, false).contains("tips motd --once-per-day"));
            let every = snippet(shell, true);
            assert!(every.contains("tips motd") && !every.contains("--once-per-day"));
            assert!(!every.contains(MOTD_OPTIONS));
        }
    }
}
