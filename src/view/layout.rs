//! Wraps a [`Doc`] to a width. The result is still plain: lines of styled
//! spans, measured in terminal columns, with no escape codes.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{visible, Block, Doc, Paragraph, Span, Style};

pub type Line = Vec<Span>;

const ELLIPSIS: &str = "…";

pub fn layout(doc: &Doc, width: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Blank => lines.push(Vec::new()),
            Block::Paragraph(paragraph) => lines.extend(wrap(paragraph, width)),
            Block::Row(spans) => lines.push(fit_row(spans, width)),
        }
    }
    lines
}

/// The columns a line takes on screen.
pub fn line_width(line: &[Span]) -> usize {
    line.iter().map(|span| span.text.width()).sum()
}

/// A word, made of one or more styled pieces (a word can change style
/// midway, as in `show respect.` where only the command is styled).
type Word = Vec<Span>;

fn words(spans: &[Span]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut glue = false;
    for span in spans {
        let text = visible(&span.text);
        let starts_with_space = text.starts_with(char::is_whitespace);
        // A command is copied by hand, so it never breaks across lines.
        let pieces: Vec<&str> = if span.style == Style::Command {
            vec![text.trim()]
        } else {
            text.split_whitespace().collect()
        };
        for (index, piece) in pieces.into_iter().enumerate() {
            let piece = Span::new(piece, span.style);
            match words.last_mut() {
                Some(word) if index == 0 && glue && !starts_with_space => word.push(piece),
                _ => words.push(vec![piece]),
            }
        }
        glue = !text.is_empty() && !text.ends_with(char::is_whitespace);
    }
    words
}

fn word_width(word: &Word) -> usize {
    line_width(word)
}

fn wrap(paragraph: &Paragraph, width: usize) -> Vec<Line> {
    let lead_width = paragraph.lead.as_ref().map_or(0, |lead| lead.text.width());
    let margin = paragraph.indent + lead_width;
    // Always leave room for a few characters, however narrow the screen.
    let room = width.saturating_sub(margin).max(8);

    let mut rows: Vec<Vec<Span>> = vec![Vec::new()];
    let mut used = 0;
    for word in words(&paragraph.spans) {
        for piece in split_long(word, room) {
            let piece_width = word_width(&piece);
            let row = rows.last_mut().expect("rows start non-empty");
            if !row.is_empty() && used + 1 + piece_width > room {
                rows.push(piece);
                used = piece_width;
            } else {
                if !row.is_empty() {
                    // A space inside a run of one style takes that style,
                    // so that the run is painted once, not word by word.
                    let before = row.last().map(|span| span.style);
                    let after = piece.first().map(|span| span.style);
                    let style = if before == after {
                        before.unwrap_or(Style::Plain)
                    } else {
                        Style::Plain
                    };
                    row.push(Span::new(" ", style));
                    used += 1;
                }
                row.extend(piece);
                used += piece_width;
            }
        }
    }
    if let Some(max) = paragraph.max_lines {
        if rows.len() > max {
            rows.truncate(max.max(1));
            let last = rows.last_mut().expect("at least one row");
            shorten_to(last, room.saturating_sub(ELLIPSIS.width()));
            last.push(Span::new(ELLIPSIS, Style::Plain));
        }
    }

    rows.into_iter()
        .enumerate()
        .map(|(index, row)| {
            let mut line = Vec::with_capacity(row.len() + 2);
            if margin > 0 {
                let lead = paragraph.lead.as_ref().filter(|_| index == 0);
                line.push(Span::plain(" ".repeat(paragraph.indent)));
                match lead {
                    Some(lead) => line.push(lead.clone()),
                    None => line.push(Span::plain(" ".repeat(lead_width))),
                }
            }
            line.extend(row);
            merge_runs(line)
        })
        .collect()
}

/// Joins neighbouring spans of the same style and drops empty ones.
fn merge_runs(line: Line) -> Line {
    let mut merged: Line = Vec::with_capacity(line.len());
    for span in line.into_iter().filter(|span| !span.text.is_empty()) {
        match merged.last_mut() {
            Some(last) if last.style == span.style => last.text.push_str(&span.text),
            _ => merged.push(span),
        }
    }
    merged
}

fn fit_row(spans: &[Span], width: usize) -> Line {
    let mut row: Line = spans
        .iter()
        .map(|span| Span::new(visible(&span.text), span.style))
        .collect();
    if line_width(&row) > width {
        shorten_to(&mut row, width.saturating_sub(ELLIPSIS.width()));
        row.push(Span::new(ELLIPSIS, Style::Plain));
    }
    row
}

