//! What a tips file holds, and the rules every set of tips keeps.
//!
//! This file is compiled twice: by `build.rs`, which checks and embeds
//! `data/tips.toml`, and into the binary, which checks team playbooks with
//! the very same rules. It may therefore depend only on `toml`.

use std::collections::HashMap;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A whole tips file, as written.
#[derive(Debug)]
pub struct RawPlaybook {
    /// `true`: these tips replace the built-in ones instead of joining them.
    pub replace_builtin: bool,
    pub tips: Vec<RawTip>,
}

/// One `[[tip]]` table, as written.
#[derive(Debug)]
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

/// The fields of a tip, in the order people write them, each with the line
/// that shows how it is written. The people who edit a playbook are not
/// programmers: every message about a field ends with its example.
const TIP_FIELDS: &[(&str, &str)] = &[
    ("number", "number = 11"),
    ("slug", "slug = \"follow-up\""),
    ("title", "title = \"Follow Up Fast\""),
    ("tagline", "tagline = \"A second date needs a phone call.\""),
    ("body", "body = \"Send the notes the same day.\""),
    ("prompts", "prompts = [\"…\", \"…\", \"…\"]"),
    (
        "action",
        "action = \"Send today's notes before you leave.\"",
    ),
    ("source", "source = \"Our team's handbook\""),
];

/// In the order a missing one is reported.
const REQUIRED_FIELDS: [&str; 5] = ["number", "slug", "title", "body", "prompts"];

const TOP_FIELDS: &[&str] = &["replace_builtin", "tip"];

const TWO_BRACKETS: &str = "each tip starts with [[tip]], with two brackets";

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
            // A message can quote a key or a value from the file, and
            // TOML's own messages can span lines; an error here is one line.
            message: self.message.trim().replace(['\r', '\n'], " "),
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
    // TOML's own syntax errors keep TOML's words: they are about the
    // punctuation, which is what the person has to fix.
    let document = DeTable::parse(text).map_err(|error| {
        // `[tip]` beside `[[tip]]` tables is a key defined twice to TOML,
        // which would say only "duplicate key", at the next tip: the
        // mistake is the single brackets, so that is what is named.
        match single_bracket_tip(text) {
            Some(offset) => Found {
                offset: Some(offset),
                message: TWO_BRACKETS.to_string(),
            },
            None => Found {
                offset: error.span().map(|span| span.start),
                message: error.message().replace('\n', "; "),
            },
        }
    })?;
    let playbook = read_playbook(document.get_ref())?;
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

/// Where a line holds `[tip]` (single brackets, any spacing), the offset of
/// its `[`.
fn single_bracket_tip(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let inner = line
            .trim()
            .split('#')
            .next()
            .unwrap_or_default()
            .trim_end()
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'));
        if inner.is_some_and(|inner| !inner.starts_with('[') && inner.trim() == "tip") {
            return Some(offset + (line.len() - line.trim_start().len()));
        }
        offset += line.len();
    }
    None
}

