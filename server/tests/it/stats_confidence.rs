//! The daily counters of the confidence question (issue 21, item 7): answers given and
//! changed through the real form, at a module's start and end in any order, a learner who
//! moves, a learner deleted; after each write the counters kept are, row for row, those
//! made again from the answers (`stats_confidence::rebuild`), and the outcomes report's
//! figures equal those counted from the answers. The migration counts the answers saved
//! before it, and goes down and up. SQLite, and PostgreSQL when `PAP_TEST_POSTGRES` is set.

use axum::http::StatusCode;
use sea_orm::{EntityTrait, QueryOrder};

use crate::common::*;
use app::model::ConfidenceOutcome;
use app::ssr::db::entities::stats_confidence_day as counters;
use app::ssr::services::{accounts, moves, outcomes, stats_confidence, stats_learning};

const MODULE: &str = "email-la-poste";
const OTHER: &str = "souris-clavier";

fn today() -> String {
    stats_learning::day_of_time(app::ssr::db::now())
}

/// The learner answers `module`'s question at `moment` (`debut`, `fin`) with `level`.
async fn answer(app: &TestApp, cookie: &str, module: &str, moment: &str, level: i16) {
    let level = level.to_string();
    let back = format!("/modules/{module}");
    let res = app
        .post_form(
            "/api/confiance",
            &[
                ("module", module),
                ("moment", moment),
                ("level", &level),
                ("back", &back),
            ],
            Some(cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    assert_eq!(res.location(), Some(back.as_str()));
}

/// Every counter as (structure, day, module, before, after, n), in key order.
async fn all_counters(app: &TestApp) -> Vec<(i32, String, String, i16, i16, i64)> {
    counters::Entity::find()
        .order_by_asc(counters::Column::StructureId)
        .order_by_asc(counters::Column::Day)
        .order_by_asc(counters::Column::Module)
        .order_by_asc(counters::Column::LevelBefore)
        .order_by_asc(counters::Column::LevelAfter)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| {
            (
                c.structure_id,
                c.day,
                c.module,
                c.level_before,
                c.level_after,
                c.n,
            )
        })
        .collect()
}

/// The counters, after checking that they are those made again from the answers, and
/// that each structure's sums today are those counted from the answers.
async fn exact(app: &TestApp, structures: &[i32]) -> Vec<(i32, String, String, i16, i16, i64)> {
    let db = &app.state.db;
    let kept = all_counters(app).await;
    stats_confidence::rebuild(db).await.unwrap();
    assert_eq!(
        kept,
        all_counters(app).await,
        "the counters kept differ from those made from the answers"
    );
    let day = today();
    for s in structures {
        let mut counted = stats_confidence::sums(db, *s, &day, &day).await.unwrap();
        counted.sort();
        let answers = stats_confidence::sums_from_answers(db, *s, &day, &day)
            .await
            .unwrap();
        assert_eq!(
            counted, answers,
            "the counters' sums differ from the answers'"
        );
    }
    kept
}

/// The outcomes report's confidence lines of `structure` today.
async fn report(app: &TestApp, structure: i32) -> Vec<ConfidenceOutcome> {
    let day = outcomes::parse_day(&today()).unwrap();
    outcomes::report(
        &app.state.db,
        &app.state.content.get(),
        structure,
        day,
        day,
        day,
    )
    .await
    .unwrap()
    .confidence
}

/// (pairs, higher, same, lower) of each line.
fn lines(report: &[ConfidenceOutcome]) -> Vec<(u32, u32, u32, u32)> {
    report
        .iter()
        .map(|c| (c.pairs, c.higher, c.same, c.lower))
        .collect()
}

#[tokio::test]
async fn the_counters_follow_answers_changes_moves_and_deletions() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let jeanne_cookie = app.learner_cookie().await;
    let jeanne = app.demo_learner_id().await;
    let (marcel_cookie, marcel) = app.another_learner("Marcel").await;
    let old = structure_of(&app, jeanne).await;
    let (new, _) = app
        .structure_with_coordinator("Maison des Aînés", None, "nadia.coordination", "Nadia")
        .await;
    let day = today();
    let key = |s: i32, m: &str, b: i16, a: i16, n: i64| (s, day.clone(), m.to_string(), b, a, n);

    // A start alone is no pair yet.
    answer(&app, &jeanne_cookie, MODULE, "debut", 0).await;
    assert!(exact(&app, &[old]).await.is_empty());
    answer(&app, &jeanne_cookie, MODULE, "fin", 2).await;
    assert_eq!(exact(&app, &[old]).await, vec![key(old, MODULE, 0, 2, 1)]);
    // Changed at the end, then at the start: one pair still, with its new levels.
    answer(&app, &jeanne_cookie, MODULE, "fin", 1).await;
    assert_eq!(exact(&app, &[old]).await, vec![key(old, MODULE, 0, 1, 1)]);
    answer(&app, &jeanne_cookie, MODULE, "debut", 1).await;
    assert_eq!(exact(&app, &[old]).await, vec![key(old, MODULE, 1, 1, 1)]);
    // Answered twice alike: nothing more.
    answer(&app, &jeanne_cookie, MODULE, "debut", 1).await;
    assert_eq!(exact(&app, &[old]).await, vec![key(old, MODULE, 1, 1, 1)]);

    // Marcel answers the end first, then the start; another module too.
    answer(&app, &marcel_cookie, MODULE, "fin", 2).await;
    assert_eq!(exact(&app, &[old]).await.len(), 1);
    answer(&app, &marcel_cookie, MODULE, "debut", 0).await;
    answer(&app, &marcel_cookie, OTHER, "debut", 2).await;
    answer(&app, &marcel_cookie, OTHER, "fin", 0).await;
    assert_eq!(
        exact(&app, &[old]).await,
        vec![
            key(old, MODULE, 0, 2, 1),
            key(old, MODULE, 1, 1, 1),
            key(old, OTHER, 2, 0, 1),
        ]
    );
    // The report: per module, higher / same / lower.
    let catalog = app.state.content.get();
    let title = |slug: &str| catalog.module(slug).unwrap().meta.title.clone();
    let r = report(&app, old).await;
    let mut expected = vec![(title(MODULE), (2, 1, 1, 0)), (title(OTHER), (1, 0, 0, 1))];
    expected.sort();
    assert_eq!(
        r.iter()
            .map(|c| c.module_title.clone())
            .zip(lines(&r))
            .collect::<Vec<_>>(),
        expected
    );

    // Marcel moves: his answers stay with the old structure...
    let coordinator = staff_named(&app, "demo.coordination").await;
    let moved = moves::move_learner(db, &coordinator, marcel, new, true)
        .await
        .unwrap();
    assert!(matches!(moved, Some(moves::Moved::Done(_))), "{moved:?}");
    assert_eq!(exact(&app, &[old, new]).await.len(), 3);
    assert!(report(&app, new).await.is_empty());
    // ... until he answers a module's end again, in the new one (the next second).
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    answer(&app, &marcel_cookie, OTHER, "fin", 2).await;
    assert_eq!(
        exact(&app, &[old, new]).await,
        vec![
            key(old, MODULE, 0, 2, 1),
            key(old, MODULE, 1, 1, 1),
            key(new, OTHER, 2, 2, 1),
        ]
    );
    assert_eq!(lines(&report(&app, new).await), vec![(1, 0, 1, 0)]);

    // Deleted: taken off where each pair was counted.
    let _ = accounts::delete_learner(db, marcel).await.unwrap();
    assert_eq!(
        exact(&app, &[old, new]).await,
        vec![key(old, MODULE, 1, 1, 1)]
    );
    assert!(report(&app, new).await.is_empty());
}

#[tokio::test]
async fn the_migration_counts_the_answers_saved_before_it() {
    use app::ssr::db::migration::m20261209_000601_create_stats_confidence_day::Migration;
    use sea_orm_migration::{MigrationTrait, SchemaManager};
    let app = TestApp::new().await;
    let db = &app.state.db;
    let cookie = app.learner_cookie().await;
    let jeanne = app.demo_learner_id().await;
    let structure = structure_of(&app, jeanne).await;
    answer(&app, &cookie, MODULE, "debut", 0).await;
    answer(&app, &cookie, MODULE, "fin", 2).await;
    let kept = exact(&app, &[structure]).await;
    assert_eq!(kept.len(), 1);
    let manager = SchemaManager::new(db);
    Migration.down(&manager).await.unwrap();
    Migration.up(&manager).await.unwrap();
    assert_eq!(all_counters(&app).await, kept);
}
