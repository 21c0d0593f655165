//! The one way `tips` writes to stdout: a single locked, buffered handle.

use serde::Serialize;
use std::io::{self, BufWriter, StdoutLock, Write};

use crate::terminal::Terminal;
use crate::view::{layout, paint::Palette, Doc};

pub struct Output {
    stdout: BufWriter<StdoutLock<'static>>,
    width: usize,
    palette: Palette,
}

impl Output {
    pub fn new(terminal: Terminal) -> Output {
        Output {
            stdout: BufWriter::new(io::stdout().lock()),
            width: terminal.width,
            palette: if terminal.color {
                Palette::colored()
            } else {
                Palette::plain()
            },
        }
    }

    /// A page of text, wrapped to the terminal.
    pub fn page(&mut self, doc: &Doc) -> io::Result<()> {
        self.palette
            .paint(&layout::layout(doc, self.width), &mut self.stdout)
    }

    /// Pretty JSON and a final newline.
    pub fn json(&mut self, value: &impl Serialize) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut self.stdout, value).map_err(io::Error::from)?;
        self.stdout.write_all(b"\n")
    }

    /// Text written as it is: shell code, roff, TOML.
    pub fn raw(&mut self, text: &[u8]) -> io::Result<()> {
        self.stdout.write_all(text)
    }

    /// Drops what is buffered and not yet written, so that output that
    /// failed once is not tried again (a login that met a full disk says so
    /// once).
    pub fn discard_unwritten(&mut self) {
        // The stdout lock is reentrant, so the stand-in can take it too.
        let stand_in = BufWriter::with_capacity(0, io::stdout().lock());
        let (stdout, _unwritten) = std::mem::replace(&mut self.stdout, stand_in).into_parts();
        self.stdout = BufWriter::new(stdout);
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.stdout.flush()
    }
}
