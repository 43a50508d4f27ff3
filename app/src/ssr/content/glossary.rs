//! The glossary (`content/glossaire.md`): words trainers explain once; in lessons, the first
//! use of each word in a step becomes a link to an explanation the learner can open
//! (`<details>`: keyboard and no JavaScript needed).
//!
//! ```text
//! ## Pièce jointe / pièces jointes {#piece-jointe}
//! Un fichier envoyé avec un e-mail : une photo, un document.
//! ```

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::front_matter;
use super::markdown::html::{options, sanitize};
use super::problem::{LineIndex, Position, Problem};
use super::slug;

/// One explained word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Stable identifier (for links and the jargon check).
    pub slug: String,
    /// The word as shown in the explanation's title.
    pub term: String,
    /// The forms found in lessons, lowercase: the term and its variants.
    pub forms: Vec<String>,
    /// Sanitised HTML.
    pub definition: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Glossary {
    pub entries: Vec<Entry>,
}

pub const FILE: &str = "glossaire.md";

impl Glossary {
    pub fn slugs(&self) -> std::collections::HashSet<String> {
        self.entries
            .iter()
            .flat_map(|e| e.forms.iter().map(|f| slug::slugify(f)))
            .collect()
    }

    /// The first glossary word in `text` (lowercase search, whole words), not in `used`:
    /// (byte range in `text`, entry index).
    pub fn find(&self, text: &str, used: &[usize]) -> Option<(std::ops::Range<usize>, usize)> {
        // Most pieces of text are shorter than any word of the glossary (a lesson of 64 KiB
        // may hold 30 000 of them): nothing to look for.
        let shortest = self
            .entries
            .iter()
            .flat_map(|e| &e.forms)
            .map(String::len)
            .min()?;
        if text.len() < shortest {
            return None;
        }
        let lower = text.to_lowercase();
        if lower.len() != text.len() {
            // Lowercasing changed byte lengths (rare letters): no safe mapping, skip.
            return None;
        }
        // One pass over the text: at the start of each word, the first entry (in order) not
        // used with a form there (longest first). A search per form made a searcher for each
        // form and piece of text: a fifth of the time of a big lesson.
        let mut previous: Option<char> = None;
        for (at, c) in lower.char_indices() {
            let starts_word = previous.is_none_or(|p| !p.is_alphanumeric());
            previous = Some(c);
            if !starts_word {
                continue;
            }
            let rest = &lower[at..];
            for (i, e) in self.entries.iter().enumerate() {
                if used.contains(&i) {
                    continue;
                }
                for form in &e.forms {
                    if rest.starts_with(form.as_str())
                        && rest[form.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric())
                    {
                        return Some((at..at + form.len(), i));
                    }
                }
            }
        }
        None
    }
}

/// Reads `glossaire.md`; a missing file is an empty glossary.
pub fn load(tree: &super::Tree, problems: &mut Vec<Problem>) -> Glossary {
    let path = tree.dir().join(FILE);
    let Ok(text) = tree.read_to_string(&path) else {
        return Glossary::default();
    };
    if let Err(e) = front_matter::split(&text) {
        problems.push(Problem::error(&path, e.position, e.message));
        return Glossary::default();
    }
    parse(&text, &path, problems)
}

/// Checks the glossary's text as the loader would, for the trainers' editor.
pub fn check(text: &str, path: &std::path::Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    match front_matter::split(text) {
        Err(e) => problems.push(Problem::error(path, e.position, e.message)),
        Ok(_) => {
            parse(text, path, &mut problems);
        }
    }
    problems
}

fn parse(text: &str, path: &std::path::Path, problems: &mut Vec<Problem>) -> Glossary {
    let lines = LineIndex::new(text);
    let mut entries: Vec<Entry> = Vec::new();
    let mut current: Option<(String, Option<String>, Vec<Event<'_>>, Position)> = None;
    let mut in_heading = false;
    let mut in_metadata = false;
    let mut finish = |current: Option<(String, Option<String>, Vec<Event<'_>>, Position)>,
                      entries: &mut Vec<Entry>| {
        let Some((heading, id, events, pos)) = current else {
            return;
        };
        let mut forms: Vec<String> = heading
            .split('/')
            .map(|f| f.trim().to_lowercase())
            .filter(|f| !f.is_empty())
            .collect();
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        let term = heading
            .split('/')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        let slug = id.unwrap_or_else(|| slug::slugify(&term));
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        let definition = sanitize(&html);
        if definition.trim().is_empty() {
            problems.push(Problem::error(
                path,
                pos,
                format!("le mot « {term} » n'a pas d'explication"),
            ));
        } else if entries.iter().any(|e| e.slug == slug) {
            problems.push(Problem::error(
                path,
                pos,
                format!("le mot « {term} » est deux fois dans le glossaire"),
            ));
        } else {
            entries.push(Entry {
                slug,
                term,
                forms,
                definition,
            });
        }
    };
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id,
                ..
            }) => {
                finish(current.take(), &mut entries);
                current = Some((
                    String::new(),
                    id.as_ref().map(|s| s.to_string()),
                    Vec::new(),
                    lines.position(range.start),
                ));
                in_heading = true;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => in_heading = false,
            Event::Text(t) if in_heading => {
                if let Some(c) = current.as_mut() {
                    c.0.push_str(t);
                }
            }
            _ if in_heading => {}
            _ => {
                if let Some(c) = current.as_mut() {
                    c.2.push(event);
                }
            }
        }
    }
    finish(current, &mut entries);
    Glossary { entries }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        let text = "+++\ntitle = \"Glossaire\"\n+++\n## Pièce jointe / pièces jointes\nUn fichier envoyé avec un e-mail.\n\n## Navigateur {#navigateur}\nLe programme pour aller sur Internet.\n";
        let mut problems = Vec::new();
        let g = parse(text, std::path::Path::new("glossaire.md"), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        g
    }

    #[test]
    fn reads_entries_with_variants() {
        let g = glossary();
        assert_eq!(g.entries.len(), 2);
        assert_eq!(g.entries[0].slug, "piece-jointe");
        assert_eq!(g.entries[0].term, "Pièce jointe");
        assert_eq!(g.entries[0].forms, ["pièces jointes", "pièce jointe"]);
        assert_eq!(
            g.entries[0].definition,
            "<p>Un fichier envoyé avec un e-mail.</p>\n"
        );
    }

    #[test]
    fn finds_the_first_unused_word_as_a_whole_word() {
        let g = glossary();
        let text = "Ouvrez le navigateur, puis la Pièce jointe.";
        let (range, i) = g.find(text, &[]).unwrap();
        assert_eq!((&text[range.clone()], i), ("navigateur", 1));
        let (range, i) = g.find(text, &[1]).unwrap();
        assert_eq!((&text[range], i), ("Pièce jointe", 0));
        assert!(g.find("les navigateurs", &[]).is_none());
        // Inside a word, then as a word; the longest form at the same place.
        let text = "unnavigateur (navigateur) pièces jointes";
        let (range, i) = g.find(text, &[]).unwrap();
        assert_eq!((range, i), (14..24, 1));
        let (range, i) = g.find(text, &[1]).unwrap();
        assert_eq!((&text[range], i), ("pièces jointes", 0));
    }
}