/// The entries of a table in the order they were written, so that the
/// first mistake in the file is the one reported.
fn in_written_order<'t, 'i>(
    table: &'t DeTable<'i>,
) -> Vec<(
    &'t Spanned<std::borrow::Cow<'i, str>>,
    &'t Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

fn read_playbook(document: &DeTable<'_>) -> Result<RawPlaybook, Found> {
    let mut playbook = RawPlaybook {
        replace_builtin: false,
        tips: Vec::new(),
    };
    for (key, value) in in_written_order(document) {
        match key.get_ref().as_ref() {
            "replace_builtin" => match value.get_ref() {
                DeValue::Boolean(replace) => playbook.replace_builtin = *replace,
                _ => {
                    return Err(Found::at(
                        value.span().start,
                        "replace_builtin must be true or false, like replace_builtin = true"
                            .to_string(),
                    ))
                }
            },
            "tip" => match value.get_ref() {
                DeValue::Array(tables) => {
                    for table in tables.iter() {
                        match table.get_ref() {
                            DeValue::Table(fields) => {
                                playbook.tips.push(read_tip(fields, table.span().start)?)
                            }
                            _ => {
                                return Err(Found::at(table.span().start, TWO_BRACKETS.to_string()))
                            }
                        }
                    }
                }
                _ => return Err(Found::at(key.span().start, TWO_BRACKETS.to_string())),
            },
            other if TIP_FIELDS.iter().any(|(field, _)| *field == other) => {
                return Err(Found::at(
                    key.span().start,
                    format!("`{other}` belongs to a tip: write it below a [[tip]] line"),
                ))
            }
            other => {
                let hint = match nearest(other, TOP_FIELDS) {
                    Some("tip") => "did you mean [[tip]]?".to_string(),
                    Some(field) => format!("did you mean `{field}`?"),
                    None => "a playbook holds replace_builtin and [[tip]] tables".to_string(),
                };
                return Err(Found::at(
                    key.span().start,
                    format!("unknown field `{other}`: {hint}"),
                ));
            }
        }
    }
    Ok(playbook)
}

/// One tip's table, its fields checked one by one in the order written;
/// `start` is where the table starts, for a field that is missing.
fn read_tip(table: &DeTable<'_>, start: usize) -> Result<RawTip, Found> {
    let mut fields = TipFields::default();
    for (key, value) in in_written_order(table) {
        let (field, example) = known_tip_field(key)?;
        fields.read(field, example, value)?;
    }
    fields.into_tip(start)
}

/// A tip's field by its key, with an example of it; an unknown key is an
/// error that suggests the nearest known one.
fn known_tip_field(
    key: &Spanned<std::borrow::Cow<'_, str>>,
) -> Result<(&'static str, &'static str), Found> {
    let typed = key.get_ref().as_ref();
    if let Some(&(field, example)) = TIP_FIELDS.iter().find(|(name, _)| *name == typed) {
        return Ok((field, example));
    }
    let known: Vec<&str> = TIP_FIELDS.iter().map(|(name, _)| *name).collect();
    let hint = match nearest(typed, &known) {
        Some(near) => format!("did you mean `{near}`?"),
        None => {
            "a tip has number, slug, title, tagline, body, prompts, action and source".to_string()
        }
    };
    Err(Found::at(
        key.span().start,
        format!("unknown field `{typed}`: {hint}"),
    ))
}

/// A text with nothing to show where something must be: where it is, what
/// it is and the way to fix it, reported once the tip's name is known.
struct Blank {
    offset: usize,
    what: String,
    fix: String,
}

/// What one `[[tip]]` table has given so far.
#[derive(Default)]
struct TipFields {
    number: Option<Spanned<u32>>,
    slug: Option<Spanned<String>>,
    text: HashMap<&'static str, String>,
    prompts: Option<Spanned<Vec<String>>>,
    blanks: Vec<Blank>,
}

impl TipFields {
    fn read(
        &mut self,
        field: &'static str,
        example: &str,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<(), Found> {
        match field {
            "number" => self.number = Some(read_number(value, example)?),
            "prompts" => self.prompts = Some(self.read_prompts(value, example)?),
            _ => self.read_text(field, example, value)?,
        }
        Ok(())
    }

    fn read_prompts(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        example: &str,
    ) -> Result<Spanned<Vec<String>>, Found> {
        let must =
            format!("prompts must be a list of at least {MIN_PROMPTS} strings, like {example}");
        let DeValue::Array(items) = value.get_ref() else {
            return Err(Found::at(value.span().start, must));
        };
        let mut list = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let DeValue::String(prompt) = item.get_ref() else {
                return Err(Found::at(item.span().start, must));
            };
            let prompt = without_blank_ends(prompt);
            if prompt.is_empty() {
                self.blanks.push(Blank {
                    offset: item.span().start,
                    what: format!("prompt {} is blank", index + 1),
                    fix: "write the question in its quotes, or take it out of the list".to_string(),
                });
            }
            list.push(prompt.to_string());
        }
        Ok(Spanned::new(value.span(), list))
    }

    fn read_text(
        &mut self,
        field: &'static str,
        example: &str,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<(), Found> {
        let here = value.span().start;
        let DeValue::String(string) = value.get_ref() else {
            return Err(Found::at(
                here,
                format!("{field} must be text in quotes, like {example}"),
            ));
        };
        if field == "slug" {
            self.slug = Some(Spanned::new(value.span(), string.to_string()));
            return Ok(());
        }
        // Blanks at the ends are trimmed here, once, so that every output
        // (pages, JSON, calendar files, the export) shows the same text.
        let string = without_blank_ends(string);
        if !string.is_empty() {
            self.text.insert(field, string.to_string());
        } else if REQUIRED_FIELDS.contains(&field) {
            self.blanks.push(Blank {
                offset: here,
                what: format!("{field} is blank"),
                fix: format!("write it in the quotes, like {example}"),
            });
            self.text.insert(field, String::new());
        }
        // A blank optional field is as good as one left out.
        Ok(())
    }

    /// The tip, once every field is read: the first field missing, else
    /// the first blank one, is the error, named with the tip.
    fn into_tip(mut self, start: usize) -> Result<RawTip, Found> {
        let name = match (&self.number, &self.slug) {
            (Some(number), Some(slug)) => {
                format!("tip {} ('{}')", number.get_ref(), slug.get_ref())
            }
            (Some(number), None) => format!("tip {}", number.get_ref()),
            _ => "this tip".to_string(),
        };
        let (title, body) = (self.text.remove("title"), self.text.remove("body"));
        let absent = [
            self.number.is_none(),
            self.slug.is_none(),
            title.is_none(),
            body.is_none(),
            self.prompts.is_none(),
        ];
        let (Some(number), Some(slug), Some(title), Some(body), Some(prompts)) =
            (self.number, self.slug, title, body, self.prompts)
        else {
            let missing = REQUIRED_FIELDS
                .iter()
                .zip(absent)
                .find_map(|(field, absent)| absent.then_some(*field))
                .unwrap_or("a field");
            let example = TIP_FIELDS
                .iter()
                .find(|(field, _)| *field == missing)
                .map_or("", |(_, example)| example);
            return Err(Found::at(
                start,
                format!("{name} has no {missing}: add one, like {example}"),
            ));
        };
        if let Some(blank) = self.blanks.into_iter().min_by_key(|blank| blank.offset) {
            return Err(Found::at(
                blank.offset,
                format!("{name}: {}: {}", blank.what, blank.fix),
            ));
        }
        Ok(RawTip {
            number,
            slug,
            title,
            tagline: self.text.remove("tagline"),
            body,
            prompts: prompts.into_inner(),
            action: self.text.remove("action"),
            source: self.text.remove("source"),
        })
    }
}

/// `number`: a whole number from 1.
fn read_number(value: &Spanned<DeValue<'_>>, example: &str) -> Result<Spanned<u32>, Found> {
    let whole = match value.get_ref() {
        DeValue::Integer(integer) => u32::from_str_radix(integer.as_str(), integer.radix()).ok(),
        _ => None,
    };
    match whole {
        Some(whole) if whole >= 1 => Ok(Spanned::new(value.span(), whole)),
        _ => Err(Found::at(
            value.span().start,
            format!("number must be a whole number from 1, like {example}"),
        )),
    }
}

/// Text without the blanks at its ends: white space, and the characters
/// that show nothing (zero-width spaces and joiners, the word joiner, a
/// byte order mark), which a calendar program or a terminal would drop or
/// show as nothing anyway.
pub fn without_blank_ends(text: &str) -> &str {
    text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
    })
}

