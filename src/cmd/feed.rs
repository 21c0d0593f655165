//! `tips feed`: the tip of each of the last days as an Atom feed, or as
//! JSON Feed with `--json`.

use chrono::Datelike;
use std::io::{self, Write};

use super::{Run, Session};
use crate::cli::FeedArgs;
use crate::dates;
use crate::error::Error;
use crate::feed::{self, Feed};
use crate::output::Output;
use crate::view::json::JsonFeed;

impl Run for FeedArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let today = session.today();
        if feed::first_day(today, self.days).is_none() {
            return Err(Error::Usage(format!(
                "{} days ending {} would start before 0001-01-01, the first day tips knows: \
                 ask for {} or fewer",
                self.days,
                dates::iso(today),
                today.num_days_from_ce()
            )));
        }
        let tips = session.tips()?;
        let base_url = self.base_url.as_deref();
        if session.json() {
            out.json(&JsonFeed::new(&Feed::new(
                &tips, today, self.days, base_url,
            )))?;
        } else {
            feed::atom(&mut RawOutput(out), &tips, today, self.days, base_url)?;
        }
        Ok(())
    }
}

/// `Output` as a writer, for the feed's writer, which also writes files.
struct RawOutput<'a>(&'a mut Output);

impl Write for RawOutput<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.raw(bytes).map(|()| bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
