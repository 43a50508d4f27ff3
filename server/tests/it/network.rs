//! A network, not a single association (issue 22, items 1 and 2): who may see and do what
//! on `/programme` and `/programme/territoires/{id}` (an administrator of the programme, a
//! coordinator of this territory or of another one, a structure's coordinator, a
//! volunteer, a learner); territories and structures created once per one-time token; a
//! structure's coordinator named through an invitation link, a territory's by promotion;
//! structures keeping their learners apart; and the programme's report, each figure exact
//! on known data, small groups written "moins de 5". SQLite, and PostgreSQL when
//! `PAP_TEST_POSTGRES` is set.

use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::common::*;
use app::model::network::Setting;
use app::model::stats::Share;
use app::ssr::db::entities::{lesson_completion, structure, territory};
use app::ssr::services::accounts;
use app::ssr::services::demo;
use app::ssr::services::network::{self, Made};
use app::text;

const PASSWORD: &str = "demo-pas-a-pas";

async fn admin(app: &TestApp) -> String {
    app.staff_cookie(demo::DEMO_PROGRAMME, PASSWORD).await
}

async fn territory_id(app: &TestApp, name: &str) -> i32 {
    territory::Entity::find()
        .filter(territory::Column::Name.eq(name))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no territory {name}"))
        .id
}

async fn structure_named(app: &TestApp, name: &str) -> structure::Model {
    structure::Entity::find()
        .filter(structure::Column::Name.eq(name))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no structure {name}"))
}

/// The administrator creates territory `name` from the programme's page.
async fn create_territory(app: &TestApp, cookie: &str, name: &str) -> TestResponse {
    let once = app.form_token("/programme", cookie).await;
    app.post_form(
        "/api/programme/territoire/creer",
        &[("name", name), ("once", once.as_str())],
        Some(cookie),
    )
    .await
}

/// The administrator invites `name` to coordinate `structure`, and the person accepts with
/// identifier `username`: their cookie.
async fn invited_coordinator(
    app: &TestApp,
    cookie: &str,
    structure: i32,
    name: &str,
    username: &str,
) -> String {
    let once = app.form_token("/programme", cookie).await;
    let id = structure.to_string();
    let res = app
        .post_form(
            "/api/programme/structure/coordination",
            &[
                ("structure", id.as_str()),
                ("name", name),
                ("once", once.as_str()),
            ],
            Some(cookie),
        )
        .await;
    assert!(
        res.location()
            .unwrap_or_default()
            .starts_with("/programme?lien="),
        "{:?}",
        res.location()
    );
    let token = app.link_token(&res, cookie).await;
    let res = app
        .post_form(
            "/api/invitation/accepter",
            &[
                ("token", token.as_str()),
                ("username", username),
                ("password", "la tortue boit du thé vert"),
            ],
            None,
        )
        .await;
    assert_eq!(res.location(), Some("/benevole?bienvenue=1"));
    app.staff_cookie(username, "la tortue boit du thé vert")
        .await
}

async fn name_territory_coordinator(
    app: &TestApp,
    cookie: &str,
    territory: i32,
    member: i32,
) -> TestResponse {
    let (t, m) = (territory.to_string(), member.to_string());
    app.post_form(
        "/api/programme/territoire/coordination",
        &[("territory", t.as_str()), ("member", m.as_str())],
        Some(cookie),
    )
    .await
}

fn assert_refused(res: &TestResponse, message: &str, context: &str) {
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{context}: {}", res.body);
    assert!(res.body.contains(message), "{context}: {}", res.body);
    assert!(res.body.contains("site-header"), "{context}: a whole page");
}

