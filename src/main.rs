//! `tips`: Romantic Sales coaching tips in the terminal.

mod app;
mod calendar;
mod cli;
mod commands;
mod error;
mod locations;
mod output;
mod playbook;
mod schedule;
mod schema;
mod state;
mod terminal;
mod tip;
mod view;

use std::process::ExitCode;

fn main() -> ExitCode {
    match app::parse_command_line() {
        Ok(cli) => app::run(cli),
        Err(error) => app::report_parse_error(&error),
    }
}
