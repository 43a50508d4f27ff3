//! Practice exercises (issue 7), through the real router: goal checking for each kind
//! (right, and each kind of wrong), attempts recorded for the volunteer, and the uploaded
//! file never kept nor served.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{ORIGIN, TestApp, content_copy};
use sea_orm::{EntityTrait, QueryOrder};

use app::ssr::db::entities::answer;

const LESSON: &str = "+++
title = \"Exercices de test\"
weight = 99
+++
## La boîte {#boite}

Envoyez la photo.

```exercice courriel {#photo}
consigne = \"Envoyez une photo à Marie, avec un objet.\"
[but]
a = \"marie.dupont@exemple.fr\"
piece_jointe = \"image\"
[[messages]]
de = \"Banque\"
adresse = \"alerte@banque-secure.top\"
objet = \"Compte bloqué\"
texte = \"Cliquez vite.\"
arnaque = true
indices = [\"L'adresse finit par .top.\"]
```

## Le site {#site}

Faites la demande.

```exercice formulaire {#demande}
service = \"Mon compte santé (exercice)\"
consigne = \"Identifiant : jeanne. Mot de passe : Soleil.\"
identifiant = \"jeanne\"
mot_de_passe = \"Soleil\"
[[etapes]]
titre = \"Le montant\"
[[etapes.champs]]
nom = \"montant\"
libelle = \"Montant payé\"
type = \"montant\"
attendu = \"25\"
```

## Vrai ou faux {#vrai-ou-faux}

Regardez bien.

```exercice arnaque {#colis}
adresse = \"https://colis-laposte.top\"
arnaque = true
indices = [\"L'adresse finit par .top.\"]
```

## La souris {#souris}

Essayez.

```exercice souris {#gestes}
gestes = [\"clic\", \"double-clic\", \"taper\"]
```
";

const STEP: &str = "/modules/virus/exercices-test";
const MARKER: &[u8] = b"PAP-TEST-UPLOAD-7f3a";

async fn app() -> (TestApp, tempfile::TempDir) {
    let content = content_copy();
    std::fs::write(content.path().join("virus/exercices-test.md"), LESSON).unwrap();
    let app = TestApp::with_content(content.path()).await;
    (app, content)
}

/// Posts a multipart form to `/exercice` from `origin`, as a browser does; `file` is
/// (name, bytes).
async fn send_exercise(
    app: &TestApp,
    cookie: Option<&str>,
    origin: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> common::TestResponse {
    let boundary = "----pasapasboundary";
    let mut body: Vec<u8> = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let mut req = Request::post("/exercice")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, origin);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    app.send(req.body(Body::from(body)).unwrap()).await
}

