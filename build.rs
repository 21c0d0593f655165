//! Checks `data/tips.toml` and compiles it into static Rust data, so that
//! the binary never parses TOML for its built-in tips and a broken data
//! file stops the build instead of reaching a user.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs, process};

#[allow(dead_code)] // the binary uses parts of the schema that the build does not
#[path = "src/schema.rs"]
mod schema;

const DATA: &str = "data/tips.toml";
const MAX_PROMPTS: usize = 5;
const SERIES_LENGTH: u32 = 10;
/// The generated code names every path in full, so that it compiles
/// wherever it is included, whatever is in scope there.
const COW: &str = "::std::borrow::Cow::Borrowed";

fn main() {
    println!("cargo::rerun-if-changed={DATA}");
    println!("cargo::rerun-if-changed=src/schema.rs");

    let text =
        fs::read_to_string(DATA).unwrap_or_else(|error| fail(&format!("cannot read: {error}")));
    let playbook = schema::parse(&text, &[]).unwrap_or_else(|problem| fail(&problem.to_string()));
    if let Err(message) = check_builtin(&playbook.tips) {
        fail(&message);
    }

    let out =
        Path::new(&env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_tips.rs");
    fs::write(&out, render(&playbook.tips))
        .unwrap_or_else(|error| fail(&format!("cannot write {}: {error}", out.display())));
}

/// The built-in series is stricter than a team playbook: exactly tips 1 to
/// 10 in order, every optional field present, and at most five prompts.
fn check_builtin(tips: &[schema::RawTip]) -> Result<(), String> {
    let numbers: Vec<u32> = tips.iter().map(|tip| *tip.number.get_ref()).collect();
    if numbers != (1..=SERIES_LENGTH).collect::<Vec<_>>() {
        return Err(format!(
            "the series must be tips 1 to {SERIES_LENGTH} in order, found {numbers:?}"
        ));
    }
    for tip in tips {
        let name = format!("tip {} ('{}')", tip.number.get_ref(), tip.slug.get_ref());
        for (field, value) in [
            ("tagline", &tip.tagline),
            ("action", &tip.action),
            ("source", &tip.source),
        ] {
            if value.as_deref().is_none_or(|text| text.trim().is_empty()) {
                return Err(format!("{name}: missing field `{field}`"));
            }
        }
        if tip.prompts.len() > MAX_PROMPTS {
            return Err(format!(
                "{name}: has {} prompts, at most {MAX_PROMPTS}",
                tip.prompts.len()
            ));
        }
    }
    Ok(())
}

fn render(tips: &[schema::RawTip]) -> String {
    let mut code = String::from(
        "/// The built-in tips, from data/tips.toml.\npub static BUILTIN_TIPS: &[crate::tip::Tip] = &[\n",
    );
    for tip in tips {
        let prompts: Vec<String> = tip
            .prompts
            .iter()
            .map(|prompt| format!("{COW}({})", literal(prompt)))
            .collect();
        let _ = write!(
            code,
            "    crate::tip::Tip {{\n        number: {},\n        slug: {COW}({}),\n        title: {COW}({}),\n        tagline: {},\n        body: {COW}({}),\n        prompts: {COW}(&[{}]),\n        action: {},\n        source: {},\n    }},\n",
            tip.number.get_ref(),
            literal(tip.slug.get_ref()),
            literal(&tip.title),
            optional(&tip.tagline),
            literal(&tip.body),
            prompts.join(", "),
            optional(&tip.action),
            optional(&tip.source),
        );
    }
    code.push_str("];\n");
    code
}

/// A Rust string literal; `Debug` escapes exactly what a literal needs.
fn literal(text: &str) -> String {
    format!("{text:?}")
}

fn optional(text: &Option<String>) -> String {
    match text {
        Some(text) => format!("Some({COW}({}))", literal(text)),
        None => "None".to_string(),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {DATA}: {message}");
    process::exit(1);
}
