//! Integration tests: the real router, a real SQLite database through the real migrations.
//! One section per route, acting as users do.

use crate::common::{TestApp, fixture};
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::ssr::db::entities::{login_throttle, step_progress};
use app::ssr::services::accounts;
use app::ssr::services::sessions::{self, LearnerSignIn};
use app::ssr::throttle::{Attempt, Decision, LoginThrottle, Policy, Spacing};

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
    assert!(res.body.contains("Étape 2 sur 6"), "{}", res.body);
    assert!(res.body.contains("Précédent"));
    assert!(res.body.contains("Suivant"));
    assert!(
        res.body
            .contains("<title>Étape 2 sur 6 — L'adresse, c'est l'enveloppe — Pas à Pas</title>"),
        "{}",
        res.body
    );
    // The first step has no "Précédent".
    let first = app
        .get(&format!("{LESSON}/une-lettre-mais-sans-papier"), None)
        .await;
    assert!(first.body.contains("Étape 1 sur 6"));
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
    assert_eq!(
        res.location(),
        Some("/connexion?erreur=inconnu&saisie=ZZZZ-ZZZZ")
    );
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

/// Issue 19: a refused code stays in the "Mon code" box, to be corrected rather than typed
/// again (the form is a plain form: the same with JavaScript on or off).
#[tokio::test]
async fn a_wrong_code_stays_in_the_box() {
    let app = TestApp::new().await;
    let res = app
        .post_form("/api/connexion", &[("code", " bien-venx ")], None)
        .await;
    let page = res
        .location()
        .expect("back to the sign-in page")
        .to_string();
    assert_eq!(page, "/connexion?erreur=inconnu&saisie=bien-venx");
    let shown = app.get(&page, None).await;
    shown.assert_shows("Ce code n'existe pas.");
    let input = shown
        .body
        .split("<input")
        .find(|i| i.contains("id=\"code\""))
        .expect("the code box");
    assert!(input.contains("value=\"bien-venx\""), "{input}");
    // What comes back is escaped, and never more than a code's length.
    let odd = app
        .get(
            "/connexion?erreur=inconnu&saisie=%22%3E%3Cscript%3Ex%3C%2Fscript%3E",
            None,
        )
        .await;
    assert!(!odd.body.contains("<script>x"), "{}", odd.body);
    let long = app
        .post_form("/api/connexion", &[("code", &"A".repeat(500))], None)
        .await;
    assert!(
        long.location().unwrap().len() < 100,
        "{:?}",
        long.location()
    );
    // Without an error, nothing is put in the box.
    let plain = app.get("/connexion?saisie=ABCD", None).await;
    assert!(!plain.body.contains("value=\"ABCD\""));
    // Signed in: the code is not carried anywhere.
    let ok = app
        .post_form("/api/connexion", &[("code", "BIEN-VENU")], None)
        .await;
    assert!(
        !ok.location().unwrap().contains("saisie"),
        "{:?}",
        ok.location()
    );
}

#[tokio::test]
async fn wrong_codes_are_throttled_but_never_for_good() {
    let app = TestApp::new().await;
    // Someone floods the sign-in form from one address: once the free tries are used and
    // the queue of tries waiting their turn is full, the next try is refused unchecked.
    let policy = app.state.throttle.policy.learner_address;
    for i in 0..(policy.free + policy.max_wait / policy.every + 1) {
        app.state
            .throttle
            .reserve(
                &app.state.db,
                "unknown",
                Attempt::Code(&format!("ZZZZZZ{i}")),
            )
            .await
            .unwrap();
    }
    let res = app
        .post_form("/api/connexion", &[("code", "ZZZZ-ZZZZ")], None)
        .await;
    assert_eq!(
        res.location(),
        Some("/connexion?erreur=attendre&minutes=1&saisie=ZZZZ-ZZZZ"),
        "wrong codes were never throttled"
    );
    app.get("/connexion?erreur=attendre&minutes=1", None)
        .await
        .assert_shows("Attendez une minute");
    // An hour later the address is forgotten (rows past their time count for nothing).
    throttle_rows_expire(&app).await;
    let res = app
        .post_form("/api/connexion", &[("code", "BIEN-VENU")], None)
        .await;
    assert_eq!(res.location(), Some("/bienvenue"));
}

// --- Sign-in throttle (in the database, shared by every instance) -------------------------

