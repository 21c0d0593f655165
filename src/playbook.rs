//! Loading the tips in force: the built-in ones, joined or replaced by a
//! team playbook.

use std::fmt;
use std::io;
use std::path::Path;

use crate::files::{self, Unread};
use crate::locations::{Origin, PlaybookLocation};
use crate::schema::{self, Problem};
use crate::tip::{Tip, TipSet, BUILTIN_TIPS};

/// A playbook is a page or two of text; a file far larger is the wrong
/// file, and reading it whole would only delay the error.
pub const MAX_PLAYBOOK_BYTES: u64 = 1024 * 1024;

/// What the places of a playbook came to: which one is in force (`None`:
/// none exists, so the built-in tips are), and what loading it gave.
pub struct Loaded<'a> {
    pub in_force: Option<&'a PlaybookLocation>,
    pub tips: Result<TipSet, LoadError>,
}

/// Why a playbook cannot be used: the file, and where in it and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub problem: Problem,
}

/// `FILE:LINE:COLUMN: what`, or `FILE: what` where no place is known.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.path)?;
        if self.problem.at.is_none() {
            f.write_str(" ")?;
        }
        write!(f, "{}", self.problem)
    }
}

/// Goes through the places in order: the first that exists is in force;
/// one that must exist (a flag, TIPS_FILE) is in force even when it does
/// not, and then it is an error.
pub fn load(places: &[PlaybookLocation]) -> Loaded<'_> {
    for place in places {
        let read = read_limited(&place.path);
        if matches!(&read, Err(error) if error.kind() == io::ErrorKind::NotFound)
            && !place.origin.must_exist()
        {
            continue;
        }
        let path = place.path.display().to_string();
        let tips = read
            .map_err(|error| Problem {
                at: None,
                message: describe_io(&error, place),
            })
            .and_then(utf8)
            .and_then(|text| parse(&text))
            .map_err(|problem| LoadError { path, problem });
        return Loaded {
            in_force: Some(place),
            tips,
        };
    }
    Loaded {
        in_force: None,
        tips: Ok(TipSet::builtin()),
    }
}

/// What `tips paths` tells of one place a playbook may come from.
#[derive(Debug)]
pub struct PlaceReport {
    pub path: String,
    pub from: Origin,
    pub exists: bool,
    pub status: PlaceStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceStatus {
    /// Its tips are in force: this many, the built-in ones included.
    InForce { tips: usize },
    /// It is the one in force, but cannot be used: commands fail with this
    /// error, and `tips motd` shows a built-in tip.
    Broken { error: String },
    /// Looked at and passed over: nothing there.
    NotFound,
    /// Not looked at: a place before it is in force.
    Unused,
}

/// Every place in order, with what stands there and which is in force.
pub fn survey(places: &[PlaybookLocation]) -> Vec<PlaceReport> {
    let loaded = load(places);
    let mut passed_in_force = false;
    places
        .iter()
        .map(|place| {
            let status = if passed_in_force {
                PlaceStatus::Unused
            } else if loaded
                .in_force
                .is_some_and(|chosen| std::ptr::eq(chosen, place))
            {
                passed_in_force = true;
                match &loaded.tips {
                    Ok(tips) => PlaceStatus::InForce {
                        tips: tips.all().len(),
                    },
                    Err(error) => PlaceStatus::Broken {
                        error: error.to_string(),
                    },
                }
            } else {
                PlaceStatus::NotFound
            };
            PlaceReport {
                path: place.path.display().to_string(),
                from: place.origin,
                exists: place.path.exists(),
                status,
            }
        })
        .collect()
}

/// Parses a playbook's text against the built-in tips.
pub fn parse(text: &str) -> Result<TipSet, Problem> {
    let builtin: Vec<(u32, &str)> = BUILTIN_TIPS
        .iter()
        .map(|tip| (tip.number, tip.slug.as_ref()))
        .collect();
    let playbook = schema::parse(text, &builtin)?;
    let tips: Vec<Tip> = playbook.tips.into_iter().map(Tip::from).collect();
    Ok(TipSet::from_playbook(tips, playbook.replace_builtin))
}

/// Reads a playbook without ever waiting (see `files`): a FIFO, a socket,
/// a device or a folder is refused, and so is a file over the limit.
fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    files::read_regular(path, MAX_PLAYBOOK_BYTES).map_err(|unread| match unread {
        Unread::Io(error) => error,
        Unread::NotRegular(what) => io::Error::other(format!("is {what}, not a playbook file")),
        Unread::TooLarge => io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "larger than {} KiB: is this the right file?",
                MAX_PLAYBOOK_BYTES / 1024
            ),
        ),
    })
}

