//! The daily counters of the statistics (issue 21, item 7): sessions logged, corrected
//! (to another day too) and deleted through the real forms, and with their last learner;
//! after each write, every figure of the page equals the same figure counted from the
//! sessions' rows (`stats::group_from_rows`, as before the counters), and the counters kept
//! are, row for row, those made again from scratch (`stats_day::rebuild`). The migration
//! makes the counters of the sessions saved before it. SQLite, and PostgreSQL when
//! `PAP_TEST_POSTGRES` is set.

use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, Set};

use crate::common::*;
use app::model::stats::StatsFigures;
use app::model::{CoopTheme, SessionType};
use app::ssr::db::entities::{staff, stats_day as counters, visit, visit_learner};
use app::ssr::services::stats::{self, Group, Period};
use app::ssr::services::{accounts, stats_day, stats_learning};

/// The French day `days` before today.
fn day(days: i64) -> String {
    app::text::dates::today_iso(app::ssr::db::now() - days * 86_400)
}

/// Every counter, in key order.
async fn all_counters(app: &TestApp) -> Vec<counters::Model> {
    counters::Entity::find()
        .order_by_asc(counters::Column::StructureId)
        .order_by_asc(counters::Column::Day)
        .order_by_asc(counters::Column::Dimension)
        .order_by_asc(counters::Column::Item)
        .all(&app.state.db)
        .await
        .unwrap()
}

/// The page's figures of `structure` over the last week, after checking that they equal
/// the figures counted from the rows and that the counters kept (and the people counted
/// once) equal those made again.
async fn exact_figures(app: &TestApp, structure: i32) -> StatsFigures {
    let db = &app.state.db;
    app.assert_people_rows_kept().await;
    let p = Period::new(&day(7), &day(0)).unwrap();
    let page = stats::figures(db, structure, &p).await.unwrap();
    let mut rows = StatsFigures::default();
    for g in Group::ALL {
        stats::group_from_rows(db, g, structure, &p, &mut rows)
            .await
            .unwrap();
    }
    assert_eq!(page, rows, "the counters' figures differ from the rows'");
    let kept = all_counters(app).await;
    stats_day::rebuild(db).await.unwrap();
    assert_eq!(
        kept,
        all_counters(app).await,
        "the counters kept went wrong"
    );
    page
}

#[tokio::test]
async fn the_counters_follow_every_write_and_give_the_figures_of_the_rows() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let sacha = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let jeanne = app.demo_learner_id().await;
    let (_, marcel) = app.another_learner("Marcel").await;
    let (_, rose) = app.another_learner("Rose").await;
    let structure = staff::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.username == "demo.benevole")
        .unwrap()
        .structure_id;
    let before = exact_figures(&app, structure).await;
    assert_eq!(before.sessions, 0, "no session yet");
    let (jeanne_s, marcel_s, rose_s) = (jeanne.to_string(), marcel.to_string(), rose.to_string());
    let (today, yesterday, earlier) = (day(0), day(1), day(3));

    // Logged: Jeanne at home today; a workshop yesterday with Marcel and six anonymous
    // people; Rose today, by the coordinator.
    let home = post_session(
        &app,
        &camille,
        &[
            ("learner", &jeanne_s),
            ("date", &today),
            ("session_type", "individuel"),
            ("place_type", "domicile"),
            ("commune", "Morlaàs"),
            ("duration", "90"),
            ("themes", "sante"),
            ("themes", "social_sante"),
            ("topics", "Le compte ameli."),
        ],
    )
    .await;
    let workshop = post_session(
        &app,
        &camille,
        &[
            ("learner", &marcel_s),
            ("date", &yesterday),
            ("session_type", "collectif"),
            ("place_type", "lieu_activite"),
            ("duration", "120"),
            ("themes", "email"),
            ("workshop_title", "Le courriel sans peur"),
            ("workshop_level", "debutant"),
            ("anonymous", "6"),
            ("anonymous_followed", "2"),
        ],
    )
    .await;
    post_session(
        &app,
        &sacha,
        &[
            ("learner", &rose_s),
            ("date", &today),
            ("session_type", "individuel"),
            ("place_type", "a_distance"),
            ("duration", "autre"),
            ("minutes", "20"),
            ("themes", "email"),
            ("themes", "securite_numerique"),
        ],
    )
    .await;
    let f = exact_figures(&app, structure).await;
    assert_eq!(f.sessions, before.sessions + 3);
    assert_eq!(f.minutes, before.minutes + 90 + 120 + 20);
    assert_eq!(f.workshops, before.workshops + 1);
    assert_eq!(f.anonymous, before.anonymous + 6);
    assert!(f.by_theme.contains(&(CoopTheme::Email, 2)), "{f:?}");
    assert_eq!(f.by_volunteer.len(), 2, "{f:?}");

    // Corrected: the home session moves to three days ago, 45 minutes, e-mail only.
    let once = app
        .form_token(&format!("/benevole/seances/{home}/modifier"), &camille)
        .await;
    let home_s = home.to_string();
    let corrected = post_session(
        &app,
        &camille,
        &[
            ("visit", &home_s),
            ("once", &once),
            ("learner", &jeanne_s),
            ("date", &earlier),
            ("session_type", "individuel"),
            ("place_type", "domicile"),
            ("commune", "Morlaàs"),
            ("duration", "45"),
            ("themes", "email"),
            ("topics", "Le compte ameli."),
        ],
    )
    .await;
    assert_eq!(corrected, home);
    let f = exact_figures(&app, structure).await;
    assert_eq!(f.sessions, before.sessions + 3);
    assert_eq!(f.minutes, before.minutes + 45 + 120 + 20);
    assert!(f.by_theme.contains(&(CoopTheme::Email, 3)), "{f:?}");
    assert!(
        !f.by_theme.iter().any(|(t, _)| *t == CoopTheme::Health),
        "{f:?}"
    );
    let moved = counters::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.structure_id == structure && c.dimension == "all")
        .map(|c| (c.day, c.sessions))
        .collect::<Vec<_>>();
    assert!(moved.contains(&(earlier.clone(), 1)), "{moved:?}");
    assert!(moved.contains(&(today.clone(), 1)), "{moved:?}");

    // Deleted through the form: the workshop.
    let workshop_s = workshop.to_string();
    let res = app
        .post_form(
            "/api/seance/supprimer",
            &[("visit", &workshop_s), ("confirm", "oui")],
            Some(&camille),
        )
        .await;
    assert_eq!(res.location(), Some("/benevole/seances?supprimee=1"));
    let f = exact_figures(&app, structure).await;
    assert_eq!(f.sessions, before.sessions + 2);
    assert_eq!(f.workshops, before.workshops);
    assert_eq!(f.anonymous, before.anonymous);
    assert!(
        !f.by_type.iter().any(|(t, _)| *t == SessionType::Collective),
        "{f:?}"
    );

    // Deleted with its only learner: Rose's session.
    let _ = accounts::delete_learner(db, rose).await.unwrap();
    let f = exact_figures(&app, structure).await;
    assert_eq!(f.sessions, before.sessions + 1);
    assert_eq!(f.minutes, before.minutes + 45);
    assert_eq!(f.by_volunteer.len(), 1, "{f:?}");
}

