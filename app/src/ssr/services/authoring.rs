//! What trainers do with content files from the browser: read, check, save (keeping every
//! previous version), undo, detect two trainers saving the same file, create lessons and
//! modules from templates, add images.
//!
//! Where lessons live: the `content/` folder (kept in git) is the base; what trainers save
//! in the browser is kept in the database as revisions (`content_revision`) and images
//! (`content_image`), so that every instance serves it. The content served is the folder
//! with the latest revision of each file laid over it (see `content::overlay`); each change
//! bumps the content counter and every instance reloads (see `content::sync`). `server
//! export-content` writes the content served back to files, for git.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::media::ImageType;
use crate::model::{
    AuthoringProblem, ContentState, LessonOverview, ModuleOverview, PreviewStep, ProblemView,
    TrainerOverview,
};
use crate::ssr::content::{self, Catalog, ContentStore, Problem, Tree, front_matter, slug, sync};
use crate::ssr::db::entities::{content_image, content_revision};
use crate::ssr::db::now;

use super::learning;
use super::quiz::Answered;
use crate::ssr::db::WriteTransaction as _;

/// Where the editor kept previous versions before they moved to the database, inside the
/// content folder (ignored by the loader; see README for what to do with it).
pub const HISTORY_DIR: &str = ".historique";
/// The largest image a trainer may upload.
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;

/// A file's text and the hash that identifies this version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub text: String,
    pub hash: String,
}

impl Version {
    fn of(text: String) -> Self {
        Self {
            hash: hash(&text),
            text,
        }
    }
}

pub fn hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A file trainers may edit: `module/_index.md`, `module/lesson.md`,
/// `module/lesson/index.md` or `glossaire.md`, with valid slugs and nothing else.
pub fn is_editable(relative: &str) -> bool {
    let parts: Vec<&str> = relative.split('/').collect();
    match parts.as_slice() {
        [file] => *file == content::glossary::FILE,
        [m, "_index.md"] => slug::is_valid(m),
        [m, file] => slug::is_valid(m) && file.strip_suffix(".md").is_some_and(slug::is_valid),
        [m, l, "index.md"] => slug::is_valid(m) && slug::is_valid(l),
        _ => false,
    }
}

pub fn is_lesson(relative: &str) -> bool {
    is_editable(relative) && relative.contains('/') && !relative.ends_with("/_index.md")
}

fn not_editable() -> AppError {
    AppError::NotFound
}

fn io_failed(e: io::Error) -> AppError {
    tracing::error!(error = %e, "content file operation failed");
    AppError::Internal
}

/// Runs blocking work (file reads, checks, rendering) off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|_| AppError::Internal)
}

/// The text of the file as trainers see it now on this instance (browser edits and drafts
/// included; another instance's save of the last second may not be there yet: saving
/// checks the database).
pub fn read(store: &ContentStore, relative: &str) -> io::Result<Version> {
    if !is_editable(relative) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not an editable file",
        ));
    }
    let tree = store.latest_tree();
    Ok(Version::of(
        tree.read_to_string(&tree.dir().join(relative))?,
    ))
}

/// A file as every instance sees it: its revisions in the database and the file in the
/// content folder.
#[derive(Clone, Debug)]
pub struct FileState {
    /// The file in the content folder (git), if there is one.
    pub folder: Option<String>,
    /// Its revisions, oldest first.
    revisions: Vec<content_revision::Model>,
}

impl FileState {
    fn latest(&self) -> Option<&content_revision::Model> {
        self.revisions.last()
    }

    /// The text of revision `number` (0: the folder's file).
    fn text_of(&self, number: i32) -> Option<String> {
        match self.revisions.iter().find(|r| r.number == number) {
            Some(r) if r.text.is_some() => r.text.clone(),
            _ => self.folder.clone(),
        }
    }

    /// The text in effect: the latest revision, or the folder's file.
    pub fn current(&self) -> Option<Version> {
        self.text_of(self.latest().map_or(0, |r| r.number))
            .map(Version::of)
    }

    fn next_number(&self) -> i32 {
        self.latest().map_or(1, |r| r.number + 1)
    }

