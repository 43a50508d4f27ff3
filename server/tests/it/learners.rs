//! Learners (issue 4): codes and cards, first sign-in, durable progress, resume after a
//! lesson changed, confidence, the booklet, export and deletion.

use crate::common::{TestApp, content_copy};
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::ssr::db::entities::{
    answer, assignment, auth_session, confidence, help_request, learner, lesson_completion,
    module_completion, retired_code, step_progress, visit, visit_learner,
};
use app::ssr::services::accounts;

const LESSON: &str = "/modules/email-la-poste/adresse-enveloppe";
const STEPS: [&str; 6] = [
    "une-lettre-mais-sans-papier",
    "adresse",
    "arobase",
    "chaque-lettre",
    "lire",
    "a-retenir",
];

async fn next(app: &TestApp, cookie: &str, lesson: &str, step: &str) -> String {
    let res = app
        .post_form(
            "/api/suivant",
            &[
                ("module", "email-la-poste"),
                ("lesson", lesson),
                ("step", step),
            ],
            Some(cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    res.location().unwrap().to_string()
}

#[tokio::test]
async fn a_volunteer_creates_a_learner_with_only_a_first_name_and_prints_the_card() {
    let app = TestApp::new().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let once = app.form_token("/benevole/apprenants/nouveau", &staff).await;
    let form = [("first_name", "Lucienne"), ("once", once.as_str())];
    let res = app
        .post_form("/api/benevole/nouvel-apprenant", &form, Some(&staff))
        .await;
    let to = res.location().unwrap().to_string();
    assert!(
        to.starts_with("/benevole/apprenants/") && to.ends_with("/carte?nouveau=1"),
        "{to}"
    );
    // A double click (the same form, the same one-time token) creates one learner.
    let again = app
        .post_form("/api/benevole/nouvel-apprenant", &form, Some(&staff))
        .await;
    assert_eq!(again.location(), Some(to.as_str()));
    let lucienne = learner::Entity::find()
        .filter(learner::Column::FirstName.eq("Lucienne"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(lucienne.len(), 1);
    let code = &lucienne[0].code;
    assert_eq!(code.len(), app::ssr::auth::CODE_LEN);
    assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");

    let card = app.get(&to, Some(&staff)).await;
    assert_eq!(card.status, StatusCode::OK);
    let printed = format!("{}-{}", &code[..5], &code[5..]);
    assert!(card.body.contains(&printed), "{}", card.body);
    assert!(card.body.contains("<svg"), "no QR code");
    assert!(card.body.contains("Lucienne"));

    // The QR code's link asks "C'est bien vous, Lucienne ?"; one button signs her in, the
    // first time on the privacy page.
    let qr = app.scan_card(code).await;
    let cookie = qr.session_cookie().unwrap();
    let welcome = app.get("/bienvenue", Some(&cookie)).await;
    assert!(
        welcome
            .body
            .contains("Votre bénévole et votre association voient vos progrès")
    );
}

#[tokio::test]
async fn an_empty_first_name_gets_a_message() {
    let app = TestApp::new().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let res = app
        .post_form(
            "/api/benevole/nouvel-apprenant",
            &[("first_name", "  ")],
            Some(&staff),
        )
        .await;
    assert_eq!(
        res.location(),
        Some("/benevole/apprenants/nouveau?erreur=prenom")
    );
    let page = app
        .get("/benevole/apprenants/nouveau?erreur=prenom", Some(&staff))
        .await;
    assert!(page.body.contains("Écrivez un prénom ou un surnom"));
}

#[tokio::test]
async fn replacing_a_lost_card_stops_the_old_code_and_its_sessions_at_once() {
    let app = TestApp::new().await;
    let learner_cookie = app.learner_cookie().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let id = app.demo_learner_id().await;
    // The learner is using the site: who they are is remembered for a few seconds.
    let home = app.get("/", Some(&learner_cookie)).await;
    assert!(home.body.contains("Bonjour"));
    let res = app
        .post_form(
            "/api/benevole/nouveau-code",
            &[("id", &id.to_string())],
            Some(&staff),
        )
        .await;
    assert_eq!(
        res.location(),
        Some(&*format!("/benevole/apprenants/{id}/carte?nouveau-code=1"))
    );
    // The old code is refused with a precise message; the old session is over.
    let old = app
        .post_form("/api/connexion", &[("code", "BIEN-VENU")], None)
        .await;
    assert_eq!(
        old.location(),
        Some("/connexion?erreur=remplace&saisie=BIEN-VENU")
    );
    let page = app.get("/connexion?erreur=remplace", None).await;
    assert!(page.body.contains("Ce code a été remplacé par un nouveau."));
    let home = app.get("/", Some(&learner_cookie)).await;
    assert!(!home.body.contains("Bonjour"));
    // The new code works.
    let new_code = learner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .code;
    assert_ne!(new_code, "BIENVENU");
    app.learner_cookie_for(&new_code.to_lowercase()).await;
}

#[tokio::test]
async fn the_privacy_choice_is_asked_once_and_kept() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let res = app
        .post_form(
            "/api/confidentialite",
            &[("notes", "non"), ("back", "/")],
            Some(&cookie),
        )
        .await;
    assert_eq!(res.location(), Some("/"));
    let l = learner::Entity::find_by_id(app.demo_learner_id().await)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(l.notes_consent, Some(false));
    assert!(l.privacy_seen_at.is_some());
    // The next sign-in goes straight home.
    let again = app
        .post_form("/api/connexion", &[("code", "BIEN-VENU")], None)
        .await;
    assert_eq!(again.location(), Some("/"));
}

#[tokio::test]
async fn time_spent_is_counted_but_bounded_and_lessons_and_modules_complete_once() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let two_hours_ago = (app::ssr::db::now() - 7200).to_string();
    let res = app
        .post_form(
            "/api/suivant",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", STEPS[0]),
                ("shown", &two_hours_ago),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    let row = step_progress::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.seconds_spent, 600, "a PC left on does not count");

    for step in &STEPS[1..] {
        next(&app, &cookie, "adresse-enveloppe", step).await;
    }
    next(&app, &cookie, "adresse-enveloppe", "a-retenir").await;
    assert_eq!(
        lesson_completion::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        module_completion::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );

    // Finishing every lesson of the module finishes the module.
    let catalog = app.state.content.get();
    let module = catalog.module("email-la-poste").unwrap();
    for lesson in module.published_lessons() {
        for step in &lesson.steps {
            next(&app, &cookie, &lesson.slug, &step.slug).await;
        }
    }
    assert_eq!(
        module_completion::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
    // The end of the last lesson asks how the learner feels now.
    let last = module.published_lessons().last().unwrap();
    let end = app
        .get(
            &format!("/modules/email-la-poste/{}/fin", last.slug),
            Some(&cookie),
        )
        .await;
    assert!(end.body.contains("Et maintenant ?"), "{}", end.body);
}

#[tokio::test]
async fn steps_seen_are_recorded_for_the_volunteer() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    app.get(&format!("{LESSON}/arobase"), Some(&cookie)).await;
    app.flush_seen().await;
    let row = step_progress::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.step, "arobase");
    assert!(row.completed_at.is_none());
}

#[tokio::test]
async fn a_mistyped_step_address_does_not_say_the_lesson_changed() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let res = app.get(&format!("{LESSON}/arobaze"), Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::FOUND);
    let to = res.location().unwrap().to_string();
    assert!(to.ends_with("?info=etape-introuvable"), "{to}");
    let page = app.get(&to, Some(&cookie)).await;
    page.assert_shows("Nous n'avons pas trouvé cette étape.");
    assert!(!page.body.contains("Cette leçon a changé"));
    // The same for a visitor who is not signed in.
    let res = app.get(&format!("{LESSON}/arobaze"), None).await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let to = res.location().unwrap().to_string();
    assert!(to.ends_with("?info=etape-introuvable"), "{to}");
    app.get(&to, None)
        .await
        .assert_shows("Nous n'avons pas trouvé cette étape.");
    // And for a client that does not say it accepts HTML (a link checker, `curl`).
    let res = app
        .send(
            axum::http::Request::get(format!("{LESSON}/arobaze"))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    assert!(res.location().unwrap().ends_with("?info=etape-introuvable"));
}

#[tokio::test]
async fn after_a_trainer_removes_a_step_the_learner_resumes_nearby_and_keeps_history() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = app.learner_cookie().await;
    for step in &STEPS[..3] {
        next(&app, &cookie, "adresse-enveloppe", step).await;
    }
    // The trainer removes the step "arobase" (done) and the learner was on "chaque-lettre".
    let file = content.path().join("email-la-poste/adresse-enveloppe.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text.find("## Le signe @ {#arobase}").unwrap();
    let end = text
        .find("## Chaque lettre compte {#chaque-lettre}")
        .unwrap();
    std::fs::write(&file, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let report = app::ssr::content::load(content.path());
    assert_eq!(report.errors().count(), 0);
    app.state.content.replace(report.catalog);

    // The removed step's page sends the learner to where they were, with a word.
    let old = app.get(&format!("{LESSON}/arobase"), Some(&cookie)).await;
    assert_eq!(old.status, StatusCode::FOUND);
    assert_eq!(
        old.location(),
        Some(&*format!("{LESSON}/chaque-lettre?info=etape-changee"))
    );
    let page = app
        .get(
            &format!("{LESSON}/chaque-lettre?info=etape-changee"),
            Some(&cookie),
        )
        .await;
    assert!(
        page.body
            .contains("Cette leçon a changé depuis votre dernière visite.")
    );
    assert!(page.body.contains("Étape 3 sur 5"));
    // "Suivant" on a form of the old step loses nothing and leads there too.
    let to = next(&app, &cookie, "adresse-enveloppe", "arobase").await;
    assert_eq!(to, format!("{LESSON}/chaque-lettre?info=etape-changee"));
    // The history of the removed step is kept.
    let kept = step_progress::Entity::find()
        .filter(step_progress::Column::Step.eq("arobase"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(kept, 1);
}

#[tokio::test]
async fn confidence_is_asked_at_the_start_recorded_and_not_asked_again() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let module = app.get("/modules/email-la-poste", Some(&cookie)).await;
    assert!(module.body.contains("Avant de commencer"));
    assert!(
        module
            .body
            .contains("Je me sens capable d'expliquer ce qu'est un e-mail"),
        "{}",
        module.body
    );
    let empty = app
        .post_form(
            "/api/confiance",
            &[
                ("module", "email-la-poste"),
                ("moment", "debut"),
                ("back", "/modules/email-la-poste"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(
        empty.location(),
        Some("/modules/email-la-poste?confiance=vide#confiance")
    );
    app.post_form(
        "/api/confiance",
        &[
            ("module", "email-la-poste"),
            ("moment", "debut"),
            ("level", "1"),
            ("back", "/modules/email-la-poste"),
        ],
        Some(&cookie),
    )
    .await;
    let saved = confidence::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((saved.moment.as_str(), saved.level), ("debut", 1));
    let module = app.get("/modules/email-la-poste", Some(&cookie)).await;
    assert!(!module.body.contains("Avant de commencer"));
    let booklet = app.get("/carnet", Some(&cookie)).await;
    assert!(
        booklet.body.contains("Au début : un peu"),
        "{}",
        booklet.body
    );
}

#[tokio::test]
async fn the_booklet_shows_what_was_done_and_what_is_in_progress() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    for step in STEPS {
        next(&app, &cookie, "adresse-enveloppe", step).await;
    }
    next(&app, &cookie, "boite-de-reception", "courrier").await;
    let booklet = app.get("/carnet", Some(&cookie)).await;
    assert_eq!(booklet.status, StatusCode::OK);
    assert!(booklet.body.contains("Les leçons que j'ai finies"));
    assert!(booklet.body.contains("L'adresse, c'est l'enveloppe"));
    assert!(
        booklet
            .body
            .contains("La boîte de réception, c'est la boîte aux lettres")
    );
    assert!(booklet.body.contains("Étape 2 sur 6"), "{}", booklet.body);
    // Without signing in, the booklet asks for the code.
    let anonymous = app.get("/carnet", None).await;
    assert_eq!(anonymous.location(), Some("/connexion"));
}

#[tokio::test]
async fn a_learner_downloads_all_their_data_and_deletes_everything() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let id = app.demo_learner_id().await;
    next(&app, &cookie, "adresse-enveloppe", STEPS[0]).await;
    app.post_form(
        "/api/repondre",
        &[
            ("module", "email-la-poste"),
            ("lesson", "adresse-enveloppe"),
            ("step", "lire"),
            ("question", "adresse-bien-ecrite"),
            ("reponse", "a"),
        ],
        Some(&cookie),
    )
    .await;
    app.post_form(
        "/api/aide",
        &[
            ("module", "email-la-poste"),
            ("lesson", "adresse-enveloppe"),
            ("step", "lire"),
            ("message", "Je ne trouve pas le @"),
        ],
        Some(&cookie),
    )
    .await;
    app.post_form(
        "/api/confiance",
        &[
            ("module", "email-la-poste"),
            ("moment", "debut"),
            ("level", "0"),
            ("back", "/"),
        ],
        Some(&cookie),
    )
    .await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let today = app::text::dates::today_iso(app::ssr::db::now());
    app.post_form(
        "/api/seance",
        &[
            ("learner", &id.to_string()),
            ("single", &id.to_string()),
            ("date", &today),
            ("kind", "domicile"),
            ("minutes", "60"),
            ("topics", "La souris"),
            ("note", "Très motivée"),
            ("lesson", "souris-clavier/cliquer"),
        ],
        Some(&staff),
    )
    .await;

    let json = app.get("/mes-donnees.json", Some(&cookie)).await;
    assert_eq!(json.status, StatusCode::OK);
    assert!(
        json.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let data: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(data["first_name"], "Jeanne");
    assert_eq!(data["steps"].as_array().unwrap().len(), 1);
    assert_eq!(data["answers"][0]["correct"], false);
    assert_eq!(data["help_requests"][0]["message"], "Je ne trouve pas le @");
    assert_eq!(data["advised_lessons"][0]["lesson"], "cliquer");
    assert_eq!(data["sessions"][0]["note"], "Très motivée");
    let csv = app.get("/mes-donnees.csv", Some(&cookie)).await;
    assert!(
        csv.body
            .starts_with("\u{FEFF}Type;Date;Thème;Leçon;Étape;Détail"),
        "{}",
        csv.body
    );
    assert!(csv.body.contains("demande d'aide"));
    // The volunteer can download it too.
    let by_volunteer = app
        .get(
            &format!("/benevole/apprenants/{id}/donnees.json"),
            Some(&staff),
        )
        .await;
    assert_eq!(by_volunteer.status, StatusCode::OK);

    // Deleting needs the confirmation box.
    let unconfirmed = app
        .post_form("/api/supprimer-mon-compte", &[], Some(&cookie))
        .await;
    assert_eq!(
        unconfirmed.location(),
        Some("/mes-donnees?erreur=confirmer#supprimer")
    );
    assert_eq!(
        learner::Entity::find_by_id(id)
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
    let deleted = app
        .post_form(
            "/api/supprimer-mon-compte",
            &[("confirm", "oui")],
            Some(&cookie),
        )
        .await;
    assert_eq!(deleted.location(), Some("/?compte=supprime"));
    app.flush_seen().await;

    // Nothing about Jeanne is left in any table.
    let db = &app.state.db;
    assert_eq!(learner::Entity::find_by_id(id).count(db).await.unwrap(), 0);
    assert_eq!(step_progress::Entity::find().count(db).await.unwrap(), 0);
    assert_eq!(answer::Entity::find().count(db).await.unwrap(), 0);
    assert_eq!(help_request::Entity::find().count(db).await.unwrap(), 0);
    assert_eq!(confidence::Entity::find().count(db).await.unwrap(), 0);
    assert_eq!(assignment::Entity::find().count(db).await.unwrap(), 0);
    assert_eq!(visit_learner::Entity::find().count(db).await.unwrap(), 0);
    assert_eq!(visit::Entity::find().count(db).await.unwrap(), 0);
    assert_eq!(
        lesson_completion::Entity::find().count(db).await.unwrap(),
        0
    );
    assert_eq!(retired_code::Entity::find().count(db).await.unwrap(), 0);
    let sessions = auth_session::Entity::find()
        .filter(auth_session::Column::LearnerId.eq(id))
        .count(db)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
    assert!(
        accounts::find_learner_by_code(db, "BIENVENU")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn an_expired_session_says_so_once_and_loses_nothing() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    next(&app, &cookie, "adresse-enveloppe", STEPS[0]).await;
    // The session ends (it expired, or the learner signed out on another PC).
    auth_session::Entity::delete_many()
        .exec(&app.state.db)
        .await
        .unwrap();
    // As every code path that ends sessions does (an expiry needs no clearing: the cache
    // keeps each session's expiry).
    app.state.users.clear();
    let page = app.get("/modules", Some(&cookie)).await;
    page.assert_shows("Vous avez été déconnecté. Vos progrès sont gardés.");
    let cleared = page.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(
        cleared.starts_with("pap_session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    // Signing in again finds the progress.
    let cookie = app.learner_cookie().await;
    let resume = app.get(LESSON, Some(&cookie)).await;
    assert_eq!(resume.location(), Some(&*format!("{LESSON}/adresse")));
}

/// A page with what changes on every render (the time the step was shown, the scripts'
/// nonce, also written in `crossorigin`) blanked out.
fn steady(html: &str) -> String {
    let mut out = html.to_string();
    for (start, end) in [
        ("name=\"shown\" value=\"", '"'),
        ("nonce=\"", '"'),
        ("crossorigin=\"", '"'),
    ] {
        let mut from = 0;
        while let Some(i) = out[from..].find(start) {
            let at = from + i + start.len();
            let len = out[at..].find(end).unwrap();
            out.replace_range(at..at + len, "");
            from = at;
        }
    }
    out
}

/// A header with the policy's nonce blanked out.
fn steady_policy(value: &str) -> String {
    match value.find("'nonce-") {
        Some(at) => {
            let end = at + value[at + 1..].find('\'').unwrap() + 2;
            format!("{}{}", &value[..at], &value[end..])
        }
        None => value.to_string(),
    }
}

#[tokio::test]
async fn a_step_from_memory_is_the_page_leptos_renders_with_the_learner_s_own_parts() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let structure = learner::Entity::find_by_id(app.demo_learner_id().await)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .structure_id;
    let zoe = accounts::create_learner(db, structure, None, "Zoé & <Lou>", None)
        .await
        .unwrap();
    let cookie = app.learner_cookie_for(&zoe.code.to_lowercase()).await;
    let res = app
        .save_comfort(&cookie, &[("text_size", "1"), ("motion", "on")])
        .await;
    assert!(res.status.is_redirection());
    let jeanne = app.learner_cookie().await;

    let step = format!("{LESSON}/{}", STEPS[2]);
    // Jeanne sees the step first: it is rendered, then kept.
    let for_jeanne = app.get(&step, Some(&jeanne)).await;
    assert!(for_jeanne.body.contains("<li class=\"who\">Jeanne</li>"));
    assert!(for_jeanne.body.contains("<html class=\"\""));
    // Zoé gets it from memory, with her name escaped and her comfort settings.
    let cached = app.get(&step, Some(&cookie)).await;
    assert_eq!(cached.status, StatusCode::OK);
    assert_eq!(
        cached.headers.get("content-type").unwrap(),
        "text/html; charset=utf-8"
    );
    assert!(
        cached
            .body
            .contains("<li class=\"who\">Zoé &amp; &lt;Lou&gt;</li>"),
        "{}",
        cached.body
    );
    assert!(
        cached
            .body
            .contains("<html class=\"texte-grand sans-animation\"")
    );
    // The very page Leptos renders for her (a query string is never served from memory).
    let rendered = app.get(&format!("{step}?x=1"), Some(&cookie)).await;
    // (The comfort link brings back to the page, its query string included.)
    let rendered = rendered.body.replace("%3Fx%3D1", "");
    assert_eq!(steady(&cached.body), steady(&rendered));
    // The time the step was shown is today's, for counting the time spent on it.
    let shown: i64 = cached.body.split("name=\"shown\" value=\"").nth(1).unwrap()[..10]
        .parse()
        .unwrap();
    assert!((shown - app::ssr::db::now()).abs() < 5);
    // The step counts as seen, as a rendered one does.
    app.state.seen.flush(db).await.unwrap();
    let seen = step_progress::Entity::find()
        .filter(step_progress::Column::LearnerId.eq(zoe.id))
        .filter(step_progress::Column::Step.eq(STEPS[2]))
        .count(db)
        .await
        .unwrap();
    assert_eq!(seen, 1);
}

#[tokio::test]
async fn a_step_changed_on_disk_is_never_served_in_its_old_version() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = app.learner_cookie().await;
    let step = format!("{LESSON}/{}", STEPS[2]);
    let before = app.get(&step, Some(&cookie)).await;
    assert!(before.body.contains("Le signe @"));
    let again = app.get(&step, Some(&cookie)).await;
    assert!(again.body.contains("Le signe @"));
    let file = content.path().join("email-la-poste/adresse-enveloppe.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("## Le signe @", "## Le petit signe @")).unwrap();
    app.state.content.reload();
    let after = app.get(&step, Some(&cookie)).await;
    assert!(after.body.contains("Le petit signe @"), "{}", after.body);
}

#[tokio::test]
async fn a_step_answered_before_routing_follows_the_session_and_the_settings_at_once() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let step = format!("{LESSON}/{}", STEPS[2]);
    // Rendered by Leptos (who is signed in is asked from the database), then kept.
    let first = app.get(&step, Some(&cookie)).await;
    assert!(first.body.contains("<li class=\"who\">Jeanne</li>"));
    // Now both the session and the step are in memory: answered before any routing,
    // with the same page and the same headers as every other answer.
    let again = app.get(&step, Some(&cookie)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(steady(&again.body), steady(&first.body));
    for name in [
        "content-type",
        "x-content-type-options",
        "referrer-policy",
        "cache-control",
        "content-security-policy",
    ] {
        // (The policy's nonce is new for every answer.)
        let value = |res: &crate::common::TestResponse| {
            res.headers
                .get(name)
                .map(|v| steady_policy(v.to_str().unwrap()))
        };
        assert_eq!(value(&again), value(&first), "{name}");
    }
    assert!(again.headers.contains_key("content-security-policy"));
    // A browser that accepts gzip gets the same page compressed (kept compressed, with the
    // learner's parts in stored blocks), both before routing and after it.
    for cold in [false, true] {
        if cold {
            app.state.users.clear();
        }
        let zipped = app.get_gzip(&step, &cookie).await;
        assert_eq!(zipped.status, StatusCode::OK);
        assert_eq!(zipped.headers.get("content-encoding").unwrap(), "gzip");
        assert_eq!(zipped.headers.get("vary").unwrap(), "accept-encoding");
        assert!(zipped.headers.contains_key("content-security-policy"));
        assert!(
            zipped.raw.len() < again.raw.len() / 2,
            "{} bytes compressed, {} plain",
            zipped.raw.len(),
            again.raw.len()
        );
        assert_eq!(
            steady(&zipped.gunzip()),
            steady(&first.body),
            "cold: {cold}"
        );
    }

    // A volunteer whose session is in memory never gets a learner's page from memory.
    let staff = app.volunteer_in_memory().await;
    let for_staff = app.get(&step, Some(&staff)).await;
    assert_eq!(for_staff.status, StatusCode::OK);
    for_staff.assert_shows("Camille");
    assert!(!for_staff.body.contains("Jeanne"));

    // New comfort settings show on the very next step.
    let cookie = app.learner_cookie().await;
    app.get(&step, Some(&cookie)).await;
    let res = app
        .save_comfort(&cookie, &[("text_size", "2"), ("contrast", "on")])
        .await;
    assert!(res.status.is_redirection());
    let bigger = app.get(&step, Some(&cookie)).await;
    bigger.assert_shows("<html class=\"texte-tres-grand contraste\"");
    let from_memory = app.get(&step, Some(&cookie)).await;
    assert_eq!(steady(&from_memory.body), steady(&bigger.body));

    // Signing out ends it at once, though the page and the session were both in memory.
    let res = app.post_form("/api/deconnexion", &[], Some(&cookie)).await;
    assert_eq!(res.location(), Some("/connexion?deconnecte=1"));
    let after = app.get(&step, Some(&cookie)).await;
    assert!(!after.body.contains("Jeanne"), "{}", after.body);
    after.assert_shows("Vous avez été déconnecté. Vos progrès sont gardés.");
}

#[tokio::test]
async fn a_wrong_code_or_an_unknown_session_forgets_nobody_s_session() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    assert!(app.get("/", Some(&cookie)).await.body.contains("Jeanne"));
    let staff = app.volunteer_in_memory().await;
    assert_eq!(app.state.users.len(), 2);
    // Anyone can try a code or send a made-up cookie: that must not throw everyone's
    // sessions out of memory (each page would ask the database again).
    let res = app
        .post_form("/api/connexion", &[("code", "ZZZZ-ZZZZ")], None)
        .await;
    assert_eq!(
        res.location(),
        Some("/connexion?erreur=inconnu&saisie=ZZZZ-ZZZZ")
    );
    let res = app.get("/carte/ZZZZZZZZ", None).await;
    assert!(res.status.is_redirection());
    let res = app
        .post_form("/api/deconnexion", &[], Some("pap_session=inconnu"))
        .await;
    assert!(res.status.is_redirection());
    assert_eq!(app.state.users.len(), 2);
    // A real sign-out forgets that session, and only it.
    app.post_form("/api/deconnexion", &[], Some(&cookie)).await;
    assert_eq!(app.state.users.len(), 1);
    assert!(!app.get("/", Some(&cookie)).await.body.contains("Jeanne"));
    app.get("/benevole", Some(&staff))
        .await
        .assert_shows("Camille");
}

/// Ends every session, as an expiry or a sign-out elsewhere does, with the cache cold.
async fn end_sessions(app: &TestApp) {
    auth_session::Entity::delete_many()
        .exec(&app.state.db)
        .await
        .unwrap();
    app.state.users.clear();
}

#[tokio::test]
async fn suivant_after_the_session_ended_asks_for_the_code_then_comes_back_to_the_step() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    app.post_form(
        "/api/confidentialite",
        &[("notes", "oui"), ("back", "/")],
        Some(&cookie),
    )
    .await;
    end_sessions(&app).await;
    let step = format!("{LESSON}/adresse");
    let res = app
        .post_form(
            "/api/suivant",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", "adresse"),
            ],
            Some(&cookie),
        )
        .await;
    let to = res.location().unwrap().to_string();
    assert!(to.starts_with("/connexion?fin=session&suite="), "{to}");
    // Nothing was recorded for a browser nobody is signed in on.
    assert_eq!(
        step_progress::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
    let page = app.get(&to, None).await;
    page.assert_shows("Votre connexion a pris fin.");
    assert!(
        page.body
            .contains(&format!("name=\"suite\" value=\"{step}\"")),
        "{}",
        page.body
    );
    // A wrong code keeps where to come back to; the right one goes there.
    let wrong = app
        .post_form(
            "/api/connexion",
            &[("code", "ABCD-EFGH"), ("suite", &step)],
            None,
        )
        .await;
    assert!(
        wrong.location().unwrap().contains("suite=%2Fmodules"),
        "{:?}",
        wrong.location()
    );
    let right = app
        .post_form(
            "/api/connexion",
            &[("code", "bien venu"), ("suite", &step)],
            None,
        )
        .await;
    assert_eq!(right.location(), Some(step.as_str()));
    // Only local pages: another site is never where a sign-in leads.
    let away = app
        .post_form(
            "/api/connexion",
            &[("code", "BIEN-VENU"), ("suite", "//exemple.fr/piege")],
            None,
        )
        .await;
    assert_eq!(away.location(), Some("/"));
}

#[tokio::test]
async fn a_help_request_typed_when_the_session_ended_is_kept_through_the_sign_in() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    end_sessions(&app).await;
    let res = app
        .post_form(
            "/api/aide",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", "adresse"),
                (
                    "message",
                    "Je ne trouve pas l'arobase & le point</textarea><b>",
                ),
            ],
            Some(&cookie),
        )
        .await;
    let to = res.location().unwrap().to_string();
    assert!(
        to.starts_with("/connexion?fin=session&suite=%2Faide"),
        "{to}"
    );
    let suite: Vec<(String, String)> =
        serde_urlencoded::from_str(to.split_once('?').unwrap().1).unwrap();
    let suite = &suite.iter().find(|(k, _)| k == "suite").unwrap().1;
    let cookie = app.learner_cookie().await;
    let page = app.get(suite, Some(&cookie)).await;
    assert!(
        page.body.contains(
            ">Je ne trouve pas l'arobase &amp; le point&lt;/textarea&gt;&lt;b&gt;</textarea>"
        ),
        "{}",
        page.body
    );
    assert_eq!(
        help_request::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn an_answer_or_a_help_request_sent_twice_is_recorded_once() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let answer = [
        ("module", "email-la-poste"),
        ("lesson", "adresse-enveloppe"),
        ("step", "lire"),
        ("question", "adresse-bien-ecrite"),
        ("reponse", "a"),
    ];
    // A double click, a replayed form, two tabs at once.
    let sends = (0..5).map(|_| app.post_form("/api/repondre", &answer, Some(&cookie)));
    for res in futures_util::future::join_all(sends).await {
        assert!(res.status.is_redirection(), "{}", res.body);
    }
    assert_eq!(
        answer::Entity::find().count(&app.state.db).await.unwrap(),
        1
    );
    // Another choice is another attempt.
    let mut other = answer;
    other[4] = ("reponse", "b");
    app.post_form("/api/repondre", &other, Some(&cookie)).await;
    assert_eq!(
        answer::Entity::find().count(&app.state.db).await.unwrap(),
        2
    );

    let help = [
        ("module", "email-la-poste"),
        ("lesson", "adresse-enveloppe"),
        ("step", "adresse"),
        ("message", "Je suis perdue"),
    ];
    let sends = (0..3).map(|_| app.post_form("/api/aide", &help, Some(&cookie)));
    futures_util::future::join_all(sends).await;
    assert_eq!(
        help_request::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn suivant_sent_twice_from_the_same_screen_counts_its_time_once() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let shown = (app::ssr::db::now() - 30).to_string();
    let form = [
        ("module", "email-la-poste"),
        ("lesson", "adresse-enveloppe"),
        ("step", "adresse"),
        ("shown", shown.as_str()),
    ];
    let sends = (0..6).map(|_| app.post_form("/api/suivant", &form, Some(&cookie)));
    futures_util::future::join_all(sends).await;
    let rows = step_progress::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert!(
        (30..=35).contains(&rows[0].seconds_spent),
        "{}",
        rows[0].seconds_spent
    );
    // The same step shown again later is another visit: its time is added.
    let later = (app::ssr::db::now() - 20).to_string();
    let mut again = form;
    again[3] = ("shown", later.as_str());
    app.post_form("/api/suivant", &again, Some(&cookie)).await;
    let row = step_progress::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        (50..=60).contains(&row.seconds_spent),
        "{}",
        row.seconds_spent
    );
}

#[tokio::test]
async fn suivant_says_the_step_is_saved_on_the_next_screen() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let to = next(&app, &cookie, "adresse-enveloppe", STEPS[0]).await;
    assert_eq!(to, format!("{LESSON}/adresse#enregistre"));
    let page = app.get(&format!("{LESSON}/adresse"), Some(&cookie)).await;
    assert!(
        page.body.contains("<p id=\"enregistre\" role=\"status\" class=\"message success saved-note\">C'est enregistré.</p>"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn saying_no_to_notes_erases_those_already_written_and_no_answer_is_not_a_yes() {
    let app = TestApp::new().await;
    let volunteer = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let id = app.demo_learner_id().await;
    // A volunteer writes a note before the learner ever signed in.
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("single", &id.to_string()),
                ("learner", &id.to_string()),
                ("date", &today()),
                ("kind", "domicile"),
                ("place", "Chez elle"),
                ("minutes", "60"),
                ("topics", "L'e-mail"),
                ("note", "Une remarque personnelle"),
            ],
            Some(&volunteer),
        )
        .await;
    assert!(res.status.is_redirection(), "{}", res.body);
    assert_eq!(
        visit::Entity::find()
            .filter(visit::Column::Note.is_not_null())
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
    let cookie = app.learner_cookie().await;
    // Nothing chosen: asked again, and consent stays unknown.
    let none = app
        .post_form("/api/confidentialite", &[("back", "/")], Some(&cookie))
        .await;
    assert!(
        none.location()
            .unwrap()
            .starts_with("/bienvenue?erreur=choix"),
        "{:?}",
        none.location()
    );
    let learner = learner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(learner.notes_consent, None);
    let page = app.get(none.location().unwrap(), Some(&cookie)).await;
    page.assert_shows("Choisissez « oui » ou « non »");
    assert!(
        !page.body.contains("checked"),
        "an answer is chosen for her"
    );
    // "Non": the note written before is erased.
    app.post_form(
        "/api/confidentialite",
        &[("notes", "non"), ("back", "/")],
        Some(&cookie),
    )
    .await;
    let visits = visit::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(visits.len(), 1, "the session itself is kept");
    assert_eq!(visits[0].note, None);
}

#[tokio::test]
async fn saves_are_durable_sqlite_runs_in_wal_mode_with_full_synchronous_writes() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = TestApp::new().await;
    if app.state.db.get_database_backend() != DbBackend::Sqlite {
        return; // PostgreSQL commits are durable by default (synchronous_commit = on).
    }
    for (pragma, expected) in [("journal_mode", "wal"), ("synchronous", "2")] {
        let row = app
            .state
            .db
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                format!("PRAGMA {pragma}"),
            ))
            .await
            .unwrap()
            .unwrap();
        let value = row
            .try_get_by_index::<String>(0)
            .or_else(|_| row.try_get_by_index::<i64>(0).map(|v| v.to_string()))
            .unwrap();
        assert_eq!(value, expected, "PRAGMA {pragma}");
    }
}

fn today() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}",
        now.year(),
        u8::from(now.month()),
        now.day()
    )
}

