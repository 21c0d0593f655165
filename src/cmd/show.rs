//! `tips show NAME`: one tip, found by slug, number or prefix, with what
//! the user last wrote about it.

use super::{print_tip_with_last_time, Run, Session};
use crate::cli::ShowArgs;
use crate::error::Error;
use crate::output::Output;
use crate::tip::LookupError;

impl Run for ShowArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let tips = session.tips()?;
        let tip = tips
            .find(&self.name)
            .map_err(|error| Error::Usage(explain(&self.name, &error)))?;
        let last_time = session.last_time(tip);
        print_tip_with_last_time(session, out, tip, false, last_time.as_ref())
    }
}

pub(super) fn explain(name: &str, error: &LookupError) -> String {
    match error {
        LookupError::Unknown { closest } => match closest.as_slice() {
            [] => format!("no tip is called '{name}' (see 'tips list')"),
            [one] => format!("no tip is called '{name}'; did you mean '{one}'? (see 'tips list')"),
            several => format!(
                "no tip is called '{name}'; the closest are {} (see 'tips list')",
                several.join(", ")
            ),
        },
        LookupError::Ambiguous { candidates } => format!(
            "'{name}' could be {}: type more of the name",
            candidates.join(" or ")
        ),
    }
}
