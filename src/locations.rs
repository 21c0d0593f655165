//! Where `tips` looks for a playbook and keeps its state and journal, by
//! the XDG base directory rules. The environment is passed in, so tests
//! can set it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Reads one environment variable.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<OsString>;

/// How a playbook path was found, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--tips-file PATH`: must exist.
    Flag,
    /// `TIPS_FILE`: must exist.
    Environment,
    /// `$XDG_CONFIG_HOME/tips/tips.toml`: used where it exists.
    User,
    /// `tips/tips.toml` in a folder of `$XDG_CONFIG_DIRS`: used where it
    /// exists and no place before it does.
    System,
}

impl Origin {
    pub fn describe(self) -> &'static str {
        match self {
            Origin::Flag => "--tips-file",
            Origin::Environment => "TIPS_FILE",
            Origin::User => "user config",
            Origin::System => "system config",
        }
    }

    /// A path given by hand must exist; a conventional place is looked at
    /// and passed over where there is nothing.
    pub fn must_exist(self) -> bool {
        matches!(self, Origin::Flag | Origin::Environment)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaybookLocation {
    pub path: PathBuf,
    pub origin: Origin,
}

/// Every place a playbook may come from, in order of precedence: the
/// first that exists is in force, and a flag or TIPS_FILE, where given, is
/// in force whether it exists or not. The places after the first that must
/// exist are listed too, so that `tips paths` can show the whole order.
pub fn playbook_places(flag: Option<&Path>, env: Env) -> Vec<PlaybookLocation> {
    let mut places = Vec::with_capacity(4);
    let mut add = |path: PathBuf, origin| places.push(PlaybookLocation { path, origin });
    if let Some(path) = flag {
        add(path.to_path_buf(), Origin::Flag);
    }
    if let Some(path) = env("TIPS_FILE").filter(|value| !value.is_empty()) {
        add(PathBuf::from(path), Origin::Environment);
    }
    if let Some(config) = base_dir(env, "XDG_CONFIG_HOME", ".config") {
        add(config.join(PLAYBOOK), Origin::User);
    }
    for dir in system_config_dirs(env) {
        add(dir.join(PLAYBOOK), Origin::System);
    }
    places
}

/// Where a playbook sits inside a config folder.
const PLAYBOOK: &str = "tips/tips.toml";

/// `$XDG_CONFIG_DIRS`, a colon-separated list, most important first; unset
/// or empty means `/etc/xdg`. Relative entries are ignored, as the XDG
/// rules say.
fn system_config_dirs(env: Env) -> Vec<PathBuf> {
    let value = env("XDG_CONFIG_DIRS").filter(|value| !value.is_empty());
    let Some(value) = value else {
        return vec![PathBuf::from("/etc/xdg")];
    };
    std::env::split_paths(&value)
        .filter(|dir| dir.is_absolute())
        .collect()
}

/// The folder for the state that `tips motd --once-per-day` keeps.
pub fn state_dir(env: Env) -> Option<PathBuf> {
    base_dir(env, "XDG_STATE_HOME", ".local/state").map(|state| state.join("tips"))
}

/// The folder of the journal: `$XDG_DATA_HOME/tips/journal`, else
/// `~/.local/share/tips/journal`. Data, not state: it is what the user
/// wrote, and worth a backup.
pub fn journal_dir(env: Env) -> Option<PathBuf> {
    base_dir(env, "XDG_DATA_HOME", ".local/share").map(|data| data.join("tips/journal"))
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

    fn places(flag: Option<&str>, env: &dyn Fn(&str) -> Option<OsString>) -> Vec<(String, Origin)> {
        playbook_places(flag.map(Path::new), env)
            .into_iter()
            .map(|place| (place.path.display().to_string(), place.origin))
            .collect()
    }

    fn owned(pairs: &[(&str, Origin)]) -> Vec<(String, Origin)> {
        pairs
            .iter()
            .map(|(path, origin)| (path.to_string(), *origin))
            .collect()
    }

    #[test]
    fn the_flag_then_tips_file_then_the_user_then_the_system_folders() {
        let env = env_of(&[
            ("TIPS_FILE", "/team/env.toml"),
            ("HOME", "/home/ana"),
            ("XDG_CONFIG_DIRS", "/etc/sales:relative:/etc/xdg"),
        ]);
        assert_eq!(
            places(Some("flag.toml"), &env),
            owned(&[
                ("flag.toml", Origin::Flag),
                ("/team/env.toml", Origin::Environment),
                ("/home/ana/.config/tips/tips.toml", Origin::User),
                ("/etc/sales/tips/tips.toml", Origin::System),
                ("/etc/xdg/tips/tips.toml", Origin::System),
            ])
        );
    }

    #[test]
    fn the_system_folder_is_etc_xdg_unless_xdg_config_dirs_says_otherwise() {
        let env = env_of(&[("HOME", "/home/ana"), ("XDG_CONFIG_DIRS", "")]);
        assert_eq!(
            places(None, &env),
            owned(&[
                ("/home/ana/.config/tips/tips.toml", Origin::User),
                ("/etc/xdg/tips/tips.toml", Origin::System),
            ])
        );
    }

    #[test]
    fn xdg_directories_win_over_home_unless_relative() {
        let env = env_of(&[
            ("XDG_CONFIG_HOME", "/xdg/config"),
            ("XDG_STATE_HOME", "relative/state"),
            ("HOME", "/home/ana"),
        ]);
        assert_eq!(places(None, &env)[0].0, "/xdg/config/tips/tips.toml");
        assert_eq!(
            state_dir(&env).unwrap(),
            Path::new("/home/ana/.local/state/tips")
        );
    }

    #[test]
    fn without_home_only_the_system_folders_remain() {
        let env = env_of(&[("TIPS_FILE", "")]);
        assert_eq!(
            places(None, &env),
            owned(&[("/etc/xdg/tips/tips.toml", Origin::System)])
        );
        assert_eq!(state_dir(&env), None);
        assert_eq!(state_dir(&env_of(&[("HOME", "")])), None);
        assert_eq!(journal_dir(&env), None);
    }

    #[test]
    fn the_journal_lives_under_xdg_data_home_else_local_share() {
        let home_only = env_of(&[("HOME", "/home/ana")]);
        assert_eq!(
            journal_dir(&home_only).unwrap(),
            Path::new("/home/ana/.local/share/tips/journal")
        );
        let with_data = env_of(&[("HOME", "/home/ana"), ("XDG_DATA_HOME", "/data")]);
        assert_eq!(
            journal_dir(&with_data).unwrap(),
            Path::new("/data/tips/journal")
        );
        let relative = env_of(&[("HOME", "/home/ana"), ("XDG_DATA_HOME", "data")]);
        assert_eq!(
            journal_dir(&relative).unwrap(),
            Path::new("/home/ana/.local/share/tips/journal")
        );
    }
}
