//! A learner who moves house (issue 22, item 1): a coordinator of their structure moves
//! them to another structure of the programme, once the learner said yes (a box the
//! coordinator ticks); their learning history follows them, their appointments to come
//! in the old structure are cancelled, and the old structure's sessions stay there.
//! SQLite, and PostgreSQL with `PAP_TEST_POSTGRES`.

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::*;
use app::ssr::db::entities::{appointment, help_request, learner, learner_move, structure, visit};
use app::ssr::services::network::{self, Made};

const FORM: &str = "/api/equipe/demenager";

/// A second structure, "Maison des Aînés" in the territory "Béarn", with its coordinator
/// Nadia: `(structure id, Nadia's cookie)`.
async fn new_structure(app: &TestApp) -> (i32, String) {
    let Made::Created(territory) = network::create_territory(&app.state.db, "Béarn")
        .await
        .unwrap()
    else {
        panic!("no territory");
    };
    app.structure_with_coordinator(
        "Maison des Aînés",
        Some(territory),
        "nadia.coordination",
        "Nadia",
    )
    .await
}

fn form<'a>(
    learner: &'a str,
    to: &'a str,
    once: &'a str,
    consent: bool,
) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![("learner", learner), ("structure", to), ("once", once)];
    if consent {
        f.push(("consent", "oui"));
    }
    f
}

