//! Easy-to-read advice ("facile à lire"): warnings, never errors. Every threshold and word
//! list is in [`Rules`], in one place.

use std::collections::HashSet;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::markdown::{MAX_TAGS, options};
use super::problem::{LineIndex, Position};
use super::slug;

/// The thresholds and word lists of the easy-to-read advice.
#[derive(Clone, Debug)]
pub struct Rules {
    /// A sentence longer than this many words gets a warning.
    pub max_sentence_words: usize,
    /// A step longer than this many words gets a warning.
    pub max_step_words: usize,
    /// A paragraph with more instructions than this gets a warning.
    pub max_instructions_per_paragraph: usize,
    /// Words to explain the first time they are used in a lesson (or to put in the glossary).
    pub jargon: &'static [&'static str],
    /// Words that make a negation; more than one in a sentence is "stacked".
    pub negations: &'static [&'static str],
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            max_sentence_words: 15,
            max_step_words: 120,
            max_instructions_per_paragraph: 1,
            jargon: &[
                "pièce jointe",
                "navigateur",
                "identifiant",
                "url",
                "cookie",
                "cookies",
                "onglet",
                "serveur",
                "logiciel",
                "application",
                "télécharger",
                "téléchargement",
                "mot de passe",
                "wifi",
                "wi-fi",
                "spam",
                "hameçonnage",
                "phishing",
                "antivirus",
                "mise à jour",
                "fichier",
                "dossier",
                "lien",
                "barre d'adresse",
                "moteur de recherche",
                "webcam",
                "pdf",
                "clé usb",
                "connexion",
                "compte",
            ],
            negations: &[
                "pas", "jamais", "rien", "plus", "aucun", "aucune", "ni", "nulle",
            ],
        }
    }
}

/// A piece of advice, at a place in the lesson file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advice {
    pub position: Position,
    pub message: String,
}

/// What the glossary explains, for the jargon check.
pub type Glossary<'a> = &'a HashSet<String>;

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '’'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(pos, c)) in bytes.iter().enumerate() {
        let next_is_space = bytes.get(i + 1).is_none_or(|(_, n)| n.is_whitespace());
        if matches!(c, '.' | '!' | '?' | '…') && next_is_space {
            let end = pos + c.len_utf8();
            out.push(text[start..end].trim());
            start = end;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

fn short(sentence: &str) -> String {
    let w = words(sentence);
    if w.len() <= 8 {
        sentence.to_string()
    } else {
        format!("{}…", w[..8].join(" "))
    }
}

/// Verbs of instruction in the polite imperative: "Cliquez", "Tapez", "Ouvrez"…
fn instructions(paragraph: &str) -> usize {
    sentences(paragraph)
        .iter()
        .filter(|s| {
            words(s).first().is_some_and(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
                w.len() > 3
                    && w.ends_with("ez")
                    && w.chars().next().is_some_and(char::is_alphabetic)
            })
        })
        .count()
}

/// "Le message est envoyé par…", "Vous serez prévenu par…": a form of "être" then a past
/// participle, then "par". Without "par", only the compound forms, which are always passive
/// before a participle: "a été envoyé", "ont été bloqués".
fn is_passive(sentence: &str) -> bool {
    let w: Vec<String> = words(sentence)
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .collect();
    let etre = [
        "est", "sont", "été", "était", "étaient", "sera", "seront", "serez", "serons", "serai",
        "seras", "êtes", "sommes", "soit", "soient", "serait", "seraient",
    ];
    let participle = |w: &str| {
        [
            "é", "ée", "és", "ées", "i", "ie", "is", "ise", "ises", "it", "ite", "u", "ue", "us",
            "ues",
        ]
        .iter()
        .any(|end| w.ends_with(end) && w.chars().count() > 2)
            && !["une", "qui", "lui", "tous", "plus", "sous", "nous", "vous"].contains(&w)
    };
    let with_par = w
        .windows(3)
        .any(|win| etre.contains(&win[0].as_str()) && participle(&win[1]) && win[2] == "par");
    // "a été envoyé": the participle of "être" then another participle in -é.
    let compound = w.windows(3).any(|win| {
        ["a", "ont", "avez", "avons", "as", "ai", "avait", "avaient"].contains(&win[0].as_str())
            && win[1] == "été"
            && ["é", "ée", "és", "ées"].iter().any(|e| win[2].ends_with(e))
            && win[2].chars().count() > 3
    });
    with_par || compound
}

/// Two different negation words in a sentence ("ne … jamais rien"). A repeated word
/// ("ni … ni …", "ne … pas … et ne … pas") is one construction; our own name "Pas à Pas" is
/// not a negation.
fn stacked_negations(sentence: &str, rules: &Rules) -> bool {
    let lower = sentence.to_lowercase().replace("pas à pas", "");
    let distinct: HashSet<String> = words(&lower)
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_string())
        .filter(|w| rules.negations.contains(&w.as_str()))
        .collect();
    // "ne pas cliquer" (an infinitive denied) inside another negation: "Il ne faut pas
    // oublier de ne pas cliquer".
    let all: Vec<String> = words(&lower)
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_string())
        .collect();
    let denied_infinitive = all
        .windows(2)
        .any(|w| w[0] == "ne" && ["pas", "jamais", "rien", "plus"].contains(&w[1].as_str()));
    let negations = all
        .iter()
        .filter(|w| rules.negations.contains(&w.as_str()))
        .count();
    distinct.len() >= 2 || (denied_infinitive && negations >= 2)
}

