use crate::app::Session;
use crate::error::Error;
use crate::output::Output;

pub fn run(session: &Session, out: &mut Output) -> Result<(), Error> {
    let tips = session.tips()?;
    let all = tips.all();
    let tip = &all[rand::random_range(..all.len())];
    super::print_tip(session, out, tip, false)
}
