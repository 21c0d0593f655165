//! The tip of each day as an Atom feed. (Stand-in until the shared module
//! lands.)

use chrono::NaiveDate;
use std::io::{self, Write};

use crate::markup::{escape, tip_page_path};
use crate::schedule;
use crate::tip::TipSet;

pub fn atom(
    out: &mut impl Write,
    tips: &TipSet,
    today: NaiveDate,
    days: u16,
    base_url: Option<&str>,
) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>")?;
    writeln!(out, "<feed xmlns=\"http://www.w3.org/2005/Atom\">")?;
    writeln!(out, "<title>Romantic Sales tips</title>")?;
    writeln!(
        out,
        "<id>urn:tips:feed</id><updated>{today}T00:00:00Z</updated>"
    )?;
    for back in 0..days {
        let Some(date) = today.checked_sub_days(chrono::Days::new(back.into())) else {
            break;
        };
        let tip = schedule::tip_for(date, tips);
        writeln!(
            out,
            "<entry><title>Tip {} · {}</title><id>urn:tips:{date}</id><updated>{date}T00:00:00Z</updated>",
            tip.number,
            escape(&tip.title)
        )?;
        if let Some(base) = base_url {
            writeln!(
                out,
                "<link href=\"{}{}\"/>",
                escape(base),
                tip_page_path(&tip.slug)
            )?;
        }
        writeln!(out, "</entry>")?;
    }
    writeln!(out, "</feed>")
}
