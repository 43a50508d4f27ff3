//! Lesson content: modules are folders of Markdown files in `content/`, loaded once,
//! validated, rendered to sanitised HTML and kept in memory.
//!
//! ```text
//! content/
//!   email-la-poste/          a module (its folder name is its slug)
//!     _index.md              the module's front matter and introduction
//!     l-adresse.md           a lesson (its file name is its slug)
//!     piece-jointe/index.md  a lesson with its images beside it
//! ```

pub mod exercise;
pub mod front_matter;
pub mod glossary;
pub mod markdown;
pub mod overlay;
pub mod problem;
pub mod question;
pub mod readability;
pub mod slug;
pub mod step_length;
pub mod sync;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

pub use front_matter::{LessonMeta, Level, ModuleMeta};
pub use markdown::{Block, Callout, MAX_LESSON_BYTES};
pub use overlay::{Overlay, Tree};
pub use problem::{Position, Problem, Severity};
pub use question::{Answer, Question};

/// Every valid module, in catalogue order, and the glossary.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    modules: Vec<Module>,
    index: HashMap<String, usize>,
    pub glossary: glossary::Glossary,
}

#[derive(Clone, Debug)]
pub struct Module {
    pub slug: String,
    pub meta: ModuleMeta,
    /// The module's introduction, sanitised HTML (may be empty).
    pub intro_html: String,
    pub lessons: Vec<Lesson>,
    /// The `_index.md` file.
    pub path: PathBuf,
    prerequisites_position: Position,
}

#[derive(Clone, Debug)]
pub struct Lesson {
    pub slug: String,
    pub meta: LessonMeta,
    pub steps: Vec<Step>,
    pub path: PathBuf,
}

#[derive(Clone, Debug)]
pub struct Step {
    /// Stable identifier: progress is keyed by it.
    pub slug: String,
    pub title: String,
    /// Sanitised HTML and check questions, in order.
    pub blocks: Vec<Block>,
}

impl From<markdown::RenderedStep> for Step {
    fn from(s: markdown::RenderedStep) -> Self {
        Self {
            slug: s.slug,
            title: s.title,
            blocks: s.blocks,
        }
    }
}

impl Step {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.blocks.iter().find_map(|b| match b {
            Block::Question(q) if q.id == id => Some(q),
            _ => None,
        })
    }

    /// The exercise of this id, or of a recorded attempt's key (`id` or `id:detail`).
    pub fn exercise(&self, key: &str) -> Option<&exercise::Exercise> {
        let id = key.split_once(':').map_or(key, |(id, _)| id);
        self.blocks.iter().find_map(|b| match b {
            Block::Exercise(e) if e.id == id => Some(e),
            _ => None,
        })
    }
}

impl Catalog {
    /// Modules visible to learners (drafts left out).
    pub fn published(&self) -> impl Iterator<Item = &Module> {
        self.modules.iter().filter(|m| !m.meta.draft)
    }

    /// Every module, drafts included.
    pub fn all(&self) -> &[Module] {
        &self.modules
    }

    /// A module visible to learners.
    pub fn module(&self, slug: &str) -> Option<&Module> {
        self.index
            .get(slug)
            .map(|&i| &self.modules[i])
            .filter(|m| !m.meta.draft)
    }

    /// A lesson visible to learners.
    pub fn lesson(&self, module: &str, lesson: &str) -> Option<(&Module, &Lesson)> {
        let m = self.module(module)?;
        m.published_lessons()
            .find(|l| l.slug == lesson)
            .map(|l| (m, l))
    }

    /// A step of a published lesson, by its slugs.
    pub fn step(&self, module: &str, lesson: &str, step: &str) -> Option<&Step> {
        self.lesson(module, lesson)?.1.step(step)
    }

    pub fn lesson_count(&self) -> usize {
        self.modules.iter().map(|m| m.lessons.len()).sum()
    }

