//! Trainers (issue 6): the state of every lesson, the preview, saves with the previous
//! version kept (as revisions in the database, issue 18), conflicts between two trainers,
//! undo, drafts, images, and the content reloaded when files change on disk.

use std::time::Duration;

use crate::common::{ORIGIN, TestApp, content_copy};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use sea_orm::{EntityTrait, PaginatorTrait};

use app::ssr::db::entities::step_progress;
use app::ssr::services::authoring;

const FILE: &str = "email-la-poste/adresse-enveloppe.md";

async fn trainer(app: &TestApp) -> String {
    app.staff_cookie("demo.formateur", "demo-pas-a-pas").await
}

/// A content file as every instance serves it (the folder with the browser edits).
async fn read(app: &TestApp, file: &str) -> String {
    authoring::file_state(&app.state.db, &app.state.content, file)
        .await
        .unwrap()
        .current()
        .expect("the file exists")
        .text
}

fn folder_file(dir: &tempfile::TempDir, file: &str) -> String {
    std::fs::read_to_string(dir.path().join(file)).unwrap()
}

async fn save(app: &TestApp, cookie: &str, text: &str, base: &str, action: &str) -> String {
    let res = app
        .post_form(
            "/api/formateur/enregistrer",
            &[
                ("file", FILE),
                ("text", text),
                ("base", base),
                ("action", action),
            ],
            Some(cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    res.location().unwrap().to_string()
}

#[tokio::test]
async fn the_trainer_area_lists_every_lesson_with_its_state_and_is_for_trainers_only() {
    let content = content_copy();
    std::fs::write(
        content.path().join("virus/cassee.md"),
        "+++\ntitle = \"Cassée\"\ncouleur = \"x\"\n+++\n## A\nB.\n",
    )
    .unwrap();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let page = app.get("/formateur", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("L'adresse, c'est l'enveloppe"));
    assert!(page.body.contains("En ligne"));
    assert!(page.body.contains("À corriger"));
    assert!(
        page.body
            .contains("virus/cassee.md:3:1 : clé inconnue « couleur »"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("/formateur/editer?fichier=virus/cassee.md&amp;ligne=3#editeur")
            || page
                .body
                .contains("/formateur/editer?fichier=virus/cassee.md&ligne=3#editeur")
    );
    let volunteer = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    assert_eq!(
        app.get("/formateur", Some(&volunteer)).await.status,
        StatusCode::FORBIDDEN
    );
    let res = app
        .post_form(
            "/api/formateur/enregistrer",
            &[
                ("file", FILE),
                ("text", "x"),
                ("base", "x"),
                ("action", "publier"),
            ],
            Some(&volunteer),
        )
        .await;
    assert!(res.location().is_none_or(|l| l.contains("__err")));
    assert_ne!(read(&app, FILE).await, "x");
}

#[tokio::test]
async fn publishing_keeps_the_previous_version_and_learners_see_it() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let before = read(&app, FILE).await;
    let base = authoring::hash(&before);
    let new = before.replace(
        "Vous connaissez la lettre.",
        "Vous connaissez bien la lettre.",
    );
    let to = save(&app, &cookie, &new, &base, "publier").await;
    assert_eq!(
        to,
        format!("/formateur/editer?fichier={FILE}&enregistre=publie")
    );
    let written = read(&app, FILE).await;
    assert!(written.contains("Vous connaissez bien la lettre."));
    assert!(written.contains("draft = false"));
    // Saved as a revision in the database; the file in the folder (git) is untouched, and
    // the previous version can be put back.
    assert_eq!(folder_file(&content, FILE), before);
    let state = authoring::file_state(&app.state.db, &app.state.content, FILE)
        .await
        .unwrap();
    assert_eq!(state.undo_steps(), 1);
    assert!(!state.changed_in_folder());
    // Learners see the new text at once.
    let page = app
        .get(
            "/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier",
            None,
        )
        .await;
    assert!(
        page.body.contains("Vous connaissez bien la lettre."),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_lesson_with_an_error_cannot_be_published_and_the_text_is_kept() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let before = read(&app, FILE).await;
    let broken = before.replace(
        "## Le signe @ {#arobase}",
        "## Le signe @ {#arobase}\n![](photo.png)",
    );
    let to = save(&app, &cookie, &broken, &authoring::hash(&before), "publier").await;
    assert!(to.contains("&refus=1"), "{to}");
    assert_eq!(read(&app, FILE).await, before, "nothing written");
    let page = app.get(to.split('#').next().unwrap(), Some(&cookie)).await;
    assert!(page.body.contains("Pas publié : la leçon a des erreurs."));
    assert!(
        page.body.contains("image sans texte alternatif"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("![](photo.png)"),
        "the text typed is kept"
    );

    // As a draft it can be saved; learners keep the last valid version meanwhile.
    let to = save(
        &app,
        &cookie,
        &broken,
        &authoring::hash(&before),
        "brouillon",
    )
    .await;
    // The notice says the truth: with errors, the last valid version stays online.
    assert!(to.ends_with("&enregistre=brouillon-en-ligne"), "{to}");
    assert!(read(&app, FILE).await.contains("draft = true"));
    let page = app.get(&to, Some(&cookie)).await;
    page.assert_shows("Les apprenants voient encore l'ancienne version");
    assert!(!page.body.contains("Les apprenants ne le voient pas."));
    let step = app
        .get("/modules/email-la-poste/adresse-enveloppe/arobase", None)
        .await;
    assert_eq!(
        step.status,
        StatusCode::OK,
        "the previous version is still served"
    );
    assert!(!step.body.contains("photo.png"));
}

#[tokio::test]
async fn two_trainers_saving_the_same_lesson_do_not_overwrite_each_other() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let before = read(&app, FILE).await;
    let base = authoring::hash(&before);
    // Someone else saves first (another trainer, or a text editor).
    let theirs = before.replace("Vous connaissez la lettre.", "Leur version.");
    std::fs::write(content.path().join(FILE), &theirs).unwrap();
    let mine = before.replace("Vous connaissez la lettre.", "Ma version.");
    let to = save(&app, &cookie, &mine, &base, "publier").await;
    assert!(to.contains("&conflit=1"), "{to}");
    assert_eq!(
        read(&app, FILE).await,
        theirs,
        "their save is not overwritten"
    );
    let page = app.get(&to, Some(&cookie)).await;
    assert!(
        page.body.contains("Quelqu&#x27;un a enregistré ce fichier")
            || page.body.contains("Quelqu'un a enregistré ce fichier")
    );
    assert!(page.body.contains("Leur version.") && page.body.contains("Ma version."));
    // Saving from the conflict page replaces theirs, knowingly (the base is theirs now).
    let base = page
        .body
        .split("name=\"base\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    save(&app, &cookie, &mine, &base, "publier").await;
    assert!(read(&app, FILE).await.contains("Ma version."));
}

#[tokio::test]
async fn undo_puts_back_the_previous_version() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let before = read(&app, FILE).await;
    let new = before.replace("Vous connaissez la lettre.", "Texte changé.");
    save(&app, &cookie, &new, &authoring::hash(&before), "publier").await;
    let res = app
        .post_form("/api/formateur/annuler", &[("file", FILE)], Some(&cookie))
        .await;
    assert_eq!(
        res.location(),
        Some(&*format!("/formateur/editer?fichier={FILE}&annule=1"))
    );
    assert_eq!(read(&app, FILE).await, before);
    let res = app
        .post_form("/api/formateur/annuler", &[("file", FILE)], Some(&cookie))
        .await;
    assert_eq!(
        res.location(),
        Some(&*format!("/formateur/editer?fichier={FILE}&annule=0"))
    );
}

#[tokio::test]
async fn a_new_lesson_is_a_draft_that_learners_do_not_see_and_nobody_can_assign() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let res = app
        .post_form(
            "/api/formateur/creer",
            &[("module", "virus"), ("title", "Les sauvegardes")],
            Some(&cookie),
        )
        .await;
    assert_eq!(
        res.location(),
        Some("/formateur/editer?fichier=virus/les-sauvegardes.md&nouveau=1")
    );
    assert!(
        read(&app, "virus/les-sauvegardes.md")
            .await
            .contains("draft = true")
    );
    let module = app.get("/modules/virus", None).await;
    assert!(!module.body.contains("Les sauvegardes"));
    assert_eq!(
        app.get("/modules/virus/les-sauvegardes/premiere-etape", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The trainer previews it, step by step, questions answerable.
    let preview = app
        .get(
            "/formateur/apercu?fichier=virus/les-sauvegardes.md",
            Some(&cookie),
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("Première étape"));
    let answered = app
        .get("/formateur/apercu?fichier=virus/les-sauvegardes.md&etape=verifions&question=premiere-question&reponse=a", Some(&cookie))
        .await;
    assert!(
        answered.body.contains("Bravo, c&#x27;est la bonne réponse")
            || answered.body.contains("Bravo, c'est la bonne réponse"),
        "{}",
        answered.body
    );
    // Volunteers cannot advise a draft.
    assert!(
        !app::ssr::services::visits::lesson_choices(&app.state.content.get(), "sauvegardes")
            .iter()
            .any(|l| l.key.contains("sauvegardes"))
    );
    // A new module too.
    let res = app
        .post_form(
            "/api/formateur/creer",
            &[("title", "La banque en ligne")],
            Some(&cookie),
        )
        .await;
    assert_eq!(
        res.location(),
        Some("/formateur/editer?fichier=la-banque-en-ligne/premiere-lecon.md&nouveau=1")
    );
    assert!(
        !app.get("/modules", None)
            .await
            .body
            .contains("La banque en ligne")
    );
}

fn multipart(fields: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----pasapasboundary";
    let mut body = Vec::new();
    for (name, file, value) in fields {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &TestApp, cookie: &str, name: &str, bytes: &[u8], alt: &str) -> String {
    let (content_type, body) = multipart(&[
        ("fichier", None, FILE.as_bytes()),
        ("alt", None, alt.as_bytes()),
        ("image", Some(name), bytes),
    ]);
    let req = Request::post("/formateur/image")
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ORIGIN, ORIGIN)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location().unwrap_or_default().to_string()
}

#[tokio::test]
async fn images_are_checked_and_stored_beside_the_lesson() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let to = upload(&app, &cookie, "Mon Enveloppe.png", &png, "Une enveloppe").await;
    assert!(
        to.contains("&image=%21%5BUne%20enveloppe%5D%28mon-enveloppe.png%29"),
        "{to}"
    );
    // Kept in the database and served to every instance; nothing written in the folder.
    assert!(
        !content
            .path()
            .join("email-la-poste/mon-enveloppe.png")
            .exists()
    );
    let served = app
        .get("/medias/email-la-poste/mon-enveloppe.png", None)
        .await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(&served.raw[..], &png[..]);
    let to = upload(
        &app,
        &cookie,
        "x.svg",
        b"<svg onload=alert(1)>",
        "Un dessin",
    )
    .await;
    assert!(to.contains("erreur-image="), "{to}");
    assert!(!content.path().join("email-la-poste/x.svg").exists());
    let to = upload(&app, &cookie, "y.png", &png, " ").await;
    assert!(to.contains("erreur-image="), "{to}");
    let big = [png.clone(), vec![0u8; 2 * 1024 * 1024]].concat();
    let to = upload(&app, &cookie, "big.png", &big, "Trop lourd").await;
    assert!(to.contains("erreur-image="), "{to}");
}

#[tokio::test(flavor = "multi_thread")]
async fn content_changed_on_disk_is_reloaded_and_progress_survives() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let _watcher = server::startup::watch_content(app.state.content.clone()).unwrap();
    let cookie = app.learner_cookie().await;
    app.post_form(
        "/api/suivant",
        &[
            ("module", "email-la-poste"),
            ("lesson", "adresse-enveloppe"),
            ("step", "une-lettre-mais-sans-papier"),
        ],
        Some(&cookie),
    )
    .await;
    // A trainer edits the file with a text editor (or `git pull`).
    let path = content.path().join(FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Vous connaissez la lettre.", "Texte venu du disque."),
    )
    .unwrap();
    let mut seen = false;
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let page = app
            .get(
                "/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier",
                None,
            )
            .await;
        if page.body.contains("Texte venu du disque.") {
            seen = true;
            break;
        }
    }
    assert!(seen, "the new text was not served within 4 s");
    assert_eq!(
        step_progress::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
    let resume = app
        .get("/modules/email-la-poste/adresse-enveloppe", Some(&cookie))
        .await;
    assert_eq!(
        resume.location(),
        Some("/modules/email-la-poste/adresse-enveloppe/adresse")
    );
    // A broken edit: the previous version keeps being served.
    std::fs::write(&path, "+++\ntitle = \"Cassé\"\n+++\n").unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let page = app
        .get(
            "/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier",
            None,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Texte venu du disque."));
}

/// The key of the kept text in an editor address (`brouillon=…`).
fn draft_key(location: &str) -> String {
    location
        .split("brouillon=")
        .nth(1)
        .expect("a kept text")
        .split(['&', '#'])
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn moving_around_the_preview_without_javascript_keeps_the_text_typed() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let before = read(&app, FILE).await;
    let base = authoring::hash(&before);
    let typed = before.replace("Vous connaissez la lettre.", "Texte tapé, pas enregistré.");

    // A step of the preview: a button of the editor's form, so the text goes with it.
    let editor = app
        .get(&format!("/formateur/editer?fichier={FILE}"), Some(&cookie))
        .await;
    assert!(
        editor
            .body
            .contains("form=\"editeur-formulaire\" name=\"action\" value=\"etape:lire\""),
        "{}",
        editor.body
    );
    let to = save(&app, &cookie, &typed, &base, "etape:lire").await;
    assert!(to.contains("&etape=lire#apercu"), "{to}");
    let page = app.get(&to, Some(&cookie)).await;
    assert!(page.body.contains("Texte tapé, pas enregistré."));
    assert!(
        page.body
            .contains("Quelle adresse e-mail est bien écrite ?")
    );
    assert_eq!(read(&app, FILE).await, before, "nothing written");

    // The check question answered in the editor's preview comes back to the editor, with
    // the kept text.
    let key = draft_key(&to);
    assert!(
        page.body.contains("action=\"/formateur/editer\""),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(&format!("name=\"brouillon\" value=\"{key}\""))
    );
    let answered = app
        .get(
            &format!(
                "/formateur/editer?fichier={FILE}&etape=lire&brouillon={key}&question=adresse-bien-ecrite&reponse=b"
            ),
            Some(&cookie),
        )
        .await;
    assert!(answered.body.contains("Texte tapé, pas enregistré."));
    answered.assert_shows("Bravo, c'est la bonne réponse");

    // A problem's line: a button of the form too; the page opens at the line, text kept.
    let broken = typed.replace(
        "## Le signe @ {#arobase}",
        "## Le signe @ {#arobase}\n![](x.png)",
    );
    let to = save(&app, &cookie, &broken, &base, "publier").await;
    let page = app.get(to.split('#').next().unwrap(), Some(&cookie)).await;
    assert!(page.body.contains("value=\"ligne:36\""), "{}", page.body);
    let to = save(&app, &cookie, &broken, &base, "ligne:36").await;
    assert!(to.contains("&ligne=36#editeur"), "{to}");
    let page = app.get(&to, Some(&cookie)).await;
    assert!(page.body.contains("![](x.png)") && page.body.contains("Texte tapé"));

    // An image sent after the text was kept: the editor comes back with that text.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let key = draft_key(&to);
    let (content_type, body) = multipart(&[
        ("fichier", None, FILE.as_bytes()),
        ("brouillon", None, key.as_bytes()),
        ("alt", None, b"Une enveloppe"),
        ("image", Some("env.png"), &png),
    ]);
    let to = send_multipart(&app, &cookie, content_type, body).await;
    assert_eq!(to.status, StatusCode::SEE_OTHER);
    let to = to.location().unwrap().to_string();
    assert!(to.contains(&format!("&brouillon={key}")), "{to}");
    let page = app.get(&to, Some(&cookie)).await;
    assert!(page.body.contains("![](x.png)") && page.body.contains("Texte tapé"));
}

async fn send_multipart(
    app: &TestApp,
    cookie: &str,
    content_type: String,
    body: Vec<u8>,
) -> crate::common::TestResponse {
    let req = Request::post("/formateur/image")
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ORIGIN, ORIGIN)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn an_image_for_a_lesson_that_does_not_exist_is_a_clear_404() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let (content_type, body) = multipart(&[
        ("fichier", None, b"inexistant/lecon.md"),
        ("alt", None, b"Une image"),
        ("image", Some("a.png"), &png),
    ]);
    let res = send_multipart(&app, &cookie, content_type, body).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    res.assert_shows("Cette leçon n'existe pas.");
    assert!(!content.path().join("inexistant").exists());
}

/// Saves any content file from the editor's form; the address it goes to.
async fn save_file(app: &TestApp, cookie: &str, file: &str, text: &str, action: &str) -> String {
    let base = authoring::hash(&read(app, file).await);
    let res = app
        .post_form(
            "/api/formateur/enregistrer",
            &[
                ("file", file),
                ("text", text),
                ("base", &base),
                ("action", action),
            ],
            Some(cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    res.location().unwrap().to_string()
}

#[tokio::test]
async fn a_module_is_checked_like_the_loader_does_before_it_is_published() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let file = "virus/_index.md";
    let before = read(&app, file).await;
    for (broken, problem) in [
        (
            before.replace("title = \"Se protéger des virus\"", "title = \"\""),
            "le titre est vide",
        ),
        (
            before.replace(
                "competences = [\"4.1\", \"4.2\"]",
                "competences = [\"9.9\"]",
            ),
            "compétence « 9.9 » inconnue",
        ),
        (
            before.replace("prerequisites = []", "prerequisites = [\"nulle-part\"]"),
            "prérequis inconnu : il n'y a pas de module « nulle-part »",
        ),
        (
            before.replace("prerequisites = []", "prerequisites = [\"virus\"]"),
            "ne peut pas être son propre prérequis",
        ),
    ] {
        assert_ne!(broken, before);
        let to = save_file(&app, &cookie, file, &broken, "publier").await;
        assert!(to.contains("&refus=1"), "{problem}: {to}");
        assert_eq!(read(&app, file).await, before, "{problem}: nothing written");
        let page = app.get(to.split('#').next().unwrap(), Some(&cookie)).await;
        page.assert_shows(problem);
        assert!(!page.body.contains("Aucun problème"), "{problem}");
    }
    // The editor shows the problems of the text as it is, before any save.
    let to = save_file(
        &app,
        &cookie,
        file,
        &before.replace(
            "competences = [\"4.1\", \"4.2\"]",
            "competences = [\"9.9\"]",
        ),
        "apercu",
    )
    .await;
    app.get(&to, Some(&cookie))
        .await
        .assert_shows("compétence « 9.9 » inconnue");
}

#[tokio::test]
async fn the_glossary_has_no_draft_and_is_checked_before_it_is_saved() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let file = "glossaire.md";
    let editor = app
        .get("/formateur/editer?fichier=glossaire.md", Some(&cookie))
        .await;
    assert!(
        !editor.body.contains("value=\"brouillon\""),
        "no draft button"
    );
    editor.assert_shows("Le glossaire n'a pas de brouillon.");
    let before = read(&app, file).await;
    // A duplicate word: refused, nothing written.
    let broken = format!("{before}\n## Navigateur\nEncore.\n");
    let to = save_file(&app, &cookie, file, &broken, "publier").await;
    assert!(to.contains("&refus=1"), "{to}");
    assert_eq!(read(&app, file).await, before);
    app.get(to.split('#').next().unwrap(), Some(&cookie))
        .await
        .assert_shows("le mot « Navigateur » est deux fois dans le glossaire");
    // Even sent as a draft (an old form), it is checked, and never marked as a draft:
    // learners see a glossary at once.
    let to = save_file(&app, &cookie, file, &broken, "brouillon").await;
    assert!(to.contains("&refus=1"), "{to}");
    let good = format!("{before}\n## Souris {{#souris-test}}\nL'objet que la main fait glisser.\n");
    let to = save_file(&app, &cookie, file, &good, "brouillon").await;
    assert!(to.ends_with("&enregistre=publie"), "{to}");
    let written = read(&app, file).await;
    assert!(written.contains("L'objet que la main fait glisser."));
    assert!(!written.contains("draft"));
}

#[tokio::test]
async fn undo_after_a_change_it_did_not_see_writes_nothing_and_shows_both_versions() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let before = read(&app, FILE).await;
    let mine = before.replace("Vous connaissez la lettre.", "Ma modification.");
    save(&app, &cookie, &mine, &authoring::hash(&before), "publier").await;
    // The editor's undo button carries the version it was shown with.
    let editor = app
        .get(&format!("/formateur/editer?fichier={FILE}"), Some(&cookie))
        .await;
    let shown = authoring::hash(&read(&app, FILE).await);
    assert!(
        editor
            .body
            .contains(&format!("name=\"base\" value=\"{shown}\"")),
        "{}",
        editor.body
    );
    let mine = read(&app, FILE).await;
    // Meanwhile, another trainer saves the file (from any instance).
    let theirs = mine.replace("Ma modification.", "Leur modification, sur le disque.");
    let other = app.another_instance().await;
    save(&other, &cookie, &theirs, &shown, "publier").await;
    let theirs = read(&app, FILE).await;
    let res = app
        .post_form(
            "/api/formateur/annuler",
            &[("file", FILE), ("base", &shown)],
            Some(&cookie),
        )
        .await;
    let to = res.location().unwrap().to_string();
    assert!(to.contains("&annule=conflit"), "{to}");
    assert_eq!(read(&app, FILE).await, theirs, "nothing written");
    let page = app.get(&to, Some(&cookie)).await;
    page.assert_shows("Rien n'est annulé : le fichier a changé");
    assert!(page.body.contains("Leur modification, sur le disque."));
    assert!(
        page.body.contains("Ma modification."),
        "the version undo would put back"
    );
    // Knowingly, from that page (it shows the current version): undone.
    let current = authoring::hash(&theirs);
    assert!(
        page.body
            .contains(&format!("name=\"base\" value=\"{current}\""))
    );
    let res = app
        .post_form(
            "/api/formateur/annuler",
            &[("file", FILE), ("base", &current)],
            Some(&cookie),
        )
        .await;
    assert!(res.location().unwrap().ends_with("&annule=1"));
    assert_eq!(read(&app, FILE).await, mine);
    // Then back to the text in the folder.
    let res = app
        .post_form("/api/formateur/annuler", &[("file", FILE)], Some(&cookie))
        .await;
    assert!(res.location().unwrap().ends_with("&annule=1"));
    assert_eq!(read(&app, FILE).await, before);
}

#[tokio::test]
async fn the_preview_of_a_lesson_broken_in_its_front_matter_shows_its_problems() {
    let content = content_copy();
    std::fs::write(
        content.path().join("virus/cassee.md"),
        "+++\ntitle = \"Cassée\"\nminutes = \"dix\n+++\n## A\nB.\n",
    )
    .unwrap();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let page = app
        .get("/formateur/apercu?fichier=virus/cassee.md", Some(&cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_shows("Pas d'aperçu");
    assert!(page.body.contains("virus/cassee.md:3:"), "{}", page.body);
    assert!(
        page.body
            .contains("href=\"/formateur/editer?fichier=virus/cassee.md\"")
    );
    // A file that does not exist is still not found.
    assert_eq!(
        app.get("/formateur/apercu?fichier=virus/rien.md", Some(&cookie))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_lesson_published_in_a_draft_module_is_not_shown_as_online() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    app.post_form(
        "/api/formateur/creer",
        &[("title", "Un module neuf")],
        Some(&cookie),
    )
    .await;
    let file = "un-module-neuf/premiere-lecon.md";
    let text = written_over_the_template(&read(&app, file).await);
    let to = save_file(&app, &cookie, file, &text, "publier").await;
    assert!(to.ends_with("&enregistre=publie-cache"), "{to}");
    app.get(&to, Some(&cookie))
        .await
        .assert_shows("Mais le module est un brouillon");
    let page = app.get("/formateur", Some(&cookie)).await;
    let lesson = page
        .body
        .split(&format!("{file}</span>"))
        .next()
        .unwrap()
        .rsplit("<li>")
        .next()
        .unwrap();
    assert!(lesson.contains("Brouillon"), "{lesson}");
    assert!(!lesson.contains("En ligne"), "{lesson}");
}

#[tokio::test]
async fn the_trainer_area_asks_visitors_and_learners_to_sign_in() {
    let app = TestApp::new().await;
    let anonymous = app.get("/formateur", None).await;
    assert_eq!(anonymous.status, StatusCode::FOUND, "{}", anonymous.body);
    assert_eq!(anonymous.location(), Some("/benevole/connexion"));
    let learner = app.learner_cookie().await;
    let res = app.get("/formateur", Some(&learner)).await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    assert_eq!(res.location(), Some("/benevole/connexion"));
    for page in [
        "/formateur/editer?fichier=glossaire.md",
        "/formateur/apercu?fichier=virus/virus.md",
    ] {
        assert_eq!(
            app.get(page, None).await.status,
            StatusCode::FOUND,
            "{page}"
        );
    }
}

#[tokio::test]
async fn templates_write_any_title_as_valid_toml() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let title = r#"C:\dossier et "guillemets""#;
    let res = app
        .post_form(
            "/api/formateur/creer",
            &[("module", "virus"), ("title", title)],
            Some(&cookie),
        )
        .await;
    let file = res
        .location()
        .unwrap()
        .split("fichier=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let text = read(&app, &file).await;
    let split = app::ssr::content::front_matter::split(&text).unwrap();
    let meta: app::ssr::content::front_matter::LessonMeta =
        app::ssr::content::front_matter::parse(&text, &split).unwrap();
    assert_eq!(meta.title, title);
    assert!(meta.draft);
    // Valid: the only errors are the template's sentences, to be replaced before publishing.
    assert!(
        authoring::check(&app.state.content, &file, &text)
            .iter()
            .all(|p| !p.is_error() || p.message.starts_with("texte du modèle encore là")),
        "{text}"
    );
}

/// Browser edits live in the database (every instance serves them): the content folder,
/// kept in git, is never written by the site; `server export-content` writes them out.
#[tokio::test]
async fn browser_edits_never_write_into_the_content_folder() {
    fn listing(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut all = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                all.extend(listing(&path));
            } else {
                all.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
        all.sort();
        all
    }
    let content = content_copy();
    let before_all = listing(content.path());
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let before = read(&app, FILE).await;
    let new = before.replace("Vous connaissez la lettre.", "Autre texte.");
    save(&app, &cookie, &new, &authoring::hash(&before), "publier").await;
    app.post_form(
        "/api/formateur/creer",
        &[("module", "virus"), ("title", "Permissions")],
        Some(&cookie),
    )
    .await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    upload(&app, &cookie, "droits.png", &png, "Une image").await;
    app.post_form("/api/formateur/annuler", &[("file", FILE)], Some(&cookie))
        .await;
    assert_eq!(listing(content.path()), before_all);
    assert!(
        read(&app, "virus/permissions.md")
            .await
            .contains("draft = true")
    );
}

#[tokio::test]
async fn the_problem_quotes_its_line_and_the_line_is_shown_without_javascript() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let before = read(&app, FILE).await;
    let broken = before.replace(
        "## Le signe @ {#arobase}",
        "## Le signe @ {#arobase}\n![](ligne-citee.png)",
    );
    let to = save(
        &app,
        &cookie,
        &broken,
        &authoring::hash(&before),
        "ligne:36",
    )
    .await;
    let page = app.get(&to, Some(&cookie)).await;
    // The problem list quotes the line concerned.
    assert!(
        page.body.contains("« ![](ligne-citee.png) »"),
        "{}",
        page.body
    );
    // The line asked for is shown above the text area, with its number.
    page.assert_shows("Le problème est à la ligne 36");
    assert!(
        page.body.contains("→ 36 | ![](ligne-citee.png)"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_draft_of_a_live_lesson_changes_nothing_learners_see_until_it_is_published() {
    const STEP: &str = "/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier";
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let learner = app.learner_cookie().await;
    assert_eq!(app.get(STEP, Some(&learner)).await.status, StatusCode::OK);
    let cookie = trainer(&app).await;
    let before = read(&app, FILE).await;
    let draft = before
        .replace("Vous connaissez la lettre.", "Texte du brouillon.")
        .replace("## Le signe @ {#arobase}", "## Le signe arobase {#arobase}");
    let to = save(
        &app,
        &cookie,
        &draft,
        &authoring::hash(&before),
        "brouillon",
    )
    .await;
    assert!(to.ends_with("&enregistre=brouillon-en-ligne"), "{to}");
    let page = app.get(&to, Some(&cookie)).await;
    page.assert_shows("Les apprenants voient encore l'ancienne version");
    // The trainer works on the draft…
    let saved = read(&app, FILE).await;
    assert!(saved.contains("Texte du brouillon.") && saved.contains("draft = true"));
    assert!(
        page.body.contains("Texte du brouillon."),
        "the editor shows the draft"
    );
    let overview = app.get("/formateur", Some(&cookie)).await;
    overview.assert_shows("En ligne, brouillon en cours");
    // …while learners, on this instance and on another, keep the published version: the
    // learner mid-lesson goes on, the lesson stays in the module and can still be advised.
    let other = app.another_instance().await;
    for instance in [&app, &other] {
        let step = instance.get(STEP, Some(&learner)).await;
        assert_eq!(step.status, StatusCode::OK);
        assert!(
            step.body.contains("Vous connaissez la lettre."),
            "{}",
            step.body
        );
        assert!(!step.body.contains("Texte du brouillon."));
        let module = instance
            .get("/modules/email-la-poste", Some(&learner))
            .await;
        assert!(module.body.contains("adresse-enveloppe"));
        assert!(
            app::ssr::services::visits::lesson_choices(&instance.state.content.get(), "")
                .iter()
                .any(|l| l.key.contains("adresse-enveloppe"))
        );
    }
    // Exported for git, the published version is written and the draft stays.
    let out = tempfile::tempdir().unwrap();
    let exported = server::cli::export_content(&app.config, out.path())
        .await
        .unwrap();
    assert_eq!(exported.drafts_left, 1);
    let written = std::fs::read_to_string(out.path().join(FILE)).unwrap();
    assert!(written.contains("Vous connaissez la lettre.") && !written.contains("draft = true"));
    // Published, learners see it at once.
    let to = save(&app, &cookie, &saved, &authoring::hash(&saved), "publier").await;
    assert!(to.ends_with("&enregistre=publie"), "{to}");
    let step = app.get(STEP, Some(&learner)).await;
    assert!(step.body.contains("Texte du brouillon."), "{}", step.body);
    let overview = app.get("/formateur", Some(&cookie)).await;
    assert!(!overview.body.contains("En ligne, brouillon en cours"));
}

#[tokio::test]
async fn a_new_lesson_cannot_be_published_with_the_text_of_its_template() {
    let content = content_copy();
    let app = TestApp::with_content(content.path()).await;
    let cookie = trainer(&app).await;
    let res = app
        .post_form(
            "/api/formateur/creer",
            &[("module", "virus"), ("title", "Les sauvegardes")],
            Some(&cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    let file = "virus/les-sauvegardes.md";
    let template = read(&app, file).await;
    let to = save_file(&app, &cookie, file, &template, "publier").await;
    assert!(to.contains("&refus=1"), "{to}");
    let page = app.get(to.split('#').next().unwrap(), Some(&cookie)).await;
    page.assert_shows("texte du modèle encore là");
    page.assert_shows("Écrivez ici des phrases courtes.");
    assert_eq!(
        app.get("/modules/virus/les-sauvegardes/premiere-etape", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Once written it can be published.
    let to = save_file(
        &app,
        &cookie,
        file,
        &written_over_the_template(&template),
        "publier",
    )
    .await;
    assert!(to.contains("&enregistre=publie"), "{to}");
    assert_eq!(
        app.get("/modules/virus/les-sauvegardes/premiere-etape", None)
            .await
            .status,
        StatusCode::OK
    );
}

/// A new lesson's template with every sentence of the template replaced.
fn written_over_the_template(template: &str) -> String {
    template
        .replace(
            "Une phrase qui dit ce que la personne va apprendre.",
            "Garder une copie de ses photos.",
        )
        .replace(
            "Ce que la personne sait faire à la fin.",
            "Je sais copier une photo.",
        )
        .replace(
            "Écrivez ici des phrases courtes.\nUne idée par phrase.",
            "Une sauvegarde est une copie.",
        )
        .replace(
            "Comparez avec une chose connue.",
            "Comme une photocopie de vos papiers.",
        )
        .replace("La question ?", "Une sauvegarde, c'est :")
        .replace("La bonne réponse", "Une copie")
        .replace("Oui ! L'explication.", "Oui, une copie gardée ailleurs.")
        .replace("Une autre réponse", "Un virus")
        .replace(
            "Non. L'explication, avec gentillesse.",
            "Non, c'est une copie.",
        )
}

/// Issue 19, item 8: a module archived or deleted by a trainer.
mod archive_and_delete {
    use super::*;
    use app::ssr::services::{accounts, follow_up};

    const MODULE_PAGE: &str = "/modules/email-la-poste";
    const STEP: &str = "/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier";

    async fn archive(app: &TestApp, cookie: &str, module: &str, action: &str) -> TestResponseOf {
        app.post_form(
            "/api/formateur/archiver",
            &[("module", module), ("action", action)],
            Some(cookie),
        )
        .await
    }

    async fn delete(app: &TestApp, cookie: &str, module: &str, confirm: bool) -> TestResponseOf {
        let mut form = vec![("module", module)];
        if confirm {
            form.push(("confirme", "1"));
        }
        app.post_form("/api/formateur/supprimer", &form, Some(cookie))
            .await
    }

    type TestResponseOf = crate::common::TestResponse;

    /// The demo learner has seen a step of the module, and was advised another lesson of it.
    async fn learner_started_the_module(app: &TestApp) -> String {
        let cookie = app.learner_cookie().await;
        let res = app
            .post_form(
                "/api/suivant",
                &[
                    ("module", "email-la-poste"),
                    ("lesson", "adresse-enveloppe"),
                    ("step", "une-lettre-mais-sans-papier"),
                ],
                Some(&cookie),
            )
            .await;
        assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
        let camille = accounts::find_staff_by_username(&app.state.db, "demo.benevole")
            .await
            .unwrap()
            .unwrap();
        follow_up::assign(
            &app.state.db,
            app.demo_learner_id().await,
            &[("email-la-poste".into(), "ecrire-un-message".into())],
            camille.id,
            None,
        )
        .await
        .unwrap();
        cookie
    }

    /// Asks `app` for `path` until `check` holds of its page (another instance reloads within
    /// a second or two).
    async fn within_two_seconds(
        app: &TestApp,
        path: &str,
        cookie: Option<&str>,
        check: impl Fn(&crate::common::TestResponse) -> bool,
    ) {
        let start = std::time::Instant::now();
        loop {
            let page = app.get(path, cookie).await;
            if check(&page) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(2),
                "{path} not as expected within 2 s: {} {}",
                page.status,
                page.body
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    #[tokio::test]
    async fn an_archived_module_keeps_learners_history_and_offers_no_new_work() {
        let content = content_copy();
        let app = TestApp::with_content(content.path()).await;
        let other = app.another_instance().await;
        let learner = learner_started_the_module(&app).await;
        let id = app.demo_learner_id().await;
        let volunteer = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
        let home = app.get("/", Some(&learner)).await;
        assert!(
            home.body.contains("Écrire et envoyer un message"),
            "{}",
            home.body
        );
        assert!(app.get("/modules", None).await.body.contains(MODULE_PAGE));
        let seance = format!("/benevole/apprenants/{id}/seance");
        assert!(
            app.get(&seance, Some(&volunteer))
                .await
                .body
                .contains("value=\"email-la-poste/")
        );

        let cookie = trainer(&app).await;
        let res = archive(&app, &cookie, "email-la-poste", "archiver").await;
        assert_eq!(
            res.location(),
            Some("/formateur?module=email-la-poste&fait=archive#module-email-la-poste")
        );
        let page = app
            .get(
                "/formateur?module=email-la-poste&fait=archive",
                Some(&cookie),
            )
            .await;
        page.assert_shows("Le module est archivé.");
        page.assert_shows("Archivé");
        page.assert_shows("Remettre ce module en ligne");

        // Out of the catalogue and of the advised lessons, on both instances…
        assert!(!app.get("/modules", None).await.body.contains(MODULE_PAGE));
        within_two_seconds(&other, "/modules", None, |p| !p.body.contains(MODULE_PAGE)).await;
        let home = app.get("/", Some(&learner)).await;
        assert!(
            !home.body.contains("Écrire et envoyer un message"),
            "{}",
            home.body
        );
        assert!(
            !home.body.contains("La boîte de réception"),
            "no next lesson of an archived module: {}",
            home.body
        );
        // …and a volunteer cannot advise its lessons any more.
        let choices = app.get(&seance, Some(&volunteer)).await;
        assert!(
            !choices.body.contains("value=\"email-la-poste/"),
            "{}",
            choices.body
        );
        // The learner's history is still there and named: the booklet, the volunteer's page,
        // the step itself (by its link).
        app.get("/carnet", Some(&learner))
            .await
            .assert_shows("L'adresse, c'est l'enveloppe");
        app.get(&format!("/benevole/apprenants/{id}"), Some(&volunteer))
            .await
            .assert_shows("L'adresse, c'est l'enveloppe");
        assert_eq!(app.get(STEP, Some(&learner)).await.status, StatusCode::OK);
        assert_eq!(
            step_progress::Entity::find()
                .count(&app.state.db)
                .await
                .unwrap(),
            1
        );

        // Un-archived: offered again, everywhere.
        let res = archive(&app, &cookie, "email-la-poste", "desarchiver").await;
        assert_eq!(
            res.location(),
            Some("/formateur?module=email-la-poste&fait=desarchive#module-email-la-poste")
        );
        assert!(app.get("/modules", None).await.body.contains(MODULE_PAGE));
        within_two_seconds(&other, "/modules", None, |p| p.body.contains(MODULE_PAGE)).await;
        let home = app.get("/", Some(&learner)).await;
        assert!(
            home.body.contains("Écrire et envoyer un message"),
            "{}",
            home.body
        );
    }

    #[tokio::test]
    async fn a_module_someone_started_is_not_deleted_and_archiving_is_offered() {
        let content = content_copy();
        let app = TestApp::with_content(content.path()).await;
        learner_started_the_module(&app).await;
        let cookie = trainer(&app).await;
        // Without the confirmation box ticked: nothing happens, and the page says why.
        let res = delete(&app, &cookie, "email-la-poste", false).await;
        let to = res.location().unwrap().to_string();
        assert_eq!(
            to,
            "/formateur?module=email-la-poste&refus=confirmer#module-email-la-poste"
        );
        app.get(&to, Some(&cookie))
            .await
            .assert_shows("cochez d'abord la case");
        // Confirmed, but a learner has started it: refused in plain French, archive offered.
        let res = delete(&app, &cookie, "email-la-poste", true).await;
        let to = res.location().unwrap().to_string();
        assert_eq!(
            to,
            "/formateur?module=email-la-poste&refus=progression&apprenants=1#module-email-la-poste"
        );
        let page = app.get(&to, Some(&cookie)).await;
        page.assert_shows("Ce module ne peut pas être supprimé : un apprenant l'a déjà commencé.");
        page.assert_shows("Vous pouvez l'archiver à la place");
        assert!(page.body.contains("name=\"action\" value=\"archiver\""));
        // Nothing changed for learners.
        assert_eq!(app.get(MODULE_PAGE, None).await.status, StatusCode::OK);
        assert!(app.get("/modules", None).await.body.contains(MODULE_PAGE));
        // Archiving from that message works.
        archive(&app, &cookie, "email-la-poste", "archiver").await;
        assert!(!app.get("/modules", None).await.body.contains(MODULE_PAGE));
    }

    #[tokio::test]
    async fn a_module_nobody_started_is_deleted_on_every_instance() {
        let content = content_copy();
        let app = TestApp::with_content(content.path()).await;
        let other = app.another_instance().await;
        assert_eq!(
            other.get("/modules/virus", None).await.status,
            StatusCode::OK
        );
        // Progress in another module does not count.
        learner_started_the_module(&app).await;
        let cookie = trainer(&app).await;
        let res = delete(&app, &cookie, "virus", true).await;
        assert_eq!(res.location(), Some("/formateur?fait=supprime"));
        let page = app.get("/formateur?fait=supprime", Some(&cookie)).await;
        page.assert_shows("Le module est supprimé.");
        assert!(
            !page.body.contains("Se protéger des virus"),
            "{}",
            page.body
        );
        assert_eq!(
            app.get("/modules/virus", None).await.status,
            StatusCode::NOT_FOUND
        );
        within_two_seconds(&other, "/modules/virus", None, |p| {
            p.status == StatusCode::NOT_FOUND
        })
        .await;
        // Its files in the folder (git) are untouched; a third instance started now hides it
        // too (the state is in the database).
        assert!(content.path().join("virus/_index.md").is_file());
        let third = app.another_instance().await;
        assert_eq!(
            third.get("/modules/virus", None).await.status,
            StatusCode::NOT_FOUND
        );
        // A deleted module is not archived nor deleted again: it is not found.
        let res = archive(&app, &cookie, "virus", "archiver").await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{:?}", res.location());
        // A new module of the same title gets a name of its own.
        let res = app
            .post_form("/api/formateur/creer", &[("title", "Virus")], Some(&cookie))
            .await;
        let to = res.location().unwrap();
        assert!(to.contains("fichier=virus-2/"), "{to}");
    }

    /// A module created in the browser (only in the database) is deleted the same way, and
    /// a learner's progress written at the same moment is never lost: either the delete
    /// sees it and refuses, or the progress came after and the module was already gone.
    #[tokio::test]
    async fn a_module_created_in_the_browser_can_be_deleted() {
        let content = content_copy();
        let app = TestApp::with_content(content.path()).await;
        let cookie = trainer(&app).await;
        let res = app
            .post_form(
                "/api/formateur/creer",
                &[("title", "Module d'essai")],
                Some(&cookie),
            )
            .await;
        assert!(res.location().unwrap().contains("module-d-essai/"));
        app.get("/formateur", Some(&cookie))
            .await
            .assert_shows("Module d'essai");
        let res = delete(&app, &cookie, "module-d-essai", true).await;
        assert_eq!(res.location(), Some("/formateur?fait=supprime"));
        assert!(
            !app.get("/formateur", Some(&cookie))
                .await
                .body
                .contains("Module d'essai")
        );
        // Unknown or malformed modules are not found.
        for module in ["nulle-part", "../etc", "module-d-essai"] {
            let res = delete(&app, &cookie, module, true).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{module}");
        }
    }

    #[tokio::test]
    async fn only_trainers_archive_or_delete() {
        let content = content_copy();
        let app = TestApp::with_content(content.path()).await;
        let volunteer = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
        let res = archive(&app, &volunteer, "virus", "archiver").await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        res.assert_shows("réservée aux formateurs");
        let res = delete(&app, &volunteer, "virus", true).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert_eq!(app.get("/modules/virus", None).await.status, StatusCode::OK);
        assert!(
            app.get("/modules", None)
                .await
                .body
                .contains("/modules/virus")
        );
    }
}
