//! What each command says, as plain [`Doc`]s.

use crate::dates;
use crate::journal::Entry;
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

/// How many lines of the newest entry come back with a tip.
pub const LAST_TIME_LINES: usize = 3;

/// `21 Nov 2026`: short enough for a login line, with the year, since a
/// journal runs over years.
fn short_date(date: chrono::NaiveDate) -> String {
    format!("{} {}", date.format("%-d %b"), date.format("%Y"))
}

/// The "Last time" section after a tip: the newest entry on it, its date
/// and the first lines of the reader's own words. The entry's text is the user's, and is laid out as
/// untrusted text is.
pub fn add_last_time(page: &mut Doc, entry: &Entry, tip: &Tip) {
    page.gap();
    page.push(Paragraph::new(vec![Span::new(
        format!("Last time ({}) you wrote", short_date(entry.date)),
        Style::Heading,
    )]));
    let glimpse = entry.glimpse(&tip.prompts);
    for line in glimpse.lines.iter().take(LAST_TIME_LINES) {
        page.push(
            Paragraph::new(vec![Span::plain(line.to_string())])
                .indented(2)
                .at_most(2),
        );
    }
    if glimpse.lines.len() > LAST_TIME_LINES || glimpse.leaves_out {
        page.push(
            Paragraph::new(vec![
                Span::new("more: ", Style::Faint),
                Span::new(format!("tips journal {}", entry.slug), Style::Command),
            ])
            .indented(2),
        );
    }
}

