//! `tips site DIR`: the tips in force as a static web site in a folder.

use super::{Run, Session};
use crate::cli::SiteArgs;
use crate::dates;
use crate::error::Error;
use crate::feed;
use crate::output::Output;
use crate::site;
use crate::untrusted::visible;

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
        let files = site::build(&tips, today, self.base_url.as_deref(), chrono::Utc::now());
        let published =
            site::publish(&self.dir, &files).map_err(|error| Error::Failure(error.to_string()))?;
        let folder = self.dir.display().to_string();
        let count = tips.all().len();
        let mut line = format!(
            "Wrote {} files of the site of {count} {} into {}",
            published.written,
            if count == 1 { "tip" } else { "tips" },
            visible(&folder)
        );
        if !published.removed.is_empty() {
            line.push_str(&format!(
                "; removed {} no longer in the site ({})",
                site::count_of_files(published.removed.len()),
                site::first_few(&published.removed)
            ));
        }
        if !published.kept.is_empty() {
            let one = published.kept.len() == 1;
            line.push_str(&format!(
                "; kept {} no longer in the site, changed since tips site wrote {} ({}): {} yours now",
                site::count_of_files(published.kept.len()),
                if one { "it" } else { "them" },
                site::first_few(&published.kept),
                if one { "it is" } else { "they are" }
            ));
        }
        line.push('\n');
        out.raw(line.as_bytes())?;
        Ok(())
    }
}