/// Makes every throttle row look an hour old.
async fn throttle_rows_expire(app: &TestApp) {
    use sea_orm::sea_query::Expr;
    login_throttle::Entity::update_many()
        .col_expr(login_throttle::Column::ExpiresAt, Expr::value(0i64))
        .exec(&app.state.db)
        .await
        .unwrap();
}

/// Signs in with `code` from `address` through the service, as the form and the card's
/// QR code do.
async fn sign_in_from(
    app: &TestApp,
    throttle: &LoginThrottle,
    address: &str,
    code: &str,
) -> LearnerSignIn {
    app.state.users.forget(
        sessions::sign_in_learner(&app.state.db, throttle, address, code, None)
            .await
            .unwrap(),
    )
}

/// `n` new learners of the demo structure: their codes.
async fn new_learners(app: &TestApp, n: usize) -> Vec<String> {
    let jeanne = accounts::find_learner_by_code(&app.state.db, "BIENVENU")
        .await
        .unwrap()
        .unwrap();
    let mut codes = Vec::new();
    for i in 0..n {
        let l = accounts::create_learner(
            &app.state.db,
            jeanne.structure_id,
            None,
            &format!("Apprenant {i}"),
            None,
        )
        .await
        .unwrap();
        codes.push(l.code);
    }
    codes
}

/// `code` with its `i`-th letter mistyped.
fn typo(code: &str, i: usize) -> String {
    let mut chars: Vec<char> = code.chars().collect();
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect()
}

/// A small policy, to see each rule act after a few tries.
fn tight() -> Policy {
    let spacing = Spacing {
        free: 3,
        every: 60_000,
        max_wait: 0,
        forget: 3600,
    };
    Policy {
        learner_address: spacing,
        staff_address: spacing,
        staff_identifier: spacing,
        ..Policy::default()
    }
}

#[tokio::test]
async fn a_workshop_of_fifteen_behind_one_address_all_get_in_despite_two_typos_each() {
    let app = TestApp::new().await;
    let codes = new_learners(&app, 15).await;
    let room = "192.0.2.10";
    // One after the other: each mistypes twice, then types the right code.
    for code in &codes[..8] {
        for i in [1, 6] {
            let typed = typo(code, i);
            let outcome = sign_in_from(&app, &app.state.throttle, room, &typed).await;
            assert!(matches!(outcome, LearnerSignIn::Unknown), "{outcome:?}");
        }
        let outcome = sign_in_from(&app, &app.state.throttle, room, code).await;
        assert!(
            matches!(outcome, LearnerSignIn::SignedIn { .. }),
            "{outcome:?}"
        );
    }
    // The others all at once: their typos, then their right codes, together.
    let rest = &codes[8..];
    let typos = rest.iter().flat_map(|code| {
        [1, 6].map(|i| {
            let typed = typo(code, i);
            let app = &app;
            async move { sign_in_from(app, &app.state.throttle, room, &typed).await }
        })
    });
    for outcome in futures_util::future::join_all(typos).await {
        assert!(matches!(outcome, LearnerSignIn::Unknown), "{outcome:?}");
    }
    let rights = rest
        .iter()
        .map(|code| sign_in_from(&app, &app.state.throttle, room, code));
    for outcome in futures_util::future::join_all(rights).await {
        assert!(
            matches!(outcome, LearnerSignIn::SignedIn { .. }),
            "{outcome:?}"
        );
    }
}

