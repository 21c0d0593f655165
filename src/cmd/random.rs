//! `tips random`: any tip of the set in force.

use super::{print_tip, Run, Session};
use crate::cli::RandomArgs;
use crate::error::Error;
use crate::output::Output;

impl Run for RandomArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let tips = session.tips()?;
        let all = tips.all();
        let tip = &all[rand::random_range(..all.len())];
        print_tip(session, out, tip, false)
    }
}
