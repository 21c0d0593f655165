//! `tips list`: one row per tip.

use super::{Run, Session};
use crate::cli::ListArgs;
use crate::error::Error;
use crate::output::Output;
use crate::view::{json, pages};

impl Run for ListArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let tips = session.tips()?;
        if session.json() {
            out.json(&json::tip_list(tips.all()))?;
        } else {
            let all: Vec<_> = tips.all().iter().collect();
            out.page(&pages::tip_list(&all))?;
        }
        Ok(())
    }
}
