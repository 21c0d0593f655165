use crate::app::Session;
use crate::error::Error;
use crate::output::Output;
use crate::view::pages;

pub fn run(session: &Session, out: &mut Output) -> Result<(), Error> {
    let tips = session.tips()?;
    if session.json {
        out.json(&tips.all())?;
    } else {
        let all: Vec<_> = tips.all().iter().collect();
        out.page(&pages::tip_list(&all))?;
    }
    Ok(())
}
