//! Which tip belongs to a day, and how far away Valentine's Day is.
//!
//! The Romantic Sales series ran one tip a day from 4 February (tip 1) to
//! 13 February (tip 10), the eve of Valentine's Day. Outside that season the
//! tips take turns by date.

use chrono::{Datelike, NaiveDate};

use crate::tip::{Tip, TipSet};

/// The day of February on which the season begins with tip 1.
pub const SEASON_FIRST_DAY: u32 = 4;
/// The number of tips in the series, one per day of the season.
pub const SEASON_LENGTH: u32 = 10;
pub const VALENTINES_DAY: u32 = 14;
/// The season from its first tip to Valentine's Day: 4 to 14 February.
pub const SEASON_DAYS: u16 = 11;

/// What stands above the tip on 14 February.
pub const VALENTINES_GREETING: &str =
    "Happy Valentine's Day! The season of Romantic Sales ends today: go and romance your customers.";

/// One day of a schedule: its date and its tip.
#[derive(Debug, Clone, Copy)]
pub struct Day<'a> {
    pub date: NaiveDate,
    pub tip: &'a Tip,
}

impl Day<'_> {
    pub fn is_valentines_day(&self) -> bool {
        is_valentines_day(self.date)
    }
}

/// `count` days from `first` on, each with the tip that `tips today` shows on
/// it. Dates run on past year 9999 where they must; chrono's calendar goes
/// far beyond.
pub fn days_from(first: NaiveDate, count: u16, tips: &TipSet) -> Vec<Day<'_>> {
    first
        .iter_days()
        .take(usize::from(count))
        .map(|date| Day {
            date,
            tip: tip_for(date, tips),
        })
        .collect()
}

/// The first day of the season that has not ended yet: 4 February of this
/// year while today is on or before 14 February, and of next year after.
pub fn season_start(today: NaiveDate) -> NaiveDate {
    let valentines = next_february(today, VALENTINES_DAY);
    february(valentines.year(), SEASON_FIRST_DAY)
}

/// The number of the series tip that a day of the season belongs to, or
/// `None` outside the season.
pub fn season_tip_number(date: NaiveDate) -> Option<u32> {
    let in_season = date.month() == 2
        && (SEASON_FIRST_DAY..SEASON_FIRST_DAY + SEASON_LENGTH).contains(&date.day());
    in_season.then(|| date.day() - SEASON_FIRST_DAY + 1)
}

/// The series tip of a day of the season, where the set has it: what the
/// season is running that day.
pub fn running_tip(date: NaiveDate, tips: &TipSet) -> Option<&Tip> {
    season_tip_number(date).and_then(|number| tips.by_number(number))
}

/// The tip of the day: the series tip during the season (when the set has
/// it), otherwise the rotation.
pub fn tip_for(date: NaiveDate, tips: &TipSet) -> &Tip {
    running_tip(date, tips).unwrap_or_else(|| rotation_tip(date, tips))
}

/// 14 February, when a greeting stands above the day's tip.
pub fn is_valentines_day(date: NaiveDate) -> bool {
    (date.month(), date.day()) == (2, VALENTINES_DAY)
}

/// Tips in number order, one a day by the day's count since the calendar's
/// start: any run of k consecutive days shows each of k tips exactly once,
/// and every machine agrees on the day's tip.
fn rotation_tip(date: NaiveDate, tips: &TipSet) -> &Tip {
    let all = tips.all();
    &all[rotation_index(date, all.len())]
}

fn rotation_index(date: NaiveDate, count: usize) -> usize {
    let count = i64::try_from(count).expect("a tip set is small");
    let index = i64::from(date.num_days_from_ce()).rem_euclid(count);
    usize::try_from(index).expect("rem_euclid is never negative")
}

/// A number that changes every day, for choosing among a tip's prompts.
pub fn daily_choice(date: NaiveDate, count: usize) -> usize {
    rotation_index(date, count.max(1))
}

