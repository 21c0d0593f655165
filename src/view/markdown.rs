//! An entry's own Markdown, made to fit inside `tips journal --markdown`'s
//! one document: its headings moved below the entry's own heading, and any
//! block it leaves open closed, so that every entry stays one section. The
//! entry's blocks are read as CommonMark reads them (see `blocks`), so that
//! a `#` in a code block or a `#hashtag` is left as it is, and only the
//! headings a reader would see are moved.

use super::blocks::{self, Form, Open};
use std::ops::Range;

/// The deepest heading Markdown has. A heading moved past it stays a
/// heading, of this level: still below the entry's, and still a heading
/// to whoever reads the document.
const DEEPEST: usize = 6;

/// `text`, with each of its headings `levels_down` levels deeper (an
/// underlined heading becomes a `#` one, as only those go deeper than 2),
/// and a code block or HTML block it leaves open closed at its end.
pub fn nested(text: &str, levels_down: usize) -> String {
    let found = blocks::scan(text);
    let edits: Vec<(Range<usize>, String)> = found
        .headings
        .into_iter()
        .map(|heading| {
            let hashes = "#".repeat((heading.level + levels_down).min(DEEPEST));
            match heading.form {
                Form::Hashes(run) => (run, hashes),
                // Written on one line, where its text started: a quote's
                // or a list item's marker before it stays.
                Form::Underlined { whole, text: lines } => {
                    let words: Vec<&str> = lines
                        .iter()
                        .map(|line| text[line.clone()].trim_matches([' ', '\t']))
                        .collect();
                    let words = words.join(" ");
                    // Text ending in ` #` would read as the closing `#`s
                    // a `#` heading may have: a closing `#` of its own
                    // keeps it text.
                    let before_hashes = words.trim_end_matches('#');
                    let closing = match words.ends_with('#')
                        && (before_hashes.is_empty() || before_hashes.ends_with([' ', '\t']))
                    {
                        true => " #",
                        false => "",
                    };
                    (whole, format!("{hashes} {words}{closing}"))
                }
            }
        })
        .collect();
    let mut nested = String::with_capacity(text.len() + 16 * edits.len());
    let mut copied = 0;
    for (range, replacement) in edits {
        nested.push_str(&text[copied..range.start]);
        nested.push_str(&replacement);
        copied = range.end;
    }
    nested.push_str(&text[copied..]);
    // Only a block that runs to the end can be open, and only at the top:
    // a container ends, and its blocks with it, at the next entry's
    // heading, which follows a blank line.
    let closing = match found.open {
        Some(Open::Fence { mark, length }) => Some(mark.to_string().repeat(length)),
        Some(Open::Html { end }) => Some(end.to_string()),
        None => None,
    };
    if let Some(closing) = closing {
        if !nested.ends_with('\n') {
            nested.push('\n');
        }
        nested.push_str(&closing);
        nested.push('\n');
    }
    nested
}

#[cfg(test)]
mod tests {
    use super::nested;

    #[test]
    fn headings_move_down_and_nothing_else_does() {
        let text = "# Acme\n\n```\n# install the agent\n```\n\n#hashtag\n\n##### deep\n\nUnder\n=====\n\nAlso\n---\n";
        assert_eq!(
            nested(text, 2),
            "### Acme\n\n```\n# install the agent\n```\n\n#hashtag\n\n###### deep\n\n### Under\n\n#### Also\n"
        );
    }

    #[test]
    fn an_underlined_heading_keeps_the_hashes_that_end_its_text() {
        assert_eq!(nested("Room 4 #\n===\n", 2), "### Room 4 # #\n");
        assert_eq!(nested("C#\n---\n", 2), "#### C#\n");
    }

    #[test]
    fn what_an_entry_leaves_open_is_closed() {
        assert_eq!(
            nested("```sh\n# not closed", 2),
            "```sh\n# not closed\n```\n"
        );
        assert_eq!(nested("~~~~\ncode\n~~", 2), "~~~~\ncode\n~~\n~~~~\n");
        assert_eq!(nested("```\ncode\n```\n", 2), "```\ncode\n```\n");
        assert_eq!(nested("<!-- a note", 2), "<!-- a note\n-->\n");
        assert_eq!(nested("<!-- a note -->", 2), "<!-- a note -->");
        assert_eq!(nested("<pre>\nkept", 2), "<pre>\nkept\n</pre>\n");
        assert_eq!(nested("- ```\n  # in a list", 2), "- ```\n  # in a list");
        assert_eq!(
            nested("> quoted\n>\n> Title\n> ===", 2),
            "> quoted\n>\n> ### Title"
        );
    }
}
