//! Calendar dates: today's local date, and dates and times typed by people.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The clock, as it is. chrono's own `Utc::now` panics on a clock before
/// 1970 (a machine whose clock battery died boots in 1969 or earlier) and
/// on one past the last time chrono can hold; a login must not. A time
/// before 1970 is read as the real time it is; one outside the years
/// `--date` takes (0001 to 9999) is held at the nearer end, so that every
/// command has a day it can answer for (a countdown from chrono's last day
/// would have no 14 February to count to).
pub fn now() -> DateTime<Utc> {
    time_of(SystemTime::now())
}

fn time_of(clock: SystemTime) -> DateTime<Utc> {
    let (seconds, nanos) = match clock.duration_since(UNIX_EPOCH) {
        Ok(after) => (
            i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            after.subsec_nanos(),
        ),
        Err(before) => {
            // Before the epoch by a whole number of seconds and a fraction:
            // a whole second further back, and the rest of it forward.
            let before = before.duration();
            let seconds = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
            match before.subsec_nanos() {
                0 => (-seconds, 0),
                nanos => (-seconds - 1, 1_000_000_000 - nanos),
            }
        }
    };
    let first = first_day().and_time(NaiveTime::MIN).and_utc();
    let last = last_day()
        .and_hms_opt(23, 59, 59)
        .unwrap_or(NaiveDateTime::MAX)
        .and_utc();
    match DateTime::from_timestamp(seconds, nanos) {
        Some(time) => time.clamp(first, last),
        None if seconds < 0 => first,
        None => last,
    }
}

/// Today's date in the local time zone, by the C library's rules: the zone
/// named by TZ, or the system zone (/etc/localtime) when TZ is unset, and
/// UTC when TZ names nothing readable. It never fails: a zone that cannot
/// be read gives the UTC date, and a clock before 1970 its own date (see
/// [`now`]).
pub fn local_today() -> NaiveDate {
    let now = now();
    let zone = zone_file(
        std::env::var_os("TZ").as_deref(),
        std::env::var_os("TZDIR").as_deref(),
    );
    let date = if could_be_a_zone(&zone) {
        local_date_of(now.timestamp()).unwrap_or_else(|| now.date_naive())
    } else {
        now.date_naive()
    };
    // A zone can carry the clock's last instant into year 10000 (or its
    // first into year 0): held within the years the state and the journal
    // read back.
    date.clamp(first_day(), last_day())
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The file that the C library opens to learn the zone, by glibc's rules:
/// `/etc/localtime` when TZ is unset; `Universal` when it is empty; a
/// leading colon dropped; a relative name looked up in `$TZDIR`, else in
/// `/usr/share/zoneinfo`. (Where no such file exists, the library reads TZ
/// as a POSIX rule such as `<+14>-14`.)
fn zone_file(tz: Option<&OsStr>, tzdir: Option<&OsStr>) -> PathBuf {
    let Some(tz) = tz else {
        return PathBuf::from("/etc/localtime");
    };
    let name = match tz.as_bytes() {
        b"" => OsStr::new("Universal"),
        [b':', rest @ ..] => OsStr::from_bytes(rest),
        _ => tz,
    };
    if name.is_empty() {
        return PathBuf::from("/etc/localtime");
    }
    if name.as_bytes().starts_with(b"/") {
        return PathBuf::from(name);
    }
    let dir = tzdir
        .filter(|dir| !dir.is_empty())
        .unwrap_or(OsStr::new("/usr/share/zoneinfo"));
    Path::new(dir).join(name)
}

/// The C library opens the zone file without looking at what it is, so a
/// FIFO there would hold it (and every login) until something writes to
/// the FIFO. Anything that exists and is not a regular file is no zone:
/// the date is then the UTC date, as for any zone that cannot be read.
fn could_be_a_zone(file: &Path) -> bool {
    match std::fs::metadata(file) {
        Ok(metadata) => metadata.is_file(),
        Err(_) => true,
    }
}

fn local_date_of(seconds: i64) -> Option<NaiveDate> {
    local_time_of(seconds).map(|local| local.date)
}

/// A moment as the local zone shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LocalTime {
    /// Seconds since the epoch.
    at: i64,
    date: NaiveDate,
    hour: u32,
    minute: u32,
    second: u32,
    /// The zone's offset from UTC then, in seconds.
    offset: i64,
}

