//! Wraps a [`Doc`] to a width. The result is still plain: lines of styled
//! spans, measured in terminal columns, with no escape codes.

use std::borrow::Cow;
use std::ops::Range;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Block, Doc, Paragraph, Span, Style};
use crate::untrusted::visible;

pub type Line = Vec<Span>;

const ELLIPSIS: &str = "…";

pub fn layout(doc: &Doc, width: usize) -> Vec<Line> {
    let mut lines = Vec::with_capacity(doc.blocks.len() * 2);
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
    line.iter().map(|span| columns(&span.text)).sum()
}

/// The columns a text takes on screen. Control characters never get here
/// (`visible` has replaced them), so printable ASCII is one column a byte,
/// and most text is ASCII: the Unicode tables are consulted only for the rest.
fn columns(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// A piece of a word: where it stands in the paragraph's texts, and its
/// style. A word can change style midway, as in `(tips show respect).`
/// where only the command is styled.
#[derive(Debug, Clone, Copy)]
struct Piece {
    source: usize,
    start: usize,
    end: usize,
    style: Style,
}

type Texts<'t> = [(Cow<'t, str>, Style)];

impl Piece {
    fn text<'t>(&self, texts: &'t Texts) -> &'t str {
        &texts[self.source].0[self.start..self.end]
    }
}

/// A paragraph's words, as runs of pieces with no space between them: two
/// flat vectors rather than one per word, since wrapping runs at every
/// login and allocations are most of its cost.
struct Words {
    pieces: Vec<Piece>,
    words: Vec<Range<usize>>,
}

fn words(texts: &Texts) -> Words {
    let mut found = Words {
        pieces: Vec::with_capacity(96),
        words: Vec::with_capacity(96),
    };
    let mut glue = false;
    for (source, (text, style)) in texts.iter().enumerate() {
        let starts_with_space = text.starts_with(char::is_whitespace);
        // A command is copied by hand, so it never breaks across lines.
        let mut whole = std::iter::once(text.trim()).filter(|part| !part.is_empty());
        // ASCII text splits a byte at a time, without Unicode tables.
        let mut split_ascii = text.split_ascii_whitespace();
        let mut split = text.split_whitespace();
        let parts: &mut dyn Iterator<Item = &str> = if *style == Style::Command {
            &mut whole
        } else if text.is_ascii() {
            &mut split_ascii
        } else {
            &mut split
        };
        for (position, part) in parts.enumerate() {
            let index = found.pieces.len();
            let start = part.as_ptr() as usize - text.as_ptr() as usize;
            found.pieces.push(Piece {
                source,
                start,
                end: start + part.len(),
                style: *style,
            });
            match found.words.last_mut() {
                Some(word) if position == 0 && glue && !starts_with_space => word.end = index + 1,
                _ => found.words.push(index..index + 1),
            }
        }
        glue = !text.is_empty() && !text.ends_with(char::is_whitespace);
    }
    found
}

fn pieces_width(pieces: &[Piece], texts: &Texts) -> usize {
    pieces.iter().map(|piece| columns(piece.text(texts))).sum()
}

/// A line being filled. Words that stand one space apart in the same text
/// and style are not copied one by one: the row keeps the stretch open and
/// copies it once, and neighbouring stretches of one style share a span, so
/// a run is painted once rather than word by word.
struct Row {
    spans: Vec<Span>,
    open: Option<Piece>,
    used: usize,
}

