use crate::app::Session;
use crate::error::Error;
use crate::output::Output;
use crate::tip::LookupError;

pub fn run(session: &Session, out: &mut Output, name: &str) -> Result<(), Error> {
    let tips = session.tips()?;
    let tip = tips
        .find(name)
        .map_err(|error| Error::Usage(explain(name, &error)))?;
    super::print_tip(session, out, tip, false)
}

fn explain(name: &str, error: &LookupError) -> String {
    match error {
        LookupError::Unknown { closest } => match closest.as_slice() {
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
