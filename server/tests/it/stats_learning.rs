//! The daily counters of the learners' moments (issue 21, item 7): steps seen and finished
//! through the real pages and forms, sessions logged, corrected and deleted the same day,
//! learners deleted and moved; after each write, the counters kept are, row for row, those
//! made again from the records (`stats_learning::rebuild`), and the statistics' figures
//! equal those counted from the rows (`stats::group_from_rows`) while nobody moved. A
//! learner who moves keeps their past figures with their old structure. The migration
//! counts the records saved before it, and goes down and up. Step saves at once are all
//! counted. SQLite, and PostgreSQL when `PAP_TEST_POSTGRES` is set.

use axum::http::StatusCode;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, QueryOrder};

use crate::common::*;
use app::model::stats::StatsFigures;
use app::ssr::db::entities::stats_learning_day as counters;
use app::ssr::services::stats::{self, Group, Period};
use app::ssr::services::{accounts, moves, progress, stats_learning};

const MODULE: &str = "email-la-poste";
const LESSON: &str = "adresse-enveloppe";
const STEPS: [&str; 6] = [
    "une-lettre-mais-sans-papier",
    "adresse",
    "arobase",
    "chaque-lettre",
    "lire",
    "a-retenir",
];

/// The day `days` before today, as the counters count days.
fn day(days: i64) -> String {
    stats_learning::day_of_time(app::ssr::db::now() - days * 86_400)
}

/// Every counter, in key order.
async fn all_counters(app: &TestApp) -> Vec<counters::Model> {
    counters::Entity::find()
        .order_by_asc(counters::Column::StructureId)
        .order_by_asc(counters::Column::Day)
        .all(&app.state.db)
        .await
        .unwrap()
}

/// The counters, after checking that they are those made again from the records, and
/// that the figures of `structures` (where nobody moved) over the last week are those
/// counted from the rows.
async fn exact(app: &TestApp, structures: &[i32]) -> Vec<counters::Model> {
    let db = &app.state.db;
    app.assert_people_rows_kept().await;
    let kept = all_counters(app).await;
    stats_learning::rebuild(db).await.unwrap();
    assert_eq!(
        kept,
        all_counters(app).await,
        "the counters kept differ from those made from the records"
    );
    let p = Period::new(&day(7), &day(0)).unwrap();
    for s in structures {
        let mut counted = StatsFigures::default();
        let mut rows = StatsFigures::default();
        stats::group(db, Group::Learning, *s, &p, &mut counted)
            .await
            .unwrap();
        stats::group_from_rows(db, Group::Learning, *s, &p, &mut rows)
            .await
            .unwrap();
        assert_eq!(counted, rows, "the counters' figures differ from the rows'");
    }
    kept
}

/// A structure's day: (steps finished, alone, lessons started, lessons finished).
fn of(counters: &[counters::Model], structure: i32, day: &str) -> (i64, i64, i64, i64) {
    counters
        .iter()
        .find(|c| c.structure_id == structure && c.day == day)
        .map_or((0, 0, 0, 0), |c| {
            (
                c.steps_finished,
                c.steps_alone,
                c.lessons_started,
                c.lessons_finished,
            )
        })
}

