use crate::app::Session;
use crate::error::Error;
use crate::output::Output;
use crate::view::pages;

/// Like grep: matches on stdout and exit 0, or a note on stderr and exit 1.
pub fn run(session: &Session, out: &mut Output, words: &[String]) -> Result<(), Error> {
    let tips = session.tips()?;
    let hits = tips.search(words);
    if hits.is_empty() {
        return Err(Error::Failure(format!(
            "no tip mentions all of: {}",
            words.join(" ")
        )));
    }
    if session.json {
        out.json(&hits)?;
    } else {
        out.page(&pages::tip_list(&hits))?;
    }
    Ok(())
}