impl Row {
    fn new() -> Row {
        Row {
            spans: Vec::with_capacity(4),
            open: None,
            used: 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn push_text(&mut self, text: &str, style: Style) {
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.text.to_mut().push_str(text),
            _ => self.spans.push(Span::new(text.to_string(), style)),
        }
    }

    /// Copies the open stretch into the spans.
    fn close(&mut self, texts: &Texts) {
        if let Some(open) = self.open.take() {
            self.push_text(open.text(texts), open.style);
        }
    }

    fn push_word(&mut self, word: &[Piece], width: usize, texts: &Texts) {
        for (index, piece) in word.iter().enumerate() {
            let spaced = index == 0 && !self.is_empty();
            if let Some(open) = self.open.as_mut() {
                if open.source == piece.source && open.style == piece.style {
                    let gap = &texts[piece.source].0[open.end..piece.start];
                    if gap == if spaced { " " } else { "" } {
                        open.end = piece.end;
                        continue;
                    }
                }
            }
            self.close(texts);
            if spaced {
                // A space between two words of one style belongs to their run.
                let before = self.spans.last().map(|span| span.style);
                let style = if before == Some(piece.style) {
                    piece.style
                } else {
                    Style::Plain
                };
                self.push_text(" ", style);
            }
            self.open = Some(*piece);
        }
        self.used += width + usize::from(!self.is_empty());
    }
}

fn wrap(paragraph: &Paragraph, width: usize) -> Vec<Line> {
    let lead_width = paragraph
        .lead
        .as_ref()
        .map_or(0, |lead| columns(&lead.text));
    let margin = paragraph.indent + lead_width;
    // Always leave room for a few characters, however narrow the screen.
    let room = width.saturating_sub(margin).max(8);

    let texts: Vec<(Cow<str>, Style)> = paragraph
        .spans
        .iter()
        .map(|span| (visible(&span.text), span.style))
        .collect();
    let words = words(&texts);
    let mut rows: Vec<Row> = Vec::with_capacity(8);
    rows.push(Row::new());
    for range in &words.words {
        let word = &words.pieces[range.clone()];
        let word_width = pieces_width(word, &texts);
        if word_width <= room {
            place(&mut rows, word, word_width, room, &texts);
        } else {
            for part in split_long(word, room, &texts) {
                place(&mut rows, &part, pieces_width(&part, &texts), room, &texts);
            }
        }
    }
    let mut rows: Vec<Vec<Span>> = rows
        .into_iter()
        .map(|mut row| {
            row.close(&texts);
            row.spans
        })
        .collect();
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
        .map(|(index, spans)| {
            if margin == 0 {
                return spans;
            }
            let mut line = Vec::with_capacity(spans.len() + 2);
            match paragraph.lead.as_ref().filter(|_| index == 0) {
                Some(lead) => {
                    line.push(Span::plain(spaces(paragraph.indent)));
                    line.push(lead.clone());
                }
                None => line.push(Span::plain(spaces(margin))),
            }
            line.extend(spans);
            line.retain(|span| !span.text.is_empty());
            line
        })
        .collect()
}

/// `count` spaces, borrowed where the count is an ordinary indent.
fn spaces(count: usize) -> Cow<'static, str> {
    const SPACES: &str = "                ";
    match SPACES.get(..count) {
        Some(spaces) => Cow::Borrowed(spaces),
        None => Cow::Owned(" ".repeat(count)),
    }
}

/// Puts a word on the current row, or starts a new row where it does not fit.
fn place(rows: &mut Vec<Row>, word: &[Piece], width: usize, room: usize, texts: &Texts) {
    let row = rows.last_mut().expect("rows start non-empty");
    if !row.is_empty() && row.used + 1 + width > room {
        rows.push(Row::new());
    }
    rows.last_mut()
        .expect("never empty")
        .push_word(word, width, texts);
}

/// A word wider than the room is cut into parts that fit.
fn split_long(word: &[Piece], room: usize, texts: &Texts) -> Vec<Vec<Piece>> {
    let mut parts: Vec<Vec<Piece>> = vec![Vec::new()];
    let mut used = 0;
    for piece in word {
        let mut start = piece.start;
        for (offset, c) in piece.text(texts).char_indices() {
            let offset = piece.start + offset;
            let char_width = c.width().unwrap_or(0);
            if used + char_width > room && used > 0 {
                if start < offset {
                    parts.last_mut().expect("never empty").push(Piece {
                        start,
                        end: offset,
                        ..*piece
                    });
                }
                parts.push(Vec::new());
                start = offset;
                used = 0;
            }
            used += char_width;
        }
        if start < piece.end {
            parts
                .last_mut()
                .expect("never empty")
                .push(Piece { start, ..*piece });
        }
    }
    parts.retain(|part| !part.is_empty());
    parts
}

fn fit_row(spans: &[Span], width: usize) -> Line {
    let mut row: Line = spans
        .iter()
        .map(|span| Span::new(visible(&span.text).into_owned(), span.style))
        .collect();
    if line_width(&row) > width {
        shorten_to(&mut row, width.saturating_sub(ELLIPSIS.width()));
        row.push(Span::new(ELLIPSIS, Style::Plain));
    }
    row
}
/// Drops characters from the end of a row until it fits in `room` columns.
fn shorten_to(row: &mut Vec<Span>, room: usize) {
    while line_width(row) > room {
        let Some(last) = row.last_mut() else { return };
        if last.text.to_mut().pop().is_none() || last.text.is_empty() {
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
            .map(|line| line.iter().map(|span| span.text.as_ref()).collect())
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
