//! One way to run the built `tips` in tests: a cleared environment, a
//! temporary HOME, and colour off unless a test asks for it.

#![allow(dead_code)] // each test file uses its own part of this helper

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A day outside the season, so that the rotation decides.
pub const PLAIN_DAY: &str = "2026-11-26";

pub struct TestEnv {
    pub home: TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            home: tempfile::tempdir().expect("a temporary HOME"),
        }
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub fn state_dir(&self) -> PathBuf {
        self.home().join(".local/state/tips")
    }

    /// `tips` with only HOME and PATH set.
    pub fn bare(&self) -> Command {
        let mut command = Command::cargo_bin("tips").expect("the tips binary is built");
        command
            .env_clear()
            .env("HOME", self.home())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
        command
    }

    /// `tips --color never` with the given arguments.
    pub fn tips(&self, args: &[&str]) -> Command {
        let mut command = self.bare();
        command.arg("--color").arg("never").args(args);
        command
    }

    /// The same as [`TestEnv::tips`], as a plain std command, for tests
    /// that wire stdout to a pipe or a device themselves.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tips"));
        command
            .env_clear()
            .env("HOME", self.home())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .arg("--color")
            .arg("never")
            .args(args);
        command
    }

    /// Writes a playbook into the temporary HOME and gives its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.home().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }
}

pub fn stdout_of(command: &mut Command) -> String {
    let output = command.output().expect("tips runs");
    assert!(
        output.status.success(),
        "tips failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

pub fn json_of(command: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(command)).expect("valid JSON")
}

pub fn has_program(name: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|output| output.status.success())
}
