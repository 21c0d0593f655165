//! Text that came from outside the program (a playbook, an argument) and
//! must not reach a terminal as it is.

use std::borrow::Cow;

/// Text from a playbook is untrusted: control characters and the escape
/// sequences they start would reach the terminal and could clear it or
/// retitle its window. They are made visible instead: `^[` for ESC (as
/// `cat -v` shows it), `<U+202E>` for C1 controls and bidirectional
/// overrides. Tabs and line breaks (Unicode's line and paragraph
/// separators too) become spaces.
pub fn visible(text: &str) -> Cow<'_, str> {
    // Most text is printable ASCII, which needs nothing: that is checked
    // byte by byte, and only other text is read character by character.
    if is_printable_ascii(text) || !text.chars().any(needs_escaping) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' | LINE_SEPARATOR | PARAGRAPH_SEPARATOR => shown.push(' '),
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

/// No byte below space, none at or above DEL. Every byte is looked at,
/// without stopping at the first that fails (text is nearly always
/// printable ASCII): a loop with no early exit is one the compiler turns
/// into 16 bytes per step, which makes this plain fold cheaper than
/// `all`, by 9,000 instructions on a tip's page.
fn is_printable_ascii(text: &str) -> bool {
    text.bytes().fold(true, |printable, byte| {
        printable & (b' '..=b'~').contains(&byte)
    })
}

/// Whether `text` shows nothing at all: only blanks, control characters
/// and the characters Unicode says to draw as nothing (byte order marks,
/// zero-width spaces and joiners, variation selectors, tags, fillers).
/// Such text looks empty wherever it is shown, so it is treated as empty.
pub fn shows_nothing(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace() || c.is_control() || is_default_ignorable(c) || c == BRAILLE_BLANK
    })
}

/// A braille cell with no dots: drawn as a blank by every font.
const BRAILLE_BLANK: char = '\u{2800}';

/// Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties).
fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// Unicode's own line breaks, which some programs honour: text a line of
/// its own, as for `\n`.
const LINE_SEPARATOR: char = '\u{2028}';
const PARAGRAPH_SEPARATOR: char = '\u{2029}';

fn needs_escaping(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | LINE_SEPARATOR | PARAGRAPH_SEPARATOR
        )
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
        assert_eq!(visible("line\u{2028}para\u{2029}end"), "line para end");
    }

    #[test]
    fn printable_ascii_is_space_to_tilde_wherever_the_other_byte_is() {
        assert!(is_printable_ascii(""));
        assert!(is_printable_ascii(
            " ~ plain text, 40 bytes and more, past 32"
        ));
        for position in [0, 15, 16, 39] {
            for other in ["\u{1f}", "\u{7f}", "\u{80}", "é", "\t"] {
                let mut text = "x".repeat(40);
                text.replace_range(position..=position, other);
                assert!(!is_printable_ascii(&text), "{other:?} at {position}");
            }
        }
    }

    #[test]
    fn text_of_blanks_and_invisible_characters_shows_nothing() {
        for nothing in [
            "",
            " \t\n",
            "\u{feff}",
            "\u{200b}\u{2060}\u{fe0f}",
            "\u{3000}\u{2800}",
        ] {
            assert!(shows_nothing(nothing), "{nothing:?}");
        }
        for something in ["a", "\u{200b}.", "漢", "😀", "\u{feff}é"] {
            assert!(!shows_nothing(something), "{something:?}");
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