/// Where a day stands relative to the Romantic Sales season.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    /// The season starts on `starts` (a 4 February), `days` from now.
    Upcoming {
        starts: NaiveDate,
        days: i64,
    },
    /// A day of the season: the series tip with this number is today's.
    Running {
        tip_number: u32,
    },
    ValentinesDay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub date: NaiveDate,
    pub valentines: NaiveDate,
    /// 0 on Valentine's Day itself.
    pub days: i64,
    pub season: Season,
}

impl Countdown {
    pub fn on(date: NaiveDate) -> Countdown {
        let valentines = next_february(date, VALENTINES_DAY);
        let season = if date == valentines {
            Season::ValentinesDay
        } else if let Some(tip_number) = season_tip_number(date) {
            Season::Running { tip_number }
        } else {
            let starts = next_february(date, SEASON_FIRST_DAY);
            Season::Upcoming {
                starts,
                days: (starts - date).num_days(),
            }
        };
        Countdown {
            date,
            valentines,
            days: (valentines - date).num_days(),
            season,
        }
    }
}

/// The first `day` of February on or after `date`.
fn next_february(date: NaiveDate, day: u32) -> NaiveDate {
    let this_year = february(date.year(), day);
    if date <= this_year {
        this_year
    } else {
        february(date.year() + 1, day)
    }
}

