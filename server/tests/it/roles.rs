//! Roles, cleanly (issue 22, item 5): one table of role × page or action, each answer
//! checked (a page, the sign-in it needs, or a whole French page saying which role it
//! needs, never `?__err=`); where each person lands after signing in; what each is
//! offered; a coordinator re-enabling a member.

use axum::http::StatusCode;

use crate::common::{TestApp, TestResponse, content_copy};
use app::ssr::services::accounts;
use app::text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Nobody,
    Learner,
    Volunteer,
    Trainer,
    /// The demo coordinator is a volunteer too.
    Coordinator,
    /// An administrator of the programme, who follows no learner.
    ProgrammeAdmin,
}

const EVERYONE: [Who; 6] = [
    Who::Nobody,
    Who::Learner,
    Who::Volunteer,
    Who::Trainer,
    Who::Coordinator,
    Who::ProgrammeAdmin,
];

#[derive(Clone, Copy, Debug)]
enum Expect {
    /// The page is shown.
    Page,
    /// The form did its work: a redirect to a page of the site.
    Done,
    /// Sent to this sign-in page.
    SignIn(&'static str),
    /// A whole page of the site, 403, saying in French which role it needs.
    Refused(&'static str),
    /// A whole page of the site, 404.
    NotFound,
}

struct Row {
    what: &'static str,
    /// `None`: a page (GET); `Some(form)`: a form posted without JavaScript.
    form: Option<&'static [(&'static str, &'static str)]>,
    expect: fn(Who) -> Expect,
}

const STAFF: &str = "/benevole/connexion";
const LEARNER: &str = "/connexion";

fn volunteers_only(who: Who) -> Expect {
    match who {
        Who::Nobody | Who::Learner => Expect::SignIn(STAFF),
        Who::Trainer | Who::ProgrammeAdmin => Expect::Refused(text::ERROR_FOR_VOLUNTEERS),
        Who::Volunteer | Who::Coordinator => Expect::Page,
    }
}

fn trainers_only(who: Who) -> Expect {
    match who {
        Who::Nobody | Who::Learner => Expect::SignIn(STAFF),
        Who::Volunteer | Who::Coordinator | Who::ProgrammeAdmin => {
            Expect::Refused(text::ERROR_FOR_TRAINERS)
        }
        Who::Trainer => Expect::Page,
    }
}

fn coordinators_only(who: Who) -> Expect {
    match who {
        Who::Nobody | Who::Learner => Expect::SignIn(STAFF),
        Who::Volunteer | Who::Trainer | Who::ProgrammeAdmin => {
            Expect::Refused(text::ERROR_FOR_COORDINATORS)
        }
        Who::Coordinator => Expect::Page,
    }
}

fn programme_admins_only(who: Who) -> Expect {
    match who {
        Who::Nobody | Who::Learner => Expect::SignIn(STAFF),
        Who::Volunteer | Who::Trainer | Who::Coordinator => {
            Expect::Refused(text::network::ERROR_FOR_PROGRAMME_ADMINS)
        }
        Who::ProgrammeAdmin => Expect::Page,
    }
}

/// The demo territory's page: its administrators and coordinators (the demo coordinator
/// coordinates the demo structure, not the territory).
fn territory_coordinators_only(who: Who) -> Expect {
    match who {
        Who::Nobody | Who::Learner => Expect::SignIn(STAFF),
        Who::Volunteer | Who::Trainer | Who::Coordinator => {
            Expect::Refused(text::network::ERROR_FOR_TERRITORY_COORDINATORS)
        }
        Who::ProgrammeAdmin => Expect::Page,
    }
}

fn learners_only(who: Who) -> Expect {
    match who {
        Who::Learner => Expect::Page,
        _ => Expect::SignIn(LEARNER),
    }
}

/// A page's expectation, for a form: the work done instead of the page shown.
fn done(e: Expect) -> Expect {
    match e {
        Expect::Page => Expect::Done,
        e => e,
    }
}

const TABLE: &[Row] = &[
    Row {
        what: "/benevole",
        form: None,
        expect: volunteers_only,
    },
    Row {
        what: "/benevole/apprenants",
        form: None,
        expect: volunteers_only,
    },
    Row {
        what: "/benevole/apprenants/nouveau",
        form: None,
        expect: volunteers_only,
    },
    Row {
        what: "/benevole/atelier",
        form: None,
        expect: volunteers_only,
    },
    Row {
        what: "/benevole/equipe",
        form: None,
        expect: coordinators_only,
    },
    Row {
        what: "/benevole/statistiques",
        form: None,
        expect: coordinators_only,
    },
    Row {
        what: "/formateur",
        form: None,
        expect: trainers_only,
    },
    Row {
        what: "/formateur/editer?fichier=email-la-poste/adresse-enveloppe.md",
        form: None,
        expect: trainers_only,
    },
    Row {
        what: "/carnet",
        form: None,
        expect: learners_only,
    },
    Row {
        what: "/mes-donnees",
        form: None,
        expect: learners_only,
    },
    Row {
        what: "/programme",
        form: None,
        expect: programme_admins_only,
    },
    // The demo territory, the first one of a new database.
    Row {
        what: "/programme/territoires/1",
        form: None,
        expect: territory_coordinators_only,
    },
    Row {
        what: "/programme/territoires/999999",
        form: None,
        expect: |w| match territory_coordinators_only(w) {
            Expect::Page => Expect::NotFound,
            e => e,
        },
    },
    // Forms posted without JavaScript.
    Row {
        what: "/api/benevole/nouvel-apprenant",
        form: Some(&[("first_name", "Léon")]),
        expect: |w| done(volunteers_only(w)),
    },
    Row {
        what: "/api/formateur/archiver",
        form: Some(&[("module", "virus"), ("action", "desarchiver")]),
        expect: |w| done(trainers_only(w)),
    },
    Row {
        what: "/api/formateur/supprimer",
        form: Some(&[("module", "nulle-part"), ("confirme", "1")]),
        expect: |w| match trainers_only(w) {
            Expect::Page => Expect::NotFound,
            e => e,
        },
    },
    Row {
        what: "/api/equipe/desactiver",
        form: Some(&[("id", "999999")]),
        expect: |w| match coordinators_only(w) {
            Expect::Page => Expect::NotFound,
            e => e,
        },
    },
    Row {
        what: "/api/equipe/reactiver",
        form: Some(&[("id", "999999")]),
        expect: |w| match coordinators_only(w) {
            Expect::Page => Expect::NotFound,
            e => e,
        },
    },
    Row {
        what: "/api/equipe/telephone",
        form: Some(&[("phone", "01 23 45 67 89")]),
        expect: |w| done(coordinators_only(w)),
    },
    Row {
        what: "/api/programme/territoire/creer",
        form: Some(&[("name", "Territoire du tableau")]),
        expect: |w| done(programme_admins_only(w)),
    },
    Row {
        what: "/api/programme/structure/creer",
        form: Some(&[("name", "Structure du tableau"), ("territory", "1")]),
        expect: |w| done(programme_admins_only(w)),
    },
    Row {
        what: "/api/programme/territoire/coordination",
        form: Some(&[("territory", "1"), ("member", "999999")]),
        expect: |w| done(programme_admins_only(w)),
    },
];

async fn cookie_of(app: &TestApp, who: Who) -> Option<String> {
    let staff =
        |name: &'static str| async move { Some(app.staff_cookie(name, "demo-pas-a-pas").await) };
    match who {
        Who::Nobody => None,
        Who::Learner => Some(app.learner_cookie().await),
        Who::Volunteer => staff("demo.benevole").await,
        Who::Trainer => staff("demo.formateur").await,
        Who::Coordinator => staff("demo.coordination").await,
        Who::ProgrammeAdmin => staff("demo.programme").await,
    }
}

/// A whole page of the site (its shell and header), not a fragment nor JSON.
fn assert_site_page(res: &TestResponse, context: &str) {
    assert!(
        res.body.contains("<html") && res.body.contains("site-header"),
        "{context}: not a whole page: {}",
        res.body
    );
}

fn check(res: &TestResponse, expect: Expect, context: &str) {
    assert!(
        !res.location().is_some_and(|l| l.contains("__err")),
        "{context}: {:?}",
        res.location()
    );
    match expect {
        Expect::Page => {
            assert_eq!(res.status, StatusCode::OK, "{context}: {}", res.body);
            assert_site_page(res, context);
        }
        Expect::Done => {
            assert!(res.status.is_redirection(), "{context}: {}", res.status);
            let to = res.location().unwrap_or_default();
            assert!(to.starts_with('/'), "{context}: {to}");
            assert!(
                !to.starts_with(STAFF) && !to.starts_with(LEARNER),
                "{context}: {to}"
            );
        }
        Expect::SignIn(path) => {
            assert!(res.status.is_redirection(), "{context}: {}", res.status);
            let to = res.location().unwrap_or_default();
            assert!(to.starts_with(path), "{context}: {to}");
        }
        Expect::Refused(message) => {
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{context}: {}", res.body);
            assert_site_page(res, context);
            assert!(res.body.contains(message), "{context}: {}", res.body);
        }
        Expect::NotFound => {
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{context}: {}", res.body);
            assert_site_page(res, context);
            assert!(
                res.body.contains(text::ERROR_NOT_FOUND),
                "{context}: {}",
                res.body
            );
        }
    }
}

#[tokio::test]
async fn each_role_gets_each_page_and_action_it_may_and_is_told_which_role_the_others_need() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    for who in EVERYONE {
        let cookie = cookie_of(&app, who).await;
        for row in TABLE {
            let expect = (row.expect)(who);
            let context = format!("{who:?} × {}", row.what);
            let res = match row.form {
                None => app.get(row.what, cookie.as_deref()).await,
                Some(form) => app.post_form(row.what, form, cookie.as_deref()).await,
            };
            check(&res, expect, &context);
        }
    }
}

#[tokio::test]
async fn each_person_lands_on_their_main_role_and_is_offered_only_what_they_may_do() {
    let app = TestApp::new().await;
    for (username, home) in [
        ("demo.benevole", "/benevole"),
        ("demo.formateur", "/formateur"),
        ("demo.coordination", "/benevole"),
        ("demo.programme", "/programme"),
    ] {
        let res = app
            .post_form(
                "/api/benevole/connexion",
                &[("username", username), ("password", "demo-pas-a-pas")],
                None,
            )
            .await;
        assert_eq!(res.location(), Some(home), "{username}");
    }
    // A trainer-only account: the trainers' area, no volunteers' area, no "add a learner".
    let trainer = app.staff_cookie("demo.formateur", "demo-pas-a-pas").await;
    let page = app.get("/formateur", Some(&trainer)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("href=\"/formateur\""));
    assert!(!page.body.contains("href=\"/benevole\""), "{}", page.body);
    assert!(!page.body.contains(text::DASHBOARD_ADD), "{}", page.body);
    // A volunteer: the volunteers' area and "add a learner", not the trainers' area.
    let volunteer = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let page = app.get("/benevole", Some(&volunteer)).await;
    assert!(page.body.contains("href=\"/benevole\""));
    assert!(page.body.contains(text::DASHBOARD_ADD));
    assert!(!page.body.contains("href=\"/formateur\""), "{}", page.body);
    assert!(!page.body.contains("href=\"/benevole/equipe\""));
    // A coordinator: the team too.
    let coordinator = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let page = app.get("/benevole", Some(&coordinator)).await;
    assert!(page.body.contains("href=\"/benevole/equipe\""));
}

async fn camille_signs_in(app: &TestApp) -> TestResponse {
    app.post_form(
        "/api/benevole/connexion",
        &[
            ("username", "demo.benevole"),
            ("password", "demo-pas-a-pas"),
        ],
        None,
    )
    .await
}

#[tokio::test]
async fn a_coordinator_re_enables_a_disabled_member() {
    let app = TestApp::new().await;
    let coordinator = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let camille = accounts::find_staff_by_username(&app.state.db, "demo.benevole")
        .await
        .unwrap()
        .unwrap();
    let id = camille.id.to_string();
    let res = app
        .post_form(
            "/api/equipe/desactiver",
            &[("id", id.as_str())],
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        res.location(),
        Some("/benevole/equipe?fait=desactive#membres")
    );
    let refused = camille_signs_in(&app).await;
    assert_eq!(
        refused.location(),
        Some("/benevole/connexion?erreur=identifiants")
    );
    let team = app.get("/benevole/equipe", Some(&coordinator)).await;
    team.assert_shows(text::TEAM_ENABLE);
    let res = app
        .post_form(
            "/api/equipe/reactiver",
            &[("id", id.as_str())],
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        res.location(),
        Some("/benevole/equipe?fait=reactive#membres")
    );
    app.get("/benevole/equipe?fait=reactive", Some(&coordinator))
        .await
        .assert_shows("Le compte est réactivé");
    let back = camille_signs_in(&app).await;
    assert_eq!(back.location(), Some("/benevole"));
    // Re-enabling an active account changes nothing; one's own account is not found.
    let coordinator_id = accounts::find_staff_by_username(&app.state.db, "demo.coordination")
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let res = app
        .post_form(
            "/api/equipe/reactiver",
            &[("id", coordinator_id.as_str())],
            Some(&coordinator),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
