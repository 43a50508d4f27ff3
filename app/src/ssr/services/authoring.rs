//! What trainers do with content files from the browser: read, check, save atomically
//! (keeping the previous version), undo, detect two trainers saving the same file, create
//! lessons and modules from templates, add images. Blocking file operations: call them from
//! a blocking thread.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::model::{
    ContentState, LessonOverview, ModuleOverview, Preview, ProblemView, TrainerOverview,
};
use crate::ssr::content::{self, Catalog, ContentStore, Problem, front_matter, slug};
use crate::ssr::db::now;

use super::learning;
use super::quiz::Answered;

/// Where previous versions are kept, inside the content folder (ignored by the loader).
pub const HISTORY_DIR: &str = ".historique";
/// The largest image a trainer may upload.
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;

/// A file's text and the hash that identifies this version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub text: String,
    pub hash: String,
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

fn path_of(store: &ContentStore, relative: &str) -> io::Result<PathBuf> {
    if !is_editable(relative) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not an editable file",
        ));
    }
    Ok(store.dir().join(relative))
}

pub fn read(store: &ContentStore, relative: &str) -> io::Result<Version> {
    let text = fs::read_to_string(path_of(store, relative)?)?;
    Ok(Version {
        hash: hash(&text),
        text,
    })
}

/// Gives `file` (a temporary file, created private) the permissions of `path` if it exists,
/// or those of an ordinary file (readable by all, 0644): a save from the browser must not
/// hide the file from the other tools that read `content/` (git, a web server, a backup).
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

/// Writes a file atomically: a temporary file in the same folder, flushed to disk, then
/// renamed over the old one. Readers see the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".enregistrement-")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    keep_permissions(tmp.as_file(), path)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn history_dir(store: &ContentStore, relative: &str) -> PathBuf {
    store.dir().join(HISTORY_DIR).join(relative)
}

/// Versions kept for "Annuler", newest last.
fn history(store: &ContentStore, relative: &str) -> Vec<PathBuf> {
    let mut versions: Vec<PathBuf> = fs::read_dir(history_dir(store, relative))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .filter(|p| !p.to_string_lossy().ends_with(".annule.md"))
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    versions
}

pub fn history_len(store: &ContentStore, relative: &str) -> usize {
    history(store, relative).len()
}

fn stamp() -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    format!("{ms:015}")
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
/// modules (front matter, competences, prerequisites…) and the glossary.
pub fn check(store: &ContentStore, relative: &str, text: &str) -> Vec<Problem> {
    let catalog = store.get();
    if is_lesson(relative) {
        return content::check_lesson_text(store.dir(), relative, text, &catalog).1;
    }
    if relative.ends_with("/_index.md") {
        return content::check_module_text(store.dir(), relative, text);
    }
    content::glossary::check(text, &store.dir().join(relative))
}

/// Saves a file: checks it, refuses to overwrite someone else's newer save, keeps the
/// previous version, writes atomically, and reloads the content.
pub fn save(
    store: &ContentStore,
    relative: &str,
    text: &str,
    base: &str,
    action: Action,
) -> io::Result<Saved> {
    let path = path_of(store, relative)?;
    let text = text.replace("\r\n", "\n");
    let current = fs::read_to_string(&path).ok();
    if let Some(current) = &current
        && hash(current) != base
    {
        return Ok(Saved::Conflict(Version {
            hash: hash(current),
            text: current.clone(),
        }));
    }
    // The glossary has no draft: what is saved is online at once, so it is always checked.
    let glossary = !relative.contains('/');
    let text = match action {
        _ if glossary => text,
        Action::Draft => set_draft(&text, true),
        Action::Publish => set_draft(&text, false),
    };
    if action == Action::Publish || glossary {
        let errors: Vec<Problem> = check(store, relative, &text)
            .into_iter()
            .filter(Problem::is_error)
            .collect();
        if !errors.is_empty() {
            return Ok(Saved::Invalid(errors));
        }
    }
    if let Some(current) = &current {
        let dir = history_dir(store, relative);
        fs::create_dir_all(&dir)?;
        write_atomic(&dir.join(format!("{}.md", stamp())), current)?;
    }
    write_atomic(&path, &text)?;
    store.reload();
    Ok(Saved::Written)
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
/// `expected` (the hash the trainer's page was shown with; `None`: whatever it is). The
/// version undone is kept aside.
pub fn undo(store: &ContentStore, relative: &str, expected: Option<&str>) -> io::Result<Undone> {
    let path = path_of(store, relative)?;
    let Some(previous) = history(store, relative).pop() else {
        return Ok(Undone::Nothing);
    };
    let previous_text = fs::read_to_string(&previous)?;
    let current = fs::read_to_string(&path).ok();
    if let Some(expected) = expected {
        let now = current.as_deref().map(hash).unwrap_or_default();
        if now != expected {
            let text = current.unwrap_or_default();
            return Ok(Undone::Conflict {
                current: Version {
                    hash: hash(&text),
                    text,
                },
                previous: previous_text,
            });
        }
    }
    if let Some(current) = current {
        write_atomic(
            &history_dir(store, relative).join(format!("{}.annule.md", stamp())),
            &current,
        )?;
    }
    write_atomic(&path, &previous_text)?;
    fs::remove_file(previous)?;
    store.reload();
    Ok(Undone::Done)
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

/// A new lesson from the template, as a draft; returns its file.
pub fn new_lesson(
    store: &ContentStore,
    module: &str,
    title: &str,
) -> io::Result<Result<String, &'static str>> {
    let title = title.trim();
    if !slug::is_valid(module) || !store.dir().join(module).join("_index.md").is_file() {
        return Ok(Err("Ce module n'existe pas."));
    }
    let base = slug::slugify(title);
    if title.is_empty() || base.is_empty() {
        return Ok(Err("Écrivez le titre de la leçon."));
    }
    let mut candidate = base.clone();
    let mut n = 2;
    while store
        .dir()
        .join(module)
        .join(format!("{candidate}.md"))
        .exists()
        || store.dir().join(module).join(&candidate).exists()
    {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    let weight = fs::read_dir(store.dir().join(module)).map_or(0, |e| e.count()) * 10;
    let text = lesson_template(title, weight)?;
    let relative = format!("{module}/{candidate}.md");
    write_atomic(&store.dir().join(&relative), &text)?;
    store.reload();
    Ok(Ok(relative))
}

/// A new module (and its first lesson) from the templates, as drafts; returns the
/// lesson's file.
pub fn new_module(store: &ContentStore, title: &str) -> io::Result<Result<String, &'static str>> {
    let title = title.trim();
    let base = slug::slugify(title);
    if title.is_empty() || base.is_empty() {
        return Ok(Err("Écrivez le titre du module."));
    }
    let mut candidate = base.clone();
    let mut n = 2;
    while store.dir().join(&candidate).exists() {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    let text = module_template(title)?;
    write_atomic(&store.dir().join(&candidate).join("_index.md"), &text)?;
    new_lesson(store, &candidate, "Première leçon")
}

/// The image types allowed, by their first bytes.
fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => Some("png"),
        [0xFF, 0xD8, 0xFF, ..] => Some("jpg"),
        [b'G', b'I', b'F', b'8', ..] => Some("gif"),
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Some("webp"),
        _ => None,
    }
}

