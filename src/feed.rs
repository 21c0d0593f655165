//! The tip of each day as a feed, for the chat tools and feed readers of a
//! team: Atom 1.0 (RFC 4287), written here, and the entries that JSON Feed
//! 1.1 is made of (`view::json` gives them their JSON shape).
//!
//! An entry's id names its day and nothing else: a chat tool posts each
//! day once, and a change to the playbook (a tip reworded, added or taken
//! away) never makes it post the days it has already posted.

use chrono::{Days, NaiveDate};
use std::io::{self, Write};

use crate::dates::{self, LocalZone};
use crate::markup::{self, escape, escape_markup, FEED_FILE, INDEX_PAGE};
use crate::schedule::{self, VALENTINES_GREETING};
use crate::tip::{Tip, TipSet};

/// The feed's title, as chat tools and readers show it.
pub const FEED_TITLE: &str = "Romantic Sales tips";

/// Who the feed says wrote it: RFC 4287 asks every feed to name an author.
pub const AUTHOR: &str = "Romantic Sales coaching";

/// How many days `tips feed` holds unless told otherwise: a week.
pub const DEFAULT_DAYS: u16 = 7;

/// The feed's own id where no base URL is given: a tag URI (RFC 4151)
/// under `.invalid`, a name nobody can own (RFC 2606), so that it never
/// clashes with an id someone else minted.
const FEED_TAG: &str = "tag:romantic-sales.invalid,2013-02-04:tips-feed";

/// The feed's own id: its address where a base URL is given, since that
/// is the one name a team's feed has that no other team's shares (RFC 4287
/// asks for ids unique everywhere, and a reader that follows two teams
/// must not take one team's day for the other's).
pub fn feed_id(base_url: Option<&str>) -> String {
    match base_url {
        Some(base) => format!("{base}/{FEED_FILE}"),
        None => FEED_TAG.to_string(),
    }
}

/// An entry's id: the feed's id and the day, whatever tip the day has, so
/// that a changed playbook never makes a chat tool post a day again.
pub fn entry_id(date: NaiveDate, base_url: Option<&str>) -> String {
    match base_url {
        Some(base) => format!("{base}/{FEED_FILE}#{}", dates::iso(date)),
        None => format!(
            "tag:romantic-sales.invalid,{}:tip-of-the-day",
            dates::iso(date)
        ),
    }
}

/// The entry of one day, ready to be written in either form. Its text is
/// already made safe: `title` is plain text with nothing invisible left in
/// it, `content_html` is HTML with every piece of playbook text escaped.
pub struct Entry {
    pub id: String,
    pub title: String,
    /// The first moment of the day in the local zone, in RFC 3339.
    pub published: String,
    /// The tip's page on the site, where a base URL is given.
    pub url: Option<String>,
    pub content_html: String,
}

/// The whole feed: its links where a base URL is given, and the entries
/// newest first.
pub struct Feed {
    pub updated: String,
    pub id: String,
    /// The feed's own address: `{base_url}/feed.xml`.
    pub feed_url: Option<String>,
    /// The site's front page: `{base_url}/index.html`.
    pub home_page_url: Option<String>,
    pub entries: Vec<Entry>,
}

/// The first of `days` days that end on `today`, or `None` where it would
/// fall before 1 January of year 1, the first day `tips` knows.
pub fn first_day(today: NaiveDate, days: u16) -> Option<NaiveDate> {
    let first = today.checked_sub_days(Days::new(u64::from(days.max(1)) - 1))?;
    (first >= first_known_day()).then_some(first)
}

fn first_known_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(dates::FIRST_YEAR, 1, 1).expect("1 January exists")
}

impl Feed {
    /// The tip of each of `days` days ending on `today`, newest first. Days
    /// before year 1 are left out (`tips feed` refuses to ask for them).
    /// `base_url` is an absolute http(s) URL as [`parse_base_url`] gives it.
    pub fn new(tips: &TipSet, today: NaiveDate, days: u16, base_url: Option<&str>) -> Feed {
        let base_url = base_url.map(|url| url.trim_end_matches('/'));
        let zone = LocalZone::find();
        let entries: Vec<Entry> = today
            .iter_days()
            .rev()
            .take(usize::from(days))
            .take_while(|date| *date >= first_known_day())
            .map(|date| entry(date, schedule::tip_for(date, tips), base_url, &zone))
            .collect();
        Feed {
            // The feed changes when a day begins: its newest entry's time.
            updated: entries.first().map_or_else(
                || zone.start_of_day(today),
                |newest| newest.published.clone(),
            ),
            id: feed_id(base_url),
            feed_url: base_url.map(|base| format!("{base}/{FEED_FILE}")),
            home_page_url: base_url.map(|base| format!("{base}/{INDEX_PAGE}")),
            entries,
        }
    }
}