    /// How many times "Annuler" can go back.
    pub fn undo_steps(&self) -> usize {
        let mut steps = 0;
        let mut next = self.latest().and_then(|r| r.undo_to);
        while let Some(n) = next {
            steps += 1;
            next = match n {
                0 => None,
                n => self
                    .revisions
                    .iter()
                    .find(|r| r.number == n)
                    .and_then(|r| r.undo_to),
            };
            if steps > self.revisions.len() {
                break;
            }
        }
        steps
    }

    /// The file in the content folder changed (a `git pull`) since the browser revision in
    /// effect was saved: that revision stays in effect, and the trainer is told.
    pub fn changed_in_folder(&self) -> bool {
        self.latest().is_some_and(|r| {
            r.text.is_some()
                && r.folder_hash != self.folder_hash()
                // Exported and committed: the folder holds the revision's text.
                && r.text != self.folder
        })
    }

    fn folder_hash(&self) -> String {
        self.folder.as_deref().map(hash).unwrap_or_default()
    }
}

/// A file's revisions and its text in the folder.
pub async fn file_state(
    db: &impl ConnectionTrait,
    store: &ContentStore,
    relative: &str,
) -> Result<FileState, AppError> {
    if !is_editable(relative) {
        return Err(not_editable());
    }
    let revisions = content_revision::Entity::find()
        .filter(content_revision::Column::Path.eq(relative))
        .order_by_asc(content_revision::Column::Number)
        .all(db)
        .await?;
    let path = store.dir().join(relative);
    let folder = blocking(move || fs::read_to_string(path).ok()).await?;
    Ok(FileState { folder, revisions })
}

