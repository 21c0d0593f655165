//! Text that came from outside the program (a playbook, an argument) and
//! must not reach a terminal as it is.

use std::borrow::Cow;

/// Text from a playbook is untrusted: control characters and the escape
/// sequences they start would reach the terminal and could clear it or
/// retitle its window. They are made visible instead: `^[` for ESC (as
/// `cat -v` shows it), `<U+202E>` for C1 controls and bidirectional
/// overrides. Tabs and line breaks become spaces.
pub fn visible(text: &str) -> Cow<'_, str> {
    // Most text is printable ASCII, which needs nothing: that is checked
    // eight bytes at a time, and only other text is read character by
    // character.
    if is_printable_ascii(text) || !text.chars().any(needs_escaping) {
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

/// No byte below space, none at or above DEL: eight bytes per step, with
/// the usual word-at-a-time tests for a small or a large byte.
fn is_printable_ascii(text: &str) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let words_clean = chunks.by_ref().all(|chunk| {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // A byte below 0x20 sets its high bit in `word - 0x20..`; a byte of
        // 0x7F or more sets it in `word + 0x01..` or has it set already.
        let below_space = word.wrapping_sub(LOW * 0x20) & !word & HIGH;
        let del_or_above = (word.wrapping_add(LOW) | word) & HIGH;
        below_space | del_or_above == 0
    });
    words_clean
        && chunks
            .remainder()
            .iter()
            .all(|byte| (b' '..=b'~').contains(byte))
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
    fn the_fast_ascii_test_agrees_with_the_plain_one_on_every_byte() {
        for position in 0..16 {
            for byte in 0..=255u8 {
                let mut bytes = vec![b'a'; 16];
                bytes[position] = byte;
                let Ok(text) = std::str::from_utf8(&bytes) else {
                    continue;
                };
                let plain = text.bytes().all(|byte| (b' '..=b'~').contains(&byte));
                assert_eq!(is_printable_ascii(text), plain, "{byte:#04x} at {position}");
            }
        }
    }

    #[test]
    fn visible_leaves_ordinary_text_alone() {
        assert!(matches!(
            visible("Croco Mojo — “fight or flight” ☺"),
            Cow::Borrowed(_)
        ));
    }
}
