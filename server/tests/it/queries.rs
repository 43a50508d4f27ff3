//! Database queries per page (issue 9): a learner's step page, the home page and the
//! volunteer dashboard make a fixed number of queries, whatever the number of learners and
//! of steps done. A query inside a loop over learners or steps would make the count grow.
//!
//! The test app is the real router on a real SQLite database, with sea-orm's metric
//! callback counting every statement sent to the database.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::common::TestApp;
use axum::http::StatusCode;

use app::ssr::services::{accounts, progress};
use server::config::Config;
use server::{router, startup};

/// Pages of the same size must not cost more than this many queries (a sanity ceiling, far
/// above today's counts: a query inside a loop over 50 learners would break it).
const MAX_QUERIES_PER_PAGE: usize = 25;

struct Counted {
    app: TestApp,
    queries: Arc<AtomicUsize>,
    /// The statements counted, with their values.
    statements: Arc<Mutex<Vec<String>>>,
}

impl Counted {
    async fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = format!("sqlite://{}", dir.path().join("test.db").display());
        let content = crate::common::real_content();
        let config = Config::from_lookup(|name| match name {
            "DATABASE_URL" => Some(database_url.clone()),
            "PAP_CONTENT_DIR" => Some(content.display().to_string()),
            _ => None,
        })
        .expect("config");
        let mut state = startup::build_state(&config, true).await.expect("state");
        let queries = Arc::new(AtomicUsize::new(0));
        let statements = Arc::new(Mutex::new(Vec::new()));
        let (counter, recorder) = (queries.clone(), statements.clone());
        // Set before the router gets its copy of the connection.
        let shared = state.get_mut().expect("state not shared yet");
        // The content follower reads the change counter in the background, at its own
        // pace: not a query of the page being measured (under load it fell inside the
        // measure now and then).
        shared.db.set_metric_callback(move |info| {
            if !info.statement.sql.contains("FROM cache_version") {
                counter.fetch_add(1, Ordering::SeqCst);
                // The same statement with other values asks something else.
                recorder.lock().expect("statements").push(format!(
                    "{} {:?}",
                    info.statement.sql, info.statement.values
                ));
            }
        });
        let router = router::router(state.clone(), &config);
        Self {
            app: TestApp {
                router,
                state,
                dir,
                origin: config.public_url.clone(),
                config,
            },
            queries,
            statements,
        }
    }

    /// The statements `GET path` sends that it sends more than once, with how many times:
    /// a page asks each thing once (a component rendered again inside a `Suspense` made
    /// its own request again, unseen but for the count).
    async fn repeated_statements(&self, path: &str, cookie: &str) -> Vec<(String, usize)> {
        self.statements.lock().expect("statements").clear();
        self.queries_for(path, cookie).await;
        let mut seen: HashMap<String, usize> = HashMap::new();
        for sql in self.statements.lock().expect("statements").drain(..) {
            *seen.entry(sql).or_default() += 1;
        }
        let mut repeated: Vec<_> = seen.into_iter().filter(|(_, n)| *n > 1).collect();
        repeated.sort();
        repeated
    }

    /// The number of queries `GET path` makes, looking up who is signed in included (the
    /// cache of sessions is emptied first); the page must answer 200.
    async fn queries_for(&self, path: &str, cookie: &str) -> usize {
        self.app.state.users.clear();
        self.queries_warm(path, cookie).await
    }

    /// The number of queries `GET path` makes right after another page of the same user.
    async fn queries_warm(&self, path: &str, cookie: &str) -> usize {
        self.queries.store(0, Ordering::SeqCst);
        let res = self.app.get(path, Some(cookie)).await;
        let n = self.queries.load(Ordering::SeqCst);
        assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
        n
    }

    /// The fewest queries of three warm loads of a page. A page's cached answer is kept
    /// only if no change to sessions or users happened while it was looked up, and under
    /// load an earlier page's own background writes can overlap one lookup.
    async fn queries_warm_settled(&self, path: &str, cookie: &str) -> usize {
        let mut fewest = usize::MAX;
        for _ in 0..3 {
            fewest = fewest.min(self.queries_warm(path, cookie).await);
        }
        fewest
    }

    /// The fewest queries of three loads of a page, each with who is signed in forgotten.
    /// Like [`Self::queries_warm_settled`], a load can also count the background write
    /// of an earlier page; the fewest is the page's own count.
    async fn queries_cold_settled(&self, path: &str, cookie: &str) -> usize {
        let mut fewest = usize::MAX;
        for _ in 0..3 {
            fewest = fewest.min(self.queries_for(path, cookie).await);
        }
        fewest
    }

    /// Finishes `count` steps for a learner, through the lessons in catalogue order.
    async fn finish_steps(&self, learner_id: i32, count: usize) {
        let catalog = self.app.state.content.get();
        let mut left = count;
        'modules: for m in catalog.published() {
            for l in m.published_lessons() {
                for s in &l.steps {
                    if left == 0 {
                        break 'modules;
                    }
                    progress::complete_step(&self.app.state.db, learner_id, m, l, &s.slug, None)
                        .await
                        .expect("complete step");
                    left -= 1;
                }
            }
        }
        assert_eq!(left, 0, "not enough steps in content/");
    }

    /// Adds `count` learners followed by demo.benevole, each with `steps` steps done.
    async fn add_learners(&self, count: usize, steps: usize) {
        let db = &self.app.state.db;
        let volunteer = accounts::find_staff_by_username(db, "demo.benevole")
            .await
            .unwrap()
            .expect("demo volunteer");
        for i in 0..count {
            let l = accounts::create_learner(
                db,
                volunteer.structure_id,
                Some(volunteer.id),
                &format!("Apprenant {i}"),
                None,
            )
            .await
            .unwrap();
            self.finish_steps(l.id, steps).await;
        }
    }
}

