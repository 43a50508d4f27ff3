//! The content being served, shared by every request and replaced as a whole on a reload.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use super::catalog::Catalog;
use super::loader::{LoadReport, load_tree};
use super::{Overlay, Problem, Tree};

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
    /// The content change counter they were read at (see [`super::sync`]).
    version: i64,
}

impl ContentStore {
    /// The catalogue of `content/` alone (no browser edits).
    pub fn new(dir: &Path, report: LoadReport) -> Self {
        Self::with_edits(dir, report, Arc::default(), 0)
    }

    /// The catalogue `report` loaded from `dir` with the browser edits `overlay`, read at
    /// change counter `version` (see [`super::sync::load`]).
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

    /// [`Self::tree`] as trainers see it: drafts laid over what learners are served.
    pub fn latest_tree(&self) -> Tree {
        self.tree().with_drafts()
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
                let mut old = old.clone();
                old.archived = tree.overlay().archived.contains(&old.slug);
                modules.push(old);
            }
            None => {}
        }
    }
    let glossary = std::mem::take(&mut report.catalog.glossary);
    let mut diagnostic = std::mem::take(&mut report.catalog.diagnostic);
    // The diagnostic's questionnaire too: a file with errors is no questionnaire, so the
    // last valid one stays while it is fixed.
    let diagnostic_file = tree.dir().join(super::diagnostic::FILE);
    if diagnostic.questions.is_empty()
        && tree.is_file(&diagnostic_file)
        && broken.contains(diagnostic_file.as_path())
    {
        diagnostic = previous.diagnostic.clone();
    }
    report.catalog = Catalog::from_modules(modules, glossary);
    report.catalog.diagnostic = diagnostic;
}
