//! Markdown: one function sets every parser option; lessons are split into steps at `## `
//! headings, checked (alt text, links, empty steps) and sanitised once, at load time.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::problem::{LineIndex, Position, Severity};
use super::slug;

/// Every pulldown-cmark option Pas à Pas uses, set in this one place.
pub fn options() -> Options {
    let mut o = Options::empty();
    // Tables help compare things ("ce que je vois / ce que ça veut dire").
    o.set(Options::ENABLE_TABLES, true);
    // Footnotes send the eye away from the text: not for our readers.
    o.set(Options::ENABLE_FOOTNOTES, false);
    o.set(Options::ENABLE_OLD_FOOTNOTES, false);
    o.set(Options::ENABLE_STRIKETHROUGH, true);
    // Checklists ("- [ ] J'ai allumé l'ordinateur") for things to do at home.
    o.set(Options::ENABLE_TASKLISTS, true);
    // Text stays as the trainer typed it: the interface uses straight apostrophes too, and
    // a learner searching for "l'adresse" finds it.
    o.set(Options::ENABLE_SMART_PUNCTUATION, false);
    // `## Titre {#slug}` gives a step a stable identifier.
    o.set(Options::ENABLE_HEADING_ATTRIBUTES, true);
    // Front matter is TOML between `+++` lines; the parser skips it, so offsets stay file offsets.
    o.set(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS, true);
    o.set(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS, false);
    o.set(Options::ENABLE_MATH, false);
    // GitHub alerts are limited to five English kinds; our callouts are handled by us.
    o.set(Options::ENABLE_GFM, false);
    o.set(Options::ENABLE_DEFINITION_LIST, false);
    o.set(Options::ENABLE_SUPERSCRIPT, false);
    o.set(Options::ENABLE_SUBSCRIPT, false);
    o.set(Options::ENABLE_WIKILINKS, false);
    o
}

/// The sanitiser every rendered fragment goes through before it reaches a page.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        .add_tags(["aside", "figure", "figcaption"])
        .add_allowed_classes("aside", ["callout"])
        .rm_tags(["h1"])
        .strip_comments(true);
    b
});

/// Sanitises HTML produced from trainers' Markdown.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Renders a short Markdown fragment (a module's introduction) to safe HTML.
pub fn render_fragment(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
    sanitize(&html)
}

/// Where a lesson file sits, to resolve its relative links and images.
#[derive(Clone, Debug)]
pub struct LessonContext<'a> {
    pub module: &'a str,
    /// The lesson file's folder relative to the module folder: `""` for `lesson.md`,
    /// `"lesson"` for `lesson/index.md`.
    pub dir: &'a str,
}

/// One screen of a lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderedStep {
    pub slug: String,
    pub title: String,
    /// Sanitised HTML, heading included.
    pub html: String,
    pub position: Position,
}

/// A link from a lesson to another lesson, checked once every module is loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonLink {
    pub module: String,
    pub lesson: String,
    pub position: Position,
}

/// The result of rendering one lesson file.
#[derive(Debug, Default)]
pub struct RenderedLesson {
    pub steps: Vec<RenderedStep>,
    pub links: Vec<LessonLink>,
    pub problems: Vec<(Position, Severity, String)>,
}

/// The step identifier reserved for the end-of-lesson page.
pub const RESERVED_STEP_SLUGS: [&str; 1] = ["fin"];

struct StepBuilder<'a> {
    slug: String,
    title: String,
    events: Vec<Event<'a>>,
    position: Position,
    has_content: bool,
}

