//! Text that came from outside the program (a playbook, an argument) and
//! must not reach a terminal as it is.

use std::borrow::Cow;

/// Text from a playbook is untrusted: control characters and the escape
/// sequences they start would reach the terminal and could clear it or
/// retitle its window. They are made visible instead: `^[` for ESC (as
/// `cat -v` shows it), `<U+202E>` for C1 controls and bidirectional
/// overrides. Tabs and line breaks become spaces.
pub fn visible(text: &str) -> Cow<'_, str> {
    // Printable ASCII (the bulk of any tip) is checked a byte at a time.
    let printable_ascii = text.bytes().all(|byte| (b' '..=b'~').contains(&byte));
    if printable_ascii || !text.chars().any(needs_escaping) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => shown.push(' '),
            '\u{0}'..='\u{1f}' => {
                shown.push('^');
                shown.push(char::from(c as u8 + b'@'));
            }
            '\u{7f}' => shown.push_str("^?"),
            c if needs_escaping(c) => shown.push_str(&format!("<U+{:04X}>", u32::from(c))),
            c => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

fn needs_escaping(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_neutralises_escape_sequences() {
        assert_eq!(visible("a\u{1b}[2Jb"), "a^[[2Jb");
        assert_eq!(visible("\u{1b}]0;owned\u{7}"), "^[]0;owned^G");
        assert_eq!(visible("x\u{9b}31m"), "x<U+009B>31m");
        assert_eq!(visible("rev\u{202e}erse"), "rev<U+202E>erse");
        assert_eq!(visible("del\u{7f}"), "del^?");
        assert_eq!(visible("line\nbreak\ttab"), "line break tab");
    }

    #[test]
    fn visible_leaves_ordinary_text_alone() {
        assert!(matches!(
            visible("Croco Mojo — “fight or flight” ☺"),
            Cow::Borrowed(_)
        ));
    }
}