/// Sessions saved at the same moment on the same day are all saved and counted exactly:
/// they wait for each other (SQLite: `BEGIN IMMEDIATE`, so a save that reads before it
/// writes queues for the write lock instead of answering "busy"; PostgreSQL: the lock per
/// structure), and the last recompute of the day sees the others.
#[tokio::test]
async fn sessions_saved_at_once_on_one_day_are_counted_exactly() {
    let app = TestApp::new().await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let jeanne = app.demo_learner_id().await;
    let structure = app::ssr::db::entities::learner::Entity::find_by_id(jeanne)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .structure_id;
    let jeanne_s = jeanne.to_string();
    let today = day(0);
    let minutes: Vec<String> = (0..8).map(|k| (10 + k).to_string()).collect();
    let saves = minutes.iter().map(|m| {
        let form = vec![
            ("learner", jeanne_s.as_str()),
            ("date", today.as_str()),
            ("session_type", "individuel"),
            ("place_type", "lieu_activite"),
            ("duration", "autre"),
            ("minutes", m.as_str()),
            ("themes", "email"),
        ];
        let (app, camille) = (&app, &camille);
        async move { app.post_form("/api/seance", &form, Some(camille)).await }
    });
    for res in futures_util::future::join_all(saves).await {
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    }
    let f = exact_figures(&app, structure).await;
    assert_eq!(f.sessions, 8);
    assert_eq!(f.minutes, (10..18).sum::<i64>());
}

