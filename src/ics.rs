//! A schedule of days as an iCalendar file (RFC 5545), one all-day event a
//! day, for the calendar programs where salespeople plan their day.
//!
//! The content lines are written here, not by a library. The crate this
//! file once used folded long lines by taking a byte offset for a character
//! index: some valid text of multibyte characters and blanks made it panic,
//! other text made it loop without end, and its folding cost grew with the
//! square of a line's length. The rules themselves are few (escape a TEXT
//! value, fold at 75 octets between two characters, end each line in CRLF),
//! and here each is done in one pass over the text, so the cost of a file
//! is linear in the tips it holds and no text can break it.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Timelike, Utc};
use std::fmt::Write as _;

use crate::dates;
use crate::schedule::{Day, VALENTINES_GREETING};
use crate::tip::Tip;
use crate::untrusted::visible;

/// Who wrote the file, as RFC 5545 asks every file to say.
const PRODUCT: &str = "-//tips//Romantic Sales coaching tips//EN";

/// The calendar's name, as calendar programs show it on import.
const CALENDAR_NAME: &str = "Romantic Sales tips";

/// The longest content line RFC 5545 allows, in octets, without its CRLF.
pub const MAX_LINE: usize = 75;

/// The last day an event can have: a DATE value has four digits of year.
pub fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(dates::LAST_YEAR, 12, 31).expect("31 December exists")
}

/// The whole file for `days`, in the pieces [`parts`] gives.
#[cfg(test)]
fn calendar(days: &[Day], alarm: Option<NaiveTime>, stamp: DateTime<Utc>) -> String {
    parts(days, alarm, stamp).collect()
}

/// The file for `days` in pieces: the calendar's head, one piece per event,
/// and its end, so that a long run of days is never held whole in memory.
/// `alarm` is a local time of each day for a reminder; `stamp` is when the
/// file is made (every event's DTSTAMP). Every day must be on or before
/// [`last_day`].
pub fn parts<'a>(
    days: &'a [Day<'a>],
    alarm: Option<NaiveTime>,
    stamp: DateTime<Utc>,
) -> impl Iterator<Item = String> + 'a {
    std::iter::once(head())
        .chain(days.iter().map(move |day| event(day, alarm, stamp)))
        .chain(std::iter::once("END:VCALENDAR\r\n".to_string()))
}

fn head() -> String {
    let mut lines = ContentLines::default();
    lines.raw("BEGIN", "VCALENDAR");
    lines.raw("VERSION", "2.0");
    lines.raw("PRODID", PRODUCT);
    lines.raw("CALSCALE", "GREGORIAN");
    // NAME is the standard's (RFC 7986); X-WR-CALNAME is what older
    // programs, Outlook and Google among them, read instead.
    lines.text("NAME", CALENDAR_NAME);
    lines.text("X-WR-CALNAME", CALENDAR_NAME);
    lines.text
}

/// The UID names the day alone. A day has one event, whichever tip it
/// holds, so importing the file again, or a later export of the same days
/// after a playbook has changed, updates each event rather than adding a
/// second one.
pub fn uid(date: NaiveDate) -> String {
    format!("tips-{}", dates::iso(date))
}

fn event(day: &Day, alarm: Option<NaiveTime>, stamp: DateTime<Utc>) -> String {
    let uid = uid(day.date);
    let summary = summary(day);
    let mut lines = ContentLines::default();
    lines.raw("BEGIN", "VEVENT");
    lines.raw("UID", &uid);
    lines.raw("DTSTAMP", &stamp.format("%Y%m%dT%H%M%SZ").to_string());
    // Date values, not times: the event stays on its day in every time
    // zone. The end is exclusive, so it is the next day; on the last day a
    // DATE can hold there is none, and RFC 5545 gives an event that starts
    // on a date and has no end the length of one day.
    lines.raw("DTSTART;VALUE=DATE", &date_value(day.date));
    if let Some(next) = day.date.checked_add_days(Days::new(1)) {
        if next <= last_day() {
            lines.raw("DTEND;VALUE=DATE", &date_value(next));
        }
    }
    lines.text("SUMMARY", &summary);
    lines.text("DESCRIPTION", &description(day));
    // A tip does not make its day busy.
    lines.raw("TRANSP", "TRANSPARENT");
    if let Some(time) = alarm {
        lines.raw("BEGIN", "VALARM");
        // Named after its event, so that it too is the same in every export.
        lines.raw("UID", &format!("{uid}-alarm"));
        lines.raw("ACTION", "DISPLAY");
        // Relative to the start of an all-day event, which is midnight
        // local time wherever the calendar is opened.
        lines.raw(
            "TRIGGER;RELATED=START",
            &format!("PT{}H{}M", time.hour(), time.minute()),
        );
        lines.text("DESCRIPTION", &summary);
        lines.raw("END", "VALARM");
    }
    lines.raw("END", "VEVENT");
    lines.text
}

