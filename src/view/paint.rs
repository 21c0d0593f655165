//! The one place that knows what each [`Style`] looks like.

use colored::Colorize;
use std::io::{self, Write};

use super::layout::Line;
use super::Style;

/// The escape codes that start and end each style, worked out once. With
/// colour off every code is empty: a plain palette is swapped in, and
/// painting never asks.
pub struct Palette {
    codes: [(String, String); STYLES.len()],
}

const STYLES: [Style; 9] = [
    Style::Plain,
    Style::Greeting,
    Style::Title,
    Style::Label,
    Style::Tagline,
    Style::Heading,
    Style::Bullet,
    Style::Command,
    Style::Faint,
];

impl Palette {
    pub fn plain() -> Palette {
        Palette {
            codes: STYLES.map(|_| (String::new(), String::new())),
        }
    }

    /// The codes that `colored` writes for each style. `tips` has already
    /// decided that colour is on, so `colored`'s own guess is overridden.
    pub fn colored() -> Palette {
        colored::control::set_override(true);
        Palette {
            codes: STYLES.map(|style| {
                // `colored` paints whole strings; painting a marker and
                // splitting around it gives the codes on either side.
                const MARKER: &str = "\u{0}";
                let painted = match style {
                    Style::Plain => return (String::new(), String::new()),
                    Style::Greeting => MARKER.bright_red().bold(),
                    Style::Title => MARKER.red().bold(),
                    Style::Label | Style::Faint => MARKER.dimmed(),
                    Style::Tagline => MARKER.italic(),
                    Style::Heading => MARKER.bold(),
                    Style::Bullet => MARKER.red(),
                    Style::Command => MARKER.cyan(),
                }
                .to_string();
                let (start, end) = painted.split_once(MARKER).unwrap_or_default();
                (start.to_string(), end.to_string())
            }),
        }
    }

    fn codes(&self, style: Style) -> (&str, &str) {
        let (start, end) = &self.codes[style as usize];
        (start, end)
    }

    pub fn paint(&self, lines: &[Line], out: &mut impl Write) -> io::Result<()> {
        for line in lines {
            for span in line {
                let (start, end) = self.codes(span.style);
                out.write_all(start.as_bytes())?;
                out.write_all(span.text.as_bytes())?;
                out.write_all(end.as_bytes())?;
            }
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_follows_the_style_order() {
        for (index, style) in STYLES.iter().enumerate() {
            assert_eq!(*style as usize, index);
        }
    }
}
