//! The one place that knows what each [`Style`] looks like, and writes
//! laid-out lines with or without colour.

use colored::{Color, ColoredString, Styles};
use std::io::{self, Write};

use super::layout::{Lines, StyledText};
use super::Style;

/// How one role looks: a colour and a set of attributes, as `colored`
/// keeps them.
#[derive(Debug, Clone, Copy)]
struct Look {
    color: Option<Color>,
    attributes: &'static [Styles],
}

impl Look {
    const fn new(color: Option<Color>, attributes: &'static [Styles]) -> Look {
        Look { color, attributes }
    }
}

/// One look per role. With colour off no look is consulted at all: a
/// plain palette writes the text as it is, and the layout never asks.
pub struct Palette {
    looks: Option<Looks>,
}

struct Looks {
    greeting: Look,
    title: Look,
    label: Look,
    tagline: Look,
    heading: Look,
    bullet: Look,
    command: Look,
    faint: Look,
}

const LOOKS: Looks = Looks {
    greeting: Look::new(Some(Color::BrightRed), &[Styles::Bold]),
    title: Look::new(Some(Color::Red), &[Styles::Bold]),
    label: Look::new(None, &[Styles::Dimmed]),
    tagline: Look::new(None, &[Styles::Italic]),
    heading: Look::new(None, &[Styles::Bold]),
    bullet: Look::new(Some(Color::Red), &[]),
    command: Look::new(Some(Color::Cyan), &[]),
    faint: Look::new(None, &[Styles::Dimmed]),
};

impl Looks {
    fn of(&self, style: Style) -> Option<Look> {
        match style {
            Style::Plain => None,
            Style::Greeting => Some(self.greeting),
            Style::Title => Some(self.title),
            Style::Label => Some(self.label),
            Style::Tagline => Some(self.tagline),
            Style::Heading => Some(self.heading),
            Style::Bullet => Some(self.bullet),
            Style::Command => Some(self.command),
            Style::Faint => Some(self.faint),
        }
    }
}

impl Palette {
    pub fn plain() -> Palette {
        Palette { looks: None }
    }

    /// `tips` has already decided that colour is on, so `colored`'s own
    /// guess from the environment is overridden.
    pub fn colored() -> Palette {
        colored::control::set_override(true);
        Palette { looks: Some(LOOKS) }
    }

    pub fn paint(&self, lines: &Lines, out: &mut impl Write) -> io::Result<()> {
        for line in lines.iter() {
            match &self.looks {
                None => {
                    for run in line {
                        out.write_all(run.text.as_bytes())?;
                    }
                }
                Some(looks) => paint_line(looks, line, out)?,
            }
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// Neighbouring runs of one style are painted as one, so that a styled
/// stretch starts and ends its colour once.
fn paint_line(looks: &Looks, line: &[StyledText], out: &mut impl Write) -> io::Result<()> {
    let mut rest = line;
    while let Some(first) = rest.first() {
        let same = rest
            .iter()
            .take_while(|run| run.style == first.style)
            .count();
        let (stretch, after) = rest.split_at(same);
        match looks.of(first.style) {
            Some(look) => {
                let text: String = stretch.iter().map(|run| run.text.as_ref()).collect();
                write!(out, "{}", painted(&text, look))?;
            }
            None => {
                for run in stretch {
                    out.write_all(run.text.as_bytes())?;
                }
            }
        }
        rest = after;
    }
    Ok(())
}

fn painted(text: &str, look: Look) -> ColoredString {
    let mut painted = ColoredString::from(text);
    painted.fgcolor = look.color;
    for attribute in look.attributes {
        painted.style.add(*attribute);
    }
    painted
}
