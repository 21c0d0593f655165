//! What each command says, as plain [`Doc`]s.

use crate::dates;
use crate::playbook::{PlaceReport, PlaceStatus};
use crate::schedule::{Countdown, Season, SEASON_LENGTH, VALENTINES_GREETING};
use crate::tip::{Text, Tip};

use unicode_width::UnicodeWidthStr;

use super::{Doc, Paragraph, Span, Style};

/// `Tip 7 · ` before a title: the number is how a tip is found again.
fn numbered_title(tip: &Tip) -> Vec<Span> {
    vec![
        Span::new(format!("Tip {} · ", tip.number), Style::Label),
        Span::new(tip.title.clone(), Style::Title),
    ]
}

/// A tip in full: what `today`, `show` and `random` print.
pub fn tip_page(tip: &Tip, valentines_day: bool) -> Doc {
    // Title, tagline, body, heading, the prompts, action, source and gaps.
    let mut page = Doc::with_capacity(16 + tip.prompts.len());
    if valentines_day {
        page.push(Paragraph::new(vec![Span::new(
            VALENTINES_GREETING,
            Style::Greeting,
        )]));
        page.gap();
    }
    page.push(Paragraph::new(numbered_title(tip)));
    if let Some(tagline) = &tip.tagline {
        page.push(Paragraph::new(vec![Span::new(
            tagline.clone(),
            Style::Tagline,
        )]));
    }
    page.gap();
    page.push(Paragraph::new(vec![Span::plain(tip.body.clone())]));
    page.gap();
    page.push(Paragraph::new(vec![Span::new(
        "Coaching prompts",
        Style::Heading,
    )]));
    for prompt in tip.prompts.iter() {
        page.push(
            Paragraph::new(vec![Span::plain(prompt.clone())])
                .indented(2)
                .lead(Span::new("• ", Style::Bullet)),
        );
    }
    if let Some(action) = &tip.action {
        page.gap();
        page.push(Paragraph::new(vec![Span::new("Try today", Style::Heading)]));
        page.push(Paragraph::new(vec![Span::plain(action.clone())]).indented(2));
    }
    if let Some(source) = &tip.source {
        page.gap();
        page.push(Paragraph::new(vec![Span::new(
            format!("Source: {source}"),
            Style::Faint,
        )]));
    }
    page
}

/// One row per tip: number, title, tagline.
pub fn tip_list(tips: &[&Tip]) -> Doc {
    let number_width = tips
        .iter()
        .map(|tip| tip.number.to_string().len())
        .max()
        .unwrap_or(1);
    let title_width = tips.iter().map(|tip| tip.title.width()).max().unwrap_or(0);
    let mut page = Doc::default();
    for tip in tips {
        let mut row = vec![
            Span::new(format!("{:>number_width$}  ", tip.number), Style::Label),
            Span::new(tip.title.clone(), Style::Title),
        ];
        // Titles are padded to one column only where a tagline follows, so
        // that no row ends in blanks.
        if let Some(tagline) = &tip.tagline {
            let padding = title_width - tip.title.width() + 2;
            row.push(Span::plain(" ".repeat(padding)));
            row.push(Span::new(tagline.clone(), Style::Tagline));
        }
        page.row(row);
    }
    page
}

fn count_of_days(count: i64) -> String {
    if count == 1 {
        "1 day".to_string()
    } else {
        format!("{count} days")
    }
}

/// `tips countdown`: the days to Valentine's Day and where the season is.
/// `running_tip` is the tip of a season day, where the set has it.
pub fn countdown_page(countdown: &Countdown, running_tip: Option<&Tip>) -> Doc {
    let mut page = Doc::default();
    let valentines = dates::long(countdown.valentines);
    match countdown.season {
        Season::ValentinesDay => {
            page.push(Paragraph::new(vec![Span::new(
                VALENTINES_GREETING,
                Style::Greeting,
            )]));
            page.push(Paragraph::new(vec![Span::plain(format!(
                "0 days to go: it is today, {valentines}."
            ))]));
        }
        Season::Running { tip_number } => {
            page.push(Paragraph::new(vec![Span::plain(format!(
                "{} to Valentine's Day, {valentines}.",
                count_of_days(countdown.days)
            ))]));
            let mut spans = vec![Span::plain(format!(
                "Day {tip_number} of {SEASON_LENGTH} of the Romantic Sales season"
            ))];
            match running_tip {
                Some(tip) => spans.extend([
                    Span::plain(format!(": today's tip is {} (", tip.title)),
                    Span::new(format!("tips show {}", tip.slug), Style::Command),
                    Span::plain(")."),
                ]),
                None => spans.push(Span::plain(".")),
            }
            page.push(Paragraph::new(spans));
        }
        Season::Upcoming {
            starts,
            days: until_season,
        } => {
            page.push(Paragraph::new(vec![Span::plain(format!(
                "{} to Valentine's Day, {valentines}.",
                count_of_days(countdown.days)
            ))]));
            page.push(Paragraph::new(vec![Span::plain(format!(
                "The Romantic Sales season starts in {}, on {}, with one tip a day until the 13th.",
                count_of_days(until_season),
                dates::long(starts)
            ))]));
        }
    }
    page
}