#[tokio::test]
async fn without_the_learner_s_consent_nothing_moves_and_the_form_comes_back_as_chosen() {
    let app = TestApp::new().await;
    let jeanne = app.demo_learner_id().await;
    let (to, _) = new_structure(&app).await;
    let coordinator = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    // The learner's page offers the move to a coordinator; the form lists the programme's
    // other structures with their territory.
    let page = app
        .get(
            &format!("/benevole/apprenants/{jeanne}"),
            Some(&coordinator),
        )
        .await;
    page.assert_shows(app::text::moves::LINK);
    let path = format!("/benevole/apprenants/{jeanne}/demenagement");
    let page = app.get(&path, Some(&coordinator)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("Maison des Aînés (Béarn)");
    page.assert_shows("Jeanne est d'accord pour que la nouvelle structure voie son parcours");
    let once = app.form_token(&path, &coordinator).await;
    let (id, to_s) = (jeanne.to_string(), to.to_string());
    let res = app
        .post_form(FORM, &form(&id, &to_s, &once, false), Some(&coordinator))
        .await;
    let back = res.location().unwrap().to_string();
    assert_eq!(
        back,
        format!("{path}?vers={to}&erreur=accord#accord"),
        "{}",
        res.body
    );
    let page = app.get(&back, Some(&coordinator)).await;
    page.assert_shows(app::text::moves::NO_CONSENT);
    page.assert_shows(&format!("<option value=\"{to}\" selected"));
    page.assert_shows("aria-invalid=\"true\"");
    let jeanne_now = learner::Entity::find_by_id(jeanne)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(jeanne_now.structure_id, to, "nothing moved");
    assert!(
        learner_move::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .is_empty()
    );
    // The token was not spent: ticked this time, the same form moves her.
    let res = app
        .post_form(FORM, &form(&id, &to_s, &once, true), Some(&coordinator))
        .await;
    assert_eq!(res.location(), Some("/benevole/apprenants?fait=demenage"));
}

#[tokio::test]
async fn only_a_coordinator_of_the_learner_s_structure_may_move_them() {
    let app = TestApp::new().await;
    let jeanne = app.demo_learner_id().await;
    let (to, nadia) = new_structure(&app).await;
    let volunteer = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let (alex, paul) = app.other_structure().await;
    let coordinator = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let (id, to_s) = (jeanne.to_string(), to.to_string());
    // A volunteer: refused, the page and the post.
    let path = format!("/benevole/apprenants/{jeanne}/demenagement");
    assert_eq!(
        app.get(&path, Some(&volunteer)).await.status,
        StatusCode::FORBIDDEN
    );
    let page = app
        .get(&format!("/benevole/apprenants/{jeanne}"), Some(&volunteer))
        .await;
    assert!(!page.body.contains(app::text::moves::LINK));
    let res = call_server_fn(&app, FORM, &form(&id, &to_s, "", true), &volunteer).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    // Another structure's coordinator (Nadia) and volunteer (Alex): not their learner.
    assert_eq!(
        app.get(&path, Some(&nadia)).await.status,
        StatusCode::NOT_FOUND
    );
    let res = call_server_fn(&app, FORM, &form(&id, &to_s, "", true), &nadia).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    assert_ne!(
        call_server_fn(&app, FORM, &form(&id, &to_s, "", true), &alex)
            .await
            .status,
        StatusCode::OK
    );
    // The demo coordinator and another structure's learner (Paul): not found.
    let paul_s = paul.to_string();
    let res = call_server_fn(&app, FORM, &form(&paul_s, &to_s, "", true), &coordinator).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    assert_eq!(
        app.get(
            &format!("/benevole/apprenants/{paul}/demenagement"),
            Some(&coordinator)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    // To a structure that does not exist, or their own: not found.
    for to in ["999999".to_string(), {
        learner::Entity::find_by_id(jeanne)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .structure_id
            .to_string()
    }] {
        let res = call_server_fn(&app, FORM, &form(&id, &to, "", true), &coordinator).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    }
    assert!(
        learner_move::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_learner_moves_once_with_their_history_and_the_old_structure_keeps_its_sessions() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let jeanne = app.demo_learner_id().await;
    let camille = staff_named(&app, "demo.benevole").await;
    let sacha = staff_named(&app, "demo.coordination").await;
    let from = sacha.structure_id;
    app.assign_learners(camille.id, &[jeanne]).await;
    let (to, nadia) = new_structure(&app).await;
    // Jeanne learns a step, asks for help, had a session with a note here, and has a visit
    // to come.
    let learner_cookie = app.learner_cookie().await;
    let res = app
        .post_form(
            "/api/suivant",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", "une-lettre-mais-sans-papier"),
            ],
            Some(&learner_cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let res = app
        .ask_for_help(&learner_cookie, "Je ne trouve pas l'arobase")
        .await;
    assert!(res.status.is_redirection(), "{}", res.body);
    // A past session with a note.
    app.add_session(NewSession {
        minutes: 45,
        note: Some("Elle a peur des arnaques"),
        learners: &[jeanne],
        ..NewSession::new(from, "2026-11-02")
    })
    .await;
    let coming = app.appointment_at(&camille, jeanne, 9 * 60).await;
    let coordinator = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let before = app
        .get(
            &format!("/benevole/apprenants/{jeanne}"),
            Some(&coordinator),
        )
        .await;
    before.assert_shows("Elle a peur des arnaques");
    // Nadia's structure does not see her yet.
    assert_eq!(
        app.get(&format!("/benevole/apprenants/{jeanne}"), Some(&nadia))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // A double click: the same form twice moves her once.
    let path = format!("/benevole/apprenants/{jeanne}/demenagement");
    let once = app.form_token(&path, &coordinator).await;
    let (id, to_s) = (jeanne.to_string(), to.to_string());
    let first = app
        .post_form(FORM, &form(&id, &to_s, &once, true), Some(&coordinator))
        .await;
    assert_eq!(
        first.location(),
        Some("/benevole/apprenants?fait=demenage"),
        "{}",
        first.body
    );
    let again = app
        .post_form(FORM, &form(&id, &to_s, &once, true), Some(&coordinator))
        .await;
    assert_eq!(again.location(), first.location());
    let moves = learner_move::Entity::find().all(db).await.unwrap();
    assert_eq!(moves.len(), 1);
    let m = &moves[0];
    assert_eq!(
        (
            m.learner_id,
            m.from_structure_id,
            m.to_structure_id,
            m.staff_id
        ),
        (jeanne, from, to, Some(sacha.id))
    );
    assert!(m.consent_at > 0 && m.moved_at >= m.consent_at);
    let list = app
        .get("/benevole/apprenants?fait=demenage", Some(&coordinator))
        .await;
    list.assert_shows(app::text::moves::DONE);

    // She is in the new structure, with no volunteer yet.
    let jeanne_now = learner::Entity::find_by_id(jeanne)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            jeanne_now.structure_id,
            jeanne_now.volunteer_id,
            jeanne_now.volunteer_since
        ),
        (to, None, None)
    );
    // Her appointment to come in the old structure is cancelled.
    let coming = appointment::Entity::find_by_id(coming.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(coming.status, "annule");
    assert_eq!(coming.holds_slot, None);

    // The old structure: not found, like any other structure's learner.
    for cookie in [
        &coordinator,
        &app.staff_cookie("demo.benevole", "demo-pas-a-pas").await,
    ] {
        assert_eq!(
            app.get(&format!("/benevole/apprenants/{jeanne}"), Some(cookie))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
    assert!(
        !app.get("/benevole/apprenants", Some(&coordinator))
            .await
            .body
            .contains(&format!("/benevole/apprenants/{jeanne}\""))
    );
    // Nor on its "à rappeler" list, though her appointment there was cancelled.
    let recall = app
        .get("/benevole/agenda/a-rappeler", Some(&coordinator))
        .await;
    assert_eq!(recall.status, StatusCode::OK);
    assert!(!recall.body.contains("Jeanne"), "{}", recall.body);
    // Its sessions stay in its records.
    let kept = visit::Entity::find()
        .filter(visit::Column::StructureId.eq(from))
        .all(db)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);

    // The new structure sees her, her progress and her open help request, not the old
    // structure's session notes; she is on its list with nobody yet, to be given to one.
    let page = app
        .get(&format!("/benevole/apprenants/{jeanne}"), Some(&nadia))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_shows("Jeanne");
    assert!(!page.body.contains(app::text::DASHBOARD_NO_PROGRESS));
    page.assert_shows(app::text::LEARNER_STEP_DONE);
    page.assert_shows("Je ne trouve pas l'arobase");
    assert!(!page.body.contains("Elle a peur des arnaques"));
    page.assert_shows(app::text::LEARNER_NO_SESSION);
    let open = help_request::Entity::find()
        .filter(help_request::Column::LearnerId.eq(jeanne))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(open.handled_at.is_none());
    let dashboard = app.get("/benevole", Some(&nadia)).await;
    dashboard.assert_shows(app::text::dashboard::UNASSIGNED);
    dashboard.assert_shows(&format!(
        "<a href=\"/benevole/apprenants/{jeanne}\">Jeanne</a>"
    ));
    let team = app.get("/benevole/equipe", Some(&nadia)).await;
    team.assert_shows(&format!(
        "<option value=\"{jeanne}\">Jeanne ({})</option>",
        app::text::TEAM_MOVE_NOBODY
    ));

    // Her home page says her new structure will call her; once Nadia gives her to
    // herself, who follows her.
    let home = app.get("/", Some(&learner_cookie)).await;
    home.assert_shows(&app::text::moves::will_call("Maison des Aînés"));
    let nadia_id = staff_named(&app, "nadia.coordination").await.id;
    let res = app
        .post_form(
            "/api/equipe/confier",
            &[
                ("learner", id.as_str()),
                ("volunteer", &nadia_id.to_string()),
            ],
            Some(&nadia),
        )
        .await;
    assert!(res.status.is_redirection(), "{}", res.body);
    let home = app.get("/", Some(&learner_cookie)).await;
    home.assert_shows("c'est Nadia qui vous accompagne.");
    let dashboard = app.get("/benevole", Some(&nadia)).await;
    assert!(!dashboard.body.contains(app::text::dashboard::UNASSIGNED));
    assert!(
        !home
            .body
            .contains(&app::text::moves::will_call("Maison des Aînés"))
    );
    assert!(
        structure::Entity::find_by_id(to)
            .one(db)
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn the_moves_migration_goes_down_and_up_again() {
    use app::ssr::db::migration::m20261207_001101_create_learner_move::Migration;
    use sea_orm_migration::{MigrationTrait, SchemaManager};
    let app = TestApp::new().await;
    let manager = SchemaManager::new(&app.state.db);
    Migration.down(&manager).await.unwrap();
    assert!(!manager.has_table("learner_move").await.unwrap());
    Migration.up(&manager).await.unwrap();
    assert!(manager.has_table("learner_move").await.unwrap());
    assert!(
        learner_move::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .is_empty()
    );
}
