//! Every `console` example in README.md runs as a test (trycmd), in a
//! fixed environment: a temporary HOME with no playbook, UTC, no colour.
//! The examples give their own dates, so the output does not move with the
//! calendar. An example that cannot run here is fenced as `console,ignore`.
//!
//! The README's example playbook (its first `toml` block) is the
//! `team.toml` that the examples use, and `broken.toml` is the same with a
//! prompt taken out, so that the README and its examples cannot drift apart.
//!
//! `TRYCMD=overwrite cargo test --test readme` writes the program's actual
//! output into README.md.

use std::path::Path;

#[test]
fn readme_examples_run_as_written() {
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let work = tempfile::tempdir().unwrap();
    let copy = work.path().join("README.md");
    std::fs::write(&copy, &readme).unwrap();

    // trycmd runs a Markdown file's commands in the folder beside it named
    // like it with `.in`.
    let files = work.path().join("README.in");
    std::fs::create_dir(&files).unwrap();
    let team = first_toml_block(&readme);
    std::fs::write(files.join("team.toml"), &team).unwrap();
    let broken = team.replacen("  \"Who else needs to see the notes?\",\n", "", 1);
    assert_ne!(
        broken, team,
        "the example playbook lost the prompt the test removes"
    );
    std::fs::write(files.join("broken.toml"), broken).unwrap();

    let home = work.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let home = home.to_str().unwrap();
    trycmd::TestCases::new()
        .register_bin("tips", trycmd::cargo::cargo_bin!("tips"))
        // The child inherits the environment, so everything that changes
        // what tips prints is set to a fixed value.
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", format!("{home}/.config"))
        .env("XDG_STATE_HOME", format!("{home}/.local/state"))
        .env("XDG_DATA_HOME", format!("{home}/.local/share"))
        .env("XDG_CONFIG_DIRS", format!("{home}/etc/xdg"))
        .env("TIPS_FILE", "")
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .env("CLICOLOR_FORCE", "0")
        .env("COLUMNS", "80")
        .case(&copy)
        .run();

    if std::env::var_os("TRYCMD").is_some_and(|mode| mode == "overwrite") {
        std::fs::copy(&copy, &readme_path).unwrap();
    }
}

/// The text of the first ```toml block.
fn first_toml_block(markdown: &str) -> String {
    let start = markdown.find("```toml\n").expect("README has a toml block") + "```toml\n".len();
    let end = start + markdown[start..].find("```").expect("the toml block ends");
    markdown[start..end].to_string()
}