impl LocalTime {
    fn from_tm(at: i64, tm: &libc::tm) -> Option<LocalTime> {
        let month = u32::try_from(tm.tm_mon + 1).ok()?;
        let day = u32::try_from(tm.tm_mday).ok()?;
        Some(LocalTime {
            at,
            date: NaiveDate::from_ymd_opt(tm.tm_year.checked_add(1900)?, month, day)?,
            hour: u32::try_from(tm.tm_hour).ok()?,
            minute: u32::try_from(tm.tm_min).ok()?,
            second: u32::try_from(tm.tm_sec).ok()?,
            offset: gmtoff_seconds(tm.tm_gmtoff),
        })
    }

    /// `date` at a time of day in UTC, as written: no moment is counted.
    fn utc(date: NaiveDate, (hour, minute, second): (u32, u32, u32)) -> LocalTime {
        LocalTime {
            at: 0,
            date,
            hour,
            minute,
            second,
            offset: 0,
        }
    }

    fn wall_clock(&self) -> NaiveDateTime {
        self.date.and_time(
            NaiveTime::from_hms_opt(self.hour, self.minute, self.second.min(59))
                .unwrap_or(NaiveTime::MIN),
        )
    }

    fn is_midnight_of(&self, date: NaiveDate) -> bool {
        self.date == date && (self.hour, self.minute, self.second) == (0, 0, 0)
    }
}

fn local_time_of(seconds: i64) -> Option<LocalTime> {
    let time = libc::time_t::try_from(seconds).ok()?;
    // SAFETY: `tm` is plain data that localtime_r fills in; the thread-safe
    // variant writes only to the buffer it is given. What it buys: the
    // date the shells and `date` give, whatever TZ holds. chrono's own
    // Local, the safe way, falls back to the system zone where TZ names
    // no zone it can read (`TZ=Nowhere`, a typo), and the C library, and
    // so every other program on the machine, uses UTC: the login's tip
    // would then be another day's than the prompt's date says. It costs
    // no more: with chrono's Local instead, a start of `tips` measured the
    // same, within 1,000 instructions either way.
    let tm = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&time, &mut tm).is_null() {
            return None;
        }
        tm
    };
    LocalTime::from_tm(seconds, &tm)
}

/// The local zone, as the C library finds it (see [`local_today`]), for
/// the first moment of many days: it is looked for once.
pub struct LocalZone {
    /// Whether the zone file could be one; where it cannot, the zone is UTC.
    readable: bool,
}

impl LocalZone {
    pub fn find() -> LocalZone {
        let zone = zone_file(
            std::env::var_os("TZ").as_deref(),
            std::env::var_os("TZDIR").as_deref(),
        );
        LocalZone {
            readable: could_be_a_zone(&zone),
        }
    }

    /// The first moment of `date` in this zone, in RFC 3339:
    /// `2027-02-10T00:00:00+01:00`. A feed dates each day's tip so: its
    /// day begins where the feed is made, so that a reader in the same
    /// zone sees it on its own date, and it is never in the future once
    /// that day has begun. Where midnight comes twice (a clock put back
    /// across it), it is the first; where it never comes (a clock put
    /// forward across it), the first time that does, which for a day the
    /// zone skipped whole is the start of the next. RFC 3339 writes an
    /// offset in whole minutes, under a day: one with seconds (local mean
    /// time, before time zones) is rounded up to the next minute, with the
    /// time as many seconds later, so that the moment stays exact and on
    /// its day; one of a day or more is given as the same moment in UTC.
    pub fn start_of_day(&self, date: NaiveDate) -> String {
        let local = self
            .readable
            .then(|| first_moment_of(date))
            .flatten()
            .and_then(|local| {
                // In whole minutes, rounded up: the moment stays exact, and
                // on its day. (Recounted only then: in a zone that counts
                // leap seconds, the local clock is not `at` plus the offset.)
                let minutes = local.offset.div_euclid(60) + i64::from(local.offset % 60 != 0);
                if minutes * 60 == local.offset && minutes.abs() < 24 * 60 {
                    Some(local)
                } else if minutes.abs() < 24 * 60 {
                    in_offset(local.at, minutes * 60)
                } else {
                    in_utc(local.at)
                }
            })
            // Past the years `tips` knows (a zone a day behind UTC on the
            // last day, or ahead on the first), the nearest moment that
            // is in them stands in: RFC 3339 has no year 10000, many
            // readers refuse the year 0, and the entries stay in order.
            .map(|local| match local.date.year() {
                year if year > LAST_YEAR => LocalTime::utc(
                    NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(date),
                    (23, 59, 59),
                ),
                year if year < FIRST_YEAR => LocalTime::utc(
                    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or(date),
                    (0, 0, 0),
                ),
                _ => local,
            })
            .unwrap_or(LocalTime::utc(date, (0, 0, 0)));
        // Written digit by digit: a year's feed writes hundreds of these,
        // and the formatting machinery would cost more than the rest.
        let mut text = String::with_capacity(25);
        let year = u32::try_from(local.date.year()).unwrap_or(0);
        push_digits(&mut text, year, 4);
        for (separator, value) in [
            ('-', local.date.month()),
            ('-', local.date.day()),
            ('T', local.hour),
            (':', local.minute),
            (':', local.second),
        ] {
            text.push(separator);
            push_digits(&mut text, value, 2);
        }
        let offset_minutes = u32::try_from(local.offset.unsigned_abs() / 60).unwrap_or(0);
        if offset_minutes == 0 {
            text.push('Z');
        } else {
            text.push(if local.offset < 0 { '-' } else { '+' });
            push_digits(&mut text, offset_minutes / 60, 2);
            text.push(':');
            push_digits(&mut text, offset_minutes % 60, 2);
        }
        text
    }
}

