//! Loading `content/`: every module folder, its `_index.md` and its lessons, checked and
//! rendered; what is invalid is left out and reported.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::catalog::{Catalog, Lesson, Module, Step};
use super::checks::{PendingLink, check_module_meta, check_references, key_position};
use super::{
    Block, Callout, LessonMeta, ModuleMeta, Position, Problem, Severity, Tree, diagnostic,
    front_matter, glossary, markdown, readability, slug,
};

/// What loading `content/` produced: the valid modules and every problem found.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub catalog: Catalog,
    pub problems: Vec<Problem>,
}

impl LoadReport {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }
}

/// Loads every module under `dir`. Invalid lessons and modules are left out and reported;
/// this never fails as a whole, so the server starts with whatever is valid.
pub fn load(dir: &Path) -> LoadReport {
    load_tree(&Tree::folder(dir))
}

/// [`load`], with the browser edits laid over the folder.
pub fn load_tree(tree: &Tree) -> LoadReport {
    let dir = tree.dir();
    let mut problems = Vec::new();
    let mut modules = Vec::new();
    let entries = match tree.read_dir_sorted(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem::error(
                dir,
                Position::START,
                format!("dossier des leçons illisible : {}", io_error_fr(&e)),
            ));
            return LoadReport {
                catalog: Catalog::default(),
                problems,
            };
        }
    };
    let glossary = glossary::load(tree, &mut problems);
    let mut links = Vec::new();
    for path in entries.into_iter().filter(|p| tree.is_dir(p)) {
        if let Some(module) = load_module(tree, &path, &glossary, &mut problems, &mut links) {
            modules.push(module);
        }
    }
    check_references(&mut modules, &links, &mut problems);
    let lessons: HashMap<(String, String), bool> = modules
        .iter()
        .flat_map(|m| {
            m.lessons.iter().map(|l| {
                (
                    (m.slug.clone(), l.slug.clone()),
                    !m.meta.draft && !l.meta.draft,
                )
            })
        })
        .collect();
    let diagnostic = diagnostic::load(tree, &lessons, &mut problems);
    problems.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.severity).cmp(&(&b.path, b.line, b.column, b.severity))
    });
    let mut catalog = Catalog::from_modules(modules, glossary);
    catalog.diagnostic = diagnostic;
    LoadReport { catalog, problems }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read(tree: &Tree, path: &Path, problems: &mut Vec<Problem>) -> Option<String> {
    match tree.read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) => {
            problems.push(Problem::error(
                path,
                Position::START,
                format!("fichier illisible : {}", io_error_fr(&e)),
            ));
            None
        }
    }
}

/// An input/output error in words a trainer understands.
fn io_error_fr(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "il n'existe pas".into(),
        ErrorKind::PermissionDenied => "pas le droit de le lire".into(),
        ErrorKind::InvalidData => "ce n'est pas du texte en UTF-8 : enregistrez-le en UTF-8".into(),
        ErrorKind::NotADirectory => "ce n'est pas un dossier".into(),
        ErrorKind::IsADirectory => "c'est un dossier, pas un fichier".into(),
        _ => format!("erreur du système ({e})"),
    }
}

