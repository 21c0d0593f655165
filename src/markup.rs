//! Playbook text as XML and HTML, for the feed and the site: escaped so
//! that it is always read as text and never as markup, and made visible
//! first where XML 1.0 would not allow a character at all.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::tip::Tip;
use crate::untrusted::visible;

/// The folder of the site that holds one page per tip.
pub const TIP_PAGE_DIR: &str = "tip";

/// The site's front page, relative to its root.
pub const INDEX_PAGE: &str = "index.html";

/// The feed, relative to the site's root.
pub const FEED_FILE: &str = "feed.xml";

/// A tip's page, relative to the site's root: `tip/respect.html`. Slugs
/// are lower-case letters, digits and hyphens (the schema's rule), so the
/// path needs no escaping in a URL or on a disk.
pub fn tip_page_path(slug: &str) -> String {
    format!("{TIP_PAGE_DIR}/{slug}.html")
}

/// Text made safe inside an XML or HTML element or a quoted attribute
/// value: [`shown`], with the five characters markup gives a meaning to
/// written as references.
pub fn escape(text: &str) -> Cow<'_, str> {
    let shown = shown(text);
    match escape_markup(&shown) {
        Cow::Borrowed(_) => shown,
        Cow::Owned(escaped) => Cow::Owned(escaped),
    }
}

/// Playbook text as a feed or a page shows it: control characters and
/// bidirectional overrides made visible (`untrusted::visible`, as
/// everywhere else in `tips`), and so are the noncharacters that XML 1.0
/// forbids, since no reference can carry them. What a parser reads back
/// from [`escape`]; JSON Feed's titles carry the same text.
pub fn shown(text: &str) -> Cow<'_, str> {
    match visible(text) {
        Cow::Borrowed(text) if !may_hold_a_noncharacter(text) => Cow::Borrowed(text),
        shown if !shown.chars().any(is_forbidden_in_xml) => shown,
        shown => Cow::Owned(without_forbidden(&shown)),
    }
}

/// Only the five characters markup gives a meaning to, written as
/// references: for text that holds nothing XML forbids, such as HTML that
/// `tips` wrote itself around escaped playbook text, when it becomes the
/// text of an XML element (Atom's `type="html"`).
pub fn escape_markup(text: &str) -> Cow<'_, str> {
    // The five are ASCII, so the text between them is copied a run at a
    // time, never a character at a time.
    let is_markup = |byte: &u8| IS_MARKUP[usize::from(*byte)];
    let bytes = text.as_bytes();
    let Some(mut at) = bytes.iter().position(is_markup) else {
        return Cow::Borrowed(text);
    };
    let mut escaped = String::with_capacity(text.len() + text.len() / 8 + 16);
    let mut copied = 0;
    loop {
        escaped.push_str(&text[copied..at]);
        escaped.push_str(match bytes[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        copied = at + 1;
        match bytes[copied..].iter().position(is_markup) {
            Some(next) => at = copied + next,
            None => break,
        }
    }
    escaped.push_str(&text[copied..]);
    Cow::Owned(escaped)
}

/// The bytes of the five characters markup gives a meaning to, as a table:
/// a look-up per byte is the cheapest test.
const IS_MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table
};

/// Every noncharacter is written in UTF-8 with a first byte of 0xEF or
/// more: text without one (nearly all text) is not read character by
/// character.
fn may_hold_a_noncharacter(text: &str) -> bool {
    text.bytes().any(|byte| byte >= 0xEF)
}

/// Characters that `untrusted::visible` lets through and XML 1.0 still
/// refuses (U+FFFE and U+FFFF), or that it asks documents to avoid (the
/// other noncharacters): none of them means anything to a reader.
fn is_forbidden_in_xml(c: char) -> bool {
    let code = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

fn without_forbidden(text: &str) -> String {
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_forbidden_in_xml(c) {
            let _ = write!(shown, "<U+{:04X}>", u32::from(c));
        } else {
            shown.push(c);
        }
    }
    shown
}

