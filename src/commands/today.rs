use crate::app::Session;
use crate::error::Error;
use crate::output::Output;
use crate::schedule::{self, Countdown, Season};

pub fn run(session: &Session, out: &mut Output) -> Result<(), Error> {
    let today = session.today();
    let tips = session.tips()?;
    let valentines_day = Countdown::from(today).season == Season::ValentinesDay;
    super::print_tip(
        session,
        out,
        schedule::tip_for(today, &tips),
        valentines_day,
    )
}
