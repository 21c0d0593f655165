//! JSON shapes that more than one command prints.

use serde::Serialize;

use crate::dates;
use crate::schedule::{Countdown, Season};
use crate::tip::Tip;

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
    /// `running_tip`: the series tip of a season day, where the set has it.
    pub fn new(countdown: &Countdown, running_tip: Option<&'a Tip>) -> CountdownJson<'a> {
        CountdownJson {
            date: dates::iso(countdown.from),
            valentines: dates::iso(countdown.valentines),
            weekday: countdown.valentines.format("%A").to_string(),
            days: countdown.days,
            season: match countdown.season {
                Season::Upcoming { starts, days } => SeasonJson::Upcoming {
                    starts: dates::iso(starts),
                    days,
                },
                Season::Running { tip_number } => SeasonJson::Running {
                    tip: tip_number,
                    slug: running_tip.map(|tip| tip.slug.as_ref()),
                },
                Season::ValentinesDay => SeasonJson::ValentinesDay,
            },
        }
    }
}