/// The known name closest to a misspelt one, if one is close enough to be
/// what was meant: a letter or two wrong, missing, extra or swapped.
pub fn nearest<'k>(typed: &str, known: &[&'k str]) -> Option<&'k str> {
    nearest_names(typed, known.iter().copied()).first().copied()
}

/// Every known name as close to a misspelt one as the closest, in the
/// order given, where that is close enough to be what was meant: at most
/// two edits, and no more than a third of the name's letters (a swap of
/// two neighbouring letters, the commonest slip, is one edit). The one
/// rule for every "did you mean" of `tips`: commands, tips, fields, shells.
pub fn nearest_names<'k>(typed: &str, known: impl IntoIterator<Item = &'k str>) -> Vec<&'k str> {
    let typed = typed.to_lowercase();
    let near: Vec<(usize, &str)> = known
        .into_iter()
        .map(|name| (strsim::osa_distance(&typed, name), name))
        .filter(|(distance, name)| *distance <= 2 && *distance * 3 <= name.chars().count())
        .collect();
    let closest = near.iter().map(|(distance, _)| *distance).min();
    near.into_iter()
        .filter(|(distance, _)| Some(*distance) == closest)
        .map(|(_, name)| name)
        .collect()
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

        if let Err(why) = check_slug(slug) {
            return Err(Found::at(
                tip.slug.span().start,
                format!("tip {number}: slug '{slug}' {why}, like slug = \"follow-up\""),
            ));
        }
        if tip.prompts.len() < MIN_PROMPTS {
            let count = match tip.prompts.len() {
                1 => "1 prompt".to_string(),
                other => format!("{other} prompts"),
            };
            return Err(Found::at(
                here,
                format!(
                    "{name}: has {count}, needs at least {MIN_PROMPTS}, like prompts = [\"…\", \"…\", \"…\"]"
                ),
            ));
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

/// The longest slug: a slug is typed after `tips show`, names the tip's
/// page on the site (`tip/SLUG.html`) and its folder in the journal, and
/// is part of the page's URL. Sixty-four characters hold a title of eight
/// words or so, and keep every name made from a slug far below the 255
/// bytes a file name may have, so that no file system refuses it.
pub const SLUG_MAX: usize = 64;

/// Slugs are what people type after `tips show`: lowercase words joined by
/// hyphens. A leading letter keeps them apart from tip numbers.
pub fn check_slug(slug: &str) -> Result<(), &'static str> {
    check_slug_shape(slug)?;
    if slug.len() > SLUG_MAX {
        Err("is longer than the 64 characters a slug may have: shorten it")
    } else {
        Ok(())
    }
}

