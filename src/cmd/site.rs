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
        let count = tips.all().len();
        let mut line = format!(
            "Wrote {} files of the site of {count} {} into {}",
            published.written,
            if count == 1 { "tip" } else { "tips" },
            visible(&folder)
        );
        match published.removed {
            0 => {}
            1 => line.push_str("; removed 1 page of a tip no longer in force"),
            removed => line.push_str(&format!(
                "; removed {removed} pages of tips no longer in force"
            )),
        }
        line.push('\n');
        out.raw(line.as_bytes())?;
        Ok(())
    }
}