/// Renders a whole lesson file (front matter included, which the parser skips).
pub fn render_lesson(text: &str, ctx: &LessonContext<'_>) -> RenderedLesson {
    let lines = LineIndex::new(text);
    let mut out = RenderedLesson::default();
    let mut steps: Vec<StepBuilder<'_>> = Vec::new();
    let mut in_metadata = false;
    let mut in_heading: Option<usize> = None;
    let mut image: Option<(usize, String)> = None;
    let mut warned_preamble = false;

    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let pos = || lines.position(range.start);
        match &event {
            Event::Start(Tag::MetadataBlock(_)) => {
                in_metadata = true;
                continue;
            }
            Event::End(TagEnd::MetadataBlock(_)) => {
                in_metadata = false;
                continue;
            }
            _ if in_metadata => continue,
            Event::Start(Tag::Heading { level, id, .. }) => match level {
                HeadingLevel::H1 => out.problems.push((
                    pos(),
                    Severity::Error,
                    "titre « # » interdit dans une leçon : le titre de la leçon va dans \
                     « title », et chaque étape commence par « ## »"
                        .into(),
                )),
                HeadingLevel::H2 => {
                    steps.push(StepBuilder {
                        slug: id.as_ref().map(|s| s.to_string()).unwrap_or_default(),
                        title: String::new(),
                        events: vec![Event::Start(Tag::Heading {
                            level: HeadingLevel::H2,
                            id: None,
                            classes: vec![],
                            attrs: vec![],
                        })],
                        position: pos(),
                        has_content: false,
                    });
                    in_heading = Some(steps.len() - 1);
                    continue;
                }
                _ => {}
            },
            Event::End(TagEnd::Heading(HeadingLevel::H2)) if in_heading.is_some() => {
                in_heading = None;
                if let Some(step) = steps.last_mut() {
                    step.events.push(event);
                }
                continue;
            }
            Event::Start(Tag::Image { .. }) => image = Some((range.start, String::new())),
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = image.take()
                    && alt.trim().is_empty()
                {
                    out.problems.push((
                        lines.position(start),
                        Severity::Error,
                        "image sans texte alternatif : décrivez l'image entre les crochets, \
                         par exemple ![Une enveloppe avec une adresse](enveloppe.png)"
                            .into(),
                    ));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, alt)) = image.as_mut() {
                    alt.push_str(t);
                }
                if in_heading.is_some()
                    && let Some(step) = steps.last_mut()
                {
                    step.title.push_str(t);
                }
            }
            _ => {}
        }

        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                dest_url: rewrite_url(&dest_url, false, ctx, pos(), &mut out),
                link_type,
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                dest_url: rewrite_url(&dest_url, true, ctx, pos(), &mut out),
                link_type,
                title,
                id,
            }),
            Event::SoftBreak => Event::Text(" ".into()),
            other => other,
        };

        match steps.last_mut() {
            Some(step) => {
                if in_heading.is_none() && !is_blank(&event) {
                    step.has_content = true;
                }
                step.events.push(event);
            }
            None if !is_blank(&event) && !warned_preamble => {
                warned_preamble = true;
                out.problems.push((
                    pos(),
                    Severity::Error,
                    "texte avant la première étape : chaque étape commence par une ligne \
                     « ## Titre de l'étape »"
                        .into(),
                ));
            }
            None => {}
        }
    }

    let mut seen = HashSet::new();
    for step in steps {
        let title = step.title.trim().to_string();
        let slug = if step.slug.is_empty() {
            slug::slugify(&title)
        } else {
            step.slug.clone()
        };
        if title.is_empty() {
            out.problems.push((
                step.position,
                Severity::Error,
                "étape sans titre : écrivez le titre après « ## »".into(),
            ));
        } else if !slug::is_valid(&slug) {
            out.problems.push((
                step.position,
                Severity::Error,
                format!(
                    "identifiant d'étape « {slug} » invalide : lettres minuscules sans \
                     accent, chiffres et tirets seulement"
                ),
            ));
        } else if RESERVED_STEP_SLUGS.contains(&slug.as_str()) {
            out.problems.push((
                step.position,
                Severity::Error,
                format!(
                    "l'identifiant d'étape « {slug} » est réservé : changez le titre ou \
                     ajoutez {{#autre-identifiant}}"
                ),
            ));
        } else if !seen.insert(slug.clone()) {
            out.problems.push((
                step.position,
                Severity::Error,
                format!(
                    "deux étapes ont le même identifiant « {slug} » : changez un des titres \
                     ou ajoutez {{#autre-identifiant}} après le titre"
                ),
            ));
        }
        if !step.has_content {
            out.problems.push((
                step.position,
                Severity::Error,
                format!("l'étape « {title} » est vide : ajoutez du texte sous son titre"),
            ));
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, step.events.into_iter());
        out.steps.push(RenderedStep {
            slug,
            title,
            html: sanitize(&html),
            position: step.position,
        });
    }
    if out.steps.is_empty() && !out.problems.iter().any(|p| p.1 == Severity::Error) {
        out.problems.push((
            Position::START,
            Severity::Error,
            "leçon sans étape : chaque étape commence par une ligne « ## Titre de l'étape »".into(),
        ));
    }
    out.problems
        .sort_by_key(|(pos, _, _)| (pos.line, pos.column));
    out
}

