//! The content as served: the files of the content folder (kept in git), with what trainers
//! saved in the browser laid over them. Browser edits live in the database (every instance
//! sees them, see `services::authoring`); an [`Overlay`] is this instance's copy of the
//! latest revision of each file and the list of images, and a [`Tree`] reads the content
//! folder through it, so that the loader sees one set of files.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// What trainers saved in the browser, by path relative to the content folder
/// (`module/lesson.md`, `module/photo.png`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overlay {
    /// The text of each file edited in the browser (its latest revision), in place of the
    /// file in the folder (which may not exist: a lesson created in the browser).
    pub texts: BTreeMap<String, Arc<str>>,
    /// Images uploaded in the browser (their bytes stay in the database).
    pub images: BTreeSet<String>,
    /// Drafts saved after the version in `texts` (or after the folder's file, or of a file
    /// never published): trainers see them, learners never do until they are published.
    pub drafts: BTreeMap<String, Arc<str>>,
    /// Modules archived by a trainer (their slugs): served for learners' history, offered
    /// for no new work (`Catalog::published`).
    pub archived: BTreeSet<String>,
    /// Modules deleted by a trainer: the tree hides them, files and edits alike.
    pub deleted: BTreeSet<String>,
}

impl Overlay {
    fn contains(&self, relative: &str) -> bool {
        self.texts.contains_key(relative) || self.images.contains(relative)
    }

    /// Every path in the overlay, texts and images.
    fn paths(&self) -> impl Iterator<Item = &String> {
        self.texts.keys().chain(self.images.iter())
    }

    /// The overlay as trainers see it: each file's latest revision, drafts included.
    pub fn with_drafts(&self) -> Self {
        let mut texts = self.texts.clone();
        texts.extend(self.drafts.iter().map(|(p, t)| (p.clone(), t.clone())));
        Self {
            texts,
            images: self.images.clone(),
            drafts: BTreeMap::new(),
            archived: self.archived.clone(),
            deleted: self.deleted.clone(),
        }
    }
}

/// The content folder read through an overlay.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    dir: PathBuf,
    overlay: Arc<Overlay>,
}

impl Tree {
    pub fn new(dir: &Path, overlay: Arc<Overlay>) -> Self {
        Self {
            dir: dir.to_path_buf(),
            overlay,
        }
    }

