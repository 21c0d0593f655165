//! A schedule of days as an iCalendar file (RFC 5545), one all-day event a
//! day, for the calendar programs where salespeople plan their day.
//!
//! The `icalendar` crate writes the file: it escapes text, folds lines at
//! 75 octets without splitting a character, and ends lines in CRLF. What is
//! left here is what goes into each event.

use chrono::{DateTime, Days, NaiveTime, Timelike, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property, Related};
use std::fmt::Write as _;

use crate::dates;
use crate::schedule::{Day, VALENTINES_GREETING};
use crate::tip::Tip;
use crate::untrusted::visible;

/// Who wrote the file, as RFC 5545 asks every file to say.
const PRODUCT: &str = "-//tips//Romantic Sales coaching tips//EN";

/// The file for `days`. `alarm` is a local time of each day for a
/// reminder; `stamp` is when the file is made (every event's DTSTAMP).
pub fn calendar(days: &[Day], alarm: Option<NaiveTime>, stamp: DateTime<Utc>) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODUCT))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .name("Romantic Sales tips");
    for day in days {
        calendar.push(event(day, alarm, stamp));
    }
    calendar.to_string()
}

/// The UID names the date and the tip, so that importing the file again,
/// or a later export of the same days, updates each event rather than
/// adding a second one.
pub fn uid(day: &Day) -> String {
    format!("tips-{}-{}", dates::iso(day.date), day.tip.slug)
}

fn event(day: &Day, alarm: Option<NaiveTime>, stamp: DateTime<Utc>) -> Event {
    let mut event = Event::new();
    let summary = summary(day);
    event
        .uid(&uid(day))
        .timestamp(stamp)
        .summary(&summary)
        .description(&description(day))
        // Date values, not times: the event stays on its day in every
        // time zone. The end is exclusive, so it is the next day.
        .starts(day.date)
        .ends(day.date + Days::new(1))
        .add_property("TRANSP", "TRANSPARENT");
    if let Some(time) = alarm {
        // Relative to the start of an all-day event, which is midnight
        // local time wherever the calendar is opened.
        let after_midnight = chrono::Duration::minutes(i64::from(time.hour() * 60 + time.minute()));
        event.alarm(Alarm::display(&summary, (after_midnight, Related::Start)));
    }
    event.done()
}

/// `Tip 7 · Respect`, with the greeting first on Valentine's Day.
pub fn summary(day: &Day) -> String {
    let title = format!("Tip {} · {}", day.tip.number, visible(&day.tip.title));
    if day.is_valentines_day() {
        format!("Happy Valentine's Day! · {title}")
    } else {
        title
    }
}

/// The whole tip as plain text, for a calendar's event window. Playbook
/// text is made visible like everywhere else, so that no control
/// character reaches the file but the line breaks laid out here.
pub fn description(day: &Day) -> String {
    let tip: &Tip = day.tip;
    let mut text = String::new();
    if day.is_valentines_day() {
        let _ = write!(text, "{VALENTINES_GREETING}\n\n");
    }
    if let Some(tagline) = &tip.tagline {
        let _ = write!(text, "{}\n\n", visible(tagline));
    }
    let _ = write!(text, "{}\n\nCoaching prompts:\n", visible(&tip.body));
    for prompt in tip.prompts.iter() {
        let _ = writeln!(text, "- {}", visible(prompt));
    }
    if let Some(action) = &tip.action {
        let _ = write!(text, "\nTry today: {}\n", visible(action));
    }
    if let Some(source) = &tip.source {
        let _ = write!(text, "\nSource: {}\n", visible(source));
    }
    text.truncate(text.trim_end().len());
    text
}
