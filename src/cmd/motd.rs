//! `tips motd`: the login tip, and the one home of the rule that a login
//! never fails. Whatever goes wrong at run time, the user sees what can be
//! shown, at most one line on stderr, and exit 0.

use chrono::NaiveDate;
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use super::{Run, Session};
use crate::cli::MotdArgs;
use crate::error::{self, Error};
use crate::output::Output;
use crate::schedule::{self, Countdown};
use crate::signals;
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
        let mut claim = None;
        if self.once_per_day {
            // A signal between the claim and its handler waits for the
            // handler, so that none can use up the day.
            let _deferred = signals::defer_ending_signals();
            match claim_the_day(state_dir.as_deref(), today) {
                Ok(Some(won)) => claim = hold_until_shown(won),
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
            if let Some(claim) = claim {
                claim.give_back();
            }
            return Err(error.into());
        }
        if let Some(claim) = claim {
            claim.keep();
        }
        Ok(())
    }
}

/// The day's claim while its tip is on the way to the terminal: there is
/// at most one in a run, and the signal handler finds it here.
static HELD: OnceLock<Claim> = OnceLock::new();

/// What becomes of [`HELD`]: still at stake, or settled (kept, or given
/// back) by the run or by a signal, whichever comes first.
static AT_STAKE: AtomicU8 = AtomicU8::new(NOTHING);
const NOTHING: u8 = 0;
const HELD_UNTIL_SHOWN: u8 = 1;
const GIVING_BACK: u8 = 2;
const SETTLED: u8 = 3;

/// The claim, held where a signal can give it back: SIGHUP (the terminal
/// closed), SIGINT (Ctrl-C) or SIGTERM would otherwise end `tips` with the
/// day used and the tip unseen.
fn hold_until_shown(claim: Claim) -> Option<HeldClaim> {
    // A run claims one day at most, so the place is free.
    HELD.set(claim).ok()?;
    AT_STAKE.store(HELD_UNTIL_SHOWN, Ordering::SeqCst);
    give_back_on_signals();
    Some(HeldClaim)
}

/// The run's side of [`HELD`].
struct HeldClaim;

impl HeldClaim {
    /// The tip was shown: the day stays used.
    fn keep(&self) {
        let _ = AT_STAKE.compare_exchange(
            HELD_UNTIL_SHOWN,
            SETTLED,
            Ordering::SeqCst,
            Ordering::SeqCst,
        );
    }

    fn give_back(&self) {
        let at_stake = AT_STAKE.compare_exchange(
            HELD_UNTIL_SHOWN,
            GIVING_BACK,
            Ordering::SeqCst,
            Ordering::SeqCst,
        );
        if at_stake.is_ok() {
            if let Some(claim) = HELD.get() {
                claim.give_back();
            }
            AT_STAKE.store(SETTLED, Ordering::SeqCst);
        }
    }
}

/// Runs in the signal handler: gives the day back unless the tip was
/// shown (and again, harmlessly, if the run was giving it back when the
/// signal came), then ends `tips` as the signal would have. Only atomics
/// and the claim's own system calls, which allocate nothing.
extern "C" fn give_back_then_end(signal: libc::c_int) {
    if AT_STAKE.load(Ordering::SeqCst) != SETTLED {
        if let Some(claim) = HELD.get() {
            claim.give_back();
        }
        AT_STAKE.store(SETTLED, Ordering::SeqCst);
    }
    signals::end_as(signal);
}

/// Installs [`give_back_then_end`] for the signals that end a run.
fn give_back_on_signals() {
    signals::undo_on_ending_signals(give_back_then_end);
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

const NO_STATE_DIR: &str =
    "cannot record today's tip: set HOME to a folder that is there, or XDG_STATE_HOME to an absolute path";

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
    state::claim_today(dir, today).map_err(|error| {
        // Said as what stands in the way, where something does: a link to
        // a drive not mounted is no "file exists".
        match crate::files::in_the_way_of(dir) {
            Some(in_the_way) => {
                format!(
                    "cannot record today's tip in {}: {in_the_way}",
                    dir.display()
                )
            }
            None => format!("cannot record today's tip in {}: {error}", dir.display()),
        }
    })
}

/// A later call of the day prints nothing, except under `--json`, where a
/// script gets a value that says so.
fn not_shown(session: &Session, out: &mut Output, today: NaiveDate) -> Result<(), Error> {
    if session.json() {
        out.json(&MotdJson::not_shown(today))?;
    }
    Ok(())
}