fn is_blank(event: &Event<'_>) -> bool {
    match event {
        Event::Text(t) => t.trim().is_empty(),
        Event::SoftBreak | Event::HardBreak => true,
        _ => false,
    }
}

/// Checks a link or image address and rewrites relative ones to site URLs.
fn rewrite_url<'a>(
    url: &str,
    is_image: bool,
    ctx: &LessonContext<'_>,
    pos: Position,
    out: &mut RenderedLesson,
) -> CowStr<'a> {
    let url = url.trim();
    let scheme = url
        .find(':')
        .filter(|&i| !url[..i].contains(['/', '?', '#']))
        .map(|i| url[..i].to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https") => return url.to_string().into(),
        Some("mailto") if !is_image => return url.to_string().into(),
        Some(other) => {
            out.problems.push((
                pos,
                Severity::Error,
                format!(
                    "adresse « {url} » refusée ({other}:) : seules les adresses http://, \
                     https://, mailto: et les liens vers d'autres leçons sont permis"
                ),
            ));
            return "#".into();
        }
        None => {}
    }
    if url.is_empty() {
        out.problems
            .push((pos, Severity::Error, "lien sans adresse".into()));
        return "#".into();
    }
    if url.starts_with('#') || url.starts_with('/') {
        return url.to_string().into();
    }
    // A path relative to the lesson file.
    let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
    let Some(resolved) = resolve_relative(ctx.dir, path) else {
        out.problems.push((
            pos,
            Severity::Error,
            format!("le lien « {url} » sort du dossier content/"),
        ));
        return "#".into();
    };
    if !is_image && let Some(target) = lesson_target(ctx.module, &resolved) {
        let (module, lesson) = target;
        let href = if fragment.is_empty() {
            format!("/modules/{module}/{lesson}")
        } else {
            format!("/modules/{module}/{lesson}/{fragment}")
        };
        out.links.push(LessonLink {
            module,
            lesson,
            position: pos,
        });
        return href.into();
    }
    format!("/medias/{}/{}", ctx.module, resolved).into()
}

/// Resolves `path` relative to `dir` (both inside a module folder); `..` may climb into
/// `content/`, which is returned as a path starting with `../`.
fn resolve_relative(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let mut above = 0usize;
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    above += 1;
                }
            }
            p => parts.push(p),
        }
    }
    if above > 1 {
        return None;
    }
    let mut s = "../".repeat(above);
    s.push_str(&parts.join("/"));
    Some(s)
}

