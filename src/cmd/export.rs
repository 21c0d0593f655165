//! `tips export`: the built-in tips as a playbook to start from.
//!
//! The playbook is written by hand rather than by a TOML serializer, so
//! that it reads well in any editor: long text is wrapped at about 80
//! columns in multi-line strings whose lines end in a backslash, which TOML
//! joins back together exactly, and quotes inside text stay plain wherever
//! TOML allows.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::{Run, Session};
use crate::cli::ExportArgs;
use crate::error::Error;
use crate::output::Output;
use crate::tip::{Tip, BUILTIN_TIPS};

const HEADER: &str = "\
# A tips playbook, exported from the built-in Romantic Sales tips.
#
# Use it with `tips --tips-file FILE`, the TIPS_FILE variable, or save it as
# ~/.config/tips/tips.toml. With `replace_builtin = true` these tips replace
# the built-in ones; set it to false (and give your tips new numbers and
# slugs) to add your tips to the built-in ten instead.
#
# Each [[tip]] needs number, slug, title, body and at least 3 prompts;
# tagline, action and source are optional. Long text is split over lines
# between \"\"\" marks: a backslash at the end of a line joins it to the next
# line, so keep the space before the backslash and the backslash itself.

";

/// Lines of the playbook stay within this many columns where the text
/// allows (a run of blanks or one very long word can push past it).
const WIDTH: usize = 80;

/// How an array's items are indented.
const INDENT: &str = "    ";

impl Run for ExportArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        session.text_only("export", "a TOML playbook")?;
        out.raw(HEADER.as_bytes())?;
        out.raw(playbook(BUILTIN_TIPS).as_bytes())?;
        Ok(())
    }
}

/// The tips as a playbook that replaces the built-in ones.
fn playbook(tips: &[Tip]) -> String {
    let mut toml = String::from("replace_builtin = true\n");
    for tip in tips {
        toml.push_str("\n[[tip]]\n");
        let _ = writeln!(toml, "number = {}", tip.number);
        field(&mut toml, "slug", &tip.slug);
        field(&mut toml, "title", &tip.title);
        if let Some(tagline) = &tip.tagline {
            field(&mut toml, "tagline", tagline);
        }
        field(&mut toml, "body", &tip.body);
        toml.push_str("prompts = [\n");
        for prompt in tip.prompts.iter() {
            toml.push_str(INDENT);
            toml.push_str(&string(prompt, INDENT, INDENT.len()));
            toml.push_str(",\n");
        }
        toml.push_str("]\n");
        if let Some(action) = &tip.action {
            field(&mut toml, "action", action);
        }
        if let Some(source) = &tip.source {
            field(&mut toml, "source", source);
        }
    }
    toml
}

/// `key = "text"`, wrapped when it is long.
fn field(toml: &mut String, key: &str, text: &str) {
    let _ = writeln!(toml, "{key} = {}", string(text, "", key.len() + 3));
}

/// `text` as a TOML string: on one line where that fits in the width after
/// `before` columns (and a comma), else a multi-line string whose lines,
/// after `indent`, fit it.
fn string(text: &str, indent: &str, before: usize) -> String {
    let one_line = one_line_string(text);
    if before + one_line.width() < WIDTH {
        return one_line;
    }
    // A multi-line string keeps the blanks at the start of its first line
    // but drops those after a line-ending backslash. At the top level the
    // text starts on the line after the quotes, unindented; in an array
    // the quotes end in a backslash, so that every line can be indented,
    // which a text that starts with a blank cannot be.
    let opening = if indent.is_empty() {
        "\"\"\"\n"
    } else if starts_blank(text) {
        return one_line;
    } else {
        "\"\"\"\\\n"
    };
    // Room for a backslash, or for the closing quotes and a comma.
    let room = WIDTH.saturating_sub(indent.len() + 4);
    let lines = wrapped(text, room);
    let mut toml = String::from(opening);
    let last = lines.len() - 1;
    for (number, line) in lines.iter().enumerate() {
        toml.push_str(indent);
        toml.push_str(line);
        if number < last {
            toml.push_str("\\\n");
        }
    }
    toml.push_str("\"\"\"");
    toml
}

fn starts_blank(text: &str) -> bool {
    text.starts_with([' ', '\t'])
}

/// A basic string on one line: quotes, backslashes and control characters
/// escaped.
fn one_line_string(text: &str) -> String {
    let mut toml = String::with_capacity(text.len() + 2);
    toml.push('"');
    for c in text.chars() {
        match c {
            '"' => toml.push_str("\\\""),
            c => escape_into(&mut toml, c),
        }
    }
    toml.push('"');
    toml
}

/// Escapes what no TOML string may hold raw: backslashes and control
/// characters. Line breaks and tabs are escaped too, so that the text reads
/// back exactly whatever an editor does to line ends and tabs.
fn escape_into(toml: &mut String, c: char) {
    match c {
        '\\' => toml.push_str("\\\\"),
        '\n' => toml.push_str("\\n"),
        '\r' => toml.push_str("\\r"),
        '\t' => toml.push_str("\\t"),
        c if c.is_control() => {
            let _ = write!(toml, "\\u{:04X}", u32::from(c));
        }
        c => toml.push(c),
    }
}

