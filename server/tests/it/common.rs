//! A test server: the real router, a fresh SQLite database through the real migrations,
//! the demo data, and a content folder.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Request, StatusCode, header};
use sea_orm::EntityTrait;
use tower::ServiceExt;

use app::ssr::db::entities::{appointment, staff, visit};
use app::ssr::state::AppState;
use server::config::Config;
use server::{router, startup};

pub const ORIGIN: &str = "http://127.0.0.1:3000";

pub struct TestApp {
    pub router: router::Site,
    pub state: AppState,
    pub dir: tempfile::TempDir,
    /// The configured public origin (`PAP_PUBLIC_URL`): what a browser on our pages sends
    /// as `Origin`.
    pub origin: String,
    /// How this instance was configured (another instance on the same database uses it).
    pub config: Config,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body's bytes as sent (`body` is them read as UTF-8).
    pub raw: axum::body::Bytes,
}

impl TestResponse {
    pub fn location(&self) -> Option<&str> {
        self.headers.get(header::LOCATION)?.to_str().ok()
    }

    /// The session cookie set by this response, as `name=value` (`pap_session`, or
    /// `__Host-pap_session` over HTTPS).
    pub fn session_cookie(&self) -> Option<String> {
        self.set_cookie("pap_session")
            .or_else(|| self.set_cookie("__Host-pap_session"))
            .map(|v| v.split(';').next().unwrap_or_default().to_string())
    }

    /// The whole `Set-Cookie` value of the cookie `name` set by this response.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(str::to_string)
    }

    /// Fails, showing the page, unless it contains `text`.
    pub fn assert_shows(&self, text: &str) {
        assert!(self.body.contains(text), "{text:?} not in:\n{}", self.body);
    }

    /// The body of a gzip answer, decompressed by a decoder that checks the trailer's
    /// CRC-32 and length.
    pub fn gunzip(&self) -> String {
        assert_eq!(self.headers.get(header::CONTENT_ENCODING).unwrap(), "gzip");
        let mut out = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&self.raw[..]), &mut out)
            .expect("one valid gzip member");
        out
    }
}