/// Records revision `number` of a file and bumps the content counter, in `db` (a
/// transaction); `false` (nothing written) if another revision was saved over the same one
/// meanwhile: the unique key on (file, number) decides, never a read before.
async fn record_in(
    db: &impl ConnectionTrait,
    revision: content_revision::ActiveModel,
) -> Result<bool, DbErr> {
    let inserted = content_revision::Entity::insert(revision)
        .on_conflict(
            OnConflict::columns([
                content_revision::Column::Path,
                content_revision::Column::Number,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?
        > 0;
    if inserted {
        sync::bump(db).await?;
    }
    Ok(inserted)
}

/// [`record_in`] in its own transaction, then this instance's content reloaded.
async fn record(
    db: &DatabaseConnection,
    store: &ContentStore,
    revision: content_revision::ActiveModel,
) -> Result<bool, AppError> {
    let txn = db.begin_write().await?;
    if !record_in(&txn, revision).await? {
        txn.rollback().await?;
        return Ok(false);
    }
    txn.commit().await?;
    reload_after_commit(store, db).await;
    Ok(true)
}

/// Reloads this instance's content after a change is committed. The change is saved
/// whatever happens here: if the reload fails, [`sync::follow`] retries within a second.
pub async fn reload_after_commit(store: &ContentStore, db: &DatabaseConnection) {
    if let Err(e) = sync::refresh(store, db).await {
        tracing::warn!(error = %e, "saved, but the content could not be reloaded yet");
    }
}

fn revision(
    relative: &str,
    number: i32,
    text: Option<String>,
    undo_to: Option<i32>,
    folder_hash: String,
    author: Option<i32>,
) -> content_revision::ActiveModel {
    content_revision::ActiveModel {
        path: Set(relative.to_string()),
        number: Set(number),
        // The folder's file back in effect counts as published (learners are served it).
        published: Set(!text.as_deref().is_some_and(is_draft_text)),
        text: Set(text),
        undo_to: Set(undo_to),
        folder_hash: Set(folder_hash),
        staff_id: Set(author),
        created_at: Set(now()),
        ..Default::default()
    }
}

/// Sets `draft = true` or `false` in the front matter; text without front matter is kept.
pub fn set_draft(text: &str, draft: bool) -> String {
    let Ok(split) = front_matter::split(text) else {
        return text.to_string();
    };
    let value = format!("draft = {draft}");
    let toml = split.toml;
    let mut lines: Vec<String> = toml.lines().map(str::to_string).collect();
    match lines
        .iter_mut()
        .find(|l| l.trim_start().starts_with("draft") && l.contains('='))
    {
        Some(line) => *line = value,
        None => lines.push(value),
    }
    let mut new_toml = lines.join("\n");
    new_toml.push('\n');
    format!("+++\n{new_toml}+++\n{}", &text[split.body_offset..])
}

/// What the trainer asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Save, marked as a draft (allowed even with errors).
    Draft,
    /// Save and publish (refused if there is an error).
    Publish,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Saved {
    Written,
    /// Not written: errors (publishing needs a valid file).
    Invalid(Vec<Problem>),
    /// Not written: someone else saved since `base`; their version.
    Conflict(Version),
}

/// Checks a file's text as the loader would: lessons (against the catalogue for links),
/// modules (front matter, competences, prerequisites…) and the glossary; and, for trainers
/// only, the template's sentences still in a lesson or module (an error: not published
/// like that).
pub fn check(store: &ContentStore, relative: &str, text: &str) -> Vec<Problem> {
    let catalog = store.get();
    let tree = store.latest_tree();
    let mut problems = if is_lesson(relative) {
        content::check_lesson_text(&tree, relative, text, &catalog).1
    } else if relative.ends_with("/_index.md") {
        content::check_module_text(&tree, relative, text)
    } else {
        return content::glossary::check(text, &store.dir().join(relative));
    };
    problems.extend(content::leftovers::check(&store.dir().join(relative), text));
    content::problem::cap_repeats(problems)
}

/// Saves a file from the browser: checks it, refuses to overwrite someone else's newer
/// save (on any instance), records it as a new revision, and reloads the content.
pub async fn save(
    db: &DatabaseConnection,
    store: &ContentStore,
    relative: &str,
    text: &str,
    base: &str,
    action: Action,
    author: i32,
) -> Result<Saved, AppError> {
    let state = file_state(db, store, relative).await?;
    let text = text.replace("\r\n", "\n");
    let current = state.current();
    if let Some(current) = &current
        && current.hash != base
    {
        return Ok(Saved::Conflict(current.clone()));
    }
    // The glossary has no draft: what is saved is online at once, so it is always checked.
    let glossary = !relative.contains('/');
    let text = match action {
        _ if glossary => text,
        Action::Draft => set_draft(&text, true),
        Action::Publish => set_draft(&text, false),
    };
    if action == Action::Publish || glossary {
        let (s, r, t) = (store.clone(), relative.to_string(), text.clone());
        let errors: Vec<Problem> = blocking(move || check(&s, &r, &t))
            .await?
            .into_iter()
            .filter(Problem::is_error)
            .collect();
        if !errors.is_empty() {
            return Ok(Saved::Invalid(errors));
        }
    }
    let latest = state.latest().map_or(0, |r| r.number);
    // "Annuler" goes back to the version in effect before (none for a file that did not
    // exist).
    let undo_to = current.is_some().then_some(latest);
    let recorded = record(
        db,
        store,
        revision(
            relative,
            state.next_number(),
            Some(text),
            undo_to,
            state.folder_hash(),
            Some(author),
        ),
    )
    .await?;
    if recorded {
        return Ok(Saved::Written);
    }
    // Another trainer saved over the same version a moment before.
    let theirs = file_state(db, store, relative).await?.current();
    Ok(Saved::Conflict(
        theirs.unwrap_or_else(|| Version::of(String::new())),
    ))
}

/// Whether learners see a version of this lesson or module now (an invalid draft leaves the
/// last valid version online).
pub fn visible_to_learners(store: &ContentStore, relative: &str) -> bool {
    let catalog = store.get();
    let parts: Vec<&str> = relative.split('/').collect();
    match parts.as_slice() {
        [m, "_index.md"] => catalog.module(m).is_some(),
        [m, l, "index.md"] => catalog.lesson(m, l).is_some(),
        [m, file] => catalog.lesson(m, file.trim_end_matches(".md")).is_some(),
        _ => true,
    }
}

/// What "Annuler" did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Undone {
    /// The previous version is back.
    Done,
    /// Nothing to undo.
    Nothing,
    /// Not done: the file changed since the page was shown (another save, an edit on disk).
    /// The file as it is now, and the version undoing would have put back.
    Conflict { current: Version, previous: String },
}

/// "Annuler": puts back the version before the last save, if the file is still the version
/// `expected` (the hash the trainer's page was shown with; `None`: whatever it is). Undoing
/// is itself a revision: nothing is deleted, and two undos at once put back one version.
pub async fn undo(
    db: &DatabaseConnection,
    store: &ContentStore,
    relative: &str,
    expected: Option<&str>,
    author: i32,
) -> Result<Undone, AppError> {
    let state = file_state(db, store, relative).await?;
    let Some(latest) = state.latest() else {
        return Ok(Undone::Nothing);
    };
    let Some(target) = latest.undo_to else {
        return Ok(Undone::Nothing);
    };
    let previous = state.text_of(target).unwrap_or_default();
    let current = state
        .current()
        .unwrap_or_else(|| Version::of(String::new()));
    if let Some(expected) = expected
        && current.hash != expected
    {
        return Ok(Undone::Conflict { current, previous });
    }
    // Back to revision `target`: its text (none for the folder's file), and "Annuler" from
    // there goes where it went from `target`.
    let (text, undo_to) = match target {
        0 => (None, None),
        n => {
            let back = state.revisions.iter().find(|r| r.number == n);
            (
                back.and_then(|r| r.text.clone()),
                back.and_then(|r| r.undo_to),
            )
        }
    };
    let recorded = record(
        db,
        store,
        revision(
            relative,
            state.next_number(),
            text,
            undo_to,
            state.folder_hash(),
            Some(author),
        ),
    )
    .await?;
    if recorded {
        return Ok(Undone::Done);
    }
    let now = file_state(db, store, relative).await?;
    Ok(Undone::Conflict {
        current: now.current().unwrap_or_else(|| Version::of(String::new())),
        previous,
    })
}

/// Writes a file atomically: a temporary file in the same folder, flushed to disk, then
/// renamed over the old one. Readers see the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".enregistrement-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    keep_permissions(tmp.as_file(), path)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Gives `file` (a temporary file, created private) the permissions of `path` if it exists,
/// or those of an ordinary file (readable by all, 0644): an exported file must not be hidden
/// from the other tools that read `content/` (git, a web server, a backup).
fn keep_permissions(file: &fs::File, path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        file.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (file, path);
    Ok(())
}

/// What `server export-content` wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Exported {
    /// Files copied from the content folder as they are.
    pub from_folder: usize,
    /// Texts edited in the browser.
    pub texts: usize,
    /// Images uploaded in the browser.
    pub images: usize,
    /// Drafts saved over a published version, left in the browser (the published version
    /// is written: committing the export must not change what learners see).
    pub drafts_left: usize,
}

/// Why `server export-content` failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot read the browser edits: {0}")]
    Database(#[from] DbErr),
    #[error("cannot write the files: {0}")]
    Files(#[from] io::Error),
}

/// Writes the content served (the folder with the browser edits over it) into `target`,
/// which may be the content folder itself: then only the browser edits are written, for
/// `git diff` and `git commit`. Files and folders whose name starts with a dot are left.
/// A file never published (a new lesson) is written as the draft it is; a draft saved over
/// a published version is not written (it stays in the browser, counted).
pub async fn export(
    db: &impl ConnectionTrait,
    folder: &Path,
    target: &Path,
) -> Result<Exported, ExportError> {
    let overlay = sync::load_overlay(db).await?;
    let mut images = Vec::new();
    for path in &overlay.images {
        if let Some(image) = content_image::Entity::find_by_id(path.clone())
            .one(db)
            .await?
        {
            images.push((image.path, image.bytes));
        }
    }
    let (folder, target) = (folder.to_path_buf(), target.to_path_buf());
    let exported = tokio::task::spawn_blocking(move || -> io::Result<Exported> {
        let mut exported = Exported::default();
        let same = fs::canonicalize(&folder).ok().is_some_and(|f| {
            fs::create_dir_all(&target).is_ok() && fs::canonicalize(&target).ok() == Some(f)
        });
        if !same {
            exported.from_folder = copy_tree(&folder, &target)?;
        }
        for (path, text) in &overlay.texts {
            write_atomic(&target.join(path), text.as_bytes())?;
            exported.texts += 1;
        }
        for (path, text) in &overlay.drafts {
            if overlay.texts.contains_key(path) || folder.join(path).is_file() {
                exported.drafts_left += 1;
                continue;
            }
            write_atomic(&target.join(path), text.as_bytes())?;
            exported.texts += 1;
        }
        for (path, bytes) in &images {
            write_atomic(&target.join(path), bytes)?;
            exported.images += 1;
        }
        Ok(exported)
    })
    .await
    .map_err(|e| io::Error::other(e.to_string()))??;
    Ok(exported)
}

/// Copies the files of `from` into `to` (names starting with a dot left out).
fn copy_tree(from: &Path, to: &Path) -> io::Result<usize> {
    let mut copied = 0;
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let (source, dest) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            copied += copy_tree(&source, &dest)?;
        } else {
            fs::copy(&source, &dest)?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// The front matter of a new lesson, written with the TOML serializer (a title may hold
/// quotes or backslashes, like `C:\dossier`).
#[derive(serde::Serialize)]
struct LessonTemplate<'a> {
    title: &'a str,
    summary: &'a str,
    minutes: u32,
    weight: usize,
    learned: [&'a str; 1],
    draft: bool,
}

#[derive(serde::Serialize)]
struct ModuleTemplate<'a> {
    title: &'a str,
    summary: &'a str,
    minutes: u32,
    objectives: [&'a str; 1],
    competences: [&'a str; 0],
    prerequisites: [&'a str; 0],
    weight: i32,
    draft: bool,
}

const LESSON_BODY: &str = "## Première étape {#premiere-etape}\n\nÉcrivez ici des phrases courtes.\nUne idée par phrase.\n\n> [!ANALOGIE]\n> Comparez avec une chose connue.\n\n## Vérifions {#verifions}\n\n```question {#premiere-question}\nLa question ?\n- [x] La bonne réponse\n  > Oui ! L'explication.\n- [ ] Une autre réponse\n  > Non. L'explication, avec gentillesse.\n```\n";

const MODULE_BODY: &str = "Quelques phrases pour présenter le module.\n";

fn with_front_matter(meta: &impl serde::Serialize, body: &str) -> io::Result<String> {
    let toml = toml::to_string(meta).map_err(io::Error::other)?;
    Ok(format!("+++\n{toml}+++\n{body}"))
}

fn lesson_template(title: &str, weight: usize) -> io::Result<String> {
    with_front_matter(
        &LessonTemplate {
            title,
            summary: "Une phrase qui dit ce que la personne va apprendre.",
            minutes: 10,
            weight,
            learned: ["Ce que la personne sait faire à la fin."],
            draft: true,
        },
        LESSON_BODY,
    )
}

fn module_template(title: &str) -> io::Result<String> {
    with_front_matter(
        &ModuleTemplate {
            title,
            summary: "Une phrase qui dit de quoi parle le module.",
            minutes: 30,
            objectives: ["Ce que la personne saura faire à la fin."],
            competences: [],
            prerequisites: [],
            weight: 100,
            draft: true,
        },
        MODULE_BODY,
    )
}

/// A new lesson from the template, as a draft; returns its file. Written in `db` (the
/// transaction of the form's one-time token): reload the content once it is committed
/// ([`sync::refresh`]).
pub async fn new_lesson(
    db: &impl ConnectionTrait,
    store: &ContentStore,
    module: &str,
    title: &str,
    author: i32,
) -> Result<Result<String, AuthoringProblem>, AppError> {
    let tree = store.latest_tree();
    if !slug::is_valid(module) || !tree.is_file(&tree.dir().join(module).join("_index.md")) {
        return Ok(Err(AuthoringProblem::NoModule));
    }
    add_lesson(db, &tree, module, title, author).await
}

async fn add_lesson(
    db: &impl ConnectionTrait,
    tree: &Tree,
    module: &str,
    title: &str,
    author: i32,
) -> Result<Result<String, AuthoringProblem>, AppError> {
    let title = title.trim();
    let base = slug::slugify(title);
    if title.is_empty() || base.is_empty() {
        return Ok(Err(AuthoringProblem::NoLessonTitle));
    }
    let dir = tree.dir().join(module);
    let weight = tree.read_dir_sorted(&dir).map_or(0, |e| e.len()) * 10;
    let text = lesson_template(title, weight).map_err(io_failed)?;
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        n += 1;
        if tree.is_file(&dir.join(format!("{candidate}.md"))) || tree.is_dir(&dir.join(&candidate))
        {
            continue;
        }
        let relative = format!("{module}/{candidate}.md");
        // The first revision of a new file: refused if another instance created it now.
        let first = revision(
            &relative,
            1,
            Some(text.clone()),
            None,
            String::new(),
            Some(author),
        );
        if record_in(db, first).await? {
            return Ok(Ok(relative));
        }
    }
}

/// A new module (and its first lesson) from the templates, as drafts; returns the
/// lesson's file. Written in `db`, like [`new_lesson`].
pub async fn new_module(
    db: &impl ConnectionTrait,
    store: &ContentStore,
    title: &str,
    author: i32,
) -> Result<Result<String, AuthoringProblem>, AppError> {
    let title = title.trim();
    let base = slug::slugify(title);
    if title.is_empty() || base.is_empty() {
        return Ok(Err(AuthoringProblem::NoModuleTitle));
    }
    let text = module_template(title).map_err(io_failed)?;
    let tree = store.latest_tree();
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        n += 1;
        // A deleted module's name stays taken: its files and revisions are still there.
        if tree.is_dir(&tree.dir().join(&candidate)) || tree.overlay().deleted.contains(&candidate)
        {
            continue;
        }
        let index = format!("{candidate}/_index.md");
        let first = revision(
            &index,
            1,
            Some(text.clone()),
            None,
            String::new(),
            Some(author),
        );
        if record_in(db, first).await? {
            return add_lesson(
                db,
                &tree,
                &candidate,
                crate::text::TRAINER_FIRST_LESSON_TITLE,
                author,
            )
            .await;
        }
    }
}

/// Stores an image beside a lesson (in the database: every instance serves it); returns
/// the Markdown to paste, or what is wrong in words (the text module's): the image form's
/// handler carries them in the editor's address.
pub async fn save_image(
    db: &DatabaseConnection,
    store: &ContentStore,
    lesson: &str,
    file_name: &str,
    bytes: Vec<u8>,
    alt: &str,
    author: i32,
) -> Result<Result<String, &'static str>, AppError> {
    Ok(
        store_image(db, store, lesson, file_name, bytes, alt, author)
            .await?
            .map_err(crate::text::staff::authoring_problem),
    )
}

/// [`save_image`], with what is wrong as a problem.
pub async fn store_image(
    db: &DatabaseConnection,
    store: &ContentStore,
    lesson: &str,
    file_name: &str,
    bytes: Vec<u8>,
    alt: &str,
    author: i32,
) -> Result<Result<String, AuthoringProblem>, AppError> {
    if !is_lesson(lesson) {
        return Ok(Err(AuthoringProblem::NoLesson));
    }
    let alt = alt.trim();
    if alt.is_empty() {
        return Ok(Err(AuthoringProblem::NoAlt));
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Ok(Err(AuthoringProblem::ImageTooBig));
    }
    let Some(kind) = ImageType::sniff(&bytes) else {
        return Ok(Err(AuthoringProblem::NotAnImage));
    };
    let stem = slug::slugify(
        Path::new(file_name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
            .as_str(),
    );
    let stem = if stem.is_empty() {
        "image".to_string()
    } else {
        stem
    };
    // Beside the lesson: `module/` or `module/lesson/`.
    let dir = lesson.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let tree = store.latest_tree();
    let content_type = kind.mime().to_string();
    let kind = kind.extension();
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.{kind}")
        } else {
            format!("{stem}-{n}.{kind}")
        };
        n += 1;
        let relative = format!("{dir}/{name}");
        if tree.is_file(&tree.dir().join(&relative)) {
            continue;
        }
        let txn = db.begin_write().await?;
        // The path is the key: an image of the same name uploaded meanwhile is kept.
        let inserted = content_image::Entity::insert(content_image::ActiveModel {
            path: Set(relative),
            bytes: Set(bytes.clone()),
            content_type: Set(content_type.clone()),
            staff_id: Set(Some(author)),
            created_at: Set(now()),
        })
        .on_conflict(
            OnConflict::column(content_image::Column::Path)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?
            > 0;
        if !inserted {
            txn.rollback().await?;
            continue;
        }
        sync::bump(&txn).await?;
        txn.commit().await?;
        reload_after_commit(store, db).await;
        return Ok(Ok(format!("![{}]({name})", alt.replace(['[', ']'], ""))));
    }
}

/// An image uploaded in the browser (`module/photo.png`): its bytes and type.
pub async fn image(
    db: &impl ConnectionTrait,
    relative: &str,
) -> Result<Option<(Vec<u8>, String)>, DbErr> {
    Ok(content_image::Entity::find_by_id(relative.to_string())
        .one(db)
        .await?
        .map(|i| (i.bytes, i.content_type)))
}

fn relative_of(store: &ContentStore, path: &Path) -> String {
    path.strip_prefix(store.dir())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

pub fn problem_view(store: &ContentStore, p: &Problem) -> ProblemView {
    let file = relative_of(store, &p.path);
    ProblemView {
        href: if is_editable(&file) {
            format!("/formateur/editer?fichier={file}&ligne={}#editeur", p.line)
        } else {
            "#".into()
        },
        file,
        line: p.line,
        column: p.column,
        error: p.is_error(),
        message: p.message.clone(),
    }
}

fn title_of(tree: &Tree, path: &Path) -> Option<String> {
    let text = tree.read_to_string(path).ok()?;
    let split = front_matter::split(&text).ok()?;
    let value: toml::Value = toml::from_str(split.toml).ok()?;
    value.get("title")?.as_str().map(str::to_string)
}

fn is_draft(tree: &Tree, path: &Path) -> bool {
    tree.read_to_string(path)
        .is_ok_and(|text| is_draft_text(&text))
}

/// Whether a file's front matter says `draft = true`.
pub fn is_draft_text(text: &str) -> bool {
    front_matter::split(text)
        .ok()
        .and_then(|split| {
            let value: toml::Value = toml::from_str(split.toml).ok()?;
            value.get("draft")?.as_bool()
        })
        .unwrap_or(false)
}

/// Every module and lesson found in `content/`, with its state and problems.
pub fn overview(store: &ContentStore) -> TrainerOverview {
    let problems = content::problem::cap_repeats(store.problems().to_vec());
    let served = store.tree();
    let drafts = &served.overlay().drafts;
    let tree = served.with_drafts();
    // A file with a draft: the draft's problems (the load checked the published version).
    let views_for = |path: &Path| -> Vec<ProblemView> {
        let relative = relative_of(store, path);
        match drafts.get(&relative) {
            Some(text) => check(store, &relative, text)
                .iter()
                .map(|p| problem_view(store, p))
                .collect(),
            None => problems
                .iter()
                .filter(|p| p.path == path)
                .map(|p| problem_view(store, p))
                .collect(),
        }
    };
    let state = |path: &Path, problems: &[ProblemView]| {
        if problems.iter().any(|p| p.error) {
            ContentState::Broken
        } else if is_draft(&tree, path) {
            if visible_to_learners(store, &relative_of(store, path)) {
                ContentState::DraftOverPublished
            } else {
                ContentState::Draft
            }
        } else {
            ContentState::Published
        }
    };
    let mut modules = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let dirs: Vec<PathBuf> = tree
        .read_dir_sorted(store.dir())
        .map(|e| e.into_iter().filter(|p| tree.is_dir(p)).collect())
        .unwrap_or_default();
    for dir in dirs {
        let slug = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if slug.starts_with('.') {
            continue;
        }
        let index = dir.join("_index.md");
        let module_draft = is_draft(&tree, &index);
        let mut lessons = Vec::new();
        let files: Vec<PathBuf> = tree.read_dir_sorted(&dir).unwrap_or_default();
        for f in files {
            let (lesson_slug, file) = if tree.is_dir(&f) {
                (
                    f.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    f.join("index.md"),
                )
            } else if f.extension().is_some_and(|e| e == "md") && !f.ends_with("_index.md") {
                (
                    f.file_stem()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    f.clone(),
                )
            } else {
                continue;
            };
            if !tree.is_file(&file) || lesson_slug.starts_with('.') {
                continue;
            }
            let views = views_for(&file);
            seen.push(file.clone());
            // A lesson of a draft module is not online, whatever its own flag says.
            let lesson_state = match state(&file, &views) {
                ContentState::Published if module_draft => ContentState::Draft,
                s => s,
            };
            lessons.push(LessonOverview {
                title: title_of(&tree, &file).unwrap_or_else(|| lesson_slug.clone()),
                slug: lesson_slug,
                file: relative_of(store, &file),
                state: lesson_state,
                problems: views,
            });
        }
        let mut views = views_for(&index);
        views.extend(views_for(&dir));
        seen.push(index.clone());
        seen.push(dir.clone());
        modules.push(ModuleOverview {
            archived: tree.overlay().archived.contains(&slug),
            title: title_of(&tree, &index).unwrap_or_else(|| slug.clone()),
            slug,
            file: relative_of(store, &index),
            state: state(&index, &views),
            problems: views,
            lessons,
        });
    }
    let other_problems = problems
        .iter()
        .filter(|p| !seen.contains(&p.path))
        .map(|p| problem_view(store, p))
        .collect();
    TrainerOverview {
        modules,
        other_problems,
    }
}

/// A step of a lesson's text rendered exactly as the player shows it (draft or not), with
/// the problems of the text. `None` if the text cannot be rendered at all.
pub fn preview(
    store: &ContentStore,
    catalog: &Catalog,
    relative: &str,
    text: &str,
    step: Option<&str>,
    answered: Option<&Answered>,
) -> Option<PreviewStep> {
    let (module, _) = relative.split_once('/')?;
    // Checked and rendered once; rendered even with errors: what can be shown is shown.
    let (lesson, _, mut problems) =
        content::check_and_render_lesson_text(&store.latest_tree(), relative, text, catalog);
    // The same problems as [`check`] finds.
    problems.extend(content::leftovers::check(&store.dir().join(relative), text));
    let problems = content::problem::cap_repeats(problems);
    let lesson = lesson?;
    if lesson.steps.is_empty() {
        return None;
    }
    let i = step.and_then(|s| lesson.step_index(s)).unwrap_or(0);
    let module_title = catalog
        .all()
        .iter()
        .find(|m| m.slug == module)
        .map_or_else(|| module.to_string(), |m| m.meta.title.clone());
    let mut page = learning::step_view((module, &module_title), &lesson, i, answered, (&[], None));
    page.previous_href = None;
    page.shown_at = now();
    Some(PreviewStep {
        file: relative.to_string(),
        steps: lesson
            .steps
            .iter()
            .map(|s| (s.slug.clone(), s.title.clone()))
            .collect(),
        step: page,
        problems: problems.iter().map(|p| problem_view(store, p)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_files_are_editable() {
        assert!(is_editable("email-la-poste/adresse-enveloppe.md"));
        assert!(is_editable("email-la-poste/_index.md"));
        assert!(is_editable("piece-jointe/joindre/index.md"));
        assert!(is_editable("glossaire.md"));
        assert!(!is_editable("../secret.md"));
        assert!(!is_editable("email-la-poste/../../x.md"));
        assert!(!is_editable("email-la-poste/photo.png"));
        assert!(!is_editable(".historique/x/y.md"));
        assert!(!is_lesson("email-la-poste/_index.md"));
    }

    #[test]
    fn every_template_sentence_refused_at_publish_is_in_a_template() {
        let templates = format!(
            "{}{}",
            lesson_template("Titre", 10).unwrap(),
            module_template("Titre").unwrap()
        );
        for p in content::leftovers::PLACEHOLDERS {
            assert!(templates.contains(p), "{p}");
        }
        // Each template, unchanged, is refused; the draft flag is read from its text.
        let lesson = lesson_template("Titre", 10).unwrap();
        assert!(is_draft_text(&lesson));
        assert!(!is_draft_text(&set_draft(&lesson, false)));
        assert!(!content::leftovers::check(Path::new("m/a.md"), &lesson).is_empty());
        let module = module_template("Titre").unwrap();
        assert!(!content::leftovers::check(Path::new("m/_index.md"), &module).is_empty());
    }

    #[test]
    fn the_draft_flag_is_set_in_the_front_matter() {
        let text = "+++\ntitle = \"A\"\n+++\n## Une\nTexte.\n";
        assert_eq!(
            set_draft(text, true),
            "+++\ntitle = \"A\"\ndraft = true\n+++\n## Une\nTexte.\n"
        );
        let draft = set_draft(text, true);
        assert_eq!(
            set_draft(&draft, false),
            "+++\ntitle = \"A\"\ndraft = false\n+++\n## Une\nTexte.\n"
        );
        assert_eq!(
            set_draft("## pas de front matter", true),
            "## pas de front matter"
        );
    }
}