/// "Suivant" on a step of the lesson.
async fn next(app: &TestApp, cookie: &str, step: &str) {
    let res = app
        .post_form(
            "/api/suivant",
            &[("module", MODULE), ("lesson", LESSON), ("step", step)],
            Some(cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
}

/// A session of 30 minutes with `learner` on `date` (`visit`: a correction of it).
async fn session_with(
    app: &TestApp,
    cookie: &str,
    learner: i32,
    date: &str,
    visit: Option<i32>,
) -> i32 {
    let learner = learner.to_string();
    let (visit_s, once);
    let mut form = vec![
        ("learner", learner.as_str()),
        ("date", date),
        ("session_type", "individuel"),
        ("place_type", "lieu_activite"),
        ("duration", "30"),
        ("themes", "email"),
    ];
    if let Some(id) = visit {
        visit_s = id.to_string();
        once = app
            .form_token(&format!("/benevole/seances/{id}/modifier"), cookie)
            .await;
        form.push(("visit", visit_s.as_str()));
        form.push(("once", once.as_str()));
    }
    post_session(app, cookie, &form).await
}

async fn delete_session(app: &TestApp, cookie: &str, visit: i32) {
    let visit = visit.to_string();
    let res = app
        .post_form(
            "/api/seance/supprimer",
            &[("visit", &visit), ("confirm", "oui")],
            Some(cookie),
        )
        .await;
    assert_eq!(res.location(), Some("/benevole/seances?supprimee=1"));
}

#[tokio::test]
async fn the_counters_follow_steps_sessions_and_deletions() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let jeanne = app.demo_learner_id().await;
    let structure = structure_of(&app, jeanne).await;
    let cookie = app.learner_cookie().await;
    let (today, yesterday) = (day(0), day(1));
    let s = [structure];
    assert_eq!(of(&exact(&app, &s).await, structure, &today), (0, 0, 0, 0));

    // A step shown, the views written by the batched recorder: the lesson is started.
    app.get(
        &format!("/modules/{MODULE}/{LESSON}/{}", STEPS[1]),
        Some(&cookie),
    )
    .await;
    app.flush_seen().await;
    assert_eq!(of(&exact(&app, &s).await, structure, &today), (0, 0, 1, 0));
    // Three steps finished through "Suivant", no session today: alone.
    for step in &STEPS[..3] {
        next(&app, &cookie, step).await;
    }
    // The same step again counts once.
    next(&app, &cookie, STEPS[0]).await;
    assert_eq!(of(&exact(&app, &s).await, structure, &today), (3, 3, 1, 0));

    // A session with Jeanne today: her steps of today are no longer alone, nor the next.
    let first = session_with(&app, &camille, jeanne, &today, None).await;
    assert_eq!(of(&exact(&app, &s).await, structure, &today), (3, 0, 1, 0));
    for step in &STEPS[3..] {
        next(&app, &cookie, step).await;
    }
    assert_eq!(
        of(&exact(&app, &s).await, structure, &today),
        (6, 0, 1, 1),
        "the lesson is finished"
    );

    // A second session today; the first deleted: one is left, nothing changes.
    let second = session_with(&app, &camille, jeanne, &today, None).await;
    delete_session(&app, &camille, first).await;
    assert_eq!(of(&exact(&app, &s).await, structure, &today), (6, 0, 1, 1));
    // The second corrected to yesterday: today has no session with her any more.
    assert_eq!(
        session_with(&app, &camille, jeanne, &yesterday, Some(second)).await,
        second
    );
    let c = exact(&app, &s).await;
    assert_eq!(of(&c, structure, &today), (6, 6, 1, 1));
    assert_eq!(of(&c, structure, &yesterday), (0, 0, 0, 0));
    // Back to today, then deleted.
    session_with(&app, &camille, jeanne, &today, Some(second)).await;
    assert_eq!(of(&exact(&app, &s).await, structure, &today), (6, 0, 1, 1));
    delete_session(&app, &camille, second).await;
    assert_eq!(of(&exact(&app, &s).await, structure, &today), (6, 6, 1, 1));

    // Marcel practises alone, then deletes his account: his figures go with him.
    let (marcel_cookie, _) = app.another_learner("Marcel").await;
    next(&app, &marcel_cookie, STEPS[0]).await;
    next(&app, &marcel_cookie, STEPS[1]).await;
    assert_eq!(of(&exact(&app, &s).await, structure, &today), (8, 8, 2, 1));
    let res = app
        .post_form(
            "/api/supprimer-mon-compte",
            &[("confirm", "oui")],
            Some(&marcel_cookie),
        )
        .await;
    assert_eq!(res.location(), Some("/?compte=supprime"));
    assert_eq!(of(&exact(&app, &s).await, structure, &today), (6, 6, 1, 1));

    // Jeanne deleted with a session of her own today: nothing left.
    session_with(&app, &camille, jeanne, &today, None).await;
    assert_eq!(of(&exact(&app, &s).await, structure, &today), (6, 0, 1, 1));
    let _ = accounts::delete_learner(db, jeanne).await.unwrap();
    let c = exact(&app, &s).await;
    assert!(
        !c.iter()
            .any(|c| c.structure_id == structure && c.day == today),
        "{c:?}"
    );
}

#[tokio::test]
async fn a_learner_who_moves_keeps_their_past_figures_with_their_old_structure() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let (marcel_cookie, marcel) = app.another_learner("Marcel").await;
    let old = structure_of(&app, marcel).await;
    let (new, _) = app
        .structure_with_coordinator("Maison des Aînés", None, "nadia.coordination", "Nadia")
        .await;
    let today = day(0);
    next(&app, &marcel_cookie, STEPS[0]).await;
    next(&app, &marcel_cookie, STEPS[1]).await;
    assert_eq!(of(&exact(&app, &[old]).await, old, &today), (2, 2, 1, 0));

    let coordinator = staff_named(&app, "demo.coordination").await;
    let moved = moves::move_learner(db, &coordinator, marcel, new, true)
        .await
        .unwrap();
    assert!(matches!(moved, Some(moves::Moved::Done(_))), "{moved:?}");
    // (Not the figures counted from the rows: they follow the learner's structure now.)
    let c = exact(&app, &[]).await;
    assert_eq!(of(&c, old, &today), (2, 2, 1, 0), "the past stays");
    assert_eq!(of(&c, new, &today), (0, 0, 0, 0));
    let p = Period::new(&today, &today).unwrap();
    let mut f = StatsFigures::default();
    stats::group(db, Group::Learning, old, &p, &mut f)
        .await
        .unwrap();
    assert_eq!((f.lessons_started, f.steps_alone), (1, 2));

    // The next second, in the new structure: what he does now counts there.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let catalog = app.state.content.get();
    let m = catalog.module(MODULE).expect("the module");
    let l = m
        .published_lessons()
        .find(|l| l.slug == LESSON)
        .expect("the lesson");
    for step in &STEPS[2..] {
        progress::complete_step(db, marcel, m, l, step, None)
            .await
            .unwrap();
    }
    let c = exact(&app, &[]).await;
    assert_eq!(of(&c, old, &today), (2, 2, 1, 0));
    assert_eq!(of(&c, new, &today), (4, 4, 0, 1));

    // Deleted: taken off where each moment was counted.
    let _ = accounts::delete_learner(db, marcel).await.unwrap();
    let c = exact(&app, &[old, new]).await;
    assert_eq!(of(&c, old, &today), (0, 0, 0, 0));
    assert_eq!(of(&c, new, &today), (0, 0, 0, 0));
}