#[tokio::test]
async fn the_end_question_skipped_at_the_last_lesson_is_asked_again_on_the_module_page() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let catalog = app.state.content.get();
    let module = catalog.module("email-la-poste").unwrap();
    for lesson in module.published_lessons() {
        for step in &lesson.steps {
            let res = app
                .post_form(
                    "/api/suivant",
                    &[
                        ("module", "email-la-poste"),
                        ("lesson", &lesson.slug),
                        ("step", &step.slug),
                    ],
                    Some(&cookie),
                )
                .await;
            assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
        }
    }
    // The learner left the last "Bravo" page without answering: the module page asks.
    let page = app.get("/modules/email-la-poste", Some(&cookie)).await;
    assert!(
        page.body.contains("name=\"moment\" value=\"fin\""),
        "{}",
        page.body
    );
    app.post_form(
        "/api/confiance",
        &[
            ("module", "email-la-poste"),
            ("moment", "fin"),
            ("level", "2"),
            ("back", "/modules/email-la-poste"),
        ],
        Some(&cookie),
    )
    .await;
    let page = app.get("/modules/email-la-poste", Some(&cookie)).await;
    assert!(!page.body.contains("name=\"moment\""), "{}", page.body);
    assert_eq!(
        confidence::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
}

// --- Shared PCs (a library, an association): sessions end, old tabs save nothing ---------

