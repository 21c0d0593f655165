//! Tips, the set of tips in force, and finding tips by name or by words.

use std::borrow::Cow;

use crate::schema::RawTip;

/// Text that is either built in (borrowed from the binary) or read from a
/// playbook at run time (owned).
pub type Text = Cow<'static, str>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tip {
    pub number: u32,
    pub slug: Text,
    pub title: Text,
    pub tagline: Option<Text>,
    pub body: Text,
    pub prompts: Cow<'static, [Text]>,
    pub action: Option<Text>,
    pub source: Option<Text>,
}

include!(concat!(env!("OUT_DIR"), "/builtin_tips.rs"));

impl From<RawTip> for Tip {
    fn from(raw: RawTip) -> Tip {
        Tip {
            number: raw.number.into_inner(),
            slug: raw.slug.into_inner().into(),
            title: raw.title.into(),
            tagline: raw.tagline.map(Into::into),
            body: raw.body.into(),
            prompts: raw
                .prompts
                .into_iter()
                .map(Into::into)
                .collect::<Vec<_>>()
                .into(),
            action: raw.action.map(Into::into),
            source: raw.source.map(Into::into),
        }
    }
}

/// The tips in force: the built-in ones, a playbook's, or both. Never
/// empty, and always ordered by number.
#[derive(Debug, Clone)]
pub struct TipSet {
    tips: Cow<'static, [Tip]>,
}

impl TipSet {
    pub fn builtin() -> TipSet {
        TipSet {
            tips: Cow::Borrowed(BUILTIN_TIPS),
        }
    }

    /// A set from a checked playbook (numbers and slugs already unique).
    pub fn from_playbook(tips: Vec<Tip>, replace_builtin: bool) -> TipSet {
        let mut all = if replace_builtin {
            Vec::new()
        } else {
            BUILTIN_TIPS.to_vec()
        };
        all.extend(tips);
        all.sort_by_key(|tip| tip.number);
        debug_assert!(!all.is_empty(), "a playbook holds at least one tip");
        TipSet { tips: all.into() }
    }

    pub fn all(&self) -> &[Tip] {
        &self.tips
    }

    pub fn by_number(&self, number: u32) -> Option<&Tip> {
        self.tips
            .binary_search_by_key(&number, |tip| tip.number)
            .ok()
            .map(|index| &self.tips[index])
    }

    /// Finds a tip by slug, number or unique slug prefix, ignoring case.
    pub fn find(&self, name: &str) -> Result<&Tip, LookupError> {
        let wanted = name.trim().to_lowercase();
        if let Ok(number) = wanted.parse::<u32>() {
            if let Some(tip) = self.by_number(number) {
                return Ok(tip);
            }
        }
        if let Some(tip) = self.tips.iter().find(|tip| tip.slug == wanted) {
            return Ok(tip);
        }
        let matches: Vec<&Tip> = if wanted.is_empty() {
            Vec::new()
        } else {
            self.tips
                .iter()
                .filter(|tip| tip.slug.starts_with(&wanted))
                .collect()
        };
        match matches.as_slice() {
            [tip] => Ok(tip),
            [] => Err(LookupError::Unknown {
                closest: self.closest_slugs(&wanted),
            }),
            several => Err(LookupError::Ambiguous {
                candidates: several.iter().map(|tip| tip.slug.to_string()).collect(),
            }),
        }
    }

    /// The slugs most like a name that matched none (the closest, in
    /// number order, three at most); none where no slug is really like the
    /// name.
    fn closest_slugs(&self, wanted: &str) -> Vec<String> {
        crate::schema::nearest_names(wanted, self.tips.iter().map(|tip| tip.slug.as_ref()))
            .into_iter()
            .take(3)
            .map(str::to_string)
            .collect()
    }

    /// The tips that contain every word, best match first: a word in the
    /// title counts most, then the tagline, then prompts and action, then
    /// the body.
    pub fn search(&self, words: &[String]) -> Vec<&Tip> {
        let words: Vec<String> = words
            .iter()
            .flat_map(|word| word.split_whitespace())
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(u32, &Tip)> = self
            .tips
            .iter()
            .filter_map(|tip| score(tip, &words).map(|score| (score, tip)))
            .collect();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.number.cmp(&b.1.number)));
        hits.into_iter().map(|(_, tip)| tip).collect()
    }
}