/// The moment `at` as UTC shows it.
fn in_utc(at: i64) -> Option<LocalTime> {
    in_offset(at, 0)
}

/// The moment `at` as a clock `offset` seconds ahead of UTC shows it.
fn in_offset(at: i64, offset: i64) -> Option<LocalTime> {
    let time = DateTime::from_timestamp(at.checked_add(offset)?, 0)?.naive_utc();
    Some(LocalTime {
        at,
        date: time.date(),
        hour: time.hour(),
        minute: time.minute(),
        second: time.second(),
        offset,
    })
}

/// The zone's offset in seconds. `c_long` is 64 bits here and 32 on
/// 32-bit targets, where the conversion is not the same type.
#[allow(clippy::useless_conversion)]
fn gmtoff_seconds(seconds: libc::c_long) -> i64 {
    i64::from(seconds)
}

/// `value` in `width` decimal digits, with leading zeros.
fn push_digits(text: &mut String, value: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = value / 10u32.pow(place) % 10;
        text.push(char::from(b'0' + u8::try_from(digit).expect("one digit")));
    }
}

/// Further than any zone's offset from UTC has ever been, with room: a
/// day and two hours (Kiribati's and Samoa's jumps across the date line
/// were a day).
const WIDER_THAN_ANY_OFFSET: i64 = 26 * 3600;

/// The first moment whose local date is `date`.
///
/// Most days, `mktime` gives it: midnight as it reads it, where the zone's
/// offset a day and more before was the same, so no change of the clock
/// can have made an earlier midnight of that day. Left to guess, `mktime`
/// picks either midnight of a day that has two, by what it was last asked,
/// so a feed's day would begin an hour late or not depending on the days
/// before it; and where midnight is skipped it may answer a time of the
/// day before. Such a day is worked out from the offsets in force around
/// it: each gives one moment that would show midnight, and the earliest
/// that does is the first; where none does, the first moment whose date
/// is `date` or later is found by halving.
fn first_moment_of(date: NaiveDate) -> Option<LocalTime> {
    let guessed = midnight_as_mktime_reads_it(date)?;
    let earlier = local_time_of(guessed.at - WIDER_THAN_ANY_OFFSET)?;
    if guessed.is_midnight_of(date) && earlier.offset == guessed.offset {
        return Some(guessed);
    }
    // The moment a clock at the guessed offset shows midnight, counted
    // from `mktime`'s own answer rather than in days of 86,400 seconds:
    // in a zone that counts leap seconds (`right/…`) the days are longer.
    let from_midnight = guessed.wall_clock() - date.and_time(NaiveTime::MIN);
    let midnight_in_utc = guessed.at - from_midnight.num_seconds() + guessed.offset;
    let mut offsets: Vec<i64> = [
        earlier.offset,
        guessed.offset,
        local_time_of(guessed.at + WIDER_THAN_ANY_OFFSET)?.offset,
    ]
    .to_vec();
    offsets.dedup();
    let first_midnight = offsets
        .into_iter()
        .filter_map(|offset| local_time_of(midnight_in_utc - offset))
        .filter(|local| local.is_midnight_of(date))
        .min_by_key(|local| local.at);
    if first_midnight.is_some() {
        return first_midnight;
    }
    // No midnight: the date begins when the clock jumps into it (or past
    // it). Before `early` the local date is earlier than `date` in any
    // zone, and from `late` on it is `date` or later.
    let (mut early, mut late) = (
        midnight_in_utc - WIDER_THAN_ANY_OFFSET - 3600,
        midnight_in_utc + WIDER_THAN_ANY_OFFSET + 3600,
    );
    while late - early > 1 {
        let middle = early + (late - early) / 2;
        if local_date_of(middle)? >= date {
            late = middle;
        } else {
            early = middle;
        }
    }
    local_time_of(late)
}

