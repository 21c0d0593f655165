//! What `tips` shows, as a plain model: blocks of styled text that know
//! nothing of escape codes or terminal widths. `layout` wraps a model to a
//! width; `paint` writes the wrapped lines, in colour or not.

use std::borrow::Cow;

pub mod blocks;
pub mod json;
pub mod layout;
pub mod markdown;
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
/// line and every later line is indented by its width. Wrapping splits the
/// spans at blanks and joins the words with one space, so runs of blanks
/// in spans do not survive: text in columns belongs in the `lead`, which
/// is kept as it is (see `pages::tip_list`).
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
    /// A page with room for `blocks` blocks, so that it does not grow (a
    /// reallocation and a copy) while it is built.
    pub fn with_capacity(blocks: usize) -> Doc {
        Doc {
            blocks: Vec::with_capacity(blocks),
        }
    }

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