/// Jeanne's learner session row.
async fn jeanne_session(app: &TestApp) -> auth_session::Model {
    let id = app.demo_learner_id().await;
    auth_session::Entity::find()
        .filter(auth_session::Column::LearnerId.eq(id))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a session")
}

async fn set_session_end(app: &TestApp, expires_at: i64) {
    use sea_orm::sea_query::Expr;
    auth_session::Entity::update_many()
        .col_expr(auth_session::Column::ExpiresAt, Expr::value(expires_at))
        .filter(auth_session::Column::LearnerId.is_not_null())
        .exec(&app.state.db)
        .await
        .unwrap();
    // Who is behind a session is trusted in memory for 30 s at most: as when time passed.
    app.state.users.clear();
}

#[tokio::test]
async fn a_learner_session_ends_after_four_hours_without_activity() {
    use app::ssr::identity::LEARNER_IDLE_SECS;
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let step = format!("{LESSON}/{}", STEPS[1]);
    app.get(&step, Some(&cookie)).await.assert_shows("Jeanne");
    let now = app::ssr::db::now();
    let ends = jeanne_session(&app).await.expires_at;
    assert!(
        (now + LEARNER_IDLE_SECS - 60..=now + LEARNER_IDLE_SECS + 60).contains(&ends),
        "the session ends in {} s",
        ends - now
    );
    // Four hours without activity: the session is over, from the database and from memory.
    set_session_end(&app, now - 1).await;
    let home = app.get("/", Some(&cookie)).await;
    assert!(!home.body.contains("Bonjour Jeanne"), "{}", home.body);
    home.assert_shows("Vous avez été déconnecté");
    for _ in 0..2 {
        let page = app.get_gzip(&step, &cookie).await;
        assert!(!page.body.contains("Jeanne") && !page.gunzip().contains("Jeanne"));
    }
}

