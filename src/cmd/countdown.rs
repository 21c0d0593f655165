//! `tips countdown`: the days to Valentine's Day and where the season is.

use super::{Run, Session};
use crate::cli::CountdownArgs;
use crate::error::Error;
use crate::output::Output;
use crate::schedule::{self, Countdown};
use crate::view::json::CountdownJson;
use crate::view::pages;

impl Run for CountdownArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let today = session.today();
        let countdown = Countdown::on(today);
        // Only a season day names a tip, so only then is a playbook read.
        let tips = match schedule::season_tip_number(today) {
            Some(_) => Some(session.tips()?),
            None => None,
        };
        let running_tip = tips
            .as_ref()
            .and_then(|tips| schedule::running_tip(today, tips));
        if session.json() {
            out.json(&CountdownJson::new(&countdown, running_tip))?;
        } else {
            out.page(&pages::countdown_page(&countdown, running_tip))?;
        }
        Ok(())
    }
}
