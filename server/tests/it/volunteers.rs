//! Volunteers (issue 5): access rules (another structure's learner is "not found"), who
//! needs attention first, logging sessions, advising lessons, help requests, invitations.

use crate::common::{TestApp, call_server_fn, learner_row};
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::ssr::db::entities::{answer, assignment, help_request, staff, visit, visit_learner};

fn today() -> String {
    app::text::dates::today_iso(app::ssr::db::now())
}

async fn session_form(app: &TestApp, staff: &str, learner: i32, extra: &[(&str, &str)]) -> String {
    let id = learner.to_string();
    let date = today();
    let mut form: Vec<(&str, &str)> = vec![
        ("learner", &id),
        ("single", &id),
        ("date", &date),
        ("kind", "domicile"),
        ("place", "Chez elle"),
        ("minutes", "90"),
        ("topics", "La souris, le double-clic."),
        ("note", "Le double-clic est difficile."),
    ];
    form.extend_from_slice(extra);
    let res = app.post_form("/api/seance", &form, Some(staff)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location().unwrap().to_string()
}

#[tokio::test]
async fn another_structure_s_learner_is_not_found_everywhere() {
    let app = TestApp::new().await;
    let (_, other_learner) = app.other_structure().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let id = other_learner.to_string();
    for path in [
        format!("/benevole/apprenants/{id}"),
        format!("/benevole/apprenants/{id}/carte"),
        format!("/benevole/apprenants/{id}/seance"),
        format!("/benevole/apprenants/{id}/donnees.json"),
        format!("/benevole/apprenants/{id}/donnees.csv"),
    ] {
        let res = app.get(&path, Some(&staff)).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            !res.body.contains("Paul"),
            "{path} shows another structure's learner"
        );
    }
    // State-changing probes: refused, nothing changed.
    for (path, form) in [
        ("/api/benevole/nouveau-code", vec![("id", id.as_str())]),
        (
            "/api/benevole/supprimer-apprenant",
            vec![("id", id.as_str()), ("confirm", "oui")],
        ),
        (
            "/api/benevole/retirer-lecon",
            vec![
                ("learner", id.as_str()),
                ("module", "virus"),
                ("lesson", "regles-de-base"),
            ],
        ),
    ] {
        let res = app.post_form(path, &form, Some(&staff)).await;
        assert_ne!(res.status, StatusCode::OK, "{path}");
        assert!(
            res.location().is_none_or(|l| l.contains("__err")),
            "{path} redirected to {:?}",
            res.location()
        );
    }
    let date = today();
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("learner", &id),
                ("date", &date),
                ("kind", "atelier"),
                ("minutes", "60"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(visit::Entity::find().count(&app.state.db).await.unwrap(), 0);
    let still_there = app::ssr::db::entities::learner::Entity::find_by_id(other_learner)
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(still_there, 1);
}

#[tokio::test]
async fn another_structure_s_help_requests_and_sessions_are_not_found() {
    let app = TestApp::new().await;
    let (other_staff, other_learner) = app.other_structure().await;
    // A help request and a session in the other structure.
    let paul = app::ssr::db::entities::learner::Entity::find_by_id(other_learner)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let request = app::ssr::services::follow_up::request_help(
        &app.state.db,
        &paul,
        &app::paths::StepRef::new("virus", "regles-de-base", "x"),
        "Aidez-moi",
    )
    .await
    .unwrap();
    let saved = session_form(&app, &other_staff, other_learner, &[]).await;
    let visit_id: i32 = saved.rsplit('/').next().unwrap().parse().unwrap();

    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let res = app
        .post_form(
            "/api/benevole/aide-traitee",
            &[("id", &request.id.to_string()), ("back", "/benevole")],
            Some(&staff),
        )
        .await;
    assert!(
        res.location().is_none_or(|l| l.contains("__err")),
        "{:?}",
        res.location()
    );
    let unhandled = help_request::Entity::find_by_id(request.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(unhandled.handled_at.is_none());
    for path in [
        format!("/benevole/seances/{visit_id}"),
        format!("/benevole/seances/{visit_id}/fiche/{other_learner}"),
    ] {
        let res = app.get(&path, Some(&staff)).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!res.body.contains("Paul"));
    }
    let dashboard = app.get("/benevole", Some(&staff)).await;
    assert!(!dashboard.body.contains("Aidez-moi"));
}

#[tokio::test]
async fn learner_pages_need_a_volunteer_or_coordinator() {
    let app = TestApp::new().await;
    let trainer = app.staff_cookie("demo.formateur", "demo-pas-a-pas").await;
    let id = app.demo_learner_id().await;
    let res = app
        .get(&format!("/benevole/apprenants/{id}"), Some(&trainer))
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.body.contains("réservée aux bénévoles"));
    let learner = app.learner_cookie().await;
    let res = app
        .get(&format!("/benevole/apprenants/{id}"), Some(&learner))
        .await;
    assert_eq!(res.location(), Some("/benevole/connexion"));
}

