//! What the server reads aloud for a step: the text a learner sees, in order, written so
//! that a speech synthesiser reads it sensibly. Headings, paragraphs, list items, callouts
//! and questions end with a full stop (a pause); an image is read as "Image : " and its
//! description (decorative images, with an empty `alt`, are skipped); a link is read by its
//! words, and an address (`https://www.exemple.fr/a/b`) by its site's name only
//! (`exemple.fr`), never character by character; what is not shown (text for screen
//! readers only, the closed glossary under the step) is not read; nor are symbols and
//! emoji (arrows, pictograms) that a synthesiser would spell out.
//!
//! It reads the sanitised HTML the loader made (well-formed, attributes in double quotes,
//! text escaped), so a small scanner is enough.

use crate::ssr::content::exercise::Kind;
use crate::ssr::content::{Block, Step};
use crate::text;

/// The text to read for `step`; empty if there is nothing to read.
pub fn step_text(step: &Step) -> String {
    let mut out = Speech::default();
    for block in &step.blocks {
        match block {
            Block::Html(html) => out.html(html),
            Block::Question(q) => {
                out.pause();
                out.words(text::QUESTION);
                out.words(" ");
                out.words(&q.prompt);
                out.pause();
                for answer in &q.answers {
                    out.words(&answer.text);
                    out.pause();
                }
            }
            Block::Exercise(e) => {
                let consigne = match &e.kind {
                    Kind::Mailbox(m) => Some(m.consigne.as_str()),
                    Kind::Form(f) => Some(f.consigne.as_str()),
                    Kind::Fake(f) => f.consigne.as_deref(),
                    Kind::Mouse(_) => None,
                };
                if let Some(c) = consigne {
                    out.pause();
                    out.words(c);
                    out.pause();
                }
            }
        }
    }
    out.finish()
}

/// Elements whose start and end are a pause.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "div",
    "section",
    "article",
    "aside",
    "blockquote",
    "figure",
    "figcaption",
    "tr",
    "td",
    "th",
    "caption",
    "summary",
    "details",
    "pre",
    "ul",
    "ol",
    "dl",
    "table",
    "br",
    "hr",
];

/// Elements without an end tag.
const VOID: &[&str] = &["br", "hr", "img", "input", "wbr", "col", "source"];

/// The text being built, sentence by sentence.
#[derive(Default)]
struct Speech {
    out: String,
    /// Inside an element not shown: its name and how deep (the same name nested).
    skipping: Option<(String, usize)>,
}

impl Speech {
    /// Ends the sentence being read: a full stop unless it already ends with a mark.
    fn pause(&mut self) {
        let trimmed = self.out.trim_end().len();
        self.out.truncate(trimmed);
        if let Some(last) = self.out.chars().last()
            && !matches!(last, '.' | '!' | '?' | ':' | ';' | '…' | ',')
        {
            self.out.push('.');
        }
        if !self.out.is_empty() {
            self.out.push(' ');
        }
    }

    /// Adds text as shown (already decoded), its addresses shortened and its symbols left
    /// out.
    fn words(&mut self, text: &str) {
        let mut first = true;
        for piece in text.split(char::is_whitespace) {
            if !first {
                self.out.push(' ');
            }
            first = false;
            self.out.push_str(&spoken_word(piece));
        }
    }

    fn html(&mut self, html: &str) {
        let mut rest = html;
        while !rest.is_empty() {
            let Some(start) = rest.find('<') else {
                self.text(rest);
                break;
            };
            self.text(&rest[..start]);
            let Some(end) = rest[start..].find('>') else {
                break;
            };
            self.tag(&rest[start + 1..start + end]);
            rest = &rest[start + end + 1..];
        }
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() || self.skipping.is_some() {
            return;
        }
        let decoded = html_escape::decode_html_entities(raw);
        self.words(&decoded);
    }

    /// `inside`: what is between `<` and `>`.
    fn tag(&mut self, inside: &str) {
        if inside.starts_with('!') || inside.starts_with('?') {
            return;
        }
        let closing = inside.starts_with('/');
        let body = inside.trim_start_matches('/').trim_end_matches('/');
        let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
        let name = body[..name_end].to_ascii_lowercase();
        let attrs = &body[name_end..];
        if let Some((skipped, depth)) = &mut self.skipping {
            if *skipped == name && !VOID.contains(&name.as_str()) {
                if closing {
                    *depth -= 1;
                } else {
                    *depth += 1;
                }
                if *depth == 0 {
                    self.skipping = None;
                }
            }
            return;
        }
        if !closing && !VOID.contains(&name.as_str()) && not_shown(attrs) {
            self.skipping = Some((name, 1));
            return;
        }
        if name == "img" {
            if let Some(alt) = attribute(attrs, "alt").filter(|a| !a.trim().is_empty()) {
                self.pause();
                self.words(text::LISTEN_IMAGE);
                self.words(" ");
                self.words(&alt);
                self.pause();
            }
            return;
        }
        if BLOCKS.contains(&name.as_str()) {
            self.pause();
        }
    }