/// Instructions in one sentence: verbs in the polite imperative ("Cliquez ici puis tapez
/// votre nom et appuyez sur Entrée."), not after "vous" ("vous cliquez" describes).
fn instructions_in_sentence(sentence: &str) -> usize {
    let w: Vec<String> = words(sentence)
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .collect();
    const NOT_VERBS: [&str; 4] = ["chez", "assez", "nez", "rez"];
    w.iter()
        .enumerate()
        .filter(|(i, word)| {
            word.chars().count() > 3
                && word.ends_with("ez")
                && !NOT_VERBS.contains(&word.as_str())
                && (*i == 0
                    || !["vous", "si", "que", "quand", "lorsque"].contains(&w[i - 1].as_str()))
        })
        .count()
}

/// The byte offset of `sentence` in the source, from `from`: where its first word is
/// (formatting such as `**` may stand between words), looked for within `window` bytes (so
/// that a paragraph of sentences not found, e.g. written with HTML entities, is not searched
/// to its end once per sentence). `None` if not found.
fn sentence_offset(source: &str, from: usize, window: usize, sentence: &str) -> Option<usize> {
    let first = words(sentence)
        .into_iter()
        .next()?
        .trim_matches(|c: char| !c.is_alphanumeric());
    if first.is_empty() {
        return None;
    }
    let mut end = (from + window).min(source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    source.get(from..end)?.find(first).map(|i| from + i)
}

/// Is the jargon word explained in this sentence ("…, c'est…", "(c'est-à-dire…)", "…: ")?
fn explained_here(sentence: &str) -> bool {
    let s = sentence.to_lowercase();
    s.contains("c'est")
        || s.contains("c’est")
        || s.contains("veut dire")
        || s.contains("(")
        || s.contains(" : ")
        || s.contains("qu'on appelle")
        || s.contains("s'appelle")
}

/// Checks a lesson file: returns advice with its place.
pub fn check_lesson(
    text: &str,
    glossary: Glossary<'_>,
    has_analogy_or_image: bool,
    rules: &Rules,
) -> Vec<Advice> {
    let lines = LineIndex::new(text);
    let mut advice = Vec::new();
    let mut paragraph = String::new();
    let mut paragraph_start = 0;
    let mut in_paragraph = false;
    let mut in_metadata = false;
    let mut in_code = false;
    let mut step: Option<(usize, usize, String)> = None; // (offset, words, title)
    // The jargon words the glossary does not explain, looked for in each sentence (their
    // slugs were made once per sentence and word: a tenth of a big lesson's time).
    let mut jargon: Vec<&str> = rules
        .jargon
        .iter()
        .copied()
        .filter(|word| !glossary.contains(&slug::slugify(word)))
        .collect();
    let flush_step = |step: &mut Option<(usize, usize, String)>, advice: &mut Vec<Advice>| {
        if let Some((offset, count, title)) = step.take()
            && count > rules.max_step_words
        {
            advice.push(Advice {
                position: lines.position(offset),
                message: format!(
                    "l'étape « {title} » a {count} mots (conseillé : {} au plus) : coupez-la en deux étapes",
                    rules.max_step_words
                ),
            });
        }
    };
    let mut heading = false;
    // A callout "À faire" is a list of instructions: the one-instruction rule skips quotes.
    let mut quote_depth = 0usize;
    // Past the renderer's budget of tags the lesson is cut (an error): no advice on the rest.
    let mut tags = 0usize;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if matches!(event, Event::Start(_)) {
            tags += 1;
            if tags > MAX_TAGS {
                break;
            }
        }
        match event {
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ if in_code => {}
            Event::Start(Tag::Heading { level, .. }) => {
                heading = true;
                if level == pulldown_cmark::HeadingLevel::H2 {
                    flush_step(&mut step, &mut advice);
                    step = Some((range.start, 0, String::new()));
                }
            }
            Event::End(TagEnd::Heading(_)) => heading = false,
            Event::Start(Tag::Paragraph | Tag::Item) => {
                in_paragraph = true;
                paragraph.clear();
                paragraph_start = range.start;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) if in_paragraph => {
                in_paragraph = false;
                let pos = lines.position(paragraph_start);
                // A callout's marker ("[!ANALOGIE]") is not part of the text.
                if paragraph.trim_start().starts_with("[!")
                    && let Some(end) = paragraph.find(']')
                {
                    paragraph.replace_range(..=end, "");
                }
                // Each sentence is reported at its own line, not the paragraph's.
                let mut cursor = paragraph_start;
                // The previous sentence, with its formatting, lies between the cursor and
                // this one: a few times its length, plus room for a link's address.
                let mut window = 1024;
                for s in sentences(&paragraph) {
                    let found = sentence_offset(&text[..range.end], cursor, window, s);
                    window = 4 * s.len() + 1024;
                    let pos = match found {
                        Some(at) => {
                            cursor = at + 1;
                            lines.position(at)
                        }
                        None => pos,
                    };
                    if quote_depth == 0 && instructions_in_sentence(s) > 1 {
                        advice.push(Advice {
                            position: pos,
                            message: format!(
                                "plusieurs consignes dans la même phrase : « {} » — une consigne par phrase, et une phrase par ligne",
                                short(s)
                            ),
                        });
                    }
                    let n = words(s).len();
                    if n > rules.max_sentence_words {
                        advice.push(Advice {
                            position: pos,
                            message: format!(
                                "phrase de {n} mots (conseillé : {} au plus) : « {} » — coupez-la en deux",
                                rules.max_sentence_words,
                                short(s)
                            ),
                        });
                    }
                    if is_passive(s) {
                        advice.push(Advice {
                            position: pos,
                            message: format!(
                                "tournure passive : « {} » — dites qui fait l'action (« X fait… »)",
                                short(s)
                            ),
                        });
                    }
                    if stacked_negations(s, rules) {
                        advice.push(Advice {
                            position: pos,
                            message: format!(
                                "plusieurs négations dans la même phrase : « {} » — dites-le de façon positive",
                                short(s)
                            ),
                        });
                    }
                    let lower = if jargon.is_empty() {
                        String::new()
                    } else {
                        s.to_lowercase()
                    };
                    // Each word is reported the first time only: then it is not looked for.
                    jargon.retain(|word| {
                        let found = lower.match_indices(word).any(|(i, _)| {
                            let before = lower[..i].chars().next_back();
                            let after = lower[i + word.len()..].chars().next();
                            before.is_none_or(|c| !c.is_alphanumeric())
                                && after.is_none_or(|c| !c.is_alphanumeric())
                        });
                        if found && !explained_here(s) {
                            advice.push(Advice {
                                position: pos,
                                message: format!(
                                    "le mot « {word} » n'est pas expliqué la première fois : expliquez-le (« {word}, c'est… ») ou ajoutez-le au glossaire"
                                ),
                            });
                        }
                        !found
                    });
                }
                if quote_depth == 0
                    && instructions(&paragraph) > rules.max_instructions_per_paragraph
                {
                    advice.push(Advice {
                        position: pos,
                        message: "plusieurs consignes dans le même paragraphe : une consigne par paragraphe (laissez une ligne vide entre elles)".into(),
                    });
                }
                if let Some(s) = step.as_mut() {
                    s.1 += words(&paragraph).len();
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if heading {
                    if let Some(s) = step.as_mut() {
                        s.2.push_str(&t);
                    }
                } else if in_paragraph {
                    paragraph.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak if in_paragraph => paragraph.push(' '),
            _ => {}
        }
    }
    flush_step(&mut step, &mut advice);
    if !has_analogy_or_image {
        advice.push(Advice {
            position: Position::START,
            message: "leçon sans analogie ni image : ajoutez un encadré [!ANALOGIE] ou une image pour aider à comprendre".into(),
        });
    }
    advice
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(body: &str) -> Vec<String> {
        let text = format!("+++\ntitle = \"T\"\n+++\n## Étape\n{body}\n");
        let glossary = HashSet::from(["navigateur".to_string()]);
        check_lesson(&text, &glossary, true, &Rules::default())
            .into_iter()
            .map(|a| format!("{}: {}", a.position.line, a.message))
            .collect()
    }

    #[test]
    fn short_sentences_pass() {
        assert_eq!(
            check("Un e-mail est une lettre. Il arrive vite."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_long_sentence_gets_advice_at_its_line() {
        let a = check(
            "Pour envoyer un message à votre petite-fille qui habite loin de chez vous il faut ouvrir la messagerie.",
        );
        assert_eq!(a.len(), 1, "{a:?}");
        assert!(
            a[0].starts_with("5: phrase de 18 mots (conseillé : 15 au plus)"),
            "{a:?}"
        );
    }

    #[test]
    fn no_advice_past_the_tag_budget_where_the_lesson_is_cut() {
        let long = "Pour envoyer un message à votre petite-fille qui habite loin de chez vous il faut ouvrir la messagerie.";
        // The front matter, the heading and MAX_TAGS - 2 paragraphs are within the budget.
        let body = format!("{}{long}\n", "Un.\n\n".repeat(MAX_TAGS - 3));
        let a = check(&body);
        assert!(a.iter().any(|a| a.contains("phrase de 18 mots")), "{a:?}");
        let body = format!("{}{long}\n", "Un.\n\n".repeat(MAX_TAGS - 2));
        let a = check(&body);
        assert!(a.iter().all(|a| !a.contains("phrase de")), "{a:?}");
    }

    #[test]
    fn a_long_step_gets_advice() {
        let long = "Un mot de plus ici. ".repeat(30);
        let a = check(&long);
        assert!(
            a.iter()
                .any(|m| m.starts_with("4: l'étape « Étape » a 150 mots")),
            "{a:?}"
        );
    }

    #[test]
    fn two_instructions_in_one_paragraph() {
        let a = check("Cliquez sur le bouton. Tapez votre nom.");
        assert!(a.iter().any(|m| m.contains("plusieurs consignes")), "{a:?}");
        assert!(check("Cliquez sur le bouton.\n\nTapez votre nom.").is_empty());
    }

    #[test]
    fn jargon_must_be_explained_the_first_time_unless_in_the_glossary() {
        let a = check("Ouvrez un onglet.");
        assert!(
            a.iter()
                .any(|m| m.contains("le mot « onglet » n'est pas expliqué")),
            "{a:?}"
        );
        assert!(check("Un onglet, c'est une page de plus.").is_empty());
        // In the glossary: explained automatically.
        assert!(check("Ouvrez le navigateur.").is_empty());
        // Only the first time counts.
        let a = check("Un onglet, c'est une page. Ouvrez un onglet.");
        assert!(a.is_empty(), "{a:?}");
    }

    #[test]
    fn passive_voice_and_stacked_negations() {
        let a = check("Le message est envoyé par la messagerie.");
        assert!(a.iter().any(|m| m.contains("tournure passive")), "{a:?}");
        let a = check("Ne donnez jamais rien à personne.");
        assert!(a.iter().any(|m| m.contains("plusieurs négations")), "{a:?}");
        assert!(check("Ne donnez jamais votre code.").is_empty());
        assert!(check("Ni par téléphone, ni par e-mail, ni par SMS.").is_empty());
        assert!(check("Pas à Pas reste là, même sans plus de séance.").is_empty());
    }

    #[test]
    fn each_sentence_is_reported_at_its_own_line() {
        let a = check(
            "Un e-mail est une lettre.\nPour envoyer un message à votre petite-fille qui habite loin de chez vous il faut ouvrir la messagerie.",
        );
        assert!(
            a.iter().any(|m| m.starts_with("6: phrase de 18 mots")),
            "{a:?}"
        );
        let a = check("Bonjour.\nUn message\n**est envoyé** par la poste.");
        assert!(
            a.iter().any(|m| m.starts_with("6: tournure passive")),
            "{a:?}"
        );
    }

    #[test]
    fn more_passive_forms() {
        for passive in [
            "Vous serez prévenu par la banque.",
            "Le compte sera bloqué par le site.",
            "Le fichier a été envoyé.",
            "Les messages ont été supprimés hier.",
            "La lettre est écrite par Marie.",
            "Le colis est reçu par la voisine.",
            "La page est lue par le lecteur.",
        ] {
            let a = check(passive);
            assert!(
                a.iter().any(|m| m.contains("tournure passive")),
                "{passive}: {a:?}"
            );
        }
        for active in [
            "Vous serez content.",
            "Il est fatigué.",
            "La banque a envoyé le code.",
            "La porte est ouverte.",
            "Vous avez été patient.",
        ] {
            let a = check(active);
            assert!(
                !a.iter().any(|m| m.contains("tournure passive")),
                "{active}: {a:?}"
            );
        }
    }

    #[test]
    fn a_denied_infinitive_inside_a_negation_is_stacked() {
        let a = check("Il ne faut pas oublier de ne pas cliquer.");
        assert!(a.iter().any(|m| m.contains("plusieurs négations")), "{a:?}");
        assert!(check("Attention à ne pas cliquer.").is_empty());
        assert!(check("Ne cliquez pas sur ce bouton.").is_empty());
    }

    #[test]
    fn several_instructions_in_one_sentence() {
        let a = check("Cliquez ici puis tapez votre nom et appuyez sur Entrée.");
        assert!(
            a.iter()
                .any(|m| m.contains("plusieurs consignes dans la même phrase")),
            "{a:?}"
        );
        assert!(check("Cliquez sur le bouton bleu.").is_empty());
        // A description, not instructions.
        let a = check("Quand vous cliquez, vous voyez la page.");
        assert!(!a.iter().any(|m| m.contains("consignes")), "{a:?}");
        let a = check("Cliquez chez vous.");
        assert!(!a.iter().any(|m| m.contains("consignes")), "{a:?}");
    }

    #[test]
    fn a_lesson_without_analogy_or_image() {
        let a = check_lesson(
            "+++\ntitle = \"T\"\n+++\n## A\nTexte.\n",
            &HashSet::new(),
            false,
            &Rules::default(),
        );
        assert!(a[0].message.starts_with("leçon sans analogie ni image"));
    }

    #[test]
    fn questions_and_code_are_not_checked() {
        assert!(check("```question\nUne question très très longue avec beaucoup beaucoup beaucoup de mots dedans pour rien ?\n- [x] a\n  > b\n- [ ] c\n  > d\n```").is_empty());
    }
}
