//! The HTML side of Markdown: the parser's options (set in this one place) and the
//! sanitiser every rendered lesson goes through. Apart from the rest of `markdown` so that
//! the glossary, which `markdown` uses, can render its definitions with them (no cycle).

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser};

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
        .add_tags(["figure", "figcaption"])
        .add_tag_attributes("div", ["role", "id"])
        .add_allowed_classes(
            "div",
            [
                "callout",
                "callout-analogie",
                "callout-astuce",
                "callout-attention",
                "callout-a-faire",
            ],
        )
        .add_allowed_classes("p", ["callout-title"])
        .add_allowed_classes("span", ["phrase"])
        .add_allowed_classes("a", ["mot"])
        .add_allowed_classes("section", ["glossaire"])
        .add_tags(["section"])
        .add_tag_attributes("section", ["aria-label"])
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