    fn from_modules(mut modules: Vec<Module>, glossary: glossary::Glossary) -> Self {
        modules.sort_by(|a, b| (a.meta.weight, &a.slug).cmp(&(b.meta.weight, &b.slug)));
        let index = modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.slug.clone(), i))
            .collect();
        Self {
            modules,
            index,
            glossary,
        }
    }
}

impl Module {
    pub fn published_lessons(&self) -> impl Iterator<Item = &Lesson> {
        self.lessons.iter().filter(|l| !l.meta.draft)
    }

    /// Whether step `i` of `lesson` asks the confidence question: the first step of the
    /// module's first published lesson.
    pub fn asks_confidence_at(&self, lesson: &Lesson, i: usize) -> bool {
        i == 0
            && self
                .published_lessons()
                .next()
                .is_some_and(|first| first.slug == lesson.slug)
    }

    /// The confidence question: "Je me sens capable de …".
    pub fn confidence_question(&self) -> String {
        match &self.meta.capability {
            Some(c) => crate::text::confidence_capable(c),
            None => crate::text::confidence_at_ease(&self.meta.title),
        }
    }
}

impl Lesson {
    pub fn step_index(&self, slug: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.slug == slug)
    }

    pub fn step(&self, slug: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.slug == slug)
    }
}

/// The content being served: the catalogue and the problems of the last load, replaced as a
/// whole when `content/` changes on disk. A lesson or module that became broken keeps being
/// served in its last valid version until it is fixed.
#[derive(Clone, Debug, Default)]
pub struct ContentStore {
    dir: PathBuf,
    loaded: Arc<RwLock<Loaded>>,
}

#[derive(Debug, Default)]
struct Loaded {
    catalog: Arc<Catalog>,
    problems: Arc<Vec<Problem>>,
    /// The browser edits the catalogue was loaded with.
    overlay: Arc<Overlay>,
    /// The content change counter they were read at (see [`sync`]).
    version: i64,
}

impl ContentStore {
    /// The catalogue of `content/` alone (no browser edits).
    pub fn new(dir: &Path, report: LoadReport) -> Self {
        Self::with_edits(dir, report, Arc::default(), 0)
    }

    /// The catalogue `report` loaded from `dir` with the browser edits `overlay`, read at
    /// change counter `version` (see [`sync::load`]).
    pub fn with_edits(dir: &Path, report: LoadReport, overlay: Arc<Overlay>, version: i64) -> Self {
        Self {
            dir: dir.to_path_buf(),
            loaded: Arc::new(RwLock::new(Loaded {
                catalog: Arc::new(report.catalog),
                problems: Arc::new(report.problems),
                overlay,
                version,
            })),
        }
    }

    /// The content folder with the browser edits the catalogue was loaded with.
    pub fn tree(&self) -> Tree {
        let overlay = self
            .loaded
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .overlay
            .clone();
        Tree::new(&self.dir, overlay)
    }

    /// The content folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The current catalogue; cheap (one reference count).
    pub fn get(&self) -> Arc<Catalog> {
        self.loaded
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .catalog
            .clone()
    }

    /// The problems found by the last load.
    pub fn problems(&self) -> Arc<Vec<Problem>> {
        self.loaded
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .problems
            .clone()
    }

    pub fn replace(&self, catalog: Catalog) {
        self.loaded
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .catalog = Arc::new(catalog);
    }

    /// Loads `content/` again, with the same browser edits (blocking: call it from a
    /// blocking thread). Broken lessons and modules keep their last valid version.
    pub fn reload(&self) -> (usize, usize, usize) {
        // Newer browser edits loaded meanwhile (from a folder read before this change,
        // maybe): load again with them.
        loop {
            let (tree, version) = {
                let loaded = self.loaded.read().unwrap_or_else(|e| e.into_inner());
                (Tree::new(&self.dir, loaded.overlay.clone()), loaded.version)
            };
            if let Some(counts) = self.reload_tree(&tree, version) {
                return counts;
            }
        }
    }