    fn finish(mut self) -> String {
        self.pause();
        let mut out = String::with_capacity(self.out.len());
        let mut space = false;
        for c in self.out.trim().chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            // A mark after a space (" ." left by a skipped symbol) joins the word before.
            if space && !matches!(c, '.' | ',') {
                out.push(' ');
            }
            space = false;
            // Two full stops in a row (a pause after a sentence that had its own).
            if c == '.' && out.ends_with(['.', '!', '?', ':', ';', '…']) {
                continue;
            }
            out.push(c);
        }
        out
    }
}

/// An element that is on the page but not shown to the learner as text: for screen
/// readers only, hidden, or the glossary under the step (closed explanations).
fn not_shown(attrs: &str) -> bool {
    let classes = attribute(attrs, "class").unwrap_or_default();
    let class = |c: &str| classes.split_whitespace().any(|x| x == c);
    class("visually-hidden")
        || class("glossaire")
        || attrs
            .split_whitespace()
            .any(|a| a == "hidden" || a.starts_with("hidden="))
        || attribute(attrs, "aria-hidden").as_deref() == Some("true")
}

/// The decoded value of `name="…"` in a tag's attributes.
fn attribute(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        let at = rest.find(name)?;
        let before_ok = at == 0 || rest[..at].ends_with(char::is_whitespace);
        let after = &rest[at + name.len()..];
        if before_ok && let Some(value) = after.strip_prefix("=\"") {
            let end = value.find('"')?;
            return Some(html_escape::decode_html_entities(&value[..end]).into_owned());
        }
        rest = after;
    }
}

/// One word as it is read: an address becomes its site's name; symbols that are not
/// words (arrows, pictograms) are left out.
fn spoken_word(word: &str) -> String {
    let core_start = word
        .find(|c: char| !matches!(c, '(' | '«' | '"' | '\'' | '[' | '<'))
        .unwrap_or(word.len());
    let (lead, core) = word.split_at(core_start);
    let core_end = core
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '»', '"', ']', '>'])
        .len();
    let (core, trail) = core.split_at(core_end);
    let lower = core.to_ascii_lowercase();
    let core = if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .or_else(|| lower.starts_with("www.").then_some(lower.as_str()))
    {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = host.split('@').next_back().unwrap_or_default();
        let host = host.split(':').next().unwrap_or_default();
        host.strip_prefix("www.").unwrap_or(host).to_string()
    } else {
        core.to_string()
    };
    format!("{lead}{core}{trail}")
        .chars()
        .filter(|c| !is_symbol(*c))
        .collect()
}

