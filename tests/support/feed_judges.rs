//! The outside judges of `tips feed`, each run by a small script in this
//! folder:
//!
//! - the W3C Feed Validation Service's own code, which CI finds in
//!   `../shared/judges/feedvalidator` beside the clone (a worktree looks
//!   beside its main checkout), run by `validate_feed.py`;
//! - Python's feedparser (`read_feed.py`) and npm's rss-parser
//!   (`read_feed.mjs`), which print what they read as JSON.
//!
//! .ci/run installs the Python packages (feedparser, and html5lib and
//! rdflib for the validator) into a virtual environment in the target
//! folder, and rss-parser into the target folder too, never for the whole
//! machine. A judge that is missing skips visibly, and fails under CI=true.

use crate::common::{needed, require, tips_binary, TestEnv};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Every `tips` a judge runs gets this zone, so that the days begin at a
/// known offset.
pub const ZONE: &str = "Europe/Berlin";

fn support(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/support")
        .join(file)
}

/// A judge's process, in the feed's zone and with no playbook of the
/// machine's.
fn judge_command(env: &TestEnv, program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = env.judge(program);
    command
        .env("TZ", ZONE)
        .env("XDG_CONFIG_DIRS", env.home().join("etc/xdg"));
    command
}

/// The python3 with feedparser, html5lib and rdflib: .ci/run's virtual
/// environment in the target folder, else the one on PATH.
fn python(env: &TestEnv) -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("py-feed-judges/bin/python3");
    let found = [venv, PathBuf::from("python3")].into_iter().find(|python| {
        judge_command(env, python)
            .args(["-c", "import feedparser, html5lib, rdflib"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    });
    needed(
        found.is_some(),
        "Python's feedparser, html5lib and rdflib (in target/tmp/py-feed-judges)",
    )
    .then(|| found.expect("found"))
}

/// `../shared/judges/feedvalidator` beside the clone; for a git worktree,
/// beside its main checkout too.
fn validator_dir() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut candidates = vec![root.join("../shared/judges/feedvalidator")];
    // A worktree's `.git` is a file: `gitdir: MAIN/.git/worktrees/NAME`.
    if let Ok(link) = std::fs::read_to_string(root.join(".git")) {
        if let Some((main, _)) = link
            .trim()
            .trim_start_matches("gitdir: ")
            .split_once("/.git/")
        {
            candidates.push(Path::new(main).join("../shared/judges/feedvalidator"));
        }
    }
    let found = candidates
        .into_iter()
        .find(|dir| dir.join("feedvalidator/__init__.py").is_file());
    needed(
        found.is_some(),
        "the W3C feed validator in ../shared/judges/feedvalidator",
    )
    .then(|| found.expect("found"))
}

fn lines_of(name: &str, output: std::process::Output) -> Vec<String> {
    assert!(
        output.status.success(),
        "{name} could not run: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

fn json_from(name: &str, output: std::process::Output) -> Value {
    assert!(
        output.status.success(),
        "{name} refused the feed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| panic!("{name}: {error}"))
}

/// What the W3C validator reports on a feed file, a line a problem, at
/// `level` (`A`: errors only; `AA`: warnings too). `None` where it is not
/// installed.
pub fn validator_on_file(env: &TestEnv, level: &str, atom: &str) -> Option<Vec<String>> {
    let (python, validator) = (python(env)?, validator_dir()?);
    let file = env.write("validated.xml", atom);
    let output = judge_command(env, python)
        .arg(support("validate_feed.py"))
        .arg(validator)
        .arg(level)
        .arg(file)
        .output()
        .unwrap();
    Some(lines_of("the feed validator", output))
}

/// What the W3C validator reports on the feed that `tips ARGS` writes with
/// `--base-url` the address of a web server on 127.0.0.1, read from that
/// server at its own `rel="self"` address, as the online service reads a
/// feed.
pub fn validator_on_served_feed(env: &TestEnv, level: &str, args: &[&str]) -> Option<Vec<String>> {
    let (python, validator) = (python(env)?, validator_dir()?);
    let output = judge_command(env, python)
        .arg(support("validate_feed.py"))
        .arg(validator)
        .arg(level)
        .arg("--serve")
        .arg(tips_binary())
        .args(["--color", "never"])
        .args(args)
        .args(["--base-url", "{base}"])
        .output()
        .unwrap();
    Some(lines_of("the feed validator", output))
}

/// What Python's feedparser read from a feed (see `read_feed.py`).
pub fn feedparser_read(env: &TestEnv, atom: &str) -> Option<Value> {
    let python = python(env)?;
    let file = env.write("read.xml", atom);
    let output = judge_command(env, python)
        .arg(support("read_feed.py"))
        .arg(file)
        .output()
        .unwrap();
    Some(json_from("feedparser", output))
}

/// What npm's rss-parser read from a feed (see `read_feed.mjs`).
pub fn rss_parser_read(env: &TestEnv, atom: &str) -> Option<Value> {
    let parser =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("npm-feed-judges/node_modules/rss-parser");
    if !(require("node")
        && needed(
            parser.join("package.json").is_file(),
            "npm's rss-parser in the target folder",
        ))
    {
        return None;
    }
    let file = env.write("read.xml", atom);
    let output = judge_command(env, "node")
        .arg(support("read_feed.mjs"))
        .arg(parser)
        .arg(file)
        .output()
        .unwrap();
    Some(json_from("rss-parser", output))
}
