//! An entry's own Markdown, made to fit inside `tips journal --markdown`'s
//! one document: its headings moved below the entry's own heading, and any
//! block it leaves open closed, so that every entry stays one section. The
//! entry is read by a CommonMark parser, so that a `#` in a code block or a
//! `#hashtag` is left as it is, and only the headings a reader would see
//! are moved.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The deepest heading Markdown has. A heading moved past it stays a
/// heading, of this level: still below the entry's, and still a heading
/// to whoever reads the document.
const DEEPEST: usize = 6;

/// `text`, with each of its headings `levels_down` levels deeper (an
/// underlined heading becomes a `#` one, as only those go deeper than 2),
/// and a code block or HTML block it leaves open closed at its end.
pub fn nested(text: &str, levels_down: usize) -> String {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut containers = 0usize;
    let mut closing: Option<String> = None;
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => containers += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                containers = containers.saturating_sub(1);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let deeper = (level as usize + levels_down).min(DEEPEST);
                edits.push(moved_heading(text, range, deeper, containers > 0));
            }
            // Only a block that runs to the end can be open, and only at
            // the top: a container ends, and its blocks with it, at the
            // next entry's heading.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) if containers == 0 => {
                closing = open_fence(&text[range]);
            }
            Event::Start(Tag::CodeBlock(_)) if containers == 0 => closing = None,
            Event::Start(Tag::HtmlBlock) if containers == 0 => closing = open_html(&text[range]),
            Event::Start(Tag::Paragraph) if containers == 0 => closing = None,
            _ => {}
        }
    }
    let mut nested = String::with_capacity(text.len() + 16 * edits.len());
    let mut copied = 0;
    for (range, replacement) in edits {
        nested.push_str(&text[copied..range.start]);
        nested.push_str(&replacement);
        copied = range.end;
    }
    nested.push_str(&text[copied..]);
    if let Some(closing) = closing {
        if !nested.ends_with('\n') {
            nested.push('\n');
        }
        nested.push_str(&closing);
    }
    nested
}

/// The edit that makes a heading `level` deep: a `#` heading gets more
/// `#`s; an underlined one is written on one line with `#`s.
fn moved_heading(
    text: &str,
    range: Range<usize>,
    level: usize,
    in_container: bool,
) -> (Range<usize>, String) {
    let source = &text[range.clone()];
    let hashes = "#".repeat(level);
    let body = source.strip_suffix('\n').unwrap_or(source);
    match body.rsplit_once('\n') {
        // Underlined: the lines above the underline are its text.
        Some((content, _underline)) => {
            let words: Vec<&str> = content
                .lines()
                .map(|line| {
                    let line = line.trim();
                    // Later lines of a quote repeat its `>`.
                    match in_container {
                        true => line.trim_start_matches(['>', ' ', '\t']),
                        false => line,
                    }
                })
                .collect();
            let ending = if source.ends_with('\n') { "\n" } else { "" };
            (range, format!("{hashes} {}{ending}", words.join(" ")))
        }
        None => {
            let start = range.start + source.find('#').unwrap_or(0);
            let run = text[start..]
                .bytes()
                .take_while(|byte| *byte == b'#')
                .count();
            (start..start + run, hashes)
        }
    }
}

/// What closes a fenced code block that its text leaves open, or `None`
/// where it is closed.
fn open_fence(block: &str) -> Option<String> {
    let opening = block.lines().next()?.trim_start();
    let mark = opening.chars().next()?;
    let length = opening.chars().take_while(|c| *c == mark).count();
    let closed = block.lines().count() > 1
        && block.lines().last().is_some_and(|last| {
            let last = last.trim();
            last.chars().all(|c| c == mark) && last.chars().count() >= length
        });
    (!closed).then(|| format!("{}\n", mark.to_string().repeat(length)))
}

/// What closes an HTML block that runs until a closing mark (a comment,
/// `<pre>`, `<script>` and the like) where its text leaves it open, or
/// `None`. The other kinds end at a blank line, which the next entry's
/// heading always follows.
fn open_html(block: &str) -> Option<String> {
    let opening = block.lines().next()?.trim_start().to_ascii_lowercase();
    let raw_tag = ["script", "pre", "style", "textarea"]
        .into_iter()
        .find(|tag| {
            opening
                .strip_prefix('<')
                .and_then(|rest| rest.strip_prefix(tag))
                .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t', '>']))
        });
    let mark = match raw_tag {
        Some(tag) => format!("</{tag}>"),
        None if opening.starts_with("<!--") => "-->".to_string(),
        None if opening.starts_with("<?") => "?>".to_string(),
        None if opening.starts_with("<![cdata[") => "]]>".to_string(),
        None if opening.starts_with("<!") => ">".to_string(),
        None => return None,
    };
    let last = block.lines().last()?.trim_start().to_ascii_lowercase();
    // On the opening line, the mark counts only after the opening's first
    // two characters (`<!--` is no comment closed by its own `--`).
    let from = if block.lines().count() == 1 { 2 } else { 0 };
    let closed = last.get(from..).is_some_and(|rest| rest.contains(&mark));
    (!closed).then(|| format!("{mark}\n"))
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
