//! `tips search WORD...`: like grep, matches on stdout and exit 0, or a
//! note on stderr and exit 1.

use super::{Run, Session, SEARCH_NEEDS_A_WORD};
use crate::cli::SearchArgs;
use crate::error::Error;
use crate::output::Output;
use crate::view::{json, pages};

impl Run for SearchArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        // `tips search ''` and `tips search "  "` name no word at all: that is
        // a command line to correct, not a search that found nothing.
        if self.words.iter().all(|word| word.trim().is_empty()) {
            return Err(Error::Usage(SEARCH_NEEDS_A_WORD.to_string()));
        }
        let tips = session.tips()?;
        let hits = tips.search(&self.words);
        if hits.is_empty() {
            return Err(Error::Failure(format!(
                "no tip mentions all of: {}",
                self.words.join(" ")
            )));
        }
        if session.json() {
            out.json(&json::tip_list(hits.iter().copied()))?;
        } else {
            out.page(&pages::tip_list(&hits))?;
        }
        Ok(())
    }
}
