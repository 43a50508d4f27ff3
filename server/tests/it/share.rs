//! Share links for a funder (issue 21, item 6): a coordinator makes a link to a period's
//! figures (shown once, stored as a hash); the public page and its JSON show the exact
//! aggregates of a small known data set, without any name and with "moins de 5" for small
//! groups, and the headers of a secret address; only a coordinator makes one, only one of
//! the structure revokes it, a form from another site is refused; once revoked, page and
//! JSON answer 404. SQLite, and PostgreSQL when `PAP_TEST_POSTGRES` is set.

use axum::http::{StatusCode, header};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};

use crate::common::*;
use app::ssr::db::entities::{learner, share_link};
use app::ssr::services::accounts;
use app::text::{share as words, stats as stats_words};

const STATS: &str = "/benevole/statistiques?du=2026-03-01&au=2026-03-31";

struct Amis {
    coordinator: String,
    volunteer: String,
}

/// "Les Amis": a coordinator (Colette), a volunteer (Victor), six learners (five of 70 or
/// more and one of 60 to 69; five in Pau, one in Lons), and in March 2026 one individual
/// session (1 h, email) and one workshop (2 h, email and health) with the six and two
/// people without a name.
async fn amis(app: &TestApp) -> Amis {
    let db = &app.state.db;
    let s = accounts::find_or_create_structure(db, "Les Amis <du numérique>")
        .await
        .unwrap()
        .id;
    let c = app
        .new_staff(s, "colette.amis", "Colette Coordinatrice", true)
        .await
        .id;
    let v = app
        .new_staff(s, "victor.amis", "Victor Volontaire", false)
        .await
        .id;
    let mut l = Vec::new();
    for i in 1..=6 {
        let row = accounts::create_learner(db, s, Some(v), &format!("Zéphyrin{i}"), None)
            .await
            .unwrap();
        let mut row: learner::ActiveModel = row.into();
        row.age_band = Set(Some(
            if i <= 5 {
                "soixante_dix_plus"
            } else {
                "soixante_soixante_neuf"
            }
            .into(),
        ));
        row.commune = Set(Some(if i <= 5 { "Pau" } else { "Lons" }.into()));
        l.push(row.update(db).await.unwrap().id);
    }
    app.add_session(NewSession {
        volunteer: Some(v),
        themes: "email",
        learners: &l[..1],
        ..NewSession::new(s, "2026-03-02")
    })
    .await;
    app.add_session(NewSession {
        volunteer: Some(c),
        session_type: "collectif",
        minutes: 120,
        themes: "email,sante",
        anonymous: 2,
        learners: &l,
        ..NewSession::new(s, "2026-03-10")
    })
    .await;
    Amis {
        coordinator: app.staff_cookie("colette.amis", STAFF_PASSWORD).await,
        volunteer: app.staff_cookie("victor.amis", STAFF_PASSWORD).await,
    }
}

