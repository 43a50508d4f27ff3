//! The checks across files: a module's front matter beyond what TOML checks, and what
//! points from one module or lesson to another.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::catalog::Module;
use super::{ModuleMeta, Position, Problem, markdown, problem};

pub(super) fn broken_link(link: &markdown::LessonLink) -> String {
    format!(
        "lien cassé : la leçon « {}/{} » n'existe pas (ou elle a une erreur)",
        link.module, link.lesson
    )
}

pub(super) fn draft_link(link: &markdown::LessonLink) -> String {
    format!(
        "la leçon « {}/{} » est un brouillon : les apprenants ne la voient pas et ce lien ne \
         mène nulle part pour eux. Publiez-la, ou retirez le lien",
        link.module, link.lesson
    )
}

/// A link from a lesson to another, kept for the last check.
pub(super) struct PendingLink {
    /// The linking lesson's file, module and slug.
    pub(super) path: PathBuf,
    pub(super) module: String,
    pub(super) lesson: String,
    pub(super) link: markdown::LessonLink,
}

/// Checks what TOML cannot; returns `false` if something is wrong.
pub(super) fn check_module_meta(
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
        if crate::competence::Competence::from_code(code).is_none() {
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
pub(super) fn key_position(text: &str, key: &str) -> Position {
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

/// Checks what points from one module or lesson to another; drops what is broken, then
/// modules left without a valid lesson.
pub(super) fn check_references(
    modules: &mut Vec<Module>,
    links: &[PendingLink],
    problems: &mut Vec<Problem>,
) {
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
