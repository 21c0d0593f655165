//! The reading of an entry's Markdown blocks that `tips journal --markdown`
//! relies on (`src/view/blocks.rs`, and `src/view/markdown.rs` which moves
//! headings with it), compared with markdown-it-py, a CommonMark parser
//! nobody here wrote, over thousands of documents made of awkward lines.
//! Both files are compiled into this test as they are, as neither needs
//! anything of the rest of `tips`.

mod common;
#[path = "../src/view"]
mod view {
    pub mod blocks;
    pub mod markdown;
}

use common::{markdown_it_python, needed};
use serde_json::{json, Value};
use std::process::{Command, Stdio};
use view::blocks::{self, Open};

/// How many documents the generator makes, from seeds 0 to this. (Seed
/// 104894, further on, makes one that both judges misread, each its own
/// way: cmark keeps a list item that starts blank open over a blank line
/// of spaces, and markdown-it-py takes a tab before `>` as less indent.)
const DOCUMENTS: u64 = 10_000;

/// Documents that once read differently, kept so that they are read again
/// first: one JSON string a line (lines starting `#` say what went wrong).
const REGRESSIONS: &str = include_str!("markdown.regressions");

/// A small seeded generator (splitmix64): the same documents on every run
/// and every machine, so that a seed names a document.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        choices[self.below(choices.len())]
    }
}

/// What may open a line: quotes, list markers, indentation, tabs.
const PREFIXES: &[&str] = &[
    "> ", ">", ">\t", " > ", "- ", "* ", "+ ", "-\t", "1. ", "2) ", "10. ", "1)  ", "0. ", "-    ",
    "  ", "   ", "    ", "\t", " \t", "  - ", "   1. ",
];

/// Text that is a paragraph's, whatever it looks like.
const WORDS: &[&str] = &[
    "plain words",
    "#hashtag",
    "####### seven",
    "Привет, мир",
    "日本語のテキスト",
    "emoji 🎉💘",
    "a\tb",
    "1.5 million",
    "-not a list",
    "+1",
    "*emph*",
    "`code`",
    "[link](x)",
    "2027. a year",
    "x #",
    "text ##",
    "<span>inline</span>",
    "a ``` b",
    "under_score",
];

/// A line of awkward Markdown; `previous` is the last line's prefix of
/// quotes and list markers, which this one often continues (quotes again,
/// list markers as the spaces that continue their items).
fn line(random: &mut Seeded, previous: &mut String) -> String {
    let mut line = String::new();
    if random.below(2) == 0 {
        let continued: String = previous
            .chars()
            .map(|character| match character {
                '>' | ' ' | '\t' => character,
                _ => ' ',
            })
            .collect();
        line.push_str(&continued);
    }
    for _ in 0..random.below(4).saturating_sub(1) {
        line.push_str(random.pick(PREFIXES));
    }
    *previous = line.clone();
    let indent = random.pick(&["", "", "", " ", "  ", "   ", "    ", "\t"]);
    line.push_str(indent);
    let body = match random.below(12) {
        0 => {
            let hashes = "#".repeat(1 + random.below(7));
            let gap = random.pick(&[" ", " ", "\t", "", "  "]);
            let end = random.pick(&["", "", " ##", " #", "#", " ", " \\#"]);
            format!("{hashes}{gap}{}{end}", random.pick(WORDS))
        }
        1 => random
            .pick(&[
                "===",
                "---",
                "  ---  ",
                "= =",
                "--- -",
                "-",
                "=",
                "----------",
                "==\t",
            ])
            .to_string(),
        2 => random
            .pick(&[
                "```", "````", "~~~", "~~~~", "```rust", "``` a`b", "~~~ `x`", "``", "~~~~~~",
                "```  ", "````` ok",
            ])
            .to_string(),
        3 => random
            .pick(&["code", "\tcode", "  # not a heading"])
            .to_string(),
        4 => random
            .pick(&[
                "<!-- a note",
                "-->",
                "still <!-- a --> note",
                "<div>",
                "</div>",
                "<DIV class=\"x\">",
                "<pre>",
                "</pre>",
                "<script type=\"x\">",
                "</script>",
                "<style>",
                "<textarea>",
                "</TEXTAREA>",
                "<?php",
                "?>",
                "<!DOCTYPE html>",
                "<!X",
                "<![CDATA[",
                "]]>",
                "<a href=\"x\">",
                "<span>",
                "<x-y a=1 b='2' c>",
                "</span >",
                "<a href=x>text",
                "<img src=\"a\" />",
                "<a b=\"c\"d>",
                "<table><tr>",
                "<search>",
                "<!-->",
                "<custom-tag>",
                "</p>",
            ])
            .to_string(),
        5 => random
            .pick(&[
                "***", "* * *", "___", "- - -", "_ _ _ _", "**", "-- -", "*\t*\t*",
            ])
            .to_string(),
        6 | 7 => String::new(),
        8 => random
            .pick(&["-", "1.", "*", "2)", "+", "- #", "1. # x", "* ---", "- ```"])
            .to_string(),
        _ => random.pick(WORDS).to_string(),
    };
    line.push_str(&body);
    line
}