/// The headers every address under `/partage/` has.
fn assert_secret_headers(res: &TestResponse) {
    let h = |name: &str| {
        res.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(h("cache-control"), "no-store");
    assert_eq!(h("referrer-policy"), "no-referrer");
    assert!(h("x-robots-tag").contains("noindex"), "{:?}", res.headers);
}

/// The token of the link shown on the page.
fn shown_token(app: &TestApp, body: &str) -> String {
    let prefix = format!("{}/partage/", app.origin);
    let start = body.find(&prefix).expect("the link is shown") + prefix.len();
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn make_link(app: &TestApp, cookie: &str, label: &str) -> TestResponse {
    app.post_form(
        "/api/benevole/partage",
        &[
            ("du", "2026-03-01"),
            ("au", "2026-03-31"),
            ("libelle", label),
        ],
        Some(cookie),
    )
    .await
}

async fn links(app: &TestApp) -> Vec<share_link::Model> {
    share_link::Entity::find().all(&app.state.db).await.unwrap()
}

#[tokio::test]
async fn a_funder_sees_the_aggregates_without_names_until_the_link_is_revoked() {
    let app = TestApp::new().await;
    let amis = amis(&app).await;

    // The statistics page offers to share the period.
    let page = app.get(STATS, Some(&amis.coordinator)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_shows(words::TITLE);
    page.assert_shows(words::NO_LINKS);

    // A link is made and shown once.
    let res = make_link(&app, &amis.coordinator, "Fondation <Solidaire>").await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let back = res.location().unwrap().to_string();
    assert!(
        back.starts_with("/benevole/statistiques?du=2026-03-01&au=2026-03-31&lien="),
        "{back}"
    );
    let page = app.get(&back, Some(&amis.coordinator)).await;
    page.assert_shows(words::FRESH);
    page.assert_shows(words::FRESH_EXPLAIN);
    page.assert_shows("Fondation &lt;Solidaire&gt;");
    page.assert_shows(words::ACTIVE);
    page.assert_shows("par Colette Coordinatrice");
    let token = shown_token(&app, &page.body);
    assert!(token.len() >= 43, "32 random bytes: {token}");
    // The database keeps only the hash.
    let rows = links(&app).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].token_hash, app::ssr::auth::token_hash(&token));
    assert_ne!(rows[0].token_hash, token);
    assert_eq!(rows[0].label.as_deref(), Some("Fondation <Solidaire>"));
    assert_eq!(
        (rows[0].period_from.as_str(), rows[0].period_to.as_str()),
        ("2026-03-01", "2026-03-31")
    );
    // Shown once: the same address again does not show it.
    let again = app.get(&back, Some(&amis.coordinator)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(!again.body.contains(&token), "the link is shown once");
    assert!(!again.body.contains(words::FRESH));

    // The public page, signed out.
    let public = app.get(&format!("/partage/{token}"), None).await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.body);
    assert_secret_headers(&public);
    public.assert_shows("<meta name=\"robots\" content=\"noindex, nofollow\"");
    public.assert_shows("Les Amis &lt;du numérique&gt;, du 1er mars 2026 au 31 mars 2026");
    let row = |what: &str, figure: &str| format!("<th scope=\"row\">{what}</th><td>{figure}</td>");
    for figure in [
        row(stats_words::PEOPLE, "6"),
        row(stats_words::PEOPLE_NEW, "6"),
        row(stats_words::PEOPLE_RETURNING, "moins de 5"),
        row(stats_words::ANONYMOUS, "moins de 5"),
        row(stats_words::SESSIONS, "2"),
        row(stats_words::HOURS, "3 h"),
        row(stats_words::WORKSHOPS, "1"),
        row(stats_words::WORKSHOP_PARTICIPANTS, "8"),
        // Sessions by type: one of each, too few to show.
        row("Accompagnement individuel", "moins de 5"),
        // By age: five of 70 or more (83 %), one of 60 to 69 hidden.
        "<td>5 (83 %)</td>".to_string(),
        // By commune: Pau (5), Lons put with the others and hidden.
        row("Pau", "5 (83 %)"),
        row(stats_words::OTHER_COMMUNES, "moins de 5"),
        app::text::outcomes::REPORT_TITLE.to_string(),
    ] {
        public.assert_shows(&figure);
    }
    for secret in [
        "Colette",
        "Victor",
        "Zéphyrin",
        "Lons",
        "Fondation",
        stats_words::VOLUNTEERS_TITLE,
        "(17 %)",
    ] {
        assert!(
            !public.body.contains(secret),
            "{secret:?} on the public page"
        );
    }

    // The JSON: the same aggregates.
    let res = app.get(&format!("/partage/{token}.json"), None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_secret_headers(&res);
    assert!(
        res.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    for secret in ["Colette", "Victor", "Zéphyrin", "Lons", "Fondation"] {
        assert!(!res.body.contains(secret), "{secret:?} in the JSON");
    }
    // The server function the public page reads is as public, with the same headers.
    let api = app
        .post_form("/api/partage", &[("token", token.as_str())], None)
        .await;
    assert_secret_headers(&api);
    assert!(api.body.contains("Les Amis"), "{}", api.body);
    assert!(!api.body.contains("Colette"), "{}", api.body);
    let j: Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(j["structure"], "Les Amis <du numérique>");
    assert_eq!(
        (&j["from"], &j["to"]),
        (&json!("2026-03-01"), &json!("2026-03-31"))
    );
    let f = &j["figures"];
    for (field, expected) in [
        ("people", json!(6)),
        ("people_new", json!(6)),
        ("people_returning", Value::Null),
        ("anonymous", Value::Null),
        ("anonymous_returning", Value::Null),
        ("sessions", json!(2)),
        ("minutes", json!(180)),
        ("workshops", json!(1)),
        ("workshop_participants", json!(8)),
        ("people_alone", Value::Null),
        (
            "by_type",
            json!([
                {"key": "individuel", "count": null, "percent": null},
                {"key": "collectif", "count": null, "percent": null},
            ]),
        ),
        (
            "by_theme",
            json!([
                {"key": "email", "count": null, "percent": null},
                {"key": "sante", "count": null, "percent": null},
            ]),
        ),
        (
            "by_age",
            json!([
                {"key": "soixante_soixante_neuf", "count": null, "percent": null},
                {"key": "soixante_dix_plus", "count": 5, "percent": 83},
            ]),
        ),
        (
            "by_commune",
            json!([
                {"key": "Pau", "count": 5, "percent": 83},
                {"key": null, "count": null, "percent": null},
            ]),
        ),
        (
            "by_zone",
            json!([{"key": null, "count": 6, "percent": 100}]),
        ),
        (
            "by_status",
            json!([{"key": null, "count": 6, "percent": 100}]),
        ),
    ] {
        assert_eq!(f[field], expected, "{field}");
    }
    assert!(f.get("by_volunteer").is_none(), "no part by volunteer");

    // A volunteer who is not a coordinator cannot make one.
    let res = make_link(&app, &amis.volunteer, "Moi").await;
    assert_ne!(res.status, StatusCode::FOUND, "{:?}", res.location());
    assert_eq!(links(&app).await.len(), 1);
    let page = app.get(STATS, Some(&amis.volunteer)).await;
    assert!(!page.body.contains(words::MAKE));

    // A coordinator of another structure cannot revoke it.
    let (_, odile) = app
        .structure_with_coordinator("Autre association", None, "odile.autre", "Odile")
        .await;
    let id = rows[0].id.to_string();
    let revoke = [
        ("id", id.as_str()),
        ("du", "2026-03-01"),
        ("au", "2026-03-31"),
    ];
    let res = app
        .post_form("/api/benevole/partage/retirer", &revoke, Some(&odile))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    // Nor a form sent from another site, even by its coordinator.
    let res = app
        .post_form_from(
            "/api/benevole/partage/retirer",
            &revoke,
            Some(&amis.coordinator),
            Some("https://ailleurs.example"),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    let res = app
        .post_form_from(
            "/api/benevole/partage",
            &[("du", "2026-03-01"), ("au", "2026-03-31"), ("libelle", "")],
            Some(&amis.coordinator),
            Some("https://ailleurs.example"),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    assert_eq!(links(&app).await.len(), 1);
    assert!(links(&app).await[0].revoked_at.is_none());
    let still = app.get(&format!("/partage/{token}.json"), None).await;
    assert_eq!(still.status, StatusCode::OK);

    // Its coordinator revokes it; twice changes nothing.
    let res = app
        .post_form(
            "/api/benevole/partage/retirer",
            &revoke,
            Some(&amis.coordinator),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let back = res.location().unwrap().to_string();
    let page = app.get(&back, Some(&amis.coordinator)).await;
    page.assert_shows(words::REVOKED_DONE);
    page.assert_shows("Retiré le ");
    assert!(!page.body.contains(words::ACTIVE));
    let revoked = links(&app).await[0].clone();
    assert!(revoked.revoked_at.is_some());
    let res = app
        .post_form(
            "/api/benevole/partage/retirer",
            &revoke,
            Some(&amis.coordinator),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    assert_eq!(links(&app).await[0], revoked, "revoked once");

    // Page and JSON now answer 404, with the same headers; so does a token never made.
    for token in [token.as_str(), "pas-un-vrai-lien"] {
        let page = app.get(&format!("/partage/{token}"), None).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", page.body);
        assert_secret_headers(&page);
        page.assert_shows(words::GONE_TITLE);
        assert!(!page.body.contains("Les Amis"));
        let res = app.get(&format!("/partage/{token}.json"), None).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
        assert_secret_headers(&res);
        assert!(!res.body.contains("Les Amis"));
        let api = app
            .post_form("/api/partage", &[("token", token)], None)
            .await;
        assert_secret_headers(&api);
        assert_eq!(api.body.trim(), "null", "nothing of a revoked link");
    }
}

#[tokio::test]
async fn a_label_too_long_comes_back_as_typed() {
    let app = TestApp::new().await;
    let amis = amis(&app).await;
    let long = "é".repeat(app::model::share::MAX_LABEL + 1);
    let res = make_link(&app, &amis.coordinator, &long).await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let page = app
        .get(res.location().unwrap(), Some(&amis.coordinator))
        .await;
    page.assert_shows(&words::refused(
        app::model::share::ShareRefused::LabelTooLong,
    ));
    page.assert_shows(&format!("value=\"{long}\""));
    assert!(links(&app).await.is_empty());
    // Exactly the longest label is taken.
    let longest = "é".repeat(app::model::share::MAX_LABEL);
    let res = make_link(&app, &amis.coordinator, &longest).await;
    assert!(res.location().unwrap().contains("lien="));
    let rows = share_link::Entity::find()
        .filter(share_link::Column::Label.eq(longest.as_str()))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
}

#[tokio::test]
async fn the_same_form_sent_twice_makes_one_link() {
    let app = TestApp::new().await;
    let amis = amis(&app).await;
    let page = app.get(STATS, Some(&amis.coordinator)).await;
    let once = hidden_value(&page.body, "once").expect("the form's one-time token");
    let form = [
        ("du", "2026-03-01"),
        ("au", "2026-03-31"),
        ("libelle", "Département"),
        ("once", once.as_str()),
    ];
    let first = app
        .post_form("/api/benevole/partage", &form, Some(&amis.coordinator))
        .await;
    let second = app
        .post_form("/api/benevole/partage", &form, Some(&amis.coordinator))
        .await;
    assert_eq!(first.status, StatusCode::FOUND, "{}", first.body);
    assert_eq!(second.status, StatusCode::FOUND, "{}", second.body);
    assert_eq!(first.location(), second.location());
    assert_eq!(links(&app).await.len(), 1);
    // A new page, a new form: another link.
    let page = app.get(STATS, Some(&amis.coordinator)).await;
    let again = hidden_value(&page.body, "once").unwrap();
    assert_ne!(again, once);
    let res = make_link(&app, &amis.coordinator, "Région").await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(links(&app).await.len(), 2);
}