    /// Loads `content/` again with the browser edits read at change counter `version`
    /// (blocking). Nothing changes if newer edits were loaded meanwhile (`None`).
    pub fn reload_with(
        &self,
        overlay: Arc<Overlay>,
        version: i64,
    ) -> Option<(usize, usize, usize)> {
        self.reload_tree(&Tree::new(&self.dir, overlay), version)
    }

    /// The change counter of the browser edits loaded.
    pub fn version(&self) -> i64 {
        self.loaded
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .version
    }

    fn reload_tree(&self, tree: &Tree, version: i64) -> Option<(usize, usize, usize)> {
        let mut report = load_tree(tree);
        let previous = self.get();
        keep_last_valid(&mut report, &previous, tree);
        let counts = (
            report.catalog.modules.len(),
            report.catalog.lesson_count(),
            report.errors().count(),
        );
        let mut loaded = self.loaded.write().unwrap_or_else(|e| e.into_inner());
        if loaded.version > version {
            return None;
        }
        *loaded = Loaded {
            catalog: Arc::new(report.catalog),
            problems: Arc::new(report.problems),
            overlay: tree.overlay_arc(),
            version,
        };
        Some(counts)
    }
}

/// Puts back the last valid version of lessons and modules whose file still exists but
/// has an error now: learners keep the lesson while the trainer fixes it.
fn keep_last_valid(report: &mut LoadReport, previous: &Catalog, tree: &Tree) {
    let broken: HashSet<&Path> = report
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.path.as_path())
        .collect();
    let mut modules = std::mem::take(&mut report.catalog.modules);
    for old in &previous.modules {
        match modules.iter_mut().find(|m| m.slug == old.slug) {
            Some(m) => {
                for lesson in &old.lessons {
                    let missing = !m.lessons.iter().any(|l| l.slug == lesson.slug);
                    if missing
                        && tree.is_file(&lesson.path)
                        && broken.contains(lesson.path.as_path())
                    {
                        m.lessons.push(lesson.clone());
                    }
                }
                m.lessons
                    .sort_by(|a, b| (a.meta.weight, &a.slug).cmp(&(b.meta.weight, &b.slug)));
            }
            None if tree.is_file(&old.path) && broken.contains(old.path.as_path()) => {
                modules.push(old.clone());
            }
            None => {}
        }
    }
    let glossary = std::mem::take(&mut report.catalog.glossary);
    report.catalog = Catalog::from_modules(modules, glossary);
}

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
    problems.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.severity).cmp(&(&b.path, b.line, b.column, b.severity))
    });
    LoadReport {
        catalog: Catalog::from_modules(modules, glossary),
        problems,
    }
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

fn broken_link(link: &markdown::LessonLink) -> String {
    format!(
        "lien cassé : la leçon « {}/{} » n'existe pas (ou elle a une erreur)",
        link.module, link.lesson
    )
}

fn draft_link(link: &markdown::LessonLink) -> String {
    format!(
        "la leçon « {}/{} » est un brouillon : les apprenants ne la voient pas et ce lien ne \
         mène nulle part pour eux. Publiez-la, ou retirez le lien",
        link.module, link.lesson
    )
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

/// A link from a lesson to another, kept for the last check.
struct PendingLink {
    /// The linking lesson's file, module and slug.
    path: PathBuf,
    module: String,
    lesson: String,
    link: markdown::LessonLink,
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
        slug,
        intro_html: markdown::render_fragment(&text[body_offset..]),
        meta,
        lessons,
        path: index_path,
        prerequisites_position: key_position(&text, "prerequisites"),
    })
}

/// The CRCN (Pix) competences: five domains, sixteen competences.
const CRCN_COMPETENCES: [&str; 16] = [
    "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2",
    "4.3", "5.1", "5.2",
];

