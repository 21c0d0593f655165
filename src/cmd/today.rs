//! `tips today` (and plain `tips`): the tip of the day, with what the user
//! last wrote about it.

use super::{print_tip_with_last_time, Run, Session};
use crate::cli::TodayArgs;
use crate::error::Error;
use crate::output::Output;
use crate::schedule;

impl Run for TodayArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let today = session.today();
        let tips = session.tips()?;
        let tip = schedule::tip_for(today, &tips);
        let last_time = session.last_time(tip);
        print_tip_with_last_time(
            session,
            out,
            tip,
            schedule::is_valentines_day(today),
            last_time.as_ref(),
        )
    }
}
