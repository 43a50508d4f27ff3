//! The volunteers' own training path (issue 22, item 4): modules written for volunteers
//! (`audience = "benevoles"`) that learners and visitors never reach, walked through by
//! members of staff with the step player, their progress recorded per member and shown at
//! `/benevole/formation`, where a coordinator also sees their own structure's volunteers.

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::common::*;
use app::ssr::db::entities::{staff, staff_step_progress, step_progress};

const MODULE: &str = "benevoles-accompagner";
const LESSON: &str = "accueillir";
/// The steps of `accueillir`, in order.
const STEPS: [&str; 6] = [
    "public",
    "peurs",
    "evitement",
    "verifions-evitement",
    "rassurer",
    "verifions-premiere-fois",
];
const MODULE_TITLE: &str = "Accompagner une personne éloignée du numérique";
const LESSON_TITLE: &str = "Accueillir et rassurer";
/// The lessons of the shipped training modules.
const LESSONS: usize = 6;

async fn next(app: &TestApp, cookie: &str, step: &str) -> TestResponse {
    app.post_form(
        "/api/suivant",
        &[("module", MODULE), ("lesson", LESSON), ("step", step)],
        Some(cookie),
    )
    .await
}

async fn staff_id(app: &TestApp, username: &str) -> i32 {
    staff::Entity::find()
        .filter(staff::Column::Username.eq(username))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn rows(app: &TestApp, staff_id: i32) -> u64 {
    staff_step_progress::Entity::find()
        .filter(staff_step_progress::Column::StaffId.eq(staff_id))
        .count(&app.state.db)
        .await
        .unwrap()
}

/// Finishes the whole lesson `accueillir` for the member of staff behind `cookie`.
async fn finish_lesson(app: &TestApp, cookie: &str) {
    for step in STEPS {
        let res = next(app, cookie, step).await;
        assert_eq!(res.status, StatusCode::FOUND, "{step}: {}", res.body);
    }
}

#[tokio::test]
async fn learners_and_visitors_never_see_the_volunteers_modules() {
    let app = TestApp::new().await;
    let learner = app.learner_cookie().await;
    let step = format!("/modules/{MODULE}/{LESSON}/{}", STEPS[0]);
    for (who, cookie) in [("a visitor", None), ("a learner", Some(learner.as_str()))] {
        let catalogue = app.get("/modules", cookie).await;
        assert_eq!(catalogue.status, StatusCode::OK, "{who}");
        assert!(
            catalogue
                .body
                .contains("L&#x27;e-mail, c&#x27;est comme La Poste")
                || catalogue.body.contains("La Poste"),
            "{who}: the learners' modules are listed"
        );
        for hidden in [
            MODULE_TITLE,
            "Animer et utiliser Pas à Pas",
            "Pour les bénévoles",
        ] {
            assert!(!catalogue.body.contains(hidden), "{who} sees {hidden}");
        }
        for path in [
            format!("/modules/{MODULE}"),
            step.clone(),
            format!("/modules/{MODULE}/{LESSON}/fin"),
        ] {
            let res = app.get(&path, cookie).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{who}: {path}");
            assert!(!res.body.contains(LESSON_TITLE), "{who}: {path}");
        }
        let home = app.get("/", cookie).await;
        assert!(!home.body.contains(MODULE_TITLE), "{who}: home page");
    }
    // "Suivant" and "Valider" in a volunteers' lesson record nothing for a learner.
    let res = next(&app, &learner, STEPS[0]).await;
    assert_ne!(res.status, StatusCode::OK);
    assert!(
        !res.location().unwrap_or_default().contains(STEPS[1]),
        "not led on through the lesson: {:?}",
        res.location()
    );
    let jeanne = app.demo_learner_id().await;
    let recorded = step_progress::Entity::find()
        .filter(step_progress::Column::LearnerId.eq(jeanne))
        .filter(step_progress::Column::Module.eq(MODULE))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(recorded, 0, "nothing recorded for a learner");
    let res = app
        .post_form(
            "/api/repondre",
            &[
                ("module", MODULE),
                ("lesson", LESSON),
                ("step", "verifions-evitement"),
                ("question", "evitement-sens"),
                ("reponse", "b"),
            ],
            Some(&learner),
        )
        .await;
    assert!(res.status.is_redirection(), "{}", res.status);
    let to = res.location().unwrap().to_string();
    assert!(
        !to.contains("reponse="),
        "no explanation for a learner: {to}"
    );
    assert_eq!(
        app.get(&to, Some(&learner)).await.status,
        StatusCode::NOT_FOUND
    );
    // The learners' advice list (what a volunteer may advise) leaves them out too.
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let page = app
        .get(&format!("/benevole/apprenants/{jeanne}"), Some(&staff))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains(LESSON_TITLE),
        "a learner is not advised a training lesson"
    );
}

