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
    refold(&calendar.to_string())
}

/// The longest content line RFC 5545 allows, in octets, without its CRLF.
const MAX_LINE: usize = 75;

/// Folds every content line at 75 octets again. The crate's own folding
/// lets the last piece of a long line reach 75 octets after the space that
/// starts it, one too many; so its folds are undone and made anew, each
/// piece ending on a character boundary.
fn refold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    let mut folded = String::with_capacity(text.len() + text.len() / 24);
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        let mut room = MAX_LINE;
        loop {
            let mut cut = rest.len().min(room);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            folded.push_str(&rest[..cut]);
            folded.push_str("\r\n");
            rest = &rest[cut..];
            if rest.is_empty() {
                break;
            }
            // A continuation line starts with one space, which counts.
            folded.push(' ');
            room = MAX_LINE - 1;
        }
    }
    folded
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
        let mut reminder = Alarm::display(&summary, (after_midnight, Related::Start));
        // Named after its event, so that it too is the same in every export.
        reminder
            .uid(&format!("{}-alarm", uid(day)))
            .timestamp(stamp);
        event.alarm(reminder);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refold_keeps_every_line_within_75_octets_and_whole_characters() {
        let long = format!("DESCRIPTION:{}", "ab日本語 ".repeat(40));
        let folded = refold(&format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n"));
        for line in folded.split_terminator("\r\n") {
            assert!(line.len() <= MAX_LINE, "{} octets: {line:?}", line.len());
        }
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n")
        );
    }

    #[test]
    fn refold_undoes_a_fold_that_is_one_octet_too_long() {
        // 75 octets after the space of a continuation line: 76 in all.
        let too_long = format!("X:{}\r\n {}\r\n", "a".repeat(73), "b".repeat(75));
        let folded = refold(&too_long);
        assert!(folded
            .split_terminator("\r\n")
            .all(|line| line.len() <= MAX_LINE));
        assert_eq!(folded.replace("\r\n ", ""), too_long.replace("\r\n ", ""));
    }
}