/// The short form for logins: at most eight lines, whatever the width.
pub fn motd(tip: &Tip, prompt: &Text, countdown: &Countdown) -> Doc {
    let mut page = Doc::with_capacity(5);
    if countdown.season == Season::ValentinesDay {
        page.push(
            Paragraph::new(vec![Span::new("Happy Valentine's Day!", Style::Greeting)]).at_most(1),
        );
    }
    page.push(Paragraph::new(numbered_title(tip)).at_most(1));
    if let Some(tagline) = &tip.tagline {
        page.push(
            Paragraph::new(vec![Span::new(tagline.clone(), Style::Tagline)])
                .indented(2)
                .at_most(2),
        );
    }
    page.push(
        Paragraph::new(vec![Span::plain(prompt.clone())])
            .indented(2)
            .lead(Span::new("› ", Style::Bullet))
            .at_most(3),
    );
    let when = match countdown.season {
        Season::ValentinesDay => "Valentine's Day is today".to_string(),
        _ => format!("{} to Valentine's Day", count_of_days(countdown.days)),
    };
    page.push(
        Paragraph::new(vec![
            Span::new(format!("{when} · more: "), Style::Faint),
            Span::new(format!("tips show {}", tip.slug), Style::Command),
        ])
        .indented(2)
        .at_most(1),
    );
    page
}

/// Where the login state is kept, for `tips paths`.
#[derive(Debug, serde::Serialize)]
pub struct StatePlace {
    pub path: String,
    pub exists: bool,
}

/// `tips paths`: each place a playbook may come from, in order, with what
/// stands there; then the state folder.
pub fn paths(playbooks: &[PlaceReport], state: Option<&StatePlace>) -> Doc {
    let mut page = Doc::default();
    page.push(Paragraph::new(vec![Span::new(
        "Playbook (the first place that exists is in force)",
        Style::Heading,
    )]));
    for place in playbooks {
        page.push(
            Paragraph::new(vec![
                Span::new(place.path.clone(), Style::Command),
                Span::plain(format!(" ({})", place.from.describe())),
            ])
            .indented(2),
        );
        let note = match place.status {
            PlaceStatus::InForce => format!("in force: {} tips", place.tips.unwrap_or_default()),
            PlaceStatus::Broken => format!(
                "in force but broken, so commands fail and tips motd shows a built-in tip: {}",
                place.error.as_deref().unwrap_or_default()
            ),
            PlaceStatus::NotFound => "not found: passed over".to_string(),
            PlaceStatus::Unused if place.exists => {
                "exists, but not used: a place above it is in force".to_string()
            }
            PlaceStatus::Unused => "not used: a place above it is in force".to_string(),
        };
        page.push(Paragraph::new(vec![Span::new(note, Style::Faint)]).indented(4));
    }
    if playbooks
        .iter()
        .all(|place| place.status == PlaceStatus::NotFound)
    {
        page.push(
            Paragraph::new(vec![Span::plain(
                "No playbook found: the built-in tips are in force.",
            )])
            .indented(2),
        );
    }
    page.gap();
    page.push(Paragraph::new(vec![Span::new("State", Style::Heading)]));
    match state {
        Some(state) => {
            page.push(
                Paragraph::new(vec![Span::new(state.path.clone(), Style::Command)]).indented(2),
            );
            let note = if state.exists {
                "exists"
            } else {
                "not created yet: tips motd --once-per-day creates it"
            };
            page.push(Paragraph::new(vec![Span::new(note, Style::Faint)]).indented(4));
        }
        None => page.push(
            Paragraph::new(vec![Span::new(
                "none: set HOME or XDG_STATE_HOME",
                Style::Faint,
            )])
            .indented(2),
        ),
    }
    page
}
