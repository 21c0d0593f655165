//! JSON shapes that more than one command prints.

use serde::Serialize;

use crate::dates;
use crate::journal::Entry;
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

/// A tip in `today --json` and `show --json`: the tip's own fields, and
/// the newest journal entry on it where there is one.
#[derive(Serialize)]
pub struct TipWithLastTime<'a> {
    #[serde(flatten)]
    pub tip: &'a Tip,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_time: Option<LastTimeJson<'a>>,
}

/// The newest entry on a tip, as `today`, `show` and `motd` carry it.
#[derive(Serialize)]
pub struct LastTimeJson<'a> {
    date: String,
    text: &'a str,
    path: String,
}

impl<'a> LastTimeJson<'a> {
    pub fn new(entry: &'a Entry) -> LastTimeJson<'a> {
        LastTimeJson {
            date: dates::iso(entry.date),
            text: &entry.text,
            path: entry.path.display().to_string(),
        }
    }
}

/// A journal entry in `tips journal --json` and `tips reflect --json`.
#[derive(Serialize)]
pub struct EntryJson<'a> {
    date: String,
    tip: EntryTipJson<'a>,
    text: &'a str,
    path: String,
}

/// The tip an entry is about. Number and title come from the tips in
/// force, and are `null` for a slug no tip in force has any more.
#[derive(Serialize)]
struct EntryTipJson<'a> {
    number: Option<u32>,
    slug: &'a str,
    title: Option<&'a str>,
}

impl<'a> EntryJson<'a> {
    pub fn new(entry: &'a Entry, tip: Option<&'a Tip>) -> EntryJson<'a> {
        EntryJson {
            date: dates::iso(entry.date),
            tip: EntryTipJson {
                number: tip.map(|tip| tip.number),
                slug: &entry.slug,
                title: tip.map(|tip| tip.title.as_ref()),
            },
            text: &entry.text,
            path: entry.path.display().to_string(),
        }
    }
}
