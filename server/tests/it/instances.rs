//! Several instances of the server on one database, as behind a load balancer (issue 18):
//! requests alternate between two instances (two states, two routers, each with its own
//! caches) and nothing is lost, doubled or stale. Drafts, one-time tokens, links shown
//! once and exercise states live in the database: checked on SQLite and PostgreSQL. The
//! caches of users are told of each other's changes on PostgreSQL only (SQLite runs one
//! instance): those tests need `PAP_TEST_POSTGRES`.

use crate::common::{ORIGIN, TestApp, hidden_value};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::ssr::db::entities::{invitation, learner, visit};

/// Two instances on one fresh database.
async fn two_instances() -> (TestApp, TestApp) {
    let a = TestApp::new().await;
    let b = a.another_instance().await;
    (a, b)
}

/// Whether the tests run against PostgreSQL, where several instances share the caches'
/// changes. SQLite serves one instance: there, a cache is invalidated where the change is
/// made, which the other tests cover.
fn on_postgres() -> bool {
    let yes = std::env::var("PAP_TEST_POSTGRES").is_ok();
    if !yes {
        eprintln!("several instances share caches on PostgreSQL only: set PAP_TEST_POSTGRES");
    }
    yes
}

fn today() -> String {
    app::text::dates::today_iso(app::ssr::db::now())
}