/// An action in exercise `ex` of `step` of the test lesson; returns where it leads.
async fn post(
    app: &TestApp,
    cookie: Option<&str>,
    step: &str,
    ex: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> String {
    let mut all = vec![
        ("module", "virus"),
        ("lesson", "exercices-test"),
        ("step", step),
        ("ex", ex),
    ];
    all.extend_from_slice(fields);
    let res = send_exercise(app, cookie, ORIGIN, &all, file).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let to = res.location().unwrap().to_string();
    assert!(to.starts_with(&format!("{STEP}/{step}?")), "{to}");
    to
}

async fn last_answer(app: &TestApp) -> answer::Model {
    answer::Entity::find()
        .order_by_desc(answer::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("an answer")
}

fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(MARKER);
    bytes
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.path().is_dir() {
            out.extend(files_under(&entry.path()));
        } else {
            out.push(entry.path());
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn the_mailbox_explains_each_mistake_then_sends_and_never_keeps_the_file() {
    let (app, content) = app().await;
    let cookie = app.learner_cookie().await;
    let before = files_under(content.path());

    // No attachment, no subject: both explained, what was typed kept.
    let to = post(
        &app,
        Some(&cookie),
        "boite",
        "photo",
        &[
            ("a", "marie.dupont@exemple.fr"),
            ("objet", ""),
            ("texte", "Coucou"),
        ],
        None,
    )
    .await;
    assert!(
        to.contains("conseil=sans-objet%2Csans-piece-jointe"),
        "{to}"
    );
    let a = last_answer(&app).await;
    assert_eq!((a.question.as_str(), a.correct), ("photo", false));
    let page = app.get(&to, Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Le message n&#x27;a pas de pièce jointe")
            || page.body.contains("Le message n'a pas de pièce jointe"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Joindre un fichier"));
    assert!(page.body.contains("Coucou"));
    assert!(page.body.contains("aucun vrai message n"));

    // The wrong address.
    let to = post(
        &app,
        Some(&cookie),
        "boite",
        "photo",
        &[("a", "marie.dupond@exemple.fr"), ("objet", "Photo")],
        Some(("chat.png", &png())),
    )
    .await;
    assert!(to.contains("conseil=mauvais-destinataire"), "{to}");

    // A program renamed as a photo is not a photo.
    let mut program = b"MZ\x90\x00".to_vec();
    program.extend_from_slice(MARKER);
    let to = post(
        &app,
        Some(&cookie),
        "boite",
        "photo",
        &[("a", "marie.dupont@exemple.fr"), ("objet", "Photo")],
        Some(("chat.jpg", &program)),
    )
    .await;
    assert!(to.contains("conseil=mauvaise-piece-jointe"), "{to}");

    // Right: sent.
    let to = post(
        &app,
        Some(&cookie),
        "boite",
        "photo",
        &[("a", "Marie.Dupont@exemple.fr"), ("objet", "Photo du chat")],
        Some(("chat.png", &png())),
    )
    .await;
    assert!(to.contains("vue=envoye"), "{to}");
    assert!(last_answer(&app).await.correct);
    let page = app.get(&to, Some(&cookie)).await;
    assert!(page.body.contains("Le message est parti"));
    assert!(page.body.contains("chat.png"));

    // The file was never written: no new file in content/ nor in the data folder, and
    // nothing in the temporary folder holds its bytes; it is served to nobody.
    assert_eq!(files_under(content.path()), before);
    for f in files_under(app.dir.path()) {
        let bytes = std::fs::read(&f).unwrap();
        assert!(!bytes.windows(MARKER.len()).any(|w| w == MARKER), "{f:?}");
    }
    for path in ["/medias/virus/chat.png", "/chat.png", "/pkg/chat.png"] {
        assert_eq!(
            app.get(path, None).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    // The scam of the inbox.
    let to = post(
        &app,
        Some(&cookie),
        "boite",
        "photo",
        &[("message", "1"), ("reponse", "arnaque")],
        None,
    )
    .await;
    let a = last_answer(&app).await;
    assert_eq!((a.question.as_str(), a.correct), ("photo:message-1", true));
    let page = app.get(&to, Some(&cookie)).await;
    assert!(
        page.body.contains("L&#x27;adresse finit par .top.")
            || page.body.contains("L'adresse finit par .top.")
    );
}

#[tokio::test]
async fn the_pretend_site_signs_in_validates_like_real_sites_and_confirms() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    let to = post(
        &app,
        Some(&cookie),
        "site",
        "demande",
        &[
            ("ecran", "connexion"),
            ("identifiant", "jeanne"),
            ("mot-de-passe", "soleil"),
        ],
        None,
    )
    .await;
    assert!(to.contains("erreur=connexion"), "{to}");
    let page = app.get(&to, Some(&cookie)).await;
    assert!(page.body.contains("Identifiant ou mot de passe incorrect."));
    let to = post(
        &app,
        Some(&cookie),
        "site",
        "demande",
        &[
            ("ecran", "connexion"),
            ("identifiant", "jeanne"),
            ("mot-de-passe", "Soleil"),
        ],
        None,
    )
    .await;
    assert!(to.contains("ecran=1"), "{to}");
    // The amount with the euro sign: refused as a real site does, explained simply.
    let to = post(
        &app,
        Some(&cookie),
        "site",
        "demande",
        &[("ecran", "1"), ("v.montant", "25 €")],
        None,
    )
    .await;
    assert!(to.contains("erreur=montant%3Aformat"), "{to}");
    let page = app.get(&to, Some(&cookie)).await;
    assert!(page.body.contains("Format du montant invalide."));
    assert!(page.body.contains("aria-invalid=\"true\""));
    let a = last_answer(&app).await;
    assert_eq!((a.choices.as_str(), a.correct), ("montant:format", false));
    // The wrong amount.
    let to = post(
        &app,
        Some(&cookie),
        "site",
        "demande",
        &[("ecran", "1"), ("v.montant", "52")],
        None,
    )
    .await;
    assert!(to.contains("erreur=montant%3Avaleur"), "{to}");
    // Right, then confirmed.
    let to = post(
        &app,
        Some(&cookie),
        "site",
        "demande",
        &[("ecran", "1"), ("v.montant", "25,00")],
        None,
    )
    .await;
    assert!(to.contains("ecran=confirmer"), "{to}");
    let to = post(
        &app,
        Some(&cookie),
        "site",
        "demande",
        &[("ecran", "confirmer"), ("v.montant", "25,00")],
        None,
    )
    .await;
    assert!(to.contains("ecran=fini"), "{to}");
    assert!(last_answer(&app).await.correct);
}

#[tokio::test]
async fn spot_the_fake_and_mouse_practice_are_recorded_and_seen_by_the_volunteer() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    let to = post(
        &app,
        Some(&cookie),
        "vrai-ou-faux",
        "colis",
        &[("reponse", "vrai")],
        None,
    )
    .await;
    assert!(!last_answer(&app).await.correct);
    let page = app.get(&to, Some(&cookie)).await;
    assert!(page.body.contains("Pas tout à fait."));
    post(
        &app,
        Some(&cookie),
        "vrai-ou-faux",
        "colis",
        &[("reponse", "arnaque")],
        None,
    )
    .await;
    assert!(last_answer(&app).await.correct);

    // Typing: wrong then right.
    post(
        &app,
        Some(&cookie),
        "souris",
        "gestes",
        &[("geste", "taper"), ("mot", "bonjuor")],
        None,
    )
    .await;
    assert!(!last_answer(&app).await.correct);
    let to = post(
        &app,
        Some(&cookie),
        "souris",
        "gestes",
        &[("geste", "taper"), ("mot", "Bonjour")],
        None,
    )
    .await;
    assert!(to.contains("fait=taper"), "{to}");
    // Three missed double-clicks in a row.
    for _ in 0..3 {
        post(
            &app,
            Some(&cookie),
            "souris",
            "gestes",
            &[("geste", "double-clic"), ("reussi", "0")],
            None,
        )
        .await;
    }
    let a = last_answer(&app).await;
    assert_eq!(
        (a.question.as_str(), a.correct),
        ("gestes:double-clic", false)
    );

    let volunteer = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let dashboard = app.get("/benevole", Some(&volunteer)).await;
    assert!(
        dashboard.body.contains("A du mal avec le double-clic"),
        "{}",
        dashboard.body
    );
    let id = app.demo_learner_id().await;
    let detail = app
        .get(&format!("/benevole/apprenants/{id}"), Some(&volunteer))
        .await;
    assert!(
        detail
            .body
            .contains("Exercice souris et clavier : le double-clic")
    );
    assert!(detail.body.contains("Exercice vrai ou arnaque"));
}

#[tokio::test]
async fn without_signing_in_the_exercise_works_and_records_nothing() {
    let (app, _content) = app().await;
    let to = post(
        &app,
        None,
        "vrai-ou-faux",
        "colis",
        &[("reponse", "arnaque")],
        None,
    )
    .await;
    assert!(to.contains("verdict=arnaque"));
    assert!(
        answer::Entity::find()
            .one(&app.state.db)
            .await
            .unwrap()
            .is_none()
    );
    // An exercise that does not exist (any more) leads back to the step.
    let gone = [
        ("module", "virus"),
        ("lesson", "exercices-test"),
        ("step", "souris"),
        ("ex", "disparu"),
    ];
    let res = send_exercise(&app, None, ORIGIN, &gone, None).await;
    assert_eq!(res.location(), Some("/modules/virus/exercices-test/souris"));
    // Another site cannot post for the learner.
    let res = send_exercise(&app, None, "https://evil.example", &[], None).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_exercise_attempt_counts_as_activity() {
    use sea_orm::{ActiveModelTrait, Set};
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    let id = app.demo_learner_id().await;
    let long_ago = app::ssr::db::now() - 30 * 86400;
    let l = app::ssr::db::entities::learner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut l: app::ssr::db::entities::learner::ActiveModel = l.into();
    l.last_active_at = Set(Some(long_ago));
    l.update(&app.state.db).await.unwrap();
    post(
        &app,
        Some(&cookie),
        "vrai-ou-faux",
        "colis",
        &[("reponse", "vrai")],
        None,
    )
    .await;
    let l = app::ssr::db::entities::learner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(l.last_active_at.unwrap() > long_ago);
}
