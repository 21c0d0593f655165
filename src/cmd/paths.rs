//! `tips paths`: where this `tips` looks for a playbook, which one is in
//! force and whether it works, and where it keeps its state and journal;
//! for a user asking for help or a team lead placing a playbook.

use super::{Run, Session};
use crate::cli::PathsArgs;
use crate::error::Error;
use crate::output::Output;
use crate::playbook;
use crate::view::json::PathsJson;
use crate::view::pages::{self, FolderPlace};

impl Run for PathsArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let places = session.playbook_places();
        let playbooks = playbook::survey(&places);
        let place = |dir: std::path::PathBuf| FolderPlace {
            exists: dir.exists(),
            blocked: dir.exists() && !dir.is_dir(),
            path: dir.display().to_string(),
            open_to_others: None,
        };
        let state = session.state_dir().map(place);
        let journal = session.journal_dir().map(|dir| FolderPlace {
            // Only a journal that is there is called private or not.
            open_to_others: dir
                .is_dir()
                .then(|| crate::journal::open_to_others(&dir))
                .flatten(),
            ..place(dir)
        });
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
