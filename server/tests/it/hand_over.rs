//! The end of a volunteer's mission (issue 22, item 3): a coordinator hands all of their
//! learners to another volunteer in one step, with their history, advised lessons, open
//! help requests and appointments to come; the learners are told who follows them now.
//! SQLite, and PostgreSQL with `PAP_TEST_POSTGRES`.

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::*;
use app::ssr::db::entities::{appointment, help_request, learner};

#[tokio::test]
async fn a_coordinator_hands_all_of_a_leaving_volunteer_s_learners_and_appointments_to_another() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let camille = staff_named(&app, "demo.benevole").await;
    let sacha = staff_named(&app, "demo.coordination").await;
    let jeanne = app.demo_learner_id().await;
    let (_, marcel) = app.another_learner("Marcel").await;
    app.assign_learners(camille.id, &[jeanne, marcel]).await;
    let camille_s = learner::Entity::find()
        .filter(learner::Column::VolunteerId.eq(camille.id))
        .all(db)
        .await
        .unwrap()
        .len() as u64;
    // Jeanne asks for help; she and Marcel have their next visit with Camille; Sacha is
    // already busy at Marcel's time.
    let learner_cookie = app.learner_cookie().await;
    let res = app
        .ask_for_help(&learner_cookie, "Je ne trouve pas l'arobase")
        .await;
    assert!(res.status.is_redirection(), "{}", res.body);
    let hers = app.appointment_at(&camille, jeanne, 9 * 60).await;
    let his = app.appointment_at(&camille, marcel, 10 * 60).await;
    let (_, other) = app.another_learner("Odette").await;
    app.appointment_at(&sacha, other, 10 * 60).await;

    // Only a coordinator of the structure, and only to an active volunteer other than the
    // one leaving.
    let volunteer = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let coordinator = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let (theirs, _) = app.other_structure().await;
    let form = [
        ("from", camille.id.to_string()),
        ("to", sacha.id.to_string()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for cookie in [&volunteer, &theirs] {
        assert_ne!(
            call_server_fn(&app, "/api/equipe/tout-confier", &form, cookie)
                .await
                .status,
            StatusCode::OK
        );
    }
    let same = [
        ("from", camille.id.to_string()),
        ("to", camille.id.to_string()),
    ];
    let same: Vec<(&str, &str)> = same.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        call_server_fn(&app, "/api/equipe/tout-confier", &same, &coordinator)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        learner::Entity::find_by_id(jeanne)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .volunteer_id,
        Some(camille.id),
        "nothing moved yet"
    );

    // The coordinator's team page offers it; one step moves everything.
    let team = app.get("/benevole/equipe", Some(&coordinator)).await;
    team.assert_shows("Confier tous les apprenants d'un bénévole (fin de mission)");
    let res = app
        .post_form("/api/equipe/tout-confier", &form, Some(&coordinator))
        .await;
    let to = res.location().unwrap().to_string();
    assert!(to.starts_with("/benevole/equipe?fait=tout-confie"), "{to}");
    let page = app.get(&to, Some(&coordinator)).await;
    page.assert_shows(&format!(
        "C'est fait : {camille_s} apprenants confiés, 1 rendez-vous à venir repris."
    ));
    page.assert_shows("1 rendez-vous tombait à la même heure qu'un autre du nouveau bénévole : il est annulé, et la personne est dans la liste « à rappeler ».");
    assert!(
        learner::Entity::find()
            .filter(learner::Column::VolunteerId.eq(camille.id))
            .all(db)
            .await
            .unwrap()
            .is_empty()
    );
    let jeanne_now = learner::Entity::find_by_id(jeanne)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(jeanne_now.volunteer_id, Some(sacha.id));
    assert!(jeanne_now.volunteer_since.is_some());
    let hers = appointment::Entity::find_by_id(hers.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((hers.staff_id, hers.status.as_str()), (sacha.id, "a-venir"));
    let his = appointment::Entity::find_by_id(his.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((his.staff_id, his.status.as_str()), (camille.id, "annule"));
    let recall = app
        .get("/benevole/agenda/a-rappeler", Some(&coordinator))
        .await;
    recall.assert_shows("Marcel");

    // Her help request is still open, now on Sacha's dashboard; Jeanne is told.
    let open = help_request::Entity::find()
        .filter(help_request::Column::LearnerId.eq(jeanne))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(open.handled_at.is_none());
    let dashboard = app.get("/benevole", Some(&coordinator)).await;
    dashboard.assert_shows("Je ne trouve pas l'arobase");
    let home = app.get("/", Some(&learner_cookie)).await;
    home.assert_shows(&format!(
        "Depuis le {}, c'est Sacha qui vous accompagne.",
        app::text::dates::iso_date_fr(&app::text::dates::today_iso(app::ssr::db::now()))
    ));
}
