//! The one place that knows what each [`Style`] looks like. Whether colour
//! is on was decided once at start-up (`colored`'s override); with it off,
//! `colored` writes the text plain, so nothing here asks.

use colored::Colorize;
use std::io::{self, Write};

use super::layout::Line;
use super::{Span, Style};

pub fn paint(lines: &[Line], out: &mut impl Write) -> io::Result<()> {
    for line in lines {
        for span in line {
            write_span(span, out)?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn write_span(span: &Span, out: &mut impl Write) -> io::Result<()> {
    let text = span.text.as_str();
    match span.style {
        Style::Plain => out.write_all(text.as_bytes()),
        Style::Greeting => write!(out, "{}", text.bright_red().bold()),
        Style::Title => write!(out, "{}", text.red().bold()),
        Style::Label => write!(out, "{}", text.dimmed()),
        Style::Tagline => write!(out, "{}", text.italic()),
        Style::Heading => write!(out, "{}", text.bold()),
        Style::Bullet => write!(out, "{}", text.red()),
        Style::Command => write!(out, "{}", text.cyan()),
        Style::Faint => write!(out, "{}", text.dimmed()),
    }
}