/// If a resolved path names a lesson file, returns (module, lesson).
fn lesson_target(module: &str, resolved: &str) -> Option<(String, String)> {
    let (module, rest) = match resolved.strip_prefix("../") {
        Some(rest) => rest.split_once('/')?,
        None => (module, resolved),
    };
    let lesson = rest
        .strip_suffix("/index.md")
        .or_else(|| rest.strip_suffix(".md"))?;
    (!lesson.contains('/')).then(|| (module.to_string(), lesson.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTX: LessonContext<'static> = LessonContext {
        module: "email",
        dir: "",
    };

    fn errors(r: &RenderedLesson) -> Vec<String> {
        r.problems
            .iter()
            .map(|(p, _, m)| format!("{}:{}: {m}", p.line, p.column))
            .collect()
    }

    #[test]
    fn splits_steps_at_level_two_headings_with_stable_slugs() {
        let text = "+++\ntitle = \"x\"\n+++\n## L'adresse\nC'est l'enveloppe.\n\n## Écrire {#ecrire-un-message}\nOn écrit.\n";
        let r = render_lesson(text, &CTX);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let slugs: Vec<_> = r.steps.iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(slugs, ["l-adresse", "ecrire-un-message"]);
        assert_eq!(r.steps[1].title, "Écrire");
        assert_eq!(r.steps[0].position.line, 4);
        assert_eq!(
            r.steps[0].html,
            "<h2>L'adresse</h2>\n<p>C'est l'enveloppe.</p>\n"
        );
    }

    #[test]
    fn raw_html_and_scripts_are_sanitised() {
        let text = "## Étape\n<script>alert(1)</script>Bonjour <a href=\"javascript:x()\" onclick=\"y\">ici</a>\n";
        let r = render_lesson(text, &CTX);
        let html = &r.steps[0].html;
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
    }

    #[test]
    fn reports_missing_alt_text_bad_schemes_empty_steps_and_preamble() {
        let text = "Intro perdue.\n\n## Une\n![](photo.png)\n\n[x](javascript:alert(1))\n\n## Deux\n\n## Une\nTexte.\n";
        let r = render_lesson(text, &CTX);
        let e = errors(&r);
        assert!(
            e[0].starts_with("1:1: texte avant la première étape"),
            "{e:?}"
        );
        assert!(
            e[1].starts_with("4:1: image sans texte alternatif"),
            "{e:?}"
        );
        assert!(
            e[2].starts_with("6:1: adresse « javascript:alert(1) » refusée"),
            "{e:?}"
        );
        assert!(e[3].starts_with("8:1: l'étape « Deux » est vide"), "{e:?}");
        assert!(
            e[4].starts_with("10:1: deux étapes ont le même identifiant « une »"),
            "{e:?}"
        );
        assert_eq!(e.len(), 5, "{e:?}");
    }

    #[test]
    fn rewrites_relative_links_and_images() {
        let ctx = LessonContext {
            module: "email",
            dir: "piece-jointe",
        };
        let text = "## Voir\n![Une enveloppe](enveloppe.png) [suite](../adresse.md) [autre](../../securite/virus.md#regles) [web](https://exemple.fr)\n";
        let r = render_lesson(text, &ctx);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let html = &r.steps[0].html;
        assert!(
            html.contains("src=\"/medias/email/piece-jointe/enveloppe.png\""),
            "{html}"
        );
        assert!(html.contains("href=\"/modules/email/adresse\""), "{html}");
        assert!(
            html.contains("href=\"/modules/securite/virus/regles\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://exemple.fr\" rel=\"noopener noreferrer\""),
            "{html}"
        );
        assert_eq!(
            r.links,
            vec![
                LessonLink {
                    module: "email".into(),
                    lesson: "adresse".into(),
                    position: Position {
                        line: 2,
                        column: 33
                    }
                },
                LessonLink {
                    module: "securite".into(),
                    lesson: "virus".into(),
                    position: Position {
                        line: 2,
                        column: 56
                    }
                },
            ]
        );
    }

    #[test]
    fn forbids_level_one_headings_and_reserved_slugs() {
        let r = render_lesson("## Fin\nTexte.\n\n# Titre\n", &CTX);
        let e = errors(&r);
        assert!(
            e.iter().any(|m| m.starts_with("4:1: titre « # » interdit")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.starts_with("1:1: l'identifiant d'étape « fin » est réservé")),
            "{e:?}"
        );
    }

    #[test]
    fn options_are_set_in_one_place() {
        let o = options();
        assert!(o.contains(Options::ENABLE_HEADING_ATTRIBUTES));
        assert!(o.contains(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS));
        assert!(!o.contains(Options::ENABLE_FOOTNOTES));
    }
}
