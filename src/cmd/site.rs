//! `tips site DIR`: the tips in force as a static web site in a folder.

use super::{Run, Session};
use crate::cli::SiteArgs;
use crate::error::Error;
use crate::output::Output;
use crate::site;
use crate::untrusted::visible;

impl Run for SiteArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        session.text_only("site", "one line on what it wrote into the folder")?;
        let tips = session.tips()?;
        let files = site::build(
            &tips,
            session.today(),
            self.base_url.as_deref(),
            chrono::Utc::now(),
        );
        let published =
            site::publish(&self.dir, &files).map_err(|error| Error::Failure(error.to_string()))?;
        let folder = self.dir.display().to_string();
        let mut line = format!(
            "Wrote {} files of the site of {} tips into {}",
            published.written,
            tips.all().len(),
            visible(&folder)
        );
        if published.removed > 0 {
            line.push_str(&format!(
                "; removed {} page(s) of tips no longer in force",
                published.removed
            ));
        }
        line.push('\n');
        out.raw(line.as_bytes())?;
        Ok(())
    }
}
