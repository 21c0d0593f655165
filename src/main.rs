//! `tips`: Romantic Sales coaching tips in the terminal.

mod app;
mod cli;
mod cmd;
mod dates;
mod draft;
mod error;
mod feed;
mod files;
mod ics;
mod journal;
mod locations;
mod markup;
mod output;
mod playbook;
mod schedule;
mod schema;
mod signals;
mod site;
mod state;
mod terminal;
mod tip;
mod untrusted;
mod view;

use std::process::ExitCode;

fn main() -> ExitCode {
    if let Some(answered) = app::answer_completion_request() {
        return answered;
    }
    match app::parse_command_line() {
        Ok(invocation) => app::run(invocation),
        Err(error) => app::report_parse_error(&error),
    }
}