/// `YYYYMMDD`, RFC 5545's DATE.
fn date_value(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
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

/// Content lines as RFC 5545 writes them: each folded so that no line
/// holds more than 75 octets, a fold never falls inside a character or an
/// escape, and every line ends in CRLF.
#[derive(Default)]
struct ContentLines {
    text: String,
    /// Octets on the line being written so far.
    line: usize,
}

impl ContentLines {
    /// A property whose value is written as it is: names, dates, numbers
    /// and the constants of this file, all printable ASCII.
    fn raw(&mut self, name: &str, value: &str) {
        self.fold_in(name);
        self.fold_in(":");
        self.fold_in(value);
        self.end_line();
    }

    /// A property whose value is TEXT: backslash, semicolon and comma are
    /// escaped, a line break becomes `\n`.
    fn text(&mut self, name: &str, value: &str) {
        self.fold_in(name);
        self.fold_in(":");
        // Runs without anything to escape are copied whole; only the
        // characters between them are looked at one by one.
        let mut rest = value;
        while let Some(at) = rest.find(|c: char| matches!(c, '\\' | ';' | ',') || c.is_control()) {
            self.fold_in(&rest[..at]);
            let special = rest[at..].chars().next().expect("found at a character");
            match special {
                '\\' => self.put("\\\\"),
                ';' => self.put("\\;"),
                ',' => self.put("\\,"),
                '\n' => self.put("\\n"),
                // The callers make text visible before it gets here; a
                // control character that still arrives becomes a space,
                // as RFC 5545 allows none in TEXT but the tab.
                _ => self.put(" "),
            }
            rest = &rest[at + special.len_utf8()..];
        }
        self.fold_in(rest);
        self.end_line();
    }

    /// Appends `text`, folding before any character that would not fit.
    /// Pure ASCII runs are copied a line's room at a time.
    fn fold_in(&mut self, text: &str) {
        let mut rest = text;
        while !rest.is_empty() {
            let room = MAX_LINE - self.line;
            if rest.len() <= room {
                self.text.push_str(rest);
                self.line += rest.len();
                return;
            }
            // The longest start of `rest` that fits and ends between two
            // characters: at most three steps back from `room`.
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            self.text.push_str(&rest[..cut]);
            self.line += cut;
            rest = &rest[cut..];
            self.fold();
        }
    }

    /// Appends one unit that must not be split: a character or an escape.
    fn put(&mut self, unit: &str) {
        if self.line + unit.len() > MAX_LINE {
            self.fold();
        }
        self.text.push_str(unit);
        self.line += unit.len();
    }

    /// Ends the line, and starts a continuation line with the one space
    /// that marks it (which counts towards its 75 octets).
    fn fold(&mut self) {
        self.text.push_str("\r\n ");
        self.line = 1;
    }

    fn end_line(&mut self) {
        self.text.push_str("\r\n");
        self.line = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Undoes what [`ContentLines::text`] did, as a reader of the file
    /// would: unfold, then unescape. Gives the name and the value.
    fn read_back(written: &str) -> (String, String) {
        let unfolded = written
            .strip_suffix("\r\n")
            .expect("the line ends in CRLF")
            .replace("\r\n ", "");
        let (name, value) = unfolded.split_once(':').expect("NAME:value");
        let mut text = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => text.push('\n'),
                    Some(other) => text.push(other),
                    None => panic!("a lone backslash at the end"),
                }
            } else {
                text.push(c);
            }
        }
        (name.to_string(), text)
    }

    /// RFC 5545's rules for the raw lines: CRLF, at most 75 octets, whole
    /// UTF-8 on every line (no fold inside a character), no escape split by
    /// a fold, no control character.
    fn assert_well_formed(written: &str) {
        let bytes = written.as_bytes();
        assert!(bytes.ends_with(b"\r\n"));
        let lines: Vec<&[u8]> = bytes[..bytes.len() - 2]
            .split(|&byte| byte == b'\n')
            .collect();
        for (index, line) in lines.iter().enumerate() {
            let line = if index + 1 < lines.len() {
                line.strip_suffix(b"\r").expect("CRLF, not a bare LF")
            } else {
                line
            };
            assert!(line.len() <= MAX_LINE, "{} octets", line.len());
            let text = std::str::from_utf8(line).expect("a fold inside a character");
            assert!(!text.chars().any(char::is_control), "{text:?}");
            let trailing_backslashes = text.chars().rev().take_while(|&c| c == '\\').count();
            assert!(
                index + 1 == lines.len() || trailing_backslashes % 2 == 0,
                "a fold inside an escape: {text:?}"
            );
        }
    }

    fn text_line(value: &str) -> String {
        let mut lines = ContentLines::default();
        lines.text("DESCRIPTION", value);
        lines.text
    }

    #[test]
    fn emoji_then_blanks_past_the_fold_is_folded_whole() {
        // 34 hearts of four octets, a hundred blanks, a letter: the crate
        // once used here panicked on this body.
        let body = format!("{}{}y", "💘".repeat(34), " ".repeat(100));
        let written = text_line(&body);
        assert_well_formed(&written);
        assert_eq!(read_back(&written).1, body);
    }

    #[test]
    fn cyrillic_then_blanks_past_the_fold_ends() {
        // 72 letters of two octets, 73 blanks, a letter: the crate once used
        // here looped on this body, its memory growing.
        let body = format!("{}{}y", "я".repeat(72), " ".repeat(73));
        let written = text_line(&body);
        assert_well_formed(&written);
        assert_eq!(read_back(&written).1, body);
    }

    #[test]
    fn an_escape_is_never_split_by_a_fold() {
        // "DESCRIPTION:" is 12 octets, so the 63rd character of the value
        // would be the 75th octet: the escape there starts the next line.
        let value = format!("{};{}", "a".repeat(62), "b".repeat(80));
        let written = text_line(&value);
        assert_well_formed(&written);
        assert!(written.contains(&format!("{}\r\n \\;", "a".repeat(62))));
        assert_eq!(read_back(&written).1, value);
        // An escape that ends exactly at the 75th octet stays on the line.
        let value = format!("{};{}", "a".repeat(61), "b".repeat(80));
        let written = text_line(&value);
        assert!(written.starts_with(&format!("DESCRIPTION:{}\\;\r\n b", "a".repeat(61))));
        assert_eq!(read_back(&written).1, value);
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let value = "a".repeat(MAX_LINE - "DESCRIPTION:".len());
        assert_eq!(text_line(&value), format!("DESCRIPTION:{value}\r\n"));
        let one_more = format!("{value}b");
        assert_eq!(
            text_line(&one_more),
            format!("DESCRIPTION:{value}\r\n b\r\n")
        );
    }

    #[test]
    fn the_last_day_a_date_can_hold_has_no_end_and_every_date_has_four_digits() {
        let tips = crate::tip::TipSet::builtin();
        let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        let days = crate::schedule::days_from(first, 1, &tips);
        let start = calendar(&days, None, Utc::now());
        assert!(start.contains("\r\nDTSTART;VALUE=DATE:00010101\r\n"));
        assert!(start.contains("\r\nDTEND;VALUE=DATE:00010102\r\n"));
        let days = crate::schedule::days_from(last_day(), 1, &tips);
        let end = calendar(&days, None, Utc::now());
        assert!(end.contains("\r\nDTSTART;VALUE=DATE:99991231\r\n"));
        assert!(!end.contains("DTEND"), "{end}");
    }

    /// Text that breaks folding: long runs of one kind of character
    /// (emoji, Cyrillic, CJK, a combining mark, blanks, characters to
    /// escape, line breaks) side by side, and any character at all.
    fn hostile_text() -> impl Strategy<Value = String> {
        let run = prop_oneof![
            (Just("💘"), 1..120usize),
            (Just("я"), 1..120usize),
            (Just("日本語"), 1..60usize),
            (Just("e\u{301}"), 1..60usize),
            (Just(" "), 1..160usize),
            (Just("\t"), 1..8usize),
            (Just("\\;,"), 1..40usize),
            (Just("\n"), 1..4usize),
            (Just("a"), 1..160usize),
        ]
        .prop_map(|(piece, times)| piece.repeat(times));
        let runs = prop::collection::vec(prop_oneof![4 => run, 1 => any::<String>()], 0..12);
        runs.prop_map(|runs| runs.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn any_text_becomes_well_formed_lines_that_read_back_as_it_was(
            text in hostile_text(),
            name_length in 1..70usize,
        ) {
            // Names of every length move the fold points across the text.
            let name = "X".repeat(name_length);
            let mut lines = ContentLines::default();
            lines.text(&name, &text);
            assert_well_formed(&lines.text);
            let (read_name, read_text) = read_back(&lines.text);
            prop_assert_eq!(read_name, name);
            let expected: String = text
                .chars()
                .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
                .collect();
            prop_assert_eq!(read_text, expected);
        }
    }
}
