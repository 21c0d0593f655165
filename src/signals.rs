//! Putting things right when `tips` is told to stop: SIGHUP (the terminal
//! closed), SIGINT (Ctrl-C), SIGQUIT (Ctrl-\) and SIGTERM (a timer's stop,
//! `kill`) end a run at any point, and two commands have something to undo
//! first (the login gives back a day it claimed; the site removes a
//! half-written file).

/// The signals that end a run and can be caught.
const ENDING: [libc::c_int; 4] = [libc::SIGHUP, libc::SIGINT, libc::SIGQUIT, libc::SIGTERM];

/// A function that runs in a signal handler: it may only touch atomics and
/// make system calls that allocate nothing.
pub type Undo = extern "C" fn(libc::c_int);

/// Installs `undo` for SIGHUP, SIGINT, SIGQUIT and SIGTERM, once for the
/// run, with the default action put back as it starts (so that `undo` ends
/// with [`end_as`]); a signal that was ignored when `tips` started
/// (`nohup`, a background job) stays ignored.
pub fn undo_on_ending_signals(undo: Undo) {
    for signal in ENDING {
        // SAFETY: sigaction only reads the action it is given and fills
        // in the old one; a zeroed sigaction is a valid value (an empty
        // mask, no flags). The handlers given here touch only atomics and
        // make system calls through rustix without allocating. What it
        // buys: neither std nor rustix installs a handler safely (rustix
        // only through its unsafe, experimental `runtime`), and signal-hook
        // answers a signal on a thread of its own, whose thread, socket
        // pair and signal masks bind 17 more C library symbols when every
        // `tips` starts: about 10,500 instructions on every command,
        // measured, which the login forms' budget cannot spare. sigaction
        // is bound already (the standard library uses it), so this costs
        // a start nothing.
        unsafe {
            let mut previous: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(signal, std::ptr::null(), &mut previous) != 0
                || previous.sa_sigaction == libc::SIG_IGN
            {
                continue;
            }
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = undo as usize;
            action.sa_flags = libc::SA_RESETHAND;
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

/// Ends `tips` as `signal` would have, once the handler has undone what
/// it had to: SA_RESETHAND has put the default action back, and the
/// signal is blocked while its handler runs, so sent again it ends `tips`
/// (with the exit status that names it) as soon as the handler returns.
pub fn end_as(signal: libc::c_int) {
    if let Some(signal) = rustix::process::Signal::from_named_raw(signal) {
        let _ = rustix::process::kill_process(rustix::process::getpid(), signal);
    }
}

/// The signals that end a run, held back from [`defer_ending_signals`]
/// until its guard is dropped: one that arrives meanwhile is delivered
/// then, once there is a handler that can undo what it must.
pub struct Deferred {
    previous: libc::sigset_t,
}

/// Holds back SIGHUP, SIGINT, SIGQUIT and SIGTERM until the guard is
/// dropped: for the few steps between making something that a signal must
/// undo (the login's claim on the day) and installing what undoes it.
pub fn defer_ending_signals() -> Deferred {
    // SAFETY: the sets are plain data, filled by sigemptyset and sigaddset
    // before use, and pthread_sigmask only reads the one and fills the
    // other. What it buys: without it, a signal in the microseconds
    // between the claim and its handler ends `tips` with the day used and
    // the tip unseen, and neither std nor rustix masks signals safely.
    // std's own process spawning binds these functions already, so they
    // cost a start nothing.
    unsafe {
        let mut ending: libc::sigset_t = std::mem::zeroed();
        let mut previous: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut ending);
        for signal in ENDING {
            libc::sigaddset(&mut ending, signal);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &ending, &mut previous);
        Deferred { previous }
    }
}

impl Drop for Deferred {
    fn drop(&mut self) {
        // SAFETY: `previous` is the mask pthread_sigmask gave back above.
        unsafe {
            libc::pthread_sigmask(libc::SIG_SETMASK, &self.previous, std::ptr::null_mut());
        }
    }
}
