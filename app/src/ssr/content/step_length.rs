//! Steps kept short: a warning for the trainer when a step is likely longer than one screen
//! of a 1366×768 laptop at the default text size (issue 19), so that its text and its
//! "Précédent / Suivant" are seen together without scrolling.
//!
//! The height is estimated from the Markdown source, block by block, with the sizes of
//! `style/main.css` at the default text size (18 px, lines of 1.6): lines of text from the
//! number of characters, the margins of paragraphs, lists, callouts, check questions and
//! their answers, 200 px per image. The numbers were checked against the heights Chromium
//! measures (`end2end/tests/step-fits.spec.ts`): the estimate errs on the long side.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::Block;
use super::markdown::{MAX_TAGS, RenderedStep, options};
use super::problem::LineIndex;
use super::readability::Advice;

/// Room for a step's content, in CSS pixels, measured in Chromium: a 768 px high window
/// less the compact header, the step's head (module link, lesson title, progress), the
/// "Écouter" row and the navigation (the text starts 238 px down with the "Écouter" row,
/// 173 px without it; the navigation kept in view starts at 703 px).
pub const STEP_ROOM_PX: u32 = 455;
/// The estimate, in percent, against the heights measured on the 175 shipped steps: with
/// 92 % it reports every step measured longer than the room, and few others.
const CALIBRATION_PERCENT: u32 = 92;

/// Characters of body text on one line of the step's column (42 rem wide).
const CHARS_PER_LINE: usize = 58;
/// Characters on one line inside a callout or a question (narrower boxes).
const CHARS_PER_BOX_LINE: usize = 52;
const LINE_PX: u32 = 29;
/// The space under a paragraph (1 rem).
const PARAGRAPH_GAP_PX: u32 = 18;
/// A step's title (its `##` heading): its line and margins.
const STEP_TITLE_PX: u32 = 52;
/// A `###` heading inside a step.
const SUBTITLE_PX: u32 = 56;
/// A callout or a quote: margins, padding and border (its title is a line of text).
const CALLOUT_PX: u32 = 62;
/// A check question's box: margins, padding, border, the space under the answers, the
/// "Valider" button and the line that says "Enregistrement…".
const QUESTION_PX: u32 = 130;
/// A question's "Un indice" (a closed `<details>`: its 44 px summary and margin).
const HINT_PX: u32 = 52;
/// One answer of a question (48 px at least, and the gap between answers).
const ANSWER_PX: u32 = 57;
/// An image or an illustration, at most 200 px tall (`.step figure` in the CSS), and its margins.
const IMAGE_PX: u32 = 227;
/// A practice exercise: a simulator is a screen of its own (such steps get no warning).
const EXERCISE_PX: u32 = 420;
/// A word of the glossary explained under the step (a closed `<details>`).
const GLOSSARY_WORD_PX: u32 = 48;
/// The article's border and padding.
const STEP_BOX_PX: u32 = 18;

fn lines(chars: usize, per_line: usize) -> u32 {
    chars.div_ceil(per_line).max(1) as u32
}

