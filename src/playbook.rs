//! Loading the tips in force: the built-in ones, joined or replaced by a
//! team playbook.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::locations::{Origin, PlaybookLocation};
use crate::schema;
use crate::tip::{Tip, TipSet, BUILTIN_TIPS};

/// A playbook is a page or two of text; a file far larger is the wrong
/// file, and reading it whole would only delay the error.
pub const MAX_PLAYBOOK_BYTES: u64 = 1024 * 1024;

/// The tips in force for a playbook location (`None`: built-in only).
/// A default location that does not exist means the built-in tips; a path
/// given by flag or TIPS_FILE must exist. Errors are one line that names
/// the file, and the line and column where there is one.
pub fn tips_in_force(location: Option<&PlaybookLocation>) -> Result<TipSet, String> {
    let Some(location) = location else {
        return Ok(TipSet::builtin());
    };
    let path = &location.path;
    let text = match read_limited(path) {
        Ok(text) => text,
        Err(error)
            if error.kind() == io::ErrorKind::NotFound && location.origin == Origin::Default =>
        {
            return Ok(TipSet::builtin());
        }
        Err(error) => {
            return Err(format!(
                "{}: {}",
                path.display(),
                describe_io(&error, location.origin)
            ));
        }
    };
    parse(&text).map_err(|message| format!("{}:{message}", path.display()))
}

/// Parses a playbook's text; the error starts with `line:column:` where the
/// place is known, and otherwise with a space.
pub fn parse(text: &str) -> Result<TipSet, String> {
    let builtin: Vec<(u32, &str)> = BUILTIN_TIPS
        .iter()
        .map(|tip| (tip.number, tip.slug.as_ref()))
        .collect();
    let playbook = schema::parse(text, &builtin).map_err(|problem| located(text, &problem))?;
    let tips: Vec<Tip> = playbook.tips.into_iter().map(Tip::from).collect();
    Ok(TipSet::from_playbook(tips, playbook.replace_builtin))
}

fn located(text: &str, problem: &schema::Problem) -> String {
    match problem.offset {
        Some(_) => problem.describe(text),
        None => format!(" {}", problem.message),
    }
}

fn read_limited(path: &Path) -> io::Result<String> {
    let file = File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_PLAYBOOK_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_PLAYBOOK_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "larger than {} KiB: is this the right file?",
                MAX_PLAYBOOK_BYTES / 1024
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|error| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "not UTF-8 text (bad byte at offset {})",
                error.utf8_error().valid_up_to()
            ),
        )
    })
}

fn describe_io(error: &io::Error, origin: Origin) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => format!("no such file (given by {})", origin.describe()),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory, not a playbook file".to_string(),
        // Size and encoding problems carry their own words; others are the
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
            .contains("already used by built-in tip"));
        let set = parse(&format!("replace_builtin = true\n{text}")).unwrap();
        assert_eq!(set.find("respect").unwrap().title, "Follow Up");
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let missing = ONE_TIP.replace("prompts = [\"a?\", \"b?\", \"c?\"]\n", "");
        let message = parse(&missing).unwrap_err();
        assert!(
            message.starts_with("2:1:") && message.contains("prompts"),
            "{message}"
        );
        let few = ONE_TIP.replace(", \"c?\"", "");
        let message = parse(&few).unwrap_err();
        assert!(
            message.starts_with("3:10:") && message.contains("at least 3"),
            "{message}"
        );
        let message = parse("[[tip]\nnumber = 1").unwrap_err();
        assert!(message.starts_with("1:"), "{message}");
        assert!(!message.contains('\n'));
    }

    #[test]
    fn duplicate_slugs_within_a_playbook_are_refused() {
        let twice = format!("{ONE_TIP}{}", ONE_TIP.replace("11", "12"));
        assert!(parse(&twice)
            .unwrap_err()
            .contains("slug 'follow-up' is already used by tip 11"));
    }

    #[test]
    fn unknown_fields_are_refused_so_typos_show() {
        let typo = ONE_TIP.replace("body =", "bodyy =");
        assert!(parse(&typo).is_err());
    }

    #[test]
    fn an_empty_playbook_is_refused() {
        assert!(parse("replace_builtin = true")
            .unwrap_err()
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
                Err(message) => assert!(!message.contains('\n'), "one line: {message:?}"),
            }
        }
    }
}