/// Midnight of `date` as `mktime` normalises it, left to find out whether
/// summer time is in force. (`time_t` is 64 bits here and 32 on 32-bit
/// targets, where the conversion is not the same type.)
#[allow(clippy::useless_conversion)]
fn midnight_as_mktime_reads_it(date: NaiveDate) -> Option<LocalTime> {
    // SAFETY: `tm` is plain data; mktime reads it and writes the
    // normalised time and the zone's offset back into it, and nothing else.
    // What it buys: the same zone as `local_time_of`, read the C library's
    // way (see there), so that a feed's days begin where its dates say.
    let (at, tm) = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        tm.tm_year = date.year() - 1900;
        tm.tm_mon = i32::try_from(date.month0()).ok()?;
        tm.tm_mday = i32::try_from(date.day()).ok()?;
        tm.tm_isdst = -1;
        // -1 is also a real moment (a second before 1970 in UTC): only a
        // `tm` left as it was (mktime fills in the weekday) says it failed.
        tm.tm_wday = -1;
        let at = libc::mktime(&mut tm);
        if at == -1 && tm.tm_wday == -1 {
            return None;
        }
        (at, tm)
    };
    LocalTime::from_tm(i64::from(at), &tm)
}

/// The oldest and newest years that `--date` accepts: four digits, as in
/// the ISO 8601 calendar form people type.
pub const FIRST_YEAR: i32 = 1;
pub const LAST_YEAR: i32 = 9999;

/// Parses a number of days from 1 to `MOST` (`--days`); the refusal says
/// the range, so that every command's `--days` names its own.
pub fn parse_days<const MOST: u16>(text: &str) -> Result<u16, String> {
    text.parse()
        .ok()
        .filter(|days| (1..=MOST).contains(days))
        .ok_or_else(|| format!("a number of days from 1 to {MOST}"))
}

/// Parses `YYYY-MM-DD` strictly, with a reason a person can act on.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(index, byte)| match index {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    if !shape_ok {
        return Err("expected a date as YYYY-MM-DD, such as 2027-02-14".to_string());
    }
    let number =
        |range: std::ops::Range<usize>| text[range].parse::<u32>().expect("checked digits");
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let year = i32::try_from(year).expect("four digits fit");
    if year < FIRST_YEAR {
        return Err(format!("years run from {FIRST_YEAR:04} to {LAST_YEAR}"));
    }
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month:02}"));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let days_in_month = days_in_month(year, month);
        format!("{text} does not exist: that month has {days_in_month} days")
    })
}

/// Parses `HH:MM` on the 24-hour clock, strictly.
pub fn parse_time(text: &str) -> Result<NaiveTime, String> {
    let shape_ok = text.len() == 5
        && text.bytes().enumerate().all(|(index, byte)| match index {
            2 => byte == b':',
            _ => byte.is_ascii_digit(),
        });
    if !shape_ok {
        return Err("expected a time as HH:MM on the 24-hour clock, such as 08:30".to_string());
    }
    let hour: u32 = text[..2].parse().expect("checked digits");
    let minute: u32 = text[3..].parse().expect("checked digits");
    NaiveTime::from_hms_opt(hour, minute, 0)
        .ok_or_else(|| format!("{text} is not a time of day: hours run 00 to 23, minutes 00 to 59"))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("a valid month");
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .expect("within chrono's range");
    u32::try_from((next - first).num_days()).expect("28 to 31")
}