/// Loads one module folder. Its lessons are checked even if `_index.md` is broken, so that
/// `server check` reports every problem at once. Modules with no valid lesson are dropped
/// later, once links between lessons are checked.
fn load_module(
    tree: &Tree,
    dir: &Path,
    glossary: &glossary::Glossary,
    problems: &mut Vec<Problem>,
    links: &mut Vec<PendingLink>,
) -> Option<Module> {
    let slug = file_name(dir);
    if slug.starts_with('.') {
        return None;
    }
    let index_path = dir.join("_index.md");
    if !tree.is_file(&index_path) {
        problems.push(Problem::error(
            dir,
            Position::START,
            "dossier de module sans fichier _index.md : ajoutez-le, avec le titre du module",
        ));
        return None;
    }
    let text = read(tree, &index_path, problems)?;
    let mut ok = true;
    if !slug::is_valid(&slug) {
        ok = false;
        problems.push(Problem::error(
            dir,
            Position::START,
            format!(
                "nom de dossier « {slug} » invalide : lettres minuscules sans accent, chiffres \
                 et tirets seulement (par exemple « email-la-poste »)"
            ),
        ));
    }
    let parsed = match front_matter::split(&text)
        .and_then(|s| front_matter::parse::<ModuleMeta>(&text, &s).map(|m| (m, s.body_offset)))
    {
        Ok(parsed) => {
            ok &= check_module_meta(&parsed.0, &index_path, &text, problems);
            Some(parsed)
        }
        Err(e) => {
            problems.push(Problem::error(&index_path, e.position, e.message));
            None
        }
    };

    let mut lessons: Vec<Lesson> = Vec::new();
    let mut lesson_paths: HashMap<String, PathBuf> = HashMap::new();
    for path in tree.read_dir_sorted(dir).unwrap_or_default() {
        let name = file_name(&path);
        let (lesson_slug, file, lesson_dir) = if tree.is_dir(&path) {
            let index = path.join("index.md");
            if !tree.is_file(&index) {
                continue; // a folder of images, for instance
            }
            (name.clone(), index, name.as_str().to_owned())
        } else if let Some(stem) = name.strip_suffix(".md") {
            if name == "_index.md" {
                continue;
            }
            (stem.to_string(), path.clone(), String::new())
        } else {
            continue;
        };
        if let Some(other) = lesson_paths.insert(lesson_slug.clone(), file.clone()) {
            problems.push(Problem::error(
                &file,
                Position::START,
                format!(
                    "deux leçons s'appellent « {lesson_slug} » ({} et {}) : renommez-en une",
                    other.display(),
                    file.display()
                ),
            ));
            lessons.retain(|l| l.slug != lesson_slug);
            continue;
        }
        let (lesson, lesson_links) = load_lesson(
            tree,
            (&slug, &lesson_slug, &lesson_dir),
            &file,
            glossary,
            problems,
        );
        links.extend(lesson_links.into_iter().map(|link| PendingLink {
            path: file.clone(),
            module: slug.clone(),
            lesson: lesson_slug.clone(),
            link,
        }));
        if let Some(lesson) = lesson {
            lessons.push(lesson);
        }
    }
    if let Some((meta, _)) = parsed.as_ref().filter(|_| !ok) {
        // The module is left out, but its unknown prerequisites are reported now too, so
        // that one run shows every problem of the file.
        let root = dir.parent().unwrap_or(dir);
        for p in &meta.prerequisites {
            if !slug::is_valid(p) || !tree.is_file(&root.join(p).join("_index.md")) {
                problems.push(Problem::error(
                    &index_path,
                    key_position(&text, "prerequisites"),
                    format!("prérequis inconnu : il n'y a pas de module « {p} »"),
                ));
            }
        }
    }
    let (meta, body_offset) = parsed.filter(|_| ok)?;
    lessons.sort_by(|a, b| (a.meta.weight, &a.slug).cmp(&(b.meta.weight, &b.slug)));
    Some(Module {
        archived: tree.overlay().archived.contains(&slug),
        slug,
        intro_html: markdown::render_fragment(&text[body_offset..]),
        meta,
        lessons,
        path: index_path,
        prerequisites_position: key_position(&text, "prerequisites"),
    })
}

/// Loads one lesson; also returns its links to other lessons, even if it is invalid, so
/// that they are checked too.
fn load_lesson(
    tree: &Tree,
    names: (&str, &str, &str),
    path: &Path,
    glossary: &glossary::Glossary,
    problems: &mut Vec<Problem>,
) -> (Option<Lesson>, Vec<markdown::LessonLink>) {
    let Some(text) = read(tree, path, problems) else {
        return (None, Vec::new());
    };
    parse_lesson(tree, names, path, &text, glossary, problems)
}

