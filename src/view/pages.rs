//! What each command says, as plain [`Doc`]s.

use crate::calendar;
use crate::schedule::{Countdown, Season, SEASON_LENGTH};
use crate::tip::{Text, Tip};

use unicode_width::UnicodeWidthStr;

use super::{Doc, Paragraph, Span, Style};

const VALENTINES_GREETING: &str = "Happy Valentine's Day! The season of Romantic Sales ends today: go and romance your customers.";

/// `Tip 7 · ` before a title: the number is how a tip is found again.
fn numbered_title(tip: &Tip) -> Vec<Span> {
    vec![
        Span::new(format!("Tip {} · ", tip.number), Style::Label),
        Span::new(tip.title.clone(), Style::Title),
    ]
}

/// A tip in full: what `today`, `show` and `random` print.
pub fn tip_page(tip: &Tip, valentines_day: bool) -> Doc {
    let mut page = Doc::default();
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
            Span::plain(" ".repeat(title_width - tip.title.width())),
        ];
        if let Some(tagline) = &tip.tagline {
            row.push(Span::plain("  "));
            row.push(Span::new(tagline.clone(), Style::Tagline));
        }
        page.row(row);
    }
    page
}

fn days(count: i64) -> String {
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
    let valentines = calendar::long(countdown.valentines);
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
                days(countdown.days)
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
                days(countdown.days)
            ))]));
            page.push(Paragraph::new(vec![Span::plain(format!(
                "The Romantic Sales season starts in {}, on {}, with one tip a day until the 13th.",
                days(until_season),
                calendar::long(starts)
            ))]));
        }
    }
    page
}

/// The short form for logins: at most eight lines, whatever the width.
pub fn motd(tip: &Tip, prompt: &Text, countdown: &Countdown) -> Doc {
    let mut page = Doc::default();
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
        _ => format!("{} to Valentine's Day", days(countdown.days)),
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
