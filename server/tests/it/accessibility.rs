//! Accessibility (issue 8): form errors named in the page title and tied to their field,
//! sections labelled by their heading, the delete error naming the real button, plain
//! words for the data downloads, and the bare page for an unreadable form.

use crate::common::TestApp;
use axum::http::StatusCode;

/// The page's `<title>`.
fn title(body: &str) -> &str {
    let start = body.find("<title>").expect("a title") + "<title>".len();
    let end = body[start..].find("</title>").expect("a closed title") + start;
    &body[start..end]
}

#[tokio::test]
async fn a_form_error_after_a_post_without_javascript_is_in_the_page_title() {
    let app = TestApp::new().await;
    // A learner's unknown code: back on the sign-in page with the error.
    let res = app
        .post_form("/api/connexion", &[("code", "ZZZZ-ZZZZ")], None)
        .await;
    let back = res.location().expect("back to the form").to_string();
    let page = app.get(&back, None).await;
    assert!(
        title(&page.body).starts_with("Erreur : "),
        "{}",
        title(&page.body)
    );
    // Without an error, no "Erreur".
    let page = app.get("/connexion", None).await;
    assert!(
        !title(&page.body).contains("Erreur"),
        "{}",
        title(&page.body)
    );

    let page = app
        .get("/benevole/connexion?erreur=identifiants", None)
        .await;
    assert!(title(&page.body).starts_with("Erreur : "));

    let learner = app.learner_cookie().await;
    let page = app
        .get("/mes-donnees?erreur=confirmer", Some(&learner))
        .await;
    assert!(title(&page.body).starts_with("Erreur : "));
    assert!(!title(&app.get("/mes-donnees", Some(&learner)).await.body).contains("Erreur"));

    let volunteer = app.volunteer_in_memory().await;
    let page = app
        .get(
            "/benevole/apprenants/nouveau?erreur=prenom",
            Some(&volunteer),
        )
        .await;
    assert!(title(&page.body).starts_with("Erreur : "));
    let id = app.demo_learner_id().await;
    let page = app
        .get(
            &format!("/benevole/apprenants/{id}?erreur=confirmer"),
            Some(&volunteer),
        )
        .await;
    assert!(title(&page.body).starts_with("Erreur : "));
}

#[tokio::test]
async fn the_volunteers_delete_error_names_the_button_on_their_page() {
    let app = TestApp::new().await;
    let volunteer = app.volunteer_in_memory().await;
    let id = app.demo_learner_id().await;
    let page = app
        .get(
            &format!("/benevole/apprenants/{id}?erreur=confirmer"),
            Some(&volunteer),
        )
        .await;
    page.assert_shows("appuyez sur « Supprimer ce compte »");
    assert!(!page.body.contains("« Supprimer mon compte »"));
    assert!(page.body.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn sections_are_labelled_by_their_heading_and_errors_tied_to_their_field() {
    let app = TestApp::new().await;
    let learner = app.learner_cookie().await;
    let page = app
        .get("/mes-donnees?erreur=confirmer", Some(&learner))
        .await;
    assert!(page.body.contains("aria-labelledby=\"supprimer-titre\""));
    assert!(page.body.contains("<h2 id=\"supprimer-titre\""));
    assert!(!page.body.contains("aria-labelledby=\"supprimer\""));
    // The downloads in plain words.
    assert!(!page.body.contains("JSON"));
    assert!(!page.body.contains("CSV"));
    page.assert_shows("à ouvrir avec Excel ou LibreOffice");

    let coordinator = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let page = app
        .get("/benevole/equipe?erreur=prenom", Some(&coordinator))
        .await;
    assert!(page.body.contains("aria-labelledby=\"inviter-titre\""));
    assert!(page.body.contains("id=\"inviter-erreur\""));
    assert!(page.body.contains("aria-describedby=\"inviter-erreur\""));
    assert!(page.body.contains("aria-invalid=\"true\""));
    assert!(title(&page.body).starts_with("Erreur : "));
    let page = app
        .get("/benevole/equipe?erreur=role", Some(&coordinator))
        .await;
    assert!(
        page.body
            .contains("<fieldset aria-describedby=\"inviter-erreur\"")
    );
    let page = app.get("/benevole/equipe", Some(&coordinator)).await;
    assert!(!page.body.contains("aria-describedby=\"inviter-erreur\""));

    let trainer = app.staff_cookie("demo.formateur", "demo-pas-a-pas").await;
    let page = app.get("/formateur?erreur=titre", Some(&trainer)).await;
    assert!(page.body.contains("aria-labelledby=\"creer-titre\""));
    assert!(page.body.contains("id=\"nouveau-module-erreur\""));
    assert!(
        page.body
            .contains("aria-describedby=\"nouveau-module-erreur\"")
    );
    page.assert_shows("Écrivez un titre.");
    assert!(title(&page.body).starts_with("Erreur : "));
}

#[tokio::test]
async fn an_unreadable_form_gets_a_styled_page_with_a_way_home() {
    let app = TestApp::new().await;
    let res = app.post_form("/api/repondre", &[("x", "y")], None).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    // Rendered by Leptos in the site's shell: the comfort classes come first.
    assert!(res.body.contains("<html class=\"\" lang=\"fr\">"));
    assert!(
        res.body
            .contains("<link id=\"leptos\" rel=\"stylesheet\" href=\"/pkg/pas-a-pas")
    );
    assert!(res.body.contains("href=\"#contenu\""));
    assert!(res.body.contains("<main id=\"contenu\""));
    assert!(res.body.contains("<a href=\"/\" class=\"button primary\">"));
}

#[tokio::test]
async fn the_invitation_form_with_errors_says_so_in_its_title() {
    let app = TestApp::new().await;
    let coordinator = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let token = app.invite_mona(&coordinator).await;
    let page = app.get(&format!("/invitation/{token}"), None).await;
    assert!(
        !title(&page.body).contains("Erreur"),
        "{}",
        title(&page.body)
    );
    let res = app
        .post_form(
            "/api/invitation/accepter",
            &[
                ("token", token.as_str()),
                ("username", "mona.b"),
                ("password", "azertyuiop"),
            ],
            None,
        )
        .await;
    let back = res.location().unwrap().to_string();
    let page = app.get(&back, None).await;
    page.assert_shows("Ce mot de passe est trop courant");
    assert!(
        title(&page.body).starts_with("Erreur : "),
        "{}",
        title(&page.body)
    );
}
