//! Wraps a [`Doc`] to a width. The result is still plain: lines of styled
//! runs, measured in terminal columns, with no escape codes.
//!
//! `tips` lays out a page at every login, so the lines borrow the doc's
//! text instead of copying it: a wrapped line of a paragraph is a slice of
//! the paragraph, and a whole page takes a handful of allocations.

use std::borrow::Cow;
use std::ops::Range;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Block, Doc, Paragraph, Span, Style};
use crate::untrusted::visible;

/// Text in one style on a laid-out line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyledText<'d> {
    pub text: Cow<'d, str>,
    pub style: Style,
}

impl<'d> StyledText<'d> {
    fn new(text: impl Into<Cow<'d, str>>, style: Style) -> StyledText<'d> {
        StyledText {
            text: text.into(),
            style,
        }
    }
}

/// A laid-out page: every line's runs in one vector, and where each line
/// ends.
#[derive(Debug, Default)]
pub struct Lines<'d> {
    runs: Vec<StyledText<'d>>,
    ends: Vec<usize>,
}

impl<'d> Lines<'d> {
    /// The lines, top to bottom, each a slice of runs.
    pub fn iter(&self) -> impl Iterator<Item = &[StyledText<'d>]> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let line = &self.runs[start..end];
            start = end;
            line
        })
    }

    fn push(&mut self, run: StyledText<'d>) {
        if !run.text.is_empty() {
            self.runs.push(run);
        }
    }

    fn end_line(&mut self) {
        self.ends.push(self.runs.len());
    }

    /// The runs of the line being built, not yet ended.
    fn open_line(&self) -> &[StyledText<'d>] {
        let start = self.ends.last().copied().unwrap_or(0);
        &self.runs[start..]
    }

    /// Drops characters from the end of the open line until it fits in
    /// `room` columns, then adds an ellipsis.
    fn cut_open_line(&mut self, room: usize) {
        let start = self.ends.last().copied().unwrap_or(0);
        let room = room.saturating_sub(ELLIPSIS.width());
        while line_width(self.open_line()) > room {
            let Some(last) = self.runs[start..].last_mut() else {
                break;
            };
            let keep = last.text.char_indices().last().map_or(0, |(at, _)| at);
            match &mut last.text {
                Cow::Borrowed(text) => *text = &text[..keep],
                Cow::Owned(text) => text.truncate(keep),
            }
            if last.text.is_empty() {
                self.runs.pop();
            }
        }
        // An ellipsis reads better after a word than after a space.
        while self.runs.len() > start
            && self
                .runs
                .last()
                .is_some_and(|run| run.text.trim().is_empty())
        {
            self.runs.pop();
        }
        self.runs.push(StyledText::new(ELLIPSIS, Style::Plain));
    }
}

const ELLIPSIS: &str = "…";

/// The fewest columns of text worth indenting for.
const MIN_ROOM: usize = 8;

pub fn layout(doc: &Doc, width: usize) -> Lines<'_> {
    // Sized for a whole tip page, so that neither grows while it is laid
    // out: growing a vector is a reallocation and a copy.
    let mut lines = Lines {
        runs: Vec::with_capacity(160),
        ends: Vec::with_capacity(64),
    };
    let mut scratch = Scratch {
        texts: Vec::with_capacity(8),
        pieces: Vec::with_capacity(160),
        words: Vec::with_capacity(160),
        rows: Vec::with_capacity(16),
        stretches: Vec::with_capacity(48),
        row_start: 0,
        used: 0,
        open: None,
    };
    for block in &doc.blocks {
        match block {
            Block::Blank => lines.end_line(),
            Block::Paragraph(paragraph) => wrap(paragraph, width, &mut scratch, &mut lines),
            Block::Row(spans) => fit_row(spans, width, &mut lines),
        }
    }
    lines
}

/// The columns a line takes on screen.
pub fn line_width(line: &[StyledText]) -> usize {
    line.iter().map(|run| columns(&run.text)).sum()
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
    /// One space, and no other white space, stands before it in its text:
    /// a row can then take it into the same slice as the word before.
    after_one_space: bool,
}