#[tokio::test]
async fn the_programme_administrator_lands_on_the_programme_and_sees_the_network() {
    let app = TestApp::new().await;
    let res = app
        .post_form(
            "/api/benevole/connexion",
            &[("username", demo::DEMO_PROGRAMME), ("password", PASSWORD)],
            None,
        )
        .await;
    assert_eq!(res.location(), Some("/programme"));
    let cookie = admin(&app).await;
    let page = app.get("/programme", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    for shown in [
        demo::DEMO_TERRITORY,
        demo::DEMO_STRUCTURE,
        demo::DEMO_SECOND_STRUCTURE,
        "Urbain",
        "Rural",
        "Sacha",
        text::network::NEW_TERRITORY,
        text::network::NEW_STRUCTURE,
        text::network::INVITE_COORDINATOR,
        text::network::NAME_TERRITORY_COORDINATOR,
        text::network::REPORT,
    ] {
        page.assert_shows(shown);
    }
    // The header leads to the network's page; no volunteers' or trainers' area.
    assert!(page.body.contains("href=\"/programme\""));
    assert!(!page.body.contains("href=\"/benevole\""), "{}", page.body);
    // An administrator of the programme follows no learner.
    let res = app.get("/benevole/apprenants", Some(&cookie)).await;
    assert_refused(&res, text::ERROR_FOR_VOLUNTEERS, "admin × learners");
    let t = territory_id(&app, demo::DEMO_TERRITORY).await;
    let page = app
        .get(&format!("/programme/territoires/{t}"), Some(&cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_shows(demo::DEMO_SECOND_STRUCTURE);
    page.assert_shows(text::network::BACK_TO_PROGRAMME);
    let missing = app
        .get("/programme/territoires/999999", Some(&cookie))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn each_network_role_sees_its_territory_and_nothing_of_another() {
    let app = TestApp::new().await;
    let admin = admin(&app).await;
    let north = territory_id(&app, demo::DEMO_TERRITORY).await;
    // A second territory with a structure, its coordinator invited by the administrator.
    let res = create_territory(&app, &admin, "Sud").await;
    assert_eq!(
        res.location(),
        Some("/programme?fait=territoire#territoires")
    );
    let south = territory_id(&app, "Sud").await;
    let once = app.form_token("/programme", &admin).await;
    let south_id = south.to_string();
    let res = app
        .post_form(
            "/api/programme/structure/creer",
            &[
                ("name", "Centre social du Sud"),
                ("territory", south_id.as_str()),
                ("setting", "periurbain"),
                ("phone", "04 78 12 34 56"),
                ("once", once.as_str()),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(res.location(), Some("/programme?fait=structure#structures"));
    let centre = structure_named(&app, "Centre social du Sud").await;
    assert_eq!(centre.territory_id, Some(south));
    assert_eq!(centre.setting.as_deref(), Some(Setting::PeriUrban.code()));
    assert_eq!(centre.phone.as_deref(), Some("04 78 12 34 56"));
    let lou = invited_coordinator(&app, &admin, centre.id, "Lou", "lou.sud").await;
    let lou_id = staff_named(&app, "lou.sud").await.id;
    let lou_account = staff_named(&app, "lou.sud").await;
    assert!(lou_account.is_coordinator && lou_account.is_volunteer);
    assert_eq!(lou_account.structure_id, centre.id);
    // The structure's coordinator is listed; then named coordinator of the territory.
    app.get("/programme", Some(&admin))
        .await
        .assert_shows("Lou");
    let res = name_territory_coordinator(&app, &admin, south, lou_id).await;
    assert_eq!(
        res.location(),
        Some("/programme?fait=coordination#territoires")
    );
    // Sacha, the demo structure's coordinator, named coordinator of the demo territory.
    let sacha_id = staff_named(&app, demo::DEMO_COORDINATOR).await.id;
    // A member of another territory's structure cannot be named.
    let res = name_territory_coordinator(&app, &admin, south, sacha_id).await;
    assert_eq!(
        res.location(),
        Some("/programme?dans=nommer&erreur=membre#nommer")
    );
    let sacha = app.staff_cookie(demo::DEMO_COORDINATOR, PASSWORD).await;
    let north_page = format!("/programme/territoires/{north}");
    let south_page = format!("/programme/territoires/{south}");
    // Before: a structure's coordinator sees no territory.
    let res = app.get(&north_page, Some(&sacha)).await;
    assert_refused(
        &res,
        text::network::ERROR_FOR_TERRITORY_COORDINATORS,
        "structure coordinator × territory",
    );
    let res = name_territory_coordinator(&app, &admin, north, sacha_id).await;
    assert_eq!(
        res.location(),
        Some("/programme?fait=coordination#territoires")
    );
    // At once (the cached session is forgotten): their territory, not the other one, not
    // the programme.
    let page = app.get(&north_page, Some(&sacha)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_shows(demo::DEMO_SECOND_STRUCTURE);
    page.assert_shows("Sacha");
    assert!(!page.body.contains(text::network::BACK_TO_PROGRAMME));
    assert!(
        page.body.contains(&format!("href=\"{north_page}\"")),
        "header link"
    );
    assert!(!page.body.contains("Centre social du Sud"));
    assert_refused(
        &app.get(&south_page, Some(&sacha)).await,
        text::network::ERROR_FOR_TERRITORY_COORDINATORS,
        "north × south",
    );
    assert_refused(
        &app.get("/programme", Some(&sacha)).await,
        text::network::ERROR_FOR_PROGRAMME_ADMINS,
        "territory coordinator × programme",
    );
    // Still a structure's coordinator: lands on the volunteers' dashboard.
    let res = app
        .post_form(
            "/api/benevole/connexion",
            &[("username", demo::DEMO_COORDINATOR), ("password", PASSWORD)],
            None,
        )
        .await;
    assert_eq!(res.location(), Some("/benevole"));
    // Lou: the south, not the north; a territory that does not exist is refused alike.
    let page = app.get(&south_page, Some(&lou)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("Centre social du Sud");
    page.assert_shows("Périurbain");
    for other in [north_page.as_str(), "/programme/territoires/999999"] {
        assert_refused(
            &app.get(other, Some(&lou)).await,
            text::network::ERROR_FOR_TERRITORY_COORDINATORS,
            other,
        );
    }
    // Structures keep their learners apart: a territory's coordinator sees none of
    // another structure's learners, even in their territory.
    let media = structure_named(&app, demo::DEMO_SECOND_STRUCTURE).await;
    let paul = accounts::create_learner(&app.state.db, media.id, None, "Paul", None)
        .await
        .unwrap();
    let res = app
        .get(&format!("/benevole/apprenants/{}", paul.id), Some(&sacha))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("Paul"));
    // A volunteer, a learner, nobody.
    let camille = app.staff_cookie(demo::DEMO_VOLUNTEER, PASSWORD).await;
    assert_refused(
        &app.get("/programme", Some(&camille)).await,
        text::network::ERROR_FOR_PROGRAMME_ADMINS,
        "volunteer × programme",
    );
    assert_refused(
        &app.get(&north_page, Some(&camille)).await,
        text::network::ERROR_FOR_TERRITORY_COORDINATORS,
        "volunteer × territory",
    );
    let learner = app.learner_cookie().await;
    for who in [Some(learner.as_str()), None] {
        for page in ["/programme", north_page.as_str()] {
            let res = app.get(page, who).await;
            assert!(res.status.is_redirection(), "{page}: {}", res.status);
            assert!(
                res.location()
                    .unwrap_or_default()
                    .starts_with("/benevole/connexion"),
                "{page}"
            );
        }
    }
    // Nobody but the administrator creates or names anything.
    for cookie in [&sacha, &lou, &camille] {
        let res = app
            .post_form(
                "/api/programme/territoire/creer",
                &[("name", "Est")],
                Some(cookie),
            )
            .await;
        assert_refused(&res, text::network::ERROR_FOR_PROGRAMME_ADMINS, "create");
        let res = name_territory_coordinator(&app, cookie, south, sacha_id).await;
        assert_refused(&res, text::network::ERROR_FOR_PROGRAMME_ADMINS, "name");
    }
    let territories = territory::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(territories, 2);
    assert_eq!(
        staff_named(&app, demo::DEMO_COORDINATOR).await.territory_id,
        Some(north)
    );
    // The administrator removes Sacha from the territory: refused at once, still a
    // structure's coordinator; removing again finds nobody.
    let id = sacha_id.to_string();
    for cookie in [&sacha, &camille] {
        let res = app
            .post_form(
                "/api/programme/territoire/retirer",
                &[("member", id.as_str())],
                Some(cookie),
            )
            .await;
        assert_refused(&res, text::network::ERROR_FOR_PROGRAMME_ADMINS, "remove");
    }
    let res = app
        .post_form(
            "/api/programme/territoire/retirer",
            &[("member", id.as_str())],
            Some(&admin),
        )
        .await;
    assert_eq!(res.location(), Some("/programme?fait=retire#territoires"));
    app.get("/programme?fait=retire", Some(&admin))
        .await
        .assert_shows(text::network::COORDINATOR_REMOVED);
    assert_refused(
        &app.get(&north_page, Some(&sacha)).await,
        text::network::ERROR_FOR_TERRITORY_COORDINATORS,
        "removed × territory",
    );
    assert_eq!(
        app.get("/benevole/equipe", Some(&sacha)).await.status,
        StatusCode::OK
    );
    let res = app
        .post_form(
            "/api/programme/territoire/retirer",
            &[("member", id.as_str())],
            Some(&admin),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_territory_or_structure_sent_twice_with_one_token_is_created_once() {
    let app = TestApp::new().await;
    let admin = admin(&app).await;
    let once = app.form_token("/programme", &admin).await;
    for _ in 0..2 {
        let res = app
            .post_form(
                "/api/programme/territoire/creer",
                &[("name", "Hauts-de-France"), ("once", once.as_str())],
                Some(&admin),
            )
            .await;
        assert_eq!(
            res.location(),
            Some("/programme?fait=territoire#territoires")
        );
    }
    let count = |name: &'static str| {
        let db = app.state.db.clone();
        async move {
            territory::Entity::find()
                .filter(territory::Column::Name.eq(name))
                .count(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(count("Hauts-de-France").await, 1);
    // Another form with the same name (without case or accents): refused, said in French.
    let res = create_territory(&app, &admin, "hauts de france").await;
    assert_eq!(
        res.location(),
        Some("/programme?dans=territoires&erreur=nom-pris#territoires")
    );
    app.get("/programme?dans=territoires&erreur=nom-pris", Some(&admin))
        .await
        .assert_shows(text::network::NAME_TAKEN);
    let res = create_territory(&app, &admin, "   ").await;
    assert_eq!(
        res.location(),
        Some("/programme?dans=territoires&erreur=nom#territoires")
    );
    // A structure, sent twice with one token.
    let t = territory_id(&app, "Hauts-de-France").await.to_string();
    let once = app.form_token("/programme", &admin).await;
    for _ in 0..2 {
        let res = app
            .post_form(
                "/api/programme/structure/creer",
                &[
                    ("name", "France Services Lens"),
                    ("territory", t.as_str()),
                    ("setting", "urbain"),
                    ("phone", ""),
                    ("once", once.as_str()),
                ],
                Some(&admin),
            )
            .await;
        assert_eq!(res.location(), Some("/programme?fait=structure#structures"));
    }
    let structures = structure::Entity::find()
        .filter(structure::Column::Name.eq("France Services Lens"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(structures, 1);
    // A refused form (a wrong phone number) makes nothing and leaves the token usable.
    let once = app.form_token("/programme", &admin).await;
    let send = |phone: &'static str| {
        let (app, admin, once) = (&app, &admin, once.clone());
        async move {
            app.post_form(
                "/api/programme/structure/creer",
                &[
                    ("name", "Médiathèque d'Arras"),
                    ("territory", ""),
                    ("setting", ""),
                    ("phone", phone),
                    ("once", once.as_str()),
                ],
                Some(admin),
            )
            .await
        }
    };
    let res = send("12").await;
    assert_eq!(
        res.location(),
        Some("/programme?dans=structures&erreur=telephone#structures")
    );
    let res = send("03 21 00 00 00").await;
    assert_eq!(res.location(), Some("/programme?fait=structure#structures"));
    let arras = structure_named(&app, "Médiathèque d'Arras").await;
    assert_eq!((arras.territory_id, arras.setting), (None, None));
    // The same invitation form sent twice makes one link.
    let once = app.form_token("/programme", &admin).await;
    let id = arras.id.to_string();
    let mut tokens = Vec::new();
    for _ in 0..2 {
        let res = app
            .post_form(
                "/api/programme/structure/coordination",
                &[
                    ("structure", id.as_str()),
                    ("name", "Inès"),
                    ("once", once.as_str()),
                ],
                Some(&admin),
            )
            .await;
        tokens.push(app.link_token(&res, &admin).await);
    }
    assert_eq!(tokens[0], tokens[1]);
    let invitations = app::ssr::db::entities::invitation::Entity::find()
        .filter(app::ssr::db::entities::invitation::Column::StructureId.eq(arras.id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(invitations, 1);
}

/// Names are unique in the database (`ux_territory_name`, `ux_structure_name`), not
/// checked before writing: a name differing only by case or accents is refused with the
/// same words, through the form (with a one-time token or without) or straight to the
/// service, and the caller's transaction goes on (PostgreSQL); the command line finds the
/// structure rather than making a second one.
#[tokio::test]
async fn names_differing_only_by_case_or_accents_are_refused_by_the_database() {
    use sea_orm::TransactionTrait;
    let app = TestApp::new().await;
    let admin = admin(&app).await;
    let db = &app.state.db;
    let structure_form = |name: &'static str, token: bool| {
        let (app, admin) = (&app, &admin);
        async move {
            let once = if token {
                app.form_token("/programme", admin).await
            } else {
                String::new()
            };
            let mut form = vec![
                ("name", name),
                ("territory", ""),
                ("setting", ""),
                ("phone", ""),
            ];
            if token {
                form.push(("once", once.as_str()));
            }
            app.post_form("/api/programme/structure/creer", &form, Some(admin))
                .await
        }
    };
    let res = structure_form("Médiathèque d'Arras", true).await;
    assert_eq!(res.location(), Some("/programme?fait=structure#structures"));
    for (name, token) in [
        ("MEDIATHEQUE  D’ARRAS", true),
        ("médiathèque d arras", false),
    ] {
        let res = structure_form(name, token).await;
        assert_eq!(
            res.location(),
            Some("/programme?dans=structures&erreur=nom-pris#structures"),
            "{name}"
        );
    }
    app.get("/programme?dans=structures&erreur=nom-pris", Some(&admin))
        .await
        .assert_shows(text::network::NAME_TAKEN);
    let res = create_territory(&app, &admin, "Île-de-France").await;
    assert_eq!(
        res.location(),
        Some("/programme?fait=territoire#territoires")
    );
    let res = app
        .post_form(
            "/api/programme/territoire/creer",
            &[("name", "ILE DE FRANCE")],
            Some(&admin),
        )
        .await;
    assert_eq!(
        res.location(),
        Some("/programme?dans=territoires&erreur=nom-pris#territoires")
    );
    // In one transaction: two refusals, then a structure made and kept.
    let txn = db.begin().await.unwrap();
    assert_eq!(
        network::create_structure(&txn, "médiathèque d'ARRAS", None, None, "")
            .await
            .unwrap(),
        Made::NameTaken
    );
    assert_eq!(
        network::create_territory(&txn, "île de france")
            .await
            .unwrap(),
        Made::NameTaken
    );
    let Made::Created(lens) =
        network::create_structure(&txn, "Médiathèque de Lens", None, None, "")
            .await
            .unwrap()
    else {
        panic!("not created")
    };
    txn.commit().await.unwrap();
    assert_eq!(structure_named(&app, "Médiathèque de Lens").await.id, lens);
    let arras = structure::Entity::find()
        .filter(structure::Column::NameKey.eq("mediatheque-d-arras"))
        .all(db)
        .await
        .unwrap();
    assert_eq!(arras.len(), 1);
    assert_eq!(arras[0].name, "Médiathèque d'Arras");
    let territories = territory::Entity::find()
        .filter(territory::Column::NameKey.eq("ile-de-france"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(territories, 1);
    // The command line's `create-staff --structure` finds it.
    let found = accounts::find_or_create_structure(db, "MÉDIATHÈQUE D'ARRAS")
        .await
        .unwrap();
    assert_eq!(found.id, arras[0].id);
    assert!(
        accounts::find_or_create_structure(db, " ?! ")
            .await
            .is_err(),
        "a name without a letter or a digit"
    );
}

/// Structures made before the unique key get theirs; one whose key an earlier one has
/// keeps its name and gets a suffixed key; the migration goes down and up again.
#[tokio::test]
async fn structures_of_before_get_their_name_keys_and_duplicates_are_kept() {
    use app::ssr::db::migration::Migrator;
    use app::ssr::db::migration::m20261207_001201_add_structure_name_key::Migration;
    use sea_orm::{ConnectionTrait, QueryOrder, TransactionTrait};
    use sea_orm_migration::{MigrationTrait, MigratorTrait, SchemaManager};
    let (_dir, old) = database_before("m20261207_001201_add_structure_name_key").await;
    old.execute_unprepared(
        "INSERT INTO structure (id, name, created_at)
         VALUES (1, 'Asso', 0), (2, 'Médiathèque', 0), (3, 'asso', 0), (4, '???', 0);",
    )
    .await
    .unwrap();
    Migrator::up(&old, None).await.unwrap();
    let keys = async |db: &sea_orm::DatabaseConnection| -> Vec<(String, String)> {
        structure::Entity::find()
            .order_by_asc(structure::Column::Id)
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| (s.name, s.name_key))
            .collect()
    };
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        keys(&old).await,
        [
            pair("Asso", "asso"),
            pair("Médiathèque", "mediatheque"),
            pair("asso", "asso-3"),
            pair("???", "structure-4"),
        ]
    );
    assert_eq!(
        network::create_structure(&old, "ASSO", None, None, "")
            .await
            .unwrap(),
        Made::NameTaken
    );
    // Down and up again, on the test's database (PostgreSQL too).
    let app = TestApp::new().await;
    let db = &app.state.db;
    let before = keys(db).await;
    // On one connection: another one of the pool may not see at once, when it adds the
    // column, that it was dropped (SQLite).
    let txn = db.begin().await.unwrap();
    let manager = SchemaManager::new(&txn);
    Migration.down(&manager).await.unwrap();
    assert!(!manager.has_column("structure", "name_key").await.unwrap());
    Migration.up(&manager).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(keys(db).await, before);
    assert!(
        before
            .iter()
            .any(|(_, k)| k == "association-de-demonstration")
    );
}

/// A session of `minutes` on `date` in `structure` with `learners` (and `anonymous`
/// uncounted people at a workshop).
async fn session(
    app: &TestApp,
    structure: i32,
    date: &str,
    workshop: bool,
    minutes: i32,
    anonymous: i32,
    learners: &[i32],
) {
    app.add_session(NewSession {
        session_type: if workshop { "collectif" } else { "individuel" },
        minutes,
        anonymous,
        learners,
        ..NewSession::new(structure, date)
    })
    .await;
}

async fn learners(app: &TestApp, structure: i32, n: usize) -> Vec<i32> {
    let mut ids = Vec::new();
    for i in 0..n {
        let l = accounts::create_learner(&app.state.db, structure, None, &format!("P{i}"), None)
            .await
            .unwrap();
        ids.push(l.id);
    }
    ids
}

#[tokio::test]
async fn the_programme_report_counts_exactly_and_hides_small_groups() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let north = territory_id(&app, demo::DEMO_TERRITORY).await;
    let urban = structure_named(&app, demo::DEMO_STRUCTURE).await.id;
    let rural = structure_named(&app, demo::DEMO_SECOND_STRUCTURE).await.id;
    let Made::Created(peri) = network::create_structure(
        db,
        "Centre périurbain",
        Some(north),
        Some(Setting::PeriUrban),
        "",
    )
    .await
    .unwrap() else {
        panic!("not created")
    };
    let Made::Created(outside) = network::create_structure(db, "Hors territoire", None, None, "")
        .await
        .unwrap()
    else {
        panic!("not created")
    };
    // Urban: six people met once each in March (one of them met in February too).
    let six = learners(&app, urban, 6).await;
    session(&app, urban, "2026-02-15", false, 45, 0, &six[..1]).await;
    for l in &six {
        session(&app, urban, "2026-03-10", false, 60, 0, &[*l]).await;
    }
    // After the period: not counted.
    session(&app, urban, "2026-04-01", false, 60, 0, &six[..2]).await;
    // Rural: a workshop of 1 h 30 with three named people and four counted; a lesson
    // finished.
    let three = learners(&app, rural, 3).await;
    session(&app, rural, "2026-03-12", true, 90, 4, &three).await;
    lesson_completion::ActiveModel {
        learner_id: Set(three[0]),
        module: Set("m".into()),
        lesson: Set("l".into()),
        completed_at: Set(app::text::dates::paris_to_unix("2026-03-12", 600).unwrap()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    // Written around the services: the daily counters are made from the records.
    app::ssr::services::stats_counters::rebuild(db)
        .await
        .unwrap();
    // Outside every territory: five people, half an hour each.
    let five = learners(&app, outside, 5).await;
    for l in &five {
        session(&app, outside, "2026-03-20", false, 30, 0, &[*l]).await;
    }
    let _ = peri;
    let all = structure::Entity::find().all(db).await.unwrap();
    let r = network::report(
        db,
        &all,
        Some("2026-03-01".into()),
        Some("2026-03-31".into()),
        "2026-06-01",
    )
    .await
    .unwrap();
    assert!(!r.bad_period);
    let shown = |count, percent| Share::Shown { count, percent };
    // The whole programme: 14 people, 13 of them new; 12 sessions, 10 h.
    assert_eq!(r.total.people, shown(14, 100));
    assert_eq!(r.total.people_new, shown(13, 93));
    assert_eq!(r.total.sessions, 12);
    assert_eq!(r.total.minutes, 600);
    assert_eq!(r.total.workshops, 1);
    assert_eq!(r.total.workshop_participants, shown(7, 100));
    assert_eq!(r.total.lessons_finished, 1);
    assert_eq!(r.total.people_alone, Share::FewerThanFive);
    let of = |name: &str| {
        r.structures
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} not in the report"))
            .1
            .clone()
    };
    let u = of(demo::DEMO_STRUCTURE);
    assert_eq!(u.people, shown(6, 43));
    assert_eq!(u.people_new, shown(5, 83));
    assert_eq!((u.sessions, u.minutes, u.workshops), (6, 360, 0));
    let m = of(demo::DEMO_SECOND_STRUCTURE);
    assert_eq!(
        m.people,
        Share::FewerThanFive,
        "three people: a small group"
    );
    assert_eq!(m.people_new, Share::FewerThanFive);
    assert_eq!((m.sessions, m.minutes, m.workshops), (1, 90, 1));
    assert_eq!(m.workshop_participants, shown(7, 100));
    assert_eq!(m.lessons_finished, 1);
    let o = of("Hors territoire");
    assert_eq!(o.people, shown(5, 36));
    assert_eq!((o.sessions, o.minutes), (5, 150));
    let p = of("Centre périurbain");
    assert_eq!((p.people, p.sessions), (Share::FewerThanFive, 0));
    // By setting: urban, peri-urban, rural, then not said.
    let settings: Vec<Option<Setting>> = r.by_setting.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        settings,
        [
            Some(Setting::Urban),
            Some(Setting::PeriUrban),
            Some(Setting::Rural),
            None
        ]
    );
    assert_eq!(r.by_setting[0].1.people, shown(6, 43));
    assert_eq!(r.by_setting[2].1.people, Share::FewerThanFive);
    assert_eq!(r.by_setting[2].1.sessions, 1);
    // "Autre" structures without a setting: the one outside every territory.
    assert_eq!(r.by_setting[3].1.people, shown(5, 36));
    // The territory's page: its three structures only, shares of its own people.
    let sacha = staff_named(&app, demo::DEMO_COORDINATOR).await;
    let res = name_territory_coordinator(&app, &admin(&app).await, north, sacha.id).await;
    assert!(res.status.is_redirection());
    let cookie = app.staff_cookie(demo::DEMO_COORDINATOR, PASSWORD).await;
    let page = app
        .get(
            &format!("/programme/territoires/{north}?du=2026-03-01&au=2026-03-31"),
            Some(&cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_shows("6 (67 %)");
    page.assert_shows("9 (100 %)");
    page.assert_shows("moins de 5");
    page.assert_shows("7 h 30");
    assert!(!page.body.contains("Hors territoire"));
    // The programme's page: every structure, the whole.
    let page = app
        .get(
            &app::paths::programme_period("2026-03-01", "2026-03-31"),
            Some(&admin(&app).await),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("14 (100 %)");
    page.assert_shows("6 (43 %)");
    page.assert_shows("Hors territoire");
    page.assert_shows("10 h");
    page.assert_shows(text::network::BY_SETTING);
    // A wrong period: said, no figures.
    let page = app
        .get(
            "/programme?du=2026-03-31&au=2026-03-01",
            Some(&admin(&app).await),
        )
        .await;
    page.assert_shows(text::stats::BAD_PERIOD);
    assert!(!page.body.contains("14 (100 %)"));
}

#[tokio::test]
async fn the_network_migration_goes_down_and_up_again() {
    use app::ssr::db::migration::m20261207_001001_create_territory::Migration;
    use sea_orm_migration::{MigrationTrait, SchemaManager};
    let app = TestApp::new().await;
    let db = &app.state.db;
    let manager = SchemaManager::new(db);
    Migration.down(&manager).await.unwrap();
    assert!(!manager.has_table("territory").await.unwrap());
    assert!(!manager.has_column("staff", "territory_id").await.unwrap());
    Migration.up(&manager).await.unwrap();
    // The demo data again: the territory, the settings and the administrator.
    demo::seed(db).await.unwrap();
    assert_eq!(territory::Entity::find().count(db).await.unwrap(), 1);
    let s = structure_named(&app, demo::DEMO_SECOND_STRUCTURE).await;
    assert_eq!(s.setting.as_deref(), Some("rural"));
    assert!(
        staff_named(&app, demo::DEMO_PROGRAMME)
            .await
            .is_programme_admin
    );
}

#[tokio::test]
async fn a_refused_form_says_why_in_the_title_and_beside_its_field() {
    let app = TestApp::new().await;
    let cookie = admin(&app).await;
    let page = app
        .get("/programme?dans=structures&erreur=telephone", Some(&cookie))
        .await;
    assert!(page.body.contains("<title>Erreur : "), "{}", page.body);
    page.assert_shows(text::network::BAD_PHONE);
    assert!(page.body.contains("id=\"structure-telephone-erreur\""));
    assert!(
        page.body
            .contains("aria-describedby=\"structure-telephone-erreur\""),
        "the phone field is tied to its error"
    );
    assert!(page.body.contains("aria-invalid=\"true\""));
    // Another form's fields are left alone.
    assert!(!page.body.contains("territoire-nom-erreur"));
    let page = app.get("/programme", Some(&cookie)).await;
    assert!(!page.body.contains("<title>Erreur"));
    assert!(!page.body.contains("aria-invalid"));
}