    /// The folder alone (no browser edits): `server check`, tests.
    pub fn folder(dir: &Path) -> Self {
        Self::new(dir, Arc::default())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    pub fn overlay_arc(&self) -> Arc<Overlay> {
        self.overlay.clone()
    }

    /// The same folder as trainers see it: drafts laid over the published versions.
    pub fn with_drafts(&self) -> Self {
        if self.overlay.drafts.is_empty() {
            return self.clone();
        }
        Self::new(&self.dir, Arc::new(self.overlay.with_drafts()))
    }

    /// `path` relative to the content folder, with `/` (`Some("")` for the folder itself);
    /// `None` outside the folder or with `..`.
    fn relative(&self, path: &Path) -> Option<String> {
        let inside = path.strip_prefix(&self.dir).ok()?;
        let mut parts = Vec::new();
        for c in inside.components() {
            match c {
                Component::Normal(p) => parts.push(p.to_str()?),
                Component::CurDir => {}
                _ => return None,
            }
        }
        Some(parts.join("/"))
    }

    /// Whether `path` is in a module a trainer deleted (hidden, whatever is on disk).
    fn is_deleted(&self, path: &Path) -> bool {
        !self.overlay.deleted.is_empty()
            && self.relative(path).is_some_and(|r| {
                r.split('/')
                    .next()
                    .is_some_and(|m| self.overlay.deleted.contains(m))
            })
    }

    /// The text of a file: its browser revision, or the file.
    pub fn read_to_string(&self, path: &Path) -> io::Result<String> {
        if self.is_deleted(path) {
            return Err(io::ErrorKind::NotFound.into());
        }
        if let Some(text) = self
            .relative(path)
            .and_then(|r| self.overlay.texts.get(&r).cloned())
        {
            return Ok(text.to_string());
        }
        fs::read_to_string(path)
    }

    /// The text of the file in the folder only, if there is one (what git has).
    pub fn read_folder_file(&self, path: &Path) -> Option<String> {
        fs::read_to_string(path).ok()
    }

    pub fn is_file(&self, path: &Path) -> bool {
        if self.is_deleted(path) {
            return false;
        }
        self.relative(path)
            .is_some_and(|r| self.overlay.contains(&r))
            || path.is_file()
    }

    pub fn is_dir(&self, path: &Path) -> bool {
        if self.is_deleted(path) {
            return false;
        }
        path.is_dir()
            || self.relative(path).is_some_and(|r| {
                r.is_empty() || {
                    let prefix = format!("{r}/");
                    self.overlay.paths().any(|p| p.starts_with(&prefix))
                }
            })
    }

    /// The entries of a folder, sorted: those on disk and those only in the overlay.
    pub fn read_dir_sorted(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        let from_overlay: BTreeSet<PathBuf> = match self.relative(path) {
            Some(r) => {
                let prefix = if r.is_empty() { r } else { format!("{r}/") };
                self.overlay
                    .paths()
                    .filter_map(|p| p.strip_prefix(&prefix))
                    .filter_map(|rest| rest.split('/').next())
                    .filter(|name| !name.is_empty())
                    .map(|name| path.join(name))
                    .collect()
            }
            None => BTreeSet::new(),
        };
        let mut paths: BTreeSet<PathBuf> = match fs::read_dir(path) {
            Ok(entries) => entries
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<_, _>>()?,
            Err(e) if e.kind() == io::ErrorKind::NotFound && !from_overlay.is_empty() => {
                BTreeSet::new()
            }
            Err(e) => return Err(e),
        };
        paths.extend(from_overlay);
        Ok(paths.into_iter().filter(|p| !self.is_deleted(p)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_adds_and_replaces_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("m")).unwrap();
        fs::write(dir.path().join("m/a.md"), "git").unwrap();
        let mut overlay = Overlay::default();
        overlay.texts.insert("m/a.md".into(), "navigateur".into());
        overlay.texts.insert("n/_index.md".into(), "nouveau".into());
        overlay.images.insert("m/photo.png".into());
        let tree = Tree::new(dir.path(), Arc::new(overlay));
        let root = dir.path();
        assert_eq!(
            tree.read_to_string(&root.join("m/a.md")).unwrap(),
            "navigateur"
        );
        assert_eq!(tree.read_folder_file(&root.join("m/a.md")).unwrap(), "git");
        assert_eq!(
            tree.read_to_string(&root.join("n/_index.md")).unwrap(),
            "nouveau"
        );
        assert!(tree.is_dir(&root.join("n")));
        assert!(!tree.is_dir(&root.join("o")));
        assert!(tree.is_file(&root.join("m/photo.png")));
        assert!(!tree.is_file(&root.join("m/autre.png")));
        assert_eq!(
            tree.read_dir_sorted(root).unwrap(),
            vec![root.join("m"), root.join("n")]
        );
        assert_eq!(
            tree.read_dir_sorted(&root.join("m")).unwrap(),
            vec![root.join("m/a.md"), root.join("m/photo.png")]
        );
        // A deleted module is hidden, its folder's files and its browser edits alike.
        let mut overlay = tree.overlay().clone();
        overlay.deleted.insert("m".into());
        overlay.deleted.insert("n".into());
        let hidden = Tree::new(root, Arc::new(overlay));
        assert!(!hidden.is_dir(&root.join("m")));
        assert!(!hidden.is_file(&root.join("m/a.md")));
        assert!(!hidden.is_file(&root.join("n/_index.md")));
        assert!(hidden.read_to_string(&root.join("m/a.md")).is_err());
        assert!(hidden.read_dir_sorted(root).unwrap().is_empty());
        assert_eq!(
            tree.read_dir_sorted(&root.join("n")).unwrap(),
            vec![root.join("n/_index.md")]
        );
        assert!(tree.read_dir_sorted(&root.join("o")).is_err());
        // Nothing outside the folder is overlaid.
        assert!(!tree.is_file(&root.join("../m/photo.png")));
    }

    #[test]
    fn drafts_are_seen_only_through_the_trainers_tree() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("m")).unwrap();
        fs::write(dir.path().join("m/a.md"), "git").unwrap();
        let mut overlay = Overlay::default();
        overlay.texts.insert("m/b.md".into(), "publiée".into());
        overlay
            .drafts
            .insert("m/a.md".into(), "brouillon de a".into());
        overlay
            .drafts
            .insert("m/b.md".into(), "brouillon de b".into());
        overlay.drafts.insert("m/c.md".into(), "nouvelle".into());
        let served = Tree::new(dir.path(), Arc::new(overlay));
        let root = dir.path();
        assert_eq!(served.read_to_string(&root.join("m/a.md")).unwrap(), "git");
        assert_eq!(
            served.read_to_string(&root.join("m/b.md")).unwrap(),
            "publiée"
        );
        assert!(!served.is_file(&root.join("m/c.md")));
        let trainers = served.with_drafts();
        assert_eq!(
            trainers.read_to_string(&root.join("m/a.md")).unwrap(),
            "brouillon de a"
        );
        assert_eq!(
            trainers.read_to_string(&root.join("m/b.md")).unwrap(),
            "brouillon de b"
        );
        assert!(trainers.is_file(&root.join("m/c.md")));
        assert_eq!(
            trainers.read_dir_sorted(&root.join("m")).unwrap(),
            vec![
                root.join("m/a.md"),
                root.join("m/b.md"),
                root.join("m/c.md")
            ]
        );
    }
}