/// `YYYY-MM-DD`, with at least four digits for the year (so 14 February of
/// year 10000, the Valentine's Day after 9999-12-31, is `10000-02-14`).
pub fn iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// `Sunday 14 February 2027`.
pub fn long(date: NaiveDate) -> String {
    format!("{} {}", date.format("%A %-d %B"), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone_file_of(tz: Option<&str>, tzdir: Option<&str>) -> PathBuf {
        zone_file(tz.map(OsStr::new), tzdir.map(OsStr::new))
    }

    #[test]
    fn the_zone_file_is_the_one_glibc_opens() {
        let file = |tz, tzdir| zone_file_of(tz, tzdir).display().to_string();
        assert_eq!(file(None, None), "/etc/localtime");
        assert_eq!(file(Some(":"), None), "/etc/localtime");
        assert_eq!(file(Some(""), None), "/usr/share/zoneinfo/Universal");
        assert_eq!(
            file(Some("Europe/Berlin"), None),
            "/usr/share/zoneinfo/Europe/Berlin"
        );
        assert_eq!(
            file(Some(":Europe/Berlin"), Some("/opt/zones")),
            "/opt/zones/Europe/Berlin"
        );
        assert_eq!(
            file(Some("Europe/Berlin"), Some("")),
            "/usr/share/zoneinfo/Europe/Berlin"
        );
        assert_eq!(file(Some(":/tmp/fifo"), Some("/opt")), "/tmp/fifo");
        assert_eq!(file(Some("/tmp/fifo"), None), "/tmp/fifo");
    }

    #[test]
    fn only_a_regular_file_or_nothing_can_be_a_zone() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        crate::files::make_fifo(&fifo);
        assert!(!could_be_a_zone(&fifo));
        assert!(!could_be_a_zone(dir.path()));
        assert!(!could_be_a_zone(Path::new("/dev/zero")));
        assert!(could_be_a_zone(&dir.path().join("absent")));
        let file = dir.path().join("zone");
        std::fs::write(&file, "").unwrap();
        assert!(could_be_a_zone(&file));
    }

    #[test]
    fn a_clock_before_1970_or_past_any_date_is_read_without_a_panic() {
        use std::time::Duration;
        let at = |clock: SystemTime| time_of(clock).format("%Y-%m-%d %H:%M:%S%.f").to_string();
        let before = |seconds, nanos| UNIX_EPOCH - Duration::new(seconds, nanos);
        assert_eq!(at(before(3600, 0)), "1969-12-31 23:00:00");
        assert_eq!(at(before(0, 1)), "1969-12-31 23:59:59.999999999");
        assert_eq!(at(before(3600, 500_000_000)), "1969-12-31 22:59:59.500");
        assert_eq!(at(UNIX_EPOCH), "1970-01-01 00:00:00");
        // Outside the years a date is typed in, and past what chrono holds.
        let year = Duration::from_secs(365 * 24 * 3600);
        assert_eq!(at(UNIX_EPOCH + year * 20_000), "9999-12-31 23:59:59");
        assert_eq!(at(UNIX_EPOCH - year * 3_000), "0001-01-01 00:00:00");
        let far_ahead = UNIX_EPOCH + Duration::from_secs(i64::MAX as u64);
        assert_eq!(at(far_ahead), "9999-12-31 23:59:59");
        let far_back = UNIX_EPOCH - Duration::from_secs(i64::MAX as u64);
        assert_eq!(at(far_back), "0001-01-01 00:00:00");
    }

    #[test]
    fn parse_date_accepts_real_dates_including_extremes() {
        assert_eq!(iso(parse_date("2024-02-29").unwrap()), "2024-02-29");
        assert_eq!(iso(parse_date("0001-01-01").unwrap()), "0001-01-01");
        assert_eq!(iso(parse_date("9999-12-31").unwrap()), "9999-12-31");
    }

    #[test]
    fn parse_date_refuses_impossible_and_malformed_dates() {
        assert!(parse_date("2026-02-30").unwrap_err().contains("28 days"));
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("2026-13-01").unwrap_err().contains("month 13"));
        assert!(parse_date("0000-01-01").is_err());
        for bad in [
            "",
            "2026-2-3",
            "26-02-03",
            "2026/02/03",
            "+2026-02-03",
            "2026-02-03T00",
            "２０２６-02-03",
            "tomorrow",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn parse_time_takes_hh_mm_and_nothing_else() {
        assert_eq!(parse_time("08:30").unwrap().to_string(), "08:30:00");
        assert_eq!(parse_time("23:59").unwrap().to_string(), "23:59:00");
        assert!(parse_time("25:00").unwrap_err().contains("00 to 23"));
        for bad in [
            "", "8:30", "08.30", "08:60", "24:00", "08:30:00", "noon", "-1:00",
        ] {
            assert!(parse_time(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn long_form_names_the_weekday() {
        assert_eq!(
            long(parse_date("2027-02-14").unwrap()),
            "Sunday 14 February 2027"
        );
        assert_eq!(
            long(parse_date("0001-02-14").unwrap()),
            "Wednesday 14 February 1"
        );
    }

    #[test]
    fn iso_keeps_four_digits_and_grows_past_9999() {
        assert_eq!(
            iso(NaiveDate::from_ymd_opt(10000, 2, 14).unwrap()),
            "10000-02-14"
        );
        assert_eq!(
            iso(NaiveDate::from_ymd_opt(1, 2, 14).unwrap()),
            "0001-02-14"
        );
    }
}