fn document(seed: u64) -> String {
    let mut random = Seeded(seed);
    let mut lines = Vec::new();
    let mut prefix = String::new();
    for _ in 0..1 + random.below(20) {
        if random.below(12) == 0 {
            // A long run of blank lines.
            for _ in 0..2 + random.below(6) {
                lines.push(random.pick(&["", " ", "\t", "   "]).to_string());
            }
        } else {
            lines.push(line(&mut random, &mut prefix));
        }
    }
    let mut document = lines.join("\n");
    if random.below(2) == 0 {
        document.push('\n');
    }
    document
}

/// For each document: its headings as markdown-it-py reads them (first
/// line, line after the last, level, text with its blanks made single
/// spaces), the fence or HTML block that swallows a heading put after it
/// (`"fence ```"`, `"html"`, or null), and the headings of its nested form
/// followed by the next entry's heading.
const READ: &str = r###"
import json, sys
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark")
PROBE = "## Next entry"

def headings(text):
    tokens = md.parse(text)
    found = []
    for at, token in enumerate(tokens):
        if token.type == "heading_open":
            words = " ".join(tokens[at + 1].content.split())
            found.append([token.map[0], token.map[1], int(token.tag[1]), words, token.level])
    return tokens, found

def follows(text):
    return text + ("" if text.endswith("\n") or text == "" else "\n") + "\n" + PROBE + "\n"

results = []
for case in json.load(open(sys.argv[1], encoding="utf-8")):
    _, found = headings(case["document"])
    tokens, _ = headings(follows(case["document"]))
    probe = follows(case["document"]).count("\n") - 1
    swallowed = None
    for token in tokens:
        if token.level == 0 and token.map and token.map[0] <= probe < token.map[1]:
            if token.type == "fence":
                swallowed = "fence " + token.markup
            elif token.type == "html_block":
                swallowed = "html"
    _, nested = headings(follows(case["nested"]))
    results.append({"headings": found, "open": swallowed, "nested": nested})
print(json.dumps(results))
"###;

/// Where the scanner and markdown-it-py differ on `document`, if they do.
fn differences(document: &str, judged: &Value) -> Vec<String> {
    let mut differences = Vec::new();
    let found = blocks::scan(document);
    let ours: Vec<Value> = found
        .headings
        .iter()
        .map(|heading| json!([heading.lines.start, heading.lines.end, heading.level]))
        .collect();
    let theirs: Vec<Value> = judged["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|heading| json!([heading[0], heading[1], heading[2]]))
        .collect();
    if ours != theirs {
        differences.push(format!("headings: ours {ours:?}, markdown-it's {theirs:?}"));
    }
    let open = match found.open {
        Some(Open::Fence { mark, length }) => {
            json!(format!("fence {}", mark.to_string().repeat(length)))
        }
        Some(Open::Html { .. }) => json!("html"),
        None => Value::Null,
    };
    if open != judged["open"] {
        differences.push(format!(
            "open at the end: ours {open}, markdown-it's {}",
            judged["open"]
        ));
    }
    // Nested, each heading is two levels deeper (at most 6) with the same
    // text, and the next entry's heading is a heading of the document.
    let expected: Vec<Value> = judged["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|heading| json!([(heading[2].as_u64().unwrap() + 2).min(6), heading[3]]))
        .chain([json!([2, "Next entry"])])
        .collect();
    let nested: Vec<Value> = judged["nested"]
        .as_array()
        .unwrap()
        .iter()
        .map(|heading| json!([heading[2], heading[3]]))
        .collect();
    let next_at_top = judged["nested"]
        .as_array()
        .unwrap()
        .last()
        .is_some_and(|heading| heading[3] == "Next entry" && heading[4] == 0);
    if nested != expected || !next_at_top {
        differences.push(format!(
            "nested: headings {nested:?}, expected {expected:?} with the next entry's at the top"
        ));
    }
    differences
}

/// The headings cmark, CommonMark's reference parser in C, finds in
/// `text` (first line and level, and whether it is one of the document's
/// own blocks), from its XML with source positions.
fn read_by_cmark(text: &str) -> Vec<(usize, usize, bool)> {
    let mut child = Command::new("cmark")
        .args(["--to", "xml", "--sourcepos"])
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), text.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "cmark failed");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| {
            let element = line.trim_start().strip_prefix("<heading sourcepos=\"")?;
            let (first_line, rest) = element.split_once(':')?;
            let level = rest.split_once("level=\"")?.1.split_once('"')?.0;
            let at_top = line.starts_with("  <");
            Some((
                first_line.parse::<usize>().ok()? - 1,
                level.parse().ok()?,
                at_top,
            ))
        })
        .collect()
}

