//! `tips calendar`: the season, or any run of days, as an iCalendar file
//! or as JSON.

use serde::Serialize;

use super::{Run, Session};
use crate::cli::CalendarArgs;
use crate::dates;
use crate::error::Error;
use crate::ics;
use crate::output::Output;
use crate::schedule::{self, SEASON_DAYS};
use crate::tip::Tip;

#[derive(Serialize)]
struct DayJson<'a> {
    date: String,
    tip: &'a Tip,
}

impl Run for CalendarArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let (from, count) = match (self.from, self.days) {
            (None, None) => (schedule::season_start(session.today()), SEASON_DAYS),
            (from, Some(days)) => (from.unwrap_or_else(|| session.today()), days),
            // clap asks for --days with --from; this is the same refusal.
            (Some(_), None) => {
                return Err(Error::Usage(
                    "--from needs --days: say how many days to write".to_string(),
                ))
            }
        };
        let tips = session.tips()?;
        let days = schedule::days(from, count, &tips);
        if session.json() {
            let days: Vec<DayJson> = days
                .iter()
                .map(|day| DayJson {
                    date: dates::iso(day.date),
                    tip: day.tip,
                })
                .collect();
            out.json(&days)?;
        } else {
            let file = ics::calendar(&days, self.alarm, chrono::Utc::now());
            out.raw(file.as_bytes())?;
        }
        Ok(())
    }
}
