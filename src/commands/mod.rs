//! One module per command. Each gathers what it needs from the session,
//! asks the domain, and prints a page or JSON.

pub mod completions;
pub mod countdown;
pub mod export;
pub mod init;
pub mod list;
pub mod man;
pub mod motd;
pub mod paths;
pub mod random;
pub mod search;
pub mod show;
pub mod today;

use crate::app::Session;
use crate::error::Error;
use crate::output::Output;
use crate::tip::Tip;
use crate::view::pages;

/// A whole tip, as a page or as one JSON object.
fn print_tip(
    session: &Session,
    out: &mut Output,
    tip: &Tip,
    valentines_day: bool,
) -> Result<(), Error> {
    if session.json {
        out.json(tip)?;
    } else {
        out.page(&pages::tip_page(tip, valentines_day))?;
    }
    Ok(())
}