/// Whether cmark reads `document` as the scanner does, where
/// markdown-it-py does not: the same headings, and, nested, each two
/// levels deeper with the next entry's heading at the top.
fn cmark_agrees(document: &str) -> bool {
    let found = blocks::scan(document);
    let ours: Vec<(usize, usize, bool)> = found
        .headings
        .iter()
        .map(|heading| (heading.lines.start, heading.level, false))
        .collect();
    let theirs: Vec<(usize, usize, bool)> = read_by_cmark(document)
        .into_iter()
        .map(|(line, level, _)| (line, level, false))
        .collect();
    let mut nested = view::markdown::nested(document, 2);
    if !nested.is_empty() && !nested.ends_with('\n') {
        nested.push('\n');
    }
    nested.push_str("\n## Next entry\n");
    let levels: Vec<usize> = read_by_cmark(&nested)
        .iter()
        .map(|heading| heading.1)
        .collect();
    let expected: Vec<usize> = ours
        .iter()
        .map(|heading| (heading.1 + 2).min(6))
        .chain([2])
        .collect();
    let next_at_top = read_by_cmark(&nested)
        .last()
        .is_some_and(|heading| heading.2 && heading.0 == nested.lines().count() - 1);
    ours == theirs && levels == expected && next_at_top
}

#[test]
fn the_scanner_finds_the_headings_and_open_blocks_markdown_it_finds() {
    let Some(python) = markdown_it_python() else {
        needed(false, "Python's markdown-it-py");
        return;
    };
    // cmark settles the documents that markdown-it-py reads unlike
    // CommonMark's reference parsers (a tab after `>`, a line indented four
    // columns after a list item's text that starts further in).
    let cmark = Command::new("cmark")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !needed(cmark, "cmark") {
        return;
    }
    let regressions = REGRESSIONS
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| (None, serde_json::from_str::<String>(line).unwrap()));
    let generated = (0..DOCUMENTS).map(|seed| (Some(seed), document(seed)));
    let cases: Vec<(Option<u64>, String)> = regressions.chain(generated).collect();
    let input: Vec<Value> = cases
        .iter()
        .map(|(_, document)| {
            json!({"document": document, "nested": view::markdown::nested(document, 2)})
        })
        .collect();
    let scratch = tempfile::tempdir().unwrap();
    let path = scratch.path().join("documents.json");
    std::fs::write(&path, serde_json::to_vec(&input).unwrap()).unwrap();
    let output = Command::new(python)
        .args(["-c", READ])
        .arg(&path)
        .env_clear()
        .env("HOME", scratch.path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    assert!(output.status.success(), "markdown-it-py failed");
    let judged: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(judged.len(), cases.len());
    let mut settled_by_cmark = 0;
    let failures: Vec<String> = cases
        .iter()
        .zip(&judged)
        .filter_map(|((seed, document), judged)| {
            let differences = differences(document, judged);
            if !differences.is_empty() && cmark_agrees(document) {
                settled_by_cmark += 1;
                return None;
            }
            (!differences.is_empty()).then(|| {
                let name = seed.map_or("a kept regression".to_string(), |seed| {
                    format!("seed {seed}")
                });
                format!(
                    "{name}: {}\n{}\n  {}",
                    serde_json::to_string(document).unwrap(),
                    document,
                    differences.join("\n  ")
                )
            })
        })
        .collect();
    let note = format!(
        "{settled_by_cmark} of {} documents markdown-it-py read otherwise, and cmark as the scanner does\n",
        cases.len()
    );
    let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), note.as_bytes());
    // markdown-it-py's own readings must stay rare, or it judges little.
    assert!(
        settled_by_cmark * 20 < cases.len(),
        "{settled_by_cmark} documents settled by cmark"
    );
    assert!(
        failures.is_empty(),
        "{} of {} documents read differently (keep each in tests/markdown.regressions):\n\n{}",
        failures.len(),
        cases.len(),
        failures
            .iter()
            .take(6)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Any text at all, of the characters that make blocks and others,
    /// is read without a panic, and nested it has as many headings.
    #[test]
    fn any_text_nests_with_as_many_headings(text in "[#>*+\\-=_`~<!?/a-z0-9.) \t\n\r\u{e9}\u{1f389}\u{3000}]{0,200}") {
        let nested = view::markdown::nested(&text, 2);
        proptest::prop_assert_eq!(
            blocks::scan(&nested).headings.len(),
            blocks::scan(&text).headings.len(),
            "{:?}", nested
        );
    }
}
