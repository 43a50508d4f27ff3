//! The volunteer's dashboard (`/benevole`, issue 20 item 7): my appointments of today and
//! of the week first, then who needs attention with every reason (an open help request no
//! longer hides "stuck"), then the others in a table; the search by first name and the
//! filters (zone, "à rappeler", stuck) as a GET query string; only my learners and my
//! appointments, never another structure's. SQLite, and PostgreSQL with `PAP_TEST_POSTGRES`.

use axum::http::{StatusCode, header};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

use crate::common::*;
use app::model::agenda::Status;
use app::ssr::db::entities::{answer, appointment, help_call, help_request, learner, staff};
use app::ssr::db::now;
use app::ssr::services::{accounts, agenda, zones};

/// Today in France, as a date.
fn today() -> time::Date {
    let (today, _) = app::text::dates::paris_now(now());
    agenda::parse_day(&today).unwrap()
}

fn day_in(n: i64) -> String {
    agenda::iso(today() + time::Duration::days(n))
}

/// A learner followed by `volunteer`.
async fn learner_of(app: &TestApp, volunteer: &staff::Model, name: &str) -> learner::Model {
    accounts::create_learner(
        &app.state.db,
        volunteer.structure_id,
        Some(volunteer.id),
        name,
        None,
    )
    .await
    .unwrap()
}