#[tokio::test]
async fn activity_keeps_a_learner_session_open_and_old_long_sessions_are_shortened() {
    use app::ssr::identity::LEARNER_IDLE_SECS;
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    // Three hours without activity, then a page: four more hours from now.
    let now = app::ssr::db::now();
    set_session_end(&app, now + 3600).await;
    app.get("/", Some(&cookie))
        .await
        .assert_shows("Bonjour Jeanne");
    let ends = jeanne_session(&app).await.expires_at;
    assert!(ends >= now + LEARNER_IDLE_SECS - 60, "{}", ends - now);
    // A session made before idle sessions ended (weeks ahead) ends four hours after its
    // next use.
    set_session_end(&app, now + 30 * 86400).await;
    app.get("/", Some(&cookie))
        .await
        .assert_shows("Bonjour Jeanne");
    let ends = jeanne_session(&app).await.expires_at;
    assert!(
        ends <= app::ssr::db::now() + LEARNER_IDLE_SECS,
        "{}",
        ends - now
    );
}

#[tokio::test]
async fn the_learner_s_sign_out_says_plainly_that_it_ends_the_session() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let home = app.get("/", Some(&cookie)).await;
    home.assert_shows("Terminer et me déconnecter");
    assert!(
        !home.body.contains("Ce n&#x27;est pas moi") && !home.body.contains("Ce n'est pas moi")
    );
}