/// The estimated height of each step of a lesson, in CSS pixels: (offset of its `##`
/// heading, its title, its height).
pub fn step_heights(text: &str) -> Vec<(usize, String, u32)> {
    let mut steps: Vec<(usize, String, u32)> = Vec::new();
    let mut in_metadata = false;
    let mut heading: Option<HeadingLevel> = None;
    let mut quote_depth = 0usize;
    let mut list_depth = 0usize;
    let mut in_item = false;
    let mut chars = 0usize;
    let mut code: Option<String> = None;
    // Inside an image: its description is not shown (it is the image's text alternative).
    let mut in_image = false;
    let mut image_only = false;
    let mut tags = 0usize;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if matches!(event, Event::Start(_)) {
            tags += 1;
            if tags > MAX_TAGS {
                break;
            }
        }
        let per_line = if quote_depth > 0 {
            CHARS_PER_BOX_LINE
        } else {
            CHARS_PER_LINE
        };
        let mut add = 0u32;
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(level);
                if level == HeadingLevel::H2 {
                    steps.push((range.start, String::new(), STEP_TITLE_PX + STEP_BOX_PX));
                } else {
                    add = SUBTITLE_PX;
                }
            }
            Event::End(TagEnd::Heading(_)) => heading = None,
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                code = Some(info.to_string());
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(info) = code.take() {
                    let body = &text[range.clone()];
                    add = if info.starts_with("question") {
                        question_height(body)
                    } else if info.starts_with("exercice") {
                        EXERCISE_PX
                    } else {
                        // Shown as it is: one line per source line.
                        body.lines().count().saturating_sub(2).max(1) as u32 * LINE_PX
                            + PARAGRAPH_GAP_PX
                    };
                }
            }
            _ if code.is_some() => {}
            Event::Start(Tag::BlockQuote(_)) => {
                quote_depth += 1;
                if quote_depth == 1 {
                    add = CALLOUT_PX;
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::List(_)) => {
                list_depth += 1;
                if list_depth == 1 {
                    add = PARAGRAPH_GAP_PX;
                }
            }
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                in_item = true;
                chars = 0;
            }
            Event::End(TagEnd::Item) => {
                in_item = false;
                add = lines(chars, per_line) * LINE_PX + 6;
                chars = 0;
            }
            Event::Start(Tag::Paragraph) if !in_item => {
                chars = 0;
                image_only = false;
            }
            // A paragraph holding only an image is the image (counted at its start).
            Event::End(TagEnd::Paragraph) if !in_item && image_only && chars == 0 => {}
            Event::End(TagEnd::Paragraph) if !in_item => {
                add = lines(chars, per_line) * LINE_PX + PARAGRAPH_GAP_PX;
                chars = 0;
            }
            Event::Start(Tag::Image { .. }) => {
                add = IMAGE_PX;
                in_image = true;
                image_only = true;
            }
            Event::End(TagEnd::Image) => in_image = false,
            _ if in_image => {}
            Event::Text(t) | Event::Code(t) => match heading {
                Some(HeadingLevel::H2) => {
                    if let Some(step) = steps.last_mut() {
                        step.1.push_str(&t);
                    }
                }
                Some(_) => {}
                None => chars += t.chars().count(),
            },
            Event::SoftBreak => chars += 1,
            Event::HardBreak => chars = chars.div_ceil(CHARS_PER_LINE) * CHARS_PER_LINE,
            _ => {}
        }
        if let Some(step) = steps.last_mut() {
            step.2 += add;
        }
    }
    steps
}

/// A check question: its prompt, then one box per answer (`- [ ]` or `- [x]` lines); the
/// explanations (`>` lines) are shown only after an answer.
fn question_height(body: &str) -> u32 {
    let mut prompt = 0usize;
    let mut answers = 0u32;
    let mut hint = 0u32;
    for line in body.lines().skip(1) {
        let line = line.trim();
        if line
            .get(..6)
            .is_some_and(|w| w.eq_ignore_ascii_case("indice"))
            && line[6..].trim_start().starts_with(':')
        {
            hint = HINT_PX;
        } else if line.starts_with("- [") {
            let text = line.get(6..).unwrap_or("").chars().count();
            answers += ANSWER_PX + (lines(text, CHARS_PER_BOX_LINE) - 1) * LINE_PX;
        } else if answers == 0 && !line.starts_with("```") {
            prompt += line.chars().count();
        }
    }
    QUESTION_PX + lines(prompt, CHARS_PER_BOX_LINE - 6) * 33 + hint + answers
}

/// The words of the glossary explained under each rendered step (one line each).
pub fn glossary_words(steps: &[RenderedStep]) -> Vec<usize> {
    steps
        .iter()
        .map(|s| {
            s.blocks
                .iter()
                .map(|b| match b {
                    Block::Html(h) if h.contains("class=\"glossaire\"") => {
                        h.matches("<summary>").count()
                    }
                    _ => 0,
                })
                .sum()
        })
        .collect()
}

/// A warning for every step of the lesson estimated longer than [`STEP_ROOM_PX`];
/// `glossary` is the number of glossary words explained under each step, in order (see
/// [`glossary_words`]; empty if unknown).
pub fn check_lesson(text: &str, glossary: &[usize]) -> Vec<Advice> {
    let index = LineIndex::new(text);
    let mut heights = step_heights(text);
    if glossary.len() == heights.len() {
        for (step, words) in heights.iter_mut().zip(glossary) {
            step.2 += *words as u32 * GLOSSARY_WORD_PX;
        }
    }
    heights
        .into_iter()
        .map(|(offset, title, height)| (offset, title, height * CALIBRATION_PERCENT / 100))
        .filter(|(_, _, height)| *height > STEP_ROOM_PX)
        // A practice exercise is a screen of its own: "Suivant" stays in view below it.
        .filter(|(offset, _, _)| !has_exercise(&text[*offset..]))
        .map(|(offset, title, height)| Advice {
            position: index.position(offset),
            message: crate::text::step_too_long(title.trim(), screens(height)),
        })
        .collect()
}