/// An appointment of `volunteer` with `learner` (one to one, at home in `commune`).
async fn appointment_with(
    app: &TestApp,
    volunteer: &staff::Model,
    learner: Option<i32>,
    day: &str,
    hour: i32,
    status: Status,
    zone: Option<i32>,
) -> i32 {
    appointment::ActiveModel {
        structure_id: Set(volunteer.structure_id),
        staff_id: Set(volunteer.id),
        kind: Set("domicile".into()),
        place_id: Set(None),
        zone_id: Set(zone),
        day: Set(day.to_string()),
        start_minute: Set(hour * 60),
        end_minute: Set(hour * 60 + 60),
        holds_slot: Set(status.holds_slot().then_some(true)),
        capacity: Set(None),
        learner_id: Set(learner),
        call_id: Set(None),
        commune: Set("Morlaàs".into()),
        status: Set(status.code().into()),
        recalled_at: Set(None),
        created_by: Set(volunteer.id),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id
}

/// Three wrong answers in a row to the same question: "stuck".
async fn three_wrong_answers(app: &TestApp, learner_id: i32) {
    for i in 0..3 {
        answer::ActiveModel {
            learner_id: Set(learner_id),
            module: Set("email-la-poste".into()),
            lesson: Set("adresse-enveloppe".into()),
            step: Set("lire".into()),
            question: Set("adresse-bien-ecrite".into()),
            choices: Set("c".into()),
            correct: Set(false),
            answered_at: Set(now() - 600 + i * 60),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .unwrap();
    }
}

async fn help_request_of(app: &TestApp, learner_id: i32, message: &str) {
    help_request::ActiveModel {
        learner_id: Set(learner_id),
        module: Set("email-la-poste".into()),
        lesson: Set("adresse-enveloppe".into()),
        step: Set("arobase".into()),
        message: Set(Some(message.into())),
        created_at: Set(now() - 3600),
        handled_at: Set(None),
        handled_by: Set(None),
        reply: Set(None),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

/// A call still waiting for a slot, for `learner_id`.
async fn waiting_call(app: &TestApp, by: &staff::Model, learner_id: i32, zone: Option<i32>) {
    help_call::ActiveModel {
        structure_id: Set(by.structure_id),
        learner_id: Set(learner_id),
        first_name: Set("x".into()),
        reach: Set("telephone".into()),
        phone: Set("0612345678".into()),
        postcode: Set("64000".into()),
        commune: Set("Pau".into()),
        zone_id: Set(zone),
        needs: Set(String::new()),
        note: Set(String::new()),
        availability: Set(String::new()),
        waiting: Set(true),
        created_by: Set(by.id),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

/// Zones "Nord" (Morlaàs) and "Sud" (Pau) of the demo structure: (Nord, Sud).
async fn two_zones(app: &TestApp) -> (i32, i32) {
    let db = &app.state.db;
    let sacha = staff_named(app, "demo.coordination").await;
    zones::add_zone(db, &sacha, "Nord").await.unwrap();
    zones::add_zone(db, &sacha, "Sud").await.unwrap();
    let view = zones::view(db, &sacha).await.unwrap();
    let id = |name: &str| view.zones.iter().find(|z| z.name == name).unwrap().id;
    let (nord, sud) = (id("Nord"), id("Sud"));
    zones::add_commune(db, &sacha, nord, "64160", "Morlaàs")
        .await
        .unwrap();
    zones::add_commune(db, &sacha, sud, "64000", "Pau")
        .await
        .unwrap();
    (nord, sud)
}

fn pos(body: &str, what: &str) -> usize {
    body.find(what)
        .unwrap_or_else(|| panic!("{what:?} not in:\n{body}"))
}

#[tokio::test]
async fn the_dashboard_starts_with_my_appointments_of_today_then_of_the_week() {
    let app = TestApp::new().await;
    let camille = staff_named(&app, "demo.benevole").await;
    let sacha = staff_named(&app, "demo.coordination").await;
    let jeanne = app.demo_learner_id().await;
    let lucien = learner_of(&app, &sacha, "Lucien").await;
    // Today: Jeanne at 14 h, and Lucien (Sacha's learner) at 9 h, cancelled.
    appointment_with(
        &app,
        &camille,
        Some(jeanne),
        &day_in(0),
        14,
        Status::Upcoming,
        None,
    )
    .await;
    appointment_with(
        &app,
        &camille,
        Some(lucien.id),
        &day_in(0),
        9,
        Status::Cancelled,
        None,
    )
    .await;
    // Sacha's own appointment today, and mine next week and yesterday: not on my dashboard.
    let marcel = learner_of(&app, &sacha, "Marcel").await;
    appointment_with(
        &app,
        &sacha,
        Some(marcel.id),
        &day_in(0),
        10,
        Status::Upcoming,
        None,
    )
    .await;
    let next_monday = agenda::iso(agenda::monday_of(today()) + time::Duration::days(7));
    let pierre = learner_of(&app, &camille, "Pierre").await;
    appointment_with(
        &app,
        &camille,
        Some(pierre.id),
        &next_monday,
        10,
        Status::Upcoming,
        None,
    )
    .await;
    appointment_with(
        &app,
        &camille,
        Some(pierre.id),
        &day_in(-1),
        10,
        Status::Came,
        None,
    )
    .await;
    // Later this week (there is no later this week on a Sunday).
    let sunday = agenda::monday_of(today()) + time::Duration::days(6);
    let later = (sunday > today()).then(|| agenda::iso(sunday));
    let odile = learner_of(&app, &camille, "Odile").await;
    if let Some(day) = &later {
        appointment_with(
            &app,
            &camille,
            Some(odile.id),
            day,
            11,
            Status::Upcoming,
            None,
        )
        .await;
    }

    let cookie = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let page = app.get("/benevole", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    let body = &page.body;
    let today_at = pos(body, ">Aujourd'hui<");
    let week_at = pos(body, ">Cette semaine<");
    let learners_at = pos(body, "id=\"apprenants\"");
    assert!(today_at < week_at && week_at < learners_at);
    // Today, by time: Lucien's cancelled visit at 9 h, then Jeanne at 14 h, each linked.
    let today_part = &body[today_at..week_at];
    let lucien_at = pos(
        today_part,
        &format!("href=\"/benevole/apprenants/{}\">Lucien<", lucien.id),
    );
    let jeanne_at = pos(
        today_part,
        &format!("href=\"/benevole/apprenants/{jeanne}\">Jeanne<"),
    );
    assert!(lucien_at < jeanne_at);
    assert!(today_part.contains("9 h – 10 h"));
    assert!(today_part.contains("14 h – 15 h"));
    assert!(
        today_part.contains("à domicile, Morlaàs · annulé"),
        "{today_part}"
    );
    assert!(today_part.contains("à domicile, Morlaàs · à venir"));
    assert!(!today_part.contains("Marcel"), "Sacha's appointment");
    let week_part = &body[week_at..learners_at];
    match &later {
        Some(day) => {
            assert!(week_part.contains(&app::text::dates::day_with_weekday_fr(day)));
            assert!(week_part.contains(">Odile<"), "{week_part}");
        }
        None => assert!(week_part.contains("Aucun autre rendez-vous d'ici dimanche.")),
    }
    // Next week's and yesterday's are not in the agenda part.
    assert!(!body[..learners_at].contains(">Pierre<"), "{body}");
    assert!(!body.contains(&app::text::dates::day_with_weekday_fr(&next_monday)));
}

#[tokio::test]
async fn who_needs_attention_comes_first_with_every_reason_then_the_others() {
    let app = TestApp::new().await;
    let camille = staff_named(&app, "demo.benevole").await;
    let jeanne = app.demo_learner_id().await;
    // Jeanne asked for help AND failed the same question three times: both are shown.
    help_request_of(&app, jeanne, "Où est le @ ?").await;
    three_wrong_answers(&app, jeanne).await;
    // Bernard is stuck only; Albert was absent last week (to call back); Aaron is fine.
    let bernard = learner_of(&app, &camille, "Bernard").await;
    three_wrong_answers(&app, bernard.id).await;
    let albert = learner_of(&app, &camille, "Albert").await;
    appointment_with(
        &app,
        &camille,
        Some(albert.id),
        &day_in(-7),
        10,
        Status::Absent,
        None,
    )
    .await;
    // Aaron was absent too, but has an appointment coming: nobody needs to call him back.
    let aaron = learner_of(&app, &camille, "Aaron").await;
    appointment_with(
        &app,
        &camille,
        Some(aaron.id),
        &day_in(-7),
        11,
        Status::Absent,
        None,
    )
    .await;
    appointment_with(
        &app,
        &camille,
        Some(aaron.id),
        &day_in(8),
        11,
        Status::Upcoming,
        None,
    )
    .await;

    let cookie = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let body = app.get("/benevole", Some(&cookie)).await.body;
    let attention = pos(&body, ">À suivre<");
    let jeanne_at = pos(&body, ">Jeanne</a></h3>");
    let bernard_at = pos(&body, ">Bernard</a></h3>");
    let albert_at = pos(&body, ">Albert</a></h3>");
    let others = pos(&body, ">Les autres apprenants<");
    let aaron_at = pos(&body, ">Aaron</a></th>");
    // Help first, then stuck, then to call back, whatever the alphabet says; then the rest.
    assert!(attention < jeanne_at);
    assert!(jeanne_at < bernard_at && bernard_at < albert_at && albert_at < others);
    assert!(others < aaron_at);
    // Jeanne's card says both reasons, with her request and its answer form.
    let card = &body[jeanne_at..bernard_at];
    assert!(card.contains("A demandé de l'aide (1)"), "{card}");
    assert!(card.contains("Où est le @ ?"));
    assert!(card.contains("Marquer comme traitée"));
    assert!(card.contains("Semble bloqué"), "{card}");
    assert!(card.contains("S'est trompé 3 fois de suite"), "{card}");
    let card = &body[bernard_at..albert_at];
    assert!(card.contains("Semble bloqué") && !card.contains("A demandé de l"));
    let card = &body[albert_at..others];
    assert!(card.contains("À rappeler"), "{card}");
    assert!(
        card.contains(&format!(
            "Absent au rendez-vous du {}.",
            app::text::dates::day_with_weekday_fr(&day_in(-7))
        )),
        "{card}"
    );
    assert!(!body[others..].contains("Semble bloqué"));

    // The request handled, Jeanne stays in "À suivre": she is still stuck.
    let request = help_request::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let res = app
        .post_form(
            "/api/benevole/aide-traitee",
            &[("id", &request.id.to_string()), ("back", "/benevole")],
            Some(&cookie),
        )
        .await;
    assert_eq!(res.location(), Some("/benevole?aide=traitee"));
    let body = app.get("/benevole", Some(&cookie)).await.body;
    // Both stuck now: by first name, Bernard first.
    let (bernard_at, jeanne_at) = (
        pos(&body, ">Bernard</a></h3>"),
        pos(&body, ">Jeanne</a></h3>"),
    );
    assert!(bernard_at < jeanne_at);
    let card = &body[jeanne_at..pos(&body, ">Albert</a></h3>")];
    assert!(!card.contains("A demandé de l"), "{card}");
    assert!(card.contains("Semble bloqué"), "{card}");
}

#[tokio::test]
async fn search_by_name_and_filters_by_zone_recall_and_stuck_in_the_query_string() {
    let app = TestApp::new().await;
    let (nord, sud) = two_zones(&app).await;
    let camille = staff_named(&app, "demo.benevole").await;
    // Hélène lives in Morlaàs (her profile): Nord. Bernard called from Pau, waiting for a
    // slot: Sud, to call back. Jeanne is stuck, in no zone. Henri: nothing.
    let helene = learner_of(&app, &camille, "Hélène").await;
    let mut row = helene.clone().into_active_model();
    row.commune = Set(Some("morlaas".into()));
    row.update(&app.state.db).await.unwrap();
    let bernard = learner_of(&app, &camille, "Bernard").await;
    waiting_call(&app, &camille, bernard.id, Some(sud)).await;
    three_wrong_answers(&app, app.demo_learner_id().await).await;
    learner_of(&app, &camille, "Henri").await;
    let cookie = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let get = |query: &str| {
        let (app, cookie) = (&app, &cookie);
        let path = format!("/benevole{query}");
        async move {
            let res = app.get(&path, Some(cookie)).await;
            assert_eq!(res.status, StatusCode::OK, "{path}");
            res.body
        }
    };

    let all = get("").await;
    all.assert_shows_in("Vous suivez 4 apprenants.");
    // The form: a GET back to the page's results, without JavaScript.
    all.assert_shows_in("method=\"get\" action=\"/benevole#apprenants\"");
    all.assert_shows_in("role=\"search\"");

    // By name: case, accents do not count; what was typed comes back in the field.
    let found = get("?nom=HELE").await;
    found.assert_shows_in("1 apprenant sur 4 correspond à la recherche.");
    found.assert_shows_in(">Hélène<");
    assert!(!found.contains(">Henri<") && !found.contains(">Jeanne<"));
    found.assert_shows_in("value=\"HELE\"");
    found.assert_shows_in(">Tout afficher<");
    let found = get("?nom=e").await;
    found.assert_shows_in("4 apprenants sur 4 correspondent à la recherche.");

    // By zone: Hélène's profile commune, Bernard's call.
    let found = get(&format!("?zone={nord}")).await;
    found.assert_shows_in("1 apprenant sur 4 correspond");
    found.assert_shows_in(">Hélène<");
    found.assert_shows_in(&format!("value=\"{nord}\" selected"));
    let found = get(&format!("?zone={sud}")).await;
    found.assert_shows_in(">Bernard</a></h3>");
    assert!(!found.contains(">Hélène<"));

    // "À rappeler": Bernard's call waiting; "Semble bloqué(e)": Jeanne.
    let found = get("?rappeler=1").await;
    found.assert_shows_in("1 apprenant sur 4 correspond");
    found.assert_shows_in(">Bernard</a></h3>");
    found.assert_shows_in("Attend un créneau depuis son appel du");
    found.assert_shows_in("name=\"rappeler\" value=\"1\" checked");
    let found = get("?bloque=1").await;
    found.assert_shows_in(">Jeanne</a></h3>");
    assert!(!found.contains(">Bernard<") && !found.contains(">Henri<"));
    // Filters add up: stuck AND to call back is nobody, said plainly.
    let found = get("?bloque=1&rappeler=1").await;
    found.assert_shows_in("Aucun de vos apprenants ne correspond à cette recherche.");
    let found = get("?nom=zzz&zone=").await;
    found.assert_shows_in("Aucun de vos apprenants ne correspond à cette recherche.");
    assert!(!found.contains("<table"));
}

#[tokio::test]
async fn a_volunteer_sees_only_their_learners_and_appointments_never_another_structures() {
    let app = TestApp::new().await;
    let (other_cookie, paul) = app.other_structure().await;
    let alex = staff_named(&app, "autre.benevole").await;
    // Alex's zone and appointment today with Paul.
    let autre_zone = {
        let sacha_like = accounts::create_staff(
            &app.state.db,
            &app.state.passwords,
            alex.structure_id,
            "autre.coordination",
            "Lou",
            "un mot de passe long",
            accounts::Roles {
                volunteer: true,
                coordinator: true,
                ..accounts::Roles::default()
            },
        )
        .await
        .unwrap();
        zones::add_zone(&app.state.db, &sacha_like, "Ailleurs")
            .await
            .unwrap();
        zones::view(&app.state.db, &sacha_like).await.unwrap().zones[0].id
    };
    appointment_with(
        &app,
        &alex,
        Some(paul),
        &day_in(0),
        15,
        Status::Upcoming,
        None,
    )
    .await;
    help_request_of(&app, paul, "Paul a besoin d'aide").await;
    // Camille's: Jeanne, today.
    let camille = staff_named(&app, "demo.benevole").await;
    let jeanne = app.demo_learner_id().await;
    appointment_with(
        &app,
        &camille,
        Some(jeanne),
        &day_in(0),
        14,
        Status::Upcoming,
        None,
    )
    .await;

    let cookie = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    for query in ["", "?nom=paul", "?rappeler=1&bloque=1"] {
        let body = app
            .get(&format!("/benevole{query}"), Some(&cookie))
            .await
            .body;
        assert!(!body.contains("Paul"), "{query}: {body}");
        assert!(!body.contains("15 h – 16 h"), "{query}");
    }
    // Another structure's zone id is dropped: the whole list, no zone selected.
    let body = app
        .get(&format!("/benevole?zone={autre_zone}"), Some(&cookie))
        .await
        .body;
    body.assert_shows_in("Vous suivez 1 apprenant.");
    assert!(!body.contains("Ailleurs"));

    // Alex sees Paul and his appointment, nothing of Camille's.
    let body = app.get("/benevole", Some(&other_cookie)).await.body;
    body.assert_shows_in(">Paul</a></h3>");
    body.assert_shows_in("15 h – 16 h");
    body.assert_shows_in("Paul a besoin d'aide");
    assert!(
        !body.contains("Jeanne") && !body.contains("14 h – 15 h"),
        "{body}"
    );
    let body = app
        .get("/benevole?nom=jeanne", Some(&other_cookie))
        .await
        .body;
    body.assert_shows_in("Aucun de vos apprenants ne correspond à cette recherche.");

    // Sacha, of Camille's structure but not Jeanne's referent: her own dashboard only.
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let body = app.get("/benevole", Some(&sacha)).await.body;
    assert!(
        !body.contains("Jeanne") && !body.contains("14 h – 15 h"),
        "{body}"
    );

    // A learner or nobody: not the dashboard.
    let res = app.get("/benevole?nom=jeanne", None).await;
    assert_eq!(res.location(), Some("/benevole/connexion"));
    let learner = app.learner_cookie().await;
    let res = app.get("/benevole?nom=jeanne", Some(&learner)).await;
    assert_eq!(res.location(), Some("/benevole/connexion"));
}

/// `contains` that shows the page when it fails.
trait ShowsIn {
    fn assert_shows_in(&self, what: &str);
}

impl ShowsIn for String {
    fn assert_shows_in(&self, what: &str) {
        assert!(self.contains(what), "{what:?} not in:\n{self}");
    }
}
