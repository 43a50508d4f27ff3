//! "Every visit planned from the last" (issue 20, item 6): a session of one learner ends
//! with its next visit (a free slot of the learner's zone booked at once, "à recontacter"
//! from a day, or nothing), marks the learner's open help requests handled, and the
//! hand-off sheet prints the next appointment. A slot taken meanwhile saves nothing and
//! gives the form back as typed; a form sent twice books once. SQLite, and PostgreSQL with
//! `PAP_TEST_POSTGRES`.

use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::common::*;
use app::ssr::db::entities::{appointment, help_request, learner, recontact, visit};
use app::ssr::services::{agenda, follow_up, zones};

fn today() -> String {
    app::text::dates::today_iso(app::ssr::db::now())
}

/// A day `n` days from today in France (`YYYY-MM-DD`).
fn in_days(n: i64) -> String {
    agenda::iso(agenda::parse_day(&today()).unwrap() + time::Duration::days(n))
}

/// Zones "Nord" (Morlaàs) and "Sud" (Pau); Camille free at home in Nord in eight days from
/// 9 h to 11 h (two slots), Sacha at home in Sud the same day from 14 h to 15 h. Returns
/// the day.
async fn territory(app: &TestApp) -> String {
    let db = &app.state.db;
    let sacha = staff_named(app, "demo.coordination").await;
    zones::add_zone(db, &sacha, "Nord").await.unwrap();
    zones::add_zone(db, &sacha, "Sud").await.unwrap();
    let view = zones::view(db, &sacha).await.unwrap();
    let nord = view.zones.iter().find(|z| z.name == "Nord").unwrap().id;
    let sud = view.zones.iter().find(|z| z.name == "Sud").unwrap().id;
    zones::add_commune(db, &sacha, nord, "64160", "Morlaàs")
        .await
        .unwrap();
    zones::add_commune(db, &sacha, sud, "64000", "Pau")
        .await
        .unwrap();
    let day = in_days(8);
    let camille = staff_named(app, "demo.benevole").await;
    for (who, zone, start, end) in [
        (&camille, nord, "09:00", "11:00"),
        (&sacha, sud, "14:00", "15:00"),
    ] {
        let form = agenda::AvailabilityForm {
            weekday: None,
            day: Some(&day),
            start,
            end,
            place_id: None,
            zone_ids: &[zone],
        };
        agenda::save_availability(db, who, None, form)
            .await
            .unwrap()
            .unwrap();
    }
    day
}

/// A learner of the demo structure living in `commune`: their id.
async fn learner_in(app: &TestApp, first_name: &str, commune: &str) -> i32 {
    let id = if first_name == "Jeanne" {
        app.demo_learner_id().await
    } else {
        app.another_learner(first_name).await.1
    };
    learner::ActiveModel {
        id: Set(id),
        commune: Set(Some(commune.to_string())),
        ..Default::default()
    }
    .update(&app.state.db)
    .await
    .unwrap();
    id
}

fn form_path(learner: i32) -> String {
    format!("/benevole/apprenants/{learner}/seance")
}

/// Posts a session of `learner` with the one-time token `once`, plus `extra`; the answer.
async fn post_session(
    app: &TestApp,
    cookie: &str,
    learner: i32,
    once: &str,
    extra: &[(&str, &str)],
) -> TestResponse {
    let id = learner.to_string();
    let date = today();
    let mut form: Vec<(&str, &str)> = vec![
        ("once", once),
        ("learner", id.as_str()),
        ("single", id.as_str()),
        ("date", &date),
        ("session_type", "individuel"),
        ("place_type", "domicile"),
        ("commune", "Morlaàs"),
        ("duration", "60"),
        ("themes", "email"),
        ("topics", "Envoyer une photo à sa petite-fille."),
    ];
    form.extend_from_slice(extra);
    app.post_form("/api/seance", &form, Some(cookie)).await
}

/// The page shows `text` (an apostrophe may be written `&#x27;`).
fn shows(page: &TestResponse, text: &str) {
    assert!(
        page.body.contains(text) || page.body.contains(&text.replace('\'', "&#x27;")),
        "`{text}` not shown in:\n{}",
        page.body
    );
}

fn visit_id_in(location: &str) -> i32 {
    location
        .strip_prefix("/benevole/seances/")
        .and_then(|rest| rest.parse().ok())
        .unwrap_or_else(|| panic!("not a saved session: {location}"))
}