/// The weight of each field in a search; `None` unless every word is found.
fn score(tip: &Tip, words: &[String]) -> Option<u32> {
    let fields: Vec<(String, u32)> = [
        (Some(tip.title.as_ref()), 8),
        (tip.tagline.as_deref(), 4),
        (tip.action.as_deref(), 2),
        (Some(tip.body.as_ref()), 1),
    ]
    .into_iter()
    .filter_map(|(text, weight)| text.map(|text| (text.to_lowercase(), weight)))
    .chain(tip.prompts.iter().map(|prompt| (prompt.to_lowercase(), 2)))
    .collect();

    let mut total = 0;
    for word in words {
        let found: u32 = fields
            .iter()
            .filter(|(text, _)| text.contains(word.as_str()))
            .map(|(_, weight)| weight)
            .sum();
        if found == 0 {
            return None;
        }
        total += found;
    }
    Some(total)
}

/// How alike (Jaro-Winkler, 0 to 1) a name and a slug must be before the
/// slug is offered as a suggestion: typos such as `respekt` or `lisen`
/// score above 0.85, unrelated words such as `qqqq` or `pricing` below.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    Unknown { closest: Vec<String> },
    Ambiguous { candidates: Vec<String> },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tip_seven_is_respect_and_carries_the_articles_ideas() {
        let respect = TipSet::builtin().by_number(7).cloned().unwrap();
        assert_eq!(respect.slug, "respect");
        assert_eq!(respect.title, "Respect");
        let text = format!(
            "{} {} {}",
            respect.body,
            respect.prompts.join(" "),
            respect.action.as_deref().unwrap()
        );
        for idea in [
            "trust",
            "compromise",
            "walk away",
            "how the product works",
            "Croco Mojo",
            "fight or flight",
            "reptilian",
        ] {
            assert!(text.contains(idea), "Respect lacks the idea {idea:?}");
        }
        assert!(respect
            .source
            .as_deref()
            .unwrap()
            .contains("10 February 2013"));
    }

    /// build.rs checks the fields; this checks the prose: a body of two
    /// to five sentences reads as one paragraph of coaching.
    #[test]
    fn every_builtin_body_is_two_to_five_sentences() {
        for tip in TipSet::builtin().all() {
            let sentences = tip.body.matches(". ").count() + 1;
            assert!(
                (2..=5).contains(&sentences),
                "tip {} body has {sentences} sentences",
                tip.number
            );
        }
    }

    #[test]
    fn the_nine_written_tips_say_they_are_written_in_the_series_spirit() {
        for tip in TipSet::builtin().all().iter().filter(|tip| tip.number != 7) {
            assert!(tip
                .source
                .as_deref()
                .unwrap()
                .contains("spirit of the Romantic Sales series"));
        }
    }

    #[test]
    fn find_takes_slug_number_prefix_in_any_case() {
        let tips = TipSet::builtin();
        for name in ["respect", "RESPECT", "7", "resp", " Resp "] {
            assert_eq!(tips.find(name).unwrap().number, 7, "{name}");
        }
    }

    #[test]
    fn find_refuses_an_ambiguous_prefix_and_names_the_candidates() {
        let error = TipSet::builtin().find("l").unwrap_err();
        assert_eq!(
            error,
            LookupError::Ambiguous {
                candidates: vec!["listen".into(), "love-language".into()]
            }
        );
    }

    #[test]
    fn find_suggests_the_closest_slug_for_a_typo() {
        match TipSet::builtin().find("respekt").unwrap_err() {
            LookupError::Unknown { closest } => assert_eq!(closest[0], "respect"),
            other => panic!("expected Unknown, got {other:?}"),
        }
    }

    #[test]
    fn find_rejects_empty_and_out_of_range_names() {
        let tips = TipSet::builtin();
        for name in ["", "0", "11", "4294967296", "-1", "\u{1b}[2J"] {
            assert!(
                matches!(tips.find(name), Err(LookupError::Unknown { .. })),
                "{name:?}"
            );
        }
    }

    #[test]
    fn search_needs_every_word_and_ranks_title_hits_first() {
        let tips = TipSet::builtin();
        let hits = tips.search(&["respect".to_string()]);
        assert_eq!(hits[0].slug, "respect");
        assert!(tips
            .search(&["croco".into(), "mojo".into()])
            .iter()
            .all(|tip| tip.number == 7));
        assert!(tips.search(&["respect".into(), "zebra".into()]).is_empty());
        assert!(tips.search(&[]).is_empty());
    }

    #[test]
    fn playbook_tips_join_the_builtin_ones_in_number_order() {
        let extra = Tip {
            number: 5,
            ..TipSet::builtin().by_number(7).unwrap().clone()
        };
        let joined = TipSet::from_playbook(
            vec![Tip {
                number: 12,
                ..extra.clone()
            }],
            false,
        );
        assert_eq!(joined.all().len(), 11);
        assert_eq!(joined.all().last().unwrap().number, 12);
        let replaced = TipSet::from_playbook(vec![extra], true);
        assert_eq!(replaced.all().len(), 1);
    }
}
