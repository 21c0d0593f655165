//! `tips motd`: the login tip. Whatever goes wrong at run time, it shows
//! what it can and leaves at most one line on stderr; `app` turns any
//! error that still escapes into exit 0.

use serde::Serialize;

use super::countdown::CountdownJson;
use crate::app::Session;
use crate::cli::MotdArgs;
use crate::error::{self, Error};
use crate::locations;
use crate::output::Output;
use crate::schedule::{self, Countdown, Season};
use crate::state;
use crate::tip::{Text, Tip, TipSet};
use crate::{calendar, view::pages};

pub fn run(session: &Session, out: &mut Output, args: &MotdArgs) -> Result<(), Error> {
    let today = session.today();
    let mut problem: Option<String> = None;

    if args.once_per_day {
        match locations::state_dir(&locations::process_env) {
            Some(dir) => match state::first_showing_today(&dir, today) {
                Ok(true) => {}
                Ok(false) => return Ok(()),
                Err(error) => {
                    problem = Some(format!(
                        "cannot record today's tip in {}: {error}",
                        dir.display()
                    ));
                }
            },
            None => {
                problem = Some(
                    "cannot record today's tip: neither XDG_STATE_HOME nor HOME is set".to_string(),
                )
            }
        }
    }

    // A broken playbook must not cost the login its tip.
    let tips = session.tips().unwrap_or_else(|error| {
        problem.get_or_insert_with(|| {
            format!(
                "{}; showing a built-in tip",
                error.message().unwrap_or_default()
            )
        });
        TipSet::builtin()
    });
    if let Some(problem) = problem {
        error::warn(&problem);
    }

    let tip = schedule::tip_for(today, &tips);
    let prompt = &tip.prompts[schedule::daily_choice(today, tip.prompts.len())];
    let countdown = Countdown::from(today);
    if session.json {
        out.json(&MotdJson {
            date: calendar::iso(today),
            tip,
            prompt,
            countdown: CountdownJson::new(&countdown, running_slug(&countdown, &tips)),
        })?;
    } else {
        out.page(&pages::motd(tip, prompt, &countdown))?;
    }
    Ok(())
}

fn running_slug<'a>(countdown: &Countdown, tips: &'a TipSet) -> Option<&'a str> {
    match countdown.season {
        Season::Running { tip_number } => tips.by_number(tip_number).map(|tip| tip.slug.as_ref()),
        _ => None,
    }
}

#[derive(Serialize)]
struct MotdJson<'a> {
    date: String,
    tip: &'a Tip,
    prompt: &'a Text,
    countdown: CountdownJson<'a>,
}
