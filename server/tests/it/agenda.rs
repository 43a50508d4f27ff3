//! The shared agenda (issue 20, items 2 to 4): availability and the week at
//! `/benevole/agenda`, taking a call at `/benevole/appel` (two bookings of one slot: one
//! wins), statuses, the "à rappeler" list, group sessions, the slip and the calendar feed;
//! only the structure's own data. SQLite, and PostgreSQL with `PAP_TEST_POSTGRES`.

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::common::*;
use app::ssr::db::entities::{appointment, calendar_feed, learner};
use app::ssr::services::{agenda, zones};

/// A day `n` days from today in France (`YYYY-MM-DD`).
fn in_days(n: i64) -> String {
    let (today, _) = app::text::dates::paris_now(app::ssr::db::now());
    agenda::iso(agenda::parse_day(&today).unwrap() + time::Duration::days(n))
}

/// Zone "Nord" (Morlaàs, 64160) with a place, "Sud" (Pau, 64000); Camille available at
/// home in Nord in eight days from 9 h to 11 h. Returns (Nord's id, the day).
async fn territory(app: &TestApp) -> (i32, String) {
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
    zones::add_place(
        db,
        &sacha,
        "Médiathèque",
        "2 place de la Mairie",
        Some(nord),
    )
    .await
    .unwrap();
    let day = in_days(8);
    let camille = staff_named(app, "demo.benevole").await;
    let form = agenda::AvailabilityForm {
        weekday: None,
        day: Some(&day),
        start: "09:00",
        end: "11:00",
        place_id: None,
        zone_ids: &[nord],
    };
    assert_eq!(
        agenda::save_availability(db, &camille, None, form)
            .await
            .unwrap(),
        Some(app::model::agenda::AgendaOutcome::AvailabilityAdded)
    );
    (nord, day)
}

fn call_form<'a>(first_name: &'a str, commune: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("first_name", first_name),
        ("reach", "proche"),
        ("phone", "06 12 34 56 78"),
        ("postcode", "64160"),
        ("commune", commune),
        ("need", "email"),
        ("need", "arnaques"),
        ("note", "Veut écrire à sa petite-fille"),
        ("availability", "le matin"),
        ("mode", ""),
    ]
}

/// Sends the call form with `action`; returns where it leads.
async fn send_call(
    app: &TestApp,
    cookie: &str,
    form: &[(&str, &str)],
    extra: &[(&str, &str)],
) -> String {
    let mut all = form.to_vec();
    all.extend_from_slice(extra);
    let res = app.post_form("/api/appel", &all, Some(cookie)).await;
    assert!(res.status.is_redirection(), "{}: {}", res.status, res.body);
    res.location().unwrap().to_string()
}

