//! `/benevole/equipe/zones`: a coordinator's zones, communes, volunteers and places
//! (issue 20, item 1), with forms that work without JavaScript.

use axum::http::StatusCode;

use crate::common::*;
use app::ssr::services::zones;

async fn coordinator(app: &TestApp) -> String {
    app.staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await
}

/// Posts a form of the page; the address it goes back to.
async fn post(app: &TestApp, cookie: &str, path: &str, form: &[(&str, &str)]) -> String {
    let res = app.post_form(path, form, Some(cookie)).await;
    assert_eq!(res.status, StatusCode::FOUND, "{path}: {}", res.body);
    res.location().unwrap().to_string()
}

/// The id of the zone named `name`, from the page.
async fn zone_id(app: &TestApp, cookie: &str, name: &str) -> i32 {
    let page = app.get("/benevole/equipe/zones", Some(cookie)).await;
    let at = page
        .body
        .find(&format!("<h3>{name}</h3>"))
        .expect("zone shown");
    let before = &page.body[..at];
    let start = before.rfind("id=\"zone-").unwrap() + "id=\"zone-".len();
    before[start..].split('"').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn a_coordinator_draws_zones_with_their_communes_volunteers_and_places() {
    let app = TestApp::new().await;
    let cookie = coordinator(&app).await;
    let page = app.get("/benevole/equipe/zones", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("Aucune zone pour l'instant.");
    assert_eq!(page.headers["cache-control"], "no-store", "a private page");

    let to = post(
        &app,
        &cookie,
        "/api/equipe/zones/creer",
        &[("name", "  Nord  ")],
    )
    .await;
    assert_eq!(to, "/benevole/equipe/zones?fait=zone-ajoutee#nouvelle-zone");
    app.get(&to, Some(&cookie))
        .await
        .assert_shows("La zone est créée.");
    // The same name again (a double click, or another coordinator): refused, kept.
    let to = post(
        &app,
        &cookie,
        "/api/equipe/zones/creer",
        &[("name", "nord")],
    )
    .await;
    let again = app.get(&to, Some(&cookie)).await;
    again.assert_shows("Une zone porte déjà ce nom.");
    assert!(
        again.body.contains("value=\"nord\""),
        "what was typed is kept"
    );
    post(&app, &cookie, "/api/equipe/zones/creer", &[("name", "Sud")]).await;
    let nord = zone_id(&app, &cookie, "Nord").await;
    let sud = zone_id(&app, &cookie, "Sud").await;

    // Communes: five-digit postcodes, one zone per commune.
    let add = |zone: i32, cp: &'static str, commune: &'static str| {
        let zone = zone.to_string();
        let app = &app;
        let cookie = cookie.clone();
        async move {
            post(
                app,
                &cookie,
                "/api/equipe/zones/commune",
                &[("zone", &zone), ("postcode", cp), ("commune", commune)],
            )
            .await
        }
    };
    assert!(
        add(nord, "64160", "Morlaàs")
            .await
            .contains("fait=commune-ajoutee")
    );
    add(nord, "64 160", "Saint-Jammes").await;
    let to = add(nord, "6416", "Buros").await;
    let refused = app.get(&to, Some(&cookie)).await;
    refused.assert_shows("Le code postal a 5 chiffres");
    assert!(refused.body.contains("value=\"6416\"") && refused.body.contains("value=\"Buros\""));
    let to = add(sud, "64160", "MORLAAS").await;
    let taken = app.get(&to, Some(&cookie)).await;
    taken.assert_shows("Cette commune est déjà dans la zone « Nord »");
    assert_eq!(
        zones::zone_of(&app.state.db, 1, "64160", "morlaas")
            .await
            .unwrap()
            .map(|z| z.1),
        Some("Nord".to_string()),
        "a commune typed another way finds its zone"
    );

    // Volunteers of a zone: checkboxes (repeated fields), only the structure's volunteers.
    let camille = app
        .get("/benevole/equipe/zones", Some(&cookie))
        .await
        .body
        .split(&format!("id=\"zone-{nord}-benevole-"))
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let res = app
        .post_form(
            "/api/equipe/zones/benevoles",
            &[
                ("zone", &nord.to_string()),
                ("volunteer", &camille),
                ("volunteer", "99999"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(
        res.location(),
        Some(&*format!(
            "/benevole/equipe/zones?fait=benevoles#zone-{nord}"
        ))
    );
    let view = app.get("/benevole/equipe/zones", Some(&cookie)).await;
    assert!(
        view.body.contains(&format!(
            "id=\"zone-{nord}-benevole-{camille}\" name=\"volunteer\" value=\"{camille}\" checked"
        )),
        "{}",
        view.body
    );

    // Places, in a zone or none; a place needs an address.
    let to = post(
        &app,
        &cookie,
        "/api/equipe/lieux/ajouter",
        &[
            ("name", "Médiathèque"),
            ("address", ""),
            ("zone", &nord.to_string()),
        ],
    )
    .await;
    let refused = app.get(&to, Some(&cookie)).await;
    refused.assert_shows("Écrivez l'adresse du lieu");
    assert!(refused.body.contains("value=\"Médiathèque\""));
    post(
        &app,
        &cookie,
        "/api/equipe/lieux/ajouter",
        &[
            ("name", "Médiathèque"),
            ("address", "2 place de la Mairie, 64160 Morlaàs"),
            ("zone", &nord.to_string()),
        ],
    )
    .await;
    let view = app.get("/benevole/equipe/zones", Some(&cookie)).await;
    view.assert_shows("2 place de la Mairie, 64160 Morlaàs");
    view.assert_shows("Zone : Nord");
    view.assert_shows("2 communes");

    // Removing the zone takes its communes; the place stays, without a zone.
    let to = post(
        &app,
        &cookie,
        "/api/equipe/zones/supprimer",
        &[("id", &nord.to_string())],
    )
    .await;
    assert!(to.contains("fait=zone-retiree"));
    let view = app.get("/benevole/equipe/zones", Some(&cookie)).await;
    assert!(!view.body.contains("Saint-Jammes"));
    view.assert_shows("Médiathèque");
    view.assert_shows("Sans zone");
    assert_eq!(
        zones::zone_of(&app.state.db, 1, "64160", "Morlaàs")
            .await
            .unwrap(),
        None
    );
    // Now free, the commune can go in the other zone.
    assert!(
        add(sud, "64160", "Morlaàs")
            .await
            .contains("fait=commune-ajoutee")
    );
}

#[tokio::test]
async fn zones_are_for_coordinators_of_the_structure_only() {
    let app = TestApp::new().await;
    let cookie = coordinator(&app).await;
    post(
        &app,
        &cookie,
        "/api/equipe/zones/creer",
        &[("name", "Nord")],
    )
    .await;
    let nord = zone_id(&app, &cookie, "Nord").await.to_string();

    // Not signed in: the sign-in page; a volunteer who is not a coordinator: refused.
    let anonymous = app.get("/benevole/equipe/zones", None).await;
    assert_ne!(anonymous.status, StatusCode::OK);
    let volunteer = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    assert_eq!(
        app.get("/benevole/equipe/zones", Some(&volunteer))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call_server_fn(
            &app,
            "/api/equipe/zones/creer",
            &[("name", "Ouest")],
            &volunteer
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let res = app
        .post_form(
            "/api/equipe/zones/benevoles",
            &[("zone", &nord), ("volunteer", "1")],
            Some(&volunteer),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // A coordinator of another structure does not see or touch this structure's zones.
    app.other_structure().await;
    use app::ssr::services::accounts::{self, Roles};
    let other = accounts::find_or_create_structure(&app.state.db, "Autre association")
        .await
        .unwrap();
    accounts::create_staff(
        &app.state.db,
        &app.state.passwords,
        other.id,
        "autre.coordination",
        "Dominique",
        "un mot de passe long",
        Roles {
            coordinator: true,
            ..Roles::default()
        },
    )
    .await
    .unwrap();
    let theirs = app
        .staff_cookie("autre.coordination", "un mot de passe long")
        .await;
    let page = app.get("/benevole/equipe/zones", Some(&theirs)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<h3>Nord</h3>"));
    for (path, form) in [
        ("/api/equipe/zones/supprimer", vec![("id", nord.as_str())]),
        (
            "/api/equipe/zones/commune",
            vec![
                ("zone", nord.as_str()),
                ("postcode", "64160"),
                ("commune", "Morlaàs"),
            ],
        ),
        (
            "/api/equipe/lieux/ajouter",
            vec![
                ("name", "Mairie"),
                ("address", "1 rue"),
                ("zone", nord.as_str()),
            ],
        ),
        ("/api/equipe/zones/benevoles", vec![("zone", nord.as_str())]),
    ] {
        assert_eq!(
            call_server_fn(&app, path, &form, &theirs).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // The zone is still there, untouched.
    let view = app.get("/benevole/equipe/zones", Some(&cookie)).await;
    view.assert_shows("Nord");
    assert!(!view.body.contains("Morlaàs"));
}
