//! Practice exercises (issue 7), through the real router: goal checking for each kind
//! (right, and each kind of wrong), attempts recorded for the volunteer, and the uploaded
//! file never kept nor served.

use crate::common::{ORIGIN, TestApp, content_copy};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
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

## Les fichiers {#fichiers}

Joignez un fichier.

```exercice courriel {#nimporte}
consigne = \"Envoyez n'importe quel fichier à Marie.\"
[but]
a = \"marie.dupont@exemple.fr\"
objet = false
piece_jointe = \"fichier\"
```

```exercice formulaire {#justificatif}
service = \"Mon compte santé (exercice)\"
consigne = \"Identifiant : jeanne. Mot de passe : Soleil.\"
identifiant = \"jeanne\"
mot_de_passe = \"Soleil\"
[[etapes]]
titre = \"Le justificatif\"
[[etapes.champs]]
nom = \"scan\"
libelle = \"Justificatif\"
type = \"fichier\"
```

## Les erreurs {#erreurs}

Trompez-vous.

```exercice courriel {#lettre}
consigne = \"Écrivez à Marie, avec un message.\"
[but]
a = \"marie.dupont@exemple.fr\"
objet = false
message = true
```

```exercice formulaire {#dossier}
service = \"Mon compte santé (exercice)\"
consigne = \"Identifiant : jeanne. Mot de passe : Soleil.\"
identifiant = \"jeanne\"
mot_de_passe = \"Soleil\"
[[etapes]]
titre = \"Le dossier\"
[[etapes.champs]]
nom = \"nom\"
libelle = \"Votre nom\"
type = \"texte\"
[[etapes.champs]]
nom = \"date\"
libelle = \"Date des soins\"
type = \"date\"
[[etapes.champs]]
nom = \"motif\"
libelle = \"Motif\"
type = \"choix\"
choix = [\"Consultation\", \"Pharmacie\"]
[[etapes.champs]]
nom = \"scan\"
libelle = \"Justificatif\"
type = \"fichier\"
```

## La souris {#souris}

Essayez.