const STEP: &str = "/modules/email-la-poste/adresse-enveloppe/adresse";
/// A step of the same kind (no question, no exercise), not shown before.
const OTHER_STEP: &str = "/modules/email-la-poste/adresse-enveloppe/arobase";

#[tokio::test]
async fn learner_pages_make_as_many_queries_with_50_learners_and_many_steps_done() {
    let t = Counted::new().await;
    let learner = t.app.learner_cookie().await;
    let step_alone = t.queries_for(STEP, &learner).await;
    let home_alone = t.queries_for("/", &learner).await;

    // The demo learner finishes 30 steps; 50 other learners 10 steps each.
    let me = t.app.demo_learner_id().await;
    t.finish_steps(me, 30).await;
    t.add_learners(50, 10).await;
    // Another step: the first time a step is shown, it is rendered.
    let step_busy = t.queries_for(OTHER_STEP, &learner).await;
    let home_busy = t.queries_for("/", &learner).await;

    eprintln!("queries per page: step {step_alone} → {step_busy}, home {home_alone} → {home_busy}");
    assert_eq!(
        step_alone, step_busy,
        "the step page's query count grows with the steps done or the learners"
    );
    assert_eq!(
        home_alone, home_busy,
        "the home page's query count grows with the steps done or the learners"
    );
    // Shown again, a step comes from memory: no query at all.
    assert_eq!(t.queries_warm_settled(OTHER_STEP, &learner).await, 0);
    assert_eq!(t.queries_warm_settled(STEP, &learner).await, 0);
    for n in [step_busy, home_busy] {
        assert!(n > 0, "the metric callback counted nothing");
        assert!(n <= MAX_QUERIES_PER_PAGE, "{n} queries for one page");
    }
}

/// A step not kept yet, asked for by eight requests at once (a group clicking "Suivant"
/// together), is rendered once: the others wait for it and are answered from the template
/// it made, with no query of their own.
#[tokio::test]
async fn a_step_asked_for_at_once_is_rendered_once() {
    let t = Counted::new().await;
    let learner = t.app.learner_cookie().await;
    // One render of a step of the same kind, who is signed in known.
    let _ = t.queries_for(STEP, &learner).await;
    let one = t
        .queries_warm(
            "/modules/email-la-poste/adresse-enveloppe/chaque-lettre",
            &learner,
        )
        .await;
    t.queries.store(0, Ordering::SeqCst);
    let pages =
        futures_util::future::join_all((0..8).map(|_| t.app.get(OTHER_STEP, Some(&learner)))).await;
    let all = t.queries.load(Ordering::SeqCst);
    for page in &pages {
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("arobase"), "{}", page.body);
    }
    eprintln!("one render: {one} queries; eight requests at once: {all}");
    assert!(one > 0, "the metric callback counted nothing");
    assert!(
        all < 2 * one,
        "{all} queries: rendered more than once ({one} each)"
    );
}