fn february(year: i32, day: u32) -> NaiveDate {
    // Every year has 4 and 14 February; chrono's range ends in year 262143,
    // far beyond the dates `tips` accepts.
    NaiveDate::from_ymd_opt(year, 2, day).expect("February has this day in every year")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_season_runs_from_4_to_13_february() {
        assert_eq!(season_tip_number(date("2026-02-03")), None);
        assert_eq!(season_tip_number(date("2026-02-04")), Some(1));
        assert_eq!(season_tip_number(date("2026-02-10")), Some(7));
        assert_eq!(season_tip_number(date("2026-02-13")), Some(10));
        assert_eq!(season_tip_number(date("2026-02-14")), None);
        assert_eq!(season_tip_number(date("2026-03-04")), None);
    }

    #[test]
    fn respect_is_the_tip_of_10_february_the_day_the_article_came_out() {
        assert_eq!(
            tip_for(date("2013-02-10"), &TipSet::builtin()).slug,
            "respect"
        );
    }

    #[test]
    fn the_season_to_come_is_this_years_until_valentines_day_then_next_years() {
        assert_eq!(season_start(date("2026-11-26")), date("2027-02-04"));
        assert_eq!(season_start(date("2027-01-01")), date("2027-02-04"));
        assert_eq!(season_start(date("2027-02-10")), date("2027-02-04"));
        assert_eq!(season_start(date("2027-02-14")), date("2027-02-04"));
        assert_eq!(season_start(date("2027-02-15")), date("2028-02-04"));
        let tips = TipSet::builtin();
        let season = days_from(season_start(date("2027-02-10")), SEASON_DAYS, &tips);
        let numbers: Vec<u32> = season.iter().map(|day| day.tip.number).collect();
        assert_eq!(&numbers[..10], &(1..=10).collect::<Vec<_>>()[..]);
        assert_eq!(season.last().unwrap().date, date("2027-02-14"));
        assert!(season.last().unwrap().is_valentines_day());
        assert!(!season[9].is_valentines_day());
    }

    #[test]
    fn countdown_is_zero_on_valentines_day() {
        let countdown = Countdown::on(date("2027-02-14"));
        assert_eq!(countdown.days, 0);
        assert_eq!(countdown.season, Season::ValentinesDay);
        assert_eq!(countdown.valentines.weekday(), Weekday::Sun);
    }

    #[test]
    fn countdown_crosses_the_year_end() {
        let countdown = Countdown::on(date("2026-12-31"));
        assert_eq!(countdown.valentines, date("2027-02-14"));
        assert_eq!(countdown.days, 45);
        let after = Countdown::on(date("2026-02-15"));
        assert_eq!(after.valentines, date("2027-02-14"));
        assert_eq!(after.days, 364);
    }

    #[test]
    fn countdown_counts_the_leap_day() {
        // The year from 15 February 2024 holds 29 February 2024; the year
        // from 15 February 2023 holds no leap day.
        assert_eq!(Countdown::on(date("2024-02-15")).days, 365);
        assert_eq!(Countdown::on(date("2023-02-15")).days, 364);
        assert_eq!(Countdown::on(date("2024-02-29")).days, 351);
        assert_eq!(Countdown::on(date("2024-01-01")).days, 44);
    }

    #[test]
    fn season_status_before_during_and_after() {
        assert_eq!(
            Countdown::on(date("2026-11-26")).season,
            Season::Upcoming {
                starts: date("2027-02-04"),
                days: 70
            }
        );
        assert_eq!(
            Countdown::on(date("2027-02-10")).season,
            Season::Running { tip_number: 7 }
        );
        assert_eq!(
            Countdown::on(date("2027-02-03")).season,
            Season::Upcoming {
                starts: date("2027-02-04"),
                days: 1
            }
        );
    }

    #[test]
    fn the_rotation_covers_a_playbook_of_any_size() {
        let template = TipSet::builtin().all()[0].clone();
        let extra: Vec<Tip> = (11..=13)
            .map(|number| Tip {
                number,
                ..template.clone()
            })
            .collect();
        let set = TipSet::from_playbook(extra, false);
        let start = date("2026-06-01");
        let mut seen: Vec<u32> = (0..13)
            .map(|offset| tip_for(start + chrono::Days::new(offset), &set).number)
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, (1..=13).collect::<Vec<_>>());
    }

    #[test]
    fn a_season_day_missing_from_the_set_falls_back_to_the_rotation() {
        let only_twelve = TipSet::from_playbook(
            vec![Tip {
                number: 12,
                ..TipSet::builtin().all()[0].clone()
            }],
            true,
        );
        assert_eq!(tip_for(date("2027-02-10"), &only_twelve).number, 12);
    }

    /// Not a sample but every day of 501 years, leap days and year ends
    /// included: the countdown reaches the next 14 February, the season
    /// shows the series in order and says where it stands, and any ten days
    /// clear of the season show each tip once.
    #[test]
    fn every_day_of_five_centuries_keeps_the_rules() {
        let tips = TipSet::builtin();
        let first = date("1800-01-01");
        let last = date("2300-12-31");
        let mut expected_valentines = date("1800-02-14");
        let mut recent: std::collections::VecDeque<(NaiveDate, u32)> = Default::default();
        for day in first.iter_days().take_while(|day| *day <= last) {
            if day > expected_valentines {
                expected_valentines = february(day.year() + 1, 14);
            }
            let countdown = Countdown::on(day);
            assert_eq!(countdown.valentines, expected_valentines, "{day}");
            assert_eq!(
                countdown.days,
                (expected_valentines - day).num_days(),
                "{day}"
            );

            let number = tip_for(day, &tips).number;
            if let Some(series) = season_tip_number(day) {
                assert_eq!(number, series, "{day}");
                assert_eq!(number, day.day() - 3, "{day}");
            }
            match countdown.season {
                Season::Running { tip_number } => {
                    assert_eq!(season_tip_number(day), Some(tip_number), "{day}")
                }
                Season::ValentinesDay => assert!(is_valentines_day(day), "{day}"),
                Season::Upcoming { starts, days } => {
                    assert_eq!((starts.month(), starts.day()), (2, 4), "{day}");
                    assert!(days > 0 && starts > day && expected_valentines > starts);
                    assert_eq!(season_tip_number(day), None, "{day}");
                }
            }
            recent.push_back((day, number));
            if recent.len() > 10 {
                recent.pop_front();
            }
            let clear_of_season = recent
                .iter()
                .all(|(d, _)| !(d.month() == 2 && (4..=14).contains(&d.day())));
            if recent.len() == 10 && clear_of_season {
                let mut numbers: Vec<u32> = recent.iter().map(|(_, n)| *n).collect();
                numbers.sort_unstable();
                assert_eq!(
                    numbers,
                    (1..=10).collect::<Vec<_>>(),
                    "ten days ending {day}"
                );
            }
        }
    }
}