async fn appointments_of(app: &TestApp, learner: i32) -> Vec<appointment::Model> {
    appointment::Entity::find()
        .filter(appointment::Column::LearnerId.eq(learner))
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn visits(app: &TestApp) -> u64 {
    visit::Entity::find().count(&app.state.db).await.unwrap()
}

#[tokio::test]
async fn a_session_books_a_free_slot_of_the_learner_s_zone_once_and_the_sheet_prints_it() {
    let app = TestApp::new().await;
    let day = territory(&app).await;
    let jeanne = learner_in(&app, "Jeanne", "Morlaàs").await;
    let cookie = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let camille = staff_named(&app, "demo.benevole").await;

    // The form proposes the free slots of Nord (Jeanne's commune), not Sud's.
    let page = app.get(&form_path(jeanne), Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("Prochaine visite");
    page.assert_shows("Les prochains créneaux libres de la zone Nord");
    page.assert_shows("À recontacter");
    shows(&page, "Rien de prévu pour l'instant");
    let slot = format!("{}.{day}.540.d", camille.id);
    assert!(
        page.body.contains(&format!("value=\"{slot}\"")),
        "{}",
        page.body
    );
    assert!(!page.body.contains(".840.d"), "Sud's slot is not proposed");

    // Sent twice at once (a double click without JavaScript): one session, one appointment.
    let once = hidden_value(&page.body, "once").unwrap();
    let next = [("next", slot.as_str())];
    let (a, b) = tokio::join!(
        post_session(&app, &cookie, jeanne, &once, &next),
        post_session(&app, &cookie, jeanne, &once, &next)
    );
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(
        a.location(),
        b.location(),
        "both answers show the same session"
    );
    let visit_id = visit_id_in(a.location().unwrap());
    // And once more later (a reload): still one.
    let again = post_session(&app, &cookie, jeanne, &once, &next).await;
    assert_eq!(again.location(), a.location());
    assert_eq!(visits(&app).await, 1);
    let booked = appointments_of(&app, jeanne).await;
    assert_eq!(booked.len(), 1, "{booked:?}");
    let b = &booked[0];
    assert_eq!(
        (b.staff_id, b.day.as_str(), b.start_minute, b.kind.as_str()),
        (camille.id, day.as_str(), 540, "domicile")
    );
    assert_eq!(b.status, "a-venir");
    assert_eq!(b.holds_slot, Some(true));
    assert_eq!(b.commune, "Morlaàs");

    // The slot is no longer free: the next form proposes 10 h, not 9 h.
    let page = app.get(&form_path(jeanne), Some(&cookie)).await;
    assert!(!page.body.contains(&format!("value=\"{slot}\"")));
    assert!(page.body.contains(&format!("{}.{day}.600.d", camille.id)));
    // The shared agenda shows the appointment.
    let week = app
        .get(&format!("/benevole/agenda?semaine={day}"), Some(&cookie))
        .await;
    week.assert_shows("Camille · Visite à domicile · Jeanne");

    // The hand-off sheet prints it: when, where, with whom.
    let sheet = app
        .get(
            &format!("/benevole/seances/{visit_id}/fiche/{jeanne}"),
            Some(&cookie),
        )
        .await;
    assert_eq!(sheet.status, StatusCode::OK);
    sheet.assert_shows("Votre prochain rendez-vous");
    sheet.assert_shows(&app::text::dates::day_with_weekday_fr(&day));
    sheet.assert_shows("à 9 h");
    sheet.assert_shows("À domicile");
    sheet.assert_shows("Avec Camille.");
}

#[tokio::test]
async fn a_slot_taken_meanwhile_saves_nothing_and_the_form_comes_back_as_typed() {
    let app = TestApp::new().await;
    let day = territory(&app).await;
    let jeanne = learner_in(&app, "Jeanne", "Morlaàs").await;
    let marcel = learner_in(&app, "Marcel", "Morlaàs").await;
    let camille_cookie = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let sacha_cookie = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let camille = staff_named(&app, "demo.benevole").await;
    let slot = format!("{}.{day}.540.d", camille.id);

    // Both forms are open with 9 h free.
    let camille_once = app.form_token(&form_path(jeanne), &camille_cookie).await;
    let sacha_page = app.get(&form_path(marcel), Some(&sacha_cookie)).await;
    assert!(sacha_page.body.contains(&format!("value=\"{slot}\"")));
    let sacha_once = hidden_value(&sacha_page.body, "once").unwrap();

    let first = post_session(
        &app,
        &camille_cookie,
        jeanne,
        &camille_once,
        &[("next", slot.as_str())],
    )
    .await;
    visit_id_in(first.location().unwrap());
    let typed = [
        ("next", slot.as_str()),
        ("note", "Marcel veut refaire l'exercice de la souris."),
    ];
    let second = post_session(&app, &sacha_cookie, marcel, &sacha_once, &typed).await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    let back = second.location().unwrap();
    assert!(
        back.starts_with(&format!("{}?brouillon=", form_path(marcel))),
        "{back}"
    );
    // Nothing of the second session is saved: no session, no appointment.
    assert_eq!(visits(&app).await, 1);
    assert!(appointments_of(&app, marcel).await.is_empty());
    // The form, as typed, says so and proposes the next free slots.
    let page = app.get(back, Some(&sacha_cookie)).await;
    shows(&page, "Ce créneau vient d'être pris");
    page.assert_shows("Envoyer une photo à sa petite-fille.");
    shows(&page, "Marcel veut refaire l'exercice de la souris.");
    let then = format!("{}.{day}.600.d", camille.id);
    assert!(!page.body.contains(&format!("value=\"{slot}\"")));
    assert!(page.body.contains(&format!("value=\"{then}\"")));

    // The next free one, with the form as it came back: saved, booked.
    let once = hidden_value(&page.body, "once").unwrap();
    let saved = post_session(
        &app,
        &sacha_cookie,
        marcel,
        &once,
        &[
            ("next", then.as_str()),
            ("note", "Marcel veut refaire l'exercice de la souris."),
        ],
    )
    .await;
    visit_id_in(saved.location().unwrap());
    let booked = appointments_of(&app, marcel).await;
    assert_eq!(booked.len(), 1);
    assert_eq!(booked[0].start_minute, 600);
    assert_eq!(
        booked[0].created_by,
        staff_named(&app, "demo.coordination").await.id
    );

    // Another structure's volunteer cannot book into this structure's agenda.
    let (other, paul) = app.other_structure().await;
    let once = app.form_token(&form_path(paul), &other).await;
    let refused = post_session(&app, &other, paul, &once, &[("next", then.as_str())]).await;
    assert!(refused.location().unwrap().contains("brouillon="));
    assert!(appointments_of(&app, paul).await.is_empty());
}

#[tokio::test]
async fn a_session_may_say_when_to_call_back_and_the_learner_is_on_the_recall_list() {
    let app = TestApp::new().await;
    territory(&app).await;
    let jeanne = learner_in(&app, "Jeanne", "Morlaàs").await;
    let cookie = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let when = in_days(10);

    // "À recontacter" without a day, then on a day gone: refused, as typed, nothing saved.
    let yesterday = in_days(-1);
    for (day, says) in [
        ("", "Indiquez la date à partir de laquelle rappeler"),
        (yesterday.as_str(), "Cette date est passée."),
    ] {
        let once = app.form_token(&form_path(jeanne), &cookie).await;
        let res = post_session(
            &app,
            &cookie,
            jeanne,
            &once,
            &[("next", "recontacter"), ("recontact_day", day)],
        )
        .await;
        let page = app.get(res.location().unwrap(), Some(&cookie)).await;
        shows(&page, says);
        page.assert_shows("Envoyer une photo à sa petite-fille.");
        assert!(
            page.body
                .contains("value=\"recontacter\" id=\"prochaine-recontacter\" checked")
        );
        assert_eq!(visits(&app).await, 0);
    }

    let once = app.form_token(&form_path(jeanne), &cookie).await;
    let res = post_session(
        &app,
        &cookie,
        jeanne,
        &once,
        &[("next", "recontacter"), ("recontact_day", when.as_str())],
    )
    .await;
    let visit_id = visit_id_in(res.location().unwrap());
    assert!(appointments_of(&app, jeanne).await.is_empty());
    let list = app.get("/benevole/agenda/a-rappeler", Some(&cookie)).await;
    list.assert_shows("Jeanne");
    list.assert_shows(&format!(
        "À recontacter à partir du {}",
        app::text::dates::iso_date_fr(&when)
    ));
    // The dashboard's "à rappeler" says it too, with the other reasons.
    let dashboard = app.get("/benevole?rappeler=1", Some(&cookie)).await;
    dashboard.assert_shows("Jeanne");
    dashboard.assert_shows(&format!(
        "À recontacter à partir du {}.",
        app::text::dates::day_with_weekday_fr(&when)
    ));
    // The sheet says no appointment yet, and when someone will call.
    let sheet = app
        .get(
            &format!("/benevole/seances/{visit_id}/fiche/{jeanne}"),
            Some(&cookie),
        )
        .await;
    shows(&sheet, "Pas de prochain rendez-vous prévu pour l'instant.");
    sheet.assert_shows(&format!(
        "Nous vous appellerons à partir du {}",
        app::text::dates::iso_date_fr(&when)
    ));

    // Another structure's volunteer cannot close it; Camille calls back: off the list.
    let row = recontact::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.learner_id, row.visit_id, row.day.as_str()),
        (jeanne, Some(visit_id), when.as_str())
    );
    let (other, _) = app.other_structure().await;
    let id = row.id.to_string();
    let res = call_server_fn(
        &app,
        "/api/agenda/rappele",
        &[("recontact", id.as_str())],
        &other,
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post_form(
            "/api/agenda/rappele",
            &[("recontact", id.as_str())],
            Some(&cookie),
        )
        .await;
    assert!(res.status.is_redirection(), "{}", res.body);
    let list = app.get("/benevole/agenda/a-rappeler", Some(&cookie)).await;
    assert!(
        !list.body.contains("À recontacter à partir du"),
        "{}",
        list.body
    );

    // Nothing planned: the sheet says so.
    let once = app.form_token(&form_path(jeanne), &cookie).await;
    let res = post_session(&app, &cookie, jeanne, &once, &[("next", "rien")]).await;
    let visit_id = visit_id_in(res.location().unwrap());
    let sheet = app
        .get(
            &format!("/benevole/seances/{visit_id}/fiche/{jeanne}"),
            Some(&cookie),
        )
        .await;
    shows(&sheet, "Pas de prochain rendez-vous prévu pour l'instant.");
    assert!(!sheet.body.contains("Nous vous appellerons"));
}

#[tokio::test]
async fn open_help_requests_are_shown_in_the_form_and_marked_handled_by_the_session() {
    let app = TestApp::new().await;
    let jeanne = app.demo_learner_id().await;
    let marcel = app.another_learner("Marcel").await.1;
    let cookie = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let camille = staff_named(&app, "demo.benevole").await;
    let ask = |id: i32, message: &'static str| {
        let db = app.state.db.clone();
        async move {
            let l = learner::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap();
            follow_up::request_help(
                &db,
                &l,
                &app::paths::StepRef::new("virus", "regles-de-base", "x"),
                message,
            )
            .await
            .unwrap()
            .id
        }
    };
    let first = ask(jeanne, "Je ne trouve pas le bouton").await;
    let second = ask(jeanne, "Et la pièce jointe ?").await;
    let other = ask(marcel, "Marcel est perdu").await;

    let page = app.get(&form_path(jeanne), Some(&cookie)).await;
    shows(&page, "Ses demandes d'aide en attente");
    page.assert_shows("Je ne trouve pas le bouton");
    page.assert_shows("Et la pièce jointe ?");
    page.assert_shows("Traitée pendant cette séance");
    assert!(!page.body.contains("Marcel est perdu"), "only Jeanne's");
    let once = hidden_value(&page.body, "once").unwrap();
    // Ticking one of hers, and (a forged form) Marcel's.
    let (first_s, other_s) = (first.to_string(), other.to_string());
    let res = post_session(
        &app,
        &cookie,
        jeanne,
        &once,
        &[("handled", first_s.as_str()), ("handled", other_s.as_str())],
    )
    .await;
    let visit_id = visit_id_in(res.location().unwrap());
    let request = |id: i32| {
        let db = app.state.db.clone();
        async move {
            help_request::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
        }
    };
    let handled = request(first).await;
    // The statistics' counters: three requests today, one answered (`stats_help`).
    let counters = app.assert_help_counters_kept().await;
    assert_eq!(
        counters
            .iter()
            .map(|c| (c.requests, c.same_day, c.waiting))
            .collect::<Vec<_>>(),
        vec![(3, 1, 2)]
    );
    assert_eq!(handled.handled_by, Some(camille.id));
    assert_eq!(handled.handled_visit_id, Some(visit_id));
    assert!(handled.handled_at.is_some());
    let open = request(second).await;
    assert_eq!((open.handled_at, open.handled_visit_id), (None, None));
    let marcel_s = request(other).await;
    assert_eq!(
        marcel_s.handled_at, None,
        "another learner's request is not touched"
    );

    // The next form shows only the one still open.
    let page = app.get(&form_path(jeanne), Some(&cookie)).await;
    assert!(!page.body.contains("Je ne trouve pas le bouton"));
    page.assert_shows("Et la pièce jointe ?");
    // A session that fails to save marks nothing handled, and keeps the box ticked.
    let once = hidden_value(&page.body, "once").unwrap();
    let second_s = second.to_string();
    let res = post_session(
        &app,
        &cookie,
        jeanne,
        &once,
        &[("handled", second_s.as_str()), ("themes", "inconnu")],
    )
    .await;
    assert!(res.location().unwrap().contains("brouillon="));
    assert_eq!(request(second).await.handled_at, None);
    let page = app.get(res.location().unwrap(), Some(&cookie)).await;
    assert!(
        page.body
            .contains(&format!("value=\"{second}\" id=\"aide-{second}\" checked")),
        "{}",
        page.body
    );
    // Without a zone known, the slots of the whole structure are offered (none here).
    page.assert_shows("Aucun créneau libre dans les six semaines.");
}

