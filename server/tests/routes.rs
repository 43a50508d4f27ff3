//! Integration tests: the real router, a real SQLite database through the real migrations.
//! One section per route, acting as users do.

mod common;

use axum::http::StatusCode;
use common::{TestApp, fixture};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::ssr::db::entities::step_progress;

const LESSON: &str = "/modules/email-la-poste/adresse-enveloppe";

// --- GET /healthz -----------------------------------------------------------------------

#[tokio::test]
async fn healthz_answers_when_the_database_answers() {
    let app = TestApp::new().await;
    let res = app.get("/healthz", None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, "ok");
}

// --- Pages -------------------------------------------------------------------------------

#[tokio::test]
async fn home_catalogue_and_module_pages_are_server_rendered_in_french() {
    let app = TestApp::new().await;
    let home = app.get("/", None).await;
    assert_eq!(home.status, StatusCode::OK);
    let html_tag = home.body.split(">").find(|t| t.contains("<html")).unwrap();
    assert!(html_tag.contains("lang=\"fr\""), "{html_tag}");
    assert!(home.body.contains("Bienvenue sur Pas à Pas"));

    let catalogue = app.get("/modules", None).await;
    assert_eq!(catalogue.status, StatusCode::OK);
    assert!(
        catalogue.body.contains("L'e-mail, c'est comme La Poste"),
        "{}",
        catalogue.body
    );

    let module = app.get("/modules/email-la-poste", None).await;
    assert_eq!(module.status, StatusCode::OK);
    assert!(module.body.contains("adresse-enveloppe"));
    assert!(module.body.contains("boite-de-reception"));
}

#[tokio::test]
async fn a_step_shows_one_screen_with_its_progress_and_buttons() {
    let app = TestApp::new().await;
    let res = app.get(&format!("{LESSON}/adresse"), None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Étape 2 sur 5"), "{}", res.body);
    assert!(res.body.contains("Précédent"));
    assert!(res.body.contains("Suivant"));
    assert!(
        res.body
            .contains("<title>Étape 2 sur 5 — L'adresse, c'est l'enveloppe — Pas à Pas</title>"),
        "{}",
        res.body
    );
    // The first step has no "Précédent".
    let first = app
        .get(&format!("{LESSON}/une-lettre-mais-sans-papier"), None)
        .await;
    assert!(first.body.contains("Étape 1 sur 5"));
    assert!(!first.body.contains("Précédent"));
}

#[tokio::test]
async fn unknown_pages_answer_404_with_a_french_page() {
    let app = TestApp::new().await;
    for path in [
        "/modules/nulle-part",
        "/modules/email-la-poste/nulle-part/x",
        "/page-inconnue",
    ] {
        let res = app.get(path, None).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            res.body.contains("Page introuvable"),
            "{path}: {}",
            res.body
        );
    }
}

// --- Learner sign-in ---------------------------------------------------------------------

#[tokio::test]
async fn a_learner_signs_in_with_the_code_in_any_case_with_or_without_dash() {
    let app = TestApp::new().await;
    for typed in ["BIEN-VENU", "bienvenu", " Bien Venu "] {
        let res = app
            .post_form("/api/connexion", &[("code", typed)], None)
            .await;
        assert_eq!(res.status, StatusCode::FOUND, "{typed}");
        // The first time, the learner reads who sees their progress; then home.
        assert!(
            matches!(res.location(), Some("/bienvenue" | "/")),
            "{:?}",
            res.location()
        );
        let set_cookie = res.headers.get("set-cookie").unwrap().to_str().unwrap();
        assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
        assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
        let cookie = res.session_cookie().unwrap();
        let home = app.get("/", Some(&cookie)).await;
        assert!(home.body.contains("Bonjour Jeanne"), "{}", home.body);
    }
}

#[tokio::test]
async fn an_unknown_code_gets_a_clear_message_on_the_same_page() {
    let app = TestApp::new().await;
    let res = app
        .post_form("/api/connexion", &[("code", "ZZZZ-ZZZZ")], None)
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(res.location(), Some("/connexion?erreur=inconnu"));
    assert!(res.session_cookie().is_none());
    let page = app.get("/connexion?erreur=inconnu", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Ce code n'existe pas. Vérifiez-le ou demandez à votre bénévole."),
        "{}",
        page.body
    );
    assert!(page.body.contains("Mon code"));
}