/// The text of a playbook, or where its first byte that is not UTF-8 is.
fn utf8(bytes: Vec<u8>) -> Result<String, Problem> {
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.into_bytes();
        let before = std::str::from_utf8(&bytes[..valid]).expect("valid up to here");
        Problem {
            at: Some(schema::line_and_column(before, before.len())),
            message: format!("not UTF-8 text (bad byte 0x{:02X})", bytes[valid]),
        }
    })
}

fn describe_io(error: &io::Error, place: &PlaybookLocation) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => format!("no such file (given by {})", place.origin.describe()),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory, not a playbook file".to_string(),
        // Size and kind problems carry their own words; others are the
        // system's.
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE_TIP: &str = r#"
[[tip]]
number = 11
slug = "follow-up"
title = "Follow Up"
body = "Send the notes the same day."
prompts = ["a?", "b?", "c?"]
"#;

    #[test]
    fn a_playbook_joins_the_builtin_tips() {
        let set = parse(ONE_TIP).unwrap();
        assert_eq!(set.all().len(), 11);
        assert_eq!(set.find("follow").unwrap().title, "Follow Up");
    }

    #[test]
    fn replace_builtin_leaves_only_the_playbook() {
        let set = parse(&format!("replace_builtin = true\n{ONE_TIP}")).unwrap();
        assert_eq!(set.all().len(), 1);
    }

    #[test]
    fn a_replacing_playbook_may_reuse_builtin_numbers_and_slugs() {
        let text = ONE_TIP
            .replace("number = 11", "number = 7")
            .replace("follow-up", "respect");
        assert!(parse(&text)
            .unwrap_err()
            .to_string()
            .contains("already used by built-in tip"));
        let set = parse(&format!("replace_builtin = true\n{text}")).unwrap();
        assert_eq!(set.find("respect").unwrap().title, "Follow Up");
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let missing = ONE_TIP.replace("prompts = [\"a?\", \"b?\", \"c?\"]\n", "");
        let message = parse(&missing).unwrap_err().to_string();
        assert!(
            message.starts_with("2:1:") && message.contains("prompts"),
            "{message}"
        );
        let few = ONE_TIP.replace(", \"c?\"", "");
        let message = parse(&few).unwrap_err().to_string();
        assert!(
            message.starts_with("3:10:") && message.contains("at least 3"),
            "{message}"
        );
        let message = parse("[[tip]\nnumber = 1").unwrap_err().to_string();
        assert!(message.starts_with("1:"), "{message}");
        assert!(!message.contains('\n'));
    }

    #[test]
    fn duplicate_slugs_within_a_playbook_are_refused() {
        let twice = format!("{ONE_TIP}{}", ONE_TIP.replace("11", "12"));
        assert!(parse(&twice)
            .unwrap_err()
            .to_string()
            .contains("slug 'follow-up' is already used by tip 11"));
    }

    #[test]
    fn unknown_fields_are_refused_so_typos_show() {
        let typo = ONE_TIP.replace("body =", "bodyy =");
        assert!(parse(&typo).is_err());
    }

    /// The message for a playbook, without its position.
    fn message_for(text: &str) -> String {
        parse(text).unwrap_err().message
    }

    #[test]
    fn a_field_of_the_wrong_kind_says_what_it_must_be_with_an_example() {
        let cases = [
            (
                ONE_TIP.replace("[\"a?\", \"b?\", \"c?\"]", "\"a\""),
                "prompts must be a list of at least 3 strings, like prompts = [\"…\", \"…\", \"…\"]",
            ),
            (
                ONE_TIP.replace("\"a?\"", "1"),
                "prompts must be a list of at least 3 strings",
            ),
            (
                ONE_TIP.replace("11", "-1"),
                "number must be a whole number from 1, like number = 11",
            ),
            (ONE_TIP.replace("11", "0"), "number must be a whole number from 1"),
            (ONE_TIP.replace("11", "\"11\""), "number must be a whole number from 1"),
            (ONE_TIP.replace("11", "4294967296"), "number must be a whole number from 1"),
            (
                ONE_TIP.replace("\"Follow Up\"", "42"),
                "title must be text in quotes, like title = \"Follow Up Fast\"",
            ),
            (
                format!("replace_builtin = \"yes\"\n{ONE_TIP}"),
                "replace_builtin must be true or false, like replace_builtin = true",
            ),
        ];
        for (text, expected) in cases {
            let message = message_for(&text);
            assert!(message.starts_with(expected), "{message:?} for {text}");
        }
    }

    #[test]
    fn one_bracket_where_two_belong_is_named() {
        let message = message_for(&ONE_TIP.replace("[[tip]]", "[tip]"));
        assert_eq!(message, "each tip starts with [[tip]], with two brackets");
        assert_eq!(
            message_for("tip = [1, 2]"),
            "each tip starts with [[tip]], with two brackets"
        );
    }

    #[test]
    fn an_unknown_field_suggests_the_nearest_known_one() {
        for (meant, typo) in [
            ("title", "titel"),
            ("title", "Title"),
            ("prompts", "prompt"),
            ("body", "bdy"),
            ("number", "numbr"),
        ] {
            let message =
                message_for(&ONE_TIP.replace(&format!("{meant} ="), &format!("{typo} =")));
            assert_eq!(
                message,
                format!("unknown field `{typo}`: did you mean `{meant}`?")
            );
        }
        let far = message_for(&ONE_TIP.replace("title", "headline"));
        assert!(far.starts_with("unknown field `headline`: a tip has number, slug, title"));
        assert_eq!(
            message_for(&format!("replace_bultin = true\n{ONE_TIP}")),
            "unknown field `replace_bultin`: did you mean `replace_builtin`?"
        );
    }

    #[test]
    fn a_tip_field_above_the_first_tip_is_placed_for_the_reader() {
        assert_eq!(
            message_for(&format!("title = \"x\"\n{ONE_TIP}")),
            "`title` belongs to a tip: write it below a [[tip]] line"
        );
    }

    #[test]
    fn a_missing_field_is_named_with_its_tip_and_an_example() {
        let message = message_for(&ONE_TIP.replace("body = ", "# body = "));
        assert_eq!(
            message,
            "tip 11 ('follow-up') has no body: add one, like body = \"Send the notes the same day.\""
        );
        let message = message_for(&ONE_TIP.replace("number = 11", ""));
        assert_eq!(message, "this tip has no number: add one, like number = 11");
    }

    #[test]
    fn the_first_mistake_in_the_file_is_the_one_reported() {
        // Keys are kept sorted by the parser; the report follows the text.
        let text = ONE_TIP
            .replace("title = ", "zzz = ")
            .replace("body = ", "aaa = ");
        assert!(message_for(&text).contains("`zzz`"));
    }

    #[test]
    fn an_empty_playbook_is_refused() {
        assert!(parse("replace_builtin = true")
            .unwrap_err()
            .to_string()
            .contains("no tips"));
    }

    mod arbitrary_input {
        use super::*;
        use proptest::prelude::*;

        /// Text shaped like a playbook, so that the checks past TOML's own
        /// syntax are reached too.
        fn playbookish() -> impl Strategy<Value = String> {
            let line = prop_oneof![
                Just("[[tip]]".to_string()),
                Just("replace_builtin = true".to_string()),
                (0u32..20).prop_map(|n| format!("number = {n}")),
                "[a-z-]{0,12}".prop_map(|slug| format!("slug = \"{slug}\"")),
                "[ -~]{0,20}"
                    .prop_map(|text| format!("title = \"{}\"", text.replace(['"', '\\'], ""))),
                Just("body = \"b\"".to_string()),
                (0usize..5).prop_map(|n| format!("prompts = [{}]", vec!["\"p\""; n].join(", "))),
                "[ -~]{0,30}",
            ];
            proptest::collection::vec(line, 0..30).prop_map(|lines| lines.join("\n"))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn any_bytes_give_a_clean_error_or_a_valid_set(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
                check(&String::from_utf8_lossy(&bytes));
            }

            #[test]
            fn playbook_shaped_text_gives_a_clean_error_or_a_valid_set(text in playbookish()) {
                check(&text);
            }
        }

        fn check(text: &str) {
            match parse(text) {
                Ok(set) => {
                    let tips = set.all();
                    assert!(!tips.is_empty());
                    assert!(
                        tips.windows(2).all(|pair| pair[0].number < pair[1].number),
                        "unique, ordered numbers"
                    );
                    assert!(tips.iter().all(|tip| tip.prompts.len() >= 3));
                }
                Err(problem) => {
                    let message = problem.to_string();
                    assert!(!message.contains('\n'), "one line: {message:?}")
                }
            }
        }
    }
}
