//! `tips paths`: where this `tips` looks for things, for a user asking for
//! help or a team lead placing a playbook.

use serde::Serialize;
use std::path::Path;

use crate::app::Session;
use crate::error::Error;
use crate::locations::{self, Origin};
use crate::output::Output;
use crate::view::{Doc, Paragraph, Span, Style};

#[derive(Serialize)]
struct PathsJson {
    playbook: Option<Place>,
    state: Option<Place>,
}

#[derive(Serialize)]
struct Place {
    path: String,
    exists: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<Origin>,
}

impl Place {
    fn at(path: &Path, from: Option<Origin>) -> Place {
        Place {
            path: path.display().to_string(),
            exists: path.exists(),
            from,
        }
    }
}

pub fn run(session: &Session, out: &mut Output) -> Result<(), Error> {
    let playbook = session
        .playbook_location()
        .map(|location| Place::at(&location.path, Some(location.origin)));
    let state = locations::state_dir(&locations::process_env).map(|dir| Place::at(&dir, None));
    let paths = PathsJson { playbook, state };
    if session.json {
        out.json(&paths)?;
    } else {
        out.page(&page(&paths))?;
    }
    Ok(())
}

fn page(paths: &PathsJson) -> Doc {
    let mut doc = Doc::default();
    let playbook_note = match &paths.playbook {
        Some(place) if place.exists => "found: its tips are in force",
        Some(place) if place.from == Some(Origin::Default) => {
            "not found: the built-in tips are in force"
        }
        Some(_) => "not found: tips will report an error until it exists",
        None => "none: set HOME, XDG_CONFIG_HOME or TIPS_FILE",
    };
    describe(&mut doc, "Playbook", paths.playbook.as_ref(), playbook_note);
    let state_note = match &paths.state {
        Some(place) if place.exists => "exists",
        Some(_) => "not created yet: tips motd --once-per-day creates it",
        None => "none: set HOME or XDG_STATE_HOME",
    };
    describe(&mut doc, "State", paths.state.as_ref(), state_note);
    doc
}

fn describe(doc: &mut Doc, label: &'static str, place: Option<&Place>, note: &'static str) {
    doc.push(Paragraph::new(vec![Span::new(label, Style::Heading)]));
    if let Some(place) = place {
        let from = place
            .from
            .map(|from| format!(" (from {})", from.describe()))
            .unwrap_or_default();
        doc.push(
            Paragraph::new(vec![
                Span::new(place.path.clone(), Style::Command),
                Span::plain(from),
            ])
            .indented(2),
        );
    }
    doc.push(Paragraph::new(vec![Span::new(note, Style::Faint)]).indented(2));
}
