//! Issue 19, items 2 and 7: lesson pictures (every step that sends the learner looking for
//! something on screen shows it; every drawing is safe, small, sized, lazy and served with
//! its own strict policy) and the CRCN (Pix) competences shown in words.

use std::path::Path;

use axum::http::{StatusCode, header};
use sea_orm::{ActiveModelTrait, Set};

use crate::common::{TestApp, real_content};
use app::competence::Competence;
use app::ssr::content::illustrations::{self, MAX_SVG_GZIP_BYTES};
use app::ssr::content::{self, Block};
use app::text::competences;

/// Every `.svg` under `dir`.
fn drawings(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(drawings(&path));
        } else if path.extension().is_some_and(|e| e == "svg") {
            out.push(path);
        }
    }
    out
}

#[test]
fn every_shipped_drawing_is_safe_sized_and_small() {
    let files = drawings(&real_content());
    assert!(files.len() >= 20, "{} drawings", files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let size =
            illustrations::check_svg(&text).unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
        let gz = illustrations::gzip_len(text.as_bytes());
        assert!(
            gz <= MAX_SVG_GZIP_BYTES,
            "{}: {gz} bytes gzipped",
            file.display()
        );
        // Compact: the step's text and "Suivant" stay in the first screen.
        assert!(size.height <= 200, "{}: {size:?}", file.display());
    }
}

#[test]
fn every_step_that_sends_the_learner_looking_shows_a_described_picture() {
    let report = content::load(&real_content());
    let warnings: Vec<String> = report
        .problems
        .iter()
        .map(ToString::to_string)
        .filter(|p| p.contains("sans image"))
        .collect();
    assert!(warnings.is_empty(), "{}", warnings.join("\n"));
    let mut lessons_with_pictures = 0;
    for m in report.catalog.published() {
        for l in m.published_lessons() {
            let mut has_picture = false;
            for s in &l.steps {
                let html: String = s
                    .blocks
                    .iter()
                    .filter_map(|b| match b {
                        Block::Html(h) => Some(h.as_str()),
                        _ => None,
                    })
                    .collect();
                for img in html.split("<img ").skip(1) {
                    let tag = &img[..img.find('>').unwrap()];
                    has_picture = true;
                    let alt = tag
                        .split("alt=\"")
                        .nth(1)
                        .and_then(|a| a.split('"').next())
                        .unwrap_or_default();
                    assert!(
                        alt.split_whitespace().count() >= 4,
                        "{}/{}#{}: a picture without a description: {tag}",
                        m.slug,
                        l.slug,
                        s.slug
                    );
                    for attribute in ["width=\"", "height=\"", "loading=\"lazy\""] {
                        assert!(tag.contains(attribute), "{}/{}: {tag}", m.slug, l.slug);
                    }
                }
                let words: String = html
                    .split('<')
                    .map(|p| p.split_once('>').map_or(p, |(_, t)| t))
                    .collect::<Vec<_>>()
                    .join(" ");
                let asks = s
                    .blocks
                    .iter()
                    .any(|b| matches!(b, Block::Question(_) | Block::Exercise(_)));
                if let Some(w) = illustrations::sends_looking(&words).filter(|_| !asks) {
                    assert!(
                        html.contains("<img "),
                        "{}/{}#{} says « {w} » and shows no picture",
                        m.slug,
                        l.slug,
                        s.slug
                    );
                }
            }
            lessons_with_pictures += usize::from(has_picture);
        }
    }
    assert!(
        lessons_with_pictures >= 20,
        "{lessons_with_pictures} lessons"
    );
}