/// What wrapping a paragraph needs, kept from one paragraph to the next so
/// that a page allocates it once.
struct Scratch<'d> {
    texts: Vec<(Cow<'d, str>, Style)>,
    pieces: Vec<Piece>,
    /// Each word: a range of `pieces` with no space between them, and the
    /// columns it takes.
    words: Vec<(Range<usize>, usize)>,
    /// The finished rows, each a range of `stretches`.
    rows: Vec<Range<usize>>,
    stretches: Vec<Stretch>,
    /// The row being filled: where its stretches start, the columns it
    /// uses, and its last stretch of text while that can still grow.
    row_start: usize,
    used: usize,
    open: Option<Piece>,
}

/// Part of a row: a piece of one text, grown word by word while the words
/// stand one space apart in that text and style (so a run is one slice,
/// not a word at a time); or the space between two stretches.
#[derive(Debug, Clone, Copy)]
enum Stretch {
    Text(Piece),
    Space(Style),
}

impl<'d> Scratch<'d> {
    fn start(&mut self, paragraph: &'d Paragraph) {
        self.texts.clear();
        self.pieces.clear();
        self.words.clear();
        self.rows.clear();
        self.stretches.clear();
        self.row_start = 0;
        self.used = 0;
        self.open = None;
        self.texts.extend(
            paragraph
                .spans
                .iter()
                .map(|span| (visible(&span.text), span.style)),
        );
    }

    fn text_of(&self, piece: &Piece) -> &str {
        &self.texts[piece.source].0[piece.start..piece.end]
    }

    /// The text of a piece, borrowed from the doc wherever the doc's text
    /// needed no change to be shown.
    fn styled_text_of(&self, piece: &Piece) -> StyledText<'d> {
        let text = match &self.texts[piece.source].0 {
            Cow::Borrowed(text) => Cow::Borrowed(&text[piece.start..piece.end]),
            Cow::Owned(text) => Cow::Owned(text[piece.start..piece.end].to_string()),
        };
        StyledText::new(text, piece.style)
    }

    /// Splits the texts into words, measuring each as it goes.
    fn find_words(&mut self) {
        let Scratch {
            texts,
            pieces,
            words,
            ..
        } = self;
        let mut glue = false;
        for (source, (text, style)) in texts.iter().enumerate() {
            let starts_with_space = text.starts_with(char::is_whitespace);
            let bytes = text.as_bytes();
            let ascii = text.is_ascii();
            let mut push = |part: &str, first: bool| {
                let index = pieces.len();
                let start = part.as_ptr() as usize - text.as_ptr() as usize;
                let after_one_space = start >= 1
                    && bytes[start - 1] == b' '
                    && (start < 2 || !bytes[start - 2].is_ascii_whitespace());
                pieces.push(Piece {
                    source,
                    start,
                    end: start + part.len(),
                    style: *style,
                    after_one_space,
                });
                let width = if ascii { part.len() } else { part.width() };
                match words.last_mut() {
                    Some((word, columns)) if first && glue && !starts_with_space => {
                        word.end = index + 1;
                        *columns += width;
                    }
                    _ => words.push((index..index + 1, width)),
                }
            };
            if *style == Style::Command {
                // A command is copied by hand, so it never breaks across lines.
                let whole = text.trim();
                if !whole.is_empty() {
                    push(whole, true);
                }
            } else if ascii {
                // ASCII text splits a byte at a time, without Unicode tables.
                for (position, part) in text.split_ascii_whitespace().enumerate() {
                    push(part, position == 0);
                }
            } else {
                for (position, part) in text.split_whitespace().enumerate() {
                    push(part, position == 0);
                }
            }
            glue = !text.is_empty() && !text.ends_with(char::is_whitespace);
        }
    }

    fn width_of(&self, pieces: &[Piece]) -> usize {
        pieces
            .iter()
            .map(|piece| columns(self.text_of(piece)))
            .sum()
    }

    /// Puts a word on the current row, or starts a new row where it does
    /// not fit. Most words only move the end of the open stretch.
    fn place(&mut self, word: Range<usize>, width: usize, room: usize) {
        if self.used > 0 && self.used + 1 + width > room {
            self.end_row();
        }
        let spaced = self.used > 0;
        for index in word.clone() {
            let piece = self.pieces[index];
            let first = index == word.start;
            if let Some(open) = self.open.as_mut() {
                let joins = if first {
                    spaced && piece.after_one_space
                } else {
                    open.end == piece.start
                };
                if joins && open.source == piece.source && open.style == piece.style {
                    open.end = piece.end;
                    continue;
                }
            }
            let before = self.open.take().map(|open| {
                self.stretches.push(Stretch::Text(open));
                open.style
            });
            if first && spaced {
                // A space between two words of one style belongs to their
                // run; between two styles it is plain.
                let style = if before == Some(piece.style) {
                    piece.style
                } else {
                    Style::Plain
                };
                self.stretches.push(Stretch::Space(style));
            }
            self.open = Some(piece);
        }
        self.used += width + usize::from(spaced);
    }

    /// Closes the row being filled.
    fn end_row(&mut self) {
        if let Some(open) = self.open.take() {
            self.stretches.push(Stretch::Text(open));
        }
        self.rows.push(self.row_start..self.stretches.len());
        self.row_start = self.stretches.len();
        self.used = 0;
    }
}