#[tokio::test]
async fn two_sessions_booking_one_slot_at_the_same_moment_book_it_once() {
    use app::model::{FieldProblem, VisitDraft};
    use app::ssr::services::next_visit;
    use app::ssr::services::visits::Logged;
    let app = TestApp::new().await;
    let day = territory(&app).await;
    let jeanne = learner_in(&app, "Jeanne", "Morlaàs").await;
    let marcel = learner_in(&app, "Marcel", "Morlaàs").await;
    let camille = staff_named(&app, "demo.benevole").await;
    let sacha = staff_named(&app, "demo.coordination").await;
    let slot = format!("{}.{day}.540.d", camille.id);
    let draft = |learner: i32| VisitDraft {
        learners: vec![learner],
        date: today(),
        session_type: "individuel".into(),
        place_type: "domicile".into(),
        commune: "Morlaàs".into(),
        duration: "60".into(),
        themes: vec!["email".into()],
        next: slot.clone(),
        ..VisitDraft::default()
    };
    let catalog = app.state.content.get();
    // Each as the session form does it: in its one-time token's transaction.
    let claim = |owner: &'static str| {
        let (db, kept) = (app.state.db.clone(), app.state.kept);
        async move {
            match kept.visit_once.claim(&db, owner, "jeton").await.unwrap() {
                app::ssr::drafts::Claim::First(first) => first,
                other => panic!("{other:?}"),
            }
        }
    };
    let first = claim("camille").await;
    let logged = next_visit::log(first.db(), &catalog, &camille, &draft(jeanne))
        .await
        .unwrap();
    assert!(matches!(logged, Logged::Saved(_)), "{logged:?}");
    let (db, kept, theirs, their_catalog) = (
        app.state.db.clone(),
        app.state.kept,
        draft(marcel),
        catalog.clone(),
    );
    let second = tokio::spawn(async move {
        let app::ssr::drafts::Claim::First(claim) =
            kept.visit_once.claim(&db, "sacha", "jeton").await.unwrap()
        else {
            panic!("a token of its own");
        };
        let logged = next_visit::log(claim.db(), &their_catalog, &sacha, &theirs)
            .await
            .unwrap();
        if matches!(logged, Logged::Saved(_)) {
            claim.done("1").await.unwrap();
        } else {
            claim.release().await.unwrap();
        }
        logged
    });
    // The second is on its way (it read the slot free, or waits for the database).
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    first.done("1").await.unwrap();
    let second = second.await.unwrap();
    assert!(
        matches!(&second, Logged::Invalid(e) if e.len() == 1 && e[0].problem == FieldProblem::SlotTaken),
        "{second:?}"
    );
    assert_eq!(visits(&app).await, 1, "the second session is not kept");
    assert_eq!(appointments_of(&app, jeanne).await.len(), 1);
    assert!(appointments_of(&app, marcel).await.is_empty());
}