#[test]
fn an_unsafe_drawing_is_refused_with_its_file_name_and_a_bare_instruction_warned() {
    let dir = tempfile::tempdir().unwrap();
    let module = dir.path().join("essai");
    std::fs::create_dir_all(&module).unwrap();
    std::fs::write(
        module.join("_index.md"),
        "+++\ntitle = \"Essai\"\nsummary = \"Un essai.\"\nminutes = 5\n\
         objectives = [\"Essayer.\"]\n+++\nUn essai.\n",
    )
    .unwrap();
    let lesson = "+++\ntitle = \"Leçon\"\n+++\n## Le bouton {#bouton}\n\n\
                  Cherchez le bouton.\n\n![Le bouton rouge en bas](piege.svg)\n\n\
                  ## Sans image {#sans}\n\nCliquez sur le bouton vert.\n\n\
                  ## Vérifions {#verifions}\n\nCliquez sur la bonne réponse.\n\n\
                  ```question\nOù ?\n- [x] En bas\n  > Oui.\n- [ ] En haut\n  > Non.\n```\n";
    std::fs::write(module.join("lecon.md"), lesson).unwrap();
    std::fs::write(
        module.join("piege.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n\
         <image href=\"https://exemple.fr/traceur.png\"/>\n<rect onclick=\"x()\"/></svg>\n",
    )
    .unwrap();
    let report = content::load(dir.path());
    let all: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
    assert!(
        errors.iter().any(|e| e.contains("piege.svg:2:")
            && e.contains("dessin « piege.svg » refusé : il fait référence")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("piege.svg:3:") && e.contains("gestionnaire d'événement")),
        "{errors:?}"
    );
    assert!(
        all.iter().any(|w| w.contains("lecon.md:10:")
            && w.contains("« Sans image » dit « cliquez sur » sans image")),
        "{all:?}"
    );
    // A step with a question is left alone (a picture could give the answer away).
    assert!(!all.iter().any(|w| w.contains("« Vérifions »")), "{all:?}");
    // A lesson with a refused drawing is not shown.
    assert!(report.catalog.module("essai").is_none());
}

#[tokio::test]
async fn a_drawing_is_served_as_svg_with_its_own_strict_policy() {
    let app = TestApp::new().await;
    let res = app
        .get("/medias/piece-jointe/bouton-trombone.svg", None)
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers[header::CONTENT_TYPE], "image/svg+xml");
    let policy = res.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert!(policy.contains("style-src 'unsafe-inline'"), "{policy}");
    assert!(!policy.contains("script-src"), "{policy}");
    assert_eq!(res.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(res.body.starts_with("<svg"));
    // Pages keep the site's policy.
    let page = app.get("/modules/piece-jointe", None).await;
    let policy = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(policy.contains("default-src 'self'"), "{policy}");
    // The step shows it sized and lazy, described.
    let step = app
        .get(
            "/modules/piece-jointe/joindre-un-fichier/bouton-trombone",
            None,
        )
        .await;
    assert_eq!(step.status, StatusCode::OK);
    assert!(
        step.body.contains(
            "<img width=\"400\" height=\"180\" loading=\"lazy\" decoding=\"async\" \
             src=\"/medias/piece-jointe/bouton-trombone.svg\" alt=\"Un bouton jaune"
        ),
        "{}",
        step.body
    );
}

async fn finish_lesson(app: &TestApp, learner: i32, module: &str, lesson: &str) {
    app::ssr::db::entities::lesson_completion::ActiveModel {
        learner_id: Set(learner),
        module: Set(module.into()),
        lesson: Set(lesson.into()),
        completed_at: Set(1_764_000_000),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn competences_are_shown_in_words_on_the_module_page_booklet_volunteer_page_and_exports() {
    let app = TestApp::new().await;
    let page = app.get("/modules/piece-jointe", None).await;
    assert_eq!(page.status, StatusCode::OK);
    for c in [
        Competence::Interact,
        Competence::SharePublish,
        Competence::SecureEnvironment,
    ] {
        page.assert_shows(&competences::label(c));
    }
    page.assert_shows("Compétence Pix 2.1 — Interagir (Communication et collaboration)");

    let (cookie, id) = app.another_learner("Odette").await;
    let booklet = app.get("/carnet", Some(&cookie)).await;
    booklet.assert_shows(competences::BOOKLET_HEADING);
    booklet.assert_shows(competences::BOOKLET_NONE_YET);
    finish_lesson(&app, id, "recherche", "le-moteur-de-recherche").await;
    let booklet = app.get("/carnet", Some(&cookie)).await;
    booklet.assert_shows(competences::BOOKLET_WORKED);
    booklet.assert_shows("Compétence Pix 1.1 — Mener une recherche et une veille d'information");
    booklet.assert_shows("Compétence Pix 1.2 — Gérer des données");
    assert!(!booklet.body.contains("Pix 2.1"), "only what was worked");

    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let detail = app
        .get(&format!("/benevole/apprenants/{id}"), Some(&staff))
        .await;
    assert_eq!(detail.status, StatusCode::OK);
    detail.assert_shows(competences::VOLUNTEER_WORKED);
    detail.assert_shows("Compétence Pix 1.2 — Gérer des données");

    let json = app
        .get(
            &format!("/benevole/apprenants/{id}/donnees.json"),
            Some(&staff),
        )
        .await;
    let v: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(
        v["competences_worked"],
        serde_json::json!([
            "Compétence Pix 1.1 — Mener une recherche et une veille d'information",
            "Compétence Pix 1.2 — Gérer des données"
        ])
    );
    let csv = app
        .get(
            &format!("/benevole/apprenants/{id}/donnees.csv"),
            Some(&staff),
        )
        .await;
    assert!(
        csv.body
            .contains("compétence Pix;;;;;Compétence Pix 1.2 — Gérer des données"),
        "{}",
        csv.body
    );
    let mine = app.get("/mes-donnees.json", Some(&cookie)).await;
    assert!(
        mine.body.contains("Compétence Pix 1.2 — Gérer des données"),
        "{}",
        mine.body
    );
}
