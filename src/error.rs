//! Errors, and how each ends the process: one line on stderr that starts
//! with `tips: `, and an exit code that means something.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::untrusted::visible;

#[derive(Debug)]
pub enum Error {
    /// The command line asked for something that cannot be: exit 2.
    Usage(String),
    /// The command could not do its job: exit 1.
    Failure(String),
    /// Writing the output failed: exit 1, except a closed pipe (`tips list
    /// | head -1`), which only means the reader has had enough.
    Output(io::Error),
}

impl From<io::Error> for Error {
    fn from(error: io::Error) -> Error {
        Error::Output(error)
    }
}

impl Error {
    /// The line to show on stderr, if any.
    pub fn message(&self) -> Option<String> {
        match self {
            Error::Usage(message) | Error::Failure(message) => Some(message.clone()),
            Error::Output(error) if error.kind() == io::ErrorKind::BrokenPipe => None,
            Error::Output(error) => Some(format!("cannot write output: {error}")),
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Usage(_) => ExitCode::from(2),
            Error::Output(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Error::Failure(_) | Error::Output(_) => ExitCode::FAILURE,
        }
    }

    /// Prints the message, if any, on stderr.
    pub fn warn(&self) {
        if let Some(message) = self.message() {
            warn(&message);
        }
    }

    /// Prints the message and gives the exit code.
    pub fn report(&self) -> ExitCode {
        self.warn();
        self.exit_code()
    }
}

/// One line on stderr. Messages can quote a playbook or an argument, so
/// control characters are made visible here too.
pub fn warn(message: &str) {
    let line = format!("tips: {}\n", visible(message));
    // Nothing useful can be done if stderr itself is gone.
    let _ = io::stderr().lock().write_all(line.as_bytes());
}
