//! `tips paths`: where this `tips` looks for a playbook, which one is in
//! force and whether it works, and where it keeps its state and journal;
//! for a user asking for help or a team lead placing a playbook.

use super::{Run, Session};
use crate::cli::PathsArgs;
use crate::error::Error;
use crate::output::Output;
use crate::playbook;
use crate::view::json::PathsJson;
use crate::view::pages::{self, FolderPlace, Standing};

impl Run for PathsArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let places = session.playbook_places();
        let playbooks = playbook::survey(&places);
        let state = session.state_dir().map(|dir| folder_place(&dir, false));
        let journal = session.journal_dir().map(|dir| folder_place(&dir, true));
        if session.json() {
            out.json(&PathsJson::new(
                &playbooks,
                state.as_ref(),
                journal.as_ref(),
            ))?;
        } else {
            out.page(&pages::paths(&playbooks, state.as_ref(), journal.as_ref()))?;
        }
        Ok(())
    }
}

/// What stands at `dir`; for the journal, whether all of it is private to
/// the user, which is said only of a journal that is there.
fn folder_place(dir: &std::path::Path, private_or_not: bool) -> FolderPlace {
    use crate::files::InTheWay;
    let stands = if dir.is_dir() {
        Standing::Folder {
            not_private: private_or_not
                .then(|| crate::journal::open_to_others(dir))
                .flatten(),
        }
    } else {
        // Where something stands in the way above the folder, it is named.
        let above = |place: &std::path::Path| (place != dir).then(|| place.display().to_string());
        match crate::files::in_the_way_of(dir) {
            Some(InTheWay::NotAFolder(place)) => Standing::NotAFolder {
                above: above(&place),
            },
            Some(InTheWay::LinkToNothing(link)) => Standing::LinkToNothing { link: above(&link) },
            None => Standing::Nothing,
        }
    };
    FolderPlace {
        path: dir.display().to_string(),
        stands,
    }
}