#[tokio::test]
async fn a_previous_learner_s_tabs_never_save_into_the_next_learner_s_account() {
    let app = TestApp::new().await;
    let jeanne = app.learner_cookie().await;
    let jeanne_id = app.demo_learner_id().await.to_string();
    // Jeanne's tabs, left open: every form in them says it is Jeanne's page (a cached step
    // too, its template made for her).
    let cached_step = format!("{LESSON}/{}", STEPS[1]);
    for page in [
        format!("{LESSON}/{}", STEPS[0]),
        cached_step.clone(),
        cached_step.clone(),
        format!("{LESSON}/lire"),
        "/aide?module=email-la-poste&lesson=adresse-enveloppe&step=lire".to_string(),
        "/mes-donnees".to_string(),
        "/bienvenue".to_string(),
        "/confort".to_string(),
    ] {
        let res = app.get(&page, Some(&jeanne)).await;
        let owners: Vec<&str> = res
            .body
            .match_indices("name=\"owner\"")
            .map(|(i, _)| &res.body[i..])
            .collect();
        assert!(
            !owners.is_empty(),
            "no owner field on {page}:\n{}",
            res.body
        );
        let forms = res.body.matches("method=\"post\"").count()
            - res.body.matches("/api/deconnexion").count();
        assert_eq!(owners.len(), forms, "a form without its owner on {page}");
        assert_eq!(
            crate::common::owner_in(&res.body).as_deref(),
            Some(jeanne_id.as_str()),
            "{page}"
        );
    }
    // She ends her session; Bernard signs in on the same PC.
    app.post_form("/api/deconnexion", &[], Some(&jeanne)).await;
    let (bernard, bernard_id) = app.another_learner("Bernard").await;
    // The cached step, asked for by Bernard, is his.
    let his = app.get(&cached_step, Some(&bernard)).await;
    assert_eq!(
        crate::common::owner_in(&his.body),
        Some(bernard_id.to_string())
    );

    // Jeanne's old tabs post their forms.
    let place = [
        ("module", "email-la-poste"),
        ("lesson", "adresse-enveloppe"),
    ];
    let forms: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/api/suivant", vec![("step", STEPS[1]), ("shown", "1")]),
        (
            "/api/repondre",
            vec![
                ("step", "lire"),
                ("question", "adresse-bien-ecrite"),
                ("reponse", "a"),
            ],
        ),
        (
            "/api/aide",
            vec![("step", "lire"), ("message", "Je ne trouve pas le @")],
        ),
        (
            "/api/confiance",
            vec![("moment", "debut"), ("level", "0"), ("back", "/")],
        ),
        (
            "/api/confidentialite",
            vec![("notes", "non"), ("back", "/")],
        ),
        (
            "/api/confort",
            vec![("text_size", "2"), ("contrast", "oui"), ("back", "/")],
        ),
        ("/api/supprimer-mon-compte", vec![("confirm", "oui")]),
    ];
    for (path, fields) in forms {
        let mut form: Vec<(&str, &str)> = place.to_vec();
        form.extend(fields);
        form.push(("owner", &jeanne_id));
        let res = app.post_form(path, &form, Some(&bernard)).await;
        assert_eq!(
            res.location(),
            Some("/pas-enregistre"),
            "{path}: {}",
            res.body
        );
        assert!(res.session_cookie().is_none(), "{path}");
    }
    // Nothing reached Bernard's account.
    let db = &app.state.db;
    let b = learner::Entity::find_by_id(bernard_id)
        .one(db)
        .await
        .unwrap()
        .expect("Bernard's account is still there");
    assert_eq!(
        (
            b.text_size,
            b.high_contrast,
            b.privacy_seen_at,
            b.notes_consent
        ),
        (0, false, None, None)
    );
    let mine = |n: u64, what: &str| assert_eq!(n, 0, "{what} saved in Bernard's account");
    mine(
        step_progress::Entity::find()
            .filter(step_progress::Column::LearnerId.eq(bernard_id))
            .count(db)
            .await
            .unwrap(),
        "a step",
    );
    mine(
        answer::Entity::find()
            .filter(answer::Column::LearnerId.eq(bernard_id))
            .count(db)
            .await
            .unwrap(),
        "an answer",
    );
    mine(
        help_request::Entity::find()
            .filter(help_request::Column::LearnerId.eq(bernard_id))
            .count(db)
            .await
            .unwrap(),
        "a help request",
    );
    mine(
        confidence::Entity::find()
            .filter(confidence::Column::LearnerId.eq(bernard_id))
            .count(db)
            .await
            .unwrap(),
        "a confidence",
    );
    // The page says so, and leads to Bernard's own place.
    let page = app.get("/pas-enregistre", Some(&bernard)).await;
    page.assert_shows("Rien n'a été enregistré");
    page.assert_shows("ouverte par une autre personne");
    page.assert_shows("Bernard");
    page.assert_shows("href=\"/\"");
    page.assert_shows("Aller à ma page");
    // Bernard's own forms still save.
    let own = bernard_id.to_string();
    let mut form: Vec<(&str, &str)> = place.to_vec();
    form.extend([("step", STEPS[1]), ("shown", "1"), ("owner", own.as_str())]);
    let res = app.post_form("/api/suivant", &form, Some(&bernard)).await;
    assert!(
        res.location().unwrap().starts_with(LESSON),
        "{:?}",
        res.location()
    );
    assert_eq!(
        step_progress::Entity::find()
            .filter(step_progress::Column::LearnerId.eq(bernard_id))
            .count(db)
            .await
            .unwrap(),
        1
    );
}

