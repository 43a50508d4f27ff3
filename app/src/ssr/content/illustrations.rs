//! Lesson illustrations. SVG drawings beside a lesson are checked (nothing that could run,
//! load or reach another site; small once compressed; a size so the page does not jump);
//! every `<img>` of a step is sized and lazy; a step that sends the learner looking for
//! something on screen ("cherchez", "cliquez sur"…) without a picture gets a warning.
//!
//! The messages are for trainers, with the file and the line.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use super::markdown::{Block, RenderedLesson};
use super::overlay::Tree;
use super::problem::{LineIndex, Position, Problem};

/// The most an SVG drawing may weigh once compressed (gzip), as the browser receives it.
pub const MAX_SVG_GZIP_BYTES: usize = 8 * 1024;

/// The largest SVG file read at all (a drawing is a few KiB).
const MAX_SVG_BYTES: usize = 64 * 1024;

/// The width and height of a drawing, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

/// Checks the images of a rendered lesson and sizes its `<img>` tags; returns `false` when
/// a drawing is refused (the lesson is then not shown).
pub fn check_lesson(
    tree: &Tree,
    module: &str,
    module_dir: &Path,
    lesson_path: &Path,
    rendered: &mut RenderedLesson,
    problems: &mut Vec<Problem>,
) -> bool {
    let mut ok = true;
    let mut sizes: HashMap<String, Size> = HashMap::new();
    for media in &rendered.media {
        let file = module_dir.join(&media.path);
        if !media.path.to_ascii_lowercase().ends_with(".svg") || !tree.is_file(&file) {
            continue;
        }
        let text = match tree.read_to_string(&file) {
            Ok(t) if t.len() <= MAX_SVG_BYTES => t,
            Ok(_) => {
                ok = false;
                problems.push(Problem::error(
                    &file,
                    Position::START,
                    format!(
                        "dessin « {} » trop lourd : plus de {} Kio ; simplifiez-le",
                        media.path,
                        MAX_SVG_BYTES / 1024
                    ),
                ));
                continue;
            }
            Err(e) => {
                ok = false;
                problems.push(Problem::error(
                    &file,
                    Position::START,
                    format!("dessin « {} » illisible : {e}", media.path),
                ));
                continue;
            }
        };
        match check_svg(&text) {
            Ok(size) => {
                sizes.insert(format!("/medias/{module}/{}", media.path), size);
            }
            Err(refusals) => {
                ok = false;
                for (pos, why) in refusals {
                    problems.push(Problem::error(
                        &file,
                        pos,
                        format!("dessin « {} » refusé : {why}", media.path),
                    ));
                }
            }
        }
    }
    for step in &mut rendered.steps {
        // A step with a question or an exercise is left alone: a picture there could give
        // the answer away, and an exercise shows its own pretend screen.
        let asks = step
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Question(_) | Block::Exercise(_)));
        let mut has_image = false;
        let mut text = String::new();
        for block in &mut step.blocks {
            if let Block::Html(html) = block {
                if html.contains("<img") {
                    has_image = true;
                    *html = size_images(html, &sizes);
                }
                if !html.starts_with("<section class=\"glossaire\"") {
                    text.push_str(&plain_text(html));
                    text.push(' ');
                }
            }
        }
        if !has_image
            && !asks
            && let Some(words) = sends_looking(&text)
        {
            problems.push(Problem::warning(
                lesson_path,
                step.position,
                format!(
                    "l'étape « {} » dit « {words} » sans image : ajoutez un dessin de ce qu'il \
                     faut trouver à l'écran, avec sa description, par exemple \
                     ![Le bouton avec un trombone](trombone.svg)",
                    step.title
                ),
            ));
        }
    }
    ok
}