/// Does the step starting `text` (at its `##` heading) hold a practice exercise?
fn has_exercise(text: &str) -> bool {
    let end = text[2..].find("\n## ").map_or(text.len(), |i| i + 2);
    text[..end]
        .lines()
        .any(|l| l.trim_start().starts_with("```exercice"))
}

/// How many screens the step needs, in tenths (12 is "1,2 écran").
fn screens(height: u32) -> u32 {
    (height * 10).div_ceil(STEP_ROOM_PX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(body: &str) -> String {
        format!("+++\ntitle = \"Essai\"\n+++\n{body}")
    }

    #[test]
    fn a_short_step_gets_no_warning() {
        let text = lesson(
            "## La souris {#la-souris}\n\nLa **souris** est un petit objet.\nPosez votre main dessus.\n\n> [!ANALOGIE]\n> La souris, c'est comme votre main.\n",
        );
        assert_eq!(check_lesson(&text, &[]), Vec::new());
        let heights = step_heights(&text);
        assert_eq!(heights.len(), 1);
        assert_eq!(heights[0].1, "La souris");
        assert!(heights[0].2 < STEP_ROOM_PX * 2 / 3, "{heights:?}");
    }

    #[test]
    fn a_step_longer_than_a_screen_is_reported_at_its_heading() {
        let long = "Une phrase assez longue pour remplir presque une ligne entière.\n\n".repeat(14);
        let text = lesson(&format!(
            "## Court {{#court}}\n\nBonjour.\n\n## Trop long {{#long}}\n\n{long}"
        ));
        let advice = check_lesson(&text, &[]);
        assert_eq!(advice.len(), 1, "{advice:?}");
        assert_eq!(advice[0].position.line, 8);
        assert!(
            advice[0].message.contains("« Trop long »"),
            "{}",
            advice[0].message
        );
        assert!(
            advice[0].message.contains("deux étapes"),
            "{}",
            advice[0].message
        );
    }

    #[test]
    fn two_questions_in_one_step_do_not_fit() {
        let question = |id: &str| {
            format!(
                "```question {{#{id}}}\nQuelle réponse ?\n- [x] La bonne\n  > Oui.\n- [ ] Une autre\n  > Non.\n- [ ] La dernière\n  > Non.\n```\n\n"
            )
        };
        let one = lesson(&format!(
            "## Vérifions {{#v}}\n\nChoisissez.\n\n{}",
            question("a")
        ));
        assert_eq!(check_lesson(&one, &[]), Vec::new());
        let two = lesson(&format!(
            "## Vérifions {{#v}}\n\nChoisissez.\n\n{}{}",
            question("a"),
            question("b")
        ));
        assert_eq!(check_lesson(&two, &[]).len(), 1);
    }

    #[test]
    fn a_step_with_an_exercise_gets_no_warning() {
        let long = "Une phrase assez longue pour remplir presque une ligne entière.\n\n".repeat(14);
        let text = lesson(&format!(
            "## Exercice {{#e}}\n\n{long}```exercice souris {{#gestes}}\ngestes = [\"clic\"]\n```\n\n## Après {{#apres}}\n\n{long}"
        ));
        let advice = check_lesson(&text, &[]);
        assert_eq!(advice.len(), 1, "{advice:?}");
        assert!(advice[0].message.contains("« Après »"));
    }

    #[test]
    fn glossary_words_count() {
        let text = lesson("## Étape {#e}\n\nUn texte.\n\n".to_string().as_str());
        let text = text.replace(
            "Un texte.",
            &"Une phrase assez longue pour remplir presque une ligne.\n\n".repeat(5),
        );
        assert_eq!(check_lesson(&text, &[]), Vec::new());
        assert_eq!(check_lesson(&text, &[4]).len(), 1);
    }

    #[test]
    fn images_and_callouts_count() {
        let plain = lesson("## Étape {#e}\n\nUn texte.\n");
        let with_image = lesson("## Étape {#e}\n\nUn texte.\n\n![Un trombone](trombone.svg)\n");
        let with_callout = lesson("## Étape {#e}\n\nUn texte.\n\n> [!ASTUCE]\n> Un conseil.\n");
        let h = |t: &str| step_heights(t)[0].2;
        assert!(h(&with_image) >= h(&plain) + IMAGE_PX - LINE_PX);
        // The description of an image is not shown: it takes no line.
        let described = lesson(&format!(
            "## Étape {{#e}}\n\nUn texte.\n\n![{}](trombone.svg)\n",
            "Une longue description du dessin. ".repeat(10)
        ));
        assert_eq!(h(&described), h(&with_image));
        assert!(h(&with_callout) > h(&plain) + CALLOUT_PX);
    }
}