/// A copy of the shipped content, to edit in a test.
pub fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&real_content(), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The repository's `content/` folder.
pub fn real_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_content(&real_content()).await
    }

    pub async fn with_content(content: &Path) -> Self {
        Self::with(content, &[], |_| {}).await
    }

    /// A test server served at `public_url` (`PAP_PUBLIC_URL`), e.g. over HTTPS.
    pub async fn at(public_url: &str) -> Self {
        Self::with(&real_content(), &[("PAP_PUBLIC_URL", public_url)], |_| {}).await
    }

    /// A test server whose password gate lets `permits` checks run at once and makes the
    /// others wait `wait` at most.
    pub async fn with_password_gate(permits: usize, wait: std::time::Duration) -> Self {
        Self::with_state(&real_content(), |shared| {
            shared.passwords = app::ssr::auth::PasswordGate::new(permits, wait);
        })
        .await
    }

    /// A test server whose shared state is changed by `change` before the router gets it.
    pub async fn with_state(
        content: &Path,
        change: impl FnOnce(&mut app::ssr::state::Shared),
    ) -> Self {
        Self::with(content, &[], change).await
    }

    async fn with(
        content: &Path,
        vars: &[(&str, &str)],
        change: impl FnOnce(&mut app::ssr::state::Shared),
    ) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = test_database_url(dir.path()).await;
        let content = content.to_path_buf();
        let config = Config::from_lookup(|name| match name {
            "DATABASE_URL" => Some(database_url.clone()),
            "PAP_CONTENT_DIR" => Some(content.display().to_string()),
            _ => vars
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string()),
        })
        .expect("config");
        let mut state = startup::build_state(&config, true).await.expect("state");
        change(state.get_mut().expect("state not shared yet"));
        let router = router::router(state.clone(), &config);
        Self {
            router,
            state,
            dir,
            origin: config.public_url.clone(),
            config,
        }
    }

    /// Another instance of the server on the same database and content, as behind a load
    /// balancer: its own state (caches included) and router.
    pub async fn another_instance(&self) -> Self {
        let state = startup::build_state(&self.config, false)
            .await
            .expect("state");
        let router = router::router(state.clone(), &self.config);
        Self {
            router,
            state,
            dir: tempfile::tempdir().expect("temp dir"),
            origin: self.origin.clone(),
            config: self.config.clone(),
        }
    }

    /// A second instance of the server on the same database (its own connections, its
    /// own memory), as when several run behind a load balancer.
    pub async fn second_instance(&self) -> AppState {
        startup::build_state(&self.config, false)
            .await
            .expect("second state")
    }

    pub async fn send(&self, req: Request<Body>) -> TestResponse {
        let what = format!("{} {}", req.method(), req.uri());
        let res = tokio::time::timeout(
            std::time::Duration::from_secs(30),
            self.router.clone().oneshot(req),
        )
        .await
        .unwrap_or_else(|_| panic!("no answer in 30 s to {what}"))
        .expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = to_bytes(res.into_body(), 10 << 20).await.expect("body");
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            raw: bytes,
        }
    }

    /// `GET path` as a browser that accepts compressed answers.
    pub async fn get_gzip(&self, path: &str, cookie: &str) -> TestResponse {
        let req = Request::get(path)
            .header(header::COOKIE, cookie)
            .header(header::ACCEPT_ENCODING, "gzip, deflate, br, zstd")
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> TestResponse {
        let mut req = Request::get(path).header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// Posts a form as a browser does from one of our pages.
    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> TestResponse {
        self.post_form_from(path, form, cookie, Some(&self.origin.clone()))
            .await
    }

    pub async fn post_form_from(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
        origin: Option<&str>,
    ) -> TestResponse {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::HOST, "127.0.0.1:3000");
        if let Some(o) = origin {
            req = req
                .header(header::ORIGIN, o)
                .header(header::REFERER, format!("{o}/"));
        }
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(body)).unwrap()).await
    }

    /// Signs in the demo learner; returns the session cookie.
    pub async fn learner_cookie(&self) -> String {
        self.learner_cookie_for("bien-venu").await
    }

    /// Signs in a learner by code; returns the session cookie.
    pub async fn learner_cookie_for(&self, code: &str) -> String {
        let res = self
            .post_form("/api/connexion", &[("code", code)], None)
            .await;
        assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
        assert!(
            matches!(res.location(), Some("/" | "/bienvenue")),
            "{:?}",
            res.location()
        );
        res.session_cookie().expect("session cookie")
    }

    /// Follows a login card's QR code as a learner does, nobody signed in: the link keeps
    /// the code (in a cookie) and leads to `/carte`, which asks "C'est bien vous ?"; its
    /// button signs in. Returns the answer to the button (the session cookie, where to).
    pub async fn scan_card(&self, code: &str) -> TestResponse {
        let link = self.get(&format!("/carte/{code}"), None).await;
        assert_eq!(link.status, StatusCode::SEE_OTHER);
        assert_eq!(link.location(), Some("/carte"));
        assert!(link.session_cookie().is_none(), "a link signs nobody in");
        let card = link
            .set_cookie("pap_carte")
            .expect("the card's code kept")
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let page = self.get("/carte", Some(&card)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(
            page.body.contains("C'est bien vous") || page.body.contains("C&#x27;est bien vous"),
            "{}",
            page.body
        );
        let res = self.post_form("/api/carte", &[], Some(&card)).await;
        assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
        res
    }

    /// Signs in a staff member; returns the session cookie.
    pub async fn staff_cookie(&self, username: &str, password: &str) -> String {
        let res = self
            .post_form(
                "/api/benevole/connexion",
                &[("username", username), ("password", password)],
                None,
            )
            .await;
        // Each lands on their main role's page (the trainers' area for a trainer only, the
        // network's page for its administrators or a territory's coordinator only).
        assert!(
            matches!(
                res.location(),
                Some("/benevole" | "/formateur" | "/programme")
            ) || res
                .location()
                .is_some_and(|l| l.starts_with("/programme/territoires/")),
            "{:?} {}",
            res.location(),
            res.body
        );
        res.session_cookie().expect("session cookie")
    }

    /// Signs in the demo volunteer (Camille) and opens their dashboard, so that who they
    /// are is now in memory; returns the session cookie.
    pub async fn volunteer_in_memory(&self) -> String {
        let cookie = self.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
        self.get("/benevole", Some(&cookie))
            .await
            .assert_shows("Camille");
        cookie
    }

    /// Saves comfort settings (`text_size`, `contrast`, `motion`) from the home page.
    pub async fn save_comfort(&self, cookie: &str, settings: &[(&str, &str)]) -> TestResponse {
        let mut form = settings.to_vec();
        form.push(("back", "/"));
        self.post_form("/api/confort", &form, Some(cookie)).await
    }
}