/// The body of a multi-line string cut into lines of about `room` columns,
/// each but the last to be followed by a line-ending backslash.
///
/// TOML drops the line break after such a backslash and every blank that
/// follows it, so a line may only start where the text has no blank: the
/// cut goes after the blanks that end a word, which stay at the end of the
/// line before the backslash. A word longer than a line is cut inside
/// (CJK text has no blanks to cut at).
fn wrapped(text: &str, room: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0;
    // In `line`, where the latest word starts, to cut before it.
    let mut word_start: Option<usize> = None;
    for (index, &c) in chars.iter().enumerate() {
        let piece = escaped_in_multi_line(&chars, index);
        let piece_width = piece.width();
        let may_start_line = !matches!(c, ' ' | '\t');
        if may_start_line && index > 0 && matches!(chars[index - 1], ' ' | '\t') {
            word_start = Some(line.len());
        }
        if width + piece_width > room && may_start_line && !line.is_empty() {
            match word_start.filter(|&start| start > 0 && start < line.len()) {
                // Cut before the word this character belongs to.
                Some(start) => {
                    let rest = line.split_off(start);
                    lines.push(std::mem::replace(&mut line, rest));
                    width = line.width();
                }
                // No blank on this line: cut here, inside the word.
                None => {
                    lines.push(std::mem::take(&mut line));
                    width = 0;
                }
            }
            word_start = if matches!(chars[index - 1], ' ' | '\t') {
                Some(0)
            } else {
                None
            };
        }
        line.push_str(&piece);
        width += piece_width;
    }
    lines.push(line);
    lines
}

/// One character of a multi-line basic string. A quote needs no escape
/// unless three would stand together or it would touch the closing
/// quotes: escaping each quote that another quote follows, and a last
/// one, rules both out.
fn escaped_in_multi_line(chars: &[char], index: usize) -> String {
    let mut piece = String::new();
    match chars[index] {
        '"' if chars.get(index + 1).is_none_or(|&next| next == '"') => piece.push_str("\\\""),
        c => escape_into(&mut piece, c),
    }
    piece
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook;
    use proptest::prelude::*;

    /// What a playbook of these tips reads back as.
    fn read_back(tips: &[Tip]) -> Vec<Tip> {
        let text = playbook(tips);
        match playbook::parse(&text) {
            Ok(set) => set.all().to_vec(),
            Err(problem) => panic!("{problem}\n{text}"),
        }
    }

    #[test]
    fn the_builtin_tips_read_back_exactly_and_fit_80_columns() {
        assert_eq!(read_back(BUILTIN_TIPS), BUILTIN_TIPS);
        let text = playbook(BUILTIN_TIPS);
        for line in text.lines() {
            assert!(line.width() <= WIDTH, "{} columns: {line}", line.width());
        }
        assert!(text.contains("body = \"\"\"\n"), "bodies are wrapped");
    }

    #[test]
    fn quotes_stay_plain_where_toml_allows() {
        let text = string(&format!("Say: \"{}\"", "word ".repeat(30)), "", 7);
        assert!(text.starts_with("\"\"\"\nSay: \"word"), "{text}");
        assert!(text.ends_with("\\\"\"\"\""), "{text}");
    }

    /// Two texts that broke earlier drafts: a run of blanks longer than a
    /// line (a line after a cut must not start with a blank), and quotes
    /// that would stand three together.
    #[test]
    fn blank_runs_and_quote_runs_read_back_exactly() {
        for text in [
            format!("a{}b", " ".repeat(77)),
            format!("\"\"\"{}", "漢".repeat(31)),
        ] {
            let tips = [tip_with(&text)];
            assert_eq!(read_back(&tips), tips.to_vec());
        }
    }

    /// Text that tests the cuts: words of every script beside long runs of
    /// blanks, quotes and backslashes, and characters TOML must escape.
    fn awkward_text() -> impl Strategy<Value = String> {
        let run = prop_oneof![
            "[a-z]{1,12}",
            "💘{1,40}",
            "я{1,90}",
            "漢{1,60}",
            " {1,100}",
            "[\t\"\\\\\u{1b}\u{7f}\u{85}\u{202e}\n\r]{1,5}",
            "\"{1,6}",
        ];
        proptest::collection::vec(run, 1..30).prop_map(|runs| runs.concat())
    }

    /// A tip holding `text` wherever it can, as a playbook would load it:
    /// without blanks at the ends, and a blank optional field left out.
    fn tip_with(text: &str) -> Tip {
        let text = crate::schema::without_blank_ends(text);
        let body = if text.is_empty() { "b" } else { text };
        let title = if text.is_empty() { "t" } else { text };
        let optional = (!text.is_empty()).then(|| text.to_string().into());
        Tip {
            number: 1,
            slug: "awkward".into(),
            title: title.to_string().into(),
            tagline: optional.clone(),
            body: body.to_string().into(),
            prompts: vec![
                title.to_string().into(),
                format!("{text}?").into(),
                "p".into(),
            ]
            .into(),
            action: optional,
            source: None,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_text_reads_back_exactly(text in awkward_text()) {
            let tips = [tip_with(&text)];
            prop_assert_eq!(read_back(&tips), tips.to_vec());
        }
    }
}