#[tokio::test]
async fn wrong_codes_are_throttled_but_never_for_good() {
    let app = TestApp::new().await;
    let mut throttled = false;
    for _ in 0..8 {
        let res = app
            .post_form("/api/connexion", &[("code", "ZZZZ-ZZZZ")], None)
            .await;
        if res
            .location()
            .is_some_and(|l| l.starts_with("/connexion?erreur=attendre"))
        {
            throttled = true;
            break;
        }
    }
    assert!(throttled, "wrong codes were never throttled");
    // Another learner, with the right code, is not held back by someone else's code.
    let res = app
        .post_form("/api/connexion", &[("code", "BIEN-VENU")], None)
        .await;
    assert_eq!(res.location(), Some("/bienvenue"));
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    // A page first: who is signed in is now remembered for a few seconds.
    assert!(
        app.get("/", Some(&cookie))
            .await
            .body
            .contains("Bonjour Jeanne")
    );
    let res = app.post_form("/api/deconnexion", &[], Some(&cookie)).await;
    assert_eq!(res.location(), Some("/connexion?deconnecte=1"));
    let home = app.get("/", Some(&cookie)).await;
    assert!(!home.body.contains("Bonjour Jeanne"));
    assert!(home.body.contains("Bienvenue sur Pas à Pas"));
}

#[tokio::test]
async fn comfort_settings_show_on_the_very_next_page() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let home = app.get("/", Some(&cookie)).await;
    assert!(home.body.contains("<html class=\"\""), "{}", home.body);
    let res = app
        .save_comfort(&cookie, &[("text_size", "2"), ("contrast", "on")])
        .await;
    assert_eq!(res.location(), Some("/?confort=ok"));
    // Another browser of the same learner (no comfort cookie) sees them at once too.
    let home = app.get("/", Some(&cookie)).await;
    assert!(
        home.body
            .contains("<html class=\"texte-tres-grand contraste\""),
        "{}",
        home.body
    );
}

// --- Progress ----------------------------------------------------------------------------

#[tokio::test]
async fn suivant_records_the_step_before_showing_the_next_and_resume_finds_it() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let form = [
        ("module", "email-la-poste"),
        ("lesson", "adresse-enveloppe"),
        ("step", "une-lettre-mais-sans-papier"),
    ];
    let res = app.post_form("/api/suivant", &form, Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::FOUND);
    // The next screen says the step is saved (`#enregistre`).
    assert_eq!(
        res.location(),
        Some(&*format!("{LESSON}/adresse#enregistre"))
    );
    // Saved before the redirect was sent.
    let rows = step_progress::Entity::find()
        .filter(step_progress::Column::Step.eq("une-lettre-mais-sans-papier"))
        .filter(step_progress::Column::CompletedAt.is_not_null())
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(rows, 1);
    // A double click does not create a second row.
    app.post_form("/api/suivant", &form, Some(&cookie)).await;
    let all = step_progress::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(all, 1);

    // Coming back later resumes at the first unfinished step.
    let resume = app.get(LESSON, Some(&cookie)).await;
    assert_eq!(resume.status, StatusCode::FOUND, "{}", resume.body);
    assert_eq!(resume.location(), Some(&*format!("{LESSON}/adresse")));

    // The home page offers to resume at step 2.
    let home = app.get("/", Some(&cookie)).await;
    assert!(home.body.contains("Reprendre"), "{}", home.body);
    assert!(home.body.contains("étape 2"), "{}", home.body);
}

#[tokio::test]
async fn the_last_step_leads_to_the_end_of_the_lesson_and_the_next_lesson() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let res = app
        .post_form(
            "/api/suivant",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", "a-retenir"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(res.location(), Some(&*format!("{LESSON}/fin#enregistre")));
    let end = app.get(&format!("{LESSON}/fin"), Some(&cookie)).await;
    assert_eq!(end.status, StatusCode::OK);
    assert!(end.body.contains("Bravo"));
    assert!(
        end.body
            .contains("/modules/email-la-poste/boite-de-reception")
    );
}

#[tokio::test]
async fn without_signing_in_suivant_moves_on_and_says_nothing_is_saved() {
    let app = TestApp::new().await;
    let page = app.get(&format!("{LESSON}/adresse"), None).await;
    assert!(page.body.contains("Vous n'êtes pas connecté"));
    let res = app
        .post_form(
            "/api/suivant",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", "adresse"),
            ],
            None,
        )
        .await;
    assert_eq!(res.location(), Some(&*format!("{LESSON}/arobase")));
    assert_eq!(
        step_progress::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
}

// --- Volunteers --------------------------------------------------------------------------

#[tokio::test]
async fn a_volunteer_signs_in_and_sees_their_learners_progress() {
    let app = TestApp::new().await;
    let learner = app.learner_cookie().await;
    for step in ["une-lettre-mais-sans-papier", "adresse"] {
        app.post_form(
            "/api/suivant",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", step),
            ],
            Some(&learner),
        )
        .await;
    }
    let cookie = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let res = app.get("/benevole", Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Jeanne"), "{}", res.body);
    assert!(res.body.contains("BIEN-VENU"));
    assert!(res.body.contains("2 / 5"), "{}", res.body);
}

#[tokio::test]
async fn a_wrong_password_is_refused_with_a_message() {
    let app = TestApp::new().await;
    let res = app
        .post_form(
            "/api/benevole/connexion",
            &[("username", "demo.benevole"), ("password", "mauvais")],
            None,
        )
        .await;
    assert_eq!(
        res.location(),
        Some("/benevole/connexion?erreur=identifiants")
    );
    assert!(res.session_cookie().is_none());
    let page = app
        .get("/benevole/connexion?erreur=identifiants", None)
        .await;
    assert!(
        page.body
            .contains("L'identifiant ou le mot de passe est faux")
    );
}

