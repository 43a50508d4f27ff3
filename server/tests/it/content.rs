//! The lesson content: the shipped curriculum is valid, and broken content gets the exact
//! `path:line:column: message` lines, from the library and from `server check`.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use crate::common::{fixture, real_content};
use app::ssr::content::{self, Block, Callout};

#[test]
fn every_shipped_module_is_valid() {
    let report = content::load(&real_content());
    let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
    assert!(
        errors.is_empty(),
        "errors in content/:\n{}",
        errors.join("\n")
    );
}

/// Issue 19, item 1: the content checker warns about steps longer than one screen of a
/// 1366×768 laptop (`end2end/tests/step-fits.spec.ts` measures them in Chromium); no
/// shipped step is longer (the long ones were cut in two), and a step made longer gets the
/// warning, at its heading.
#[test]
fn every_shipped_step_fits_in_one_screen() {
    let long_steps = |dir: &Path| -> Vec<String> {
        content::load(dir)
            .problems
            .iter()
            .filter(|p| p.message.contains("plus longue qu'un écran"))
            .map(ToString::to_string)
            .collect()
    };
    let long = long_steps(&real_content());
    assert!(long.is_empty(), "steps too long:\n{}", long.join("\n"));

    // The same lesson with its first step made longer than a screen.
    let copy = crate::common::content_copy();
    let file = copy.path().join("souris-clavier/cliquer.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let second = text[text.find("\n## ").unwrap() + 1..]
        .find("\n## ")
        .map(|i| text.find("\n## ").unwrap() + 1 + i)
        .unwrap();
    let filler = "Une phrase de plus, pour que l'étape soit bien trop longue.\n\n".repeat(12);
    std::fs::write(
        &file,
        format!("{}\n{filler}{}", &text[..second], &text[second..]),
    )
    .unwrap();
    let long = long_steps(copy.path());
    assert_eq!(long.len(), 1, "{long:?}");
    assert!(
        long[0].contains("souris-clavier/cliquer.md:")
            && long[0].contains("coupez-la en deux étapes"),
        "{long:?}"
    );
}

#[test]
fn the_curriculum_is_complete() {
    let report = content::load(&real_content());
    let catalog = &report.catalog;
    let modules: Vec<_> = catalog.published().collect();
    assert!(modules.len() >= 8, "{} modules", modules.len());
    let lessons: usize = modules.iter().map(|m| m.published_lessons().count()).sum();
    assert!(lessons >= 24, "{lessons} lessons");
    for m in &modules {
        for l in m.published_lessons() {
            let questions = l
                .steps
                .iter()
                .flat_map(|s| &s.blocks)
                .filter(|b| matches!(b, Block::Question(_)))
                .count();
            assert!(
                questions >= 1,
                "{}/{} has no check question",
                m.slug,
                l.slug
            );
        }
    }
    // Every module has an analogy somewhere: our learners understand by comparison.
    let analogy = format!("callout {}", Callout::Analogy.class());
    for m in &modules {
        let has = m
            .published_lessons()
            .flat_map(|l| &l.steps)
            .flat_map(|s| &s.blocks)
            .any(|b| matches!(b, Block::Html(h) if h.contains(&analogy)));
        assert!(has, "{} has no analogy", m.slug);
    }
    let slugs: HashSet<&str> = modules.iter().map(|m| m.slug.as_str()).collect();
    for expected in [
        "souris-clavier",
        "email-la-poste",
        "piece-jointe",
        "services-publics",
        "arnaques",
        "virus",
        "recherche",
        "appel-video",
        "creer-adresse-e-mail",
    ] {
        assert!(slugs.contains(expected), "missing module {expected}");
    }
    // Modules about real services say when their facts were checked.
    for slug in [
        "services-publics",
        "arnaques",
        "virus",
        "appel-video",
        "recherche",
    ] {
        let m = catalog.module(slug).unwrap();
        assert!(m.meta.verified.is_some(), "{slug} has no verified date");
    }
}

/// Issue 19, item 5: check questions can carry a hint ("Un indice"), written on an
/// `Indice : …` line; the shipped lessons have some, and none gives its answer away.
#[test]
fn shipped_questions_have_hints_that_do_not_give_the_answer() {
    let report = content::load(&real_content());
    let hints: Vec<String> = report
        .catalog
        .published()
        .flat_map(|m| m.published_lessons())
        .flat_map(|l| &l.steps)
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Question(q) => q.hint.clone(),
            _ => None,
        })
        .collect();
    assert!(hints.len() >= 12, "{hints:?}");
    assert!(
        hints
            .iter()
            .all(|h| !h.is_empty() && !h.starts_with("Indice"))
    );
    let telling: Vec<String> = report
        .problems
        .iter()
        .filter(|p| p.message.contains("indice"))
        .map(ToString::to_string)
        .collect();
    assert!(telling.is_empty(), "{telling:?}");
}