/// A tip's tagline, body, coaching prompts and action as a fragment of
/// HTML, with the two headings at `heading_level` (2 for `<h2>`, clamped to
/// 1..=6). The tip's title is left to the page or entry that holds it.
/// Every piece of playbook text is escaped; the fragment holds no script,
/// no event handler and no style.
pub fn tip_html(tip: &Tip, heading_level: u8) -> String {
    let level = heading_level.clamp(1, 6);
    let mut html = String::with_capacity(256 + tip.body.len() * 2);
    if let Some(tagline) = &tip.tagline {
        let _ = writeln!(
            html,
            "<p class=\"tagline\"><em>{}</em></p>",
            escape(tagline)
        );
    }
    let _ = writeln!(html, "<p class=\"body\">{}</p>", escape(&tip.body));
    if !tip.prompts.is_empty() {
        let _ = writeln!(html, "<h{level}>Coaching prompts</h{level}>");
        html.push_str("<ul class=\"prompts\">\n");
        for prompt in tip.prompts.iter() {
            let _ = writeln!(html, "<li>{}</li>", escape(prompt));
        }
        html.push_str("</ul>\n");
    }
    if let Some(action) = &tip.action {
        let _ = writeln!(html, "<h{level}>Try today</h{level}>");
        let _ = writeln!(html, "<p class=\"action\">{}</p>", escape(action));
    }
    // Where the tip comes from, as `tips show` credits it.
    if let Some(source) = &tip.source {
        let _ = writeln!(html, "<p class=\"source\">Source: {}</p>", escape(source));
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tip::TipSet;
    use proptest::prelude::*;

    /// What an XML or HTML parser reads from escaped text: the five
    /// references back to their characters.
    fn unescape(text: &str) -> String {
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    fn hostile_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[<>&\"';/=!\\[\\]-]{1,12}",
            "(<script>|]]>|&amp;|&#x41;|<!--|-->|onerror=|javascript:)",
            "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}]{1,4}",
            "[\\u{fdd0}\\u{fffe}\\u{ffff}\\u{1fffe}\\u{202e}\\u{2066}]{1,3}",
            "[a-z ]{1,20}",
            "[é日本💘]{1,6}",
        ];
        prop::collection::vec(piece, 1..10).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever a playbook holds, the escaped text holds no markup and
        /// nothing XML 1.0 refuses, and a parser reads back the text as
        /// `tips` shows it everywhere: visible.
        #[test]
        fn any_text_is_escaped_into_text_that_reads_back_as_shown(text in hostile_text()) {
            let escaped = escape(&text);
            prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
            prop_assert!(!escaped.chars().any(|c| c.is_control() || is_forbidden_in_xml(c)));
            for (at, _) in escaped.match_indices('&') {
                let rest = &escaped[at..];
                prop_assert!(
                    ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|r| rest.starts_with(r)),
                    "a bare & in {:?}", escaped
                );
            }
            prop_assert_eq!(unescape(&escaped), shown(&text));
        }
    }

    #[test]
    fn markup_characters_become_references() {
        assert_eq!(
            escape(r#"<script>a & "b" 'c'</script> ]]>"#),
            "&lt;script&gt;a &amp; &quot;b&quot; &#39;c&#39;&lt;/script&gt; ]]&gt;"
        );
    }

    #[test]
    fn characters_xml_cannot_hold_are_made_visible_then_escaped() {
        assert_eq!(escape("a\u{1b}[2Jb\u{0}"), "a^[[2Jb^@");
        assert_eq!(
            escape("x\u{fffe}y\u{ffff}"),
            "x&lt;U+FFFE&gt;y&lt;U+FFFF&gt;"
        );
        assert_eq!(escape("rev\u{202e}"), "rev&lt;U+202E&gt;");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(escape("Croco Mojo — “fight”"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_tips_html_holds_every_part_at_the_heading_level_asked() {
        let respect = TipSet::builtin().by_number(7).unwrap().clone();
        let html = tip_html(&respect, 3);
        assert!(html.contains("<h3>Coaching prompts</h3>"));
        assert!(html.contains("<h3>Try today</h3>"));
        assert_eq!(html.matches("<li>").count(), respect.prompts.len());
        assert!(html.contains(&*escape(respect.action.as_deref().unwrap())));
        // The credit `tips show` gives is on the web too.
        let source = respect.source.as_deref().unwrap();
        assert!(html.contains(&format!("Source: {}", escape(source))));
    }

    #[test]
    fn a_tip_page_lives_in_the_tip_folder() {
        assert_eq!(tip_page_path("respect"), "tip/respect.html");
    }
}
