//! Markdown: one function sets every parser option; lessons are split into steps at `## `
//! headings, checked (alt text, links, empty steps) and sanitised once, at load time.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

pub mod html;

pub use html::{options, render_fragment, sanitize};

use super::exercise::{self, Exercise};
use super::glossary::Glossary;
use super::problem::{LineIndex, Position, Severity};
use super::question::{self, Question};
use super::slug;

/// The largest lesson file, in bytes: eleven times the longest shipped lesson. A longer file
/// is refused before it is parsed (rendering time grows with the text).
pub const MAX_LESSON_BYTES: usize = 64 * 1024;

/// How many tags may stand one inside the other (lists, quotations and callouts, emphasis,
/// links, images…). The shipped lessons use five at most (a list in a callout, bold in an
/// item). Deeper tags are reported, then dropped (their text is kept): the sanitiser's work
/// grows with the depth of what it is given.
pub const MAX_NESTING: usize = 10;

/// The most columns a table may have: an old PC's screen, read with large letters, shows
/// about three. A wider table is reported and left out (empty cells are added to every
/// short row, so a wide table could make a small file render as a huge page).
pub const MAX_TABLE_COLUMNS: usize = 8;

/// The most tags (paragraphs, list items, quotations, table cells, bold, links…) a lesson
/// may hold. The sanitiser's time grows with them (about 3 µs each, with the sentences they
/// hold): 64 KiB of one-line quotations is 26 000 of them (two each) and took over
/// 100 ms. The longest shipped lesson (5.6 KiB) has about 300; a lesson of 64 KiB written
/// like it, 3 500. Past this, the rest of the lesson is reported and left out.
pub const MAX_TAGS: usize = 4_000;

/// Where a lesson file sits, to resolve its relative links and images, and the glossary
/// whose words become explanations.
#[derive(Clone, Debug)]
pub struct LessonContext<'a> {
    pub module: &'a str,
    /// The lesson file's folder relative to the module folder: `""` for `lesson.md`,
    /// `"lesson"` for `lesson/index.md`.
    pub dir: &'a str,
    pub glossary: &'a Glossary,
}

/// A piece of a step: sanitised HTML, or a check question (rendered as a form by the page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Html(String),
    Question(Question),
    Exercise(Exercise),
}

/// One screen of a lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderedStep {
    pub slug: String,
    pub title: String,
    /// In order; the first one holds the step's `h2`.
    pub blocks: Vec<Block>,
    pub position: Position,
}

/// A link from a lesson to another lesson, checked once every module is loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonLink {
    pub module: String,
    pub lesson: String,
    pub position: Position,
}

/// An image or file beside a lesson, checked on disk by the loader.
#[derive(Clone, Debug, PartialEq)]
pub struct MediaRef {
    /// Relative to the module folder.
    pub path: String,
    pub position: Position,
}

/// The result of rendering one lesson file.
#[derive(Debug, Default)]
pub struct RenderedLesson {
    pub steps: Vec<RenderedStep>,
    pub links: Vec<LessonLink>,
    pub media: Vec<MediaRef>,
    pub problems: Vec<(Position, Severity, String)>,
}

/// The step identifier reserved for the end-of-lesson page.
pub const RESERVED_STEP_SLUGS: [&str; 1] = ["fin"];

/// The special blocks a trainer writes as `> [!KIND]` on the first line of a quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callout {
    /// `[!ANALOGIE]`: compare with something known.
    Analogy,
    /// `[!ASTUCE]`: a tip.
    Tip,
    /// `[!ATTENTION]`: a warning.
    Warning,
    /// `[!À FAIRE]`: something to do on one's own computer now.
    ToDo,
}

impl Callout {
    pub const ALL: [Callout; 4] = [
        Callout::Analogy,
        Callout::Tip,
        Callout::Warning,
        Callout::ToDo,
    ];

    /// Reads a marker such as `ANALOGIE` or `à faire` (case, accents, spaces and dashes ignored).
    pub fn from_marker(marker: &str) -> Option<Self> {
        let key: String = slug::slugify(marker).replace('-', "");
        match key.as_str() {
            "analogie" => Some(Callout::Analogy),
            "astuce" => Some(Callout::Tip),
            "attention" => Some(Callout::Warning),
            "afaire" => Some(Callout::ToDo),
            _ => None,
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Callout::Analogy => "callout-analogie",
            Callout::Tip => "callout-astuce",
            Callout::Warning => "callout-attention",
            Callout::ToDo => "callout-a-faire",
        }
    }

    /// The title shown (and read aloud) above the block.
    pub fn title(self) -> &'static str {
        match self {
            Callout::Analogy => crate::text::CALLOUT_ANALOGY,
            Callout::Tip => crate::text::CALLOUT_TIP,
            Callout::Warning => crate::text::CALLOUT_WARNING,
            Callout::ToDo => crate::text::CALLOUT_TO_DO,
        }
    }
}

struct StepSource<'a> {
    slug: String,
    title: String,
    events: Vec<(Event<'a>, Range<usize>)>,
    position: Position,
}