/// Checks an SVG drawing: its size, or where and why it is refused.
pub fn check_svg(text: &str) -> Result<Size, Vec<(Position, String)>> {
    let lines = LineIndex::new(text);
    let mut refusals: Vec<(Position, String)> = unsafe_parts(text)
        .into_iter()
        .map(|(at, why)| (lines.position(at), why))
        .collect();
    let compressed = gzip_len(text.as_bytes());
    if compressed > MAX_SVG_GZIP_BYTES {
        refusals.push((
            Position::START,
            format!(
                "{compressed} octets une fois compressé, {MAX_SVG_GZIP_BYTES} au plus : \
                 simplifiez le dessin"
            ),
        ));
    }
    let size = svg_size(text);
    if size.is_none() {
        refusals.push((
            Position::START,
            "la balise <svg> doit donner sa largeur et sa hauteur en pixels, par exemple \
             width=\"320\" height=\"180\""
                .into(),
        ));
    }
    match size {
        Some(size) if refusals.is_empty() => Ok(size),
        _ => Err(refusals),
    }
}

/// The length of `bytes` compressed with gzip (best compression, as served).
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|v| v.len()).unwrap_or(usize::MAX)
}

/// What in an SVG could run, load something or reach another site: (byte offset, why).
/// Lexical and strict: a drawing made by hand or exported by a drawing program passes;
/// anything unusual is refused rather than interpreted.
pub fn unsafe_parts(svg: &str) -> Vec<(usize, String)> {
    let lower = svg.to_ascii_lowercase();
    let mut found = Vec::new();
    for (needle, why) in [
        ("<script", "il contient un script (<script>)"),
        ("javascript:", "il contient un script (javascript:)"),
        (
            "foreignobject",
            "il contient un <foreignObject> (du HTML dans le dessin)",
        ),
        ("<!doctype", "il contient une déclaration <!DOCTYPE>"),
        ("<!entity", "il contient une déclaration <!ENTITY>"),
        ("<?xml-stylesheet", "il charge une feuille de style externe"),
        (
            "@import",
            "il charge une feuille de style externe (@import)",
        ),
        ("<iframe", "il contient un cadre (<iframe>)"),
        ("<embed", "il contient un objet (<embed>)"),
        ("<object", "il contient un objet (<object>)"),
        ("<animate", "il contient une animation (<animate>)"),
        ("<set", "il contient une animation (<set>)"),
    ] {
        for (at, _) in lower.match_indices(needle) {
            found.push((at, why.to_string()));
        }
    }
    let bytes = lower.as_bytes();
    // Event handlers: an attribute named on…, such as onload="…".
    for (at, _) in lower.match_indices("on") {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        if !before.is_some_and(|b| b.is_ascii_whitespace() || b == b'/') {
            continue;
        }
        let name_end = at
            + 2
            + bytes[at + 2..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
        if name_end == at + 2 {
            continue;
        }
        let rest = lower[name_end..].trim_start();
        if rest.starts_with('=') && inside_tag(&lower, at) {
            found.push((
                at,
                format!(
                    "il contient un gestionnaire d'événement ({}=…)",
                    &svg[at..name_end]
                ),
            ));
        }
    }
    // References: only to a part of the drawing itself (href="#…", url(#…)).
    for (at, _) in lower.match_indices("href") {
        let rest = lower[at + 4..].trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start().trim_start_matches(['"', '\'']);
        if !value.starts_with('#') {
            found.push((
                at,
                "il fait référence à un autre fichier ou site (href) : seul href=\"#…\" est \
                 permis"
                    .into(),
            ));
        }
    }
    for (at, _) in lower.match_indices("url(") {
        let value = lower[at + 4..].trim_start().trim_start_matches(['"', '\'']);
        if !value.starts_with('#') {
            found.push((
                at,
                "il fait référence à un autre fichier ou site (url(…)) : seul url(#…) est \
                 permis"
                    .into(),
            ));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found
}

/// Is `at` inside a tag (after a `<`, before its `>`), not in the text of the drawing?
fn inside_tag(text: &str, at: usize) -> bool {
    let before = &text[..at];
    match (before.rfind('<'), before.rfind('>')) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The `width` and `height` of the root `<svg>` tag, in pixels (`viewBox` if they are
/// missing).
pub fn svg_size(svg: &str) -> Option<Size> {
    let start = svg.find("<svg")?;
    let end = start + svg[start..].find('>')?;
    let tag = &svg[start..end];
    let attribute = |name: &str| -> Option<&str> {
        let mut from = 0;
        while let Some(i) = tag[from..].find(name) {
            let at = from + i;
            from = at + name.len();
            let preceded = tag[..at].ends_with(|c: char| c.is_ascii_whitespace());
            let rest = tag[at + name.len()..].trim_start();
            if let (true, Some(rest)) = (preceded, rest.strip_prefix('=')) {
                let rest = rest.trim_start();
                let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
                let value = &rest[1..];
                return value.find(quote).map(|e| &value[..e]);
            }
        }
        None
    };
    let pixels = |v: &str| -> Option<u32> {
        let v = v.trim();
        let v = v.strip_suffix("px").unwrap_or(v);
        v.parse::<f32>()
            .ok()
            .filter(|n| *n >= 1.0 && *n <= 4096.0)
            .map(|n| n.round() as u32)
    };
    match (
        attribute("width").and_then(pixels),
        attribute("height").and_then(pixels),
    ) {
        (Some(width), Some(height)) => Some(Size { width, height }),
        _ => {
            let view: Vec<&str> = attribute("viewBox")?
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .collect();
            match view.as_slice() {
                [_, _, w, h] => Some(Size {
                    width: pixels(w)?,
                    height: pixels(h)?,
                }),
                _ => None,
            }
        }
    }
}

/// Adds `loading="lazy"` to every `<img>` of sanitised HTML, and its width and height when
/// the drawing's size is known (so the page does not jump while it loads).
pub fn size_images(html: &str, sizes: &HashMap<String, Size>) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = rest.find("<img ") {
        out.push_str(&rest[..i + 4]);
        rest = &rest[i + 4..];
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        let src = tag
            .find("src=\"")
            .map(|s| &tag[s + 5..])
            .and_then(|v| v.find('"').map(|e| &v[..e]));
        if let Some(size) = src.and_then(|s| sizes.get(s)) {
            out.push_str(&format!(
                " width=\"{}\" height=\"{}\"",
                size.width, size.height
            ));
        }
        if !tag.contains("loading=") {
            out.push_str(" loading=\"lazy\" decoding=\"async\"");
        }
    }
    out.push_str(rest);
    out
}

/// The text of an HTML fragment, without its tags.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ").replace('\u{a0}', " ")
}

/// The words that send the learner looking for something on the screen, if the text has
/// them: "cherchez", "repérez", "cliquez sur"… Not "ne cliquez pas", "vous cherchez"
/// (a question), nor a click on the lesson's own buttons (« Valider », « Suivant »).
pub fn sends_looking(text: &str) -> Option<&'static str> {
    let lower: String = text
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    const WORDS: [&str; 8] = [
        "cherchez",
        "repérez",
        "cliquez sur",
        "cliquez une fois sur",
        "cliquez deux fois sur",
        "cliquez de nouveau sur",
        "cliquez ensuite sur",
        "double-cliquez sur",
    ];
    const OWN_BUTTONS: [&str; 3] = ["« valider", "« suivant", "« précédent"];
    WORDS.into_iter().find(|words| {
        lower.match_indices(words).any(|(at, _)| {
            let before = lower[..at].trim_end();
            let after = lower[at + words.len()..].trim_start();
            let word_start = lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '-');
            let negated = before.ends_with(" ne") || before == "ne" || before.ends_with("n'");
            let question = before.ends_with("vous");
            word_start && !negated && !question && !OWN_BUTTONS.iter().any(|b| after.starts_with(b))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAFE: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" \
                        height=\"180\" viewBox=\"0 0 320 180\"><defs><linearGradient \
                        id=\"g\"/></defs><rect fill=\"url(#g)\" width=\"10\" height=\"10\"/>\
                        <use href=\"#g\"/><text x=\"4\" y=\"20\">Un bouton on=off</text></svg>";

    #[test]
    fn a_plain_drawing_passes_with_its_size() {
        assert_eq!(
            check_svg(SAFE),
            Ok(Size {
                width: 320,
                height: 180
            })
        );
    }

    #[test]
    fn refuses_scripts_handlers_foreign_objects_and_external_references() {
        for (svg, why) in [
            (
                "<svg width=\"1\" height=\"1\">\n<script>alert(1)</script></svg>",
                "script",
            ),
            (
                "<svg width=\"1\" height=\"1\" onload=\"alert(1)\"/>",
                "onload",
            ),
            (
                "<svg width=\"1\" height=\"1\"><rect\nONCLICK = \"x\"/></svg>",
                "ONCLICK",
            ),
            (
                "<svg width=\"1\" height=\"1\"><foreignObject/></svg>",
                "foreignObject",
            ),
            (
                "<svg width=\"1\" height=\"1\"><image href=\"https://x.fr/a.png\"/></svg>",
                "href",
            ),
            (
                "<svg width=\"1\" height=\"1\"><use xlink:href='a.svg#b'/></svg>",
                "href",
            ),
            (
                "<svg width=\"1\" height=\"1\"><rect fill=\"url(https://x.fr/f)\"/></svg>",
                "url(",
            ),
            (
                "<svg width=\"1\" height=\"1\"><style>@import 'x.css';</style></svg>",
                "@import",
            ),
            (
                "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg/>",
                "DOCTYPE",
            ),
            (
                "<svg width=\"1\" height=\"1\"><a href=\"javascript:alert(1)\"/></svg>",
                "javascript:",
            ),
            (
                "<svg width=\"1\" height=\"1\"><set attributeName=\"href\" to=\"x\"/></svg>",
                "<set>",
            ),
        ] {
            let refusals = check_svg(svg).expect_err(svg);
            assert!(
                refusals.iter().any(|(_, m)| m.contains(why)),
                "{svg}: {refusals:?}"
            );
        }
        let e = check_svg("<svg width=\"1\" height=\"1\">\n\n  <script/></svg>").unwrap_err();
        assert_eq!(e[0].0, Position { line: 3, column: 3 });
    }

    #[test]
    fn refuses_heavy_or_unsized_drawings() {
        let mut heavy = String::from("<svg width=\"10\" height=\"10\">");
        let mut seed: u64 = 7;
        for _ in 0..4000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            heavy.push_str(&format!("<circle r=\"{}\"/>", seed >> 40));
        }
        heavy.push_str("</svg>");
        let e = check_svg(&heavy).unwrap_err();
        assert!(e[0].1.contains("une fois compressé"), "{e:?}");
        let e = check_svg("<svg><rect/></svg>").unwrap_err();
        assert!(e[0].1.contains("largeur et sa hauteur"), "{e:?}");
        assert_eq!(
            svg_size("<svg viewBox=\"0 0 300 150\">"),
            Some(Size {
                width: 300,
                height: 150
            })
        );
    }

    #[test]
    fn images_get_their_size_and_load_lazily() {
        let sizes = HashMap::from([(
            "/medias/m/a.svg".to_string(),
            Size {
                width: 320,
                height: 180,
            },
        )]);
        assert_eq!(
            size_images(
                "<p><img src=\"/medias/m/a.svg\" alt=\"Un A\"> <img src=\"/medias/m/b.png\" alt=\"B\"></p>",
                &sizes
            ),
            "<p><img width=\"320\" height=\"180\" loading=\"lazy\" decoding=\"async\" \
             src=\"/medias/m/a.svg\" alt=\"Un A\"> <img loading=\"lazy\" decoding=\"async\" \
             src=\"/medias/m/b.png\" alt=\"B\"></p>"
        );
    }

    #[test]
    fn words_that_send_the_learner_looking() {
        assert_eq!(sends_looking("Cherchez le trombone."), Some("cherchez"));
        assert_eq!(
            sends_looking("Puis cliquez sur **Envoyer**."),
            Some("cliquez sur")
        );
        assert_eq!(
            sends_looking("Cliquez\nune fois sur le lien."),
            Some("cliquez une fois sur")
        );
        assert_eq!(sends_looking("Ne cliquez sur aucun lien."), None);
        assert_eq!(sends_looking("Vous cherchez une pharmacie."), None);
        assert_eq!(sends_looking("Ensuite, cliquez sur « Valider »."), None);
        assert_eq!(sends_looking("Cliquez dans la case."), None);
        assert_eq!(sends_looking("Recherchez-le."), None);
    }
}
