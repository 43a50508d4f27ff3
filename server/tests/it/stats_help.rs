//! The daily counters of the help requests (issue 21, item 7): requests made and sent twice
//! through the learner's form, answered from the follow-up page, a learner who moves and
//! whose request the new structure answers, a learner deleted; after each write the
//! counters kept are, row for row, those made again from the requests
//! (`stats_help::rebuild`), and the statistics' figures equal those counted from the rows
//! while nobody moved. (Requests answered at a session: `next_visit::`.) The migration
//! counts the requests saved before it. SQLite, and PostgreSQL when `PAP_TEST_POSTGRES` is
//! set.

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::*;
use app::model::stats::{HelpDelay, StatsFigures};
use app::ssr::db::entities::{help_request, stats_help_day};
use app::ssr::services::stats::{self, Group, Period};
use app::ssr::services::{accounts, moves, stats_learning};

fn today() -> String {
    stats_learning::day_of_time(app::ssr::db::now())
}

/// A structure's counters today: (requests, same day, few days, later, waiting).
fn of(counters: &[stats_help_day::Model], structure: i32) -> (i64, i64, i64, i64, i64) {
    let day = today();
    counters
        .iter()
        .find(|c| c.structure_id == structure && c.day == day)
        .map_or((0, 0, 0, 0, 0), |c| {
            (c.requests, c.same_day, c.few_days, c.later, c.waiting)
        })
}

/// The counters, checked against a rebuild, and the figures of `structures` (where nobody
/// moved) against those counted from the rows.
async fn exact(app: &TestApp, structures: &[i32]) -> Vec<stats_help_day::Model> {
    let kept = app.assert_help_counters_kept().await;
    let p = Period::new(&today(), &today()).unwrap();
    for s in structures {
        let (mut counted, mut rows) = (StatsFigures::default(), StatsFigures::default());
        stats::group(&app.state.db, Group::Help, *s, &p, &mut counted)
            .await
            .unwrap();
        stats::group_from_rows(&app.state.db, Group::Help, *s, &p, &mut rows)
            .await
            .unwrap();
        assert_eq!(counted, rows, "the counters' figures differ from the rows'");
    }
    kept
}

/// The open request of `learner` with `message`.
async fn request_of(app: &TestApp, learner: i32, message: &str) -> i32 {
    help_request::Entity::find()
        .filter(help_request::Column::LearnerId.eq(learner))
        .filter(help_request::Column::Message.eq(message))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn handle(app: &TestApp, cookie: &str, request: i32) {
    let res = app
        .post_form(
            "/api/benevole/aide-traitee",
            &[("id", &request.to_string()), ("back", "/benevole")],
            Some(cookie),
        )
        .await;
    assert_eq!(res.location(), Some("/benevole?aide=traitee"));
}

#[tokio::test]
async fn the_counters_follow_requests_answers_moves_and_deletions() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let jeanne_cookie = app.learner_cookie().await;
    let jeanne = app.demo_learner_id().await;
    let (marcel_cookie, marcel) = app.another_learner("Marcel").await;
    let old = structure_of(&app, jeanne).await;
    let (new, nadia) = app
        .structure_with_coordinator("Maison des Aînés", None, "nadia.coordination", "Nadia")
        .await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    assert_eq!(of(&exact(&app, &[old]).await, old), (0, 0, 0, 0, 0));

    for message in ["Je ne trouve pas", "Et la pièce jointe ?"] {
        let res = app.ask_for_help(&jeanne_cookie, message).await;
        assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    }
    assert_eq!(of(&exact(&app, &[old]).await, old), (2, 0, 0, 0, 2));
    // Sent again while open: the same request, counted once.
    app.ask_for_help(&jeanne_cookie, "Je ne trouve pas").await;
    assert_eq!(of(&exact(&app, &[old]).await, old), (2, 0, 0, 0, 2));

    // Answered today: the same day.
    handle(
        &app,
        &camille,
        request_of(&app, jeanne, "Je ne trouve pas").await,
    )
    .await;
    assert_eq!(of(&exact(&app, &[old]).await, old), (2, 1, 0, 0, 1));
    let p = Period::new(&today(), &today()).unwrap();
    let mut f = StatsFigures::default();
    stats::group(db, Group::Help, old, &p, &mut f)
        .await
        .unwrap();
    assert_eq!(f.help_requests, 2);
    assert_eq!(
        f.help_by_delay,
        vec![
            (HelpDelay::SameDay, 1),
            (HelpDelay::FewDays, 0),
            (HelpDelay::Later, 0),
            (HelpDelay::Waiting, 1)
        ]
    );

    // Marcel asks, then moves: his request stays with the old structure, and when the new
    // one answers it, it is answered there.
    app.ask_for_help(&marcel_cookie, "Marcel est perdu").await;
    assert_eq!(of(&exact(&app, &[old]).await, old), (3, 1, 0, 0, 2));
    let coordinator = staff_named(&app, "demo.coordination").await;
    let moved = moves::move_learner(db, &coordinator, marcel, new, true)
        .await
        .unwrap();
    assert!(matches!(moved, Some(moves::Moved::Done(_))), "{moved:?}");
    let c = exact(&app, &[]).await;
    assert_eq!(
        (of(&c, old), of(&c, new)),
        ((3, 1, 0, 0, 2), (0, 0, 0, 0, 0))
    );
    handle(
        &app,
        &nadia,
        request_of(&app, marcel, "Marcel est perdu").await,
    )
    .await;
    let c = exact(&app, &[]).await;
    assert_eq!(
        (of(&c, old), of(&c, new)),
        ((3, 2, 0, 0, 1), (0, 0, 0, 0, 0))
    );

    // Deleted: Jeanne's requests are taken off.
    let _ = accounts::delete_learner(db, jeanne).await.unwrap();
    let c = exact(&app, &[]).await;
    assert_eq!(of(&c, old), (1, 1, 0, 0, 0));
    let _ = accounts::delete_learner(db, marcel).await.unwrap();
    assert!(exact(&app, &[old, new]).await.is_empty());
}

#[tokio::test]
async fn the_migration_counts_the_requests_saved_before_it() {
    use app::ssr::db::migration::m20261209_000701_create_stats_help_day::Migration;
    use sea_orm_migration::{MigrationTrait, SchemaManager};
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    app.ask_for_help(&cookie, "Je ne trouve pas").await;
    let kept = app.assert_help_counters_kept().await;
    assert_eq!(kept.len(), 1);
    let manager = SchemaManager::new(&app.state.db);
    Migration.down(&manager).await.unwrap();
    Migration.up(&manager).await.unwrap();
    assert_eq!(app.assert_help_counters_kept().await, kept);
}