impl TestApp {
    /// Writes the steps seen so far (normally done every two seconds).
    pub async fn flush_seen(&self) {
        self.state.seen.flush(&self.state.db).await.expect("flush");
    }

    /// Follows a coordinator's form that makes a one-time link (an invitation, a new
    /// password) to the team page, and reads the link's token there.
    pub async fn link_token(&self, res: &TestResponse, cookie: &str) -> String {
        let to = res.location().expect("redirect").split('#').next().unwrap();
        let team = self.get(to, Some(cookie)).await;
        let start = team.body.find("/invitation/").expect("invitation link") + "/invitation/".len();
        team.body[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }

    /// A coordinator invites Mona as a volunteer; returns the invitation's token.
    pub async fn invite_mona(&self, coordinator: &str) -> String {
        let res = self
            .post_form(
                "/api/equipe/inviter",
                &[("name", "Mona"), ("volunteer", "oui")],
                Some(coordinator),
            )
            .await;
        self.link_token(&res, coordinator).await
    }

    /// The demo structure and a second, unrelated one with its own volunteer and learner:
    /// `(other volunteer cookie, other learner id)`.
    pub async fn other_structure(&self) -> (String, i32) {
        use app::ssr::services::accounts;
        let db = &self.state.db;
        let s = accounts::find_or_create_structure(db, "Autre association")
            .await
            .unwrap();
        let v = self.new_staff(s.id, "autre.benevole", "Alex", false).await;
        let l = accounts::create_learner(db, s.id, Some(v.id), "Paul", None)
            .await
            .unwrap();
        (
            self.staff_cookie("autre.benevole", STAFF_PASSWORD).await,
            l.id,
        )
    }

    /// A new member of staff of `structure`, a volunteer (and a coordinator if
    /// `coordinator`), whose password is [`STAFF_PASSWORD`].
    pub async fn new_staff(
        &self,
        structure: i32,
        username: &str,
        name: &str,
        coordinator: bool,
    ) -> staff::Model {
        use app::ssr::services::accounts::{self, Roles};
        accounts::create_staff(
            &self.state.db,
            &self.state.passwords,
            structure,
            username,
            name,
            STAFF_PASSWORD,
            Roles {
                volunteer: true,
                coordinator,
                ..Roles::default()
            },
        )
        .await
        .unwrap()
    }

    /// A new structure `structure` (in `territory`, if any) and its coordinator, signed in:
    /// `(structure id, the coordinator's cookie)`.
    pub async fn structure_with_coordinator(
        &self,
        structure: &str,
        territory: Option<i32>,
        username: &str,
        name: &str,
    ) -> (i32, String) {
        use app::ssr::services::network::{self, Made};
        let made = network::create_structure(&self.state.db, structure, territory, None, "")
            .await
            .unwrap();
        let Made::Created(id) = made else {
            panic!("no structure {structure}: {made:?}");
        };
        self.new_staff(id, username, name, true).await;
        (id, self.staff_cookie(username, STAFF_PASSWORD).await)
    }

    /// `volunteer` now follows `learners`.
    pub async fn assign_learners(&self, volunteer: i32, learners: &[i32]) {
        use app::ssr::db::entities::learner;
        use sea_orm::{ColumnTrait, QueryFilter};
        learner::Entity::update_many()
            .col_expr(
                learner::Column::VolunteerId,
                sea_orm::sea_query::Expr::value(volunteer),
            )
            .filter(learner::Column::Id.is_in(learners.iter().copied()))
            .exec(&self.state.db)
            .await
            .unwrap();
    }

    /// The signed-in learner asks for help on the step "adresse" of the lesson
    /// "adresse-enveloppe", with `message`.
    pub async fn ask_for_help(&self, learner_cookie: &str, message: &str) -> TestResponse {
        self.post_form(
            "/api/aide",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", "adresse"),
                ("message", message),
            ],
            Some(learner_cookie),
        )
        .await
    }