/// Step saves at the same moment, of one learner and of another, with a session of the
/// first saved meanwhile: every step is counted, alone or not as the session says once
/// all is committed (PostgreSQL: the learner's writes wait for each other). SQLite may
/// answer some "busy, try again": those are not saved, and not counted.
#[tokio::test]
async fn step_saves_at_once_are_all_counted() {
    let app = TestApp::new().await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let jeanne = app.demo_learner_id().await;
    let structure = structure_of(&app, jeanne).await;
    let cookie = app.learner_cookie().await;
    let (marcel_cookie, _) = app.another_learner("Marcel").await;
    let backend = app.state.db.get_database_backend();
    let today = day(0);
    let saves = STEPS.iter().flat_map(|step| {
        [cookie.as_str(), marcel_cookie.as_str()].map(|who| {
            let app = &app;
            async move {
                app.post_form(
                    "/api/suivant",
                    &[("module", MODULE), ("lesson", LESSON), ("step", *step)],
                    Some(who),
                )
                .await
            }
        })
    });
    let jeanne_s = jeanne.to_string();
    let session = async {
        let form = [
            ("learner", jeanne_s.as_str()),
            ("date", today.as_str()),
            ("session_type", "individuel"),
            ("place_type", "lieu_activite"),
            ("duration", "30"),
            ("themes", "email"),
        ];
        app.post_form("/api/seance", &form, Some(&camille)).await
    };
    let (results, session) = tokio::join!(futures_util::future::join_all(saves), session);
    let mut saved = 0;
    for res in results.iter().chain([&session]) {
        if res.status == StatusCode::FOUND || res.status == StatusCode::SEE_OTHER {
            saved += 1;
        } else {
            assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
            assert_eq!(backend, DbBackend::Sqlite, "{}", res.body);
        }
    }
    let c = exact(&app, &[structure]).await;
    let (finished, alone, started, lessons) = of(&c, structure, &today);
    if backend == DbBackend::Postgres {
        assert_eq!(saved, 13);
        assert_eq!((finished, started, lessons), (12, 2, 2));
        // Jeanne's steps are not alone: the session is there.
        assert_eq!(alone, 6);
    } else {
        assert!(finished > 0 && started > 0, "{c:?}");
    }
}