fn entry(date: NaiveDate, tip: &Tip, base_url: Option<&str>, zone: &LocalZone) -> Entry {
    let mut content_html = String::new();
    if schedule::is_valentines_day(date) {
        content_html.push_str(&format!(
            "<p><strong>{}</strong></p>\n",
            escape(VALENTINES_GREETING)
        ));
    }
    content_html.push_str(&markup::tip_html(tip, 2));
    // Parsers differ on whether they keep a final line break; with none,
    // every one reads the same text.
    content_html.truncate(content_html.trim_end().len());
    Entry {
        id: entry_id(date, base_url),
        title: format!("Tip {} · {}", tip.number, markup::shown(&tip.title)),
        published: zone.start_of_day(date),
        url: base_url.map(|base| format!("{base}/{}", markup::tip_page_path(&tip.slug))),
        content_html,
    }
}

/// The Atom document of `days` days ending on `today`, written whole:
/// `tips feed`, and the site's feed.xml.
pub fn atom(
    out: &mut impl Write,
    tips: &TipSet,
    today: NaiveDate,
    days: u16,
    base_url: Option<&str>,
) -> io::Result<()> {
    write_atom(out, &Feed::new(tips, today, days, base_url))
}

/// A feed as Atom 1.0, an entry at a time.
fn write_atom(out: &mut impl Write, feed: &Feed) -> io::Result<()> {
    out.write_all(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")?;
    out.write_all(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")?;
    writeln!(out, "  <id>{}</id>", escape(&feed.id))?;
    writeln!(out, "  <title>{}</title>", escape(FEED_TITLE))?;
    writeln!(out, "  <updated>{}</updated>", feed.updated)?;
    writeln!(out, "  <author><name>{}</name></author>", escape(AUTHOR))?;
    writeln!(
        out,
        "  <generator version=\"{}\">tips</generator>",
        env!("CARGO_PKG_VERSION")
    )?;
    if let Some(url) = &feed.feed_url {
        writeln!(
            out,
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            escape(url)
        )?;
    }
    if let Some(url) = &feed.home_page_url {
        writeln!(
            out,
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(url)
        )?;
    }
    for entry in &feed.entries {
        out.write_all(b"  <entry>\n")?;
        writeln!(out, "    <id>{}</id>", escape(&entry.id))?;
        writeln!(out, "    <title>{}</title>", escape(&entry.title))?;
        writeln!(out, "    <published>{}</published>", entry.published)?;
        writeln!(out, "    <updated>{}</updated>", entry.published)?;
        if let Some(url) = &entry.url {
            writeln!(
                out,
                "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
                escape(url)
            )?;
        }
        // The HTML is escaped once more as the element's text, as RFC 4287
        // asks of type="html": a reader unescapes it to the fragment, and
        // the fragment's own references then to the playbook's text.
        writeln!(
            out,
            "    <content type=\"html\">{}</content>",
            escape_markup(&entry.content_html)
        )?;
        out.write_all(b"  </entry>\n")?;
    }
    out.write_all(b"</feed>\n")
}

/// `--base-url`: an absolute http or https URL that pages can be put
/// under, checked so that every link built from it is one, and with any
/// trailing slash left off.
pub fn parse_base_url(text: &str) -> Result<String, String> {
    let lower = text.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &text[8..]
    } else if lower.starts_with("http://") {
        &text[7..]
    } else {
        return Err(
            "expected an absolute http or https URL, such as https://intranet.example.com/tips"
                .to_string(),
        );
    };
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() {
        return Err("the URL names no host, as in https://intranet.example.com/tips".to_string());
    }
    if let Some(c) = text.chars().find(|c| !fits_in_a_url(*c)) {
        return Err(format!(
            "a URL cannot hold {}: write it percent-encoded",
            describe(c)
        ));
    }
    let bytes = text.as_bytes();
    let stray_percent = bytes.iter().enumerate().any(|(at, byte)| {
        *byte == b'%'
            && !bytes
                .get(at + 1..at + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if stray_percent {
        return Err("a % in a URL starts two hex digits, as in %20".to_string());
    }
    if text.contains(['?', '#']) {
        return Err("the URL is where pages go: leave out its ? query or # fragment".to_string());
    }
    if host.contains('@') {
        return Err("leave the user name and password out of the URL".to_string());
    }
    check_host_and_port(host)?;
    // The folder the site is served from, not a file in it: the feed's own
    // address given by mistake would make links to feed.xml/feed.xml.
    let path = rest[host.len()..].trim_end_matches('/');
    let last = path.rsplit('/').next().unwrap_or_default();
    let pages = [".xml", ".html", ".htm", ".ics", ".json"];
    if pages
        .iter()
        .any(|end| last.to_ascii_lowercase().ends_with(end))
    {
        return Err(format!(
            "the URL is the folder the site is served from, not a file in it: leave out /{last}"
        ));
    }
    Ok(text.trim_end_matches('/').to_string())
}

/// A host (a name, an IPv4 address or an IPv6 one in brackets) and an
/// optional port from 1 to 65535, as `host[:port]`.
fn check_host_and_port(authority: &str) -> Result<(), String> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (address, after) = bracketed
                .split_once(']')
                .ok_or("an IPv6 address in a URL is closed with ], as in http://[::1]:8080")?;
            if address.parse::<std::net::Ipv6Addr>().is_err() {
                return Err(format!("[{address}] is not an IPv6 address"));
            }
            match after {
                "" => (address, None),
                _ => match after.strip_prefix(':') {
                    Some(port) => (address, Some(port)),
                    None => return Err(format!("{after} cannot follow an IPv6 address")),
                },
            }
        }
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if host.is_empty() {
        return Err("the URL names no host, as in https://intranet.example.com/tips".to_string());
    }
    if !authority.starts_with('[') && host.contains(['[', ']', ':']) {
        return Err(format!("{host} is not a host name"));
    }
    match port {
        Some(port) if !port.parse::<u16>().is_ok_and(|port| port >= 1) => Err(format!(
            "{port} is not a port: a port is a number from 1 to 65535"
        )),
        _ => Ok(()),
    }
}

/// The characters RFC 3986 and RFC 3987 allow in a URL or an IRI: ASCII
/// letters, digits and the punctuation that has a place there, and
/// printable characters beyond ASCII.
fn fits_in_a_url(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
        || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
}

fn describe(c: char) -> String {
    if c == ' ' {
        "a space".to_string()
    } else if c.is_control() || c.is_whitespace() {
        format!("the character U+{:04X}", u32::from(c))
    } else {
        format!("'{c}'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_base_url_is_an_absolute_http_url_kept_without_its_final_slash() {
        for (given, kept) in [
            (
                "https://intranet.example.com/tips/",
                "https://intranet.example.com/tips",
            ),
            ("HTTP://intranet:8080", "HTTP://intranet:8080"),
            (
                "https://[::1]:8443/~coach/tips",
                "https://[::1]:8443/~coach/tips",
            ),
            (
                "https://intranet.example.com/équipe",
                "https://intranet.example.com/équipe",
            ),
            (
                "https://intranet.example.com/my%20tips",
                "https://intranet.example.com/my%20tips",
            ),
        ] {
            assert_eq!(parse_base_url(given).as_deref(), Ok(kept), "{given}");
        }
        for refused in [
            "intranet/tips",
            "file:///srv/tips",
            "https://",
            "https:///tips",
            "https://a b",
            "https://x/?q",
            "https://x/#top",
            "https://me@x/",
            "https://x/\u{7}",
            "https://x/\"onload=",
            "https://x/100%",
            "https://x/%zz",
            "https://:80/t",
            "https://x.example:abc/t",
            "https://x.example:99999/t",
            "https://x.example:0/",
            "https://[zz]/t",
            "https://[::1/t",
            "https://x.example/t/feed.xml",
            "https://x.example/t/index.html",
        ] {
            assert!(parse_base_url(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn the_first_day_is_never_before_year_one() {
        assert_eq!(first_day(day("2027-02-10"), 7), Some(day("2027-02-04")));
        assert_eq!(first_day(day("0001-01-07"), 7), Some(day("0001-01-01")));
        assert_eq!(first_day(day("0001-01-07"), 8), None);
    }

    #[test]
    fn an_entry_id_names_the_feed_and_the_day_alone() {
        assert_eq!(
            entry_id(day("2027-02-10"), None),
            "tag:romantic-sales.invalid,2027-02-10:tip-of-the-day"
        );
        let tips = TipSet::builtin();
        let feed = Feed::new(&tips, day("2027-02-10"), 3, Some("https://x/tips/"));
        let ids: Vec<&str> = feed.entries.iter().map(|entry| entry.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "https://x/tips/feed.xml#2027-02-10",
                "https://x/tips/feed.xml#2027-02-09",
                "https://x/tips/feed.xml#2027-02-08",
            ]
        );
        assert_eq!(feed.id, "https://x/tips/feed.xml");
        assert_eq!(
            feed.entries[0].url.as_deref(),
            Some("https://x/tips/tip/respect.html")
        );
        assert_eq!(feed.feed_url.as_deref(), Some("https://x/tips/feed.xml"));
        assert_eq!(Feed::new(&tips, day("2027-02-10"), 1, None).id, FEED_TAG);
    }
}
