//! Playbook text as HTML: escaped, with control characters made visible.
//! (Stand-in until the shared module lands.)

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::tip::Tip;
use crate::untrusted::visible;

/// Text that is safe inside an HTML or XML element or a quoted attribute.
pub fn escape(text: &str) -> Cow<'_, str> {
    let shown = visible(text);
    if !shown.contains(['&', '<', '>', '"', '\'']) {
        return shown;
    }
    let mut escaped = String::with_capacity(shown.len() + 16);
    for c in shown.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

/// A tip's tagline, body, prompts and action as an HTML fragment, its
/// headings at `heading_level`.
pub fn tip_html(tip: &Tip, heading_level: u8) -> String {
    let mut html = String::new();
    if let Some(tagline) = &tip.tagline {
        let _ = writeln!(html, "<p class=\"tagline\">{}</p>", escape(tagline));
    }
    let _ = writeln!(html, "<p>{}</p>", escape(&tip.body));
    let _ = writeln!(
        html,
        "<h{heading_level}>Coaching prompts</h{heading_level}>\n<ul>"
    );
    for prompt in tip.prompts.iter() {
        let _ = writeln!(html, "<li>{}</li>", escape(prompt));
    }
    html.push_str("</ul>\n");
    if let Some(action) = &tip.action {
        let _ = writeln!(
            html,
            "<h{heading_level}>Try today</h{heading_level}>\n<p>{}</p>",
            escape(action)
        );
    }
    html
}

/// A tip's page, relative to the site's root.
pub fn tip_page_path(slug: &str) -> String {
    format!("tip/{slug}.html")
}