#[tokio::test]
async fn staff_find_the_volunteers_modules_in_the_catalogue_and_walk_through_them() {
    let app = TestApp::new().await;
    for username in ["demo.benevole", "demo.coordination", "demo.formateur"] {
        let cookie = app.staff_cookie(username, "demo-pas-a-pas").await;
        let catalogue = app.get("/modules", Some(&cookie)).await;
        catalogue.assert_shows("Pour les bénévoles");
        catalogue.assert_shows(MODULE_TITLE);
        catalogue.assert_shows("Animer et utiliser Pas à Pas");
        let module = app.get(&format!("/modules/{MODULE}"), Some(&cookie)).await;
        assert_eq!(module.status, StatusCode::OK, "{username}");
        module.assert_shows(LESSON_TITLE);
    }
    let cookie = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let camille = staff_id(&app, "demo.benevole").await;
    let step = app
        .get(
            &format!("/modules/{MODULE}/{LESSON}/{}", STEPS[0]),
            Some(&cookie),
        )
        .await;
    assert_eq!(step.status, StatusCode::OK, "{}", step.body);
    step.assert_shows("Qui vous allez rencontrer");
    assert!(
        !step.body.contains("J&#x27;ai besoin d&#x27;aide")
            && !step.body.contains("J'ai besoin d'aide"),
        "no help button for a member of staff"
    );

    // "Suivant" records the step for Camille, once however often it is sent.
    let res = next(&app, &cookie, STEPS[0]).await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(
        res.location(),
        Some(format!("/modules/{MODULE}/{LESSON}/{}#enregistre", STEPS[1]).as_str())
    );
    next(&app, &cookie, STEPS[0]).await;
    assert_eq!(rows(&app, camille).await, 1);

    // Her path says the lesson is in progress; "Reprendre" leads to the next step.
    let path = app.get("/benevole/formation", Some(&cookie)).await;
    assert_eq!(path.status, StatusCode::OK);
    assert_eq!(path.headers["cache-control"], "no-store", "a private page");
    path.assert_shows("En cours (1 / 6 étapes faites)");
    assert!(
        path.body
            .contains(&format!("/modules/{MODULE}/{LESSON}/{}", STEPS[1]))
    );
    assert!(
        !path.body.contains("La formation de l&#x27;équipe")
            && !path.body.contains("La formation de l'équipe"),
        "a volunteer does not see the team's table"
    );

    // A check question is explained, in the same player.
    let res = app
        .post_form(
            "/api/repondre",
            &[
                ("module", MODULE),
                ("lesson", LESSON),
                ("step", "verifions-evitement"),
                ("question", "evitement-sens"),
                ("reponse", "b"),
            ],
            Some(&cookie),
        )
        .await;
    let to = res.location().unwrap().to_string();
    assert!(to.contains("reponse=evitement-sens"), "{to}");
    let explained = app.get(&to, Some(&cookie)).await;
    assert_eq!(explained.status, StatusCode::OK);
    explained.assert_shows("Oui. L'évitement protège d'une peur");

    // The last step leads to the end of the lesson, then to the next lesson of the path.
    finish_lesson(&app, &cookie).await;
    let res = next(&app, &cookie, STEPS[5]).await;
    assert_eq!(
        res.location(),
        Some(format!("/modules/{MODULE}/{LESSON}/fin#enregistre").as_str())
    );
    let end = app
        .get(&format!("/modules/{MODULE}/{LESSON}/fin"), Some(&cookie))
        .await;
    assert_eq!(end.status, StatusCode::OK);
    end.assert_shows("Parler simplement, avec des comparaisons");
    assert_eq!(rows(&app, camille).await, STEPS.len() as u64);
    let path = app.get("/benevole/formation", Some(&cookie)).await;
    path.assert_shows("Faite");
    // Camille's progress is hers: the coordinator's own path has not moved.
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let theirs = app.get(&format!("/modules/{MODULE}"), Some(&sacha)).await;
    assert!(!theirs.body.contains("Terminée"), "Sacha did nothing yet");
    // And a learner's progress is untouched.
    let learner = app.learner_cookie().await;
    let home = app.get("/carnet", Some(&learner)).await;
    assert!(!home.body.contains(LESSON_TITLE));
}

#[tokio::test]
async fn a_coordinator_sees_which_volunteers_of_their_structure_did_which_lessons() {
    let app = TestApp::new().await;
    let (alex, _) = app.other_structure().await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    finish_lesson(&app, &camille).await;
    // Another structure's volunteer does some training too: never shown to Sacha.
    finish_lesson(&app, &alex).await;

    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let page = app.get("/benevole/formation", Some(&sacha)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_shows("Leçons de formation faites, par bénévole");
    let table = &page.body[page.body.find("<table").expect("the team's table")..];
    let row = |name: &str| {
        let at = table
            .find(&format!("<th scope=\"row\">{name}</th>"))
            .unwrap_or_else(|| panic!("{name} is listed:\n{table}"));
        table[at..table[at..].find("</tr>").unwrap() + at].to_string()
    };
    let camille_row = row("Camille");
    assert!(
        camille_row.contains(&format!("1 leçon faite sur {LESSONS}")),
        "{camille_row}"
    );
    // The first lesson's cell is "Faite", the others "À faire".
    let cells: Vec<&str> = camille_row
        .split("<td>")
        .skip(2)
        .map(|c| c.split("</td>").next().unwrap())
        .collect();
    assert_eq!(cells.len(), LESSONS, "{camille_row}");
    assert_eq!(cells[0], "Faite");
    assert!(cells[1..].iter().all(|c| *c == "À faire"), "{cells:?}");
    let sacha_row = row("Sacha");
    assert!(
        sacha_row.contains(&format!("0 leçon faite sur {LESSONS}")),
        "{sacha_row}"
    );
    assert!(
        !table.contains("Alex"),
        "another structure's volunteer is not shown"
    );
    assert!(
        !table.contains("Dominique"),
        "a trainer-only account follows nobody"
    );

    // Alex (a volunteer, not a coordinator) sees only their own path.
    let theirs = app.get("/benevole/formation", Some(&alex)).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(!theirs.body.contains("<table"));
    theirs.assert_shows("Faite");

    // Learners and visitors are refused.
    let learner = app.learner_cookie().await;
    for cookie in [None, Some(learner.as_str())] {
        let res = app.get("/benevole/formation", cookie).await;
        assert_eq!(res.status, StatusCode::FOUND);
        assert_eq!(res.location(), Some("/benevole/connexion"));
    }
    let res = call_server_fn(&app, "/api/benevole/formation", &[], &learner).await;
    assert_ne!(res.status, StatusCode::OK, "{}", res.body);
}