/// Checks what TOML cannot; returns `false` if something is wrong.
fn check_module_meta(
    meta: &ModuleMeta,
    path: &Path,
    text: &str,
    problems: &mut Vec<Problem>,
) -> bool {
    let before = problems.len();
    let at = |key: &str| key_position(text, key);
    if meta.title.trim().is_empty() {
        problems.push(Problem::error(path, at("title"), "le titre est vide"));
    }
    if meta.summary.trim().is_empty() {
        problems.push(Problem::error(path, at("summary"), "le résumé est vide"));
    }
    if meta.objectives.iter().all(|o| o.trim().is_empty()) {
        problems.push(Problem::error(
            path,
            at("objectives"),
            "il faut au moins un objectif : ce que la personne saura faire après le module",
        ));
    }
    for code in &meta.competences {
        if !CRCN_COMPETENCES.contains(&code.as_str()) {
            problems.push(Problem::error(
                path,
                at("competences"),
                format!(
                    "compétence « {code} » inconnue : utilisez un code du référentiel CRCN \
                     (Pix), de 1.1 à 5.2, par exemple « 2.1 »"
                ),
            ));
        }
    }
    if let Some(v) = &meta.verified {
        let ok = match v.split_once('-') {
            Some((y, m)) => is_year(y) && m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m)),
            None => is_year(v),
        };
        if !ok {
            problems.push(Problem::error(
                path,
                at("verified"),
                format!("date de vérification « {v} » invalide : écrivez « 2026 » ou « 2026-11 »"),
            ));
        }
    }
    problems.len() == before
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<u16>().is_ok_and(|y| y >= 2000)
}

/// The position of `key = …` in a file's front matter (or the start of the file).
fn key_position(text: &str, key: &str) -> Position {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return problem::LineIndex::new(text).position(offset + line.len() - trimmed.len());
        }
        offset += line.len();
    }
    Position::START
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

/// Checks a lesson's text as it would be loaded from `relative` (`module/lesson.md` or
/// `module/lesson/index.md`, under the content folder of `tree`), against the catalogue
/// for links to other lessons: for the trainers' editor, before anything is written.
pub fn check_lesson_text(
    tree: &Tree,
    relative: &str,
    text: &str,
    catalog: &Catalog,
) -> (Option<Lesson>, Vec<Problem>) {
    let (lesson, valid, problems) = check_and_render_lesson_text(tree, relative, text, catalog);
    (lesson.filter(|_| valid), problems)
}

/// [`check_lesson_text`], but the lesson is returned rendered even with errors (what can be
/// rendered is rendered), with whether it is valid: the trainers' preview checks and
/// renders a text once. No lesson if the front matter cannot be read.
pub fn check_and_render_lesson_text(
    tree: &Tree,
    relative: &str,
    text: &str,
    catalog: &Catalog,
) -> (Option<Lesson>, bool, Vec<Problem>) {
    let mut problems = Vec::new();
    let parts: Vec<&str> = relative.split('/').collect();
    let (module, slug, dir) = match parts.as_slice() {
        [m, file] => (*m, file.trim_end_matches(".md"), ""),
        [m, l, "index.md"] => (*m, *l, *l),
        _ => return (None, false, problems),
    };
    let path = tree.dir().join(relative);
    let (lesson, mut valid, links) = render_lesson_file(
        tree,
        (module, slug, dir),
        &path,
        text,
        &catalog.glossary,
        &mut problems,
    );
    let published = valid
        && lesson.as_ref().is_some_and(|l| !l.meta.draft)
        && catalog
            .all()
            .iter()
            .any(|m| m.slug == module && !m.meta.draft);
    for link in links {
        let target = catalog
            .all()
            .iter()
            .find(|m| m.slug == link.module)
            .and_then(|m| {
                let l = m.lessons.iter().find(|l| l.slug == link.lesson)?;
                Some(!m.meta.draft && !l.meta.draft)
            });
        let to_itself = link.module == module && link.lesson == slug;
        if published && !to_itself && target == Some(false) {
            problems.push(Problem::warning(&path, link.position, draft_link(&link)));
        }
        if !to_itself && target.is_none() {
            valid = false;
            problems.push(Problem::error(&path, link.position, broken_link(&link)));
        }
    }
    problems.sort_by_key(|p| (p.line, p.column, p.severity));
    (lesson, valid, problems)
}

