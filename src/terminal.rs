//! Everything `tips` learns about its terminal, decided once at start-up:
//! whether to colour, and how wide to wrap.
//!
//! [`Terminal::decide`] is the whole rule, a pure function of what it is
//! given; [`Terminal::detect`] only gathers those facts from the process.

use std::io::IsTerminal;

/// `--color`: the flag wins over the environment.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    /// Colour on a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb says no;
    /// CLICOLOR_FORCE (not 0) colours pipes and files too
    Auto,
    /// Colour always, also into pipes and files
    Always,
    /// Never colour
    Never,
}

/// Lines wrap to the terminal, but prose wider than this is hard to read.
const MAX_WIDTH: usize = 100;
/// Used when stdout is not a terminal (a pipe, a file).
const DEFAULT_WIDTH: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    pub color: bool,
    pub width: usize,
}

/// What the process knows about stdout, gathered by [`Terminal::detect`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stdout {
    pub is_terminal: bool,
    /// The terminal's own idea of its width, where it has one.
    pub columns: Option<usize>,
}

impl Terminal {
    /// Asks the process: its environment, and whether stdout is a terminal
    /// and how wide. The terminal is asked its width only when COLUMNS
    /// does not say.
    pub fn detect(choice: ColorChoice) -> Terminal {
        let var = |name: &str| std::env::var(name).ok();
        let stdout = std::io::stdout();
        let is_terminal = stdout.is_terminal();
        let columns = if is_terminal && columns_from(&var).is_none() {
            // The columns alone: a terminal that reports no rows (a serial
            // console, `script` before its window is sized) still knows how
            // wide it is.
            rustix::termios::tcgetwinsize(&stdout)
                .ok()
                .map(|size| usize::from(size.ws_col))
                .filter(|&columns| columns > 0)
        } else {
            None
        };
        Terminal::decide(
            choice,
            var,
            Stdout {
                is_terminal,
                columns,
            },
        )
    }

    /// The rule. Colour, under `auto`, follows the conventions other tools
    /// keep (NO_COLOR and the CLICOLOR pair), strongest first:
    /// - `CLICOLOR_FORCE` set, not empty and not `0`: colour, even into a pipe;
    /// - `NO_COLOR` set and not empty: no colour;
    /// - `CLICOLOR=0`, or `TERM=dumb`: no colour;
    /// - otherwise colour exactly when stdout is a terminal.
    ///
    /// The width is COLUMNS where it is a positive number, else the
    /// terminal's, else 80, and at most 100 columns. However narrow, it is
    /// kept: a line wider than the terminal would take two rows or more.
    pub fn decide(
        choice: ColorChoice,
        var: impl Fn(&str) -> Option<String>,
        stdout: Stdout,
    ) -> Terminal {
        // An empty variable counts as unset, as NO_COLOR's own rule says.
        let set_and_not = |name: &str, off: &str| {
            var(name).is_some_and(|value| !value.is_empty() && value != off)
        };
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set_and_not("CLICOLOR_FORCE", "0") => true,
            ColorChoice::Auto if set_and_not("NO_COLOR", "") => false,
            ColorChoice::Auto if var("CLICOLOR").as_deref() == Some("0") => false,
            ColorChoice::Auto if var("TERM").as_deref() == Some("dumb") => false,
            ColorChoice::Auto => stdout.is_terminal,
        };
        let columns = columns_from(&var)
            .or(stdout.columns.filter(|&columns| columns > 0))
            .unwrap_or(DEFAULT_WIDTH);
        Terminal {
            color,
            width: columns.min(MAX_WIDTH),
        }
    }
}

/// COLUMNS, where set, is what the user or shell says the width is.
fn columns_from(var: &impl Fn(&str) -> Option<String>) -> Option<usize> {
    var("COLUMNS")
        .and_then(|value| value.trim().parse::<usize>().ok())
        .filter(|&columns| columns > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIPE: Stdout = Stdout {
        is_terminal: false,
        columns: None,
    };
    const TERMINAL: Stdout = Stdout {
        is_terminal: true,
        columns: Some(120),
    };

    fn decide(choice: ColorChoice, vars: &[(&str, &str)], stdout: Stdout) -> Terminal {
        Terminal::decide(
            choice,
            |name| {
                vars.iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_string())
            },
            stdout,
        )
    }

    fn auto_color(vars: &[(&str, &str)], stdout: Stdout) -> bool {
        decide(ColorChoice::Auto, vars, stdout).color
    }

    #[test]
    fn the_flag_beats_the_environment() {
        assert!(
            decide(
                ColorChoice::Always,
                &[("NO_COLOR", "1"), ("TERM", "dumb")],
                PIPE
            )
            .color
        );
        assert!(!decide(ColorChoice::Never, &[("CLICOLOR_FORCE", "1")], TERMINAL).color);
    }

    #[test]
    fn auto_colours_a_terminal_and_not_a_pipe() {
        assert!(auto_color(&[], TERMINAL));
        assert!(!auto_color(&[], PIPE));
    }

    #[test]
    fn clicolor_0_turns_colour_off_on_a_terminal() {
        assert!(!auto_color(&[("CLICOLOR", "0")], TERMINAL));
        assert!(auto_color(&[("CLICOLOR", "1")], TERMINAL));
        assert!(!auto_color(&[("CLICOLOR", "1")], PIPE));
    }

    #[test]
    fn clicolor_force_forces_colour_unless_it_is_0() {
        assert!(auto_color(&[("CLICOLOR_FORCE", "1")], PIPE));
        assert!(auto_color(
            &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
            PIPE
        ));
        assert!(auto_color(
            &[("CLICOLOR_FORCE", "1"), ("CLICOLOR", "0")],
            PIPE
        ));
        assert!(!auto_color(&[("CLICOLOR_FORCE", "0")], PIPE));
        assert!(auto_color(&[("CLICOLOR_FORCE", "0")], TERMINAL));
        assert!(!auto_color(&[("CLICOLOR_FORCE", "")], PIPE));
    }

    #[test]
    fn no_color_and_term_dumb_turn_colour_off_and_empty_no_color_does_not() {
        assert!(!auto_color(&[("NO_COLOR", "1")], TERMINAL));
        assert!(!auto_color(&[("TERM", "dumb")], TERMINAL));
        assert!(auto_color(&[("NO_COLOR", "")], TERMINAL));
    }

    #[test]
    fn columns_beats_the_terminal_and_stays_within_readable_bounds() {
        let width = |vars: &[(&str, &str)], stdout| decide(ColorChoice::Never, vars, stdout).width;
        assert_eq!(width(&[("COLUMNS", "20")], TERMINAL), 20);
        assert_eq!(width(&[("COLUMNS", "300")], PIPE), MAX_WIDTH);
        assert_eq!(width(&[("COLUMNS", "3")], PIPE), 3);
        assert_eq!(width(&[("COLUMNS", "1")], PIPE), 1);
        assert_eq!(width(&[("COLUMNS", "wide")], PIPE), DEFAULT_WIDTH);
        assert_eq!(width(&[("COLUMNS", "0")], PIPE), DEFAULT_WIDTH);
        assert_eq!(width(&[], TERMINAL), MAX_WIDTH);
        let narrow = Stdout {
            is_terminal: true,
            columns: Some(60),
        };
        assert_eq!(width(&[], narrow), 60);
    }
}