fn wrap<'d>(
    paragraph: &'d Paragraph,
    width: usize,
    scratch: &mut Scratch<'d>,
    lines: &mut Lines<'d>,
) {
    let lead_width = paragraph
        .lead
        .as_ref()
        .map_or(0, |lead| columns(&lead.text));
    let mut margin = paragraph.indent + lead_width;
    // A lead of several columns (a number and a name, as in `tips list`)
    // that leaves too little room beside it stands on a line of its own,
    // and the text hangs under its second column instead of being
    // squeezed into a sliver.
    let mut lead_alone = false;
    if let Some(lead) = paragraph
        .lead
        .as_ref()
        .filter(|_| margin + ROOM_BESIDE_A_LEAD > width)
    {
        let hang = paragraph.indent + first_column_width(&lead.text);
        if hang < margin {
            lines.push(StyledText::new(spaces(paragraph.indent), Style::Plain));
            lines.push(StyledText::new(lead.text.trim_end(), lead.style));
            if line_width(lines.open_line()) > width {
                lines.cut_open_line(width);
            }
            lines.end_line();
            margin = hang;
            lead_alone = true;
        }
    }
    // On a screen too narrow for the margin and a few characters beside it,
    // the indent and lead go: every line must fit the screen, or the
    // terminal breaks it into more rows than the page allows.
    if width < margin + MIN_ROOM {
        margin = 0;
    }
    let room = width.saturating_sub(margin).max(1);

    scratch.start(paragraph);
    scratch.find_words();
    for index in 0..scratch.words.len() {
        let (word, word_width) = scratch.words[index].clone();
        if word_width <= room {
            scratch.place(word, word_width, room);
        } else {
            // Rare: a word wider than the screen (a URL, a sentence of
            // Chinese) is cut into parts, placed one after the other as
            // pieces of their own. The first fills what is left of the row
            // it starts on, so that a row holding only a label ("Last
            // time:") and limited to one line still shows some of it.
            let left = match scratch.used {
                0 => room,
                used => room.saturating_sub(used + 1),
            };
            let first_room = if left > 0 { left } else { room };
            for part in split_long(&scratch.pieces[word], first_room, room, scratch) {
                let start = scratch.pieces.len();
                scratch.pieces.extend(part);
                let part = start..scratch.pieces.len();
                let part_width = scratch.width_of(&scratch.pieces[part.clone()]);
                scratch.place(part, part_width, room);
            }
        }
    }

    scratch.end_row();

    let rows = scratch.rows.len();
    let shown = paragraph.max_lines.map_or(rows, |max| rows.min(max.max(1)));
    for index in 0..shown {
        let stretches = scratch.rows[index].clone();
        if margin > 0 {
            match paragraph
                .lead
                .as_ref()
                .filter(|_| index == 0 && !lead_alone)
            {
                Some(lead) => {
                    lines.push(StyledText::new(spaces(paragraph.indent), Style::Plain));
                    lines.push(StyledText::new(lead.text.as_ref(), lead.style));
                }
                None => lines.push(StyledText::new(spaces(margin), Style::Plain)),
            }
        }
        for stretch in &scratch.stretches[stretches] {
            let run = match stretch {
                Stretch::Text(piece) => scratch.styled_text_of(piece),
                Stretch::Space(style) => StyledText::new(" ", *style),
            };
            lines.push(run);
        }
        if index + 1 == shown && shown < rows {
            lines.cut_open_line(room + margin);
        }
        lines.end_line();
    }
}