    /// A one-to-one home visit of `learner` with `volunteer`, in eight days at `start`
    /// (minutes after midnight), an hour long.
    pub async fn appointment_at(
        &self,
        volunteer: &staff::Model,
        learner: i32,
        start: i32,
    ) -> appointment::Model {
        use sea_orm::{ActiveModelTrait, Set};
        let (today, _) = app::text::dates::paris_now(app::ssr::db::now());
        let day = app::ssr::services::agenda::iso(
            app::ssr::services::agenda::parse_day(&today).unwrap() + time::Duration::days(8),
        );
        appointment::ActiveModel {
            structure_id: Set(volunteer.structure_id),
            staff_id: Set(volunteer.id),
            kind: Set("domicile".into()),
            day: Set(day),
            start_minute: Set(start),
            end_minute: Set(start + 60),
            holds_slot: Set(Some(true)),
            learner_id: Set(Some(learner)),
            commune: Set("Morlaàs".into()),
            status: Set("a-venir".into()),
            created_by: Set(volunteer.id),
            created_at: Set(app::ssr::db::now()),
            ..Default::default()
        }
        .insert(&self.state.db)
        .await
        .unwrap()
    }

    /// Every row of the people counted once (`stats_people`), in key order.
    pub async fn people_rows(&self) -> Vec<app::ssr::db::entities::stats_people_year::Model> {
        use app::ssr::db::entities::stats_people_year::{Column, Entity};
        use sea_orm::QueryOrder;
        Entity::find()
            .order_by_asc(Column::StructureId)
            .order_by_asc(Column::Kind)
            .order_by_asc(Column::Year)
            .order_by_asc(Column::Item)
            .order_by_asc(Column::LearnerId)
            .all(&self.state.db)
            .await
            .unwrap()
    }

    /// Checks that the rows of the people counted once (`stats_people`) and the learners'
    /// first sessions kept by the writes are those made again from the sessions and step
    /// records; leaves them made again.
    pub async fn assert_people_rows_kept(&self) {
        let db = &self.state.db;
        let kept = self.people_rows().await;
        let firsts = self.first_sessions().await;
        app::ssr::services::stats_learning::rebuild_people(db)
            .await
            .unwrap();
        app::ssr::services::stats_people::rebuild_first_sessions(db)
            .await
            .unwrap();
        assert_eq!(
            kept,
            self.people_rows().await,
            "the people counted once differ from those made from the rows"
        );
        assert_eq!(
            firsts,
            self.first_sessions().await,
            "the first sessions kept differ from those of the sessions"
        );
    }

    /// Checks that the help requests' daily counters kept are, row for row, those made
    /// again from the requests (`stats_help::rebuild`), and returns them in key order.
    pub async fn assert_help_counters_kept(
        &self,
    ) -> Vec<app::ssr::db::entities::stats_help_day::Model> {
        use app::ssr::db::entities::stats_help_day as counters;
        use sea_orm::QueryOrder;
        let db = &self.state.db;
        let all = || async {
            counters::Entity::find()
                .order_by_asc(counters::Column::StructureId)
                .order_by_asc(counters::Column::Day)
                .all(db)
                .await
                .unwrap()
        };
        let kept = all().await;
        app::ssr::services::stats_help::rebuild(db).await.unwrap();
        assert_eq!(
            kept,
            all().await,
            "the help counters kept differ from those made from the requests"
        );
        kept
    }