/// Stores an image beside a lesson; returns the Markdown to paste, or what is wrong.
pub fn save_image(
    store: &ContentStore,
    lesson: &str,
    file_name: &str,
    bytes: &[u8],
    alt: &str,
) -> io::Result<Result<String, &'static str>> {
    if !is_lesson(lesson) {
        return Ok(Err("Cette leçon n'existe pas."));
    }
    let alt = alt.trim();
    if alt.is_empty() {
        return Ok(Err(
            "Décrivez l'image : ce texte est lu aux personnes qui ne la voient pas.",
        ));
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Ok(Err(
            "L'image est trop lourde : 2 Mo au plus. Réduisez-la avant de l'envoyer.",
        ));
    }
    let Some(kind) = image_kind(bytes) else {
        return Ok(Err(
            "Ce fichier n'est pas une image PNG, JPEG, GIF ou WebP.",
        ));
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
    let dir = store
        .dir()
        .join(lesson)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut name = format!("{stem}.{kind}");
    let mut n = 2;
    while dir.join(&name).exists() {
        name = format!("{stem}-{n}.{kind}");
        n += 1;
    }
    let target = dir.join(&name);
    let mut tmp = tempfile::Builder::new()
        .prefix(".image-")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    keep_permissions(tmp.as_file(), &target)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(Ok(format!("![{}]({name})", alt.replace(['[', ']'], ""))))
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

fn title_of(path: &Path) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let split = front_matter::split(&text).ok()?;
    let value: toml::Value = toml::from_str(split.toml).ok()?;
    value.get("title")?.as_str().map(str::to_string)
}

fn is_draft(path: &Path) -> bool {
    fs::read_to_string(path)
        .ok()
        .and_then(|text| {
            let split = front_matter::split(&text).ok()?;
            let value: toml::Value = toml::from_str(split.toml).ok()?;
            value.get("draft")?.as_bool()
        })
        .unwrap_or(false)
}

/// Every module and lesson found in `content/`, with its state and problems.
pub fn overview(store: &ContentStore) -> TrainerOverview {
    let problems = store.problems();
    let views_for = |path: &Path| -> Vec<ProblemView> {
        problems
            .iter()
            .filter(|p| p.path == path)
            .map(|p| problem_view(store, p))
            .collect()
    };
    let state = |path: &Path, problems: &[ProblemView]| {
        if problems.iter().any(|p| p.error) {
            ContentState::Broken
        } else if is_draft(path) {
            ContentState::Draft
        } else {
            ContentState::Published
        }
    };
    let mut modules = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut dirs: Vec<PathBuf> = fs::read_dir(store.dir())
        .map(|e| {
            e.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    for dir in dirs {
        let slug = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if slug.starts_with('.') {
            continue;
        }
        let index = dir.join("_index.md");
        let module_draft = is_draft(&index);
        let mut lessons = Vec::new();
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            let (lesson_slug, file) = if f.is_dir() {
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
            if !file.is_file() || lesson_slug.starts_with('.') {
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
                title: title_of(&file).unwrap_or_else(|| lesson_slug.clone()),
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
            title: title_of(&index).unwrap_or_else(|| slug.clone()),
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
) -> Option<Preview> {
    let (module, _) = relative.split_once('/')?;
    // Checked and rendered once; rendered even with errors: what can be shown is shown.
    let (lesson, _, problems) =
        content::check_and_render_lesson_text(store.dir(), relative, text, catalog);
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
    Some(Preview {
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

    #[test]
    fn images_are_recognised_by_their_bytes() {
        assert_eq!(image_kind(b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(image_kind(b"\xFF\xD8\xFF\xE0...."), Some("jpg"));
        assert_eq!(image_kind(b"<svg>"), None);
    }
}