/// Writes through the model (as the tests' own sessions are made) keep the counters too:
/// an insert, a change of day and a deletion.
#[tokio::test]
async fn sessions_written_through_the_model_keep_their_counters() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let jeanne = app.demo_learner_id().await;
    let structure = app::ssr::db::entities::learner::Entity::find_by_id(jeanne)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .structure_id;
    let v = visit::ActiveModel {
        structure_id: Set(structure),
        volunteer_id: Set(None),
        date: Set(day(2)),
        kind: Set("permanence".into()),
        place: Set(String::new()),
        duration_minutes: Set(25),
        topics: Set(String::new()),
        note: Set(None),
        created_at: Set(0),
        session_type: Set("individuel".into()),
        place_type: Set("autre".into()),
        commune: Set(Some("Pau".into())),
        equipment: Set(String::new()),
        themes: Set("logement,argent_impots".into()),
        autonomy: Set(None),
        orientation: Set(None),
        workshop_title: Set(None),
        workshop_level: Set(None),
        anonymous: Set(0),
        anonymous_followed: Set(0),
        updated_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    visit_learner::ActiveModel {
        visit_id: Set(v.id),
        learner_id: Set(jeanne),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    // The people counted once are kept by the services that write sessions
    // (`stats_learning::SessionTouch`), not by the model: made again after each write here.
    stats_learning::rebuild(db).await.unwrap();
    let f = exact_figures(&app, structure).await;
    assert_eq!((f.sessions, f.minutes), (1, 25));
    assert_eq!(f.by_theme.len(), 2, "{f:?}");
    let mut moved: visit::ActiveModel = v.clone().into();
    moved.date = Set(day(5));
    moved.duration_minutes = Set(130);
    moved.update(db).await.unwrap();
    stats_learning::rebuild(db).await.unwrap();
    let f = exact_figures(&app, structure).await;
    assert_eq!((f.sessions, f.minutes), (1, 130));
    let days: Vec<String> = all_counters(&app)
        .await
        .into_iter()
        .map(|c| c.day)
        .collect();
    assert!(days.iter().all(|d| *d == day(5)), "{days:?}");
    let gone: visit::ActiveModel = v.into();
    gone.delete(db).await.unwrap();
    stats_learning::rebuild(db).await.unwrap();
    let f = exact_figures(&app, structure).await;
    assert_eq!(f.sessions, 0);
    assert!(all_counters(&app).await.is_empty());
}

/// The sessions saved before the counters existed (here: written around the model, with
/// no counter) are counted by the migrations that make them (the table, then its named
/// people, which fills it); they go down and up again.
#[tokio::test]
async fn the_migration_counts_the_sessions_saved_before_it() {
    use app::ssr::db::migration::m20261208_000101_create_stats_day::Migration;
    use app::ssr::db::migration::m20261209_000501_add_stats_day_named::Migration as Named;
    use sea_orm_migration::{MigrationTrait, SchemaManager};
    let app = TestApp::new().await;
    let db = &app.state.db;
    let jeanne = app.demo_learner_id().await;
    let structure = app::ssr::db::entities::learner::Entity::find_by_id(jeanne)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .structure_id;
    let manager = SchemaManager::new(db);
    Named.down(&manager).await.unwrap();
    Migration.down(&manager).await.unwrap();
    assert!(!manager.has_table("stats_day").await.unwrap());
    db.execute_unprepared(&format!(
        "INSERT INTO visit (structure_id, date, kind, place, duration_minutes, topics, created_at,
           session_type, place_type, equipment, themes, anonymous, anonymous_followed)
         VALUES ({structure}, '2026-01-05', 'domicile', '', 50, '', 0, 'individuel', 'domicile',
                 '', 'sante,email', 0, 0),
                ({structure}, '2026-01-05', 'atelier', '', 120, '', 0, 'collectif',
                 'lieu_activite', '', 'email', 7, 3),
                ({structure}, '2026-01-09', 'permanence', '', 20, '', 0, 'individuel',
                 'a_distance', '', '', 0, 0)"
    ))
    .await
    .unwrap();
    // Jeanne at the workshop, by name.
    db.execute_unprepared(&format!(
        "INSERT INTO visit_learner (visit_id, learner_id) SELECT id, {jeanne} FROM visit \
         WHERE structure_id = {structure} AND kind = 'atelier' AND date = '2026-01-05'"
    ))
    .await
    .unwrap();
    Migration.up(&manager).await.unwrap();
    Named.up(&manager).await.unwrap();
    // (Each volunteer's people come from the people counted once, made by their own
    // migration: made again here.)
    stats_learning::rebuild_people(db).await.unwrap();
    let p = Period::new("2026-01-01", "2026-01-31").unwrap();
    let mut counted = StatsFigures::default();
    let mut rows = StatsFigures::default();
    for g in [Group::Sessions, Group::Themes, Group::Volunteers] {
        stats::group(db, g, structure, &p, &mut counted)
            .await
            .unwrap();
        stats::group_from_rows(db, g, structure, &p, &mut rows)
            .await
            .unwrap();
    }
    assert_eq!(counted, rows);
    assert_eq!(
        (counted.sessions, counted.minutes, counted.anonymous),
        (3, 190, 7)
    );
    assert_eq!(counted.workshop_participants, 8);
    assert_eq!(
        counted.by_theme,
        [(CoopTheme::Email, 2), (CoopTheme::Health, 1)]
    );
    // The 5th: all, two types, two places, two durations, two themes, nobody; the 9th: all,
    // one type, place, duration, nobody, no theme.
    assert_eq!(all_counters(&app).await.len(), 10 + 5);
}
