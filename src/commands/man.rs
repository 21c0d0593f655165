use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Error;
use crate::output::Output;

pub fn run(out: &mut Output) -> Result<(), Error> {
    clap_mangen::Man::new(Cli::command()).render(out.writer())?;
    Ok(())
}
