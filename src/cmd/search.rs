//! `tips search WORD...`: like grep, matches on stdout and exit 0, or a
//! note on stderr and exit 1.

use super::{Run, Session};
use crate::cli::SearchArgs;
use crate::error::Error;
use crate::output::Output;
use crate::view::pages;

impl Run for SearchArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let tips = session.tips()?;
        let hits = tips.search(&self.words);
        if hits.is_empty() {
            return Err(Error::Failure(format!(
                "no tip mentions all of: {}",
                self.words.join(" ")
            )));
        }
        if session.json() {
            out.json(&hits)?;
        } else {
            out.page(&pages::tip_list(&hits))?;
        }
        Ok(())
    }
}
