//! What `tips` shows, as a plain model: blocks of styled text that know
//! nothing of escape codes or terminal widths. `layout` wraps a model to a
//! width; `paint` writes the wrapped lines, in colour or not.

use std::borrow::Cow;

pub mod layout;
pub mod pages;
pub mod paint;

/// The role a piece of text plays; `paint` decides what each looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Greeting,
    Title,
    Label,
    Tagline,
    Heading,
    Bullet,
    Command,
    Faint,
}

/// Text in one style. Built-in text is borrowed, never copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: Cow<'static, str>,
    pub style: Style,
}

impl Span {
    pub fn new(text: impl Into<Cow<'static, str>>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
        }
    }

    pub fn plain(text: impl Into<Cow<'static, str>>) -> Span {
        Span::new(text, Style::Plain)
    }
}

/// A paragraph, wrapped as one: `lead` (a bullet, say) starts the first
/// line and every later line is indented by its width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub indent: usize,
    pub lead: Option<Span>,
    pub spans: Vec<Span>,
    /// Where set, a longer paragraph is cut with an ellipsis.
    pub max_lines: Option<usize>,
}

impl Paragraph {
    pub fn new(spans: Vec<Span>) -> Paragraph {
        Paragraph {
            indent: 0,
            lead: None,
            spans,
            max_lines: None,
        }
    }

    pub fn indented(mut self, indent: usize) -> Paragraph {
        self.indent = indent;
        self
    }

    pub fn lead(mut self, lead: Span) -> Paragraph {
        self.lead = Some(lead);
        self
    }

    pub fn at_most(mut self, lines: usize) -> Paragraph {
        self.max_lines = Some(lines);
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    /// One line whose spacing is kept (for columns); cut with an ellipsis
    /// where it is wider than the screen.
    Row(Vec<Span>),
    Blank,
}

/// A page of output, top to bottom.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn push(&mut self, paragraph: Paragraph) {
        self.blocks.push(Block::Paragraph(paragraph));
    }

    pub fn row(&mut self, spans: Vec<Span>) {
        self.blocks.push(Block::Row(spans));
    }

    /// A blank line, never two in a row and never first.
    pub fn gap(&mut self) {
        if !matches!(self.blocks.last(), None | Some(Block::Blank)) {
            self.blocks.push(Block::Blank);
        }
    }
}

/// Text from a playbook is untrusted: control characters and the escape
/// sequences they start would reach the terminal and could clear it or
/// retitle its window. They are made visible instead: `^[` for ESC (as
/// `cat -v` shows it), `<U+202E>` for C1 controls and bidirectional
/// overrides. Tabs and line breaks become spaces.
pub fn visible(text: &str) -> Cow<'_, str> {
    // Printable ASCII (the bulk of any tip) is checked a byte at a time.
    let printable_ascii = text.bytes().all(|byte| (b' '..=b'~').contains(&byte));
    if printable_ascii || !text.chars().any(needs_escaping) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => shown.push(' '),
            '\u{0}'..='\u{1f}' => {
                shown.push('^');
                shown.push(char::from(c as u8 + b'@'));
            }
            '\u{7f}' => shown.push_str("^?"),
            c if needs_escaping(c) => shown.push_str(&format!("<U+{:04X}>", u32::from(c))),
            c => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

fn needs_escaping(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_neutralises_escape_sequences() {
        assert_eq!(visible("a\u{1b}[2Jb"), "a^[[2Jb");
        assert_eq!(visible("\u{1b}]0;owned\u{7}"), "^[]0;owned^G");
        assert_eq!(visible("x\u{9b}31m"), "x<U+009B>31m");
        assert_eq!(visible("rev\u{202e}erse"), "rev<U+202E>erse");
        assert_eq!(visible("del\u{7f}"), "del^?");
        assert_eq!(visible("line\nbreak\ttab"), "line break tab");
    }

    #[test]
    fn visible_leaves_ordinary_text_alone() {
        assert!(matches!(
            visible("Croco Mojo — “fight or flight” ☺"),
            Cow::Borrowed(_)
        ));
    }
}
