//! `tips calendar`: the season, or any run of days, as an iCalendar file
//! or as JSON.

use chrono::{Datelike, Days, NaiveDate, NaiveTime};

use super::{Run, Session};
use crate::cli::CalendarArgs;
use crate::dates;
use crate::error::Error;
use crate::ics;
use crate::output::Output;
use crate::schedule::{self, SEASON_DAYS};
use crate::view::json::CalendarDayJson;

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
        within_the_calendar(from, count)?;
        let tips = session.tips()?;
        let days = schedule::days_from(from, count, &tips);
        if session.json() {
            let days: Vec<CalendarDayJson> = days
                .iter()
                .map(|day| {
                    let alarm = self.alarm.map(|time| alarm_json(day.date, time));
                    CalendarDayJson::new(day.date, alarm, day.tip)
                })
                .collect();
            out.json(&days)?;
        } else {
            // Written an event at a time: a year of long tips is never held
            // whole in memory.
            for part in ics::parts(&days, self.alarm, dates::now()) {
                out.raw(part.as_bytes())?;
            }
        }
        Ok(())
    }
}

/// Refuses a run of days that goes past 31 December 9999: a calendar file
/// has four digits for the year, and a date past it is misread or refused
/// by every calendar program. The JSON keeps to the same days, so that the
/// two forms never disagree.
fn within_the_calendar(from: NaiveDate, count: u16) -> Result<(), Error> {
    let last_day = ics::last_day();
    let fits = from
        .checked_add_days(Days::new(u64::from(count) - 1))
        .is_some_and(|last| last <= last_day);
    if fits {
        return Ok(());
    }
    let room = last_day.signed_duration_since(from).num_days() + 1;
    Err(Error::Usage(if room > 0 {
        format!(
            "{count} days from {} run past {}, the last day a calendar can hold: \
             ask for {room} or fewer",
            dates::iso(from),
            dates::iso(last_day)
        )
    } else {
        // Only the season, found from today, can start past the end.
        format!(
            "the next season starts in the year {}, past {}, the last day a calendar can hold",
            from.year(),
            dates::iso(last_day)
        )
    }))
}

/// `2027-02-10T08:30`: the reminder's local date and time, as ISO 8601
/// writes a time with no zone.
fn alarm_json(date: NaiveDate, time: NaiveTime) -> String {
    format!("{}T{}", dates::iso(date), time.format("%H:%M"))
}