fn path_of(location: Option<&str>) -> String {
    location
        .expect("a redirect")
        .split('#')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_session_form_with_errors_comes_back_on_the_other_instance_and_is_saved_there() {
    let (a, b) = two_instances().await;
    let staff = a.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let id = a.demo_learner_id().await.to_string();
    let page = format!("/benevole/apprenants/{id}/seance");
    let once = a.form_token(&page, &staff).await;
    let date = today();
    let mut form = vec![
        ("once", once.as_str()),
        ("learner", id.as_str()),
        ("single", id.as_str()),
        ("date", date.as_str()),
        ("kind", "domicile"),
        ("minutes", "0"),
        ("topics", "Les pièces jointes, pas à pas"),
    ];
    let res = a.post_form("/api/seance", &form, Some(&staff)).await;
    let back = path_of(res.location());
    assert!(back.contains("brouillon="), "{back}");
    // The next request goes to the other instance: the form is there as typed.
    let shown = b.get(&back, Some(&staff)).await;
    shown.assert_shows("Les pièces jointes, pas à pas");
    shown.assert_shows("La durée doit être entre 5 minutes et 600 minutes");
    // Another volunteer with the key gets nothing.
    let (alex, _) = a.other_structure().await;
    let theirs = b
        .get(
            &format!("/benevole/atelier?{}", back.split('?').nth(1).unwrap()),
            Some(&alex),
        )
        .await;
    assert!(!theirs.body.contains("Les pièces jointes, pas à pas"));
    // Fixed, and sent with the token of the page shown (refused forms free their token).
    let again = hidden_value(&shown.body, "once").expect("a token");
    form[0].1 = again.as_str();
    form[5].1 = "45";
    let res = b.post_form("/api/seance", &form, Some(&staff)).await;
    let saved = visit::Entity::find()
        .one(&a.state.db)
        .await
        .unwrap()
        .expect("saved");
    assert_eq!(
        res.location(),
        Some(format!("/benevole/seances/{}", saved.id).as_str())
    );
    assert_eq!(saved.duration_minutes, 45);
}

#[tokio::test]
async fn the_same_session_form_posted_to_both_instances_saves_one_session() {
    let (a, b) = two_instances().await;
    let staff = a.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let id = a.demo_learner_id().await.to_string();
    let once = a
        .form_token(&format!("/benevole/apprenants/{id}/seance"), &staff)
        .await;
    let date = today();
    let form = [
        ("once", once.as_str()),
        ("learner", id.as_str()),
        ("single", id.as_str()),
        ("date", date.as_str()),
        ("kind", "domicile"),
        ("minutes", "60"),
    ];
    // At the same time on both, then once more on each (a reload).
    let (first, second) = tokio::join!(
        a.post_form("/api/seance", &form, Some(&staff)),
        b.post_form("/api/seance", &form, Some(&staff))
    );
    let third = b.post_form("/api/seance", &form, Some(&staff)).await;
    let fourth = a.post_form("/api/seance", &form, Some(&staff)).await;
    assert_eq!(visit::Entity::find().count(&a.state.db).await.unwrap(), 1);
    let saved = visit::Entity::find()
        .one(&a.state.db)
        .await
        .unwrap()
        .unwrap();
    let to = format!("/benevole/seances/{}", saved.id);
    for res in [first, second, third, fourth] {
        assert_eq!(res.location(), Some(to.as_str()), "{}", res.body);
    }
}

#[tokio::test]
async fn an_invitation_link_is_shown_on_the_other_instance_and_made_once() {
    let (a, b) = two_instances().await;
    let sacha = a.staff_cookie("demo.coordination", "demo-pas-a-pas").await;
    let once = b.form_token("/benevole/equipe", &sacha).await;
    let form = [
        ("name", "Mona"),
        ("volunteer", "oui"),
        ("once", once.as_str()),
    ];
    let (first, second) = tokio::join!(
        a.post_form("/api/equipe/inviter", &form, Some(&sacha)),
        b.post_form("/api/equipe/inviter", &form, Some(&sacha))
    );
    assert_eq!(first.status, StatusCode::FOUND, "{}", first.body);
    // One invitation, and both answers show its link.
    assert_eq!(
        invitation::Entity::find().count(&a.state.db).await.unwrap(),
        1
    );
    assert_eq!(first.location(), second.location());
    let on_b = b.link_token(&first, &sacha).await;
    let on_a = a.link_token(&second, &sacha).await;
    assert_eq!(on_a, on_b);
    // The link works (on either instance).
    b.get(&format!("/invitation/{on_b}"), None)
        .await
        .assert_shows("Mona");
    // The link shown once is the coordinator's only.
    let camille = a.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let to = path_of(first.location());
    let other = b.get(&to, Some(&camille)).await;
    assert!(!other.body.contains(&on_b));
}

#[tokio::test]
async fn an_editor_draft_is_found_on_the_other_instance() {
    let (a, b) = two_instances().await;
    let trainer = a.staff_cookie("demo.formateur", "demo-pas-a-pas").await;
    let file = "email-la-poste/adresse-enveloppe.md";
    let base = app::ssr::services::authoring::read(&a.state.content, file)
        .unwrap()
        .hash;
    let text = "+++\ntitle = \"Un brouillon venu de A\"\n+++\n## Début {#debut}\n\nTexte.\n";
    let res = a
        .post_form(
            "/api/formateur/enregistrer",
            &[
                ("file", file),
                ("text", text),
                ("base", &base),
                ("action", "apercu"),
            ],
            Some(&trainer),
        )
        .await;
    let to = path_of(res.location());
    assert!(to.contains("brouillon="), "{to}");
    let page = b.get(&to, Some(&trainer)).await;
    page.assert_shows("Un brouillon venu de A");
    // Another trainer with the key gets nothing (a draft of a member of staff is theirs).
    let structure =
        app::ssr::services::accounts::find_staff_by_username(&a.state.db, "demo.formateur")
            .await
            .unwrap()
            .unwrap()
            .structure_id;
    app::ssr::services::accounts::create_staff(
        &a.state.db,
        &a.state.passwords,
        structure,
        "autre.formateur",
        "Claude",
        "un mot de passe long",
        app::ssr::services::accounts::Roles {
            trainer: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let claude = b
        .staff_cookie("autre.formateur", "un mot de passe long")
        .await;
    let theirs = b.get(&to, Some(&claude)).await;
    assert!(!theirs.body.contains("Un brouillon venu de A"));
}

/// Posts a multipart form to `/exercice`, as a browser does.
async fn exercise(app: &TestApp, cookie: &str, fields: &[(&str, &str)]) -> String {
    let boundary = "----pasapasboundary";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let req = Request::post("/exercice")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location().unwrap().to_string()
}

#[tokio::test]
async fn an_exercise_state_is_found_on_the_other_instance_by_its_learner_only() {
    let (a, b) = two_instances().await;
    let jeanne = a.learner_cookie().await;
    let to = exercise(
        &a,
        &jeanne,
        &[
            ("module", "piece-jointe"),
            ("lesson", "joindre-un-fichier"),
            ("step", "a-vous-envoyer-une-photo"),
            ("ex", "envoyer-une-photo"),
            ("a", "marie.dupont@exemple.fr"),
            ("objet", ""),
            ("texte", "Un message tapé sur A"),
        ],
    )
    .await;
    assert!(to.contains("etat="), "{to}");
    let path = to.split('#').next().unwrap();
    // The message typed stays on the server, and the other instance shows it.
    b.get(path, Some(&jeanne))
        .await
        .assert_shows("Un message tapé sur A");
    // Another learner with the same address sees nothing of it.
    let staff = a.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let once = a.form_token("/benevole/apprenants/nouveau", &staff).await;
    let res = a
        .post_form(
            "/api/benevole/nouvel-apprenant",
            &[("first_name", "Paulette"), ("once", &once)],
            Some(&staff),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let paulette = learner::Entity::find()
        .filter(learner::Column::FirstName.eq("Paulette"))
        .one(&a.state.db)
        .await
        .unwrap()
        .unwrap();
    let other = b.learner_cookie_for(&paulette.code).await;
    let page = b.get(path, Some(&other)).await;
    assert!(!page.body.contains("Un message tapé sur A"));
}

#[tokio::test]
async fn a_gesture_page_rendered_by_one_instance_counts_on_the_other() {
    let content = crate::common::content_copy();
    std::fs::write(
        content.path().join("virus/souris-test.md"),
        "+++\ntitle = \"Souris\"\nweight = 99\n+++\n## Intro {#intro}\n\nBonjour.\n\n\
         ## La souris {#souris}\n\nCliquez.\n\n```exercice souris {#gestes}\n\
         gestes = [\"clic\"]\n```\n",
    )
    .unwrap();
    let a = TestApp::with_content(content.path()).await;
    let b = a.another_instance().await;
    let jeanne = a.learner_cookie().await;
    let page = a
        .get("/modules/virus/souris-test/souris", Some(&jeanne))
        .await;
    let token = hidden_value(&page.body, "jeton").expect("a token");
    assert!(!token.is_empty());
    let fields = |token: &'static str| {
        [
            ("module", "virus"),
            ("lesson", "souris-test"),
            ("step", "souris"),
            ("ex", "gestes"),
            ("geste", "clic"),
            ("jeton", token),
        ]
    };
    let token: &'static str = token.leak();
    let to = exercise(&b, &jeanne, &fields(token)).await;
    assert!(to.contains("reussi=1"), "{to}");
    let to = exercise(&b, &jeanne, &fields("invente")).await;
    assert!(to.contains("reussi=perime"), "{to}");
}

#[tokio::test]
async fn a_learner_created_twice_with_one_token_is_one_account_and_two_maries_are_two() {
    let (a, b) = two_instances().await;
    let staff = a.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let once = a.form_token("/benevole/apprenants/nouveau", &staff).await;
    let form = [("first_name", "Marie"), ("once", once.as_str())];
    let (first, second) = tokio::join!(
        a.post_form("/api/benevole/nouvel-apprenant", &form, Some(&staff)),
        b.post_form("/api/benevole/nouvel-apprenant", &form, Some(&staff))
    );
    let maries = || async {
        learner::Entity::find()
            .filter(learner::Column::FirstName.eq("Marie"))
            .all(&a.state.db)
            .await
            .unwrap()
    };
    let one = maries().await;
    assert_eq!(one.len(), 1);
    let card = format!("/benevole/apprenants/{}/carte?nouveau=1", one[0].id);
    assert_eq!(first.location(), Some(card.as_str()));
    assert_eq!(second.location(), Some(card.as_str()));
    // Both answers show her code (on either instance).
    let code = &one[0].code;
    let printed = app::ssr::auth::format_code(code);
    b.get(&card, Some(&staff)).await.assert_shows(&printed);
    // A second Marie at the same workshop, a minute later: a new form, a new account.
    let once = b.form_token("/benevole/apprenants/nouveau", &staff).await;
    let res = b
        .post_form(
            "/api/benevole/nouvel-apprenant",
            &[("first_name", "Marie"), ("once", &once)],
            Some(&staff),
        )
        .await;
    let two = maries().await;
    assert_eq!(two.len(), 2);
    assert_ne!(two[0].code, two[1].code);
    let card = format!("/benevole/apprenants/{}/carte?nouveau=1", two[1].id);
    assert_eq!(res.location(), Some(card.as_str()));
}

#[tokio::test]
async fn a_lesson_created_from_one_form_sent_to_both_instances_is_one_lesson() {
    let content = crate::common::content_copy();
    let a = TestApp::with_content(content.path()).await;
    let b = a.another_instance().await;
    let trainer = a.staff_cookie("demo.formateur", "demo-pas-a-pas").await;
    let once = a.form_token("/formateur", &trainer).await;
    let form = [
        ("module", "virus"),
        ("title", "Une leçon nouvelle"),
        ("once", once.as_str()),
    ];
    let first = a
        .post_form("/api/formateur/creer", &form, Some(&trainer))
        .await;
    let second = b
        .post_form("/api/formateur/creer", &form, Some(&trainer))
        .await;
    assert_eq!(first.status, StatusCode::FOUND, "{}", first.body);
    assert_eq!(first.location(), second.location());
    // Lessons created in the browser are revisions in the database (every instance's).
    let exists = async |file: &str| {
        app::ssr::services::authoring::file_state(&b.state.db, &b.state.content, file)
            .await
            .unwrap()
            .current()
            .is_some()
    };
    assert!(
        exists("virus/une-lecon-nouvelle.md").await,
        "{:?}",
        first.location()
    );
    assert!(!exists("virus/une-lecon-nouvelle-2.md").await);
}

#[tokio::test]
async fn drafts_and_tokens_expire_and_are_purged() {
    let (a, _b) = two_instances().await;
    let staff = a.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let id = a.demo_learner_id().await.to_string();
    let res = a
        .post_form(
            "/api/seance",
            &[("learner", &id), ("single", &id), ("minutes", "0")],
            Some(&staff),
        )
        .await;
    let back = path_of(res.location());
    let db = &a.state.db;
    db.execute_unprepared("UPDATE kept_draft SET expires_at = 0")
        .await
        .unwrap();
    let page = a.get(&back, Some(&staff)).await;
    assert!(!page.body.contains("La durée doit être"));
    assert!(app::ssr::drafts::purge_expired(db).await.unwrap() >= 1);
}

// Caches of users across instances (PostgreSQL).

#[tokio::test]
async fn sign_out_on_one_instance_is_refused_on_the_other_at_once() {
    if !on_postgres() {
        return;
    }
    let (a, b) = two_instances().await;
    let jeanne = a.learner_cookie().await;
    let step = "/modules/email-la-poste/adresse-enveloppe/adresse";
    // B knows who she is, and keeps her step page.
    b.get(step, Some(&jeanne)).await.assert_shows("Jeanne");
    b.get(step, Some(&jeanne)).await.assert_shows("Jeanne");
    let res = a.post_form("/api/deconnexion", &[], Some(&jeanne)).await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    // The very next request, on B: signed out.
    let page = b.get(step, Some(&jeanne)).await;
    assert!(!page.body.contains("Jeanne"), "{}", page.body);
    let home = b.get("/", Some(&jeanne)).await;
    assert!(!home.body.contains("Bonjour Jeanne"), "{}", home.body);
}

#[tokio::test]
async fn a_volunteer_disabled_on_one_instance_is_refused_on_the_other_at_once() {
    if !on_postgres() {
        return;
    }
    let (a, b) = two_instances().await;
    let camille = b.volunteer_in_memory().await;
    let sacha = a.staff_cookie("demo.coordination", "demo-pas-a-pas").await;
    let camille_id =
        app::ssr::services::accounts::find_staff_by_username(&a.state.db, "demo.benevole")
            .await
            .unwrap()
            .unwrap()
            .id;
    let res = a
        .post_form(
            "/api/equipe/desactiver",
            &[("id", &camille_id.to_string())],
            Some(&sacha),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let page = b.get("/benevole", Some(&camille)).await;
    assert!(!page.body.contains("Camille"), "{}", page.body);
    // Nor can she log a session there.
    let id = a.demo_learner_id().await.to_string();
    let date = today();
    let res = b
        .post_form(
            "/api/seance",
            &[
                ("learner", id.as_str()),
                ("single", id.as_str()),
                ("date", date.as_str()),
                ("kind", "domicile"),
                ("minutes", "30"),
            ],
            Some(&camille),
        )
        .await;
    assert_eq!(res.location(), Some("/benevole/connexion"));
    assert_eq!(visit::Entity::find().count(&a.state.db).await.unwrap(), 0);
}

#[tokio::test]
async fn a_replaced_code_ends_the_learner_s_session_on_every_instance_at_once() {
    if !on_postgres() {
        return;
    }
    let (a, b) = two_instances().await;
    let jeanne = a.learner_cookie().await;
    b.get("/", Some(&jeanne)).await.assert_shows("Jeanne");
    let staff = a.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let id = a.demo_learner_id().await;
    let res = a
        .post_form(
            "/api/benevole/nouveau-code",
            &[("id", &id.to_string())],
            Some(&staff),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let home = b.get("/", Some(&jeanne)).await;
    assert!(!home.body.contains("Jeanne"), "{}", home.body);
}

#[tokio::test]
async fn comfort_chosen_on_one_instance_shows_on_the_other() {
    if !on_postgres() {
        return;
    }
    let (a, b) = two_instances().await;
    let jeanne = a.learner_cookie().await;
    let step = "/modules/email-la-poste/adresse-enveloppe/adresse";
    let page = b.get(step, Some(&jeanne)).await;
    assert!(!page.body.contains("texte-tres-grand"));
    let res = a.save_comfort(&jeanne, &[("text_size", "2")]).await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    // B's next page, without the comfort cookie: the account's settings.
    let page = b.get(step, Some(&jeanne)).await;
    assert!(
        page.body.contains("<html class=\"texte-tres-grand\""),
        "{}",
        &page.body[..300.min(page.body.len())]
    );
}

#[tokio::test]
async fn with_the_notifications_cut_nothing_stale_is_served() {
    if !on_postgres() {
        return;
    }
    let (a, b) = two_instances().await;
    let jeanne = a.learner_cookie().await;
    let step = "/modules/email-la-poste/adresse-enveloppe/adresse";
    b.get(step, Some(&jeanne)).await.assert_shows("Jeanne");
    // The listeners' connections drop.
    a.state
        .db
        .execute_unprepared(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'LISTEN%'",
        )
        .await
        .unwrap();
    let res = a.post_form("/api/deconnexion", &[], Some(&jeanne)).await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let page = b.get(step, Some(&jeanne)).await;
    assert!(!page.body.contains("Jeanne"), "{}", page.body);
}
