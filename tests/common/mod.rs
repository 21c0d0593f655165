//! One way to run the built `tips` in tests: a cleared environment, a
//! temporary HOME, and colour off unless a test asks for it; and the few
//! ways of running it that several test files share (a pseudo-terminal, a
//! closed pipe, a full disk, a tool that must be installed).

#![allow(dead_code)] // each test file uses its own part of this helper

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tempfile::TempDir;

/// A day outside the season, so that the rotation decides.
pub const PLAIN_DAY: &str = "2026-11-26";

/// A team's tip to add to the built-in ten: tip 11, `follow-up`.
pub const TEAM_TIP: &str = r#"
[[tip]]
number = 11
slug = "follow-up"
title = "Follow Up Fast"
tagline = "A second date needs a phone call."
body = "Send the meeting notes the same day. Name the next step and its owner."
prompts = ["What did I promise?", "Who needs the notes?", "What is the next step?"]
action = "Send today's notes before you leave."
"#;

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

    /// `tips` with only HOME and PATH set: the one environment every test
    /// starts from. `XDG_CONFIG_DIRS` points into the temporary HOME, so
    /// that a playbook in the machine's /etc/xdg cannot reach a test.
    pub fn std_command(&self) -> Command {
        let mut command = Command::new(tips_binary());
        command
            .env_clear()
            .env("HOME", self.home())
            .env("XDG_CONFIG_DIRS", self.home().join("etc/xdg"))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .stdin(Stdio::null());
        command
    }

    /// A judge's process (a parser, a validator, a browser): a cleared
    /// environment with the test's own HOME, so that nothing it does
    /// reaches the real one, and the system's own programs on its PATH.
    pub fn judge(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .env_clear()
            .env("HOME", self.home())
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            // Nothing written beside the parsers' own files either.
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::null());
        command
    }

    /// `tips --color never ARGS` under libfaketime's clock (`faketime`
    /// with `clock`, its own arguments), in the zone `tz`.
    pub fn at_clock(&self, clock: &[&str], tz: &str, args: &[&str]) -> Output {
        let faketime = installed("faketime").expect("require(\"faketime\") was asked first");
        Command::new(faketime)
            .args(clock)
            .arg(tips_binary())
            .args(["--color", "never"])
            .args(args)
            .env_clear()
            .env("HOME", self.home())
            .env("XDG_CONFIG_DIRS", self.home().join("etc/xdg"))
            .env("TZ", tz)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// [`TestEnv::std_command`], for assertions.
    pub fn bare(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.std_command())
    }

    /// `tips --color never` with the given arguments.
    pub fn tips(&self, args: &[&str]) -> assert_cmd::Command {
        let mut command = self.bare();
        command.arg("--color").arg("never").args(args);
        command
    }

    /// Writes a file into the temporary HOME and gives its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.home().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// `tips --color never ARGS` writing into a pipe whose reader is gone
    /// before the first byte, as in `tips list | head -0`.
    pub fn writing_to_closed_pipe(&self, args: &[&str]) -> Output {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        self.run_with_stdout(args, Stdio::from(writer))
    }

    /// `tips --color never ARGS` writing to `/dev/full`, a disk that is
    /// always full.
    pub fn writing_to_full_disk(&self, args: &[&str]) -> Output {
        let full = std::fs::File::create("/dev/full").unwrap();
        self.run_with_stdout(args, Stdio::from(full))
    }

    fn run_with_stdout(&self, args: &[&str], stdout: Stdio) -> Output {
        self.process(args).stdout(stdout).output().unwrap()
    }

    /// `tips --color never ARGS` as a plain std command, for tests that
    /// spawn it themselves.
    pub fn process(&self, args: &[&str]) -> Command {
        let mut command = self.std_command();
        command.args(["--color", "never"]).args(args);
        command
    }

    /// Runs a shell command line on a pseudo-terminal (util-linux
    /// `script`), as a terminal emulator would: the private HOME, TERM=xterm
    /// unless `vars` says otherwise, and a PATH that holds `tips` and `stty`
    /// only, so that no other `tips` on the machine can answer. Gives what
    /// the terminal showed, without carriage returns.
    pub fn on_terminal(&self, command_line: &str, vars: &[(&str, &str)]) -> String {
        let bin = self.home().join("on-terminal-bin");
        if !bin.exists() {
            std::fs::create_dir_all(&bin).unwrap();
            std::os::unix::fs::symlink(tips_binary(), bin.join("tips")).unwrap();
            if let Some(stty) = installed("stty") {
                std::os::unix::fs::symlink(stty, bin.join("stty")).unwrap();
            }
        }
        let mut command = Command::new(installed("script").expect("script is installed"));
        command
            .args(["-qec", command_line, "/dev/null"])
            .env_clear()
            .env("HOME", self.home())
            .env("XDG_CONFIG_DIRS", self.home().join("etc/xdg"))
            .env("PATH", &bin)
            .env("SHELL", "/bin/sh")
            .env("TERM", "xterm")
            .stdin(Stdio::null());
        for (name, value) in vars {
            command.env(name, value);
        }
        let output = command.output().expect("script runs");
        String::from_utf8_lossy(&output.stdout).replace('\r', "")
    }
}

