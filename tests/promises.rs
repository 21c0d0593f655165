//! ARCHITECTURE.md's table of promises names, for each promise the README
//! makes, the test that fails if it breaks. This keeps the table true: every
//! test it names exists, so renaming or deleting one shows here.

use std::path::Path;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The rows of the table: (promise, what guards it).
fn promises(architecture: &str) -> Vec<(String, String)> {
    let table = architecture
        .split("\n## Promises\n")
        .nth(1)
        .expect("ARCHITECTURE.md has a Promises section");
    table
        .lines()
        .filter(|line| {
            line.starts_with("| ") && !line.starts_with("| promise") && !line.starts_with("| ---")
        })
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
            assert_eq!(cells.len(), 2, "a row of two cells: {line}");
            (cells[0].trim().to_string(), cells[1].trim().to_string())
        })
        .collect()
}

#[test]
fn every_guard_in_the_table_of_promises_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rows = promises(&read(&root.join("ARCHITECTURE.md")));
    assert!(rows.len() >= 40, "the table has {} rows", rows.len());
    for (promise, guards) in rows {
        let named: Vec<&str> = guards.split('`').skip(1).step_by(2).collect();
        assert!(!named.is_empty(), "no guard for: {promise}");
        for guard in named {
            if let Some(step) = guard.strip_prefix(".ci/check-packages: ") {
                let script = read(&root.join(".ci/check-packages"));
                assert!(
                    script.contains(&format!("step \"{step}")),
                    "{promise}: .ci/check-packages has no step {step:?}"
                );
            } else if let Some((file, test)) = guard.split_once("::") {
                let source = read(&root.join(file));
                assert!(
                    source.contains(&format!("fn {test}(")),
                    "{promise}: {file} has no test {test}"
                );
            } else {
                assert!(root.join(guard).is_file(), "{promise}: no {guard}");
            }
        }
    }
}