/// Arrows, pictograms and emoji: a synthesiser names them ("flèche vers la droite"), which
/// says nothing to the learner.
fn is_symbol(c: char) -> bool {
    matches!(c as u32,
        0x2190..=0x21FF   // arrows
        | 0x2300..=0x23FF // technical symbols
        | 0x25A0..=0x27BF // shapes, dingbats, miscellaneous symbols
        | 0x2B00..=0x2BFF // more arrows
        | 0xFE0F          // emoji presentation
        | 0x1F000..=0x1FAFF // emoji
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::content::Question;
    use crate::ssr::content::question::Answer;

    fn step(blocks: Vec<Block>) -> Step {
        Step {
            slug: "s".into(),
            title: "T".into(),
            blocks,
        }
    }

    fn html(h: &str) -> String {
        step_text(&step(vec![Block::Html(h.into())]))
    }

    #[test]
    fn headings_paragraphs_and_list_items_end_with_a_pause() {
        assert_eq!(
            html(
                "<h2><span class=\"phrase\">Le signe @</span></h2>\n\
                 <p><span class=\"phrase\">Voici une adresse :</span></p>\n\
                 <ul>\n<li>Avant le @, le <strong>nom</strong></li>\n<li>Après</li>\n</ul>\n\
                 <p>Fin !</p>"
            ),
            "Le signe @. Voici une adresse : Avant le @, le nom. Après. Fin !"
        );
    }

    #[test]
    fn callouts_read_their_title_then_their_text() {
        assert_eq!(
            html(
                "<div class=\"callout analogie\" role=\"note\"><p class=\"callout-title\">\
                 <span class=\"phrase\">Pour comparer</span></p>\n<p>Comme une enveloppe</p></div>"
            ),
            "Pour comparer. Comme une enveloppe."
        );
    }

    #[test]
    fn entities_are_read_as_the_characters_shown() {
        assert_eq!(
            html("<p>Jean &amp; Marie l&#39;ont dit&nbsp;: &laquo;&nbsp;oui&nbsp;&raquo;</p>"),
            "Jean & Marie l'ont dit : « oui »."
        );
    }

    #[test]
    fn addresses_are_read_by_their_site_never_spelled() {
        assert_eq!(
            html(
                "<p>Allez sur <a href=\"https://www.service-public.fr/particuliers/vosdroits\">\
                 https://www.service-public.fr/particuliers/vosdroits</a>.</p>\
                 <p>Ou www.impots.gouv.fr, ou (http://exemple.fr/a?b=c).</p>"
            ),
            "Allez sur service-public.fr. Ou impots.gouv.fr, ou (exemple.fr)."
        );
        // An e-mail address is read as it is written (the lesson teaches it).
        assert_eq!(
            html("<p><strong>marie.dupont@exemple.fr</strong></p>"),
            "marie.dupont@exemple.fr."
        );
    }

    #[test]
    fn images_are_read_by_their_description_unless_decorative() {
        assert_eq!(
            html(
                "<p>Regardez :</p><p><img src=\"/medias/m/a.png\" alt=\"Un trombone &quot;gris&quot;\"></p>\
                 <p><img src=\"/medias/m/b.png\" alt=\"\"></p><p>Fin</p>"
            ),
            format!(
                "Regardez : {} Un trombone \"gris\". Fin.",
                text::LISTEN_IMAGE
            )
        );
    }

    #[test]
    fn what_is_not_shown_is_not_read() {
        assert_eq!(
            html(
                "<p>Cliquez <span class=\"visually-hidden\">(lien <span>externe</span>)</span>ici</p>\
                 <section class=\"glossaire\" aria-label=\"Les mots\"><details id=\"mot-a\">\
                 <summary>Navigateur</summary>\n<p>Le programme</p></details></section>\
                 <p aria-hidden=\"true\">Déco</p><p>Suite</p>"
            ),
            "Cliquez ici. Suite."
        );
    }

    #[test]
    fn arrows_and_emoji_are_not_read() {
        assert_eq!(
            html("<p>Cliquez sur « Suivant → » 🙂 ✅ puis ← Retour</p>"),
            "Cliquez sur « Suivant » puis Retour."
        );
    }

    #[test]
    fn questions_read_the_prompt_and_each_answer() {
        let q = Question {
            id: "q".into(),
            prompt: "Quelle adresse est bien écrite ?".into(),
            multiple: false,
            hint: None,
            answers: vec![
                Answer {
                    text: "marie dupont".into(),
                    correct: false,
                    explanation: Some("Non : il manque le @.".into()),
                },
                Answer {
                    text: "marie.dupont@exemple.fr".into(),
                    correct: true,
                    explanation: None,
                },
            ],
        };
        assert_eq!(
            step_text(&step(vec![
                Block::Html("<h2>Une question</h2>".into()),
                Block::Question(q)
            ])),
            format!(
                "Une question. {} Quelle adresse est bien écrite ? marie dupont. marie.dupont@exemple.fr.",
                text::QUESTION.trim()
            )
        );
    }

    #[test]
    fn every_shipped_step_has_something_to_read_and_no_markup() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let report = crate::ssr::content::load(&dir);
        let mut steps = 0;
        for m in report.catalog.all() {
            for l in &m.lessons {
                for s in &l.steps {
                    let t = step_text(s);
                    if std::env::var_os("PAP_PRINT_SPEECH").is_some() {
                        eprintln!("{}/{}/{}: {t}\n", m.slug, l.slug, s.slug);
                    }
                    steps += 1;
                    assert!(t.len() > 10, "{}/{}/{}: {t:?}", m.slug, l.slug, s.slug);
                    for bad in ["<", ">", "&amp;", "&#", "http", "**", "](", "→"] {
                        assert!(
                            !t.contains(bad),
                            "{}/{}/{} reads {bad:?}: {t}",
                            m.slug,
                            l.slug,
                            s.slug
                        );
                    }
                }
            }
        }
        assert!(steps > 50, "only {steps} steps");
    }
}