/// Checks a module's `_index.md` text as the loader would (front matter, title, summary,
/// objectives, competences, date, prerequisites), for the trainers' editor, before anything
/// is written. `relative` is `module/_index.md` under the content folder of `tree`.
pub fn check_module_text(tree: &Tree, relative: &str, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let root = tree.dir();
    let path = root.join(relative);
    let module = relative.split('/').next().unwrap_or_default();
    let meta =
        match front_matter::split(text).and_then(|s| front_matter::parse::<ModuleMeta>(text, &s)) {
            Ok(meta) => meta,
            Err(e) => return vec![Problem::error(&path, e.position, e.message)],
        };
    check_module_meta(&meta, &path, text, &mut problems);
    for p in &meta.prerequisites {
        let message = if p == module {
            format!("le module « {p} » ne peut pas être son propre prérequis")
        } else if !slug::is_valid(p) || !tree.is_file(&root.join(p).join("_index.md")) {
            format!("prérequis inconnu : il n'y a pas de module « {p} »")
        } else {
            continue;
        };
        problems.push(Problem::error(
            &path,
            key_position(text, "prerequisites"),
            message,
        ));
    }
    problems.sort_by_key(|p| (p.line, p.column, p.severity));
    problems
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
fn render_lesson_file(
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
    let rendered = markdown::render_lesson(
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
    for advice in step_length::check_lesson(&text, &step_length::glossary_words(&rendered.steps)) {
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

/// Checks what points from one module or lesson to another; drops what is broken, then
/// modules left without a valid lesson.
fn check_references(modules: &mut Vec<Module>, links: &[PendingLink], problems: &mut Vec<Problem>) {
    // Every valid lesson, and whether learners see it (neither it nor its module a draft).
    let lessons: HashMap<(&str, &str), bool> = modules
        .iter()
        .flat_map(|m| {
            m.lessons.iter().map(|l| {
                (
                    (m.slug.as_str(), l.slug.as_str()),
                    !m.meta.draft && !l.meta.draft,
                )
            })
        })
        .collect();
    let mut broken: HashSet<(String, String)> = HashSet::new();
    for p in links {
        let target = (p.link.module.as_str(), p.link.lesson.as_str());
        let source_published = lessons.get(&(p.module.as_str(), p.lesson.as_str())) == Some(&true);
        if source_published && lessons.get(&target) == Some(&false) {
            problems.push(Problem::warning(
                &p.path,
                p.link.position,
                draft_link(&p.link),
            ));
        }
        if !lessons.contains_key(&target) {
            broken.insert((p.module.clone(), p.lesson.clone()));
            problems.push(Problem::error(
                &p.path,
                p.link.position,
                broken_link(&p.link),
            ));
        }
    }
    for m in modules.iter_mut() {
        m.lessons
            .retain(|l| !broken.contains(&(m.slug.clone(), l.slug.clone())));
    }
    let module_slugs: HashSet<String> = modules.iter().map(|m| m.slug.clone()).collect();
    modules.retain(|m| {
        let mut ok = true;
        if m.lessons.is_empty() {
            ok = false;
            problems.push(Problem::error(
                &m.path,
                Position::START,
                "module sans leçon valide : il n'est pas affiché",
            ));
        }
        for p in &m.meta.prerequisites {
            if p == &m.slug || !module_slugs.contains(p) {
                ok = false;
                problems.push(Problem::error(
                    &m.path,
                    m.prerequisites_position,
                    if p == &m.slug {
                        format!("le module « {p} » ne peut pas être son propre prérequis")
                    } else {
                        format!("prérequis inconnu : il n'y a pas de module « {p} »")
                    },
                ));
            }
        }
        ok
    });
}
