//! The one way `tips` writes to stdout: a single locked, buffered handle.

use serde::Serialize;
use std::io::{self, BufWriter, StdoutLock, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::terminal::Terminal;
use crate::view::{layout, paint::Palette, Doc};

pub struct Output {
    stdout: BufWriter<Stdout>,
    width: usize,
    palette: Palette,
}

impl Output {
    pub fn new(terminal: Terminal) -> Output {
        let stdout = if stdout_was_closed_at_start() {
            Stdout::Closed
        } else {
            Stdout::Open(io::stdout().lock())
        };
        Output {
            stdout: BufWriter::new(stdout),
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
        let stand_in = BufWriter::with_capacity(0, Stdout::Closed);
        let (stdout, _unwritten) = std::mem::replace(&mut self.stdout, stand_in).into_parts();
        self.stdout = BufWriter::new(stdout);
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.stdout.flush()
    }
}

/// The process's stdout, or the lack of one.
enum Stdout {
    Open(StdoutLock<'static>),
    /// Started with file descriptor 1 closed (`tips today >&-`): every
    /// write fails as `write(2)` would have, with EBADF. Rust's standard
    /// library hides that case (it writes to a closed stdout as if into
    /// /dev/null), so it is told apart here, once, for every command.
    Closed,
}

impl Write for Stdout {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Stdout::Open(stdout) => loop {
                match stdout.write(bytes) {
                    Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                        wait_until_writable(stdout)?;
                    }
                    written => return written,
                }
            },
            Stdout::Closed => Err(io::Error::from_raw_os_error(libc::EBADF)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stdout::Open(stdout) => loop {
                match stdout.flush() {
                    Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                        wait_until_writable(stdout)?;
                    }
                    flushed => return flushed,
                }
            },
            // Nothing was written, so nothing is lost.
            Stdout::Closed => Ok(()),
        }
    }
}

/// A stdout can be non-blocking: node and other programs hand their
/// children such pipes, and a write that finds the pipe full then fails
/// with EAGAIN instead of waiting for the reader. `tips` waits, as it
/// would on an ordinary pipe, until the reader has made room (or has gone,
/// which the next write reports). Nothing was taken by the failed write
/// (Rust's line buffer keeps what it could not pass on), so the same bytes
/// are written again.
fn wait_until_writable(stdout: &StdoutLock<'static>) -> io::Result<()> {
    crate::files::wait_until_ready(stdout, crate::files::Ready::ToWrite)
}

/// Whether file descriptor 1 was closed when the process started. Before
/// `main`, Rust's runtime opens /dev/null on any of descriptors 0 to 2
/// that is closed, so by the time `main` runs a closed stdout looks like
/// /dev/null. This look is taken earlier, by a function that the C
/// runtime calls from `.init_array`, before Rust's own start-up.
fn stdout_was_closed_at_start() -> bool {
    STDOUT_CLOSED_AT_START.load(Ordering::Relaxed)
}

static STDOUT_CLOSED_AT_START: AtomicBool = AtomicBool::new(false);

#[cfg(all(target_os = "linux", not(test)))]
#[used]
#[link_section = ".init_array"]
static LOOK_AT_STDOUT_BEFORE_THE_RUNTIME: extern "C" fn() = look_at_stdout;

#[cfg(all(target_os = "linux", not(test)))]
extern "C" fn look_at_stdout() {
    // F_GETFD only reads the descriptor's flags, and fails exactly when it
    // is not open. rustix's `stdout()` is a plain descriptor number (where
    // std's would set up its buffer before the runtime has started).
    let closed = rustix::io::fcntl_getfd(rustix::stdio::stdout()).is_err();
    STDOUT_CLOSED_AT_START.store(closed, Ordering::Relaxed);
}