/// The shape of a slug, whatever its length: what a folder of the
/// journal is named by, written before slugs had a longest length.
pub fn check_slug_shape(slug: &str) -> Result<(), &'static str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An offset inside a character is that character's place, not the
    /// next one's.
    #[test]
    fn an_offset_names_the_line_and_the_character_it_falls_in() {
        let text = "a = 1\nb = \"é🦀x\"";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 6), (2, 1));
        let crab = text.find('🦀').unwrap();
        for inside in crab..crab + '🦀'.len_utf8() {
            assert_eq!(line_and_column(text, inside), (2, 7), "{inside}");
        }
        assert_eq!(line_and_column(text, text.len() + 10), (2, 10));
    }

    #[test]
    fn the_nearest_names_are_a_slip_or_two_away() {
        let commands = ["show", "list", "search", "site"];
        // A swap of two neighbouring letters is one slip.
        assert_eq!(nearest_names("shwo", commands), ["show"]);
        assert_eq!(nearest_names("SERACH", commands), ["search"]);
        // As close as each other: both, in the order given.
        assert_eq!(nearest_names("sote", commands), ["site"]);
        assert_eq!(nearest_names("lit", ["list", "lift"]), ["list", "lift"]);
        // Too far, or too much of a short name, is no guess.
        assert!(nearest_names("xyzzy", commands).is_empty());
        assert!(nearest_names("ab", ["ax"]).is_empty());
        // A third of the letters: one slip in three letters is a slip, two
        // in five are not.
        assert_eq!(nearest_names("mab", ["man"]), ["man"]);
        assert!(nearest_names("tobby", ["today"]).is_empty());
        assert_eq!(nearest_names("sxarxh", ["search"]), ["search"]);
        assert_eq!(nearest("respekt", &["listen", "respect"]), Some("respect"));
    }

    #[test]
    fn a_slug_is_lowercase_words_joined_by_single_hyphens() {
        for good in ["follow", "follow-up", "a1-b2", "x", &"a".repeat(SLUG_MAX)] {
            assert_eq!(check_slug(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "fOLLOW",
            "Follow",
            "follow-",
            "-follow",
            "a--b",
            "1st",
            "follow_up",
            "follow up",
            "café",
            &"a".repeat(SLUG_MAX + 1),
        ] {
            assert!(check_slug(bad).is_err(), "{bad:?}");
        }
    }
}
