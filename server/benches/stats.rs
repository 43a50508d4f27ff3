//! The statistics page and its exports on a large structure (issue 21, item 7): a
//! generator that fills a database through the real migrations, and a benchmark that times
//! each figure group, the outcomes, the page and each download on it.
//!
//! Not a timed test: a tool that `end2end/perf/stats-bench.sh` runs. It prints one JSON
//! object on standard output.
//!
//! ```sh
//! cargo bench -p server --bench stats -- generate --db sqlite:///tmp/stats.db --learners 100000
//! cargo bench -p server --bench stats -- run --db sqlite:///tmp/stats.db --runs 5
//! ```
//!
//! `generate` makes three structures: the first (id 1) holds, for the year 2026, `learners`
//! learners, ten sessions per learner (a tenth of them workshops with three named
//! participants and anonymous ones), a hundred step records per learner, twelve lessons
//! finished, two help requests, confidence answers for three modules, and the 3-month
//! follow-up answers of 40 % of them; the two others a tenth as much each, from July 2025,
//! so that every figure has rows of other structures to leave out. Rows are made by the
//! database (`INSERT … SELECT` from a recursive CTE on SQLite, `generate_series` on
//! PostgreSQL), one statement per table, with the table's secondary indexes dropped during
//! the load and made again after it, exactly as the migrations defined them; then the
//! daily counters are made from them (`stats_day::rebuild` for the sessions,
//! `stats_learning::rebuild` for the learners' moments, `stats_confidence::rebuild` and
//! `stats_help::rebuild`). `run` also times the groups that
//! read those counters counted from the rows, as before them.

use std::time::Instant;

use app::ssr::content::Catalog;
use app::ssr::db::entities::staff;
use app::ssr::services::{
    outcomes, sessions_export, stats, stats_confidence, stats_day, stats_export, stats_help,
    stats_learning,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, Statement};

fn usage() -> ! {
    eprintln!(
        "usage: stats generate --db URL [--learners N]\n       \
         stats run --db URL [--runs N] [--skip-year-sessions]"
    );
    std::process::exit(2)
}

/// Midnight UTC on 2026-01-01, and a year in seconds.
const T2026: i64 = 1_767_225_600;
const YEAR: i64 = 365 * 86_400;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let command = args.next().unwrap_or_else(|| usage());
    let (mut url, mut learners, mut runs, mut skip_year_sessions) = (None, 100_000i64, 5, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--skip-year-sessions" => skip_year_sessions = true,
            "--db" => url = args.next(),
            "--learners" => {
                learners = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            _ => usage(),
        }
    }
    let Some(url) = url else { usage() };
    let result = match command.as_str() {
        "generate" => generate(&url, learners).await,
        "run" => run(&url, runs, skip_year_sessions).await,
        _ => usage(),
    };
    if let Err(e) = result {
        eprintln!("stats bench: {e}");
        std::process::exit(1)
    }
}

/// A series `n(i)`, `i` from 1 to `count`, as a `FROM` item.
fn series(b: DbBackend, count: i64) -> String {
    match b {
        DbBackend::Postgres => format!("generate_series(1::bigint, {count}) AS n(i)"),
        _ => format!(
            "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {count}) \
             SELECT i FROM s) AS n"
        ),
    }
}

/// The `YYYY-MM-DD` text of `day0` plus `days` (an SQL expression).
fn day(b: DbBackend, day0: &str, days: &str) -> String {
    match b {
        DbBackend::Postgres => {
            format!("to_char(DATE '{day0}' + CAST({days} AS integer), 'YYYY-MM-DD')")
        }
        _ => format!("date('{day0}', '+' || ({days}) || ' days')"),
    }
}

async fn exec(db: &DatabaseConnection, sql: &str) -> Result<(), sea_orm::DbErr> {
    db.execute_unprepared(sql).await.map(|_| ())
}