/// Renders a whole lesson file (front matter included, which the parser skips).
pub fn render_lesson(text: &str, ctx: &LessonContext<'_>) -> RenderedLesson {
    let lines = LineIndex::new(text);
    let mut out = RenderedLesson::default();

    // 1. Split the events into steps at level-two headings.
    let mut steps: Vec<StepSource<'_>> = Vec::new();
    let mut in_metadata = false;
    let mut in_title = false;
    let mut warned_preamble = false;
    if let Some(problem) = too_long(text) {
        out.problems
            .push((Position::START, Severity::Error, problem));
        return out;
    }
    let mut limits = Limits::default();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let (keep, problem) = limits.admit(&event);
        if let Some(message) = problem {
            out.problems
                .push((lines.position(range.start), Severity::Error, message));
        }
        if !keep {
            continue;
        }
        match &event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id,
                ..
            }) => {
                in_title = true;
                steps.push(StepSource {
                    slug: id.as_ref().map(|s| s.to_string()).unwrap_or_default(),
                    title: String::new(),
                    events: vec![(
                        Event::Start(Tag::Heading {
                            level: HeadingLevel::H2,
                            id: None,
                            classes: vec![],
                            attrs: vec![],
                        }),
                        range.clone(),
                    )],
                    position: lines.position(range.start),
                });
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) if in_title => {
                in_title = false;
                if let Some(step) = steps.last_mut() {
                    step.events.push((event, range));
                }
            }
            _ => match steps.last_mut() {
                Some(step) => {
                    if in_title && let Event::Text(t) | Event::Code(t) = &event {
                        step.title.push_str(t);
                    }
                    step.events.push((event, range));
                }
                None if !is_blank(&event) && !warned_preamble => {
                    warned_preamble = true;
                    out.problems.push((
                        lines.position(range.start),
                        Severity::Error,
                        "texte avant la première étape : chaque étape commence par une ligne \
                         « ## Titre de l'étape »"
                            .into(),
                    ));
                }
                None => {}
            },
        }
    }

    // 2. Render each step into blocks.
    let mut seen_steps = HashSet::new();
    let mut seen_questions = HashSet::new();
    for step in steps {
        let title = step.title.trim().to_string();
        let slug = if step.slug.is_empty() {
            slug::slugify(&title)
        } else {
            step.slug.clone()
        };
        check_step_slug(&slug, &title, step.position, &mut seen_steps, &mut out);
        let (blocks, has_content) = StepRenderer::new(&lines, ctx, &mut out).render(step.events);
        if !has_content {
            out.problems.push((
                step.position,
                Severity::Error,
                format!("l'étape « {title} » est vide : ajoutez du texte sous son titre"),
            ));
        }
        for block in &blocks {
            let id = match block {
                Block::Question(q) => Some(&q.id),
                Block::Exercise(e) => Some(&e.id),
                Block::Html(_) => None,
            };
            if let Some(id) = id
                && !seen_questions.insert(id.clone())
            {
                out.problems.push((
                    step.position,
                    Severity::Error,
                    format!(
                        "deux questions ou exercices ont le même identifiant « {id} » dans \
                         cette leçon : ajoutez {{#autre-identifiant}} après « question » ou \
                         « exercice … »"
                    ),
                ));
            }
        }
        out.steps.push(RenderedStep {
            slug,
            title,
            blocks,
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

/// The French message for a lesson file over [`MAX_LESSON_BYTES`], if it is.
pub fn too_long(text: &str) -> Option<String> {
    (text.len() > MAX_LESSON_BYTES).then(|| {
        format!(
            "leçon trop longue : {} Ko ({} Ko au plus). Coupez-la en plusieurs leçons : \
             une leçon se fait en une séance",
            text.len().div_ceil(1024),
            MAX_LESSON_BYTES / 1024
        )
    })
}

/// Keeps a lesson's events within [`MAX_NESTING`], [`MAX_TABLE_COLUMNS`] and [`MAX_TAGS`],
/// so that rendering and sanitising take a time proportional to the text, whatever it is,
/// and bounded.
#[derive(Default)]
struct Limits {
    /// Tags kept so far; past [`MAX_TAGS`], `cut` and nothing more is kept.
    tags: usize,
    cut: bool,
    /// For each open tag: (kept, counts towards the depth).
    open: Vec<(bool, bool)>,
    /// Kept tags open that count.
    depth: usize,
    /// Inside a table left out: how many of its tags are open.
    skipping: usize,
    /// The nesting problem is reported once per lesson.
    reported: bool,
}

impl Limits {
    /// Whether to keep this event, and a problem to report at its place.
    fn admit(&mut self, event: &Event<'_>) -> (bool, Option<String>) {
        if self.cut {
            return (false, None);
        }
        if self.skipping > 0 {
            match event {
                Event::Start(_) => self.skipping += 1,
                Event::End(_) => self.skipping -= 1,
                _ => {}
            }
            return (false, None);
        }
        match event {
            Event::Start(tag) => {
                // A table's rows and cells are part of it: never cut in the middle.
                let part = matches!(tag, Tag::TableHead | Tag::TableRow | Tag::TableCell);
                if let Tag::Table(columns) = tag
                    && (columns.len() > MAX_TABLE_COLUMNS || self.depth >= MAX_NESTING)
                {
                    self.skipping = 1;
                    let message = if columns.len() > MAX_TABLE_COLUMNS {
                        Some(format!(
                            "tableau de {} colonnes : {MAX_TABLE_COLUMNS} au plus, pour qu'il \
                             tienne sur l'écran. Faites plutôt une liste, ou plusieurs tableaux",
                            columns.len()
                        ))
                    } else {
                        self.nesting_problem()
                    };
                    return (false, message);
                }
                let keep = part || self.depth < MAX_NESTING;
                if keep {
                    self.tags += 1;
                    if self.tags > MAX_TAGS {
                        self.cut = true;
                        return (
                            false,
                            Some(format!(
                                "leçon trop chargée : plus de {MAX_TAGS} éléments (paragraphes, \
                                 lignes de liste, encadrés, cases de tableau, gras, liens…). La \
                                 suite n'est pas affichée. Coupez-la en plusieurs leçons : une \
                                 leçon se fait en une séance"
                            )),
                        );
                    }
                }
                let counts = keep && !part;
                self.open.push((keep, counts));
                if counts {
                    self.depth += 1;
                }
                let problem = if keep { None } else { self.nesting_problem() };
                (keep, problem)
            }
            Event::End(_) => {
                let (keep, counts) = self.open.pop().unwrap_or((false, false));
                if counts {
                    self.depth -= 1;
                }
                (keep, None)
            }
            _ => (true, None),
        }
    }

    /// The nesting problem, the first time only.
    fn nesting_problem(&mut self) -> Option<String> {
        if std::mem::replace(&mut self.reported, true) {
            return None;
        }
        Some(format!(
            "trop de niveaux les uns dans les autres (listes, citations, encadrés, gras, \
             liens…) : {MAX_NESTING} au plus. Simplifiez ce passage : la personne qui lit s'y \
             perdrait aussi"
        ))
    }
}

fn check_step_slug(
    slug: &str,
    title: &str,
    position: Position,
    seen: &mut HashSet<String>,
    out: &mut RenderedLesson,
) {
    let problem = if title.is_empty() {
        Some("étape sans titre : écrivez le titre après « ## »".to_string())
    } else if !slug::is_valid(slug) {
        Some(format!(
            "identifiant d'étape « {slug} » invalide : lettres minuscules sans accent, chiffres \
             et tirets seulement"
        ))
    } else if RESERVED_STEP_SLUGS.contains(&slug) {
        Some(format!(
            "l'identifiant d'étape « {slug} » est réservé : changez le titre ou ajoutez \
             {{#autre-identifiant}}"
        ))
    } else if !seen.insert(slug.to_string()) {
        Some(format!(
            "deux étapes ont le même identifiant « {slug} » : changez un des titres ou ajoutez \
             {{#autre-identifiant}} après le titre"
        ))
    } else {
        None
    };
    if let Some(message) = problem {
        out.problems.push((position, Severity::Error, message));
    }
}

/// Turns the events of one step into blocks: callouts, questions, checked links and images.
struct StepRenderer<'t, 'o, 'c> {
    lines: &'t LineIndex<'t>,
    ctx: &'c LessonContext<'c>,
    out: &'o mut RenderedLesson,
    blocks: Vec<Block>,
    pending: Vec<Event<'t>>,
    has_content: bool,
    /// Glossary entries already explained in this step.
    used: Vec<usize>,
}

impl<'t, 'o, 'c> StepRenderer<'t, 'o, 'c> {
    fn new(
        lines: &'t LineIndex<'t>,
        ctx: &'c LessonContext<'c>,
        out: &'o mut RenderedLesson,
    ) -> Self {
        Self {
            lines,
            ctx,
            out,
            blocks: Vec::new(),
            pending: Vec::new(),
            has_content: false,
            used: Vec::new(),
        }
    }

    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut html = String::new();
        let events = std::mem::take(&mut self.pending);
        pulldown_cmark::html::push_html(&mut html, wrap_sentences(events).into_iter());
        let html = sanitize(&html);
        if !html.trim().is_empty() {
            self.blocks.push(Block::Html(html));
        }
    }

    fn render(mut self, events: Vec<(Event<'t>, Range<usize>)>) -> (Vec<Block>, bool) {
        // For each open quotation: is it a callout?
        let mut quotes: Vec<bool> = Vec::new();
        let mut image: Option<(usize, String)> = None;
        let mut in_heading = false;
        let mut in_link = 0usize;
        let mut in_comment = false;
        let mut after_html = false;
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            let pos = self.lines.position(range.start);
            i += 1;
            let is_html = matches!(event, Event::Html(_) | Event::InlineHtml(_));
            if let Event::Html(h) | Event::InlineHtml(h) = event {
                self.check_raw_html(h, pos, &mut in_comment, after_html);
            }
            after_html = is_html;
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    in_heading = true;
                    if *level == HeadingLevel::H1 {
                        self.out.problems.push((
                            pos,
                            Severity::Error,
                            "titre « # » interdit dans une leçon : le titre de la leçon va dans \
                             « title », et chaque étape commence par « ## »"
                                .into(),
                        ));
                    }
                }
                Event::End(TagEnd::Heading(_)) => in_heading = false,
                Event::Start(Tag::BlockQuote(_)) => {
                    self.check_lazy_lines(range.clone());
                    if let Some((callout, skip, reopen)) = self.callout_at(&events, i, pos) {
                        quotes.push(true);
                        self.has_content = true;
                        self.pending.push(Event::Html(
                            format!(
                                "<div class=\"callout {}\" role=\"note\"><p class=\"callout-title\"><span class=\"phrase\">{}</span></p>\n",
                                callout.class(),
                                callout.title()
                            )
                            .into(),
                        ));
                        if reopen {
                            self.pending.push(Event::Start(Tag::Paragraph));
                        }
                        i = skip;
                        continue;
                    }
                    quotes.push(false);
                }
                Event::End(TagEnd::BlockQuote(_)) => {
                    let closes_callout = quotes.pop() == Some(true);
                    if closes_callout {
                        self.pending.push(Event::Html("</div>\n".into()));
                        continue;
                    }
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if question::is_question_info(info) || exercise::is_exercise_info(info) =>
                {
                    let mut body = String::new();
                    let mut body_start = None;
                    while i < events.len() {
                        let (e, r) = &events[i];
                        i += 1;
                        match e {
                            Event::Text(t) => {
                                body_start.get_or_insert(r.start);
                                body.push_str(t);
                            }
                            Event::End(TagEnd::CodeBlock) => break,
                            _ => {}
                        }
                    }
                    self.fenced_block(info, &body, pos, body_start);
                    continue;
                }
                Event::Start(Tag::Link { .. }) => in_link += 1,
                Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
                Event::Start(Tag::Image { .. }) => image = Some((range.start, String::new())),
                Event::End(TagEnd::Image) => {
                    if let Some((start, alt)) = image.take()
                        && alt.trim().is_empty()
                    {
                        self.out.problems.push((
                            self.lines.position(start),
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
                }
                _ => {}
            }
            if !in_heading && !is_blank(event) && !matches!(event, Event::End(_)) {
                self.has_content = true;
            }
            let event = match event.clone() {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => Event::Start(Tag::Link {
                    dest_url: rewrite_url(&dest_url, false, self.ctx, pos, self.out),
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
                    dest_url: rewrite_url(&dest_url, true, self.ctx, pos, self.out),
                    link_type,
                    title,
                    id,
                }),
                // Raw HTML from the lesson is an error (reported above) and is never shown:
                // what reaches the page is made from Markdown, escaped by the renderer.
                Event::Html(_) | Event::InlineHtml(_) => continue,
                Event::SoftBreak => Event::Text(" ".into()),
                Event::Text(text) if !in_heading && in_link == 0 && image.is_none() => {
                    self.link_glossary_words(text.to_string());
                    continue;
                }
                other => other,
            };
            self.pending.push(event);
        }
        self.flush();
        if !self.used.is_empty() {
            // A fixed label from the text module (no markup in it).
            let mut html = format!(
                "<section class=\"glossaire\" aria-label=\"{}\">\n",
                crate::text::GLOSSARY_OF_STEP
            );
            for &i in &self.used {
                let e = &self.ctx.glossary.entries[i];
                // The words' links lead to the explanation inside the closed `<details>`:
                // the browser opens it to show its target, with or without JavaScript.
                html.push_str(&format!(
                    "<details><summary>{}</summary>\n<div id=\"mot-{}\">{}</div></details>\n",
                    html_escape(&e.term),
                    e.slug,
                    e.definition
                ));
            }
            html.push_str("</section>\n");
            self.blocks.push(Block::Html(sanitize(&html)));
        }
        (self.blocks, self.has_content)
    }

    /// Turns the first use of each glossary word in this step into a link to its
    /// explanation, shown at the end of the step.
    fn link_glossary_words(&mut self, mut text: String) {
        while let Some((range, i)) = self.ctx.glossary.find(&text, &self.used) {
            self.used.push(i);
            let after = text.split_off(range.end);
            let word = text.split_off(range.start);
            if !text.is_empty() {
                self.pending.push(Event::Text(text.into()));
            }
            self.pending.push(Event::InlineHtml(
                format!(
                    "<a class=\"mot\" href=\"#mot-{}\">",
                    self.ctx.glossary.entries[i].slug
                )
                .into(),
            ));
            self.pending.push(Event::Text(word.into()));
            self.pending.push(Event::InlineHtml("</a>".into()));
            text = after;
        }
        if !text.is_empty() {
            self.pending.push(Event::Text(text.into()));
        }
    }

    /// Raw HTML in a lesson would escape the rules on images and links: it is an error
    /// (comments, notes between trainers, are allowed and never shown). `after_html`: the
    /// previous event was HTML too (one error per block, not per line).
    fn check_raw_html(
        &mut self,
        html: &str,
        pos: Position,
        in_comment: &mut bool,
        after_html: bool,
    ) {
        let trimmed = html.trim_start();
        if *in_comment || trimmed.starts_with("<!--") {
            *in_comment = !html.contains("-->");
            return;
        }
        if trimmed.is_empty() || after_html {
            return;
        }
        self.out.problems.push((
            pos,
            Severity::Error,
            "code HTML interdit dans une leçon : écrivez en Markdown, par exemple \
             ![Une enveloppe](enveloppe.png) pour une image ou [le site](https://…) pour un lien"
                .into(),
        ));
    }

    /// A line right under a quotation (a callout), without a blank line between them, is
    /// shown inside it ("lazy continuation"): almost never what the trainer meant.
    fn check_lazy_lines(&mut self, range: Range<usize>) {
        let text = self.lines.text();
        let Some(quote) = text.get(range.clone()) else {
            return;
        };
        let mut offset = range.start;
        for line in quote.split_inclusive('\n') {
            let content = line.trim();
            if offset > range.start && !content.is_empty() && !content.starts_with('>') {
                self.out.problems.push((
                    self.lines.position(offset),
                    Severity::Warning,
                    "cette ligne est collée à l'encadré du dessus : elle s'affiche dedans. \
                     Laissez une ligne vide avant elle, ou commencez-la par « > » si elle \
                     fait partie de l'encadré"
                        .into(),
                ));
                return;
            }
            offset += line.len();
        }
    }

    /// If the quotation opening before `start` is a callout (`> [!KIND]`), returns its kind,
    /// the index of the first event after the marker, and whether the paragraph the marker
    /// was in goes on (and must be reopened).
    fn callout_at(
        &mut self,
        events: &[(Event<'t>, Range<usize>)],
        start: usize,
        pos: Position,
    ) -> Option<(Callout, usize, bool)> {
        if !matches!(events.get(start), Some((Event::Start(Tag::Paragraph), _))) {
            return None;
        }
        let mut marker = String::new();
        let mut j = start + 1;
        while let Some((Event::Text(t), _)) = events.get(j) {
            marker.push_str(t);
            j += 1;
        }
        let inner = marker.trim().strip_prefix("[!")?.strip_suffix(']')?;
        let Some(callout) = Callout::from_marker(inner) else {
            self.out.problems.push((
                pos,
                Severity::Error,
                format!(
                    "encadré inconnu « [!{inner}] » : les encadrés possibles sont [!ANALOGIE], \
                     [!ASTUCE], [!ATTENTION] et [!À FAIRE]"
                ),
            ));
            return None;
        };
        match events.get(j) {
            // The marker alone on its line, text below it in the same paragraph.
            Some((Event::SoftBreak | Event::HardBreak, _)) => Some((callout, j + 1, true)),
            // The marker is the whole first paragraph.
            Some((Event::End(TagEnd::Paragraph), _)) => Some((callout, j + 1, false)),
            _ => None,
        }
    }

    /// A check question or a practice exercise: its problems placed at their line in the
    /// file, and the block itself if it is valid.
    fn fenced_block(&mut self, info: &str, body: &str, pos: Position, body_start: Option<usize>) {
        let (block, problems) = if question::is_question_info(info) {
            let (q, problems) = question::parse(info, body);
            (q.map(Block::Question), problems)
        } else {
            let (e, problems) = exercise::parse(info, body);
            (e.map(Block::Exercise), problems)
        };
        // Even a broken block is content: the step is not "empty".
        self.has_content = true;
        let body_line = body_start.map(|s| self.lines.position(s).line);
        for (line, severity, message) in problems {
            let at = match (line, body_line) {
                (Some(l), Some(first)) => Position {
                    line: first + l,
                    column: 1,
                },
                _ => pos,
            };
            self.out.problems.push((at, severity, message));
        }
        if let Some(block) = block {
            self.flush();
            self.blocks.push(block);
        }
    }
}

/// Wraps every sentence of paragraphs, headings, list items and table cells in
/// `<span class="phrase">`, so that read-aloud can highlight what it reads: what is read is
/// what is shown. A sentence is never split inside bold, a link or other inline markup.
pub fn wrap_sentences(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    const OPEN: &str = "<span class=\"phrase\">";
    let mut out = Vec::with_capacity(events.len() * 2);
    let mut in_container = 0usize;
    let mut inline_depth = 0usize;
    let mut in_image = false;
    let mut open = false;
    let mut split_after_inline = false;
    let close = |out: &mut Vec<Event<'_>>, open: &mut bool| {
        if *open {
            out.push(Event::InlineHtml("</span>".into()));
            *open = false;
        }
    };
    for event in events {
        match &event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell) => {
                close(&mut out, &mut open);
                in_container += 1;
                out.push(event);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => {
                close(&mut out, &mut open);
                in_container = in_container.saturating_sub(1);
                out.push(event);
            }
            Event::Start(Tag::Image { .. }) => {
                in_image = true;
                out.push(event);
            }
            Event::End(TagEnd::Image) => {
                in_image = false;
                out.push(event);
            }
            _ if in_image => out.push(event),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
                if in_container > 0 =>
            {
                if !open {
                    out.push(Event::InlineHtml(OPEN.into()));
                    open = true;
                }
                inline_depth += 1;
                out.push(event);
            }
            Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) if in_container > 0 => {
                inline_depth = inline_depth.saturating_sub(1);
                out.push(event);
                if inline_depth == 0 && split_after_inline {
                    split_after_inline = false;
                    close(&mut out, &mut open);
                }
            }
            Event::Text(text) | Event::Code(text) if in_container > 0 => {
                let is_code = matches!(event, Event::Code(_));
                let pieces = if is_code || inline_depth > 0 {
                    vec![text.to_string()]
                } else {
                    split_sentences(text)
                };
                if inline_depth > 0 && ends_sentence(text) {
                    split_after_inline = true;
                }
                for piece in pieces {
                    let trimmed = piece.trim_start();
                    let lead = &piece[..piece.len() - trimmed.len()];
                    if !lead.is_empty() {
                        out.push(Event::Text(lead.to_string().into()));
                    }
                    if trimmed.is_empty() {
                        continue;
                    }
                    if !open {
                        out.push(Event::InlineHtml(OPEN.into()));
                        open = true;
                    }
                    out.push(if is_code {
                        Event::Code(trimmed.to_string().into())
                    } else {
                        Event::Text(trimmed.to_string().into())
                    });
                    if inline_depth == 0 && ends_sentence(trimmed) {
                        close(&mut out, &mut open);
                    }
                }
            }
            Event::Start(_) if in_container == 0 => {
                close(&mut out, &mut open);
                out.push(event);
            }
            _ => out.push(event),
        }
    }
    close(&mut out, &mut open);
    out
}

/// Does this text end a sentence (`.`, `!`, `?`, `…`, maybe followed by a closing quote)?
fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['»', '"', ')', '\u{a0}', ' ']);
    t.ends_with(['.', '!', '?', '…'])
}

