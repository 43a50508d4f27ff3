//! The checks of the trainers' editor: a lesson's or a module's text, as the loader would
//! check it, before anything is written.

use super::catalog::{Catalog, Lesson};
use super::checks::{broken_link, check_module_meta, draft_link, key_position};
use super::loader::render_lesson_file;
use super::{ModuleMeta, Problem, Tree, front_matter, slug};

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
