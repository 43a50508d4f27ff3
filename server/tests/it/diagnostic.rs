//! `/benevole/apprenants/{id}/diagnostic`: the first-visit diagnostic (issue 20, item 5):
//! the questions of `content/diagnostic.toml`, the path they propose, adjusted and saved
//! (advised to the learner), diagnostics compared side by side; forms without JavaScript,
//! sent twice without doing anything twice; only the learner's structure sees it.

use std::process::Command;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::common::*;
use app::ssr::db::entities::{assignment, diagnostic, diagnostic_answer, diagnostic_lesson};

const ANSWERS: &str = "/api/benevole/diagnostic";
const PATH: &str = "/api/benevole/diagnostic/parcours";

async fn volunteer(app: &TestApp) -> String {
    app.staff_cookie("demo.benevole", "demo-pas-a-pas").await
}

fn page_of(learner: i32) -> String {
    format!("/benevole/apprenants/{learner}/diagnostic")
}

/// Posts a form; the address it goes back to.
async fn post(app: &TestApp, cookie: &str, path: &str, form: &[(&str, &str)]) -> String {
    let res = app.post_form(path, form, Some(cookie)).await;
    assert!(
        res.status.is_redirection(),
        "{path}: {} {}",
        res.status,
        res.body
    );
    res.location().unwrap().to_string()
}

/// The answers of a first visit: a computer of her own, an e-mail address she uses, the
/// mouse not yet, wants to call her family, fears scams, "un peu" confident.
fn first_answers<'a>(learner: &'a str, once: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("learner", learner),
        ("once", once),
        ("q-equipement", "ordinateur"),
        ("q-appareil-a-soi", "a-soi"),
        ("q-connexion", "maison"),
        ("q-email", "utilise"),
        ("q-comptes", "ameli"),
        ("q-comptes", "franceconnect"),
        ("q-gestes", "allumer"),
        ("q-gestes", "clavier"),
        ("q-gestes", "navigateur"),
        ("q-gestes", "recherche"),
        ("q-objectifs", "proches"),
        ("t-objectifs", "Voir les photos de mes petits-enfants"),
        ("q-freins", "peur-arnaques"),
        ("q-confiance", "1"),
    ]
}