fn parse_lesson(
    tree: &Tree,
    names: (&str, &str, &str),
    path: &Path,
    text: &str,
    glossary: &glossary::Glossary,
    problems: &mut Vec<Problem>,
) -> (Option<Lesson>, Vec<markdown::LessonLink>) {
    let (lesson, valid, links) = render_lesson_file(tree, names, path, text, glossary, problems);
    (lesson.filter(|_| valid), links)
}

/// Checks and renders a lesson file: the lesson (rendered even with errors; none if its
/// front matter cannot be read), whether it is valid, and its links to other lessons.
pub(super) fn render_lesson_file(
    tree: &Tree,
    (module, slug, dir): (&str, &str, &str),
    path: &Path,
    text: &str,
    glossary: &glossary::Glossary,
    problems: &mut Vec<Problem>,
) -> (Option<Lesson>, bool, Vec<markdown::LessonLink>) {
    // Nothing of a file over the size limit is parsed.
    if let Some(message) = markdown::too_long(text) {
        problems.push(Problem::error(path, Position::START, message));
        return (None, false, Vec::new());
    }
    let text = text.to_string();
    let mut ok = true;
    if !slug::is_valid(slug) {
        ok = false;
        problems.push(Problem::error(
            path,
            Position::START,
            format!(
                "nom de leçon « {slug} » invalide : lettres minuscules sans accent, chiffres et \
                 tirets seulement"
            ),
        ));
    }
    let meta = match front_matter::split(&text)
        .and_then(|s| front_matter::parse::<LessonMeta>(&text, &s))
    {
        Ok(meta) => meta,
        Err(e) => {
            problems.push(Problem::error(path, e.position, e.message));
            return (None, false, Vec::new());
        }
    };
    if meta.title.trim().is_empty() {
        ok = false;
        problems.push(Problem::error(
            path,
            key_position(&text, "title"),
            "le titre est vide",
        ));
    }
    let mut rendered = markdown::render_lesson(
        &text,
        &markdown::LessonContext {
            module,
            dir,
            glossary,
        },
    );
    let has_analogy_or_image = rendered.steps.iter().flat_map(|s| &s.blocks).any(|b| {
        matches!(b, Block::Html(h) if h.contains(Callout::Analogy.class()) || h.contains("<img"))
    });
    for advice in readability::check_lesson(
        &text,
        &glossary.slugs(),
        has_analogy_or_image,
        &readability::Rules::default(),
    ) {
        problems.push(Problem::warning(path, advice.position, advice.message));
    }
    for advice in super::step_length::check_lesson(
        &text,
        &super::step_length::glossary_words(&rendered.steps),
    ) {
        problems.push(Problem::warning(path, advice.position, advice.message));
    }
    let module_dir = path
        .ancestors()
        .nth(if dir.is_empty() { 1 } else { 2 })
        .unwrap_or(Path::new("."));
    for media in &rendered.media {
        if !tree.is_file(&module_dir.join(&media.path)) {
            ok = false;
            problems.push(Problem::error(
                path,
                media.position,
                format!(
                    "fichier introuvable : « {} » (il doit être à côté de la leçon)",
                    media.path
                ),
            ));
        }
    }
    ok &=
        super::illustrations::check_lesson(tree, module, module_dir, path, &mut rendered, problems);
    for (pos, severity, message) in rendered.problems {
        ok &= severity != Severity::Error;
        problems.push(Problem {
            path: path.to_path_buf(),
            line: pos.line,
            column: pos.column,
            severity,
            message,
        });
    }
    let lesson = Lesson {
        slug: slug.to_string(),
        meta,
        steps: rendered.steps.into_iter().map(Step::from).collect(),
        path: path.to_path_buf(),
    };
    (Some(lesson), ok, rendered.links)
}