#[tokio::test]
async fn a_success_does_not_restart_the_wait_of_the_next_learner() {
    let app = TestApp::new().await;
    let codes = new_learners(&app, 2).await;
    let throttle = LoginThrottle::new(Policy {
        learner_address: Spacing {
            free: 3,
            every: 300,
            max_wait: 1_000,
            forget: 3600,
        },
        ..Policy::default()
    });
    let room = "192.0.2.11";
    for i in 0..6 {
        let outcome = sign_in_from(&app, &throttle, room, &typo(&codes[0], i)).await;
        assert!(matches!(outcome, LearnerSignIn::Unknown), "{outcome:?}");
    }
    // Past its free tries, the room's tries are spaced; Anne gets in, then Bernard a
    // moment later: Anne's success does not push Bernard back.
    for code in &codes {
        let outcome = sign_in_from(&app, &throttle, room, code).await;
        assert!(
            matches!(outcome, LearnerSignIn::SignedIn { .. }),
            "{outcome:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    }
    // Successes took their own tries back: the count is the six typos, as before.
    let row = login_throttle::Entity::find()
        .filter(login_throttle::Column::Failures.gt(0))
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(row.iter().any(|r| r.failures == 6), "{row:?}");
}

#[tokio::test]
async fn ipv6_addresses_of_one_64_are_counted_together() {
    let app = TestApp::new().await;
    let throttle = LoginThrottle::new(tight());
    for i in 1..=4 {
        let outcome =
            sign_in_from(&app, &throttle, &format!("2001:db8:1:2::{i}"), "ZZZZZZZZ").await;
        assert!(matches!(outcome, LearnerSignIn::Unknown), "{outcome:?}");
    }
    // Another address of the same /64 is the same device or household.
    let outcome = sign_in_from(&app, &throttle, "2001:db8:1:2:ffff::9", "ZZZZZZZZ").await;
    assert!(matches!(outcome, LearnerSignIn::Wait(_)), "{outcome:?}");
    // Another /64 is someone else.
    let outcome = sign_in_from(&app, &throttle, "2001:db8:1:3::1", "BIEN-VENU").await;
    assert!(
        matches!(outcome, LearnerSignIn::SignedIn { .. }),
        "{outcome:?}"
    );
}

/// Log lines written while a test runs on this thread.
#[derive(Clone, Default)]
struct Logs(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Logs {
    type Writer = Logs;
    fn make_writer(&'a self) -> Logs {
        self.clone()
    }
}

#[tokio::test]
async fn when_the_site_wide_budget_is_used_up_even_a_right_code_is_refused_in_french() {
    let app = TestApp::new().await;
    let logs = Logs::default();
    let _guard = tracing::subscriber::set_default(
        tracing_subscriber::fmt()
            .with_writer(logs.clone())
            .with_ansi(false)
            .finish(),
    );
    let long_code = new_learners(&app, 1).await.remove(0);
    let throttle = LoginThrottle::new(Policy {
        learner_budget_short: 5,
        ..Policy::default()
    });
    // Five wrong codes of the first cards' length, from five addresses.
    for i in 0..5 {
        let outcome = sign_in_from(&app, &throttle, &format!("198.51.100.{i}"), "ZZZZZZZZ").await;
        assert!(matches!(outcome, LearnerSignIn::Unknown), "{outcome:?}");
    }
    // Jeanne, from yet another address, with her right code: refused, unchecked.
    let outcome = sign_in_from(&app, &throttle, "203.0.113.1", "BIEN-VENU").await;
    let page = outcome.next_page(None);
    assert!(
        page.starts_with("/connexion?erreur=occupe&minutes="),
        "{page}"
    );
    let shown = app.get(&page, None).await;
    shown.assert_shows("Le site a reçu beaucoup de codes faux en peu de temps");
    shown.assert_shows("Ce n'est pas de votre faute");
    let logged = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(logged.contains("WARN"), "{logged}");
    assert!(
        logged.contains("budget of wrong sign-in tries is used up"),
        "{logged}"
    );
    // Logged once, not for every refused try.
    sign_in_from(&app, &throttle, "203.0.113.2", "BIEN-VENU").await;
    let logged = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert_eq!(logged.matches("is used up").count(), 1, "{logged}");
    // The longer codes have their own budget: they still work.
    let outcome = sign_in_from(&app, &throttle, "203.0.113.3", &long_code).await;
    assert!(
        matches!(outcome, LearnerSignIn::SignedIn { .. }),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn wrong_passwords_slow_down_the_attacker_s_address_not_the_account_s_owner() {
    let app = TestApp::new().await;
    let throttle = &app.state.throttle;
    let db = &app.state.db;
    let mut refused = false;
    for _ in 0..8 {
        let decision = throttle
            .reserve(db, "198.51.100.66", Attempt::Staff("demo.benevole"))
            .await
            .unwrap();
        refused |= matches!(decision, Decision::Wait(_));
    }
    assert!(refused, "eight wrong passwords in a row were all checked");
    // Camille herself, at the association's PC: checked at once.
    let decision = throttle
        .reserve(db, "203.0.113.50", Attempt::Staff("demo.benevole"))
        .await
        .unwrap();
    assert!(
        matches!(&decision, Decision::Go { wait, .. } if wait.is_zero()),
        "{decision:?}"
    );
    // The attacker's address can still reach another identifier's own count.
    let decision = throttle
        .reserve(db, "198.51.100.66", Attempt::Staff("demo.formateur"))
        .await
        .unwrap();
    assert!(matches!(decision, Decision::Go { .. }), "{decision:?}");
}

#[tokio::test]
async fn forty_tries_sent_together_are_not_all_checked() {
    let app = TestApp::new().await;
    let throttle = LoginThrottle::new(tight());
    let tries = (0..40).map(|i| {
        let (app, throttle) = (&app, &throttle);
        async move {
            throttle
                .reserve(
                    &app.state.db,
                    "192.0.2.40",
                    Attempt::Code(&format!("ZZZZZZ{i}")),
                )
                .await
                .unwrap()
        }
    });
    let decisions = futures_util::future::join_all(tries).await;
    let checked = decisions
        .iter()
        .filter(|d| matches!(d, Decision::Go { .. }))
        .count();
    // Three free tries, then one at once; the others are refused, not checked.
    assert_eq!(checked, 4, "{decisions:?}");
}

#[tokio::test]
async fn two_instances_on_one_database_share_the_throttle() {
    let app = TestApp::new().await;
    let other = app.second_instance().await;
    let throttle = LoginThrottle::new(tight());
    let try_on = |db: &sea_orm::DatabaseConnection| {
        let db = db.clone();
        async move {
            throttle
                .reserve(&db, "192.0.2.50", Attempt::Code("ZZZZZZZZ"))
                .await
                .unwrap()
        }
    };
    // Two tries on each instance: the fourth is the first past the free three.
    for db in [&app.state.db, &other.db, &app.state.db, &other.db] {
        assert!(matches!(try_on(db).await, Decision::Go { .. }));
    }
    assert!(matches!(try_on(&other.db).await, Decision::Wait(_)));
    assert!(matches!(try_on(&app.state.db).await, Decision::Wait(_)));
}

#[tokio::test]
async fn the_throttle_keeps_hashes_only_and_forgets_old_rows() {
    let app = TestApp::new().await;
    // A hundred wrong codes of a megabyte each (from an address allowed that many).
    let throttle = LoginThrottle::new(Policy {
        learner_address: Spacing {
            free: 1_000,
            ..Policy::default().learner_address
        },
        ..Policy::default()
    });
    let huge = "Z".repeat(1 << 20);
    for i in 0..100 {
        let outcome = sign_in_from(&app, &throttle, "192.0.2.60", &huge).await;
        assert!(
            matches!(outcome, LearnerSignIn::Unknown),
            "{i}: {outcome:?}"
        );
    }
    let rows = login_throttle::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    // The address and the hour's budget: nothing per code typed.
    assert_eq!(rows.len(), 2, "{rows:?}");
    for row in &rows {
        assert_eq!(row.key_hash.len(), 64);
        assert!(!row.key_hash.contains("ZZ"));
    }
    throttle_rows_expire(&app).await;
    app::ssr::throttle::purge(&app.state.db).await.unwrap();
    assert_eq!(
        login_throttle::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
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
    assert!(res.body.contains("2 / 6"), "{}", res.body);
    // The code of the card is on the learner's page (the dashboard keeps one line each).
    let id = app.demo_learner_id().await;
    let res = app
        .get(&format!("/benevole/apprenants/{id}"), Some(&cookie))
        .await;
    assert!(res.body.contains("BIEN-VENU"));
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

/// Issue 19, item 5: "Un indice" opens before answering, without JavaScript (a `<details>`).
#[tokio::test]
async fn a_hint_can_be_opened_before_answering() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let page = app.get(QUESTION_STEP, Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let hint = page
        .body
        .find("<details class=\"question-hint\"><summary>Un indice</summary>")
        .unwrap_or_else(|| panic!("{}", page.body));
    let answers = page
        .body
        .find("id=\"question-adresse-bien-ecrite-a\"")
        .unwrap();
    assert!(hint < answers, "the hint comes before the answers");
    assert!(
        page.body[hint..answers].contains("Cherchez le petit signe qu&#x27;on lit « arobase »")
            || page.body[hint..answers].contains("Cherchez le petit signe qu'on lit « arobase »"),
        "{}",
        &page.body[hint..answers]
    );
}

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
    // The right answer is named.
    assert!(
        page.body
            .contains("La bonne réponse : « marie.dupont@exemple.fr »."),
        "{}",
        page.body
    );
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

// --- Errors of plain forms and middleware ------------------------------------------------

/// `res` is a whole page of the site, rendered by Leptos in its shell and layout (not a page
/// built by hand): the stylesheet, the header with its menu, the skip link, the main
/// landmark, the footer, the status and the title asked for (escaped by the app's one title
/// formatter).
fn assert_site_page(res: &crate::common::TestResponse, status: StatusCode, title: &str) {
    assert_eq!(res.status, status, "{}", res.body);
    assert_eq!(
        res.headers[axum::http::header::CONTENT_TYPE],
        "text/html; charset=utf-8"
    );
    let body = &res.body;
    for part in [
        "<!DOCTYPE html>",
        "lang=\"fr\"",
        "<meta name=\"color-scheme\" content=\"light\"",
        "<link id=\"leptos\" rel=\"stylesheet\" href=\"/pkg/pas-a-pas",
        "<a href=\"#contenu\" class=\"skip-link\">Aller au contenu</a>",
        "<header class=\"site-header\">",
        "<nav aria-label=\"Menu principal\">",
        "<main id=\"contenu\" tabindex=\"-1\" class=\"wrap\">",
        "<footer class=\"site-footer\">",
        "<p role=\"alert\" class=\"message error-message\">",
    ] {
        assert!(body.contains(part), "{part:?} not in:\n{body}");
    }
    // (No title here holds `&`, `<` or `>`: written as it is.)
    assert!(
        body.contains(&format!("<title>{title} — Pas à Pas</title>")),
        "title {title:?} not in:\n{body}"
    );
    assert!(body.contains(&format!("<h1>{title}</h1>")), "{body}");
}

/// A multipart body with `fields`, then `file` (name, size in bytes) if any.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, usize)>) -> (String, Vec<u8>) {
    let boundary = "----pasapaserreurs";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, size)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"{name}\"\r\n\
                 Content-Type: image/jpeg\r\n\r\n"
            )
            .as_bytes(),
        );
        body.resize(body.len() + size, b'x');
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_multipart(
    app: &TestApp,
    path: &str,
    (content_type, body): (String, Vec<u8>),
    cookie: Option<&str>,
) -> crate::common::TestResponse {
    use axum::http::header;
    let mut req = axum::http::Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT, "text/html")
        .header(header::ORIGIN, &app.origin);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    app.send(req.body(axum::body::Body::from(body)).unwrap())
        .await
}

#[tokio::test]
async fn every_error_of_a_plain_form_is_a_whole_page_of_the_site() {
    use app::text::{self, answers};
    let app = TestApp::new().await;
    let staff = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;

    // Not found: a session for someone this volunteer does not follow. The header says who
    // is signed in, as on every page.
    let date = app::text::dates::today_iso(app::ssr::db::now());
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("learner", "999999"),
                ("single", "999999"),
                ("date", &date),
                ("kind", "domicile"),
                ("minutes", "60"),
            ],
            Some(&staff),
        )
        .await;
    assert_site_page(&res, StatusCode::NOT_FOUND, text::NOT_FOUND_TITLE);
    res.assert_shows(answers::VISIT_LEARNER_NOT_FOUND);
    res.assert_shows(text::SIGN_OUT_STAFF);
    // The menu's links lead to pages, not back to the form's address.
    assert!(!res.body.contains("retour=/api/"), "{}", res.body);
    // A download asked for by nobody.
    let res = app.get("/mes-donnees.json", None).await;
    assert_site_page(&res, StatusCode::NOT_FOUND, text::NOT_FOUND_TITLE);
    res.assert_shows(answers::DATA_SIGN_IN);

    // Forbidden: a form from another site (the origin check, before any handler)…
    let res = app
        .post_form_from(
            "/api/seance",
            &[("learner", "1")],
            Some(&staff),
            Some("https://evil.example"),
        )
        .await;
    assert_site_page(&res, StatusCode::FORBIDDEN, answers::REFUSED_TITLE);
    res.assert_shows(answers::REFUSED);
    // …and a volunteer's image for a lesson (the trainers' role extractor).
    let res = post_multipart(
        &app,
        "/formateur/image",
        multipart(&[("fichier", "email-la-poste/adresse-enveloppe.md")], None),
        Some(&staff),
    )
    .await;
    assert_site_page(&res, StatusCode::FORBIDDEN, text::ERROR_TITLE);
    res.assert_shows(text::ERROR_FOR_TRAINERS);

    // Too large: an exercise's file far over the limit (refused before any field is read:
    // the way out leads home).
    let learner = app.learner_cookie().await;
    let res = post_multipart(
        &app,
        "/exercice",
        multipart(
            &[
                ("module", "piece-jointe"),
                ("lesson", "joindre-un-fichier"),
                ("step", "a-vous-envoyer-une-photo"),
                ("ex", "envoyer-une-photo"),
            ],
            Some((
                "enorme.jpg",
                app::ssr::services::practice::MAX_REQUEST_BYTES + 1024,
            )),
        ),
        Some(&learner),
    )
    .await;
    assert_site_page(
        &res,
        StatusCode::PAYLOAD_TOO_LARGE,
        answers::EXERCISE_TOO_LARGE_TITLE,
    );
    res.assert_shows(answers::EXERCISE_TOO_LARGE);
    res.assert_shows(&format!(
        "href=\"/\" class=\"button primary\">{}",
        text::ERROR_GO_HOME
    ));
    // A form over the server functions' body limit, said before it is read.
    let req = axum::http::Request::post("/api/connexion")
        .header(
            axum::http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header(axum::http::header::ACCEPT, "text/html")
        .header(axum::http::header::ORIGIN, &app.origin)
        .header(axum::http::header::CONTENT_LENGTH, 1024 * 1024)
        .body(axum::body::Body::from(vec![b'a'; 1024 * 1024]))
        .unwrap();
    let res = app.send(req).await;
    assert_site_page(
        &res,
        StatusCode::PAYLOAD_TOO_LARGE,
        answers::TOO_LARGE_TITLE,
    );
    // Scripts calling a server function get the error as server functions send theirs.
    let req = axum::http::Request::post("/api/connexion")
        .header(
            axum::http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header(axum::http::header::ACCEPT, "application/json")
        .header(axum::http::header::ORIGIN, &app.origin)
        .header(axum::http::header::CONTENT_LENGTH, 1024 * 1024)
        .body(axum::body::Body::from(vec![b'a'; 1024 * 1024]))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        serde_json::from_str::<app::error::AppError>(&res.body).unwrap(),
        app::error::AppError::TooLarge
    );

    // Unreadable: a check question's form with junk.
    let res = app.post_form("/api/repondre", &[("x", "y")], None).await;
    assert_site_page(&res, StatusCode::BAD_REQUEST, answers::BAD_FORM_TITLE);
    res.assert_shows(text::ERROR_BAD_REQUEST);
}

#[tokio::test]
async fn a_busy_site_and_a_conflict_are_whole_pages_too() {
    use app::error::AppError;
    use app::text::{self, answers};
    use axum::routing::post;

    // Busy: a sign-in form (JavaScript off) while every password check is taken, with the
    // way back to the page the form was on and when to try again.
    let app = TestApp::with_password_gate(1, std::time::Duration::from_millis(100)).await;
    let held = app.state.passwords.permit().await.unwrap();
    let res = app
        .post_form(
            "/api/benevole/connexion",
            &[
                ("username", "demo.benevole"),
                ("password", "demo-pas-a-pas"),
            ],
            None,
        )
        .await;
    assert_site_page(
        &res,
        StatusCode::SERVICE_UNAVAILABLE,
        text::ERROR_BUSY_TITLE,
    );
    assert_eq!(res.headers[axum::http::header::RETRY_AFTER], "60");
    res.assert_shows(&format!(
        "<a href=\"/\" class=\"button primary\">{}</a>",
        text::ERROR_BUSY_RETRY
    ));
    drop(held);

    // Conflict (no plain form answers it today): an answer of a handler behind the same
    // last middleware as the router's.
    let handler = axum::Router::new()
        .route("/formulaire", post(|| async { AppError::Conflict }))
        .layer(axum::middleware::from_fn_with_state(
            app.state.clone(),
            server::middleware::render_error_pages,
        ));
    let req = axum::http::Request::post("/formulaire")
        .header(axum::http::header::ACCEPT, "text/html")
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(handler, req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let res = crate::common::TestResponse {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        raw: body,
    };
    assert_site_page(&res, StatusCode::CONFLICT, answers::CONFLICT_TITLE);
    res.assert_shows(answers::CONFLICT);
}