/// The fewest columns of text worth keeping beside a lead of several
/// columns.
const ROOM_BESIDE_A_LEAD: usize = 16;

/// The columns of a lead's first column, with the blanks around it: 4 in
/// ` 7  respect  `, all of `• `.
fn first_column_width(lead: &str) -> usize {
    let start = lead.len() - lead.trim_start().len();
    let word = lead[start..]
        .find(char::is_whitespace)
        .map_or(lead.len(), |end| start + end);
    let gap = lead[word..].len() - lead[word..].trim_start().len();
    columns(&lead[..word + gap])
}

/// A word's pieces: a word rarely has more than a few.
type PieceList = Vec<Piece>;

/// `count` spaces, borrowed where the count is an ordinary indent.
fn spaces(count: usize) -> Cow<'static, str> {
    const SPACES: &str = "                ";
    match SPACES.get(..count) {
        Some(spaces) => Cow::Borrowed(spaces),
        None => Cow::Owned(" ".repeat(count)),
    }
}

/// A word wider than the room is cut into parts that fit: the first into
/// `first_room`, the others into `room`.
fn split_long(word: &[Piece], first_room: usize, room: usize, scratch: &Scratch) -> Vec<PieceList> {
    let mut parts: Vec<PieceList> = vec![Vec::new()];
    let mut used = 0;
    for piece in word {
        let mut start = piece.start;
        for (offset, c) in scratch.text_of(piece).char_indices() {
            let offset = piece.start + offset;
            let char_width = c.width().unwrap_or(0);
            let limit = if parts.len() == 1 { first_room } else { room };
            if used + char_width > limit && used > 0 {
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

/// One line whose spacing is kept, cut with an ellipsis where it is wider
/// than the screen.
fn fit_row<'d>(spans: &'d [Span], width: usize, lines: &mut Lines<'d>) {
    for span in spans {
        lines.push(StyledText::new(visible(&span.text), span.style));
    }
    if line_width(lines.open_line()) > width {
        lines.cut_open_line(width);
    }
    lines.end_line();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::Paragraph;

    /// Each line as (text, style) runs, owned, so that a test can keep them.
    fn laid_out(doc: &Doc, width: usize) -> Vec<Vec<(String, Style)>> {
        layout(doc, width)
            .iter()
            .map(|line| {
                line.iter()
                    .map(|run| (run.text.to_string(), run.style))
                    .collect()
            })
            .collect()
    }

    fn text_of(doc: &Doc, width: usize) -> Vec<String> {
        laid_out(doc, width)
            .iter()
            .map(|line| line.iter().map(|(text, _)| text.as_str()).collect())
            .collect()
    }

    fn wrapped(paragraph: Paragraph, width: usize) -> Vec<String> {
        text_of(&doc(paragraph), width)
    }

    fn doc(paragraph: Paragraph) -> Doc {
        let mut doc = Doc::default();
        doc.push(paragraph);
        doc
    }

    #[test]
    fn wraps_at_word_boundaries_within_the_width() {
        let paragraph = Paragraph::new(vec![Span::plain("one two three four five six")]);
        assert_eq!(
            wrapped(paragraph, 10),
            ["one two", "three four", "five six"]
        );
    }

    #[test]
    fn a_lead_hangs_and_later_lines_align_under_the_text() {
        let paragraph = Paragraph::new(vec![Span::plain("alpha beta gamma delta")])
            .indented(2)
            .lead(Span::new("• ", Style::Bullet));
        assert_eq!(
            wrapped(paragraph, 16),
            ["  • alpha beta", "    gamma delta"]
        );
    }

    #[test]
    fn long_words_are_cut_to_fit() {
        let paragraph = Paragraph::new(vec![Span::plain("abcdefghijklmnopqrstuvwxyz")]);
        assert_eq!(
            wrapped(paragraph, 10),
            ["abcdefghij", "klmnopqrst", "uvwxyz"]
        );
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let doc = doc(Paragraph::new(vec![Span::plain("日本語 日本語 日本語")]));
        assert_eq!(text_of(&doc, 14), ["日本語 日本語", "日本語"]);
        assert!(layout(&doc, 14).iter().all(|line| line_width(line) <= 14));
    }

    #[test]
    fn spans_without_space_between_them_stay_one_word() {
        let doc = doc(Paragraph::new(vec![
            Span::plain("run "),
            Span::new("tips", Style::Command),
            Span::plain("."),
        ]));
        assert_eq!(text_of(&doc, 40), ["run tips."]);
        assert_eq!(laid_out(&doc, 40)[0].last().unwrap().0, ".");
    }

    #[test]
    fn max_lines_cuts_with_an_ellipsis() {
        let doc =
            doc(Paragraph::new(vec![Span::plain("one two three four five six seven")]).at_most(2));
        assert_eq!(text_of(&doc, 10), ["one two", "three fou…"]);
        assert!(layout(&doc, 10).iter().all(|line| line_width(line) <= 10));
    }

    #[test]
    fn a_wide_lead_on_a_narrow_screen_stands_alone_and_the_text_hangs_under_it() {
        let paragraph = Paragraph::new(vec![Span::new("Speak Their Love Language", Style::Title)])
            .lead(Span::new(" 5  love-language     ", Style::Label));
        assert_eq!(
            wrapped(paragraph.clone(), 60),
            [" 5  love-language     Speak Their Love Language"]
        );
        assert_eq!(
            wrapped(paragraph.clone(), 20),
            [" 5  love-language", "    Speak Their Love", "    Language"]
        );
        // Narrower still, the hang goes too rather than let a line outgrow
        // the screen.
        assert_eq!(
            wrapped(paragraph, 10),
            [" 5  love-…", "Speak", "Their Love", "Language"]
        );
        // A bullet is one column: it stays beside its text however narrow.
        let bullet = Paragraph::new(vec![Span::plain("one two three four")])
            .lead(Span::new("• ", Style::Bullet));
        assert_eq!(wrapped(bullet, 12), ["• one two", "  three four"]);
    }

    #[test]
    fn rows_keep_their_spacing_and_are_cut_to_the_width() {
        let mut page = Doc::default();
        page.row(vec![
            Span::plain(" 7  Respect    "),
            Span::new("Spell it out", Style::Tagline),
        ]);
        assert_eq!(text_of(&page, 80), [" 7  Respect    Spell it out"]);
        assert_eq!(text_of(&page, 20), [" 7  Respect    Spel…"]);
    }

    #[test]
    fn a_run_of_one_style_is_one_slice_of_the_doc() {
        let doc = doc(Paragraph::new(vec![
            Span::new("Tip 7 · ", Style::Label),
            Span::new("Respect at work", Style::Title),
        ]));
        let lines = layout(&doc, 80);
        let first = lines.iter().next().unwrap();
        assert_eq!(
            first,
            [
                StyledText::new("Tip 7 ·", Style::Label),
                StyledText::new(" ", Style::Plain),
                StyledText::new("Respect at work", Style::Title)
            ]
        );
        // The title's words are one slice of the doc's text, not copies.
        assert!(matches!(first[2].text, Cow::Borrowed(_)));
    }

    #[test]
    fn a_command_never_breaks_across_lines() {
        let paragraph = Paragraph::new(vec![
            Span::plain("today's tip is Respect ("),
            Span::new("tips show respect", Style::Command),
            Span::plain(")."),
        ]);
        assert_eq!(
            wrapped(paragraph, 30),
            ["today's tip is Respect", "(tips show respect)."]
        );
    }

    #[test]
    fn control_characters_never_reach_the_lines() {
        let paragraph = Paragraph::new(vec![Span::plain("a\u{1b}[2J b")]);
        assert_eq!(wrapped(paragraph, 40), ["a^[[2J b"]);
    }
}
