//! `tips site DIR`: the tips in force as a static web site in a folder.

use super::{Run, Session};
use crate::cli::SiteArgs;
use crate::dates;
use crate::error::Error;
use crate::feed;
use crate::output::Output;
use crate::site;
use crate::untrusted::visible;
use crate::view::pages;

impl Run for SiteArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        session.text_only("site", "one line on what it wrote into the folder")?;
        let today = session.today();
        // The site's feed is `tips feed`'s, so it refuses the days `tips
        // feed` refuses rather than quietly hold fewer.
        if feed::first_day(today, feed::DEFAULT_DAYS).is_none() {
            return Err(Error::Usage(format!(
                "the site's feed holds the {} days ending {}, which would start before \
                 0001-01-01, the first day tips knows: give --date 0001-01-{:02} or later",
                feed::DEFAULT_DAYS,
                dates::iso(today),
                feed::DEFAULT_DAYS
            )));
        }
        let tips = session.tips()?;
        let files = site::build(&tips, today, self.base_url.as_deref(), dates::now());
        let published =
            site::publish(&self.dir, &files).map_err(|error| Error::Failure(error.to_string()))?;
        let folder = self.dir.display().to_string();
        let said = pages::site_written(&published, tips.all().len(), &visible(&folder));
        out.raw(said.as_bytes())?;
        Ok(())
    }
}