    /// Every learner's `(id, first_session_on)`, by id.
    pub async fn first_sessions(&self) -> Vec<(i32, Option<String>)> {
        use app::ssr::db::entities::learner;
        use sea_orm::QueryOrder;
        learner::Entity::find()
            .order_by_asc(learner::Column::Id)
            .all(&self.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|l| (l.id, l.first_session_on))
            .collect()
    }

    /// Logs `session` straight into the database through the models, with its learners
    /// (around the services: the people counted once and the first sessions are made again,
    /// `stats_learning::rebuild_people`, `stats_people::rebuild_first_sessions`).
    pub async fn add_session(&self, session: NewSession<'_>) -> visit::Model {
        use app::ssr::db::entities::visit_learner;
        use sea_orm::{ActiveModelTrait, Set};
        let db = &self.state.db;
        let v = visit::ActiveModel {
            structure_id: Set(session.structure),
            volunteer_id: Set(session.volunteer),
            date: Set(session.date.into()),
            kind: Set(session.kind.into()),
            place: Set(String::new()),
            duration_minutes: Set(session.minutes),
            topics: Set(String::new()),
            note: Set(session.note.map(str::to_string)),
            created_at: Set(session.created_at),
            session_type: Set(session.session_type.into()),
            place_type: Set(session.place_type.into()),
            commune: Set(None),
            equipment: Set(String::new()),
            themes: Set(session.themes.into()),
            autonomy: Set(None),
            orientation: Set(None),
            workshop_title: Set(None),
            workshop_level: Set(None),
            anonymous: Set(session.anonymous),
            anonymous_followed: Set(0),
            updated_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        for l in session.learners {
            visit_learner::ActiveModel {
                visit_id: Set(v.id),
                learner_id: Set(*l),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
        }
        app::ssr::services::stats_learning::rebuild_people(db)
            .await
            .unwrap();
        app::ssr::services::stats_people::rebuild_first_sessions(db)
            .await
            .unwrap();
        v
    }

    /// The one-time token (`once`) of the first form of the page at `path`.
    pub async fn form_token(&self, path: &str, cookie: &str) -> String {
        let page = self.get(path, Some(cookie)).await;
        hidden_value(&page.body, "once")
            .unwrap_or_else(|| panic!("no one-time token in {path}:\n{}", page.body))
    }

    /// A new learner of the demo structure, signed in: `(cookie, id)`.
    pub async fn another_learner(&self, first_name: &str) -> (String, i32) {
        let jeanne = self.demo_learner_id().await;
        let structure = app::ssr::db::entities::learner::Entity::find_by_id(jeanne)
            .one(&self.state.db)
            .await
            .unwrap()
            .unwrap()
            .structure_id;
        let l = app::ssr::services::accounts::create_learner(
            &self.state.db,
            structure,
            None,
            first_name,
            None,
        )
        .await
        .unwrap();
        (self.learner_cookie_for(&l.code).await, l.id)
    }

    /// The demo learner's id.
    pub async fn demo_learner_id(&self) -> i32 {
        app::ssr::services::accounts::find_learner_by_code(&self.state.db, "BIENVENU")
            .await
            .unwrap()
            .unwrap()
            .id
    }
}

/// The password of the staff accounts the tests make ([`TestApp::new_staff`]).
pub const STAFF_PASSWORD: &str = "un mot de passe long";

/// A learner's row as it is now.
pub async fn learner_row(app: &TestApp, learner: i32) -> app::ssr::db::entities::learner::Model {
    app::ssr::db::entities::learner::Entity::find_by_id(learner)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

/// The structure a learner is in now.
pub async fn structure_of(app: &TestApp, learner: i32) -> i32 {
    learner_row(app, learner).await.structure_id
}

/// A member of staff, by identifier.
pub async fn staff_named(app: &TestApp, username: &str) -> staff::Model {
    app::ssr::services::accounts::find_staff_by_username(&app.state.db, username)
        .await
        .unwrap()
        .unwrap()
}

/// A session logged straight into the database ([`TestApp::add_session`]): what a test
/// says of it, the rest empty. [`NewSession::new`]: an individual session of an hour at
/// the structure's place, by nobody in particular, made at time 0.
pub struct NewSession<'a> {
    pub structure: i32,
    pub volunteer: Option<i32>,
    pub date: &'a str,
    pub kind: &'a str,
    pub session_type: &'a str,
    pub place_type: &'a str,
    pub minutes: i32,
    pub themes: &'a str,
    pub note: Option<&'a str>,
    /// People counted without a name (a workshop's).
    pub anonymous: i32,
    pub created_at: i64,
    pub learners: &'a [i32],
}

impl<'a> NewSession<'a> {
    pub fn new(structure: i32, date: &'a str) -> Self {
        Self {
            structure,
            volunteer: None,
            date,
            kind: "permanence",
            session_type: "individuel",
            place_type: "lieu_activite",
            minutes: 60,
            themes: "",
            note: None,
            anonymous: 0,
            created_at: 0,
            learners: &[],
        }
    }
}

/// A fresh, empty database for one test: a SQLite file in `dir`, or, when
/// `PAP_TEST_POSTGRES` names a PostgreSQL server (an URL with rights to create databases),
/// a new database there.
async fn test_database_url(dir: &Path) -> String {
    let Ok(admin_url) = std::env::var("PAP_TEST_POSTGRES") else {
        return format!("sqlite://{}", dir.join("test.db").display());
    };
    use sea_orm::{ConnectionTrait, Database};
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!(
        "pap_test_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    );
    let admin = Database::connect(&admin_url)
        .await
        .expect("PostgreSQL server");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    admin.close().await.ok();
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("URL with a database name");
    format!("{base}/{name}")
}

/// The value of the first hidden field `name` of a page.
pub fn hidden_value(body: &str, name: &str) -> Option<String> {
    let mark = format!("name=\"{name}\" value=\"");
    let start = body.find(&mark)? + mark.len();
    Some(body[start..].chars().take_while(|c| *c != '"').collect())
}

/// The `owner` field of the first form of a page (whose page it is).
pub fn owner_in(body: &str) -> Option<String> {
    hidden_value(body, "owner")
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Calls a server function as a script would (no `Referer`, so no redirect to the page):
/// the answer is the function's own.
pub async fn call_server_fn(
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
    cookie: &str,
) -> TestResponse {
    use axum::body::Body;
    use axum::http::{Request, header};
    let body = serde_urlencoded::to_string(form).unwrap();
    let req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

/// A SQLite database (in its own folder) migrated up to the migration `next` (by name),
/// not included: a site of before, to check that `next` keeps what it had. The folder goes
/// with the returned guard.
pub async fn database_before(next: &str) -> (tempfile::TempDir, sea_orm::DatabaseConnection) {
    use app::ssr::db::migration::Migrator;
    use sea_orm_migration::MigratorTrait;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = sea_orm::Database::connect(format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("old.db").display()
    ))
    .await
    .expect("database");
    let before = Migrator::migrations()
        .iter()
        .position(|m| m.name() == next)
        .expect("a migration of that name");
    Migrator::up(&db, Some(before as u32))
        .await
        .expect("migrations");
    (dir, db)
}

/// Posts a session form (`visit` set: a correction); the session's id.
pub async fn post_session(app: &TestApp, cookie: &str, form: &[(&str, &str)]) -> i32 {
    let res = app.post_form("/api/seance", form, Some(cookie)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let location = res.location().unwrap();
    if let Some((_, id)) = location.split_once("corrigee=") {
        return id.parse().unwrap();
    }
    location
        .split('?')
        .next()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}
