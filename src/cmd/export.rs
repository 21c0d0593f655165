//! `tips export`: the built-in tips as a playbook to start from.

use serde::Serialize;

use super::{Run, Session};
use crate::cli::ExportArgs;
use crate::error::Error;
use crate::output::Output;
use crate::tip::{Tip, BUILTIN_TIPS};

const HEADER: &str = "\
# A tips playbook, exported from the built-in Romantic Sales tips.
#
# Use it with `tips --tips-file FILE`, the TIPS_FILE variable, or save it as
# ~/.config/tips/tips.toml. With `replace_builtin = true` these tips replace
# the built-in ones; set it to false (and give your tips new numbers and
# slugs) to add your tips to the built-in ten instead.
#
# Each [[tip]] needs number, slug, title, body and at least 3 prompts;
# tagline, action and source are optional.

";

#[derive(Serialize)]
struct Playbook<'a> {
    replace_builtin: bool,
    tip: &'a [Tip],
}

impl Run for ExportArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        session.text_only("export", "a TOML playbook")?;
        export(out)
    }
}

fn export(out: &mut Output) -> Result<(), Error> {
    let playbook = Playbook {
        replace_builtin: true,
        tip: BUILTIN_TIPS,
    };
    let toml = toml::to_string_pretty(&playbook)
        .map_err(|error| Error::Failure(format!("cannot export: {error}")))?;
    out.raw(HEADER.as_bytes())?;
    out.raw(toml.as_bytes())?;
    Ok(())
}
