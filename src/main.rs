//! `tips`: Romantic Sales coaching tips in the terminal.

mod app;
mod cli;
mod cmd;
mod dates;
mod error;
mod ics;
mod journal;
mod locations;
mod output;
mod playbook;
mod schedule;
mod schema;
mod state;
mod terminal;
mod tip;
mod untrusted;
mod view;

use std::process::ExitCode;

fn main() -> ExitCode {
    match app::parse_command_line() {
        Ok(invocation) => app::run(invocation),
        Err(error) => app::report_parse_error(&error),
    }
}