/// The value of the first radio button named `slot` of a page.
fn first_slot(body: &str) -> String {
    let mark = "name=\"slot\" value=\"";
    let start = body.find(mark).expect("a slot proposed") + mark.len();
    body[start..].split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn availability_makes_free_slots_in_the_shared_week_filtered_by_zone_and_volunteer() {
    let app = TestApp::new().await;
    let (nord, day) = territory(&app).await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;

    // A weekly availability through the form (no JavaScript): at home, in Nord.
    let res = app
        .post_form(
            "/api/agenda/disponibilite",
            &[
                ("weekday", "2"),
                ("day", ""),
                ("start", "14:00"),
                ("end", "16:00"),
                ("place", "d"),
                ("zone", &nord.to_string()),
            ],
            Some(&camille),
        )
        .await;
    assert_eq!(
        res.location(),
        Some("/benevole/agenda/disponibilites?fait=disponibilite-ajoutee")
    );
    // Refused, with what was typed kept: the end before the start; no zone for a home visit.
    let res = app
        .post_form(
            "/api/agenda/disponibilite",
            &[
                ("weekday", "3"),
                ("start", "16:00"),
                ("end", "15:00"),
                ("place", "d"),
            ],
            Some(&camille),
        )
        .await;
    let back = app.get(res.location().unwrap(), Some(&camille)).await;
    back.assert_shows("Les heures ne vont pas");
    assert!(back.body.contains("value=\"16:00\""), "kept as typed");
    let mine = app
        .get("/benevole/agenda/disponibilites", Some(&camille))
        .await;
    mine.assert_shows("chaque mardi, 14 h – 16 h");

    let week = app
        .get(&format!("/benevole/agenda?semaine={day}"), Some(&camille))
        .await;
    assert_eq!(week.status, StatusCode::OK);
    assert_eq!(week.headers["cache-control"], "no-store");
    week.assert_shows("9 h – 10 h");
    week.assert_shows("10 h – 11 h");
    week.assert_shows("Camille · à domicile (Nord)");
    week.assert_shows("Semaine suivante");
    // Filtered on another zone: none of Camille's home slots in Nord.
    let sud = app
        .get(
            &format!("/benevole/agenda?semaine={day}&zone={}", nord + 1),
            Some(&camille),
        )
        .await;
    assert!(!sud.body.contains("Camille · à domicile (Nord)"));
    let sacha_id = staff_named(&app, "demo.coordination").await.id;
    let other = app
        .get(
            &format!("/benevole/agenda?semaine={day}&benevole={sacha_id}"),
            Some(&camille),
        )
        .await;
    assert!(!other.body.contains("Camille · à domicile"));
}

#[tokio::test]
async fn a_call_finds_the_zone_proposes_slots_and_books_once() {
    let app = TestApp::new().await;
    let (_, day) = territory(&app).await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;

    // An unknown commune: suggestions, and everything typed kept.
    let to = send_call(
        &app,
        &camille,
        &call_form("Marcelle", "Morlas"),
        &[("action", "chercher")],
    )
    .await;
    assert!(to.starts_with("/benevole/appel?brouillon="), "{to}");
    let page = app.get(&to, Some(&camille)).await;
    page.assert_shows("n'est dans aucune zone");
    page.assert_shows("64160 Morlaàs");
    assert!(page.body.contains("value=\"Marcelle\""));
    assert!(page.body.contains("value=\"06 12 34 56 78\""));

    // The right commune: its zone and the next free slots there.
    let to = send_call(
        &app,
        &camille,
        &call_form("Marcelle", "morlaas"),
        &[("action", "chercher")],
    )
    .await;
    let page = app.get(&to, Some(&camille)).await;
    page.assert_shows("Zone : Nord");
    let slot = first_slot(&page.body);
    assert!(slot.contains(&format!(".{day}.540.d")), "{slot}");
    let once = hidden_value(&page.body, "once").unwrap();

    let learners_before = learner::Entity::find().count(&app.state.db).await.unwrap();
    let book = [
        ("action", "reserver"),
        ("slot", slot.as_str()),
        ("once", once.as_str()),
    ];
    let first = send_call(&app, &camille, &call_form("Marcelle", "morlaas"), &book).await;
    assert!(first.starts_with("/benevole/agenda/rdv/"), "{first}");
    // The same form sent again (a double click): the same appointment, nothing more.
    let again = send_call(&app, &camille, &call_form("Marcelle", "morlaas"), &book).await;
    assert_eq!(first, again);
    assert_eq!(
        appointment::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        learner::Entity::find().count(&app.state.db).await.unwrap(),
        learners_before + 1,
        "a learner account made at booking"
    );
    let shown = app.get(&first, Some(&camille)).await;
    shown.assert_shows("Le rendez-vous est réservé.");
    shown.assert_shows("Marcelle");
    shown.assert_shows("Par un proche : 06 12 34 56 78");
    shown.assert_shows("Éviter les arnaques");

    // Another volunteer, on a form shown before: the slot is taken, what was typed is kept,
    // and the next free one is proposed.
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let once = app.form_token("/benevole/appel", &sacha).await;
    let to = send_call(
        &app,
        &sacha,
        &call_form("Robert", "Morlaàs"),
        &[
            ("action", "reserver"),
            ("slot", slot.as_str()),
            ("once", once.as_str()),
        ],
    )
    .await;
    assert!(to.starts_with("/benevole/appel?brouillon="), "{to}");
    let page = app.get(&to, Some(&sacha)).await;
    page.assert_shows("Ce créneau vient d'être pris");
    assert!(page.body.contains("value=\"Robert\""));
    let next = first_slot(&page.body);
    assert!(next.contains(&format!(".{day}.600.d")), "{next}");
    assert_eq!(
        appointment::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );

    // No slot chosen yet suits: waiting, on the "à rappeler" list.
    let once = app.form_token("/benevole/appel", &sacha).await;
    let to = send_call(
        &app,
        &sacha,
        &call_form("Lucien", "Morlaàs"),
        &[("action", "attente"), ("once", once.as_str())],
    )
    .await;
    assert_eq!(to, "/benevole/agenda/a-rappeler?fait=en-attente");
    let list = app.get(&to, Some(&sacha)).await;
    list.assert_shows("Lucien");
    list.assert_shows("Attend un créneau");
}

#[tokio::test]
async fn two_volunteers_booking_the_same_slot_at_once_one_gets_it() {
    let app = TestApp::new().await;
    let (_, day) = territory(&app).await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let slot = format!(
        "{}.{day}.540.d",
        staff_named(&app, "demo.benevole").await.id
    );
    for round in 0..3 {
        let start = 540 + round * 60;
        let slot = slot.replace(".540.", &format!(".{start}."));
        if round == 2 {
            break; // two slots in the window (9 h and 10 h)
        }
        let (once_a, once_b) = (
            app.form_token("/benevole/appel", &camille).await,
            app.form_token("/benevole/appel", &sacha).await,
        );
        let form_a = {
            let mut f = call_form("Anne", "Morlaàs");
            f.extend([
                ("action", "reserver"),
                ("slot", slot.as_str()),
                ("once", once_a.as_str()),
            ]);
            f
        };
        let form_b = {
            let mut f = call_form("Bernard", "Morlaàs");
            f.extend([
                ("action", "reserver"),
                ("slot", slot.as_str()),
                ("once", once_b.as_str()),
            ]);
            f
        };
        let (a, b) = tokio::join!(
            app.post_form("/api/appel", &form_a, Some(&camille)),
            app.post_form("/api/appel", &form_b, Some(&sacha)),
        );
        let won: Vec<&str> = [a.location().unwrap(), b.location().unwrap()]
            .into_iter()
            .filter(|l| l.starts_with("/benevole/agenda/rdv/"))
            .collect();
        assert_eq!(
            won.len(),
            1,
            "exactly one wins: {:?} {:?}",
            a.location(),
            b.location()
        );
        let lost = [a.location().unwrap(), b.location().unwrap()]
            .into_iter()
            .find(|l| l.starts_with("/benevole/appel?brouillon="))
            .expect("the other is told");
        let cookie = if a.location().unwrap() == lost {
            &camille
        } else {
            &sacha
        };
        app.get(lost, Some(cookie))
            .await
            .assert_shows("Ce créneau vient d'être pris");
        let booked = appointment::Entity::find()
            .filter(appointment::Column::StartMinute.eq(start))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(booked, 1);
    }
}

/// Books Camille's first slot for `first_name`; the appointment's address.
async fn book(app: &TestApp, cookie: &str, first_name: &str) -> String {
    let to = send_call(
        app,
        cookie,
        &call_form(first_name, "Morlaàs"),
        &[("action", "chercher")],
    )
    .await;
    let page = app.get(&to, Some(cookie)).await;
    let slot = first_slot(&page.body);
    let once = hidden_value(&page.body, "once").unwrap();
    let to = send_call(
        app,
        cookie,
        &call_form(first_name, "Morlaàs"),
        &[("action", "reserver"), ("slot", &slot), ("once", &once)],
    )
    .await;
    to.split('?').next().unwrap().to_string()
}

#[tokio::test]
async fn statuses_the_recall_list_the_slip_groups_and_the_calendar_feed() {
    let app = TestApp::new().await;
    let (_, day) = territory(&app).await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let at = book(&app, &camille, "Marcelle").await;
    let id = at.rsplit('/').next().unwrap().to_string();

    // The slip: date, time, at home, the volunteer's first name, the structure.
    let slip = app.get(&format!("{at}/fiche"), Some(&camille)).await;
    assert_eq!(slip.status, StatusCode::OK);
    slip.assert_shows(&app::text::dates::day_with_weekday_fr(&day));
    slip.assert_shows("à 9 h");
    slip.assert_shows("À domicile");
    slip.assert_shows("Avec : Camille");

    // Absent: on the list until someone calls back.
    let res = app
        .post_form(
            "/api/agenda/statut",
            &[("id", &id), ("status", "absent")],
            Some(&camille),
        )
        .await;
    assert_eq!(res.location(), Some(&*format!("{at}?fait=statut")));
    let list = app.get("/benevole/agenda/a-rappeler", Some(&camille)).await;
    list.assert_shows("Marcelle");
    list.assert_shows("Absent au rendez-vous");
    app.post_form(
        "/api/agenda/rappele",
        &[("appointment", &id)],
        Some(&camille),
    )
    .await;
    let list = app.get("/benevole/agenda/a-rappeler", Some(&camille)).await;
    assert!(!list.body.contains("Marcelle"), "called back: off the list");

    // Cancelled: the slot is free again, and offered to the next caller.
    app.post_form(
        "/api/agenda/statut",
        &[("id", &id), ("status", "annule")],
        Some(&camille),
    )
    .await;
    let sacha = staff_named(&app, "demo.coordination").await;
    let nord = zones::zone_of(&app.state.db, sacha.structure_id, "64160", "Morlaàs")
        .await
        .unwrap()
        .unwrap()
        .0;
    let slots = agenda::next_slots(&app.state.db, sacha.structure_id, Some(nord), "", 6)
        .await
        .unwrap();
    assert_eq!((slots[0].day.as_str(), slots[0].start), (day.as_str(), 540));
    // Back to "à venir" while someone else has the slot: refused, said.
    let other = book(&app, &camille, "Robert").await;
    assert_ne!(other, at);
    let res = app
        .post_form(
            "/api/agenda/statut",
            &[("id", &id), ("status", "a-venir")],
            Some(&camille),
        )
        .await;
    assert_eq!(res.location(), Some(&*format!("{at}?erreur=creneau-pris")));

    // A group session at the place, with one seat.
    let place = zones::view(&app.state.db, &sacha).await.unwrap().places[0].id;
    let res = app
        .post_form(
            "/api/agenda/atelier",
            &[
                ("place", &place.to_string()),
                ("day", &day),
                ("start", "14:00"),
                ("end", "16:00"),
                ("capacity", "1"),
            ],
            Some(&camille),
        )
        .await;
    let group = res
        .location()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let group_id = group.rsplit('/').next().unwrap().to_string();
    let jeanne = app.demo_learner_id().await.to_string();
    let res = app
        .post_form(
            "/api/agenda/inscrire",
            &[("id", &group_id), ("learner", &jeanne)],
            Some(&camille),
        )
        .await;
    assert!(res.location().unwrap().ends_with("fait=inscrit"));
    let marcelle = learner::Entity::find()
        .filter(learner::Column::FirstName.eq("Marcelle"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let res = app
        .post_form(
            "/api/agenda/inscrire",
            &[("id", &group_id), ("learner", &marcelle)],
            Some(&camille),
        )
        .await;
    assert!(res.location().unwrap().ends_with("erreur=complet"));
    let page = app.get(&group, Some(&camille)).await;
    page.assert_shows("1 inscrit sur 1 place");
    page.assert_shows("Jeanne");
    let slip = app
        .get(&format!("{group}/fiche?apprenant={jeanne}"), Some(&camille))
        .await;
    slip.assert_shows("Médiathèque, 2 place de la Mairie");

    // The calendar feed: a secret link, text/calendar, first names and communes only.
    let made = app.post_form("/api/agenda/lien", &[], Some(&camille)).await;
    let shown_once = made.location().expect("back to the page").to_string();
    let mine = app
        .get(shown_once.split('#').next().unwrap(), Some(&camille))
        .await;
    let start = mine.body.find("/calendrier/").expect("the link is shown");
    let link = mine.body[start..].split('<').next().unwrap().to_string();
    mine.assert_shows("il ne sera plus affiché");
    // Only its hash is stored: the link is not shown again, nor to anyone else.
    let token = link.rsplit('/').next().unwrap().to_string();
    let stored = calendar_feed::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].token, token, "the token itself is not stored");
    let later = app
        .get("/benevole/agenda/disponibilites", Some(&camille))
        .await;
    assert!(!later.body.contains(&token), "the link is shown once");
    later.assert_shows("Votre lien secret marche depuis le");
    let (theirs, _) = app.other_structure().await;
    let stolen = app
        .get(shown_once.split('#').next().unwrap(), Some(&theirs))
        .await;
    assert!(
        !stolen.body.contains(&token),
        "the link is its volunteer's only"
    );
    let feed = app.get(&link, None).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(
        feed.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    assert_eq!(feed.headers["cache-control"], "no-store");
    assert!(feed.body.contains("BEGIN:VEVENT"));
    assert!(feed.body.contains("Robert"));
    assert!(feed.body.contains("Morlaàs"));
    assert!(
        !feed.body.contains("06 12 34 56 78"),
        "no phone number in the feed"
    );
    assert!(
        !feed.body.contains("Marcelle"),
        "a cancelled appointment is not in it"
    );
    app.post_form("/api/agenda/supprimer-lien", &[], Some(&camille))
        .await;
    assert_eq!(app.get(&link, None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn another_structure_sees_and_touches_nothing_of_this_agenda() {
    let app = TestApp::new().await;
    let (nord, day) = territory(&app).await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let at = book(&app, &camille, "Marcelle").await;
    let id = at.rsplit('/').next().unwrap().to_string();
    let (theirs, their_learner) = app.other_structure().await;

    for path in [at.clone(), format!("{at}/fiche")] {
        assert_eq!(
            app.get(&path, Some(&theirs)).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    for (path, form) in [
        (
            "/api/agenda/statut",
            vec![("id", id.as_str()), ("status", "annule")],
        ),
        ("/api/agenda/rappele", vec![("appointment", id.as_str())]),
        (
            "/api/agenda/inscrire",
            vec![("id", id.as_str()), ("learner", "1")],
        ),
    ] {
        assert_eq!(
            call_server_fn(&app, path, &form, &theirs).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // Our zone in their availability form: not found.
    let res = app
        .post_form(
            "/api/agenda/disponibilite",
            &[
                ("weekday", "2"),
                ("start", "09:00"),
                ("end", "10:00"),
                ("place", "d"),
                ("zone", &nord.to_string()),
            ],
            Some(&theirs),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Their week shows nothing of ours; our commune is unknown to them.
    let week = app
        .get(&format!("/benevole/agenda?semaine={day}"), Some(&theirs))
        .await;
    assert_eq!(week.status, StatusCode::OK);
    assert!(!week.body.contains("Marcelle") && !week.body.contains("Camille"));
    let to = send_call(
        &app,
        &theirs,
        &call_form("Paul", "Morlaàs"),
        &[("action", "chercher")],
    )
    .await;
    app.get(&to, Some(&theirs))
        .await
        .assert_shows("n'est dans aucune zone");
    // Our group session cannot take their learner.
    let _ = their_learner;
    // Not signed in: no agenda.
    assert_ne!(
        app.get("/benevole/agenda", None).await.status,
        StatusCode::OK
    );
    // The appointment is untouched.
    app.get(&at, Some(&camille)).await.assert_shows("à venir");
}

/// The race itself, where the read before the insert cannot see it: two bookings of one
/// slot in two transactions, the second started before the first commits (PostgreSQL: the
/// second's insert waits on the unique key, then is refused). Without the unique key both
/// would be booked. SQLite lets one writer in at a time, so this needs `PAP_TEST_POSTGRES`.
#[tokio::test]
async fn the_unique_key_refuses_a_slot_booked_in_a_transaction_not_yet_committed() {
    use sea_orm::TransactionTrait;
    if std::env::var("PAP_TEST_POSTGRES").is_err() {
        eprintln!("two writers at once need PostgreSQL: set PAP_TEST_POSTGRES");
        return;
    }
    let app = TestApp::new().await;
    let (nord, day) = territory(&app).await;
    let camille = staff_named(&app, "demo.benevole").await;
    let sacha = staff_named(&app, "demo.coordination").await;
    let slot = app::model::agenda::SlotKey {
        staff_id: camille.id,
        day: day.clone(),
        start: 540,
        place_id: None,
    };
    let draft = |name: &str| app::model::agenda::CallDraft {
        first_name: name.into(),
        reach: "aucun".into(),
        postcode: "64160".into(),
        commune: "Morlaàs".into(),
        ..Default::default()
    };
    let first = app.state.db.begin().await.unwrap();
    assert!(matches!(
        agenda::book_call(&first, &camille, &draft("Anne"), Some(nord), Some(&slot))
            .await
            .unwrap(),
        agenda::Booking::Booked(_)
    ));
    let db = app.state.db.clone();
    let (second_slot, second_draft) = (slot.clone(), draft("Bernard"));
    let second = tokio::spawn(async move {
        let txn = db.begin().await.unwrap();
        let booked = agenda::book_call(&txn, &sacha, &second_draft, Some(nord), Some(&second_slot))
            .await
            .unwrap();
        if matches!(booked, agenda::Booking::Booked(_)) {
            txn.commit().await.unwrap();
        }
        booked
    });
    // The second has read the slot free and is waiting on the key.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    first.commit().await.unwrap();
    assert_eq!(second.await.unwrap(), agenda::Booking::Taken);
    assert_eq!(
        appointment::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
}

/// Calendar links given before their tokens were hashed keep working after the migration,
/// and the token itself is no longer in the database.
#[tokio::test]
async fn a_calendar_link_given_before_hashing_still_works() {
    use app::ssr::db::migration::Migrator;
    use sea_orm::ConnectionTrait;
    use sea_orm_migration::MigratorTrait;
    let (_dir, db) = database_before("m20261207_000501_hash_calendar_feed_token").await;
    db.execute_unprepared(
        "INSERT INTO structure (id, name, created_at) VALUES (1, 'Asso', 0);
         INSERT INTO staff (id, structure_id, username, display_name, password_hash,
                            is_volunteer, is_trainer, is_coordinator, created_at)
         VALUES (7, 1, 'camille', 'Camille', 'x', 1, 0, 0, 0);
         INSERT INTO calendar_feed (staff_id, token, created_at) VALUES (7, 'ancien-lien', 0);",
    )
    .await
    .unwrap();
    Migrator::up(&db, None).await.unwrap();
    let stored = calendar_feed::Entity::find().all(&db).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].token, "ancien-lien");
    let ics = agenda::feed(&db, "ancien-lien").await.unwrap();
    assert!(ics.is_some_and(|c| c.contains("BEGIN:VCALENDAR")));
    assert!(agenda::feed(&db, "autre-lien").await.unwrap().is_none());
}

/// An availability is changed through its own form (no JavaScript): shown filled in, saved
/// in place with its zones, a mistake comes back as typed still changing it, and nobody
/// else can change it.
#[tokio::test]
async fn an_availability_is_changed_in_place_and_only_by_its_volunteer() {
    use app::ssr::db::entities::{availability, availability_zone};
    let app = TestApp::new().await;
    let (nord, day) = territory(&app).await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let mine = availability::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("territory() made one");
    let page = format!("/benevole/agenda/disponibilites?modifier={}", mine.id);
    let form = app.get(&page, Some(&camille)).await;
    form.assert_shows("Modifier cette disponibilité");
    form.assert_shows("Enregistrer les changements");
    assert!(form.body.contains("value=\"09:00\""), "{}", form.body);
    assert!(form.body.contains(&format!("value=\"{day}\"")));
    let zone_box = format!("value=\"{nord}\" checked");
    assert!(form.body.contains(&zone_box), "its zone is ticked");

    let change = |start: &'static str, end: &'static str, id: i32| {
        let nord = nord.to_string();
        let day = day.clone();
        let app = &app;
        async move {
            let who = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
            app.post_form(
                "/api/agenda/disponibilite",
                &[
                    ("id", &id.to_string()),
                    ("day", &day),
                    ("start", start),
                    ("end", end),
                    ("place", "d"),
                    ("zone", &nord),
                ],
                Some(&who),
            )
            .await
        }
    };
    let res = change("14:00", "16:00", mine.id).await;
    assert_eq!(
        res.location(),
        Some("/benevole/agenda/disponibilites?fait=disponibilite-modifiee")
    );
    let all = availability::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(all.len(), 1, "changed in place, not added");
    assert_eq!((all[0].start_minute, all[0].end_minute), (14 * 60, 16 * 60));
    let zones = availability_zone::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(zones.len(), 1);
    assert_eq!(zones[0].zone_id, nord);

    // A mistake: back as typed, still changing the same availability.
    let res = change("16:00", "15:00", mine.id).await;
    let back = app.get(res.location().unwrap(), Some(&camille)).await;
    back.assert_shows("Les heures ne vont pas");
    back.assert_shows("Modifier cette disponibilité");
    assert!(back.body.contains("value=\"16:00\""), "kept as typed");
    assert!(back.body.contains(&zone_box), "the zone ticked is kept");

    // Someone else's: not found, unchanged.
    let (theirs, _) = app.other_structure().await;
    let res = app
        .post_form(
            "/api/agenda/disponibilite",
            &[
                ("id", &mine.id.to_string()),
                ("day", &day),
                ("start", "08:00"),
                ("end", "12:00"),
                ("place", "d"),
            ],
            Some(&theirs),
        )
        .await;
    assert_ne!(res.status, StatusCode::FOUND);
    let row = availability::Entity::find_by_id(mine.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.start_minute, 14 * 60);
}

#[tokio::test]
async fn someone_already_followed_is_found_by_first_name_and_booked_from_the_agenda() {
    use sea_orm::ColumnTrait;
    let app = TestApp::new().await;
    let (nord, day) = territory(&app).await;
    let nord = nord.to_string();
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    // Lucienne called when no slot suited her: she waits on the "à rappeler" list.
    let once = app.form_token("/benevole/appel", &sacha).await;
    send_call(
        &app,
        &sacha,
        &call_form("Lucienne", "Morlaàs"),
        &[("action", "attente"), ("once", once.as_str())],
    )
    .await;
    let lucienne = learner::Entity::find()
        .filter(learner::Column::FirstName.eq("Lucienne"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let her_page = app::paths::book_for(lucienne);
    let list = app.get("/benevole/agenda/a-rappeler", Some(&camille)).await;
    list.assert_shows("Prendre rendez-vous pour Lucienne");
    assert!(list.body.contains(&her_page.replace('&', "&amp;")));

    // Found by a part of her first name, case and accents aside, with her commune; the
    // agenda links to the search.
    let agenda_page = app.get("/benevole/agenda", Some(&camille)).await;
    assert!(
        agenda_page
            .body
            .contains("href=\"/benevole/agenda/reserver\"")
    );
    let found = app
        .get(
            "/benevole/agenda/reserver?cherche=LUCI%C3%A9",
            Some(&camille),
        )
        .await;
    assert_eq!(found.status, StatusCode::OK);
    found.assert_shows("Lucienne — Morlaàs");
    assert!(found.body.contains(&format!("href=\"{her_page}\"")));
    let nobody = app
        .get("/benevole/agenda/reserver?cherche=Zo%C3%A9", Some(&camille))
        .await;
    nobody.assert_shows("Personne ne s'appelle « Zoé » dans la structure.");

    // Her page: her zone, and the free slots at home there.
    let page = app.get(&her_page, Some(&camille)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("Rendez-vous pour Lucienne");
    page.assert_shows("Sa zone : Nord");
    let slot = first_slot(&page.body);
    assert!(slot.contains(&format!(".{day}.540.d")), "{slot}");
    let once = hidden_value(&page.body, "once").unwrap();

    // "Réserver" with no slot ticked: back, with the choices kept.
    let res = app
        .post_form(
            "/api/agenda/reserver-creneau",
            &[
                ("apprenant", &lucienne.to_string()),
                ("mode", "domicile"),
                ("zone", &nord),
                ("once", &once),
            ],
            Some(&camille),
        )
        .await;
    let back = res.location().unwrap().to_string();
    assert!(back.contains("erreur=choisir-creneau"), "{back}");
    assert!(back.contains("mode=domicile") && back.contains(&format!("zone={nord}")));
    app.get(&back, Some(&camille))
        .await
        .assert_shows("Choisissez un créneau.");

    // Booked; the same form sent again (a double click) books once.
    let form = [
        ("apprenant", lucienne.to_string()),
        ("mode", "domicile".to_string()),
        ("zone", nord.clone()),
        ("slot", slot.clone()),
        ("once", once.clone()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let first = app
        .post_form("/api/agenda/reserver-creneau", &form, Some(&camille))
        .await
        .location()
        .unwrap()
        .to_string();
    assert!(first.starts_with("/benevole/agenda/rdv/"), "{first}");
    let again = app
        .post_form("/api/agenda/reserver-creneau", &form, Some(&camille))
        .await
        .location()
        .unwrap()
        .to_string();
    assert_eq!(first, again);
    let made = appointment::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].learner_id, Some(lucienne));
    assert_eq!(made[0].kind, "domicile");
    assert_eq!(
        made[0].commune, "Morlaàs",
        "the commune of the call that brought her"
    );
    app.get(&first, Some(&camille))
        .await
        .assert_shows("Le rendez-vous est réservé.");

    // Booking is calling back: off the list; her page says what is planned.
    let list = app.get("/benevole/agenda/a-rappeler", Some(&camille)).await;
    assert!(!list.body.contains("Lucienne"), "{}", list.body);
    let page = app.get(&her_page, Some(&camille)).await;
    page.assert_shows("Déjà prévu");
    page.assert_shows("à 9 h");

    // Another volunteer, on a page shown before, for someone else: taken, the next free
    // slot proposed, the choices kept.
    let demo = app.demo_learner_id().await;
    let other_once = app.form_token(&app::paths::book_for(demo), &sacha).await;
    let res = app
        .post_form(
            "/api/agenda/reserver-creneau",
            &[
                ("apprenant", &demo.to_string()),
                ("mode", "domicile"),
                ("zone", &nord),
                ("slot", &slot),
                ("once", &other_once),
            ],
            Some(&sacha),
        )
        .await;
    let back = res.location().unwrap().to_string();
    assert!(back.contains("erreur=creneau-pris"), "{back}");
    let page = app.get(&back, Some(&sacha)).await;
    page.assert_shows("Ce créneau vient d'être pris par un autre bénévole.");
    assert!(first_slot(&page.body).contains(&format!(".{day}.600.d")));
    assert_eq!(
        appointment::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );

    // Another structure: neither her page nor booking her; nor ours, theirs.
    let (theirs, their_learner) = app.other_structure().await;
    assert_eq!(
        app.get(&her_page, Some(&theirs)).await.status,
        StatusCode::NOT_FOUND
    );
    let their_search = app
        .get("/benevole/agenda/reserver?cherche=Lucienne", Some(&theirs))
        .await;
    assert!(!their_search.body.contains("Morlaàs"));
    let once = app
        .form_token(&app::paths::book_for(their_learner), &theirs)
        .await;
    assert_eq!(
        call_server_fn(
            &app,
            "/api/agenda/reserver-creneau",
            &[
                ("apprenant", &lucienne.to_string()),
                ("slot", &slot),
                ("once", &once)
            ],
            &theirs
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&app::paths::book_for(their_learner), Some(&camille))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn after_a_workshop_each_participant_s_next_visit_is_shown_and_booked_from_there() {
    let app = TestApp::new().await;
    let (_, day) = territory(&app).await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    // Marcelle has her appointment already; Jeanne (the demo learner) has nothing planned.
    let at = book(&app, &camille, "Marcelle").await;
    let marcelle = appointment::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .learner_id
        .unwrap();
    let jeanne = app.demo_learner_id().await;
    let today = app::text::dates::today_iso(app::ssr::db::now());
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("learner", &jeanne.to_string()),
                ("learner", &marcelle.to_string()),
                ("date", &today),
                ("kind", "atelier"),
                ("minutes", "120"),
                ("topics", "Atelier e-mail"),
            ],
            Some(&camille),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let saved_at = res.location().unwrap().to_string();
    let saved = app.get(&saved_at, Some(&camille)).await;
    let card = |name: &str| {
        let start = saved.body.find(&format!("<h2>{name}</h2>")).unwrap();
        let end = saved.body[start..].find("</li>").unwrap() + start;
        saved.body[start..end].to_string()
    };
    let hers = card("Marcelle");
    assert!(hers.contains("Prochaine visite : Le "), "{hers}");
    assert!(
        hers.contains("à 9 h") && !hers.contains("Prendre rendez-vous"),
        "{hers}"
    );
    let jeannes = card("Jeanne");
    assert!(
        jeannes.contains("Prochaine visite : rien de prévu"),
        "{jeannes}"
    );
    let link = app::paths::book_for(jeanne);
    assert!(jeannes.contains(&format!("href=\"{link}\"")), "{jeannes}");
    assert!(jeannes.contains("Prendre rendez-vous pour Jeanne"));

    // Booked from there: the saved page says so.
    let page = app.get(&link, Some(&camille)).await;
    let slot = first_slot(&page.body);
    assert!(slot.contains(&format!(".{day}.600.")), "{slot}");
    let once = hidden_value(&page.body, "once").unwrap();
    let res = app
        .post_form(
            "/api/agenda/reserver-creneau",
            &[
                ("apprenant", &jeanne.to_string()),
                ("mode", ""),
                ("slot", &slot),
                ("once", &once),
            ],
            Some(&camille),
        )
        .await;
    assert!(res.location().unwrap().starts_with("/benevole/agenda/rdv/"));
    let saved = app.get(&saved_at, Some(&camille)).await;
    assert!(!saved.body.contains("Prendre rendez-vous pour Jeanne"));
    assert!(saved.body.contains("à 10 h"), "{}", saved.body);
    assert!(at.starts_with("/benevole/agenda/rdv/"));
}