/// A word wider than the room is cut into pieces that fit.
fn split_long(word: Word, room: usize) -> Vec<Word> {
    if word_width(&word) <= room {
        return vec![word];
    }
    let mut pieces: Vec<Word> = vec![Vec::new()];
    let mut used = 0;
    for span in word {
        let mut current = String::new();
        for c in span.text.chars() {
            let char_width = c.width().unwrap_or(0);
            if used + char_width > room && used > 0 {
                if !current.is_empty() {
                    pieces
                        .last_mut()
                        .expect("non-empty")
                        .push(Span::new(std::mem::take(&mut current), span.style));
                }
                pieces.push(Vec::new());
                used = 0;
            }
            current.push(c);
            used += char_width;
        }
        if !current.is_empty() {
            pieces
                .last_mut()
                .expect("non-empty")
                .push(Span::new(current, span.style));
        }
    }
    pieces
}

/// Drops characters from the end of a row until it fits in `room` columns.
fn shorten_to(row: &mut Vec<Span>, room: usize) {
    while line_width(row) > room {
        let Some(last) = row.last_mut() else { return };
        if last.text.pop().is_none() || last.text.is_empty() {
            row.pop();
        }
    }
    // An ellipsis reads better after a word than after a space.
    while row.last().is_some_and(|span| span.text.trim().is_empty()) {
        row.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::Paragraph;

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|line| line.iter().map(|span| span.text.as_str()).collect())
            .collect()
    }

    fn doc(paragraph: Paragraph) -> Doc {
        let mut doc = Doc::default();
        doc.push(paragraph);
        doc
    }

    #[test]
    fn wraps_at_word_boundaries_within_the_width() {
        let lines = layout(
            &doc(Paragraph::new(vec![Span::plain(
                "one two three four five six",
            )])),
            10,
        );
        assert_eq!(text(&lines), ["one two", "three four", "five six"]);
    }

    #[test]
    fn a_lead_hangs_and_later_lines_align_under_the_text() {
        let paragraph = Paragraph::new(vec![Span::plain("alpha beta gamma delta")])
            .indented(2)
            .lead(Span::new("• ", Style::Bullet));
        let lines = layout(&doc(paragraph), 16);
        assert_eq!(text(&lines), ["  • alpha beta", "    gamma delta"]);
    }

    #[test]
    fn long_words_are_cut_to_fit() {
        let lines = layout(
            &doc(Paragraph::new(vec![Span::plain(
                "abcdefghijklmnopqrstuvwxyz",
            )])),
            10,
        );
        assert_eq!(text(&lines), ["abcdefghij", "klmnopqrst", "uvwxyz"]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let lines = layout(
            &doc(Paragraph::new(vec![Span::plain("日本語 日本語 日本語")])),
            14,
        );
        assert_eq!(text(&lines), ["日本語 日本語", "日本語"]);
        assert!(lines.iter().all(|line| line_width(line) <= 14));
    }

    #[test]
    fn spans_without_space_between_them_stay_one_word() {
        let paragraph = Paragraph::new(vec![
            Span::plain("run "),
            Span::new("tips", Style::Command),
            Span::plain("."),
        ]);
        let lines = layout(&doc(paragraph), 40);
        assert_eq!(text(&lines), ["run tips."]);
        assert_eq!(lines[0].last().unwrap().text, ".");
    }

    #[test]
    fn max_lines_cuts_with_an_ellipsis() {
        let paragraph =
            Paragraph::new(vec![Span::plain("one two three four five six seven")]).at_most(2);
        let lines = layout(&doc(paragraph), 10);
        assert_eq!(text(&lines), ["one two", "three fou…"]);
        assert!(lines.iter().all(|line| line_width(line) <= 10));
    }

    #[test]
    fn rows_keep_their_spacing_and_are_cut_to_the_width() {
        let mut page = Doc::default();
        page.row(vec![
            Span::plain(" 7  Respect    "),
            Span::new("Spell it out", Style::Tagline),
        ]);
        assert_eq!(text(&layout(&page, 80)), [" 7  Respect    Spell it out"]);
        assert_eq!(text(&layout(&page, 20)), [" 7  Respect    Spel…"]);
    }

    #[test]
    fn a_run_of_one_style_is_one_span() {
        let paragraph = Paragraph::new(vec![
            Span::new("Tip 7 · ", Style::Label),
            Span::new("Respect at work", Style::Title),
        ]);
        let lines = layout(&doc(paragraph), 80);
        assert_eq!(
            lines[0],
            vec![
                Span::new("Tip 7 ·", Style::Label),
                Span::plain(" "),
                Span::new("Respect at work", Style::Title)
            ]
        );
    }

    #[test]
    fn a_command_never_breaks_across_lines() {
        let paragraph = Paragraph::new(vec![
            Span::plain("today's tip is Respect ("),
            Span::new("tips show respect", Style::Command),
            Span::plain(")."),
        ]);
        let lines = layout(&doc(paragraph), 30);
        assert_eq!(
            text(&lines),
            ["today's tip is Respect", "(tips show respect)."]
        );
    }

    #[test]
    fn control_characters_never_reach_the_lines() {
        let lines = layout(&doc(Paragraph::new(vec![Span::plain("a\u{1b}[2J b")])), 40);
        assert_eq!(text(&lines), ["a^[[2J b"]);
    }
}