#[tokio::test]
async fn a_session_is_logged_with_a_note_and_advised_lessons_come_first_for_the_learner() {
    let app = TestApp::new().await;
    let learner_cookie = app.learner_cookie().await;
    let id = app.demo_learner_id().await;
    // The learner started a lesson, then the volunteer advises two others.
    app.post_form(
        "/api/suivant",
        &[
            ("module", "email-la-poste"),
            ("lesson", "adresse-enveloppe"),
            ("step", "une-lettre-mais-sans-papier"),
        ],
        Some(&learner_cookie),
    )
    .await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let saved = session_form(
        &app,
        &staff,
        id,
        &[
            ("lesson", "souris-clavier/double-clic"),
            ("lesson", "piece-jointe/joindre-un-fichier"),
        ],
    )
    .await;
    assert!(saved.starts_with("/benevole/seances/"), "{saved}");
    let visit_id: i32 = saved.rsplit('/').next().unwrap().parse().unwrap();
    let v = visit::Entity::find_by_id(visit_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.note.as_deref(), Some("Le double-clic est difficile."));
    assert_eq!(v.duration_minutes, 90);
    assert_eq!(
        assignment::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        2
    );

    let home = app.get("/", Some(&learner_cookie)).await;
    let resume = home
        .body
        .find("Reprendre : L'adresse")
        .expect("resume first");
    let advised = home
        .body
        .find("Conseillé par Camille")
        .expect("advised lessons");
    let double_click = home
        .body
        .find("Double-cliquer")
        .or_else(|| home.body.find("double-clic"))
        .unwrap();
    assert!(resume < advised && advised < double_click, "{}", home.body);

    // The learner page shows the session and its note; the hand-off sheet the lessons.
    let page = app
        .get(&format!("/benevole/apprenants/{id}"), Some(&staff))
        .await;
    assert!(page.body.contains("Le double-clic est difficile."));
    let sheet = app
        .get(
            &format!("/benevole/seances/{visit_id}/fiche/{id}"),
            Some(&staff),
        )
        .await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert!(sheet.body.contains("À pratiquer avant la prochaine visite"));
    assert!(sheet.body.contains("BIEN-VENU"));
    assert!(sheet.body.contains("01 23 45 67 89"));
    assert!(sheet.body.contains("Camille"));
}

/// Regression (issue 17): a number and its noun agree: "1 étape", never "1 étapes".
#[tokio::test]
async fn one_step_done_is_said_in_the_singular() {
    let app = TestApp::new().await;
    let learner_cookie = app.learner_cookie().await;
    let id = app.demo_learner_id().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    session_form(
        &app,
        &staff,
        id,
        &[("lesson", "email-la-poste/adresse-enveloppe")],
    )
    .await;
    app.post_form(
        "/api/suivant",
        &[
            ("module", "email-la-poste"),
            ("lesson", "adresse-enveloppe"),
            ("step", "une-lettre-mais-sans-papier"),
        ],
        Some(&learner_cookie),
    )
    .await;
    // The dashboard's one line of progress: the lesson started, the advised lesson left.
    let dashboard = app.get("/benevole", Some(&staff)).await;
    dashboard.assert_shows("(1 / 6 étapes faites)");
    dashboard.assert_shows("1 leçon conseillée à faire");
    assert!(!dashboard.body.contains("1 étapes"), "{}", dashboard.body);
    assert!(!dashboard.body.contains("1 leçons"), "{}", dashboard.body);
}

#[tokio::test]
async fn a_wrong_session_form_comes_back_as_typed_with_messages() {
    let app = TestApp::new().await;
    let id = app.demo_learner_id().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let long_note = "a".repeat(4001);
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("learner", &id.to_string()),
                ("single", &id.to_string()),
                ("date", "2099-01-01"),
                ("kind", "domicile"),
                ("minutes", "0"),
                ("topics", "Ce que j'ai tapé"),
                ("note", &long_note),
            ],
            Some(&staff),
        )
        .await;
    let back = res.location().unwrap().to_string();
    assert!(
        back.starts_with(&format!("/benevole/apprenants/{id}/seance?brouillon=")),
        "{back}"
    );
    let page = app.get(back.split('#').next().unwrap(), Some(&staff)).await;
    assert!(
        page.body.contains("Cette date est dans le futur."),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("La durée doit être entre 5 minutes et 600 minutes")
    );
    assert!(page.body.contains("La note est trop longue"));
    assert!(page.body.contains("Ce que j&#x27;ai tapé") || page.body.contains("Ce que j'ai tapé"));
    assert!(page.body.contains(&long_note), "the note typed is kept");
    assert_eq!(visit::Entity::find().count(&app.state.db).await.unwrap(), 0);
}

#[tokio::test]
async fn no_note_is_kept_for_a_learner_who_refused_notes() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    app.post_form("/api/confidentialite", &[("notes", "non")], Some(&cookie))
        .await;
    let id = app.demo_learner_id().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let form = app
        .get(&format!("/benevole/apprenants/{id}/seance"), Some(&staff))
        .await;
    assert!(form.body.contains("Pas de note écrite"));
    session_form(&app, &staff, id, &[]).await;
    let v = visit::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.note, None);
}