/// A tool's path on the machine running the tests, found on the test's own
/// PATH (the processes a test starts get a PATH of their own).
pub fn installed(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|candidate| candidate.is_file())
}

pub fn tips_binary() -> &'static Path {
    Path::new(assert_cmd::cargo::cargo_bin!("tips"))
}

/// The folder of the built binary, to put on a shell's PATH.
pub fn tips_dir() -> &'static Path {
    tips_binary().parent().unwrap()
}

pub fn stdout_of(command: &mut assert_cmd::Command) -> String {
    let output = command.output().expect("tips runs");
    assert!(
        output.status.success(),
        "tips failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

pub fn json_of(command: &mut assert_cmd::Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(command)).expect("valid JSON")
}

/// A refused command line: exit 2, nothing on stdout, and one line on
/// stderr that starts with `tips: ` and mentions `what`. Gives that line.
pub fn assert_usage_error(output: &Output, what: &str) -> String {
    assert_eq!(
        output.status.code(),
        Some(2),
        "exit 2 expected; stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty(), "nothing on stdout");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(stderr.starts_with("tips: "), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(what), "{stderr:?} should mention {what:?}");
    stderr
}

/// Makes a FIFO (named pipe) at `path`, readable and writable by the
/// user: what stands where a file is expected, in tests that nothing
/// waits on it.
pub fn make_fifo(path: &Path) {
    use rustix::fs::{mknodat, FileType, Mode, CWD};
    mknodat(CWD, path, FileType::Fifo, Mode::RUSR | Mode::WUSR, 0)
        .unwrap_or_else(|error| panic!("a FIFO at {}: {error}", path.display()));
}

/// Whether a tool a test needs is installed. On a developer's machine a
/// missing tool skips the test and names it on stderr, written past the
/// test harness's capture so that it shows in `cargo test`'s output. Under
/// CI (`CI=true`) a missing tool fails the test, so that coverage cannot
/// silently disappear.
pub fn require(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|output| output.status.success());
    needed(found, tool)
}

/// [`require`] for anything else a test needs: skip visibly, or fail
/// under CI.
pub fn needed(found: bool, what: &str) -> bool {
    if !found {
        assert!(
            std::env::var_os("CI").is_none_or(|value| value != "true"),
            "{what} is not installed, and CI needs it: .ci/run installs it"
        );
        let note =
            format!("skipped: a test needs {what}, which is not installed (.ci/run installs it)\n");
        let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), note.as_bytes());
    }
    found
}

/// The commands `tips --help` lists: clap's own list, so that a command
/// added later joins every test that goes through every command at once.
pub fn every_command(env: &TestEnv) -> Vec<String> {
    let help = env.tips(&["--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let listed = help
        .split_once("\nCommands:\n")
        .expect("a list of commands in tips --help")
        .1;
    let commands: Vec<String> = listed
        .lines()
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_string)
        .collect();
    assert!(commands.len() >= 10, "{help}");
    commands
}

/// A command line that runs `command` and prints something on stdout,
/// for the tests that go through every command; what a command writes
/// elsewhere goes into `scratch`. A command not named here fails the test
/// that asks: say here how to run the new one.
pub fn a_run_that_prints(command: &str, scratch: &Path) -> Vec<String> {
    let words: &[&str] = match command {
        "today" | "list" | "countdown" | "random" | "motd" | "export" | "paths" | "man" => &[],
        "show" => &["respect"],
        "init" => &["bash"],
        "search" => &["croco"],
        "calendar" => &["--days", "1"],
        "feed" => &["--days", "1"],
        "reflect" => &["respect", "-m", "A note"],
        "journal" => &["--oneline"],
        "completions" => &["zsh"],
        "help" => &["show"],
        "site" => {
            let site = scratch.join("site");
            return vec![command.to_string(), site.display().to_string()];
        }
        other => panic!("no way to run `tips {other}` is known: add one to a_run_that_prints"),
    };
    std::iter::once(command)
        .chain(words.iter().copied())
        .map(str::to_string)
        .collect()
}

/// A small tmpfs mounted for one test, unmounted when it ends.
pub struct SmallDisk(PathBuf);

impl SmallDisk {
    /// Mounts a tmpfs with `options` (as `size=64k,nr_inodes=3`) at `at`,
    /// or `None` where mounting is not permitted (not root).
    pub fn mount(at: &Path, options: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        mounted.then(|| SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// The Python that has markdown-it-py (the judges' virtual environment
/// that .ci/run makes, else the system's), if one does.
pub fn markdown_it_python() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("py-judges/bin/python3");
    [venv, PathBuf::from("/usr/bin/python3")]
        .into_iter()
        .find(|python| {
            Command::new(python)
                .args(["-c", "import markdown_it"])
                .env_clear()
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|status| status.success())
        })
}