async fn diagnostics_of(app: &TestApp, learner: i32) -> Vec<diagnostic::Model> {
    diagnostic::Entity::find()
        .filter(diagnostic::Column::LearnerId.eq(learner))
        .order_by_asc(diagnostic::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn advised(app: &TestApp, learner: i32) -> Vec<String> {
    assignment::Entity::find()
        .filter(assignment::Column::LearnerId.eq(learner))
        .order_by_asc(assignment::Column::AssignedAt)
        .order_by_asc(assignment::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| format!("{}/{}", a.module, a.lesson))
        .collect()
}

#[tokio::test]
async fn a_volunteer_takes_a_diagnostic_then_adjusts_and_saves_the_path_the_learner_sees() {
    let app = TestApp::new().await;
    let cookie = volunteer(&app).await;
    let jeanne = app.demo_learner_id().await;
    let page = page_of(jeanne);

    // The learner's page links to it.
    app.get(&format!("/benevole/apprenants/{jeanne}"), Some(&cookie))
        .await
        .assert_shows(&format!("href=\"{page}\""));

    // No diagnostic yet: the questions, in fieldsets with their legends.
    let empty = app.get(&page, Some(&cookie)).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_eq!(empty.headers["cache-control"], "no-store", "a private page");
    empty.assert_shows("Diagnostic de Jeanne");
    empty.assert_shows("<legend>Quels appareils la personne a-t-elle ?</legend>");
    empty.assert_shows("ordinateur ou le téléphone</legend>");
    empty.assert_shows("name=\"q-gestes\" value=\"souris\"");
    empty.assert_shows("Pas du tout");
    empty.assert_shows(&format!("action=\"{ANSWERS}\""));
    let once = hidden_value(&empty.body, "once").unwrap();

    // Recorded, then the proposed path; sent twice (a double click), recorded once.
    let jeanne_id = jeanne.to_string();
    let form = first_answers(&jeanne_id, &once);
    let to = post(&app, &cookie, ANSWERS, &form).await;
    let again = post(&app, &cookie, ANSWERS, &form).await;
    assert_eq!(to, again, "the second answer shows what the first made");
    let taken = diagnostics_of(&app, jeanne).await;
    assert_eq!(taken.len(), 1);
    let d = taken[0].id;
    assert_eq!(to, format!("{page}?fait=enregistre&d={d}#parcours"));
    let rows = diagnostic_answer::Entity::find()
        .filter(diagnostic_answer::Column::DiagnosticId.eq(d))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(rows, 14, "13 ticked, 1 typed");

    let proposed = app.get(&to, Some(&cookie)).await;
    proposed.assert_shows("Le diagnostic est enregistré.");
    proposed.assert_shows("Le parcours proposé");
    // In the catalogue's order, each with its reason: the mouse (not observed) first.
    let order = [
        "souris-clavier/cliquer",
        "souris-clavier/double-clic",
        "piece-jointe/ouvrir-une-piece-jointe",
        "arnaques/faux-messages",
        "appel-video/c-est-quoi-un-appel-video",
        "appel-video/recevoir-un-appel",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|k| {
            proposed
                .body
                .find(&format!("name=\"lesson\" value=\"{k}\""))
                .unwrap_or_else(|| panic!("{k} proposed"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    proposed.assert_shows("La souris est le premier geste à prendre en main, sans se presser.");
    proposed.assert_shows("Reconnaître un faux message rend plus sûr de soi.");
    // Its answers, said in words (the confidence scale's own).
    proposed.assert_shows("« Voir les photos de mes petits-enfants »");
    proposed.assert_shows("Un peu");
    assert!(
        advised(&app, jeanne).await.is_empty(),
        "nothing advised yet"
    );

    // Adjusted: the scams first, the double click and the second video lesson removed, a
    // lesson added. Sent twice, saved once.
    let once = hidden_value(&proposed.body, "once").unwrap();
    let d_text = d.to_string();
    let path_form = vec![
        ("learner", jeanne_id.as_str()),
        ("diagnostic", d_text.as_str()),
        ("once", once.as_str()),
        ("lesson", "souris-clavier/cliquer"),
        ("garder-souris-clavier/cliquer", "1"),
        ("rang-souris-clavier/cliquer", "2"),
        ("lesson", "souris-clavier/double-clic"),
        ("rang-souris-clavier/double-clic", "2"),
        ("lesson", "piece-jointe/ouvrir-une-piece-jointe"),
        ("garder-piece-jointe/ouvrir-une-piece-jointe", "1"),
        ("rang-piece-jointe/ouvrir-une-piece-jointe", "3"),
        ("lesson", "arnaques/faux-messages"),
        ("garder-arnaques/faux-messages", "1"),
        ("rang-arnaques/faux-messages", "1"),
        ("lesson", "appel-video/c-est-quoi-un-appel-video"),
        ("garder-appel-video/c-est-quoi-un-appel-video", "1"),
        ("rang-appel-video/c-est-quoi-un-appel-video", "5"),
        ("lesson", "appel-video/recevoir-un-appel"),
        ("rang-appel-video/recevoir-un-appel", "6"),
        ("ajouter", "virus/regles-de-base"),
    ];
    let to = post(&app, &cookie, PATH, &path_form).await;
    assert_eq!(to, format!("{page}?fait=parcours&d={d}#parcours"));
    assert_eq!(post(&app, &cookie, PATH, &path_form).await, to);
    let expected = [
        "arnaques/faux-messages",
        "souris-clavier/cliquer",
        "piece-jointe/ouvrir-une-piece-jointe",
        "appel-video/c-est-quoi-un-appel-video",
        "virus/regles-de-base",
    ];
    assert_eq!(advised(&app, jeanne).await, expected);
    let saved = diagnostic_lesson::Entity::find()
        .filter(diagnostic_lesson::Column::DiagnosticId.eq(d))
        .order_by_asc(diagnostic_lesson::Column::Position)
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(saved.len(), 5);
    assert_eq!(saved[4].because, "", "added by the volunteer");
    assert!(saved[0].because.contains("faux message"));

    let shown = app.get(&to, Some(&cookie)).await;
    shown.assert_shows("Le parcours est enregistré.");
    shown.assert_shows("Le parcours enregistré");
    shown.assert_shows("Ajoutée par le ou la bénévole.");

    // The learner finds the path on her home page and in her booklet.
    let learner = app.learner_cookie().await;
    let home = app.get("/", Some(&learner)).await;
    let first = home
        .body
        .find("faux-messages")
        .expect("advised on the home page");
    let then = home.body.find("ouvrir-une-piece-jointe").expect("advised");
    assert!(first < then, "in the saved order");
    app.get("/carnet", Some(&learner))
        .await
        .assert_shows("faux-messages");

    // Saved again without the virus lesson: it is no longer advised.
    let page_again = app.get(&to, Some(&cookie)).await;
    let once = hidden_value(&page_again.body, "once").unwrap();
    let to = post(
        &app,
        &cookie,
        PATH,
        &[
            ("learner", jeanne_id.as_str()),
            ("diagnostic", d_text.as_str()),
            ("once", once.as_str()),
            ("lesson", "arnaques/faux-messages"),
            ("garder-arnaques/faux-messages", "1"),
            ("lesson", "virus/regles-de-base"),
        ],
    )
    .await;
    assert!(to.contains("fait=parcours"), "{to}");
    assert_eq!(advised(&app, jeanne).await, ["arnaques/faux-messages"]);
}

#[tokio::test]
async fn a_second_diagnostic_is_shown_beside_the_first() {
    let app = TestApp::new().await;
    let cookie = volunteer(&app).await;
    let jeanne = app.demo_learner_id().await;
    let jeanne_id = jeanne.to_string();
    let page = page_of(jeanne);
    let once = app.form_token(&page, &cookie).await;
    post(&app, &cookie, ANSWERS, &first_answers(&jeanne_id, &once)).await;

    // Later: the mouse too, an e-mail address, "oui, tout à fait".
    let new_form = app.get(&format!("{page}?nouveau=1"), Some(&cookie)).await;
    new_form.assert_shows("<legend>Quels appareils la personne a-t-elle ?</legend>");
    let once = hidden_value(&new_form.body, "once").unwrap();
    let mut later = first_answers(&jeanne_id, &once);
    later.retain(|(n, _)| *n != "q-confiance");
    later.extend([("q-gestes", "souris"), ("q-confiance", "2")]);
    let to = post(&app, &cookie, ANSWERS, &later).await;
    let taken = diagnostics_of(&app, jeanne).await;
    assert_eq!(taken.len(), 2);

    let shown = app.get(&to, Some(&cookie)).await;
    shown.assert_shows("Avant / après");
    let table =
        &shown.body[shown.body.find("<table").unwrap()..shown.body.find("</table>").unwrap()];
    // The gestures and the confidence changed; the equipment did not.
    let row = |question: &str| {
        let start = table.find(question).unwrap_or_else(|| panic!("{question}"));
        let end = table[start..].find("</tr>").unwrap() + start;
        table[start..end].to_string()
    };
    let confidence = row("ordinateur ou le téléphone");
    assert!(
        confidence.contains("Un peu") && confidence.contains("Oui, tout à fait"),
        "{confidence}"
    );
    assert!(confidence.contains("Changé"), "{confidence}");
    assert!(row("Gestes observés").contains("Changé"));
    assert!(row("Quels appareils").contains("Pareil"));
    // Both are listed; the first can be shown again.
    shown.assert_shows(&format!("?d={}#parcours", taken[0].id));
    let first = app
        .get(&format!("{page}?d={}", taken[0].id), Some(&cookie))
        .await;
    assert_eq!(first.status, StatusCode::OK);
    first.assert_shows("Avant / après");
}

#[tokio::test]
async fn empty_answers_and_other_people_are_refused() {
    let app = TestApp::new().await;
    let cookie = volunteer(&app).await;
    let jeanne = app.demo_learner_id().await;
    let jeanne_id = jeanne.to_string();
    let page = page_of(jeanne);

    // Nothing ticked: nothing recorded, the questions again with the message.
    let once = app.form_token(&page, &cookie).await;
    let to = post(
        &app,
        &cookie,
        ANSWERS,
        &[
            ("learner", &jeanne_id),
            ("once", &once),
            ("q-gestes", "inconnu"),
        ],
    )
    .await;
    assert!(
        to.contains("erreur=vide") && to.contains("nouveau=1"),
        "{to}"
    );
    let refused = app.get(&to, Some(&cookie)).await;
    refused.assert_shows("Aucune réponse n'est cochée ni écrite");
    refused.assert_shows("<legend>");
    assert!(diagnostics_of(&app, jeanne).await.is_empty());
    // The same token works once the form is filled in (a refusal does not spend it).
    let to = post(&app, &cookie, ANSWERS, &first_answers(&jeanne_id, &once)).await;
    assert!(to.contains("fait=enregistre"), "{to}");
    let d = diagnostics_of(&app, jeanne).await[0].id.to_string();

    // A volunteer of another structure: not found, for the page and both forms.
    let (theirs, paul) = app.other_structure().await;
    assert_eq!(
        app.get(&page, Some(&theirs)).await.status,
        StatusCode::NOT_FOUND
    );
    let res = app
        .post_form(ANSWERS, &first_answers(&jeanne_id, "t1"), Some(&theirs))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post_form(
            PATH,
            &[
                ("learner", jeanne_id.as_str()),
                ("diagnostic", d.as_str()),
                ("lesson", "virus/regles-de-base"),
                ("garder-virus/regles-de-base", "1"),
            ],
            Some(&theirs),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Their own learner with our diagnostic's id: not found either.
    let res = app
        .post_form(
            PATH,
            &[
                ("learner", paul.to_string().as_str()),
                ("diagnostic", d.as_str()),
                ("lesson", "virus/regles-de-base"),
                ("garder-virus/regles-de-base", "1"),
            ],
            Some(&theirs),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Our volunteer, a diagnostic shown that is not Jeanne's: not found.
    assert_eq!(
        app.get(&format!("{page}?d=999999"), Some(&cookie))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(advised(&app, jeanne).await.is_empty());

    // A trainer is not a volunteer; a learner is not staff.
    let trainer = app.staff_cookie("demo.formateur", "demo-pas-a-pas").await;
    assert_eq!(
        app.get(&page, Some(&trainer)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post_form(ANSWERS, &first_answers(&jeanne_id, "t2"), Some(&trainer))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let learner = app.learner_cookie().await;
    let res = app.get(&page, Some(&learner)).await;
    assert_ne!(res.status, StatusCode::OK);
    assert!(!res.body.contains("<legend>"));
    let res = app
        .post_form(ANSWERS, &first_answers(&jeanne_id, "t3"), Some(&learner))
        .await;
    assert!(res.status.is_redirection() || res.status.is_client_error());
    assert_eq!(diagnostics_of(&app, jeanne).await.len(), 1);

    // A coordinator of the structure may take one too.
    let coordinator = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    assert_eq!(
        app.get(&page, Some(&coordinator)).await.status,
        StatusCode::OK
    );

    // Deleting the learner deletes her diagnostics.
    let gone = app::ssr::services::accounts::delete_learner(&app.state.db, jeanne)
        .await
        .unwrap();
    app.state.users.forget(gone);
    assert!(diagnostics_of(&app, jeanne).await.is_empty());
    assert_eq!(
        diagnostic_answer::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
}

/// A broken questionnaire: `server check` says where, and the page says it is missing
/// rather than showing half of it.
#[tokio::test]
async fn a_broken_questionnaire_is_reported_with_its_line_and_not_served() {
    let dir = content_copy();
    let path = dir.path().join("diagnostic.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text.replacen(
        "advise = [\"arnaques/faux-messages\"]",
        "advise = [\"arnaques/faux-message\"]",
        1,
    );
    assert_ne!(text, broken);
    std::fs::write(&path, &broken).unwrap();
    let line = broken
        .lines()
        .position(|l| l.contains("arnaques/faux-message\""))
        .unwrap()
        + 1;
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("check")
        .arg(dir.path())
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let expected =
        format!("diagnostic.toml:{line}:11: erreur : leçon inconnue « arnaques/faux-message »");
    assert!(stdout.contains(&expected), "{expected}\n{stdout}");

    let app = TestApp::with_content(dir.path()).await;
    let cookie = volunteer(&app).await;
    let jeanne = app.demo_learner_id().await;
    let page = app.get(&page_of(jeanne), Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("Le questionnaire du diagnostic n");
    page.assert_shows("content/diagnostic.toml manque ou contient une erreur");
    assert!(!page.body.contains("<legend>"));
}

/// The questionnaire outlives reloads of the lessons: a trainer publishing a lesson in the
/// browser does not take it away, and a mistake in its file keeps the last valid one while
/// it is fixed (as for lessons).
#[tokio::test]
async fn the_questionnaire_stays_when_a_lesson_is_published_and_while_its_file_is_broken() {
    use app::ssr::services::authoring;
    let dir = content_copy();
    let app = TestApp::with_content(dir.path()).await;
    let cookie = volunteer(&app).await;
    let jeanne = app.demo_learner_id().await;
    let has_questions = async || {
        let page = app.get(&page_of(jeanne), Some(&cookie)).await;
        assert_eq!(page.status, StatusCode::OK);
        page.body.contains("<legend>") && page.body.contains("Gestes observés")
    };
    assert!(has_questions().await);

    // A trainer publishes a lesson: the content is loaded again.
    let file = "recherche/lire-les-resultats.md";
    let before = authoring::file_state(&app.state.db, &app.state.content, file)
        .await
        .unwrap()
        .current()
        .expect("the file exists")
        .text;
    let trainer = app.staff_cookie("demo.formateur", "demo-pas-a-pas").await;
    let res = app
        .post_form(
            "/api/formateur/enregistrer",
            &[
                ("file", file),
                ("text", &format!("{before}\nUne phrase de plus.\n")),
                ("base", &authoring::hash(&before)),
                ("action", "publier"),
            ],
            Some(&trainer),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    assert!(
        has_questions().await,
        "the questionnaire went with the reload"
    );

    // Its file broken on disk: the last valid questionnaire stays, the error is said.
    let path = dir.path().join("diagnostic.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text.replacen("max_lessons = 6", "max_lessons = 0", 1);
    assert_ne!(broken, text);
    std::fs::write(&path, broken).unwrap();
    app.state.content.reload();
    assert!(app.state.content.problems().iter().any(|p| p.is_error()));
    assert!(
        has_questions().await,
        "the last valid questionnaire is kept"
    );
}
