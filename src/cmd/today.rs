//! `tips today` (and plain `tips`): the tip of the day.

use super::{print_tip, Run, Session};
use crate::cli::TodayArgs;
use crate::error::Error;
use crate::output::Output;
use crate::schedule;

impl Run for TodayArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let today = session.today();
        let tips = session.tips()?;
        let tip = schedule::tip_for(today, &tips);
        print_tip(session, out, tip, schedule::is_valentines_day(today))
    }
}