/// Splits text after each sentence end, keeping the punctuation with its sentence.
fn split_sentences(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(_, c)) in chars.iter().enumerate() {
        if matches!(c, '.' | '!' | '?' | '…') {
            // Include closing quotes after the mark, then require a space.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '»' | '"' | ')' | '\u{a0}') {
                j += 1;
            }
            if j < chars.len() && chars[j].1.is_whitespace() && !matches!(chars[j].1, '\u{a0}') {
                let end = chars[j].0;
                pieces.push(text[start..end].to_string());
                start = end;
            }
        }
    }
    pieces.push(text[start..].to_string());
    pieces.into_iter().filter(|p| !p.is_empty()).collect()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
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
        Some("http" | "https") if is_image => {
            out.problems.push((
                pos,
                Severity::Error,
                format!(
                    "image « {url} » prise sur un autre site : mettez le fichier de l'image \
                     dans le dossier de la leçon (l'autre site saurait qui lit la leçon)"
                ),
            ));
            return "#".into();
        }
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
    if url.starts_with("//") || url.starts_with("/\\") {
        out.problems.push((
            pos,
            Severity::Error,
            format!("adresse « {url} » incomplète : écrivez-la en entier, avec https:// au début"),
        ));
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
            crate::paths::lesson(&module, &lesson)
        } else {
            crate::paths::step(&module, &lesson, fragment)
        };
        out.links.push(LessonLink {
            module,
            lesson,
            position: pos,
        });
        return href.into();
    }
    if resolved.starts_with("../") {
        out.problems.push((
            pos,
            Severity::Error,
            format!("le fichier « {url} » doit être dans le dossier du module"),
        ));
        return "#".into();
    }
    if is_image && !is_image_file(&resolved) {
        out.problems.push((
            pos,
            Severity::Error,
            format!(
                "image « {url} » : ce format ne s'affiche pas ; utilisez une image PNG, JPEG, \
                 GIF, WebP ou un dessin SVG (.png, .jpg, .jpeg, .gif, .webp, .svg)"
            ),
        ));
        return "#".into();
    }
    out.media.push(MediaRef {
        path: resolved.clone(),
        position: pos,
    });
    format!("/medias/{}/{}", ctx.module, resolved).into()
}