/// One entry per tip: its number and slug (the names to type) and its
/// title.
pub fn tip_list(tips: &[&Tip]) -> Doc {
    let number_width = tips
        .iter()
        .map(|tip| tip.number.to_string().len())
        .max()
        .unwrap_or(1);
    let slug_width = tips.iter().map(|tip| tip.slug.len()).max().unwrap_or(0);
    let mut page = Doc::with_capacity(tips.len());
    for tip in tips {
        // The number and the slug are the names to type, so they lead, in
        // columns; the title wraps beside them, or under the slug where the
        // screen is too narrow for both (slugs are ASCII: a byte a column).
        let names = format!("{:>number_width$}  {:<slug_width$}  ", tip.number, tip.slug);
        page.push(
            Paragraph::new(vec![Span::new(tip.title.clone(), Style::Title)])
                .lead(Span::new(names, Style::Command)),
        );
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
/// With a journal entry on the tip, its first line is one of them, and the
/// prompt gives up a line to make room.
pub fn motd(tip: &Tip, prompt: &Text, countdown: &Countdown, last_time: Option<&Entry>) -> Doc {
    let mut page = Doc::with_capacity(6);
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
            .at_most(if last_time.is_some() { 2 } else { 3 }),
    );
    if let Some(entry) = last_time {
        page.push(
            Paragraph::new(vec![
                Span::new(
                    format!("Last time ({}): ", short_date(entry.date)),
                    Style::Faint,
                ),
                Span::plain(entry.glimpse(&tip.prompts).first_line().to_string()),
            ])
            .indented(2)
            .at_most(1),
        );
    }
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

/// A folder `tips` keeps things in (the login state, the journal), for
/// `tips paths`.
#[derive(Debug)]
pub struct FolderPlace {
    pub path: String,
    pub stands: Standing,
}

/// What stands where a folder of `tips` belongs.
#[derive(Debug)]
pub enum Standing {
    Nothing,
    /// Something that is not a folder is in the way: where the folder
    /// belongs, or where one on the way to it does (`above`).
    NotAFolder {
        above: Option<String>,
    },
    /// A link to something that is not there (a drive not mounted): the
    /// folder itself, or the folder it is in (`link`).
    LinkToNothing {
        link: Option<String>,
    },
    /// The folder, and the first of its folders that is not private to the
    /// user (others may read or write it, or it is someone else's), where
    /// one is and `tips` looked.
    Folder {
        not_private: Option<crate::journal::OpenFolder>,
    },
}

impl FolderPlace {
    pub fn exists(&self) -> bool {
        !matches!(self.stands, Standing::Nothing)
    }
}

/// The note for a folder place with something else in its way.
fn not_a_folder(above: Option<&String>) -> String {
    match above {
        None => "there, but not a folder: move it away".to_string(),
        Some(above) => format!("in {above}, which is not a folder: move it away"),
    }
}

/// The note for a folder place that is a link to nothing, or is in one.
fn link_to_nothing(link: Option<&String>) -> String {
    const WHAT_TO_DO: &str = "mount the drive it points to, or move the link away";
    match link {
        None => format!("a link to something that is not there: {WHAT_TO_DO}"),
        Some(link) => {
            format!("in {link}, a link to something that is not there: {WHAT_TO_DO}")
        }
    }
}

/// `tips paths`: each place a playbook may come from, in order, with what
/// stands there; then the state folder and the journal's.
pub fn paths(
    playbooks: &[PlaceReport],
    state: Option<&FolderPlace>,
    journal: Option<&FolderPlace>,
) -> Doc {
    let mut page = Doc::default();
    add_playbook_places(&mut page, playbooks);
    page.gap();
    let state_note = |state: &FolderPlace| match &state.stands {
        Standing::NotAFolder { above } => not_a_folder(above.as_ref()),
        Standing::LinkToNothing { link } => link_to_nothing(link.as_ref()),
        Standing::Folder { .. } => "exists".to_string(),
        Standing::Nothing => "not created yet: tips motd --once-per-day creates it".to_string(),
    };
    add_folder_place(&mut page, "State", state, state_note, "XDG_STATE_HOME");
    page.gap();
    add_folder_place(&mut page, "Journal", journal, journal_note, "XDG_DATA_HOME");
    page
}

fn add_playbook_places(page: &mut Doc, playbooks: &[PlaceReport]) {
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
        let note = match &place.status {
            PlaceStatus::InForce { tips } => format!("in force: {tips} tips"),
            PlaceStatus::Broken { error } => format!(
                "in force but broken, so commands fail and tips motd shows a built-in tip: {error}"
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
}

/// A folder's heading, its path and a note on what stands there; where no
/// folder can be found, which variable to set.
fn add_folder_place(
    page: &mut Doc,
    heading: &'static str,
    place: Option<&FolderPlace>,
    note: impl Fn(&FolderPlace) -> String,
    variable: &str,
) {
    page.push(Paragraph::new(vec![Span::new(heading, Style::Heading)]));
    match place {
        Some(place) => {
            page.push(
                Paragraph::new(vec![Span::new(place.path.clone(), Style::Command)]).indented(2),
            );
            page.push(Paragraph::new(vec![Span::new(note(place), Style::Faint)]).indented(4));
        }
        None => page.push(
            Paragraph::new(vec![Span::new(
                format!("none: set HOME or {variable}"),
                Style::Faint,
            )])
            .indented(2),
        ),
    }
}

fn journal_note(journal: &FolderPlace) -> String {
    match &journal.stands {
        Standing::NotAFolder { above } => not_a_folder(above.as_ref()),
        Standing::LinkToNothing { link } => link_to_nothing(link.as_ref()),
        Standing::Nothing => "not created yet: tips reflect creates it".to_string(),
        Standing::Folder { not_private: None } => {
            "exists: private to you, never sent anywhere; copy it to back it up".to_string()
        }
        Standing::Folder {
            not_private: Some(open),
        } => {
            let folder = open.path.display();
            if open.will_be_made_private() {
                format!(
                    "exists, but others may read or write {folder}: the next tips reflect makes it private"
                )
            } else if open.linked {
                format!(
                    "exists, but not private: {folder} is a link to a folder others may read or write, which tips leaves as it is"
                )
            } else if open.open {
                format!(
                    "exists, but not private: {folder} belongs to someone else, and others may read or write it"
                )
            } else {
                format!(
                    "exists, but {folder} belongs to someone else: its owner decides who may read it"
                )
            }
        }
    }
}

/// The tip an entry is about, as the journal names it: its number and
/// title, or its slug where the tip is no longer in force.
fn entry_tip_name((entry, tip): &(&Entry, Option<&Tip>)) -> String {
    match tip {
        Some(tip) => format!("{} · {}", tip.number, tip.title),
        None => entry.slug.clone(),
    }
}

/// `tips journal`: every entry whole, newest first, as `git log` shows
/// commits: the date and the tip, then the entry's lines (its blank lines
/// kept as gaps, its indentation kept), then a blank line.
pub fn journal_entries(entries: &[(&Entry, Option<&Tip>)]) -> Doc {
    let mut page = Doc::with_capacity(entries.len() * 8);
    for item in entries {
        page.gap();
        page.row(vec![
            Span::new(format!("{}  ", dates::iso(item.0.date)), Style::Label),
            Span::new(entry_tip_name(item), Style::Title),
        ]);
        for line in item.0.text.lines().map(str::trim_end) {
            let text = line.trim_start();
            if text.is_empty() {
                page.gap();
                continue;
            }
            let indent = line.len() - text.len();
            page.push(Paragraph::new(vec![Span::plain(text.to_string())]).indented(2 + indent));
        }
    }
    page
}

/// `tips journal --oneline`: one row per entry, newest first: the date,
/// the tip's title (or its slug, where the tip is no longer in force) and
/// the first line of the entry.
pub fn journal_list(entries: &[(&Entry, Option<&Tip>)]) -> Doc {
    let names: Vec<String> = entries.iter().map(entry_tip_name).collect();
    let name_width = names.iter().map(|name| name.width()).max().unwrap_or(0);
    let mut page = Doc::with_capacity(entries.len());
    for ((entry, tip), name) in entries.iter().zip(names) {
        let mut row = vec![
            Span::new(format!("{}  ", dates::iso(entry.date)), Style::Label),
            Span::new(name.clone(), Style::Title),
        ];
        // Padded only where a line follows, so that no row ends in blanks.
        let prompts: &[crate::tip::Text] = tip.map_or(&[], |tip| &tip.prompts);
        let glimpse = entry.glimpse(prompts);
        let first_line = glimpse.first_line();
        if !first_line.is_empty() {
            row.push(Span::plain(" ".repeat(name_width - name.width() + 2)));
            row.push(Span::plain(first_line.to_string()));
        }
        page.row(row);
    }
    page
}

/// `tips journal` with nothing to list: of any tip, or of the one asked.
pub fn journal_empty(slug: Option<&str>, since: Option<chrono::NaiveDate>) -> Doc {
    let mut page = Doc::with_capacity(1);
    let on = slug.map_or(String::new(), |slug| format!(" on {slug}"));
    let said = match since {
        Some(since) => format!("No journal entries{on} since {}.", dates::iso(since)),
        None => format!("No journal entries{on} yet: "),
    };
    let mut spans = vec![Span::plain(said)];
    if since.is_none() {
        let command = slug.map_or("tips reflect".to_string(), |slug| {
            format!("tips reflect {slug}")
        });
        spans.push(Span::new(command, Style::Command));
        spans.push(Span::plain(" writes one."));
    }
    page.push(Paragraph::new(spans));
    page
}

/// What `tips reflect` says once an entry is kept.
pub fn reflection_saved(path: &str) -> Doc {
    let mut page = Doc::with_capacity(1);
    page.push(Paragraph::new(vec![
        Span::plain("Saved to your journal: "),
        Span::new(path.to_string(), Style::Command),
    ]));
    page
}

/// What `tips site` did, in one line however long, as a timer's log
/// keeps it: a line a run, never wrapped.
pub fn site_written(published: &crate::site::Published, tips: usize, folder: &str) -> String {
    use crate::site::{count_of_files, first_few};
    let mut said = format!(
        "Wrote {} files of the site of {tips} {} into {folder}",
        published.written,
        if tips == 1 { "tip" } else { "tips" },
    );
    if !published.removed.is_empty() {
        said.push_str(&format!(
            "; removed {} no longer in the site ({})",
            count_of_files(published.removed.len()),
            first_few(&published.removed)
        ));
    }
    if !published.kept.is_empty() {
        let one = published.kept.len() == 1;
        said.push_str(&format!(
            "; kept {} no longer in the site, changed since tips site wrote {} ({}): {} yours now",
            count_of_files(published.kept.len()),
            if one { "it" } else { "them" },
            first_few(&published.kept),
            if one { "it is" } else { "they are" }
        ));
    }
    said.push('\n');
    said
}
