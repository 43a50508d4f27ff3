//! Nothing lost: the server process is killed (SIGKILL) in the middle of a stream of
//! "Suivant" presses, again and again on the same database; every save it acknowledged
//! ("C'est enregistré": the redirect to the next step at `#enregistre`) must be in the
//! database afterwards, and the database must pass SQLite's integrity check.
//!
//! In CI: `PAP_DURABILITY_CYCLES` cycles (default 2). The benchmark run reported in README
//! ("Data safety") sets it higher:
//! `PAP_DURABILITY_CYCLES=100 cargo test --release -p server --test it durability:: -- --nocapture`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::process::{Save, Server};

#[tokio::test(flavor = "multi_thread")]
async fn every_acknowledged_save_survives_a_kill() {
    let cycles: usize = std::env::var("PAP_DURABILITY_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("kill.db").display());
    let steps = crate::process::all_steps();
    assert!(steps.len() > 100);
    let (mut total_acknowledged, mut total_lost) = (0, 0);
    let started = Instant::now();
    for cycle in 0..cycles {
        let server = Server::start(&url, dir.path(), &[]);
        let port = server.port;
        // A new learner each cycle, so that every save of the cycle is a new row.
        let out = crate::process::run(
            crate::process::free_port(),
            &url,
            dir.path(),
            &[
                "add-learner",
                "--name",
                &format!("Kill {cycle}"),
                "--volunteer",
                "demo.benevole",
            ],
            &[],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let code = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let (status, response) = crate::process::request(
            port,
            "POST",
            "/api/connexion",
            None,
            &format!("code={code}"),
        )
        .unwrap();
        assert_eq!(status, 302, "{response}");
        let cookie = crate::process::header(&response, "set-cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();

        let acknowledged: Arc<Mutex<Vec<(String, String, String)>>> = Arc::default();
        let done = Arc::new(AtomicBool::new(false));
        let saver = {
            let (acknowledged, done, steps) = (acknowledged.clone(), done.clone(), steps.clone());
            std::thread::spawn(move || {
                for step in &steps {
                    match crate::process::save_step(port, &cookie, step) {
                        Save::Acknowledged => acknowledged.lock().unwrap().push(step.clone()),
                        // The kill: no answer, or an answer cut short.
                        _ => break,
                    }
                }
                done.store(true, Ordering::Relaxed);
            })
        };
        // Kill after a varying number of saves (20 to 99).
        let target = 20 + (cycle * 37) % 80;
        let deadline = Instant::now() + Duration::from_secs(60);
        while acknowledged.lock().unwrap().len() < target
            && !done.load(Ordering::Relaxed)
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        server.kill9();
        saver.join().unwrap();
        let acknowledged = acknowledged.lock().unwrap().clone();
        assert!(
            acknowledged.len() >= 20,
            "cycle {cycle}: only {} saves before the kill",
            acknowledged.len()
        );

        // Every acknowledged save of this learner is in the database.
        let saved = saved_steps_of(&url, &format!("Kill {cycle}")).await;
        let lost = acknowledged.iter().filter(|a| !saved.contains(a)).count();
        assert_eq!(crate::process::integrity(&url).await, "ok", "cycle {cycle}");
        total_acknowledged += acknowledged.len();
        total_lost += lost;
        assert_eq!(lost, 0, "cycle {cycle}: {lost} acknowledged saves lost");
    }
    // And the server starts again on the same database.
    Server::start(&url, dir.path(), &[]).kill9();
    eprintln!(
        "durability: {cycles} kill -9 cycles, {total_acknowledged} acknowledged saves, {total_lost} lost, \
         0 integrity failures, in {:?}",
        started.elapsed()
    );
}

/// The finished steps of the learner named `name`.
async fn saved_steps_of(url: &str, name: &str) -> Vec<(String, String, String)> {
    use app::ssr::db::entities::{learner, step_progress};
    use sea_orm::{ColumnTrait, Database, EntityTrait, QueryFilter};
    let db = Database::connect(url).await.unwrap();
    let learner = learner::Entity::find()
        .filter(learner::Column::FirstName.eq(name))
        .one(&db)
        .await
        .unwrap()
        .expect("the learner");
    let saved = step_progress::Entity::find()
        .filter(step_progress::Column::LearnerId.eq(learner.id))
        .filter(step_progress::Column::CompletedAt.is_not_null())
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.module, r.lesson, r.step))
        .collect();
    db.close().await.unwrap();
    saved
}