#[tokio::test]
async fn who_is_signed_in_is_asked_once_for_several_pages() {
    let t = Counted::new().await;
    let learner = t.app.learner_cookie().await;
    let first = t.queries_cold_settled("/", &learner).await;
    let second = t.queries_warm_settled("/", &learner).await;
    eprintln!("home page: {first} queries, then {second}");
    // The session and the learner: two queries saved on every page but the first.
    assert_eq!(first - second, 2);
}

#[tokio::test]
async fn no_page_asks_the_same_thing_twice() {
    let t = Counted::new().await;
    let learner = t.app.learner_cookie().await;
    let staff = t.app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let coordinator = t
        .app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let me = t.app.demo_learner_id().await;
    t.finish_steps(me, 5).await;
    for (path, cookie) in [
        ("/", &learner),
        (STEP, &learner),
        ("/modules", &learner),
        ("/carnet", &learner),
        ("/benevole", &staff),
        ("/benevole/agenda", &staff),
        ("/benevole/statistiques", &coordinator),
        ("/benevole/equipe", &coordinator),
    ] {
        let repeated = t.repeated_statements(path, cookie).await;
        assert!(
            repeated.is_empty(),
            "{path} asks several times: {repeated:#?}"
        );
    }
}

#[tokio::test]
async fn volunteer_dashboard_makes_as_many_queries_for_1_and_50_learners() {
    let t = Counted::new().await;
    let staff = t.app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    // The demo learner, with a few steps done.
    let me = t.app.demo_learner_id().await;
    t.finish_steps(me, 5).await;
    let one = t.queries_for("/benevole", &staff).await;

    t.add_learners(49, 8).await;
    let fifty = t.queries_for("/benevole", &staff).await;

    eprintln!("queries for the volunteer dashboard: 1 learner {one}, 50 learners {fifty}");
    assert_eq!(
        one, fifty,
        "the dashboard's query count grows with the number of learners"
    );
    assert!(
        fifty > 0 && fifty <= MAX_QUERIES_PER_PAGE,
        "{fifty} queries"
    );
}

#[tokio::test]
async fn saving_a_step_makes_as_many_queries_after_many_steps() {
    let t = Counted::new().await;
    let learner = t.app.learner_cookie().await;
    let form = |step: &'static str| {
        [
            ("module", "email-la-poste"),
            ("lesson", "adresse-enveloppe"),
            ("step", step),
        ]
    };
    let save = |step: &'static str| {
        let (t, learner) = (&t, &learner);
        async move {
            t.app.state.users.clear();
            t.queries.store(0, Ordering::SeqCst);
            let res = t
                .app
                .post_form("/api/suivant", &form(step), Some(learner))
                .await;
            assert!(res.status.is_redirection(), "{}", res.body);
            t.queries.load(Ordering::SeqCst)
        }
    };
    let first = save("adresse").await;
    let me = t.app.demo_learner_id().await;
    t.finish_steps(me, 40).await;
    t.add_learners(20, 10).await;
    // The same kind of save: a step that does not finish its lesson.
    let sql = "DELETE FROM step_progress WHERE module = 'email-la-poste' \
               AND lesson = 'adresse-enveloppe' AND step IN ('adresse', 'arobase')";
    sea_orm::ConnectionTrait::execute_unprepared(&t.app.state.db, sql)
        .await
        .unwrap();
    let later = save("adresse").await;
    eprintln!("queries for one save: first {first}, after 40 steps {later}");
    assert_eq!(
        first, later,
        "a save's query count grows with the steps done"
    );
    assert!(
        later > 0 && later <= MAX_QUERIES_PER_PAGE,
        "{later} queries"
    );
}