/// The secondary indexes of `table` as made by the migrations (their `CREATE INDEX`).
async fn index_definitions(
    db: &DatabaseConnection,
    table: &str,
) -> Result<Vec<(String, String)>, sea_orm::DbErr> {
    let b = db.get_database_backend();
    let sql = match b {
        DbBackend::Postgres => format!(
            "SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = '{table}' \
             AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        ),
        _ => format!(
            "SELECT name, sql AS def FROM sqlite_master WHERE type = 'index' \
             AND tbl_name = '{table}' AND sql IS NOT NULL"
        ),
    };
    let rows = db
        .query_all_raw(Statement::from_string(b, sql))
        .await?
        .into_iter()
        .map(|r| Ok((r.try_get("", "name")?, r.try_get("", "def")?)))
        .collect::<Result<Vec<(String, String)>, sea_orm::DbErr>>()?;
    Ok(rows)
}

/// Runs `inserts` into `table` with its secondary indexes dropped, then makes them again.
async fn load(
    db: &DatabaseConnection,
    table: &str,
    inserts: &[String],
) -> Result<(), sea_orm::DbErr> {
    let started = Instant::now();
    let indexes = index_definitions(db, table).await?;
    for (name, _) in &indexes {
        exec(db, &format!("DROP INDEX \"{name}\"")).await?;
    }
    for sql in inserts {
        exec(db, sql).await?;
    }
    for (_, def) in &indexes {
        exec(db, def).await?;
    }
    if db.get_database_backend() == DbBackend::Postgres {
        exec(
            db,
            &format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT MAX(id) FROM {table}))"
            ),
        )
        .await?;
    }
    eprintln!("{table}: {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// One structure's rows: `n` learners from id `l0 + 1`, `10 n` sessions from id `v0 + 1`,
/// from the day `day0` (Unix time `t0`) over a year.
struct Part {
    s: i64,
    n: i64,
    l0: i64,
    v0: i64,
    day0: &'static str,
    t0: i64,
}

impl Part {
    /// The first staff id of the structure: 50 volunteers, then a coordinator.
    fn staff0(&self) -> i64 {
        (self.s - 1) * 100
    }
}

async fn generate(url: &str, learners: i64) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let db = app::ssr::db::connect_and_migrate(url).await?;
    let b = db.get_database_backend();
    let small = (learners / 10).max(10);
    let parts = [
        Part {
            s: 1,
            n: learners,
            l0: 0,
            v0: 0,
            day0: "2026-01-01",
            t0: T2026,
        },
        Part {
            s: 2,
            n: small,
            l0: learners,
            v0: 10 * learners,
            day0: "2025-07-01",
            t0: T2026 - 184 * 86_400,
        },
        Part {
            s: 3,
            n: small,
            l0: learners + small,
            v0: 10 * (learners + small),
            day0: "2025-07-01",
            t0: T2026 - 184 * 86_400,
        },
    ];
    for p in &parts {
        exec(
            &db,
            &format!(
                "INSERT INTO structure (id, name, name_key, created_at) \
                 VALUES ({}, 'Structure {}', 'structure-{}', {T2026})",
                p.s, p.s, p.s
            ),
        )
        .await?;
        let s0 = p.staff0();
        exec(
            &db,
            &format!(
                "INSERT INTO staff (id, structure_id, username, display_name, password_hash, \
                 is_volunteer, is_coordinator, created_at) \
                 SELECT {s0} + i, {s}, 'bench' || ({s0} + i), 'Bénévole ' || i, '!', \
                 i <= 50, i = 51, {T2026} FROM {series}",
                s = p.s,
                series = series(b, 51)
            ),
        )
        .await?;
    }
    if b == DbBackend::Postgres {
        for t in ["structure", "staff"] {
            exec(
                &db,
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))"
                ),
            )
            .await?;
        }
    }
    let each = |f: &dyn Fn(&Part) -> Vec<String>| parts.iter().flat_map(f).collect::<Vec<_>>();
    // Learners: ages, situations and genders skewed to retired women, a tenth not told;
    // 200 communes, some typed in lower case, a few unknown.
    load(
        &db,
        "learner",
        &each(&|p| {
            vec![format!(
                "INSERT INTO learner (id, structure_id, volunteer_id, first_name, code, created_at, \
                 age_band, gender, social_status, commune) \
                 SELECT {l0} + i, {s}, {st} + 1 + i % 50, 'Prénom ' || i, 'B{s}-' || i, \
                 {t0} - 86400 * 30 + (i * 7919) % {YEAR}, \
                 CASE i % 10 WHEN 0 THEN NULL WHEN 1 THEN 'soixante_dix_plus' \
                 WHEN 2 THEN 'soixante_dix_plus' WHEN 3 THEN 'soixante_soixante_neuf' \
                 WHEN 4 THEN 'soixante_soixante_neuf' WHEN 5 THEN 'soixante_soixante_neuf' \
                 WHEN 6 THEN 'quarante_cinquante_neuf' WHEN 7 THEN 'vingt_cinq_trente_neuf' \
                 WHEN 8 THEN 'dix_huit_vingt_quatre' ELSE 'soixante_dix_plus' END, \
                 CASE i % 7 WHEN 0 THEN NULL WHEN 1 THEN 'masculin' WHEN 2 THEN 'masculin' \
                 ELSE 'feminin' END, \
                 CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN 'sans_emploi' ELSE 'retraite' END, \
                 CASE WHEN i % 97 = 0 THEN NULL WHEN i % 4 = 0 THEN 'Pau' \
                 WHEN i % 13 = 0 THEN 'commune ' || ((i * 31) % 200) \
                 ELSE 'Commune ' || ((i * 31) % 200) END \
                 FROM {series}",
                l0 = p.l0,
                s = p.s,
                st = p.staff0(),
                t0 = p.t0,
                series = series(b, p.n)
            )]
        }),
    )
    .await?;
    // Sessions: ten per learner over the year; a tenth workshops (with anonymous
    // participants), the rest individual; mixed places, durations and themes.
    load(
        &db,
        "visit",
        &each(&|p| {
            // Logged day after day, as they happen: ids follow the dates.
            let d = format!("(((i - 1) * 365) / {})", 10 * p.n);
            let d = d.as_str();
            vec![format!(
                "INSERT INTO visit (id, structure_id, volunteer_id, date, kind, place, \
                 duration_minutes, topics, created_at, session_type, place_type, commune, \
                 equipment, themes, autonomy, orientation, workshop_title, workshop_level, \
                 anonymous, anonymous_followed) \
                 SELECT {v0} + i, {s}, {st} + 1 + i % 50, {date}, 'lieu', 'Local', \
                 15 + (i * 13) % 150, '', {t0} + {d} * 86400 + 36000, \
                 CASE WHEN i % 10 = 0 THEN 'collectif' ELSE 'individuel' END, \
                 CASE i % 7 WHEN 4 THEN 'domicile' WHEN 5 THEN 'a_distance' WHEN 6 THEN 'autre' \
                 ELSE 'lieu_activite' END, \
                 'Commune ' || (i % 40), \
                 CASE i % 3 WHEN 0 THEN 'ordinateur' WHEN 1 THEN 'telephone,tablette' \
                 ELSE 'ordinateur,telephone' END, \
                 CASE i % 5 WHEN 0 THEN 'email,navigation_sur_internet' \
                 WHEN 1 THEN 'aide_aux_demarches_administratives' \
                 WHEN 2 THEN 'sante,banque_et_achats_en_ligne' \
                 WHEN 3 THEN 'prendre_en_main_du_materiel' \
                 ELSE 'securite_numerique,email,reseaux_sociaux' END, \
                 CASE i % 3 WHEN 0 THEN 'autonome' WHEN 1 THEN 'partiellement_autonome' \
                 ELSE NULL END, \
                 CASE WHEN i % 11 = 0 THEN 'administration' ELSE NULL END, \
                 CASE WHEN i % 10 = 0 THEN 'Atelier ' || (i % 20) ELSE NULL END, \
                 CASE WHEN i % 10 = 0 THEN 'debutant' ELSE NULL END, \
                 CASE WHEN i % 10 = 0 THEN 3 + i % 5 ELSE 0 END, \
                 CASE WHEN i % 10 = 0 THEN i % 3 ELSE 0 END \
                 FROM {series}",
                v0 = p.v0,
                s = p.s,
                st = p.staff0(),
                t0 = p.t0,
                date = day(b, p.day0, d),
                series = series(b, 10 * p.n)
            )]
        }),
    )
    .await?;
    // Each session with one learner (each learner in ten sessions, on scattered days: the
    // multiplier is prime to `n`), and each workshop with two more.
    load(
        &db,
        "visit_learner",
        &each(&|p| {
            let (l0, v0, n) = (p.l0, p.v0, p.n);
            let mut out = vec![format!(
                "INSERT INTO visit_learner (visit_id, learner_id) \
                 SELECT {v0} + i, {l0} + 1 + (i * 15485863) % {n} FROM {series}",
                series = series(b, 10 * n)
            )];
            for k in [1, 2] {
                out.push(format!(
                    "INSERT INTO visit_learner (visit_id, learner_id) \
                     SELECT {v0} + 10 * i, {l0} + 1 + (10 * i * 15485863 + {k} * 7) % {n} \
                     FROM {series}",
                    series = series(b, n)
                ));
            }
            out
        }),
    )
    .await?;
    // A hundred steps per learner (4 modules × 5 lessons × 6 steps, the last ones not all
    // reached), seen over the year; 80 % finished two minutes after being seen.
    load(
        &db,
        "step_progress",
        &each(&|p| {
            let (l0, n, t0) = (p.l0, p.n, p.t0);
            // r: the learner's step number, 0 to 99.
            let r = format!("((i - 1) / {n})");
            // Saved as they happen: ids follow the time, every learner a step further
            // each few days.
            let seen = format!("{t0} + ((i - 1) * {YEAR}) / {}", 100 * n);
            vec![format!(
                "INSERT INTO step_progress (learner_id, module, lesson, step, first_seen_at, \
                 last_seen_at, seconds_spent, completed_at) \
                 SELECT {l0} + 1 + (i - 1) % {n}, 'm' || ({r} / 30), 'l' || (({r} / 6) % 5), \
                 's' || ({r} % 6), {seen}, {seen} + 600, 60 + i % 300, \
                 CASE WHEN i % 10 < 8 THEN {seen} + 120 ELSE NULL END FROM {series}",
                series = series(b, 100 * n)
            )]
        }),
    )
    .await?;
    load(
        &db,
        "lesson_completion",
        &each(&|p| {
            let (l0, n, t0) = (p.l0, p.n, p.t0);
            let r = format!("((i - 1) / {n})");
            vec![format!(
                "INSERT INTO lesson_completion (learner_id, module, lesson, completed_at) \
                 SELECT {l0} + 1 + (i - 1) % {n}, 'm' || ({r} / 5), 'l' || ({r} % 5), \
                 {t0} + (i * 104729) % {YEAR} FROM {series}",
                series = series(b, 12 * n)
            )]
        }),
    )
    .await?;
    // Two help requests per learner: a fifth waiting, the others answered within the day,
    // in two days or ten.
    load(
        &db,
        "help_request",
        &each(&|p| {
            let (l0, n, t0) = (p.l0, p.n, p.t0);
            let at = format!("({t0} + (i * 104723) % {YEAR})");
            vec![format!(
                "INSERT INTO help_request (learner_id, module, lesson, step, message, created_at, \
                 handled_at, handled_by) \
                 SELECT {l0} + 1 + (i - 1) % {n}, 'm0', 'l0', 's0', 'Je suis perdu', {at}, \
                 CASE i % 5 WHEN 0 THEN NULL WHEN 3 THEN {at} + 172800 WHEN 4 THEN {at} + 864000 \
                 ELSE {at} + 3600 END, \
                 CASE WHEN i % 5 = 0 THEN NULL ELSE {st} + 1 + i % 50 END FROM {series}",
                st = p.staff0(),
                series = series(b, 2 * n)
            )]
        }),
    )
    .await?;
    // Confidence at the start of three modules, and at the end for 70 % of them a month on.
    load(
        &db,
        "confidence",
        &each(&|p| {
            let (l0, n, t0) = (p.l0, p.n, p.t0);
            let at = format!("({t0} + (i * 7919) % ({YEAR} - 2592000))");
            let row = "learner_id, module, moment, level, answered_at";
            vec![
                format!(
                    "INSERT INTO confidence ({row}) SELECT {l0} + 1 + (i - 1) % {n}, \
                     'm' || ((i - 1) / {n}), 'debut', i % 3, {at} FROM {series}",
                    series = series(b, 3 * n)
                ),
                format!(
                    "INSERT INTO confidence ({row}) SELECT {l0} + 1 + (i - 1) % {n}, \
                     'm' || ((i - 1) / {n}), 'fin', (i * 7) % 3, {at} + 2592000 FROM {series} \
                     WHERE i % 10 < 7",
                    series = series(b, 3 * n)
                ),
            ]
        }),
    )
    .await?;
    // The 3-month follow-up of 40 % of the learners, the 12-month one of 5 %.
    load(
        &db,
        "follow_up_answer",
        &each(&|p| {
            let (l0, n, t0) = (p.l0, p.n, p.t0);
            let reply = |k: i64| {
                format!(
                    "CASE (i * {k}) % 4 WHEN 0 THEN 'oui' WHEN 1 THEN 'oui' WHEN 2 THEN 'non' \
                     ELSE 'nsp' END"
                )
            };
            [("3-mois", 4 * n / 10), ("12-mois", n / 20)]
                .into_iter()
                .map(|(wave, count)| {
                    format!(
                        "INSERT INTO follow_up_answer (learner_id, wave, answered_how, staff_id, \
                         learned, less_apprehensive, did_alone, recommend, what_changed, \
                         answered_at) \
                         SELECT {l0} + 1 + (i * 7) % {n}, '{wave}', \
                         CASE i % 3 WHEN 0 THEN 'seul' WHEN 1 THEN 'visite' ELSE 'telephone' END, \
                         NULL, {}, {}, {}, CASE WHEN i % 9 = 0 THEN NULL ELSE {} END, '', \
                         {t0} + (i * 7919) % {YEAR} FROM {series}",
                        reply(1),
                        reply(3),
                        reply(5),
                        reply(7),
                        series = series(b, count)
                    )
                })
                .collect()
        }),
    )
    .await?;
    // The sessions were loaded around the model: their daily counters are made from them,
    // as the migration that made the table does.
    let t = Instant::now();
    stats_day::rebuild(&db).await?;
    eprintln!("stats_day: {:.1} s", t.elapsed().as_secs_f64());
    // The same for the learners' moments (step records and lessons finished).
    let t = Instant::now();
    stats_learning::rebuild(&db).await?;
    eprintln!("stats_learning: {:.1} s", t.elapsed().as_secs_f64());
    // The confidence question's pairs and the help requests.
    let t = Instant::now();
    stats_confidence::rebuild(&db).await?;
    stats_help::rebuild(&db).await?;
    eprintln!(
        "stats_confidence, stats_help: {:.1} s",
        t.elapsed().as_secs_f64()
    );
    if b == DbBackend::Postgres {
        // What autovacuum would have done by then.
        exec(&db, "ANALYZE").await?;
    } else {
        exec(&db, "PRAGMA wal_checkpoint(TRUNCATE)").await?;
    }
    eprintln!("generated in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Times of one measure, in milliseconds.
fn summary(times: &mut [f64]) -> serde_json::Value {
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let max = times[times.len() - 1];
    serde_json::json!({ "median_ms": (median * 10.0).round() / 10.0,
                        "max_ms": (max * 10.0).round() / 10.0,
                        "runs": times.len() })
}

async fn run(
    url: &str,
    runs: usize,
    skip_year_sessions: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let db = app::ssr::db::connect(url).await?;
    let coordinator = staff::Entity::find_by_id(51)
        .one(&db)
        .await?
        .ok_or("no coordinator 51: run `generate` first")?;
    let catalog = Catalog::default();
    let today = "2026-12-31";
    let periods = [
        ("year", "2026-01-01", "2026-12-31"),
        ("month", "2026-06-01", "2026-06-30"),
    ];
    let mut results = serde_json::Map::new();
    for (name, from, to) in periods {
        let p = stats::Period::new(from, to).ok_or("bad period")?;
        let mut measures: Vec<(String, Vec<f64>)> = Vec::new();
        let mut time = |label: &str, ms: f64| match measures.iter_mut().find(|m| m.0 == label) {
            Some(m) => m.1.push(ms),
            None => measures.push((label.to_string(), vec![ms])),
        };
        let (day_from, day_to, day_today) = (
            outcomes::parse_day(from).ok_or("bad day")?,
            outcomes::parse_day(to).ok_or("bad day")?,
            outcomes::parse_day(today).ok_or("bad day")?,
        );
        // One warm-up run, not counted.
        for i in 0..=runs {
            let mut keep = |label: &str, ms: f64| {
                if i > 0 {
                    time(label, ms)
                }
            };
            for group in stats::Group::ALL {
                let mut f = app::model::stats::StatsFigures::default();
                let t = Instant::now();
                stats::group(&db, group, 1, &p, &mut f).await?;
                keep(&format!("figures.{}", group.name()), since(t));
            }
            // The groups that read the daily counters, counted from the rows as before.
            for group in [
                stats::Group::Sessions,
                stats::Group::Themes,
                stats::Group::Learning,
                stats::Group::Volunteers,
            ] {
                let mut f = app::model::stats::StatsFigures::default();
                let t = Instant::now();
                stats::group_from_rows(&db, group, 1, &p, &mut f).await?;
                keep(&format!("figures.{} (from rows)", group.name()), since(t));
            }
            let t = Instant::now();
            outcomes::report(&db, &catalog, 1, day_from, day_to, day_today).await?;
            keep("outcomes", since(t));
            // The confidence question's part: its daily counters, and the same pairs made
            // from the answers (they must agree).
            let t = Instant::now();
            let mut counted = stats_confidence::sums(&db, 1, from, to).await?;
            keep("outcomes.confidence", since(t));
            let t = Instant::now();
            let answers = stats_confidence::sums_from_answers(&db, 1, from, to).await?;
            keep("outcomes.confidence (from answers)", since(t));
            counted.sort();
            if counted != answers {
                return Err(
                    format!("{name}: the confidence counters differ from the answers").into(),
                );
            }
            let t = Instant::now();
            std::hint::black_box(
                stats::report(
                    &db,
                    &catalog,
                    &coordinator,
                    Some(from.into()),
                    Some(to.into()),
                    today,
                )
                .await?,
            );
            keep("page (stats::report)", since(t));
            let t = Instant::now();
            let view = stats::report(
                &db,
                &catalog,
                &coordinator,
                Some(from.into()),
                Some(to.into()),
                today,
            )
            .await?;
            let csv = stats_export::table(&view).ok_or("no table")?.csv()?;
            keep("statistiques.csv", since(t));
            std::hint::black_box(csv);
            let t = Instant::now();
            let xlsx = stats_export::table(&view).ok_or("no table")?.xlsx()?;
            keep("statistiques.xlsx (table + file)", since(t));
            std::hint::black_box(xlsx);
            if skip_year_sessions && name == "year" {
                continue;
            }
            // As `/benevole/seances.csv` answers: the first page (what the browser waits
            // for before the first bytes), then every page, streamed.
            let t = Instant::now();
            let mut pages = sessions_export::Sessions::of(&coordinator, &p);
            let mut bytes = sessions_export::csv_head()?.len();
            if let Some(rows) = pages.next_page(&db).await? {
                bytes += sessions_export::csv_page(&rows)?.len();
            }
            keep("seances.csv (first bytes)", since(t));
            while let Some(rows) = pages.next_page(&db).await? {
                bytes += sessions_export::csv_page(&rows)?.len();
            }
            keep("seances.csv (whole file, streamed)", since(t));
            // As `/benevole/seances.xlsx` sends it: through 64 KiB of buffer.
            let t = Instant::now();
            let counted = Counted::default();
            let out = std::io::BufWriter::with_capacity(64 * 1024, counted.clone());
            sessions_export::write_xlsx(&db, &coordinator, &p, out).await?;
            let first = counted.first.get().copied().ok_or("an empty workbook")?;
            keep(
                "seances.xlsx (first bytes)",
                (first - t).as_secs_f64() * 1000.0,
            );
            keep("seances.xlsx (whole file, streamed)", since(t));
            if i == 0 {
                eprintln!(
                    "{name}: seances.csv {bytes} bytes, seances.xlsx {} bytes",
                    counted.bytes.load(std::sync::atomic::Ordering::Relaxed)
                );
            }
        }
        let mut out = serde_json::Map::new();
        for (label, mut times) in measures {
            out.insert(label, summary(&mut times));
        }
        results.insert(name.to_string(), serde_json::Value::Object(out));
    }
    let backend = match db.get_database_backend() {
        DbBackend::Postgres => "postgres",
        _ => "sqlite",
    };
    println!(
        "{}",
        serde_json::json!({ "backend": backend, "results": results })
    );
    Ok(())
}

/// Milliseconds since `t`.
fn since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// A writer that only counts the bytes written to it, and says when the first came.
#[derive(Clone, Default)]
struct Counted {
    bytes: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    first: std::sync::Arc<std::sync::OnceLock<Instant>>,
}

impl std::io::Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let _ = self.first.set(Instant::now());
        self.bytes
            .fetch_add(buf.len(), std::sync::atomic::Ordering::Relaxed);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
