//! Everything `tips` learns about its terminal, decided once at start-up:
//! whether to colour, and how wide to wrap.

use std::io::IsTerminal;

/// `--color`: the flag wins over the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal, unless NO_COLOR or TERM=dumb says no.
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
/// Narrower than this, words would be broken into pieces.
const MIN_WIDTH: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    pub color: bool,
    pub width: usize,
}

impl Terminal {
    /// Reads the environment through `var`, so that tests can supply one.
    pub fn detect(choice: ColorChoice, var: impl Fn(&str) -> Option<String>) -> Terminal {
        let stdout = std::io::stdout();
        let is_terminal = stdout.is_terminal();
        let set = |name: &str| var(name).is_some_and(|value| !value.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("CLICOLOR_FORCE") => true,
            ColorChoice::Auto if set("NO_COLOR") => false,
            ColorChoice::Auto if var("TERM").as_deref() == Some("dumb") => false,
            ColorChoice::Auto => is_terminal,
        };
        // COLUMNS, where set, is what the user or shell says the width is;
        // otherwise ask the terminal itself.
        let columns = var("COLUMNS")
            .and_then(|value| value.trim().parse::<usize>().ok())
            .filter(|&columns| columns > 0)
            .or_else(|| {
                is_terminal
                    .then(|| terminal_size::terminal_size_of(&stdout))
                    .flatten()
                    .map(|(terminal_size::Width(columns), _)| usize::from(columns))
                    .filter(|&columns| columns > 0)
            })
            .unwrap_or(DEFAULT_WIDTH);
        Terminal {
            color,
            width: columns.clamp(MIN_WIDTH, MAX_WIDTH),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(choice: ColorChoice, vars: &[(&str, &str)]) -> Terminal {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Terminal::detect(choice, |name| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn the_flag_beats_the_environment() {
        assert!(detect(ColorChoice::Always, &[("NO_COLOR", "1"), ("TERM", "dumb")]).color);
        assert!(!detect(ColorChoice::Never, &[("CLICOLOR_FORCE", "1")]).color);
    }

    #[test]
    fn under_auto_clicolor_force_beats_no_color() {
        assert!(
            detect(
                ColorChoice::Auto,
                &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
            )
            .color
        );
        assert!(!detect(ColorChoice::Auto, &[("NO_COLOR", "1")]).color);
        assert!(!detect(ColorChoice::Auto, &[("TERM", "dumb")]).color);
        // An empty value counts as unset.
        assert!(
            detect(
                ColorChoice::Auto,
                &[("CLICOLOR_FORCE", ""), ("NO_COLOR", "")]
            )
            .color
                == std::io::stdout().is_terminal()
        );
    }

    #[test]
    fn columns_sets_the_width_within_readable_bounds() {
        assert_eq!(detect(ColorChoice::Never, &[("COLUMNS", "20")]).width, 20);
        assert_eq!(
            detect(ColorChoice::Never, &[("COLUMNS", "300")]).width,
            MAX_WIDTH
        );
        assert_eq!(
            detect(ColorChoice::Never, &[("COLUMNS", "3")]).width,
            MIN_WIDTH
        );
        assert_eq!(
            detect(ColorChoice::Never, &[("COLUMNS", "wide")]).width,
            DEFAULT_WIDTH.min(detect(ColorChoice::Never, &[]).width)
        );
    }
}