/// Issue 19, item 5: the "Créer son adresse e-mail" module: easy to read (not one advice
/// of the checker: no step longer than a screen, no long sentence), drawn illustrations
/// with their text alternative, Pix competences, and a pretend account-creation form
/// without a sign-in page, that says nothing is created.
#[test]
fn the_email_creation_module_is_complete_and_passes_the_checker() {
    let report = content::load(&real_content());
    let advice: Vec<String> = report
        .problems
        .iter()
        .filter(|p| p.to_string().contains("creer-adresse-e-mail/"))
        .map(ToString::to_string)
        .collect();
    assert!(advice.is_empty(), "{advice:#?}");
    let m = report.catalog.module("creer-adresse-e-mail").unwrap();
    assert_eq!(m.meta.competences, ["2.1", "4.1"]);
    assert_eq!(
        m.meta.capability.as_deref(),
        Some("créer mon adresse e-mail")
    );
    assert!(m.meta.prerequisites.iter().any(|p| p == "email-la-poste"));
    let lessons: Vec<_> = m.published_lessons().collect();
    assert_eq!(lessons.len(), 3);
    let html: String = lessons
        .iter()
        .flat_map(|l| &l.steps)
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Html(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    for svg in ["deux-parties.svg", "trois-mots.svg", "code-par-sms.svg"] {
        assert!(html.contains(svg), "{svg} not shown");
    }
    assert!(html.contains(&format!("callout {}", Callout::Analogy.class())));
    assert!(
        html.contains("Rien n&#x27;est créé pour de vrai")
            || html.contains("Rien n'est créé pour de vrai")
    );
    let forms: Vec<_> = lessons
        .iter()
        .flat_map(|l| &l.steps)
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Exercise(e) => match &e.kind {
                app::ssr::content::exercise::Kind::Form(f) => Some(f),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(forms.len(), 1);
    let form = forms[0];
    assert!(!form.signs_in());
    assert!(form.service.ends_with("(exercice)"));
    let fields: Vec<&str> = form
        .etapes
        .iter()
        .flat_map(|s| &s.champs)
        .map(|f| f.nom.as_str())
        .collect();
    assert_eq!(
        fields,
        ["prenom", "nom", "adresse", "mot-de-passe", "telephone"]
    );
    // Every value to type is given in the instructions ("la consigne donne tout").
    for field in form.etapes.iter().flat_map(|s| &s.champs) {
        let expected = field.attendu.as_deref().unwrap();
        assert!(form.consigne.contains(expected), "{expected}");
    }
}

fn expected_lines() -> String {
    std::fs::read_to_string(fixture("invalid-content.expected")).unwrap()
}

#[test]
fn broken_content_gets_exact_messages_from_the_library() {
    let dir = fixture("invalid-content");
    let report = content::load(&dir);
    let prefix = format!("{}/", dir.parent().unwrap().display());
    let mut lines: Vec<String> = report
        .problems
        .iter()
        .map(|p| p.to_string().replace(&prefix, ""))
        .collect();
    let errors = report.errors().count();
    lines.push(server::cli::check_summary(
        report.catalog.all().len(),
        report.catalog.lesson_count(),
        errors,
        report.problems.len() - errors,
    ));
    assert_eq!(lines.join("\n") + "\n", expected_lines());
    // The valid module is served; the others are not.
    let served: Vec<_> = report
        .catalog
        .all()
        .iter()
        .map(|m| m.slug.as_str())
        .collect();
    assert_eq!(served, ["correct"]);
}

#[test]
fn server_check_prints_every_problem_and_fails() {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("check")
        .arg("invalid-content")
        .current_dir(fixture(""))
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected_lines());
}

#[test]
fn server_check_passes_on_the_shipped_content() {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("check")
        .arg(real_content())
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains(" 0 errors, "), "{stdout}");
    assert!(Path::new(&real_content()).is_dir());
}

/// Pathological Markdown (deep nesting of lists, quotations, callouts, emphasis and links,
/// wide tables, long paragraphs, 64 KiB of small blocks: `flat-*`, and the fuzzer's slow
/// inputs: `fuzz-*`) found by hand or by the fuzz harness
/// (`server/benches/fuzz_markdown.rs`): each input goes through everything the trainers'
/// editor does with a text (the loader's checks, then the preview's rendering and the step
/// shown) within the bound. The bound is 50 ms in a release build (the fuzz harness); here,
/// in a debug build (the parsing crates optimised, ours not) on a shared machine, 20 s: this
/// test catches the explosions (before the limits, some of these took minutes), the 50 ms
/// goal is measured by the fuzz harness in release.
#[test]
fn pathological_markdown_renders_within_the_time_bound() {
    use app::ssr::services::authoring;
    use std::sync::{Arc, mpsc};
    use std::time::{Duration, Instant};
    let root = real_content();
    let store = Arc::new(content::ContentStore::new(&root, content::load(&root)));
    let bound = if cfg!(debug_assertions) {
        Duration::from_secs(20)
    } else {
        Duration::from_millis(50)
    };
    let mut paths: Vec<_> = std::fs::read_dir(fixture("slow-markdown"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    // Every input kept (a fixture removed by mistake would go unnoticed).
    assert!(paths.len() >= 38, "{paths:?}");
    let mut slow = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // In a thread, so that an input that takes minutes fails the test at the bound.
        let (tx, rx) = mpsc::channel();
        let store = store.clone();
        std::thread::spawn(move || {
            let start = Instant::now();
            let file = "email-la-poste/essai.md";
            let problems = authoring::check(&store, file, &text);
            let preview = authoring::preview(&store, &store.get(), file, &text, None, None);
            let _ = tx.send((start.elapsed(), problems.len(), preview.is_some()));
        });
        match rx.recv_timeout(bound) {
            Ok((took, problems, _)) => {
                eprintln!("{name}: {took:?}, {problems} problem(s)");
                if took > bound {
                    slow.push(format!("{name}: {took:?}"));
                }
            }
            Err(_) => {
                // Still running: the next inputs would share the machine with it.
                slow.push(format!("{name}: still running after {bound:?}"));
                break;
            }
        }
    }
    assert!(slow.is_empty(), "over {bound:?}:\n{}", slow.join("\n"));
}