#[tokio::test]
async fn a_group_workshop_is_logged_once_for_several_learners() {
    let app = TestApp::new().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let jeanne = app.demo_learner_id().await;
    app.post_form(
        "/api/benevole/nouvel-apprenant",
        &[("first_name", "Marcel")],
        Some(&staff),
    )
    .await;
    let marcel = app::ssr::db::entities::learner::Entity::find()
        .filter(app::ssr::db::entities::learner::Column::FirstName.eq("Marcel"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let form = app.get("/benevole/atelier", Some(&staff)).await;
    assert!(form.body.contains("Marcel") && form.body.contains("Jeanne"));
    let date = today();
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("learner", &jeanne.to_string()),
                ("learner", &marcel.to_string()),
                ("date", &date),
                ("kind", "atelier"),
                ("minutes", "120"),
                ("topics", "Atelier e-mail"),
                ("lesson", "email-la-poste/ecrire-un-message"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(visit::Entity::find().count(&app.state.db).await.unwrap(), 1);
    assert_eq!(
        visit_learner::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        assignment::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        2
    );
    let saved = app.get(res.location().unwrap(), Some(&staff)).await;
    assert!(saved.body.contains("Imprimer la fiche de Marcel"));
    assert!(saved.body.contains("Imprimer la fiche de Jeanne"));
}

#[tokio::test]
async fn a_help_request_reaches_the_dashboard_first_and_is_answered_once() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    app.post_form(
        "/api/benevole/nouvel-apprenant",
        &[("first_name", "Aaron")],
        Some(&staff),
    )
    .await;
    let res = app
        .post_form(
            "/api/aide",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", "arobase"),
                ("message", "Où est le @ ?"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(
        res.location(),
        Some("/modules/email-la-poste/adresse-enveloppe/arobase?aide=envoyee#aide")
    );
    let step = app
        .get(
            "/modules/email-la-poste/adresse-enveloppe/arobase?aide=envoyee",
            Some(&cookie),
        )
        .await;
    assert!(step.body.contains("Votre demande est envoyée."));

    let dashboard = app.get("/benevole", Some(&staff)).await;
    assert!(dashboard.body.contains("Où est le @ ?"));
    // Jeanne (help requested) comes before Aaron, whatever the alphabet says.
    let jeanne = dashboard.body.find("A demandé de l'aide").unwrap();
    let aaron = dashboard.body.find(">Aaron<").unwrap();
    assert!(jeanne < aaron);

    let request = help_request::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let id = request.id.to_string();
    let first = app
        .post_form(
            "/api/benevole/aide-traitee",
            &[
                ("id", &id),
                ("reply", "Je passe jeudi."),
                ("back", "/benevole"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(first.location(), Some("/benevole?aide=traitee"));
    // A second volunteer (the coordinator) answering too is told, and nothing is overwritten.
    let coordinator = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let second = app
        .post_form(
            "/api/benevole/aide-traitee",
            &[
                ("id", &id),
                ("reply", "Autre réponse"),
                ("back", "/benevole"),
            ],
            Some(&coordinator),
        )
        .await;
    assert_eq!(second.location(), Some("/benevole?aide=deja&par=Camille"));
    let handled = help_request::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(handled.reply.as_deref(), Some("Je passe jeudi."));
    // The learner sees the reply at home.
    let home = app.get("/", Some(&cookie)).await;
    assert!(home.body.contains("Je passe jeudi."), "{}", home.body);
}

#[tokio::test]
async fn a_learner_failing_the_same_question_is_shown_as_stuck() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    for _ in 0..3 {
        app.post_form(
            "/api/repondre",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", "lire"),
                ("question", "adresse-bien-ecrite"),
                ("reponse", "c"),
            ],
            Some(&cookie),
        )
        .await;
        // The learner reads the explanation and tries again a minute later (the same
        // answer sent again at once would be the same click, recorded once).
        answer::Entity::update_many()
            .col_expr(
                answer::Column::AnsweredAt,
                sea_orm::sea_query::Expr::cust("answered_at - 60"),
            )
            .exec(&app.state.db)
            .await
            .unwrap();
    }
    assert_eq!(
        answer::Entity::find().count(&app.state.db).await.unwrap(),
        3
    );
    let dashboard = app.get("/benevole", Some(&staff)).await;
    assert!(
        dashboard.body.contains("Semble bloqué"),
        "{}",
        dashboard.body
    );
    assert!(dashboard.body.contains("S'est trompé 3 fois de suite"));
    let page = app
        .get(
            &format!("/benevole/apprenants/{}", app.demo_learner_id().await),
            Some(&staff),
        )
        .await;
    assert!(
        page.body.contains("marie.dupont.exemple.fr"),
        "answers are shown in words"
    );
}

#[tokio::test]
async fn a_coordinator_invites_a_volunteer_who_chooses_a_password() {
    let app = TestApp::new().await;
    let coordinator = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    // A volunteer is not a coordinator.
    let volunteer = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    assert_eq!(
        app.get("/benevole/equipe", Some(&volunteer)).await.status,
        StatusCode::FORBIDDEN
    );

    let res = app
        .post_form(
            "/api/equipe/inviter",
            &[("name", "Mona"), ("volunteer", "oui")],
            Some(&coordinator),
        )
        .await;
    let to = res.location().unwrap().to_string();
    let team = app
        .get(to.split('#').next().unwrap(), Some(&coordinator))
        .await;
    let start = team
        .body
        .find("http://127.0.0.1:3000/invitation/")
        .expect("invitation link");
    let link: String = team.body[start..]
        .chars()
        .take_while(|c| *c != '<')
        .collect();
    let path = link.trim_start_matches("http://127.0.0.1:3000");
    let token = path.trim_start_matches("/invitation/");

    let page = app.get(path, None).await;
    assert!(page.body.contains("Créer mon compte") && page.body.contains("Mona"));
    // A common password is refused; the identifier typed is kept.
    let res = app
        .post_form(
            "/api/invitation/accepter",
            &[
                ("token", token),
                ("username", "mona.b"),
                ("password", "azertyuiop"),
            ],
            None,
        )
        .await;
    let back = res.location().unwrap().to_string();
    let page = app.get(&back, None).await;
    assert!(
        page.body.contains("Ce mot de passe est trop courant"),
        "{}",
        page.body
    );
    assert!(page.body.contains("value=\"mona.b\""));
    let res = app
        .post_form(
            "/api/invitation/accepter",
            &[
                ("token", token),
                ("username", "mona.b"),
                ("password", "trois mots faciles"),
            ],
            None,
        )
        .await;
    assert_eq!(res.location(), Some("/benevole?bienvenue=1"));
    let cookie = res.session_cookie().unwrap();
    assert_eq!(
        app.get("/benevole", Some(&cookie)).await.status,
        StatusCode::OK
    );
    let mona = staff::Entity::find()
        .filter(staff::Column::Username.eq("mona.b"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(mona.is_volunteer && !mona.is_coordinator);
    assert!(mona.password_hash.starts_with("$argon2id$"));
    // The link works once.
    let again = app.get(path, None).await;
    assert!(again.body.contains("Ce lien ne marche plus"));

    // The coordinator resets Mona's password: the old one stops working.
    app.post_form(
        "/api/equipe/reinitialiser",
        &[("id", &mona.id.to_string())],
        Some(&coordinator),
    )
    .await;
    let team = app.get("/benevole/equipe", Some(&coordinator)).await;
    assert!(team.body.contains("Mona"));
}

#[tokio::test]
async fn staff_sign_in_is_throttled() {
    let app = TestApp::new().await;
    let mut throttled = false;
    for _ in 0..8 {
        let res = app
            .post_form(
                "/api/benevole/connexion",
                &[("username", "demo.benevole"), ("password", "faux")],
                None,
            )
            .await;
        if res.location().is_some_and(|l| l.contains("attendre")) {
            throttled = true;
            break;
        }
    }
    assert!(throttled);
}

#[tokio::test]
async fn parallel_wrong_passwords_are_checked_at_most_the_free_tries() {
    let app = TestApp::new().await;
    let tries = (0..40).map(|i| {
        let password = format!("faux {i}");
        let app = &app;
        async move {
            app.post_form(
                "/api/benevole/connexion",
                &[("username", "demo.benevole"), ("password", &password)],
                None,
            )
            .await
        }
    });
    let answers = futures_util::future::join_all(tries).await;
    let checked = answers
        .iter()
        .filter(|r| r.location().is_some_and(|l| l.contains("identifiants")))
        .count();
    let waiting = answers
        .iter()
        .filter(|r| r.location().is_some_and(|l| l.contains("attendre")))
        .count();
    // On a loaded machine a try may find the database or the password checks too busy:
    // it is then answered "busy, try again" (503), never checked and never an error.
    let busy = answers
        .iter()
        .filter(|r| r.status == StatusCode::SERVICE_UNAVAILABLE)
        .count();
    let others: Vec<_> = answers
        .iter()
        .filter(|r| {
            r.status != StatusCode::SERVICE_UNAVAILABLE
                && !r
                    .location()
                    .is_some_and(|l| l.contains("identifiants") || l.contains("attendre"))
        })
        .map(|r| (r.status, r.location().map(str::to_owned)))
        .collect();
    // Five wrong tries are free, the sixth is checked at once; the others must wait.
    assert!(checked <= 6, "{checked} passwords checked");
    assert!(checked >= 1, "no password checked");
    assert_eq!(checked + waiting + busy, 40, "other answers: {others:?}");
}

#[tokio::test]
async fn wrong_learner_codes_do_not_slow_down_staff_sign_in_from_the_same_address() {
    use app::ssr::throttle::Attempt;
    let app = TestApp::new().await;
    for i in 0..30 {
        let res = app
            .post_form("/api/connexion", &[("code", &format!("ZZZZ-{i:04}"))], None)
            .await;
        assert!(res.location().is_some_and(|l| l.contains("erreur")));
    }
    // Then a flood of codes from that address: its queue is full.
    let policy = app.state.throttle.policy.learner_address;
    for i in 0..(policy.free + policy.max_wait / policy.every) {
        app.state
            .throttle
            .reserve(&app.state.db, "unknown", Attempt::Code(&format!("Z{i}")))
            .await
            .unwrap();
    }
    let res = app
        .post_form("/api/connexion", &[("code", "ZZZZ-9999")], None)
        .await;
    assert!(res.location().is_some_and(|l| l.contains("attendre")));
    // The same address still reaches the staff form's own count.
    app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
}

#[tokio::test]
async fn server_functions_answer_404_for_another_structure_s_ids() {
    let app = TestApp::new().await;
    let (_, other_learner) = app.other_structure().await;
    let paul = app::ssr::db::entities::learner::Entity::find_by_id(other_learner)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let request = app::ssr::services::follow_up::request_help(
        &app.state.db,
        &paul,
        &app::paths::StepRef::new("virus", "regles-de-base", "x"),
        "Aidez-moi",
    )
    .await
    .unwrap();
    let alex =
        app::ssr::services::accounts::find_staff_by_username(&app.state.db, "autre.benevole")
            .await
            .unwrap()
            .unwrap();
    let id = other_learner.to_string();
    let help = request.id.to_string();
    let alex_id = alex.id.to_string();
    // Sacha is a volunteer and the demo structure's coordinator.
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let probes: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/api/benevole/apprenant", vec![("id", &id)]),
        ("/api/benevole/carte", vec![("id", &id)]),
        ("/api/benevole/formulaire-seance", vec![("learner", &id)]),
        ("/api/benevole/nouveau-code", vec![("id", &id)]),
        (
            "/api/benevole/retirer-lecon",
            vec![
                ("learner", &id),
                ("module", "virus"),
                ("lesson", "regles-de-base"),
            ],
        ),
        (
            "/api/benevole/supprimer-apprenant",
            vec![("id", &id), ("confirm", "oui")],
        ),
        (
            "/api/benevole/aide-traitee",
            vec![("id", &help), ("back", "/benevole")],
        ),
        ("/api/equipe/reinitialiser", vec![("id", &alex_id)]),
    ];
    for (path, form) in probes {
        let res = call_server_fn(&app, path, &form, &sacha).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}: {}", res.body);
        assert!(
            !res.body.contains("Paul") && !res.body.contains("Alex"),
            "{path} gave another structure's data: {}",
            res.body
        );
    }
    // Nothing changed.
    let paul_now = app::ssr::db::entities::learner::Entity::find_by_id(other_learner)
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("still there");
    assert_eq!(paul_now.code, paul.code);
    let unhandled = help_request::Entity::find_by_id(request.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(unhandled.handled_at.is_none());
    // A real failure is still a 500, and a missing sign-in a 401.
    let res = call_server_fn(&app, "/api/benevole/apprenant", &[("id", &id)], "x=y").await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.body);
}

#[tokio::test]
async fn a_lesson_gone_from_the_catalogue_is_taken_out_of_the_form_which_then_saves() {
    let app = TestApp::new().await;
    let id = app.demo_learner_id().await;
    let id_s = id.to_string();
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let date = today();
    let mut form: Vec<(&str, &str)> = vec![
        ("learner", &id_s),
        ("single", &id_s),
        ("date", &date),
        ("kind", "domicile"),
        ("minutes", "60"),
        ("note", "Une note à ne pas perdre."),
        ("lesson", "virus/lecon-retiree"),
    ];
    let res = app.post_form("/api/seance", &form, Some(&staff)).await;
    let back = res.location().unwrap().to_string();
    assert!(back.contains("brouillon="), "{back}");
    let page = app.get(back.split('#').next().unwrap(), Some(&staff)).await;
    page.assert_shows("n'existe plus. Elle est retirée de la séance");
    page.assert_shows("Une note à ne pas perdre.");
    assert!(
        !page.body.contains("virus/lecon-retiree\""),
        "the removed lesson is still in the form: {}",
        page.body
    );
    // The form as shown (without the lesson) saves.
    form.pop();
    let res = app.post_form("/api/seance", &form, Some(&staff)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(res.location().unwrap().starts_with("/benevole/seances/"));
}

#[tokio::test]
async fn a_learner_twice_in_the_form_is_saved_once_with_the_note() {
    let app = TestApp::new().await;
    let id = app.demo_learner_id().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    session_form(&app, &staff, id, &[("learner", &id.to_string())]).await;
    let saved = visit::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(saved.note.as_deref(), Some("Le double-clic est difficile."));
    let rows = visit_learner::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn session_drafts_and_invitation_links_are_for_their_maker_only() {
    use app::ssr::services::accounts::{self, Roles};
    let app = TestApp::new().await;
    let (other_staff, _) = app.other_structure().await;
    let id = app.demo_learner_id().await;
    let id_s = id.to_string();
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("learner", &id_s),
                ("single", &id_s),
                ("date", "2099-01-01"),
                ("kind", "domicile"),
                ("minutes", "60"),
                ("note", "Note privée de Camille"),
            ],
            Some(&camille),
        )
        .await;
    let back = res
        .location()
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_string();
    app.get(&back, Some(&camille))
        .await
        .assert_shows("Note privée de Camille");
    let key = back.split("brouillon=").nth(1).unwrap();
    // Another volunteer of the same structure, on the same learner's form: not the note.
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let page = app.get(&back, Some(&sacha)).await;
    assert!(!page.body.contains("Note privée de Camille"));
    // Another structure's volunteer, on the group form: not the note either.
    let page = app
        .get(
            &format!("/benevole/atelier?brouillon={key}"),
            Some(&other_staff),
        )
        .await;
    assert!(
        !page.body.contains("Note privée de Camille"),
        "{}",
        page.body
    );

    // An invitation link is shown to the coordinator who made it only.
    let s = accounts::find_or_create_structure(&app.state.db, "Autre association")
        .await
        .unwrap();
    accounts::create_staff(
        &app.state.db,
        &app.state.passwords,
        s.id,
        "autre.coordination",
        "Lou",
        "un mot de passe long",
        Roles {
            coordinator: true,
            ..Roles::default()
        },
    )
    .await
    .unwrap();
    let lou = app
        .staff_cookie("autre.coordination", "un mot de passe long")
        .await;
    let res = app
        .post_form(
            "/api/equipe/inviter",
            &[("name", "Mona"), ("volunteer", "oui")],
            Some(&sacha),
        )
        .await;
    let to = res
        .location()
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_string();
    app.get(&to, Some(&sacha))
        .await
        .assert_shows("http://127.0.0.1:3000/invitation/");
    let page = app.get(&to, Some(&lou)).await;
    assert!(!page.body.contains("/invitation/"), "{}", page.body);
}

#[tokio::test]
async fn a_date_that_does_not_exist_is_refused_and_a_short_one_is_stored_padded() {
    let app = TestApp::new().await;
    let id = app.demo_learner_id().await;
    let id_s = id.to_string();
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let form = |date: &'static str| {
        vec![
            ("learner", id_s.clone()),
            ("single", id_s.clone()),
            ("date", date.to_string()),
            ("kind", "domicile".to_string()),
            ("minutes", "60".to_string()),
        ]
    };
    let post = |date: &'static str| {
        let f = form(date);
        let staff = staff.clone();
        let app = &app;
        async move {
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form("/api/seance", &f, Some(&staff)).await
        }
    };
    let res = post("2026-02-31").await;
    let back = res
        .location()
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_string();
    assert!(back.contains("brouillon="), "{back}");
    app.get(&back, Some(&staff))
        .await
        .assert_shows("Cette date n'existe pas.");
    assert_eq!(visit::Entity::find().count(&app.state.db).await.unwrap(), 0);
    let res = post("2026-1-5").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let saved = visit::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(saved.date, "2026-01-05");
}

#[tokio::test]
async fn a_workshop_note_with_someone_who_refused_notes_is_not_dropped_in_silence() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    app.post_form("/api/confidentialite", &[("notes", "non")], Some(&cookie))
        .await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let jeanne = app.demo_learner_id().await;
    app.post_form(
        "/api/benevole/nouvel-apprenant",
        &[("first_name", "Marcel")],
        Some(&staff),
    )
    .await;
    let marcel = app::ssr::db::entities::learner::Entity::find()
        .filter(app::ssr::db::entities::learner::Column::FirstName.eq("Marcel"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    // Before saving: the workshop form says who refused notes.
    app.get("/benevole/atelier", Some(&staff))
        .await
        .assert_shows("Jeanne ne veut pas de notes écrites");
    let date = today();
    let (j, m) = (jeanne.to_string(), marcel.to_string());
    let mut form = vec![
        ("learner", j.as_str()),
        ("learner", m.as_str()),
        ("date", &date),
        ("kind", "atelier"),
        ("minutes", "120"),
        ("note", "Marcel a bien progressé."),
    ];
    let res = app.post_form("/api/seance", &form, Some(&staff)).await;
    let back = res
        .location()
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_string();
    assert!(back.contains("brouillon="), "{back}");
    let page = app.get(&back, Some(&staff)).await;
    page.assert_shows("Jeanne ne veut pas de notes écrites. Si cette personne est dans l");
    page.assert_shows("Marcel a bien progressé.");
    assert_eq!(visit::Entity::find().count(&app.state.db).await.unwrap(), 0);
    // Without Jeanne, the note is kept.
    form.remove(0);
    let res = app.post_form("/api/seance", &form, Some(&staff)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let saved = visit::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(saved.note.as_deref(), Some("Marcel a bien progressé."));
}

/// Sets the demo learner's last activity long ago; returns when it was.
async fn make_idle(app: &TestApp, id: i32) -> i64 {
    use sea_orm::{ActiveModelTrait, Set};
    let long_ago = app::ssr::db::now() - 30 * 86400;
    let l = app::ssr::db::entities::learner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut l: app::ssr::db::entities::learner::ActiveModel = l.into();
    l.last_active_at = Set(Some(long_ago));
    l.update(&app.state.db).await.unwrap();
    long_ago
}

async fn last_active(app: &TestApp, id: i32) -> i64 {
    learner_row(app, id)
        .await
        .last_active_at
        .unwrap_or_default()
}

#[tokio::test]
async fn signing_in_answering_and_asking_for_help_count_as_activity() {
    let app = TestApp::new().await;
    let id = app.demo_learner_id().await;
    let long_ago = make_idle(&app, id).await;
    let cookie = app.learner_cookie().await;
    assert!(last_active(&app, id).await > long_ago, "sign-in");

    let long_ago = make_idle(&app, id).await;
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
    assert!(last_active(&app, id).await > long_ago, "answer");

    let long_ago = make_idle(&app, id).await;
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
    assert!(last_active(&app, id).await > long_ago, "help request");
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let page = app
        .get(&format!("/benevole/apprenants/{id}"), Some(&staff))
        .await;
    assert!(!page.body.contains("il y a 30 jours"), "{}", page.body);
}

#[tokio::test]
async fn a_coordinator_sets_the_structure_s_phone_printed_on_the_hand_off_sheet() {
    let app = TestApp::new().await;
    let (other_staff, _) = app.other_structure().await;
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let res = app
        .post_form(
            "/api/equipe/telephone",
            &[("phone", "+33 4.78.12-34-56")],
            Some(&sacha),
        )
        .await;
    let to = res
        .location()
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_string();
    let team = app.get(&to, Some(&sacha)).await;
    team.assert_shows("Le numéro est enregistré.");
    team.assert_shows("value=\"04 78 12 34 56\"");
    // Not a French number: refused, the number stays.
    let res = app
        .post_form("/api/equipe/telephone", &[("phone", "123")], Some(&sacha))
        .await;
    let to = res
        .location()
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_string();
    let team = app.get(&to, Some(&sacha)).await;
    team.assert_shows("n'est pas un numéro français");
    team.assert_shows("value=\"04 78 12 34 56\"");
    // Volunteers who are not coordinators cannot change it, in any structure.
    for cookie in [&camille, &other_staff] {
        app.post_form(
            "/api/equipe/telephone",
            &[("phone", "01 11 11 11 11")],
            Some(cookie),
        )
        .await;
    }
    let structures = app::ssr::db::entities::structure::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    for s in structures {
        assert_ne!(s.phone.as_deref(), Some("01 11 11 11 11"), "{}", s.name);
    }
    // The hand-off sheet prints it.
    let id = app.demo_learner_id().await;
    let saved = session_form(&app, &camille, id, &[]).await;
    let sheet = app
        .get(&format!("{saved}/fiche/{id}"), Some(&camille))
        .await;
    sheet.assert_shows("04 78 12 34 56");
}

#[tokio::test]
async fn a_coordinator_disables_a_member_who_left_and_gives_their_learner_to_another() {
    let app = TestApp::new().await;
    let (other_staff, paul) = app.other_structure().await;
    let db = &app.state.db;
    let find = |name: &'static str| async move {
        app::ssr::services::accounts::find_staff_by_username(db, name)
            .await
            .unwrap()
            .unwrap()
    };
    let camille = find("demo.benevole").await;
    let sacha_model = find("demo.coordination").await;
    let alex = find("autre.benevole").await;
    let jeanne = app.demo_learner_id().await;
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let camille_cookie = app.volunteer_in_memory().await;
    let (j, p) = (jeanne.to_string(), paul.to_string());
    let (c, s, a) = (
        camille.id.to_string(),
        sacha_model.id.to_string(),
        alex.id.to_string(),
    );

    // Only a coordinator, and only within their structure.
    for (path, form, cookie) in [
        (
            "/api/equipe/desactiver",
            vec![("id", c.as_str())],
            &camille_cookie,
        ),
        (
            "/api/equipe/desactiver",
            vec![("id", c.as_str())],
            &other_staff,
        ),
        (
            "/api/equipe/confier",
            vec![("learner", j.as_str()), ("volunteer", s.as_str())],
            &camille_cookie,
        ),
    ] {
        let res = call_server_fn(&app, path, &form, cookie).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
    }
    for (path, form) in [
        ("/api/equipe/desactiver", vec![("id", a.as_str())]),
        (
            "/api/equipe/confier",
            vec![("learner", p.as_str()), ("volunteer", s.as_str())],
        ),
        (
            "/api/equipe/confier",
            vec![("learner", j.as_str()), ("volunteer", a.as_str())],
        ),
    ] {
        let res = call_server_fn(&app, path, &form, &sacha).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert!(find("autre.benevole").await.disabled_at.is_none());
    let paul_now = app::ssr::db::entities::learner::Entity::find_by_id(paul)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(paul_now.volunteer_id, Some(alex.id));

    // Camille leaves: her session ends at once, she cannot sign in again.
    let res = app
        .post_form("/api/equipe/desactiver", &[("id", &c)], Some(&sacha))
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let page = app.get("/benevole", Some(&camille_cookie)).await;
    assert!(!page.body.contains("Camille"), "{}", page.body);
    let res = app
        .post_form(
            "/api/benevole/connexion",
            &[
                ("username", "demo.benevole"),
                ("password", "demo-pas-a-pas"),
            ],
            None,
        )
        .await;
    assert!(res.location().unwrap().contains("erreur=identifiants"));
    app.get("/benevole/equipe", Some(&sacha))
        .await
        .assert_shows("Compte désactivé");
    // Jeanne stays in the structure and is given to Sacha.
    let res = app
        .post_form(
            "/api/equipe/confier",
            &[("learner", &j), ("volunteer", &s)],
            Some(&sacha),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let jeanne_now = app::ssr::db::entities::learner::Entity::find_by_id(jeanne)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(jeanne_now.volunteer_id, Some(sacha_model.id));
    // A disabled member cannot be given learners.
    let res = call_server_fn(
        &app,
        "/api/equipe/confier",
        &[("learner", &j), ("volunteer", &c)],
        &sacha,
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_session_form_sent_twice_saves_one_session() {
    let app = TestApp::new().await;
    let id = app.demo_learner_id().await;
    let id_s = id.to_string();
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let page = app
        .get(&format!("/benevole/apprenants/{id}/seance"), Some(&staff))
        .await;
    let start = page
        .body
        .find("name=\"once\" value=\"")
        .expect("one-time token")
        + 19;
    let once: String = page.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let date = today();
    let form = [
        ("once", once.as_str()),
        ("learner", &id_s),
        ("single", &id_s),
        ("date", &date),
        ("kind", "domicile"),
        ("minutes", "60"),
        ("note", "Une seule fois."),
    ];
    // Twice at once, then once more (a reload).
    let (a, b) = tokio::join!(
        app.post_form("/api/seance", &form, Some(&staff)),
        app.post_form("/api/seance", &form, Some(&staff))
    );
    let c = app.post_form("/api/seance", &form, Some(&staff)).await;
    assert_eq!(visit::Entity::find().count(&app.state.db).await.unwrap(), 1);
    let saved = visit::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let to = format!("/benevole/seances/{}", saved.id);
    for res in [a, b, c] {
        assert_eq!(res.location(), Some(to.as_str()));
    }
    // Another form (a new token) is another session.
    let page = app
        .get(&format!("/benevole/apprenants/{id}/seance"), Some(&staff))
        .await;
    assert!(!page.body.contains(&once));
}

#[tokio::test]
async fn wording_elides_de_speaks_to_the_volunteer_and_labels_the_advised_lessons() {
    let app = TestApp::new().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    app.post_form(
        "/api/benevole/nouvel-apprenant",
        &[("first_name", "Aaron")],
        Some(&staff),
    )
    .await;
    let aaron = app::ssr::db::entities::learner::Entity::find()
        .filter(app::ssr::db::entities::learner::Column::FirstName.eq("Aaron"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let saved = session_form(&app, &staff, aaron, &[]).await;
    let page = app.get(&saved, Some(&staff)).await;
    page.assert_shows("Imprimer la fiche d'Aaron");
    let learner = app
        .get(&format!("/benevole/apprenants/{aaron}"), Some(&staff))
        .await;
    learner.assert_shows("Imprimer la fiche d'Aaron");
    learner.assert_shows("ses progrès");
    assert!(!learner.body.contains("vos progrès"));
    learner.assert_shows("aria-labelledby=\"conseils-titre\"");
}

#[tokio::test]
async fn an_expired_invitation_link_no_longer_works() {
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::new().await;
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let token = app.invite_mona(&sacha).await;
    let inv = app::ssr::db::entities::invitation::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut inv: app::ssr::db::entities::invitation::ActiveModel = inv.into();
    inv.expires_at = Set(app::ssr::db::now() - 1);
    inv.update(&app.state.db).await.unwrap();
    app.get(&format!("/invitation/{token}"), None)
        .await
        .assert_shows("Ce lien ne marche plus");
    app.post_form(
        "/api/invitation/accepter",
        &[
            ("token", &token),
            ("username", "mona.r"),
            ("password", "cheval pomme lundi vélo"),
        ],
        None,
    )
    .await;
    let mona = app::ssr::services::accounts::find_staff_by_username(&app.state.db, "mona.r")
        .await
        .unwrap();
    assert!(mona.is_none());
}

#[tokio::test]
async fn two_weeks_idle_on_an_advised_lesson_is_stuck_and_shown_before_the_others() {
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::new().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let mut ids = Vec::new();
    for name in ["Albert", "Marcel"] {
        app.post_form(
            "/api/benevole/nouvel-apprenant",
            &[("first_name", name)],
            Some(&staff),
        )
        .await;
        ids.push(
            app::ssr::db::entities::learner::Entity::find()
                .filter(app::ssr::db::entities::learner::Column::FirstName.eq(name))
                .one(&app.state.db)
                .await
                .unwrap()
                .unwrap()
                .id,
        );
    }
    let marcel = ids[1];
    session_form(
        &app,
        &staff,
        marcel,
        &[("lesson", "email-la-poste/ecrire-un-message")],
    )
    .await;
    // Assigned 13 days ago: not yet stuck.
    let set_assigned = |days: i64| {
        let db = app.state.db.clone();
        async move {
            let a = assignment::Entity::find().one(&db).await.unwrap().unwrap();
            let mut a: assignment::ActiveModel = a.into();
            a.assigned_at = Set(app::ssr::db::now() - days * 86400 - 60);
            a.update(&db).await.unwrap();
        }
    };
    set_assigned(13).await;
    let dashboard = app.get("/benevole", Some(&staff)).await;
    assert!(
        !dashboard.body.contains("Rien depuis"),
        "{}",
        dashboard.body
    );
    set_assigned(15).await;
    let dashboard = app.get("/benevole", Some(&staff)).await;
    dashboard.assert_shows("Rien depuis");
    let pos = |name: &str| dashboard.body.find(name).unwrap();
    assert!(pos("Marcel") < pos("Albert"), "stuck first");
}

#[tokio::test]
async fn after_a_reset_the_old_password_fails_and_the_new_one_works() {
    let app = TestApp::new().await;
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let camille =
        app::ssr::services::accounts::find_staff_by_username(&app.state.db, "demo.benevole")
            .await
            .unwrap()
            .unwrap();
    let res = app
        .post_form(
            "/api/equipe/reinitialiser",
            &[("id", &camille.id.to_string())],
            Some(&sacha),
        )
        .await;
    let token = app.link_token(&res, &sacha).await;
    let res = app
        .post_form(
            "/api/invitation/accepter",
            &[("token", &token), ("password", "cheval pomme lundi vélo")],
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let old = app
        .post_form(
            "/api/benevole/connexion",
            &[
                ("username", "demo.benevole"),
                ("password", "demo-pas-a-pas"),
            ],
            None,
        )
        .await;
    assert!(old.location().unwrap().contains("erreur=identifiants"));
    app.staff_cookie("demo.benevole", "cheval pomme lundi vélo")
        .await;
}

#[tokio::test]
async fn a_coordinator_cancels_an_invitation_not_used_yet() {
    let app = TestApp::new().await;
    let (other_staff, _) = app.other_structure().await;
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let token = app.invite_mona(&sacha).await;
    app.get("/benevole/equipe", Some(&sacha))
        .await
        .assert_shows("Annuler ce lien");
    let inv = app::ssr::db::entities::invitation::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let id = inv.id.to_string();
    // Not by a volunteer of another structure.
    let res = call_server_fn(
        &app,
        "/api/equipe/annuler-invitation",
        &[("id", &id)],
        &other_staff,
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    app.get(&format!("/invitation/{token}"), None)
        .await
        .assert_shows("Mona");
    let res = app
        .post_form(
            "/api/equipe/annuler-invitation",
            &[("id", &id)],
            Some(&sacha),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    app.get(&format!("/invitation/{token}"), None)
        .await
        .assert_shows("Ce lien ne marche plus");
    assert!(
        !app.get("/benevole/equipe", Some(&sacha))
            .await
            .body
            .contains("Annuler ce lien")
    );
    // Twice: nothing left to cancel.
    let res = call_server_fn(
        &app,
        "/api/equipe/annuler-invitation",
        &[("id", &id)],
        &sacha,
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

/// Camille's id, Sacha's cookie, and a link for Camille to choose a new password, made
/// by Sacha.
async fn reset_link_for_camille(app: &TestApp) -> (i32, String, String) {
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let camille =
        app::ssr::services::accounts::find_staff_by_username(&app.state.db, "demo.benevole")
            .await
            .unwrap()
            .unwrap();
    let res = app
        .post_form(
            "/api/equipe/reinitialiser",
            &[("id", &camille.id.to_string())],
            Some(&sacha),
        )
        .await;
    let token = app.link_token(&res, &sacha).await;
    (camille.id, sacha, token)
}

/// Whether Camille can sign in with `password`.
async fn camille_signs_in(app: &TestApp, password: &str) -> bool {
    let res = app
        .post_form(
            "/api/benevole/connexion",
            &[("username", "demo.benevole"), ("password", password)],
            None,
        )
        .await;
    res.location() == Some("/benevole")
}

#[tokio::test]
async fn a_reset_link_issued_before_a_member_is_disabled_no_longer_lets_them_in() {
    let app = TestApp::new().await;
    let (camille, sacha, token) = reset_link_for_camille(&app).await;
    // Camille leaves; the link she was given the day before is still in her mailbox.
    let res = app
        .post_form(
            "/api/equipe/desactiver",
            &[("id", &camille.to_string())],
            Some(&sacha),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let page = app.get(&format!("/invitation/{token}"), None).await;
    page.assert_shows("ce compte a été désactivé");
    assert!(!page.body.contains("name=\"password\""), "{}", page.body);
    let res = app
        .post_form(
            "/api/invitation/accepter",
            &[("token", &token), ("password", "cheval pomme lundi vélo")],
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    assert!(res.session_cookie().is_none(), "signed in through the link");
    assert_eq!(
        res.location(),
        Some(format!("/invitation/{token}").as_str())
    );
    assert!(!camille_signs_in(&app, "cheval pomme lundi vélo").await);
    // The disabling used the link up: the coordinator no longer sees it as pending.
    let open = app::ssr::db::entities::invitation::Entity::find()
        .filter(app::ssr::db::entities::invitation::Column::StaffId.eq(camille))
        .filter(app::ssr::db::entities::invitation::Column::UsedAt.is_null())
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(open, 0);
}

#[tokio::test]
async fn a_link_for_an_account_already_disabled_is_refused_in_french() {
    let app = TestApp::new().await;
    let (camille, sacha, _) = reset_link_for_camille(&app).await;
    app.post_form(
        "/api/equipe/desactiver",
        &[("id", &camille.to_string())],
        Some(&sacha),
    )
    .await;
    // A link made after the disabling (a coordinator's mistake) does not let her in either.
    let res = app
        .post_form(
            "/api/equipe/reinitialiser",
            &[("id", &camille.to_string())],
            Some(&sacha),
        )
        .await;
    let token = app.link_token(&res, &sacha).await;
    app.get(&format!("/invitation/{token}"), None)
        .await
        .assert_shows("ce compte a été désactivé");
    let res = app
        .post_form(
            "/api/invitation/accepter",
            &[("token", &token), ("password", "cheval pomme lundi vélo")],
            None,
        )
        .await;
    assert!(res.session_cookie().is_none(), "signed in through the link");
    assert!(!camille_signs_in(&app, "cheval pomme lundi vélo").await);
    // The service says so too (not merely "gone"), without touching the password.
    let accepted = app.state.users.forget(
        app::ssr::services::team::accept(
            &app.state.db,
            app.state.passwords.permit_unbounded().await,
            &token,
            "",
            "cheval pomme lundi vélo",
        )
        .await
        .unwrap(),
    );
    assert!(
        matches!(accepted, app::ssr::services::team::Accepted::Disabled),
        "{accepted:?}"
    );
}

#[tokio::test]
async fn a_disabled_member_s_session_is_refused_even_if_it_outlived_the_disabling() {
    use app::ssr::services::sessions;
    use sea_orm::sea_query::Expr;
    let app = TestApp::new().await;
    let camille =
        app::ssr::services::accounts::find_staff_by_username(&app.state.db, "demo.benevole")
            .await
            .unwrap()
            .unwrap();
    // A session started in the same instant as the disabling, and so not deleted by it.
    let (token, _) = sessions::start(&app.state.db, sessions::Subject::Staff(camille.id))
        .await
        .unwrap();
    staff::Entity::update_many()
        .col_expr(staff::Column::DisabledAt, Expr::value(app::ssr::db::now()))
        .filter(staff::Column::Id.eq(camille.id))
        .exec(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        sessions::resolve(&app.state.db, &token).await.unwrap(),
        None
    );
    let page = app
        .get("/benevole", Some(&format!("pap_session={token}")))
        .await;
    assert!(!page.body.contains("Camille"), "{}", page.body);
}
