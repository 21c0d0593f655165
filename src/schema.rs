//! What a tips file holds, and the rules every set of tips keeps.
//!
//! This file is compiled twice: by `build.rs`, which checks and embeds
//! `data/tips.toml`, and into the binary, which checks team playbooks with
//! the very same rules. It may therefore depend only on `serde` and `toml`.

use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

/// A whole tips file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlaybook {
    /// `true`: these tips replace the built-in ones instead of joining them.
    #[serde(default)]
    pub replace_builtin: bool,
    #[serde(default, rename = "tip")]
    pub tips: Vec<RawTip>,
}

/// One `[[tip]]` table, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTip {
    // Spanned, so that a duplicate can be reported at its line.
    pub number: Spanned<u32>,
    pub slug: Spanned<String>,
    pub title: String,
    pub tagline: Option<String>,
    pub body: String,
    pub prompts: Vec<String>,
    pub action: Option<String>,
    pub source: Option<String>,
}

/// The fewest coaching prompts a tip may have.
pub const MIN_PROMPTS: usize = 3;

/// What is wrong with a tips file, and where: the 1-based line and column
/// (in characters) where one is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Option<(usize, usize)>,
    pub message: String,
}

/// `line:column: message`, or just the message where no place is known.
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at {
            Some((line, column)) => write!(f, "{line}:{column}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A problem found at a byte offset, before it is placed in the text.
struct Found {
    offset: Option<usize>,
    message: String,
}

impl Found {
    fn at(offset: usize, message: String) -> Found {
        Found {
            offset: Some(offset),
            message,
        }
    }

    fn place(self, text: &str) -> Problem {
        Problem {
            at: self.offset.map(|offset| line_and_column(text, offset)),
            message: self.message,
        }
    }
}

/// Parses and checks a tips file. `builtin` holds the numbers and slugs
/// that the file's tips must not reuse when they join the built-in ones
/// (with `replace_builtin = true` they are free).
pub fn parse(text: &str, builtin: &[(u32, &str)]) -> Result<RawPlaybook, Problem> {
    check(text, builtin).map_err(|found| found.place(text))
}

fn check(text: &str, builtin: &[(u32, &str)]) -> Result<RawPlaybook, Found> {
    let playbook: RawPlaybook = toml::from_str(text).map_err(|error| Found {
        offset: error.span().map(|span| span.start),
        // toml's message can span lines; an error here is one line.
        message: error.message().trim().replace('\n', "; "),
    })?;
    if playbook.tips.is_empty() {
        return Err(Found {
            offset: None,
            message: "the file has no tips: add at least one [[tip]] table".to_string(),
        });
    }
    let taken = if playbook.replace_builtin {
        &[]
    } else {
        builtin
    };
    check_tips(&playbook.tips, taken)?;
    Ok(playbook)
}

fn check_tips(tips: &[RawTip], taken: &[(u32, &str)]) -> Result<(), Found> {
    let mut numbers: HashMap<u32, String> = taken
        .iter()
        .map(|&(number, slug)| (number, format!("built-in tip '{slug}'")))
        .collect();
    let mut slugs: HashMap<&str, String> = taken
        .iter()
        .map(|&(number, slug)| (slug, format!("built-in tip {number}")))
        .collect();

    for tip in tips {
        let number = *tip.number.get_ref();
        let slug = tip.slug.get_ref().as_str();
        let here = tip.number.span().start;
        let name = format!("tip {number} ('{slug}')");

        if number == 0 {
            return Err(Found::at(here, format!("{name}: numbers start at 1")));
        }
        if let Err(why) = check_slug(slug) {
            return Err(Found::at(
                tip.slug.span().start,
                format!("tip {number}: slug '{slug}' {why}"),
            ));
        }
        for (field, value) in [("title", &tip.title), ("body", &tip.body)] {
            if value.trim().is_empty() {
                return Err(Found::at(here, format!("{name}: {field} is empty")));
            }
        }
        if tip.prompts.len() < MIN_PROMPTS {
            return Err(Found::at(
                here,
                format!(
                    "{name}: has {} prompt(s), needs at least {MIN_PROMPTS}",
                    tip.prompts.len()
                ),
            ));
        }
        if tip.prompts.iter().any(|prompt| prompt.trim().is_empty()) {
            return Err(Found::at(here, format!("{name}: a prompt is empty")));
        }
        if let Some(other) = numbers.insert(number, format!("tip '{slug}'")) {
            return Err(Found::at(
                here,
                format!("{name}: number {number} is already used by {other}"),
            ));
        }
        if let Some(other) = slugs.insert(slug, format!("tip {number}")) {
            return Err(Found::at(
                tip.slug.span().start,
                format!("{name}: slug '{slug}' is already used by {other}"),
            ));
        }
    }
    Ok(())
}

/// Slugs are what people type after `tips show`: lowercase words joined by
/// hyphens. A leading letter keeps them apart from tip numbers.
pub fn check_slug(slug: &str) -> Result<(), &'static str> {
    let starts_with_letter = slug.starts_with(|c: char| c.is_ascii_lowercase());
    let allowed = slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let well_joined = !slug.ends_with('-') && !slug.contains("--");
    if !starts_with_letter {
        Err("must start with a lowercase letter")
    } else if !allowed || !well_joined {
        Err("must be lowercase words (a-z, 0-9) joined by single hyphens")
    } else {
        Ok(())
    }
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}