```exercice souris {#gestes}
gestes = [\"clic\", \"double-clic\", \"taper\", \"glisser\", \"defiler\"]
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
) -> crate::common::TestResponse {
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
        &[("ecran", "1"), ("v.montant", "25 €"), ("etat", &etat(&to))],
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
        &[("ecran", "1"), ("v.montant", "52"), ("etat", &etat(&to))],
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
        &[("ecran", "1"), ("v.montant", "25,00"), ("etat", &etat(&to))],
        None,
    )
    .await;
    assert!(to.contains("ecran=confirmer"), "{to}");
    app.get(&to, Some(&cookie)).await.assert_shows("25,00");
    let to = post(
        &app,
        Some(&cookie),
        "site",
        "demande",
        &[("ecran", "confirmer"), ("etat", &etat(&to))],
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
    let token = mouse_token(&app, &cookie).await;
    post(
        &app,
        Some(&cookie),
        "souris",
        "gestes",
        &[("geste", "taper"), ("mot", "bonjuor"), ("jeton", &token)],
        None,
    )
    .await;
    assert!(!last_answer(&app).await.correct);
    let to = post(
        &app,
        Some(&cookie),
        "souris",
        "gestes",
        &[("geste", "taper"), ("mot", "Bonjour"), ("jeton", &token)],
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
            &[("geste", "double-clic"), ("reussi", "0"), ("jeton", &token)],
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

/// A photo of `size` bytes, as a phone makes them.
fn big_jpeg(size: usize) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.resize(size, 0x55);
    bytes
}

async fn answers_count(app: &TestApp) -> usize {
    answer::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_photo_over_20_mb_is_read_to_the_end_and_explained_as_too_heavy() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    // Over the lessons' "20 Mo" (`piece-jointe/verifier-et-envoyer.md`).
    let photo = big_jpeg(21 * 1024 * 1024);

    // The mailbox: an answer (not a cut connection), one attempt, the size hint.
    let to = post(
        &app,
        Some(&cookie),
        "boite",
        "photo",
        &[("a", "marie.dupont@exemple.fr"), ("objet", "Photo")],
        Some(("grande-photo.jpg", &photo)),
    )
    .await;
    assert!(to.contains("conseil=fichier-trop-lourd"), "{to}");
    assert!(!to.contains("sans-piece-jointe"), "{to}");
    assert_eq!(answers_count(&app).await, 1);
    let a = last_answer(&app).await;
    assert_eq!(
        (a.choices.as_str(), a.correct),
        ("fichier-trop-lourd", false)
    );
    let page = app.get(&to, Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows(
        "Le fichier est trop lourd : 20 Mo au plus. Choisissez une photo plus petite",
    );
    assert!(!page.body.contains("pas une photo"), "{}", page.body);
    // The file dialog is told which files fit.
    page.assert_shows("accept=\"image/png,image/jpeg");

    // "Any file": a file too heavy is not accepted either.
    let to = post(
        &app,
        Some(&cookie),
        "fichiers",
        "nimporte",
        &[("a", "marie.dupont@exemple.fr")],
        Some(("enorme.bin", &photo)),
    )
    .await;
    assert!(to.contains("conseil=fichier-trop-lourd"), "{to}");
    assert!(!last_answer(&app).await.correct);
    let to = post(
        &app,
        Some(&cookie),
        "fichiers",
        "nimporte",
        &[("a", "marie.dupont@exemple.fr")],
        Some(("petit.bin", b"quelques octets")),
    )
    .await;
    assert!(to.contains("vue=envoye"), "{to}");

    // The pretend site: its own message, not "type de fichier non accepté".
    let signed = post(
        &app,
        Some(&cookie),
        "fichiers",
        "justificatif",
        &[
            ("ecran", "connexion"),
            ("identifiant", "jeanne"),
            ("mot-de-passe", "Soleil"),
        ],
        None,
    )
    .await;
    let to = post(
        &app,
        Some(&cookie),
        "fichiers",
        "justificatif",
        &[("ecran", "1"), ("etat", &etat(&signed))],
        Some(("scan.jpg", &photo)),
    )
    .await;
    assert!(to.contains("erreur=scan%3Atrop-lourd"), "{to}");
    assert_eq!(last_answer(&app).await.choices, "scan:trop-lourd");
    let page = app.get(&to, Some(&cookie)).await;
    page.assert_shows("Le fichier dépasse la taille maximale autorisée (20 Mo).");
    page.assert_shows("Le fichier est trop lourd : 20 Mo au plus.");
    assert!(!page.body.contains("Type de fichier non accepté"));
}

#[tokio::test]
async fn a_file_far_too_heavy_gets_a_french_page_and_records_nothing() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    let before = answers_count(&app).await;
    let huge = big_jpeg(app::ssr::services::practice::MAX_REQUEST_BYTES + 1024);
    let res = send_exercise(
        &app,
        Some(&cookie),
        ORIGIN,
        &[
            ("module", "virus"),
            ("lesson", "exercices-test"),
            ("step", "boite"),
            ("ex", "photo"),
            ("a", "marie.dupont@exemple.fr"),
        ],
        Some(("enorme-photo.jpg", &huge)),
    )
    .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    res.assert_shows("beaucoup trop lourd");
    res.assert_shows("Revenez en arrière");
    assert_eq!(answers_count(&app).await, before);
}

/// The key of what the server kept of the exercise, from the URL it led to.
fn etat(url: &str) -> String {
    query_value(url, "etat").unwrap_or_else(|| panic!("no etat in {url}"))
}

/// The token of the mouse exercise, as the server renders it in the page.
async fn mouse_token(app: &TestApp, cookie: &str) -> String {
    let page = app.get(&format!("{STEP}/souris"), Some(cookie)).await;
    let at = page.body.find("name=\"jeton\" value=\"").expect("a token") + 20;
    page.body[at..].split('"').next().unwrap().to_string()
}

/// The value of `name` in the query string of `url`.
fn query_value(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1.split('#').next()?;
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
}

#[tokio::test]
async fn a_very_long_url_gets_an_answer_signed_in_or_not() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    let long = "x".repeat(9 * 1024);
    for path in [
        format!("{STEP}/boite?ex=photo&vue=ecrire&texte={long}"),
        format!("/carnet?q={long}"),
        format!("/?q={long}"),
    ] {
        for who in [None, Some(cookie.as_str())] {
            let res = tokio::time::timeout(std::time::Duration::from_secs(20), app.get(&path, who))
                .await
                .unwrap_or_else(|_| {
                    panic!("no answer for {} signed in: {}", &path[..40], who.is_some())
                });
            assert!(
                res.status == StatusCode::OK
                    || res.status == StatusCode::FOUND
                    || res.status == StatusCode::URI_TOO_LONG,
                "{}: {}",
                res.status,
                &path[..40]
            );
        }
    }
}

#[tokio::test]
async fn forged_progress_is_not_counted_as_a_success() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    // The pretend site: the confirmation with the expected values, never signed in, no scan.
    for fields in [
        vec![("ecran", "confirmer"), ("v.montant", "25")],
        vec![
            ("ecran", "confirmer"),
            ("v.montant", "25"),
            ("etat", "invente"),
        ],
        vec![("ecran", "1"), ("v.montant", "25")],
    ] {
        let to = post(&app, Some(&cookie), "site", "demande", &fields, None).await;
        assert!(to.contains("ecran=connexion"), "{to}");
        let page = app.get(&to, Some(&cookie)).await;
        page.assert_shows("Pour continuer, connectez-vous d");
    }
    assert_eq!(answers_count(&app).await, 0);
    // Signed in, then straight to the confirmation: back to the screen left to fill.
    let signed = post(
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
    let to = post(
        &app,
        Some(&cookie),
        "site",
        "demande",
        &[
            ("ecran", "confirmer"),
            ("v.montant", "25"),
            ("etat", &etat(&signed)),
        ],
        None,
    )
    .await;
    assert!(to.contains("ecran=1"), "{to}");
    assert_eq!(answers_count(&app).await, 0);
    // A scan named in a hidden field, never uploaded, is no scan.
    let signed = post(
        &app,
        Some(&cookie),
        "fichiers",
        "justificatif",
        &[
            ("ecran", "connexion"),
            ("identifiant", "jeanne"),
            ("mot-de-passe", "Soleil"),
        ],
        None,
    )
    .await;
    let to = post(
        &app,
        Some(&cookie),
        "fichiers",
        "justificatif",
        &[("ecran", "1"), ("v.scan", "rien"), ("etat", &etat(&signed))],
        None,
    )
    .await;
    assert!(to.contains("erreur=scan%3Avide"), "{to}");
    assert!(!last_answer(&app).await.correct);

    // Mouse practice: a success reported without a page the server rendered.
    let before = answers_count(&app).await;
    for token in ["", "invente"] {
        let to = post(
            &app,
            Some(&cookie),
            "souris",
            "gestes",
            &[("geste", "double-clic"), ("reussi", "1"), ("jeton", token)],
            None,
        )
        .await;
        assert!(to.contains("reussi=perime"), "{to}");
        app.get(&to, Some(&cookie))
            .await
            .assert_shows("pas été compté. Essayez encore");
    }
    assert_eq!(answers_count(&app).await, before);
}

#[tokio::test]
async fn the_message_typed_in_the_mailbox_stays_out_of_the_url() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    let to = post(
        &app,
        Some(&cookie),
        "boite",
        "photo",
        &[
            ("a", "marie"),
            ("objet", "Mes codes"),
            ("texte", "Mon code secret 1234"),
        ],
        None,
    )
    .await;
    assert!(!to.contains("1234") && !to.contains("codes"), "{to}");
    let page = app.get(&to, Some(&cookie)).await;
    page.assert_shows("Mon code secret 1234");
    // Nor in the comfort link's `retour`.
    assert!(!page.body.contains("texte%3D"), "{}", page.body);
    // The same address, on the same PC, once the learner has signed out: nothing shown.
    let after = app.get(&to, None).await;
    assert_eq!(after.status, StatusCode::OK);
    assert!(!after.body.contains("1234"), "{}", after.body);
}

#[tokio::test]
async fn without_javascript_a_double_click_is_not_tried_not_missed() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    let page = app.get(&format!("{STEP}/souris"), Some(&cookie)).await;
    // Without the script, the double-click button posts "not tried".
    page.assert_shows("name=\"sans-js\" value=\"1\"");
    let token = mouse_token(&app, &cookie).await;
    for _ in 0..3 {
        let to = post(
            &app,
            Some(&cookie),
            "souris",
            "gestes",
            &[
                ("geste", "double-clic"),
                ("reussi", "0"),
                ("sans-js", "1"),
                ("jeton", &token),
            ],
            None,
        )
        .await;
        assert!(to.contains("reussi=sans-js"), "{to}");
    }
    let a = last_answer(&app).await;
    assert_eq!(
        (a.question.as_str(), a.choices.as_str()),
        ("gestes:double-clic", "sans-js")
    );
    let volunteer = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let dashboard = app.get("/benevole", Some(&volunteer)).await;
    assert!(
        !dashboard.body.contains("A du mal avec le double-clic"),
        "{}",
        dashboard.body
    );
    let id = app.demo_learner_id().await;
    app.get(&format!("/benevole/apprenants/{id}"), Some(&volunteer))
        .await
        .assert_shows("pas essayé (sans JavaScript)");
}

#[tokio::test]
async fn each_mailbox_mistake_through_the_router() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    for (to, text, code, hint) in [
        (
            "",
            "Bonjour",
            "sans-destinataire",
            "Le champ « À » est vide.",
        ),
        (
            "marie.dupont.exemple.fr",
            "Bonjour",
            "sans-arobase",
            "Il manque l",
        ),
        (
            "marie dupont@exemple.fr",
            "Bonjour",
            "adresse-mal-ecrite",
            "adresse est mal écrite",
        ),
        (
            "marie.dupont@exemple.fr",
            "  ",
            "sans-texte",
            "Le message est vide.",
        ),
    ] {
        let url = post(
            &app,
            Some(&cookie),
            "erreurs",
            "lettre",
            &[("a", to), ("texte", text)],
            None,
        )
        .await;
        assert!(url.contains(&format!("conseil={code}")), "{url}");
        let a = last_answer(&app).await;
        assert_eq!((a.choices.as_str(), a.correct), (code, false));
        app.get(&url, Some(&cookie)).await.assert_shows(hint);
    }
    let url = post(
        &app,
        Some(&cookie),
        "erreurs",
        "lettre",
        &[("a", "marie.dupont@exemple.fr"), ("texte", "Bonjour Marie")],
        None,
    )
    .await;
    assert!(url.contains("vue=envoye"), "{url}");
    assert!(last_answer(&app).await.correct);
}

/// Fields posted, the file, the error code in the URL, and a text the page shows.
type FormCase<'a> = (
    Vec<(&'a str, &'a str)>,
    Option<(&'a str, &'a [u8])>,
    &'a str,
    &'a str,
);

#[tokio::test]
async fn each_form_mistake_through_the_router() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    let mut url = post(
        &app,
        Some(&cookie),
        "erreurs",
        "dossier",
        &[
            ("ecran", "connexion"),
            ("identifiant", "jeanne"),
            ("mot-de-passe", "Soleil"),
        ],
        None,
    )
    .await;
    let good = [
        ("v.nom", "Jeanne Martin"),
        ("v.date", "05/03/2025"),
        ("v.motif", "Pharmacie"),
    ];
    let with = |name: &str, value: &'static str| -> Vec<(&'static str, &'static str)> {
        good.iter()
            .map(|(n, v)| if *n == name { (*n, value) } else { (*n, *v) })
            .collect()
    };
    let mut program = b"MZ\x90\x00".to_vec();
    program.extend_from_slice(MARKER);
    let cases: Vec<FormCase> = vec![
        // First, before any file is accepted (an accepted file is kept for the next tries).
        (
            good.to_vec(),
            None,
            "scan%3Avide",
            "Veuillez joindre un justificatif.",
        ),
        (
            with("v.nom", ""),
            Some(("f.pdf", b"%PDF-1.4")),
            "nom%3Avide",
            "Ce champ est obligatoire.",
        ),
        (
            with("v.date", "5 mars"),
            Some(("f.pdf", b"%PDF-1.4")),
            "date%3Aformat",
            "Date invalide (format attendu : JJ/MM/AAAA).",
        ),
        (
            with("v.motif", "Autre"),
            Some(("f.pdf", b"%PDF-1.4")),
            "motif%3Aformat",
            "Motif",
        ),
        (
            good.to_vec(),
            Some(("facture.pdf", &program)),
            "scan%3Afichier",
            "Type de fichier non accepté.",
        ),
    ];
    for (fields, file, code, shown) in cases {
        let key = etat(&url);
        let mut all = vec![("ecran", "1"), ("etat", key.as_str())];
        all.extend(fields);
        let next = post(&app, Some(&cookie), "erreurs", "dossier", &all, file).await;
        assert!(next.contains(&format!("erreur={code}")), "{next}");
        assert!(!last_answer(&app).await.correct);
        app.get(&next, Some(&cookie)).await.assert_shows(shown);
        url = next;
    }
    let key = etat(&url);
    let mut all = vec![("ecran", "1"), ("etat", key.as_str())];
    all.extend(good);
    let next = post(
        &app,
        Some(&cookie),
        "erreurs",
        "dossier",
        &all,
        Some(("facture.pdf", b"%PDF-1.4")),
    )
    .await;
    assert!(next.contains("ecran=confirmer"), "{next}");
    let done = post(
        &app,
        Some(&cookie),
        "erreurs",
        "dossier",
        &[("ecran", "confirmer"), ("etat", &etat(&next))],
        None,
    )
    .await;
    assert!(done.contains("ecran=fini"), "{done}");
    assert!(last_answer(&app).await.correct);
}

#[tokio::test]
async fn click_scroll_and_drag_through_the_router() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    let token = mouse_token(&app, &cookie).await;
    for (fields, key, right, message) in [
        (
            vec![("geste", "clic")],
            "gestes:clic",
            true,
            "Bravo, vous avez cliqué !",
        ),
        (
            vec![("geste", "defiler")],
            "gestes:defiler",
            true,
            "Bravo, vous avez trouvé le bas de la page !",
        ),
        (
            vec![("geste", "glisser"), ("reussi", "0")],
            "gestes:glisser",
            false,
            "Presque ! Gardez le bouton appuyé",
        ),
        (
            vec![("geste", "glisser"), ("reussi", "1")],
            "gestes:glisser",
            true,
            "Bravo, la lettre est dans l",
        ),
    ] {
        let mut all = fields.clone();
        all.push(("jeton", &token));
        let url = post(&app, Some(&cookie), "souris", "gestes", &all, None).await;
        let a = last_answer(&app).await;
        assert_eq!((a.question.as_str(), a.correct), (key, right));
        app.get(&url, Some(&cookie)).await.assert_shows(message);
    }
}

/// Sends `GET path` over a real TCP connection to the real server (axum::serve, hyper's
/// limits) and returns the status line; panics after 20 s without an answer.
async fn get_over_tcp(addr: std::net::SocketAddr, path: &str, cookie: Option<&str>) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let cookie = cookie.map_or_else(String::new, |c| format!("Cookie: {c}\r\n"));
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:3000\r\nAccept-Encoding: gzip\r\n{cookie}\
         Connection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(20),
        stream.read_to_end(&mut answer),
    )
    .await
    .unwrap_or_else(|_| panic!("no answer in 20 s to a URL of {} bytes", path.len()))
    .unwrap();
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_url_over_a_real_connection_gets_an_answer() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let site = app.router.clone();
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            axum::ServiceExt::<axum::extract::Request>::into_make_service_with_connect_info::<
                std::net::SocketAddr,
            >(site),
        )
        .await
    });
    for n in [8 * 1024, 9 * 1024, 20 * 1024, 100 * 1024] {
        let long = "x".repeat(n);
        for path in [
            format!("{STEP}/boite?ex=photo&vue=ecrire&texte={long}"),
            format!("/?q={long}"),
        ] {
            for who in [None, Some(cookie.as_str())] {
                let status = get_over_tcp(addr, &path, who).await;
                assert!(
                    status.starts_with("HTTP/1.1 200") || status.starts_with("HTTP/1.1 414"),
                    "{n} bytes, signed in {}: {status}",
                    who.is_some()
                );
            }
        }
    }
    server.abort();
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

#[tokio::test]
async fn a_previous_learner_s_exercise_tab_never_saves_into_the_next_learner_s_account() {
    let (app, _content) = app().await;
    let jeanne = app.learner_cookie().await;
    let page = app.get(&format!("{STEP}/boite"), Some(&jeanne)).await;
    let owner =
        crate::common::owner_in(&page.body).expect("the exercise form says whose page it is");
    assert_eq!(owner, app.demo_learner_id().await.to_string());
    app.post_form("/api/deconnexion", &[], Some(&jeanne)).await;
    let (bernard, bernard_id) = app.another_learner("Bernard").await;
    let fields = [
        ("module", "virus"),
        ("lesson", "exercices-test"),
        ("step", "boite"),
        ("ex", "photo"),
        ("a", "marie.dupont@exemple.fr"),
        ("objet", "Photo"),
        ("owner", owner.as_str()),
    ];
    let res = send_exercise(
        &app,
        Some(&bernard),
        ORIGIN,
        &fields,
        Some(("photo.png", &png())),
    )
    .await;
    assert_eq!(res.location(), Some("/pas-enregistre"), "{}", res.body);
    assert_eq!(answers_count(&app).await, 0);
    // From his own page, it is saved.
    let own = bernard_id.to_string();
    let mut fields = fields.to_vec();
    fields.pop();
    fields.push(("owner", &own));
    let res = send_exercise(
        &app,
        Some(&bernard),
        ORIGIN,
        &fields,
        Some(("photo.png", &png())),
    )
    .await;
    assert!(
        res.location().unwrap().starts_with(STEP),
        "{:?}",
        res.location()
    );
    assert_eq!(answers_count(&app).await, 1);
}

/// Issue 19, item 3: an address typo keeps everything, the chosen file included (by its
/// name and kind, in the database with the rest of what the server kept; never its bytes);
/// the message sent is then in "Messages envoyés".
#[tokio::test]
async fn an_address_typo_keeps_the_chosen_file_and_the_sent_folder_shows_the_message() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    let typo = post(
        &app,
        Some(&cookie),
        "boite",
        "photo",
        &[("a", "marie.dupond@exemple.fr"), ("objet", "Photo du chat")],
        Some(("chat.png", &png())),
    )
    .await;
    assert!(typo.contains("conseil=mauvais-destinataire"), "{typo}");
    assert!(!typo.contains("pj=1"), "{typo}");
    let page = app.get(&typo, Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("Fichier déjà joint :");
    page.assert_shows("chat.png");
    page.assert_shows("value=\"marie.dupond@exemple.fr\"");
    page.assert_shows("value=\"Photo du chat\"");
    assert!(!page.body.contains("choisissez-le encore une fois"));
    // The compose form carries the key of what the server kept.
    let key = etat(&typo);
    page.assert_shows(&format!("name=\"etat\" value=\"{key}\""));

    // Only the address corrected, no file chosen again: sent with the kept file.
    let sent = post(
        &app,
        Some(&cookie),
        "boite",
        "photo",
        &[
            ("a", "marie.dupont@exemple.fr"),
            ("objet", "Photo du chat"),
            ("etat", &key),
        ],
        None,
    )
    .await;
    assert!(sent.contains("vue=envoye"), "{sent}");
    assert!(last_answer(&app).await.correct);
    let page = app.get(&sent, Some(&cookie)).await;
    page.assert_shows("Le message est parti");
    page.assert_shows("chat.png");

    // "Messages envoyés" lists it; before sending, it was empty.
    let folder = format!("{STEP}/boite?ex=photo&vue=envoyes&etat={}", etat(&sent));
    let page = app.get(&folder, Some(&cookie)).await;
    page.assert_shows("Messages envoyés");
    page.assert_shows("Photo du chat");
    page.assert_shows("marie.dupont@exemple.fr");
    let empty = app
        .get(&format!("{STEP}/boite?ex=photo&vue=envoyes"), Some(&cookie))
        .await;
    empty.assert_shows("Aucun message envoyé pour l");

    // The kept file can be taken off: then the message has no attachment.
    let typo = post(
        &app,
        Some(&cookie),
        "boite",
        "photo",
        &[("a", "marie.dupond@exemple.fr"), ("objet", "Photo")],
        Some(("chat.png", &png())),
    )
    .await;
    let removed = post(
        &app,
        Some(&cookie),
        "boite",
        "photo",
        &[
            ("a", "marie.dupont@exemple.fr"),
            ("objet", "Photo"),
            ("etat", &etat(&typo)),
            ("retirer", "1"),
        ],
        None,
    )
    .await;
    assert!(removed.contains("conseil=sans-piece-jointe"), "{removed}");
    // Another learner cannot use the key: nothing of theirs is shown nor sent.
    let (other, _) = app.another_learner("Bernard").await;
    let theirs = post(
        &app,
        Some(&other),
        "boite",
        "photo",
        &[
            ("a", "marie.dupont@exemple.fr"),
            ("objet", "Photo"),
            ("etat", &etat(&typo)),
        ],
        None,
    )
    .await;
    assert!(theirs.contains("sans-piece-jointe"), "{theirs}");
}

/// Issue 19, item 3: the webmail list shows unread messages in bold and a paperclip; a
/// message opened is read from then on (the links carry it), all in a pretend browser
/// window with a pretend address and a padlock.
#[tokio::test]
async fn the_webmail_shows_unread_messages_and_a_pretend_address_bar() {
    let (app, _content) = app().await;
    let cookie = app.learner_cookie().await;
    let inbox = app
        .get(&format!("{STEP}/boite?ex=photo"), Some(&cookie))
        .await;
    inbox.assert_shows("class=\"browser-address\"");
    inbox.assert_shows("https://courriel.exemple.fr/boite-de-reception");
    inbox.assert_shows("class=\"icon padlock\"");
    inbox.assert_shows("webmail-row unread");
    inbox.assert_shows("Non lu : ");
    inbox.assert_shows("Messages envoyés");
    let open = app
        .get(
            &format!("{STEP}/boite?ex=photo&vue=message-1"),
            Some(&cookie),
        )
        .await;
    open.assert_shows("Compte bloqué");
    open.assert_shows("lus=1");
    let back = app
        .get(
            &format!("{STEP}/boite?ex=photo&vue=boite&lus=1"),
            Some(&cookie),
        )
        .await;
    assert!(!back.body.contains("webmail-row unread"), "{}", back.body);
    assert!(!back.body.contains("Non lu : "));

    // The pretend public-service site: its address, and a pretend identity button that
    // signs in.
    let site = app
        .get(&format!("{STEP}/site?ex=demande"), Some(&cookie))
        .await;
    site.assert_shows("https://mon-compte-sante.exemple.fr");
    site.assert_shows("Se connecter avec Mon Identité (exercice)");
    let signed = post(
        &app,
        Some(&cookie),
        "site",
        "demande",
        &[("ecran", "connexion"), ("identite", "1")],
        None,
    )
    .await;
    assert!(signed.contains("ecran=1"), "{signed}");
    let page = app.get(&signed, Some(&cookie)).await;
    page.assert_shows("Montant payé");
}

/// Issue 19, item 5: the shipped "Créer son adresse e-mail" simulator has no sign-in page;
/// a typo is kept and explained; the end is reached only through every screen, and is
/// recorded for the volunteer.
#[tokio::test]
async fn the_pretend_account_creation_form_goes_to_its_end() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let step = "/modules/creer-adresse-e-mail/creer-le-compte/exercice";
    let page = app.get(step, Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("Courriel Facile (exercice)");
    page.assert_shows("Prénom");
    assert!(!page.body.contains("Mot de passe incorrect"));
    let send = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let cookie = cookie.clone();
        async move {
            let mut all: Vec<(&str, &str)> = vec![
                ("module", "creer-adresse-e-mail"),
                ("lesson", "creer-le-compte"),
                ("step", "exercice"),
                ("ex", "creer-mon-adresse"),
            ];
            all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
            let res = send_exercise(app, Some(&cookie), ORIGIN, &all, None).await;
            assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
            res.location().unwrap().to_string()
        }
    };
    let to = send(vec![
        ("ecran", "1".into()),
        ("v.prenom", "Jeanne".into()),
        ("v.nom", "Martin".into()),
    ])
    .await;
    assert!(to.contains("ecran=2"), "{to}");
    let typo = send(vec![
        ("ecran", "2".into()),
        ("etat", etat(&to)),
        ("v.adresse", "jeanne martin".into()),
    ])
    .await;
    assert!(typo.contains("erreur=adresse%3Avaleur"), "{typo}");
    let page = app.get(&typo, Some(&cookie)).await;
    page.assert_shows("value=\"jeanne martin\"");
    let mut to = send(vec![
        ("ecran", "2".into()),
        ("etat", etat(&typo)),
        ("v.adresse", "jeanne.martin".into()),
    ])
    .await;
    // The password screen has a real password field (dots), with a plain-words hint.
    assert!(to.contains("ecran=3"), "{to}");
    let page = app.get(&to, Some(&cookie)).await;
    // The `<input …>` tag of the password field, whole.
    let password_input = |body: &str| {
        let at = body
            .find("name=\"v.mot-de-passe\"")
            .expect("a password field");
        let start = body[..at].rfind("<input").unwrap();
        let end = at + body[at..].find('>').unwrap();
        body[start..=end].to_string()
    };
    let input = password_input(&page.body);
    assert!(input.contains("type=\"password\""), "{input}");
    assert!(!input.contains("value="), "{input}");
    page.assert_shows("petits points");
    // A wrong password (capitals count, as on a real site) is not shown back: the field
    // is empty again, as a real site empties it.
    let wrong = send(vec![
        ("ecran", "3".into()),
        ("etat", etat(&to)),
        ("v.mot-de-passe", "tournesol-piano-vert-24".into()),
    ])
    .await;
    assert!(wrong.contains("erreur=mot-de-passe%3Avaleur"), "{wrong}");
    let page = app.get(&wrong, Some(&cookie)).await;
    let input = password_input(&page.body);
    assert!(input.contains("type=\"password\""), "{input}");
    assert!(!input.contains("value="), "{input}");
    assert!(!page.body.contains("value=\"tournesol"), "{}", page.body);
    to = wrong;
    for (screen, name, value) in [
        ("3", "v.mot-de-passe", "Tournesol-Piano-Vert-24"),
        ("4", "v.telephone", "06 39 98 12 34"),
    ] {
        assert!(to.contains(&format!("ecran={screen}")), "{to}");
        to = send(vec![
            ("ecran", screen.into()),
            ("etat", etat(&to)),
            (name, value.into()),
        ])
        .await;
    }
    assert!(to.contains("ecran=confirmer"), "{to}");
    let page = app.get(&to, Some(&cookie)).await;
    page.assert_shows("jeanne.martin");
    // The summary hides the password and the last button says what real sign-up forms say.
    page.assert_shows("<dd>••••••••</dd>");
    assert!(!page.body.contains("<dd>Tournesol"), "{}", page.body);
    page.assert_shows("Vérifiez vos informations");
    page.assert_shows("Créer mon compte");
    assert!(!page.body.contains("Envoyer ma demande"), "{}", page.body);
    let done = send(vec![("ecran", "confirmer".into()), ("etat", etat(&to))]).await;
    assert!(done.contains("ecran=fini"), "{done}");
    app.get(&done, Some(&cookie))
        .await
        .assert_shows("Votre compte est créé");
    let a = last_answer(&app).await;
    assert_eq!(
        (a.question.as_str(), a.choices.as_str(), a.correct),
        ("creer-mon-adresse", "envoye", true)
    );
}