/// "Mes données" holds everything kept about the learner: the call that brought them,
/// their appointments (alone or in a group), their diagnostics, their follow-up answers
/// and the days someone said they would call back — in the JSON and in the spreadsheet.
#[tokio::test]
async fn my_data_has_the_call_appointments_diagnostic_follow_up_and_recall() {
    use app::ssr::db::entities::{
        appointment, diagnostic, diagnostic_answer, diagnostic_lesson, follow_up_answer, help_call,
        recontact, staff,
    };
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let me = learner::Entity::find_by_id(app.demo_learner_id().await)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let camille = staff::Entity::find()
        .filter(staff::Column::Username.eq("demo.benevole"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let db = &app.state.db;
    let call = help_call::ActiveModel {
        structure_id: Set(me.structure_id),
        learner_id: Set(me.id),
        first_name: Set(me.first_name.clone()),
        reach: Set("telephone".into()),
        phone: Set("06 12 34 56 78".into()),
        postcode: Set("64160".into()),
        commune: Set("Morlaàs".into()),
        needs: Set("email".into()),
        note: Set("Préfère le matin".into()),
        availability: Set("Le mardi".into()),
        waiting: Set(false),
        created_by: Set(camille.id),
        created_at: Set(1_780_000_000),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    appointment::ActiveModel {
        structure_id: Set(me.structure_id),
        staff_id: Set(camille.id),
        kind: Set("domicile".into()),
        day: Set("2026-06-02".into()),
        start_minute: Set(9 * 60),
        end_minute: Set(10 * 60),
        holds_slot: Set(Some(true)),
        learner_id: Set(Some(me.id)),
        call_id: Set(Some(call.id)),
        commune: Set("Morlaàs".into()),
        status: Set("venu".into()),
        created_by: Set(camille.id),
        created_at: Set(1_780_000_000),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let taken = diagnostic::ActiveModel {
        structure_id: Set(me.structure_id),
        learner_id: Set(me.id),
        staff_id: Set(Some(camille.id)),
        taken_at: Set(1_780_100_000),
        path_saved_at: Set(Some(1_780_100_000)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    diagnostic_answer::ActiveModel {
        diagnostic_id: Set(taken.id),
        question: Set("appareil-a-soi".into()),
        answer: Set("partage".into()),
        text: Set(String::new()),
    }
    .insert(db)
    .await
    .unwrap();
    diagnostic_lesson::ActiveModel {
        diagnostic_id: Set(taken.id),
        position: Set(0),
        module: Set("arnaques".into()),
        lesson: Set("mot-de-passe-secret".into()),
        because: Set("Sur un appareil partagé".into()),
    }
    .insert(db)
    .await
    .unwrap();
    follow_up_answer::ActiveModel {
        learner_id: Set(me.id),
        wave: Set("3-mois".into()),
        answered_how: Set("telephone".into()),
        staff_id: Set(Some(camille.id)),
        learned: Set(Some("oui".into())),
        less_apprehensive: Set(Some("nsp".into())),
        did_alone: Set(None),
        recommend: Set(Some("oui".into())),
        what_changed: Set("J'écris à ma fille".into()),
        answered_at: Set(1_790_000_000),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    recontact::ActiveModel {
        structure_id: Set(me.structure_id),
        learner_id: Set(me.id),
        day: Set("2026-09-15".into()),
        created_by: Set(camille.id),
        created_at: Set(1_790_000_000),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();

    let json = app.get("/mes-donnees.json", Some(&cookie)).await;
    assert_eq!(json.status, StatusCode::OK);
    let data: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(data["calls"][0]["phone"], "06 12 34 56 78");
    assert_eq!(data["calls"][0]["note"], "Préfère le matin");
    assert_eq!(data["appointments"][0]["day"], "2026-06-02");
    assert_eq!(data["appointments"][0]["status"], "venu");
    assert_eq!(
        data["diagnostics"][0]["answers"][0]["question"],
        "L'appareil est-il à elle ?"
    );
    assert_eq!(
        data["diagnostics"][0]["answers"][0]["answer"],
        "Il est partagé (famille, médiathèque, voisin)"
    );
    assert_eq!(
        data["diagnostics"][0]["path"][0]["lesson"],
        "mot-de-passe-secret"
    );
    assert_eq!(data["follow_up"][0]["learned"], "oui");
    assert_eq!(data["follow_up"][0]["what_changed"], "J'écris à ma fille");
    assert_eq!(data["recontacts"][0]["day"], "2026-09-15");

    let csv = app.get("/mes-donnees.csv", Some(&cookie)).await;
    for expected in [
        "appel;",
        "téléphone : 06 12 34 56 78 / commune : Morlaàs / disponibilités : Le mardi / note : Préfère le matin",
        "rendez-vous;2 juin 2026;;;;9 h – 10 h, Visite à domicile (Morlaàs) : venu",
        "diagnostic;",
        "L'appareil est-il à elle ? : Il est partagé (famille, médiathèque, voisin)",
        "leçon proposée au diagnostic;",
        "questionnaire de suivi;",
        "Avez-vous appris quelque chose de nouveau ? Oui",
        "ce qui a changé : J'écris à ma fille",
        "à rappeler;15 septembre 2026",
    ] {
        assert!(csv.body.contains(expected), "{expected}\n{}", csv.body);
    }
}

/// A step already kept in memory (`step_cache`), asked for by someone whose session is not
/// in memory: looked up in front of the router, answered as the router would answer.
#[tokio::test]
async fn a_kept_step_asked_for_after_the_session_ended_says_so_as_the_router_does() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let step = format!("{LESSON}/arobase");
    for _ in 0..2 {
        let page = app.get(&step, Some(&cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    }
    // Only the cache of sessions forgotten: looked up again, the same page.
    app.state.users.clear();
    let again = app.get(&step, Some(&cookie)).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert!(again.body.contains("Jeanne"), "{}", again.body);

    end_sessions(&app).await;
    let ended = app.get(&step, Some(&cookie)).await;
    // As for a step never shown (not kept: the router answers).
    let not_kept = app.get(&format!("{LESSON}/lire"), Some(&cookie)).await;
    assert_eq!(ended.status, not_kept.status, "{}", ended.body);
    assert_eq!(ended.location(), not_kept.location());
    let cleared = ended
        .set_cookie("pap_session")
        .expect("the ended session's cookie is cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert!(!ended.body.contains("Jeanne"), "{}", ended.body);
    // The router's page: it says the session ended.
    let notice = r#"<p role="status" class="message notice">"#;
    assert!(ended.body.contains(notice), "{}", ended.body);
    assert!(not_kept.body.contains(notice), "{}", not_kept.body);
}

/// A member of staff on a step kept in memory gets what they got before it was kept.
#[tokio::test]
async fn a_kept_step_asked_for_by_staff_goes_to_the_router() {
    let app = TestApp::new().await;
    let learner = app.learner_cookie().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let step = format!("{LESSON}/arobase");
    let before = app.get(&step, Some(&staff)).await;
    for _ in 0..2 {
        let page = app.get(&step, Some(&learner)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    }
    for forgotten in [false, true] {
        if forgotten {
            app.state.users.clear();
        }
        let after = app.get(&step, Some(&staff)).await;
        assert_eq!(after.status, before.status, "{}", after.body);
        assert_eq!(after.location(), before.location());
        assert!(!after.body.contains("Jeanne"), "{}", after.body);
    }
}