#[tokio::test]
async fn the_dashboard_needs_a_staff_sign_in() {
    let app = TestApp::new().await;
    let res = app.get("/benevole", None).await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(res.location(), Some("/benevole/connexion"));
    // A learner's session is not enough.
    let learner = app.learner_cookie().await;
    let res = app.get("/benevole", Some(&learner)).await;
    assert_eq!(res.location(), Some("/benevole/connexion"));
}

// --- Security ----------------------------------------------------------------------------

#[tokio::test]
async fn state_changing_requests_from_another_origin_are_refused() {
    let app = TestApp::new().await;
    for origin in [Some("https://evil.example"), None] {
        let res = app
            .post_form_from("/api/connexion", &[("code", "BIEN-VENU")], None, origin)
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{origin:?}");
        assert!(res.session_cookie().is_none());
    }
}

// --- Content -----------------------------------------------------------------------------

#[tokio::test]
async fn a_broken_lesson_is_skipped_and_the_others_are_served() {
    let app = TestApp::with_content(&fixture("content-with-a-broken-lesson")).await;
    let module = app.get("/modules/essai", None).await;
    assert_eq!(module.status, StatusCode::OK);
    assert!(module.body.contains("Une leçon correcte"));
    assert!(!module.body.contains("Une leçon cassée"));
    let broken = app.get("/modules/essai/cassee/une", None).await;
    assert_eq!(broken.status, StatusCode::NOT_FOUND);
}

// --- Check questions (POST /api/repondre) -------------------------------------------------

const QUESTION_STEP: &str = "/modules/email-la-poste/adresse-enveloppe/lire";

#[tokio::test]
async fn a_wrong_answer_is_explained_recorded_and_can_be_tried_again() {
    use app::ssr::db::entities::answer;
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let form = |choice: &'static str| {
        vec![
            ("module", "email-la-poste"),
            ("lesson", "adresse-enveloppe"),
            ("step", "lire"),
            ("question", "adresse-bien-ecrite"),
            ("reponse", choice),
        ]
    };
    let wrong = app
        .post_form("/api/repondre", &form("a"), Some(&cookie))
        .await;
    assert_eq!(wrong.status, StatusCode::SEE_OTHER);
    let to = wrong.location().unwrap().to_string();
    assert_eq!(
        to,
        format!("{QUESTION_STEP}?reponse=adresse-bien-ecrite:a#retour-adresse-bien-ecrite")
    );
    let page = app.get(to.split('#').next().unwrap(), Some(&cookie)).await;
    assert!(
        page.body.contains("Ce n'est pas tout à fait ça."),
        "{}",
        page.body
    );
    assert!(page.body.contains("Il manque le signe @"));
    assert!(page.body.contains("id=\"retour-adresse-bien-ecrite\""));
    // The learner's choice stays checked.
    assert!(
        page.body
            .contains("value=\"a\" id=\"question-adresse-bien-ecrite-a\" checked"),
        "{}",
        page.body
    );

    let right = app
        .post_form("/api/repondre", &form("b"), Some(&cookie))
        .await;
    let page = app
        .get(
            right.location().unwrap().split('#').next().unwrap(),
            Some(&cookie),
        )
        .await;
    assert!(
        page.body.contains("Bravo, c'est la bonne réponse !"),
        "{}",
        page.body
    );

    let rows = answer::Entity::find().all(&app.state.db).await.unwrap();
    let recorded: Vec<(&str, bool)> = rows
        .iter()
        .map(|r| (r.choices.as_str(), r.correct))
        .collect();
    assert_eq!(recorded, [("a", false), ("b", true)]);
}

#[tokio::test]
async fn valider_with_nothing_chosen_asks_to_choose_and_records_nothing() {
    use app::ssr::db::entities::answer;
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let res = app
        .post_form(
            "/api/repondre",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", "lire"),
                ("question", "adresse-bien-ecrite"),
            ],
            Some(&cookie),
        )
        .await;
    let page = app
        .get(
            res.location().unwrap().split('#').next().unwrap(),
            Some(&cookie),
        )
        .await;
    assert!(
        page.body
            .contains("Choisissez une réponse, puis appuyez sur « Valider ».")
    );
    assert_eq!(
        answer::Entity::find().count(&app.state.db).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn a_junk_answer_form_gets_a_french_message() {
    let app = TestApp::new().await;
    let res = app.post_form("/api/repondre", &[("x", "y")], None).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("Le formulaire n'a pas pu être lu."));
    // An answer to a question that no longer exists leads back to the step.
    let res = app
        .post_form(
            "/api/repondre",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", "lire"),
                ("question", "disparue"),
                ("reponse", "a"),
            ],
            None,
        )
        .await;
    assert_eq!(res.location(), Some(QUESTION_STEP));
}
