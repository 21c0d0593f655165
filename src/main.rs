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

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::Cli::try_parse() {
        Ok(cli) => app::run(cli),
        Err(error) => app::report_parse_error(&error),
    }
}
