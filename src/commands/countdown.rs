use serde::Serialize;

use crate::app::Session;
use crate::calendar;
use crate::error::Error;
use crate::output::Output;
use crate::schedule::{Countdown, Season};
use crate::view::pages;

pub fn run(session: &Session, out: &mut Output) -> Result<(), Error> {
    let countdown = Countdown::from(session.today());
    let running_tip = match countdown.season {
        Season::Running { tip_number } => session.tips()?.by_number(tip_number).cloned(),
        _ => None,
    };
    if session.json {
        out.json(&CountdownJson::new(
            &countdown,
            running_tip.as_ref().map(|tip| tip.slug.as_ref()),
        ))?;
    } else {
        out.page(&pages::countdown_page(&countdown, running_tip.as_ref()))?;
    }
    Ok(())
}

/// `tips countdown --json`, and the countdown inside `tips motd --json`.
#[derive(Serialize)]
pub struct CountdownJson<'a> {
    date: String,
    valentines: String,
    weekday: String,
    days: i64,
    season: SeasonJson<'a>,
}

#[derive(Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
enum SeasonJson<'a> {
    Upcoming {
        starts: String,
        days: i64,
    },
    Running {
        tip: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        slug: Option<&'a str>,
    },
    ValentinesDay,
}

impl<'a> CountdownJson<'a> {
    pub fn new(countdown: &Countdown, running_slug: Option<&'a str>) -> CountdownJson<'a> {
        CountdownJson {
            date: calendar::iso(countdown.from),
            valentines: calendar::iso(countdown.valentines),
            weekday: countdown.valentines.format("%A").to_string(),
            days: countdown.days,
            season: match countdown.season {
                Season::Upcoming { starts, days } => SeasonJson::Upcoming {
                    starts: calendar::iso(starts),
                    days,
                },
                Season::Running { tip_number } => SeasonJson::Running {
                    tip: tip_number,
                    slug: running_slug,
                },
                Season::ValentinesDay => SeasonJson::ValentinesDay,
            },
        }
    }
}
