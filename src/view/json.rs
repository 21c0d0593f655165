//! Every shape `--json` prints, built from the domain's types, as `pages`
//! builds every page. The domain's types carry no serde: what a script may
//! rely on is decided here, in one place, and a change to a domain type
//! cannot change the JSON unnoticed.

use chrono::NaiveDate;
use serde::Serialize;

use super::pages::FolderPlace;
use crate::dates;
use crate::feed::{Feed, AUTHOR, FEED_TITLE};
use crate::journal::Entry;
use crate::playbook::{PlaceReport, PlaceStatus};
use crate::schedule::{Countdown, Season};
use crate::tip::{Text, Tip};

/// A tip: `show`, `today`, `random`, and each tip of `list`, `search` and
/// `calendar`. An optional field the tip lacks is left out.
#[derive(Serialize)]
pub struct TipJson<'a> {
    number: u32,
    slug: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tagline: Option<&'a str>,
    body: &'a str,
    prompts: &'a [Text],
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

impl<'a> TipJson<'a> {
    pub fn new(tip: &'a Tip) -> TipJson<'a> {
        TipJson {
            number: tip.number,
            slug: &tip.slug,
            title: &tip.title,
            tagline: tip.tagline.as_deref(),
            body: &tip.body,
            prompts: &tip.prompts,
            action: tip.action.as_deref(),
            source: tip.source.as_deref(),
        }
    }
}

/// `list` and `search`: an array of tips.
pub fn tip_list<'a>(tips: impl IntoIterator<Item = &'a Tip>) -> Vec<TipJson<'a>> {
    tips.into_iter().map(TipJson::new).collect()
}

/// One day of `tips calendar --json`.
#[derive(Serialize)]
pub struct CalendarDayJson<'a> {
    date: String,
    /// With `--alarm`: the local date and time of the day's reminder.
    #[serde(skip_serializing_if = "Option::is_none")]
    alarm: Option<String>,
    tip: TipJson<'a>,
}

impl<'a> CalendarDayJson<'a> {
    pub fn new(date: NaiveDate, alarm: Option<String>, tip: &'a Tip) -> CalendarDayJson<'a> {
        CalendarDayJson {
            date: dates::iso(date),
            alarm,
            tip: TipJson::new(tip),
        }
    }
}

/// `tips paths --json`.
#[derive(Serialize)]
pub struct PathsJson<'a> {
    /// Every place, in order of precedence.
    playbooks: Vec<PlaceJson<'a>>,
    /// `true` when no playbook is in force, only the built-in tips.
    builtin_only: bool,
    state: Option<FolderJson<'a>>,
    journal: Option<FolderJson<'a>>,
}

#[derive(Serialize)]
struct PlaceJson<'a> {
    path: &'a str,
    /// How the place was found, as the text page says it.
    from: &'static str,
    exists: bool,
    status: &'static str,
    /// With `in-force`: how many tips are in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    tips: Option<usize>,
    /// With `broken`: why the file cannot be used.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct FolderJson<'a> {
    path: &'a str,
    exists: bool,
}

impl<'a> PathsJson<'a> {
    pub fn new(
        playbooks: &'a [PlaceReport],
        state: Option<&'a FolderPlace>,
        journal: Option<&'a FolderPlace>,
    ) -> PathsJson<'a> {
        let folder = |place: &'a FolderPlace| FolderJson {
            path: &place.path,
            exists: place.exists(),
        };
        PathsJson {
            playbooks: playbooks
                .iter()
                .map(|place| PlaceJson {
                    path: &place.path,
                    from: place.from.describe(),
                    exists: place.exists,
                    status: match place.status {
                        PlaceStatus::InForce { .. } => "in-force",
                        PlaceStatus::Broken { .. } => "broken",
                        PlaceStatus::NotFound => "not-found",
                        PlaceStatus::Unused => "unused",
                    },
                    tips: match place.status {
                        PlaceStatus::InForce { tips } => Some(tips),
                        _ => None,
                    },
                    error: match &place.status {
                        PlaceStatus::Broken { error } => Some(error.as_str()),
                        _ => None,
                    },
                })
                .collect(),
            builtin_only: playbooks
                .iter()
                .all(|place| place.status == PlaceStatus::NotFound),
            state: state.map(folder),
            journal: journal.map(folder),
        }
    }
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
    /// `running_tip`: the series tip of a season day, where the set has it.
    pub fn new(countdown: &Countdown, running_tip: Option<&'a Tip>) -> CountdownJson<'a> {
        CountdownJson {
            date: dates::iso(countdown.date),
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
    tip: TipJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_time: Option<LastTimeJson<'a>>,
}

impl<'a> TipWithLastTime<'a> {
    pub fn new(tip: &'a Tip, last_time: Option<&'a Entry>) -> TipWithLastTime<'a> {
        TipWithLastTime {
            tip: TipJson::new(tip),
            last_time: last_time.map(LastTimeJson::new),
        }
    }
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

/// `tips motd --json`: the tip, the prompt of the day and the countdown;
/// under `--once-per-day`, a later call of the day says only that nothing
/// was shown.
#[derive(Serialize)]
#[serde(untagged)]
// One value is built per run and printed at once: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum MotdJson<'a> {
    Shown {
        date: String,
        shown: bool,
        tip: TipJson<'a>,
        prompt: &'a str,
        countdown: CountdownJson<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        last_time: Option<LastTimeJson<'a>>,
    },
    NotShown {
        date: String,
        shown: bool,
    },
}

impl<'a> MotdJson<'a> {
    pub fn shown(
        tip: &'a Tip,
        prompt: &'a str,
        countdown: CountdownJson<'a>,
        last_time: Option<&'a Entry>,
    ) -> MotdJson<'a> {
        MotdJson::Shown {
            date: countdown.date.clone(),
            shown: true,
            tip: TipJson::new(tip),
            prompt,
            countdown,
            last_time: last_time.map(LastTimeJson::new),
        }
    }

    pub fn not_shown(today: NaiveDate) -> MotdJson<'a> {
        MotdJson::NotShown {
            date: dates::iso(today),
            shown: false,
        }
    }
}

/// `tips feed --json`: JSON Feed 1.1 (jsonfeed.org), the same entries as
/// the Atom feed with the same ids, dates and links.
#[derive(Serialize)]
pub struct JsonFeed<'a> {
    version: &'static str,
    title: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    home_page_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed_url: Option<&'a str>,
    authors: [JsonFeedAuthor; 1],
    items: Vec<JsonFeedItem<'a>>,
}

#[derive(Serialize)]
struct JsonFeedAuthor {
    name: &'static str,
}

#[derive(Serialize)]
struct JsonFeedItem<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    title: &'a str,
    content_html: &'a str,
    date_published: &'a str,
}

impl<'a> JsonFeed<'a> {
    pub fn new(feed: &'a Feed) -> JsonFeed<'a> {
        JsonFeed {
            version: "https://jsonfeed.org/version/1.1",
            title: FEED_TITLE,
            home_page_url: feed.home_page_url.as_deref(),
            feed_url: feed.feed_url.as_deref(),
            authors: [JsonFeedAuthor { name: AUTHOR }],
            items: feed
                .entries
                .iter()
                .map(|entry| JsonFeedItem {
                    id: &entry.id,
                    url: entry.url.as_deref(),
                    title: &entry.title,
                    content_html: &entry.content_html,
                    date_published: &entry.published,
                })
                .collect(),
        }
    }
}