/// The records saved before the counters existed (here: written around the services) are
/// counted by the migration that makes them, for the structure each learner was in; it
/// goes down and up again.
#[tokio::test]
async fn the_migration_counts_the_records_saved_before_it() {
    use app::ssr::db::migration::m20261209_000101_create_stats_learning_day::Migration;
    use app::ssr::db::migration::m20261209_000201_create_stats_people_year::Migration as People;
    use sea_orm_migration::{MigrationTrait, SchemaManager};
    let app = TestApp::new().await;
    let db = &app.state.db;
    let jeanne = app.demo_learner_id().await;
    let structure = structure_of(&app, jeanne).await;
    let manager = SchemaManager::new(db);
    Migration.down(&manager).await.unwrap();
    assert!(!manager.has_table("stats_learning_day").await.unwrap());
    // 2026-01-05 10:00 and 11:00 in France (winter): two steps of a lesson begun then, one
    // finished, the lesson finished the next day; a session with her on the 6th.
    let t = stats_learning::day_start("2026-01-05").unwrap() + 10 * 3600;
    db.execute_unprepared(&format!(
        "INSERT INTO step_progress (learner_id, module, lesson, step, first_seen_at,
           last_seen_at, seconds_spent, completed_at)
         VALUES ({jeanne}, 'm', 'l', 's1', {t}, {t}, 0, {t1}),
                ({jeanne}, 'm', 'l', 's2', {t1}, {t1}, 0, NULL),
                ({jeanne}, 'm', 'l', 's3', {t2}, {t2}, 0, {t2})",
        t1 = t + 3600,
        t2 = t + 86_400,
    ))
    .await
    .unwrap();
    db.execute_unprepared(&format!(
        "INSERT INTO lesson_completion (learner_id, module, lesson, completed_at)
         VALUES ({jeanne}, 'm', 'l', {t2})",
        t2 = t + 86_400,
    ))
    .await
    .unwrap();
    app.add_session(NewSession {
        learners: &[jeanne],
        ..NewSession::new(structure, "2026-01-06")
    })
    .await;
    // The people counted once go too (made again by their own migration).
    People.down(&manager).await.unwrap();
    assert!(!manager.has_table("stats_people_year").await.unwrap());
    Migration.up(&manager).await.unwrap();
    People.up(&manager).await.unwrap();
    let c = all_counters(&app).await;
    assert_eq!(of(&c, structure, "2026-01-05"), (1, 1, 1, 0));
    assert_eq!(of(&c, structure, "2026-01-06"), (1, 0, 0, 1));
    let p = Period::new("2026-01-01", "2026-01-31").unwrap();
    let mut counted = StatsFigures::default();
    let mut rows = StatsFigures::default();
    stats::group(db, Group::Learning, structure, &p, &mut counted)
        .await
        .unwrap();
    stats::group_from_rows(db, Group::Learning, structure, &p, &mut rows)
        .await
        .unwrap();
    assert_eq!(counted, rows);
    assert_eq!(
        (
            counted.lessons_started,
            counted.lessons_finished,
            counted.steps_alone,
            counted.people_alone
        ),
        (1, 1, 1, 1)
    );
}

/// A view written late by the batched recorder, older than the lesson's other records
/// (of another day): the lesson's start moves to the view's day.
#[tokio::test]
async fn an_older_record_written_late_moves_the_lesson_s_start() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let jeanne = app.demo_learner_id().await;
    let structure = structure_of(&app, jeanne).await;
    let (before, after) = (day(3), day(1));
    let late = stats_learning::day_start(&after).unwrap() + 9 * 3600;
    let early = stats_learning::day_start(&before).unwrap() + 9 * 3600;
    let record = |step: &str, at: i64| {
        format!(
            "INSERT INTO step_progress (learner_id, module, lesson, step, first_seen_at,
               last_seen_at, seconds_spent, completed_at)
             VALUES ({jeanne}, 'm', 'l', '{step}', {at}, {at}, 0, NULL)"
        )
    };
    db.execute_unprepared(&record("s2", late)).await.unwrap();
    stats_learning::rebuild(db).await.unwrap();
    assert_eq!(
        of(&all_counters(&app).await, structure, &after),
        (0, 0, 1, 0)
    );
    // The older view, written now as `SeenRecorder::flush` does.
    db.execute_unprepared(&record("s1", early)).await.unwrap();
    let mut changes = stats_learning::Changes::default();
    stats_learning::step_inserted(db, &mut changes, jeanne, "m", "l", "s1", early)
        .await
        .unwrap();
    changes.apply(db).await.unwrap();
    let c = exact(&app, &[structure]).await;
    assert_eq!(of(&c, structure, &before), (0, 0, 1, 0));
    assert_eq!(of(&c, structure, &after), (0, 0, 0, 0));
    assert!(!c.iter().any(|c| c.day == after), "{c:?}");
}