/// A file `/medias` serves beside a lesson: an image of the trainers' upload's types, or an
/// SVG drawing kept in `content/` (checked by `illustrations`).
fn is_image_file(path: &str) -> bool {
    crate::media::LessonMedia::from_path(path).is_some()
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

    static NO_GLOSSARY: Glossary = Glossary {
        entries: Vec::new(),
    };
    const CTX: LessonContext<'static> = LessonContext {
        module: "email",
        dir: "",
        glossary: &NO_GLOSSARY,
    };

    /// The step's HTML without the read-aloud sentence spans.
    fn html(step: &RenderedStep) -> String {
        step.blocks
            .iter()
            .map(|b| match b {
                Block::Html(h) => h
                    .replace("<span class=\"phrase\">", "")
                    .replace("</span>", ""),
                Block::Question(q) => format!("[question {}]", q.id),
                Block::Exercise(e) => format!("[exercice {}]", e.id),
            })
            .collect()
    }

    #[test]
    fn every_sentence_is_wrapped_for_read_aloud_without_breaking_markup() {
        let text = "## Le signe @\nUne adresse a le signe **@**. On le lit « arobase » !\nÇa va ? Oui.\n\n- Un **point. Deux** mots.\n- Trois\n\n![Une enveloppe](e.png)\n";
        let r = render_lesson(text, &CTX);
        let Block::Html(h) = &r.steps[0].blocks[0] else {
            panic!()
        };
        assert_eq!(
            h,
            "<h2><span class=\"phrase\">Le signe @</span></h2>\n\
             <p><span class=\"phrase\">Une adresse a le signe <strong>@</strong>.</span> \
             <span class=\"phrase\">On le lit « arobase » !</span> \
             <span class=\"phrase\">Ça va ?</span> <span class=\"phrase\">Oui.</span></p>\n\
             <ul>\n<li><span class=\"phrase\">Un <strong>point. Deux</strong> mots.</span></li>\n\
             <li><span class=\"phrase\">Trois</span></li>\n</ul>\n\
             <p><img src=\"/medias/email/e.png\" alt=\"Une enveloppe\"></p>\n"
        );
    }

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
            html(&r.steps[0]),
            "<h2>L'adresse</h2>\n<p>C'est l'enveloppe.</p>\n"
        );
    }

    #[test]
    fn raw_html_and_scripts_are_sanitised() {
        let text = "## Étape\n<script>alert(1)</script>Bonjour <a href=\"javascript:x()\" onclick=\"y\">ici</a>\n";
        let r = render_lesson(text, &CTX);
        let html = &html(&r.steps[0]);
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
    }

    #[test]
    fn raw_html_is_an_error_once_per_block_but_comments_are_allowed() {
        let text = "## Étape\nTexte <img src=\"x.png\"> ici.\n\n<div>\nbloc\n</div>\n\n\
                    <!-- note pour les formateurs\nsur deux lignes -->\n\nFin <!-- court -->.\n";
        let e = errors(&render_lesson(text, &CTX));
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].starts_with("2:7: code HTML interdit"), "{e:?}");
        assert!(e[1].starts_with("4:1: code HTML interdit"), "{e:?}");
    }

    #[test]
    fn refuses_addresses_without_scheme_remote_images_and_formats_not_served() {
        let text = "## Étape\n[un site](//exemple.fr/page)\n\n![Un dessin](dessin.bmp)\n\n\
                    ![Un logo](https://exemple.fr/logo.png)\n\n![Une photo](Photo.JPG)\n";
        let e = errors(&render_lesson(text, &CTX));
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(
            e[0].starts_with("2:1: adresse « //exemple.fr/page » incomplète"),
            "{e:?}"
        );
        assert!(
            e[1].starts_with("4:1: image « dessin.bmp » : ce format"),
            "{e:?}"
        );
        assert!(
            e[2].starts_with("6:1: image « https://exemple.fr/logo.png » prise sur un autre site"),
            "{e:?}"
        );
    }

    #[test]
    fn a_line_stuck_under_a_callout_is_a_warning() {
        let text = "## Étape\n> [!ANALOGIE]\n> Une lettre.\nAvec ce compte :\n\n- une liste\n\n\
                    > [!ASTUCE]\n> Bien séparé.\n\nTexte.\n";
        let r = render_lesson(text, &CTX);
        let warnings: Vec<String> = r
            .problems
            .iter()
            .filter(|p| p.1 == Severity::Warning)
            .map(|(pos, _, m)| format!("{}:{}: {m}", pos.line, pos.column))
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("4:1: cette ligne est collée à l'encadré"),
            "{warnings:?}"
        );
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
            glossary: &NO_GLOSSARY,
        };
        let text = "## Voir\n![Une enveloppe](enveloppe.png) [suite](../adresse.md) [autre](../../securite/virus.md#regles) [web](https://exemple.fr)\n";
        let r = render_lesson(text, &ctx);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let html = &html(&r.steps[0]);
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
    fn callouts_become_titled_notes() {
        let text = "## Une\n> [!ANALOGIE]\n> L'adresse, c'est l'enveloppe.\n\n> [!à faire]\n>\n> Allumez l'ordinateur.\n\n> Une citation.\n";
        let r = render_lesson(text, &CTX);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(
            html(&r.steps[0]),
            "<h2>Une</h2>\n<div class=\"callout callout-analogie\" role=\"note\"><p class=\"callout-title\">Pour comprendre</p>\n<p>L'adresse, c'est l'enveloppe.</p>\n</div>\n\
             <div class=\"callout callout-a-faire\" role=\"note\"><p class=\"callout-title\">À vous de faire sur votre ordinateur</p>\n<p>Allumez l'ordinateur.</p>\n</div>\n\
             <blockquote>\n<p>Une citation.</p>\n</blockquote>\n"
        );
        let r = render_lesson("## Une\n> [!NOTE]\n> Texte.\n", &CTX);
        assert!(
            errors(&r)[0].starts_with("2:1: encadré inconnu « [!NOTE] »"),
            "{:?}",
            r.problems
        );
    }

    #[test]
    fn questions_split_a_step_into_blocks_with_their_lines() {
        let text = "## Une\nAvant.\n\n```question\nVrai ?\n- [x] Oui\n  > Bien.\n- [ ] Non\n```\n\nAprès.\n\n```question\nEt ça ?\n- [ ] A\n  > a\n- [ ] B\n  > b\n```\n";
        let r = render_lesson(text, &CTX);
        assert_eq!(
            html(&r.steps[0]),
            "<h2>Une</h2>\n<p>Avant.</p>\n[question vrai]<p>Après.</p>\n"
        );
        let e: Vec<_> = r
            .problems
            .iter()
            .map(|(p, s, m)| format!("{}:{:?}:{m}", p.line, s))
            .collect();
        assert!(
            e[0].starts_with("8:Warning:la réponse « Non » n'a pas d'explication"),
            "{e:?}"
        );
        assert!(
            e[1].starts_with("13:Error:question sans bonne réponse"),
            "{e:?}"
        );
    }

    #[test]
    fn glossary_words_link_to_an_explanation_the_first_time_in_a_step() {
        let glossary = Glossary {
            entries: vec![super::super::glossary::Entry {
                slug: "navigateur".into(),
                term: "Navigateur".into(),
                forms: vec!["navigateur".into()],
                definition: "<p>Le programme pour aller sur Internet.</p>\n".into(),
            }],
        };
        let ctx = LessonContext {
            module: "email",
            dir: "",
            glossary: &glossary,
        };
        let r = render_lesson(
            "## Ouvrir le navigateur\nOuvrez le navigateur. Le navigateur s'ouvre.\n",
            &ctx,
        );
        let h = html(&r.steps[0]);
        assert!(
            h.contains("<h2>Ouvrir le navigateur</h2>"),
            "headings are left alone: {h}"
        );
        assert_eq!(h.matches("<a class=\"mot\" href=\"#mot-navigateur\" rel=\"noopener noreferrer\">navigateur</a>").count(), 1, "{h}");
        // The link's target is inside the closed details (the browser opens it), not the
        // details itself (the browser would only scroll to it, closed).
        assert!(
            h.contains("<details><summary>Navigateur</summary>\n<div id=\"mot-navigateur\">"),
            "{h}"
        );
    }

    #[test]
    fn a_lesson_over_the_size_limit_is_refused_unparsed() {
        let mut text = "## Étape\n".to_string();
        while text.len() <= MAX_LESSON_BYTES {
            text.push_str("- Une ligne.\n");
        }
        let r = render_lesson(&text, &CTX);
        assert!(r.steps.is_empty());
        let e = errors(&r);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("1:1: leçon trop longue : 65 Ko (64 Ko au plus)"),
            "{e:?}"
        );
        // At the limit, it is rendered.
        text.truncate(MAX_LESSON_BYTES);
        assert_eq!(render_lesson(&text, &CTX).steps.len(), 1);
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_reported_once_and_flattened() {
        let text = format!(
            "## Étape\nTexte.\n\n{}Au fond.\n\n{}Encore.\n",
            "- ".repeat(40),
            "> ".repeat(40)
        );
        let r = render_lesson(&text, &CTX);
        let e = errors(&r);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("4:11: trop de niveaux les uns dans les autres"),
            "{e:?}"
        );
        let h = html(&r.steps[0]);
        assert!(h.contains("Au fond.") && h.contains("Encore."), "{h}");
        // Lists hold items: MAX_NESTING tags are half lists, half items.
        assert_eq!(h.matches("<ul>").count(), MAX_NESTING / 2, "{h}");
        assert_eq!(h.matches("<blockquote>").count(), MAX_NESTING, "{h}");
        // Inline nesting too.
        let text = format!("## Étape\n{}b{}\n", "*a ".repeat(30), "*".repeat(30));
        let r = render_lesson(&text, &CTX);
        assert!(
            errors(&r)[0].contains("trop de niveaux"),
            "{:?}",
            r.problems
        );
        assert!(html(&r.steps[0]).matches("<em>").count() < MAX_NESTING);
    }

    #[test]
    fn a_lesson_over_the_tag_budget_is_reported_once_and_cut_there() {
        // Each line is a paragraph (one tag, the step's heading is the first).
        let text = format!("## Étape\n\n{}Après.\n", "Un.\n\n".repeat(MAX_TAGS));
        let r = render_lesson(&text, &CTX);
        let e = errors(&r);
        assert_eq!(e.len(), 1, "{e:?}");
        // The heading and MAX_TAGS - 1 paragraphs are kept: the next one starts at line
        // 3 + 2 × (MAX_TAGS - 1).
        let line = 3 + 2 * (MAX_TAGS - 1);
        assert!(
            e[0].starts_with(&format!(
                "{line}:1: leçon trop chargée : plus de {MAX_TAGS}"
            )),
            "{e:?}"
        );
        let h = html(&r.steps[0]);
        assert_eq!(h.matches("<p>").count(), MAX_TAGS - 1);
        assert!(!h.contains("Après"));
        // At the budget, nothing is cut.
        let text = format!("## Étape\n\n{}", "Un.\n\n".repeat(MAX_TAGS - 1));
        assert!(errors(&render_lesson(&text, &CTX)).is_empty());
    }

    #[test]
    fn a_table_too_wide_for_the_screen_is_reported_and_left_out() {
        let text = format!(
            "## Étape\nAvant.\n\n{}|\n{}|\na\n\n| Je vois | Ça veut dire |\n|---|---|\n| @ | arobase |\n",
            "|a".repeat(9),
            "|-".repeat(9)
        );
        let r = render_lesson(&text, &CTX);
        let e = errors(&r);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("4:1: tableau de 9 colonnes : 8 au plus"),
            "{e:?}"
        );
        let h = html(&r.steps[0]);
        assert_eq!(h.matches("<table>").count(), 1, "{h}");
        assert!(h.contains("<td>arobase</td>"), "{h}");
    }

    #[test]
    fn raw_html_never_reaches_the_page_even_where_the_sanitiser_would_allow_it() {
        let text = "## Étape\nDu <b>gras</b> et <a href=\"https://exemple.fr\">un lien</a>.\n\n<p>bloc</p>\n";
        let h = html(&render_lesson(text, &CTX).steps[0]);
        assert_eq!(h, "<h2>Étape</h2>\n<p>Du gras et un lien.</p>\n", "{h}");
    }

    #[test]
    fn options_are_set_in_one_place() {
        let o = options();
        assert!(o.contains(pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES));
        assert!(o.contains(pulldown_cmark::Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS));
        assert!(!o.contains(pulldown_cmark::Options::ENABLE_FOOTNOTES));
    }
}