/// The dashboard of issue 20 item 7 (appointments, every reason of attention, zones, the
/// search and filters): as many queries for 1 learner as for 50 learners who each asked
/// for help, are stuck, wait for a call back and have an appointment with me today.
#[tokio::test]
async fn volunteer_dashboard_with_appointments_reasons_and_filters_makes_a_fixed_number_of_queries()
{
    use app::ssr::db::entities::{answer, appointment, help_call, help_request, learner};
    use app::ssr::db::now;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};

    let t = Counted::new().await;
    let staff = t.app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let filtered = "/benevole?nom=a&zone=1&rappeler=1&bloque=1";
    let me = t.app.demo_learner_id().await;
    t.finish_steps(me, 5).await;
    let one = t.queries_for("/benevole", &staff).await;
    let one_filtered = t.queries_for(filtered, &staff).await;

    t.add_learners(49, 3).await;
    let db = &t.app.state.db;
    let camille = accounts::find_staff_by_username(db, "demo.benevole")
        .await
        .unwrap()
        .unwrap();
    let (today, _) = app::text::dates::paris_now(now());
    for (i, l) in learner::Entity::find()
        .all(db)
        .await
        .unwrap()
        .iter()
        .enumerate()
    {
        let i = i as i32;
        help_request::ActiveModel {
            learner_id: Set(l.id),
            module: Set("email-la-poste".into()),
            lesson: Set("adresse-enveloppe".into()),
            step: Set("arobase".into()),
            message: Set(Some("Aidez-moi".into())),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        for k in 0..3 {
            answer::ActiveModel {
                learner_id: Set(l.id),
                module: Set("email-la-poste".into()),
                lesson: Set("adresse-enveloppe".into()),
                step: Set("lire".into()),
                question: Set("adresse-bien-ecrite".into()),
                choices: Set("c".into()),
                correct: Set(false),
                answered_at: Set(now() - 600 + k * 60),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
        }
        appointment::ActiveModel {
            structure_id: Set(camille.structure_id),
            staff_id: Set(camille.id),
            kind: Set("domicile".into()),
            day: Set(today.clone()),
            start_minute: Set(i),
            end_minute: Set(i + 60),
            holds_slot: Set(Some(true)),
            learner_id: Set(Some(l.id)),
            commune: Set("Pau".into()),
            status: Set("a-venir".into()),
            created_by: Set(camille.id),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        help_call::ActiveModel {
            structure_id: Set(camille.structure_id),
            learner_id: Set(l.id),
            first_name: Set(l.first_name.clone()),
            reach: Set("telephone".into()),
            phone: Set("0612345678".into()),
            postcode: Set("64000".into()),
            commune: Set("Pau".into()),
            needs: Set(String::new()),
            note: Set(String::new()),
            availability: Set(String::new()),
            waiting: Set(true),
            created_by: Set(camille.id),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    let fifty = t.queries_for("/benevole", &staff).await;
    let fifty_filtered = t.queries_for(filtered, &staff).await;
    // The page did show them all.
    let page = t.app.get("/benevole", Some(&staff)).await;
    assert!(
        page.body.contains("Vous suivez 50 apprenants."),
        "{}",
        page.body
    );
    assert_eq!(page.body.matches("A demandé de l'aide (1)").count(), 50);

    eprintln!(
        "dashboard queries: 1 learner {one} (filtered {one_filtered}), 50 learners {fifty} (filtered {fifty_filtered})"
    );
    assert_eq!(
        one, fifty,
        "the dashboard's query count grows with the learners"
    );
    assert_eq!(one_filtered, fifty_filtered);
    assert!(
        fifty > 0 && fifty <= MAX_QUERIES_PER_PAGE,
        "{fifty} queries"
    );
}

/// Adds `count` upcoming home visits of demo.benevole in `zone`, each with a new learner,
/// on the weekdays from `first_day` (one a slot from 9 h, so none collide).
async fn add_appointments(t: &Counted, zone: i32, first_day: time::Date, count: usize) {
    use app::ssr::db::entities::appointment;
    use sea_orm::{ActiveModelTrait, Set};
    let db = &t.app.state.db;
    let camille = accounts::find_staff_by_username(db, "demo.benevole")
        .await
        .unwrap()
        .expect("demo volunteer");
    let mut day = first_day;
    let mut start = 540;
    for i in 0..count {
        while day.weekday().number_from_monday() > 5 {
            day += time::Duration::days(1);
        }
        let learner = accounts::create_learner(
            db,
            camille.structure_id,
            Some(camille.id),
            &format!("Rendez-vous {i}"),
            None,
        )
        .await
        .unwrap();
        appointment::ActiveModel {
            structure_id: Set(camille.structure_id),
            staff_id: Set(camille.id),
            kind: Set("domicile".into()),
            place_id: Set(None),
            zone_id: Set(Some(zone)),
            day: Set(app::ssr::services::agenda::iso(day)),
            start_minute: Set(start),
            end_minute: Set(start + 60),
            holds_slot: Set(Some(true)),
            capacity: Set(None),
            learner_id: Set(Some(learner.id)),
            call_id: Set(None),
            commune: Set("Morlaàs".into()),
            status: Set("a-venir".into()),
            recalled_at: Set(None),
            created_by: Set(camille.id),
            created_at: Set(app::ssr::db::now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        start += 60;
        if start >= 17 * 60 {
            start = 540;
            day += time::Duration::days(1);
        }
    }
}

#[tokio::test]
async fn the_agenda_week_and_the_call_slots_make_as_many_queries_for_2_and_60_appointments() {
    use app::ssr::services::{agenda, zones};
    let t = Counted::new().await;
    let db = &t.app.state.db;
    let sacha = accounts::find_staff_by_username(db, "demo.coordination")
        .await
        .unwrap()
        .expect("demo coordinator");
    let camille = accounts::find_staff_by_username(db, "demo.benevole")
        .await
        .unwrap()
        .expect("demo volunteer");
    zones::add_zone(db, &sacha, "Nord").await.unwrap();
    let nord = zones::view(db, &sacha).await.unwrap().zones[0].id;
    zones::add_commune(db, &sacha, nord, "64160", "Morlaàs")
        .await
        .unwrap();
    for weekday in 1..=5 {
        let form = agenda::AvailabilityForm {
            weekday: Some(weekday),
            day: None,
            start: "09:00",
            end: "17:00",
            place_id: None,
            zone_ids: &[nord],
        };
        agenda::save_availability(db, &camille, None, form)
            .await
            .unwrap();
    }
    // Next week's Monday, in France.
    let (today, _) = app::text::dates::paris_now(app::ssr::db::now());
    let today = agenda::parse_day(&today).unwrap();
    let monday =
        today + time::Duration::days(7 - i64::from(today.weekday().number_days_from_monday()));
    let week = format!("/benevole/agenda?semaine={}", agenda::iso(monday));
    let staff = t
        .app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    // The call form with the zone's next free slots (a draft kept by "Voir les créneaux").
    let once = t.app.form_token("/benevole/appel", &staff).await;
    let seen = t
        .app
        .post_form(
            "/api/appel",
            &[
                ("first_name", "Marcelle"),
                ("reach", "aucun"),
                ("postcode", "64160"),
                ("commune", "Morlaàs"),
                ("need", "email"),
                ("mode", ""),
                ("action", "voir"),
                ("once", once.as_str()),
            ],
            Some(&staff),
        )
        .await;
    let call = seen.location().expect("the call is kept").to_string();
    let call = call.split('#').next().unwrap().to_string();
    assert!(call.contains("brouillon="), "{call}");

    add_appointments(&t, nord, monday, 2).await;
    let week_few = t.queries_for(&week, &staff).await;
    let call_few = t.queries_for(&call, &staff).await;
    // Next week full (five days of eight visits) and more in the weeks after.
    add_appointments(&t, nord, monday + time::Duration::days(1), 58).await;
    let week_many = t.queries_for(&week, &staff).await;
    let call_many = t.queries_for(&call, &staff).await;

    eprintln!(
        "agenda week: {week_few} → {week_many} queries; call slots: {call_few} → {call_many}"
    );
    assert_eq!(
        week_few, week_many,
        "the week's query count grows with its appointments"
    );
    assert_eq!(
        call_few, call_many,
        "the call page's query count grows with the appointments"
    );
    for n in [week_many, call_many] {
        assert!(n > 0 && n <= MAX_QUERIES_PER_PAGE, "{n} queries");
    }
}

/// Sixteen requests of one learner for a step kept in memory, arriving when their session
/// is no longer in memory (its entry became too old): who is signed in is asked once, not
/// sixteen times (each request waiting meanwhile).
#[tokio::test]
async fn a_session_missing_from_memory_is_asked_once_for_requests_arriving_together() {
    let t = Counted::new().await;
    let learner = t.app.learner_cookie().await;
    // The step kept; then the queries of one request after the session is forgotten.
    let _ = t.queries_for(OTHER_STEP, &learner).await;
    let one = t.queries_cold_settled(OTHER_STEP, &learner).await;
    t.app.state.users.clear();
    t.queries.store(0, Ordering::SeqCst);
    let pages =
        futures_util::future::join_all((0..16).map(|_| t.app.get(OTHER_STEP, Some(&learner))))
            .await;
    let all = t.queries.load(Ordering::SeqCst);
    for page in &pages {
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("arobase"), "{}", page.body);
    }
    eprintln!("one request: {one} queries; sixteen at once: {all}");
    assert!(one > 0, "the metric callback counted nothing");
    assert_eq!(all, one, "who is signed in was asked more than once");
}
