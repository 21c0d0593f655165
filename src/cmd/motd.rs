//! `tips motd`: the login tip, and the one home of the rule that a login
//! never fails. Whatever goes wrong at run time, the user sees what can be
//! shown, at most one line on stderr, and exit 0.

use chrono::NaiveDate;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use super::{Run, Session};
use crate::cli::MotdArgs;
use crate::error::{self, Error};
use crate::output::Output;
use crate::schedule::{self, Countdown};
use crate::state::{self, Claim};
use crate::tip::TipSet;
use crate::view::json::{CountdownJson, MotdJson};
use crate::view::pages;

impl Run for MotdArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        let mut problem = FirstProblem::default();
        if let Err(error) = self.show(session, out, &mut problem) {
            if let Some(message) = error.message() {
                problem.note(message);
            }
            out.discard_unwritten();
        }
        problem.warn();
        Ok(())
    }
}

impl MotdArgs {
    /// In order: the state (so that the quiet call of the day reads no
    /// playbook), the tip, the claim on the day, the page.
    fn show(
        &self,
        session: &Session,
        out: &mut Output,
        problem: &mut FirstProblem,
    ) -> Result<(), Error> {
        let today = session.today();
        let state_dir = session.state_dir();
        if self.once_per_day {
            match already_shown(state_dir.as_deref(), today) {
                Ok(true) => return not_shown(session, out, today),
                Ok(false) => {}
                Err(why) => problem.note(why),
            }
        }

        // A broken playbook must not cost the login its tip.
        let tips = session.tips().unwrap_or_else(|error| {
            if let Some(message) = error.message() {
                problem.note(format!("{message}; showing a built-in tip"));
            }
            TipSet::builtin()
        });
        let tip = schedule::tip_for(today, &tips);
        let prompt = &tip.prompts[schedule::daily_choice(today, tip.prompts.len())];
        let countdown = Countdown::on(today);

        // The tip is ready: only now is the day claimed, so that nothing
        // that stops `tips` before this point can cost the day its tip.
        // From the claim until the tip is written, a signal that ends
        // `tips` gives the day back first.
        let claim = HeldClaim::default();
        if self.once_per_day {
            let mut slot = claim.watch_signals();
            match claim_the_day(state_dir.as_deref(), today) {
                Ok(Some(won)) => *slot = Some(won),
                Ok(None) => return not_shown(session, out, today),
                Err(why) => problem.note(why),
            }
        }
        // Only now, when the tip will be shown: the quiet later calls of
        // the day never look at the journal.
        let last_time = session.last_time(tip);

        let shown = if session.json() {
            out.json(&MotdJson::shown(
                tip,
                prompt,
                CountdownJson::new(&countdown, schedule::running_tip(today, &tips)),
                last_time.as_ref(),
            ))
        } else {
            out.page(&pages::motd(tip, prompt, &countdown, last_time.as_ref()))
        }
        .and_then(|()| out.flush());
        if let Err(error) = shown {
            // Not shown after all: a later shell today gets the tip.
            claim.give_back();
            return Err(error.into());
        }
        claim.keep();
        Ok(())
    }
}

/// The day's claim, while its tip is on the way to the terminal. A signal
/// in that time (Ctrl-C, the terminal closed, a kill) would end `tips`
/// with the day used and the tip unseen: a thread waits for those signals
/// and gives the day back before `tips` ends as the signal says. The claim
/// is in a mutex so that exactly one of the two, the thread or the run
/// that wrote the tip, decides what becomes of it.
#[derive(Default)]
struct HeldClaim(Arc<Mutex<Option<Claim>>>);

impl HeldClaim {
    /// Starts watching for the signals, and gives the slot for the claim,
    /// locked: a signal that comes while the day is being claimed waits
    /// for the claim, and then gives it back. Where the watch cannot be
    /// set up (no thread can start), the tip is still shown, unguarded.
    fn watch_signals(&self) -> std::sync::MutexGuard<'_, Option<Claim>> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGINT, SIGTERM]) {
            let slot = Arc::clone(&self.0);
            let _ = std::thread::Builder::new().spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    if let Some(claim) = slot.lock().unwrap_or_else(PoisonError::into_inner).take()
                    {
                        claim.give_back();
                    }
                    // Ends as the signal would have (its exit status says
                    // so to the shell); exit 128+N should that fail.
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
        }
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn take(&self) -> Option<Claim> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// The tip was shown: the day stays used.
    fn keep(self) {
        self.take();
    }

    fn give_back(self) {
        if let Some(claim) = self.take() {
            claim.give_back();
        }
    }
}

/// The one line a login may show on stderr: the first thing that went
/// wrong. Later problems (a full disk after a broken playbook) are
/// consequences or noise, and a login screen is no place for a list.
#[derive(Default)]
struct FirstProblem(Option<String>);

impl FirstProblem {
    fn note(&mut self, message: String) {
        self.0.get_or_insert(message);
    }

    fn warn(self) {
        if let Some(message) = self.0 {
            error::warn(&message);
        }
    }
}

const NO_STATE_DIR: &str = "cannot record today's tip: neither XDG_STATE_HOME nor HOME is set";

/// Whether today's tip already went out. `Err`: the state cannot be read,
/// so the tip is shown, with a note.
fn already_shown(dir: Option<&Path>, today: NaiveDate) -> Result<bool, String> {
    let dir = dir.ok_or_else(|| NO_STATE_DIR.to_string())?;
    state::already_shown(dir, today).map_err(|error| error.to_string())
}

/// `Ok(None)`: the tip was already shown today. `Err`: the day cannot be
/// recorded, so the tip is shown anyway, with a note.
fn claim_the_day(dir: Option<&Path>, today: NaiveDate) -> Result<Option<Claim>, String> {
    let dir = dir.ok_or_else(|| NO_STATE_DIR.to_string())?;
    state::claim_today(dir, today)
        .map_err(|error| format!("cannot record today's tip in {}: {error}", dir.display()))
}

/// A later call of the day prints nothing, except under `--json`, where a
/// script gets a value that says so.
fn not_shown(session: &Session, out: &mut Output, today: NaiveDate) -> Result<(), Error> {
    if session.json() {
        out.json(&MotdJson::not_shown(today))?;
    }
    Ok(())
}
