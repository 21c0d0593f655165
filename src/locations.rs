//! Where `tips` looks for a playbook and keeps its state, by the XDG base
//! directory rules. The environment is passed in, so tests can set it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Reads one environment variable.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<OsString>;

/// How the playbook path was chosen, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--tips-file PATH`: must exist.
    Flag,
    /// `TIPS_FILE`: must exist.
    Environment,
    /// `$XDG_CONFIG_HOME/tips/tips.toml`: used only where it exists.
    Default,
}

/// In JSON, an origin reads as it does in text.
impl serde::Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.describe())
    }
}

impl Origin {
    pub fn describe(self) -> &'static str {
        match self {
            Origin::Flag => "--tips-file",
            Origin::Environment => "TIPS_FILE",
            Origin::Default => "default location",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaybookLocation {
    pub path: PathBuf,
    pub origin: Origin,
}

/// The playbook in force. `None` only where no path can be formed: no
/// flag, no TIPS_FILE, and neither XDG_CONFIG_HOME nor HOME is usable.
pub fn playbook(flag: Option<&Path>, env: Env) -> Option<PlaybookLocation> {
    if let Some(path) = flag {
        return Some(PlaybookLocation {
            path: path.to_path_buf(),
            origin: Origin::Flag,
        });
    }
    if let Some(path) = env("TIPS_FILE").filter(|value| !value.is_empty()) {
        return Some(PlaybookLocation {
            path: PathBuf::from(path),
            origin: Origin::Environment,
        });
    }
    base_dir(env, "XDG_CONFIG_HOME", ".config").map(|config| PlaybookLocation {
        path: config.join("tips").join("tips.toml"),
        origin: Origin::Default,
    })
}

/// The folder for the state that `tips motd --once-per-day` keeps.
pub fn state_dir(env: Env) -> Option<PathBuf> {
    base_dir(env, "XDG_STATE_HOME", ".local/state").map(|state| state.join("tips"))
}

/// `$VAR`, else `$HOME/fallback`. The XDG rules say a relative path is to
/// be ignored; a relative HOME is ignored too, since it would make the
/// files move with the working directory.
fn base_dir(env: Env, var: &str, fallback: &str) -> Option<PathBuf> {
    let absolute = |value: OsString| Some(PathBuf::from(value)).filter(|path| path.is_absolute());
    env(var).and_then(absolute).or_else(|| {
        env("HOME")
            .and_then(absolute)
            .map(|home| home.join(fallback))
    })
}

/// The process's own environment.
pub fn process_env(name: &str) -> Option<OsString> {
    std::env::var_os(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| OsString::from(value))
        }
    }

    #[test]
    fn the_flag_beats_tips_file_which_beats_the_default() {
        let env = env_of(&[("TIPS_FILE", "/team/env.toml"), ("HOME", "/home/ana")]);
        let flag = playbook(Some(Path::new("flag.toml")), &env).unwrap();
        assert_eq!(
            (flag.path.to_str().unwrap(), flag.origin),
            ("flag.toml", Origin::Flag)
        );
        let from_env = playbook(None, &env).unwrap();
        assert_eq!(
            (from_env.path.to_str().unwrap(), from_env.origin),
            ("/team/env.toml", Origin::Environment)
        );
        let default = playbook(None, &env_of(&[("HOME", "/home/ana")])).unwrap();
        assert_eq!(default.path, Path::new("/home/ana/.config/tips/tips.toml"));
        assert_eq!(default.origin, Origin::Default);
    }

    #[test]
    fn xdg_directories_win_over_home_unless_relative() {
        let env = env_of(&[
            ("XDG_CONFIG_HOME", "/xdg/config"),
            ("XDG_STATE_HOME", "relative/state"),
            ("HOME", "/home/ana"),
        ]);
        assert_eq!(
            playbook(None, &env).unwrap().path,
            Path::new("/xdg/config/tips/tips.toml")
        );
        assert_eq!(
            state_dir(&env).unwrap(),
            Path::new("/home/ana/.local/state/tips")
        );
    }

    #[test]
    fn without_home_there_is_no_default_location() {
        let env = env_of(&[("TIPS_FILE", "")]);
        assert_eq!(playbook(None, &env), None);
        assert_eq!(state_dir(&env), None);
        assert_eq!(state_dir(&env_of(&[("HOME", "")])), None);
    }
}
