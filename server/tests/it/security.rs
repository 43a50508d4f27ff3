//! Security of what the site sends (issue 15), through the real router: every text that
//! reaches a page comes back escaped (titles included), the Content-Security-Policy and its
//! nonce (pages rendered and pages from the cache of steps), `no-store` on private pages
//! and downloads, HSTS and the `__Host-` session cookie over HTTPS, only local paths to
//! come back to after a form, the login card's QR code (no sign-in on a GET), CSV
//! downloads safe for a spreadsheet, and the origin check against the configured origin.

use std::cell::RefCell;

use crate::common::{TestApp, TestResponse, content_copy};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use sea_orm::{ActiveModelTrait, Set};

use app::ssr::db::entities::structure;
use app::ssr::services::accounts::{self, Roles};

/// Texts that would run a script, or change the page, if a page wrote them as they are.
const PAYLOADS: [&str; 7] = [
    "T </title><script>alert(1)</script><title>",
    "</title><script src=//evil.example/x.js></script>",
    "</textarea><script>alert(2)</script>",
    "<img src=x onerror=alert(3)>",
    "\" onmouseover=\"alert(4)\" x=\"",
    "' onmouseover='alert(5)' x='",
    "&lt;b&gt; &amp;amp; 6",
];

/// What an HTML page holds, read by html5ever's tokenizer the way a browser reads it
/// (`<title>` and `<textarea>` as escapable text, `<script>` as script data).
#[derive(Debug, Default)]
struct Scan {
    /// The `<title>` elements' text, decoded.
    titles: Vec<String>,
    /// All text of the page, decoded (what a reader sees, scripts' code included).
    text: String,
    /// Every `<script>`'s attributes.
    scripts: Vec<Vec<(String, String)>>,
    /// Every `on…=` attribute, and every `style=` attribute and `<style>` element.
    inline: Vec<String>,
    /// Every `javascript:` address.
    js_urls: Vec<String>,
    /// Every `<input>`'s name and value.
    inputs: Vec<(String, String)>,
    in_title: bool,
}

struct Sink(RefCell<Scan>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut s = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == TagKind::EndTag {
                    if name == "title" {
                        s.in_title = false;
                    }
                    return TokenSinkResult::Continue;
                }
                let attrs: Vec<(String, String)> = tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                for (n, v) in &attrs {
                    if n.starts_with("on") || n == "style" {
                        s.inline.push(format!("<{name} {n}=\"{v}\">"));
                    }
                    if matches!(n.as_str(), "href" | "src" | "action" | "formaction")
                        && v.trim().to_ascii_lowercase().starts_with("javascript:")
                    {
                        s.js_urls.push(v.clone());
                    }
                }
                if name == "input" {
                    let get = |k: &str| {
                        attrs
                            .iter()
                            .find(|(n, _)| n == k)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default()
                    };
                    s.inputs.push((get("name"), get("value")));
                }
                match name.as_str() {
                    "title" => {
                        s.titles.push(String::new());
                        s.in_title = true;
                        return TokenSinkResult::RawData(RawKind::Rcdata);
                    }
                    "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                    "script" => {
                        s.scripts.push(attrs);
                        return TokenSinkResult::RawData(RawKind::ScriptData);
                    }
                    "style" => {
                        s.inline.push("<style>".into());
                        return TokenSinkResult::RawData(RawKind::Rawtext);
                    }
                    _ => {}
                }
            }
            Token::CharacterTokens(t) => {
                if s.in_title
                    && let Some(title) = s.titles.last_mut()
                {
                    title.push_str(&t);
                }
                s.text.push_str(&t);
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn scan(html: &str) -> Scan {
    let tokenizer = Tokenizer::new(
        Sink(RefCell::new(Scan::default())),
        TokenizerOpts::default(),
    );
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// The nonce of a response's Content-Security-Policy.
fn policy_nonce(res: &TestResponse) -> String {
    let policy = res
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .expect("a Content-Security-Policy")
        .to_str()
        .unwrap();
    let start = policy.find("'nonce-").expect("a nonce") + "'nonce-".len();
    policy[start..].split('\'').next().unwrap().to_string()
}

/// Fails unless the page has exactly one title, no script but this site's files and the
/// ones carrying the response's nonce, no inline handler or style, no `javascript:` link.
fn assert_nothing_injected(what: &str, res: &TestResponse) -> Scan {
    assert_eq!(res.status, StatusCode::OK, "{what}: {}", res.body);
    let s = scan(&res.body);
    assert_eq!(s.titles.len(), 1, "{what}: one <title>: {:?}", s.titles);
    assert!(s.inline.is_empty(), "{what}: inline {:?}", s.inline);
    assert!(s.js_urls.is_empty(), "{what}: {:?}", s.js_urls);
    let nonce = policy_nonce(res);
    for attrs in &s.scripts {
        let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let local_file =
            get("src").is_some_and(|src| src.starts_with('/') && !src.starts_with("//"));
        assert!(
            local_file || get("nonce") == Some(nonce.as_str()),
            "{what}: a script that is not ours: {attrs:?}"
        );
    }
    s
}

/// Fails unless `payload` is shown as text in the page (escaped, not stripped), and, with
/// `in_title`, in its title.
fn assert_shown_as_text(what: &str, s: &Scan, payload: &str, in_title: bool) {
    assert!(
        s.text.contains(payload),
        "{what}: {payload:?} not shown as text"
    );
    if in_title {
        assert!(
            s.titles[0].contains(payload),
            "{what}: {payload:?} not in the title {:?}",
            s.titles[0]
        );
    }
}

/// Text for Markdown that shows as it is (trainers may not write HTML in a lesson, but
/// they may write `\<` to show a `<`).
fn markdown_text(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\`*_{}[]<>()#+-.!&|~\"'".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A TOML basic string's content.
fn toml_str(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

const MODULE: &str = "email-la-poste";
const LESSON_FILE: &str = "email-la-poste/adresse-enveloppe.md";
const LESSON: &str = "/modules/email-la-poste/adresse-enveloppe";

/// A copy of the lessons whose module title, lesson title, a step's title and the
/// glossary hold `payload`.
fn content_with(payload: &str) -> tempfile::TempDir {
    let content = content_copy();
    let edit = |file: &str, f: &dyn Fn(String) -> String| {
        let path = content.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, f(text)).unwrap();
    };
    edit("email-la-poste/_index.md", &|t| {
        t.replacen(
            "title = \"L'e-mail, c'est comme La Poste\"",
            &format!("title = \"Module {}\"", toml_str(payload)),
            1,
        )
    });
    edit(LESSON_FILE, &|t| {
        t.replacen(
            "title = \"L'adresse, c'est l'enveloppe\"",
            &format!("title = \"Leçon {}\"", toml_str(payload)),
            1,
        )
        .replacen(
            "## Le signe @ {#arobase}",
            &format!("## Le signe @ {} {{#arobase}}", markdown_text(payload)),
            1,
        )
    });
    edit("glossaire.md", &|t| {
        t.replacen(
            "Un fichier envoyé avec un e-mail : une photo ou un document.",
            &format!(
                "Un fichier envoyé avec un e-mail {}.",
                markdown_text(payload)
            ),
            1,
        )
    });
    content
}

#[tokio::test]
async fn every_text_that_reaches_a_page_comes_back_escaped_title_included() {
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let content = content_with(payload);
        let report = app::ssr::content::load(content.path());
        let errors: Vec<String> = report
            .problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| p.to_string())
            .collect();
        assert!(errors.is_empty(), "payload {i}: {errors:#?}");
        let app = TestApp::with_content(content.path()).await;
        let catalog = app.state.content.get();
        let (m, l) = catalog
            .lesson(MODULE, "adresse-enveloppe")
            .unwrap_or_else(|| panic!("payload {i}: the lesson does not load"));
        assert!(
            m.meta.title.contains(payload) && l.meta.title.contains(payload),
            "payload {i}"
        );
        let db = &app.state.db;

        // The demo structure, renamed; a learner and a member of staff named with it.
        let camille = accounts::find_staff_by_username(db, "demo.benevole")
            .await
            .unwrap()
            .unwrap();
        structure::ActiveModel {
            id: Set(camille.structure_id),
            name: Set(format!("Asso {payload}")),
            ..Default::default()
        }
        .update(db)
        .await
        .unwrap();
        let name = format!("Lou {payload}");
        let lou = accounts::create_learner(db, camille.structure_id, Some(camille.id), &name, None)
            .await
            .unwrap();
        accounts::create_staff(
            db,
            &app.state.passwords,
            camille.structure_id,
            &format!("autre.{i}"),
            &format!("Alix {payload}"),
            "un mot de passe long et sûr",
            Roles {
                volunteer: true,
                ..Roles::default()
            },
        )
        .await
        .unwrap();

        // Lou signs in, accepts notes, asks for help, and opens the lesson's steps.
        let lou_cookie = app.learner_cookie_for(&lou.code).await;
        app.post_form(
            "/api/confidentialite",
            &[("notes", "oui"), ("back", "/")],
            Some(&lou_cookie),
        )
        .await;
        let help = format!("Aide {payload}");
        let res = app
            .post_form(
                "/api/aide",
                &[
                    ("module", MODULE),
                    ("lesson", "adresse-enveloppe"),
                    ("step", "arobase"),
                    ("message", &help),
                ],
                Some(&lou_cookie),
            )
            .await;
        assert!(res.status.is_redirection(), "{}", res.body);
        let step = format!("{LESSON}/arobase");
        for (what, path) in [
            ("step (rendered)", step.as_str()),
            ("step (from memory)", step.as_str()),
            ("home", "/"),
            ("module", "/modules/email-la-poste"),
            ("catalogue", "/modules"),
            ("booklet", "/carnet"),
            ("my data", "/mes-donnees"),
        ] {
            let res = app.get(path, Some(&lou_cookie)).await;
            let what = format!("payload {i}, learner's {what}");
            let s = assert_nothing_injected(&what, &res);
            assert_shown_as_text(&what, &s, &name, false);
            if what.contains("step") {
                assert_shown_as_text(&what, &s, &format!("Leçon {payload}"), true);
                assert_shown_as_text(&what, &s, &format!("Le signe @ {payload}"), false);
            }
        }
        // Compressed from memory too.
        let zipped = app.get_gzip(&step, &lou_cookie).await;
        let unzipped = TestResponse {
            body: zipped.gunzip(),
            ..zipped
        };
        let s = assert_nothing_injected("step, gzip", &unzipped);
        assert_shown_as_text("step, gzip", &s, &name, false);

        // Camille logs a session with the payload in its topics and note.
        let camille_cookie = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
        let id = lou.id.to_string();
        let date = app::text::dates::today_iso(app::ssr::db::now());
        let (topics, note) = (format!("Sujets {payload}"), format!("Note {payload}"));
        let res = app
            .post_form(
                "/api/seance",
                &[
                    ("learner", &id),
                    ("single", &id),
                    ("date", &date),
                    ("kind", "domicile"),
                    ("place", "Chez elle"),
                    ("minutes", "60"),
                    ("topics", &topics),
                    ("note", &note),
                ],
                Some(&camille_cookie),
            )
            .await;
        let visit = res.location().unwrap_or_default().to_string();
        assert!(
            visit.starts_with("/benevole/seances/"),
            "{visit}: {}",
            res.body
        );
        let learner_page = format!("/benevole/apprenants/{id}");
        let hand_off = format!("{visit}/fiche/{id}");
        let card = format!("/benevole/apprenants/{id}/carte");
        for (what, path, shown) in [
            ("dashboard", "/benevole", vec![name.clone(), help.clone()]),
            (
                "learner page",
                learner_page.as_str(),
                vec![name.clone(), help.clone(), topics.clone(), note.clone()],
            ),
            ("session", visit.as_str(), vec![name.clone()]),
            (
                "hand-off sheet",
                hand_off.as_str(),
                vec![name.clone(), format!("Asso {payload}")],
            ),
            ("card", card.as_str(), vec![name.clone()]),
        ] {
            let res = app.get(path, Some(&camille_cookie)).await;
            let what = format!("payload {i}, volunteer's {what}");
            let s = assert_nothing_injected(&what, &res);
            for text in shown {
                assert_shown_as_text(&what, &s, &text, false);
            }
            if path == learner_page || path == card {
                assert_shown_as_text(&what, &s, &name, true);
            }
        }

        // The coordinator's team page: staff and structure names.
        let sacha = app
            .staff_cookie("demo.coordination", "demo-pas-a-pas")
            .await;
        let res = app.get("/benevole/equipe", Some(&sacha)).await;
        let what = format!("payload {i}, team page");
        let s = assert_nothing_injected(&what, &res);
        assert_shown_as_text(&what, &s, &format!("Alix {payload}"), false);
        assert_shown_as_text(&what, &s, &name, false);

        // The trainer: the overview, the preview, the editor (the text in a <textarea>),
        // and an image whose alt text and file name hold the payload.
        let trainer = app.staff_cookie("demo.formateur", "demo-pas-a-pas").await;
        let preview = format!("/formateur/apercu?fichier={LESSON_FILE}&etape=arobase");
        let editor = format!("/formateur/editer?fichier={LESSON_FILE}");
        for (what, path) in [
            ("overview", "/formateur"),
            ("preview", preview.as_str()),
            ("editor", editor.as_str()),
        ] {
            let res = app.get(path, Some(&trainer)).await;
            let what = format!("payload {i}, trainer's {what}");
            let s = assert_nothing_injected(&what, &res);
            assert_shown_as_text(
                &what,
                &s,
                &format!("Leçon {payload}"),
                what.contains("preview"),
            );
            if what.contains("editor") {
                assert_shown_as_text(&what, &s, &toml_str(payload), false);
            }
        }
        let to = upload_image(&app, &trainer, payload).await;
        let res = app.get(&to, Some(&trainer)).await;
        let what = format!("payload {i}, editor after an image");
        let s = assert_nothing_injected(&what, &res);
        assert_shown_as_text(&what, &s, &format!("Image {payload}"), false);

        // An exercise: the name of the file the learner sends is shown back.
        if !payload.contains('"') {
            let to = send_exercise_file(&app, &lou_cookie, &format!("{payload}.png")).await;
            let res = app.get(&to, Some(&lou_cookie)).await;
            let what = format!("payload {i}, exercise");
            let s = assert_nothing_injected(&what, &res);
            assert_shown_as_text(&what, &s, &format!("{payload}.png"), false);
        }
    }
}

/// A trainer sends an image named and described with `payload`; returns the editor's
/// address it leads to.
async fn upload_image(app: &TestApp, cookie: &str, payload: &str) -> String {
    let boundary = "----pasapasboundary";
    let file_name = payload.replace('"', "");
    let mut body = Vec::new();
    for (name, value) in [
        ("fichier", LESSON_FILE.to_string()),
        ("alt", format!("Image {payload}")),
    ] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"{file_name}.png\"\r\n\
             Content-Type: image/png\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89",
    );
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = Request::post("/formateur/image")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::ORIGIN, &app.origin)
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location().unwrap().to_string()
}

/// A learner sends a photo named `file_name` in the shipped mailbox exercise; returns the
/// step's address with the exercise's next screen.
async fn send_exercise_file(app: &TestApp, cookie: &str, file_name: &str) -> String {
    let boundary = "----pasapasboundary";
    let mut body = Vec::new();
    for (name, value) in [
        ("module", "piece-jointe"),
        ("lesson", "joindre-un-fichier"),
        ("step", "a-vous-envoyer-une-photo"),
        ("ex", "envoyer-une-photo"),
        ("a", "marie.dupont@exemple.fr"),
        ("objet", "Ma photo"),
        ("texte", "Bonjour"),
    ] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"{file_name}\"\r\n\
             Content-Type: image/png\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = Request::post("/exercice")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::ORIGIN, &app.origin)
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location().unwrap().to_string()
}

// ---------------------------------------------------------------------------------------
// Content-Security-Policy (item 2) and no-store (item 9).

const STEP: &str = "/modules/email-la-poste/adresse-enveloppe/arobase";

/// Fails unless the answer has the whole policy, and every inline script carries its nonce.
fn assert_policy(what: &str, res: &TestResponse, body: &str) -> String {
    let policy = res
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"))
        .to_str()
        .unwrap()
        .to_string();
    for part in [
        "default-src 'self'",
        "script-src 'self' 'nonce-",
        "style-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ] {
        assert!(policy.contains(part), "{what}: {part} not in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{what}: {policy}");
    let nonce = policy_nonce(res);
    assert!(nonce.len() >= 16, "{what}: nonce {nonce:?}");
    let s = scan(body);
    assert!(s.inline.is_empty(), "{what}: inline {:?}", s.inline);
    let mut with_nonce = 0;
    for attrs in &s.scripts {
        let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        match get("src") {
            Some(src) => assert!(src.starts_with('/') && !src.starts_with("//"), "{what}"),
            None => {
                assert_eq!(get("nonce"), Some(nonce.as_str()), "{what}: {attrs:?}");
                with_nonce += 1;
            }
        }
    }
    if body.contains("<script") && !body.contains("src=\"/") {
        assert!(with_nonce > 0, "{what}");
    }
    nonce
}

#[tokio::test]
async fn every_page_has_a_strict_policy_whose_nonce_is_new_and_on_its_scripts() {
    let app = TestApp::new().await;
    let learner = app.learner_cookie().await;
    let volunteer = app.volunteer_in_memory().await;
    let trainer = app.staff_cookie("demo.formateur", "demo-pas-a-pas").await;
    // The step twice: rendered, then from memory (before routing), then compressed.
    let mut nonces = Vec::new();
    for (what, path, cookie) in [
        ("sign-in page", "/connexion", None),
        ("step, rendered", STEP, Some(&learner)),
        ("step, from memory", STEP, Some(&learner)),
        ("step, from memory again", STEP, Some(&learner)),
        ("home", "/", Some(&learner)),
        ("volunteer", "/benevole", Some(&volunteer)),
        (
            "trainer preview",
            "/formateur/apercu?fichier=email-la-poste/adresse-enveloppe.md",
            Some(&trainer),
        ),
        (
            "editor",
            "/formateur/editer?fichier=email-la-poste/adresse-enveloppe.md",
            Some(&trainer),
        ),
        ("not found", "/nulle-part", None),
    ] {
        let res = app.get(path, cookie.map(String::as_str)).await;
        let nonce = assert_policy(what, &res, &res.body);
        assert!(
            res.body.contains(&format!("nonce=\"{nonce}\"")),
            "{what}: the scripts Leptos writes carry the nonce"
        );
        nonces.push(nonce);
    }
    let zipped = app.get_gzip(STEP, &learner).await;
    assert_eq!(zipped.status, StatusCode::OK);
    let body = zipped.gunzip();
    nonces.push(assert_policy("step, gzip", &zipped, &body));
    assert!(body.contains(&format!("nonce=\"{}\"", nonces.last().unwrap())));
    // Every answer its own nonce.
    let mut unique = nonces.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), nonces.len(), "{nonces:?}");
    // The French refusal page (a form from another site) has it too.
    let refused = app
        .post_form_from(
            "/api/connexion",
            &[("code", "x")],
            None,
            Some("https://evil.example"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    refused.assert_shows("Action refusée");
    assert_policy("refusal", &refused, &refused.body);
}

#[tokio::test]
async fn private_pages_and_downloads_are_never_stored() {
    let app = TestApp::new().await;
    let learner = app.learner_cookie().await;
    let volunteer = app.volunteer_in_memory().await;
    let id = app.demo_learner_id().await;
    let mut checked = Vec::new();
    for (path, cookie) in [
        (STEP.to_string(), &learner),
        (STEP.to_string(), &learner),
        ("/".to_string(), &learner),
        ("/carnet".to_string(), &learner),
        ("/mes-donnees".to_string(), &learner),
        ("/mes-donnees.json".to_string(), &learner),
        ("/mes-donnees.csv".to_string(), &learner),
        ("/benevole".to_string(), &volunteer),
        (format!("/benevole/apprenants/{id}"), &volunteer),
        (format!("/benevole/apprenants/{id}/carte"), &volunteer),
        (
            format!("/benevole/apprenants/{id}/donnees.json"),
            &volunteer,
        ),
        (format!("/benevole/apprenants/{id}/donnees.csv"), &volunteer),
    ] {
        let res = app.get(&path, Some(cookie)).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert_eq!(
            res.headers
                .get(header::CACHE_CONTROL)
                .map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{path}"
        );
        checked.push(path);
    }
    let zipped = app.get_gzip(STEP, &learner).await;
    assert_eq!(zipped.headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(checked.len(), 12);
}

// ---------------------------------------------------------------------------------------
// HTTPS: HSTS and the __Host- session cookie (item 11); the origin check (item 14).

const SITE: &str = "https://pasapas.example.org";

#[tokio::test]
async fn over_https_the_session_is_a_host_cookie_and_hsts_is_sent() {
    let app = TestApp::at(SITE).await;
    let res = app
        .post_form("/api/connexion", &[("code", "bien-venu")], None)
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.body);
    let set = res
        .set_cookie("__Host-pap_session")
        .expect("a __Host- cookie");
    for part in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(part), "{part} not in {set}");
    }
    assert!(!set.to_ascii_lowercase().contains("domain="), "{set}");
    assert!(res.set_cookie("pap_session").is_none());
    assert_eq!(
        res.headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );
    let cookie = res.session_cookie().unwrap();
    let home = app.get("/", Some(&cookie)).await;
    home.assert_shows("Bonjour Jeanne");
    assert_eq!(
        home.headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );
    // The same token in a cookie without the prefix (as a neighbouring site could plant
    // one) is not a session.
    let token = cookie.split_once('=').unwrap().1;
    let planted = app.get("/", Some(&format!("pap_session={token}"))).await;
    assert!(!planted.body.contains("Bonjour Jeanne"));
    // The step from memory too, once rendered.
    app.get(STEP, Some(&cookie)).await;
    let cached = app.get(STEP, Some(&cookie)).await;
    assert!(cached.body.contains("<li class=\"who\">Jeanne</li>"));
    assert_eq!(
        cached.headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );
    let planted = app.get(STEP, Some(&format!("pap_session={token}"))).await;
    assert!(!planted.body.contains("<li class=\"who\">Jeanne</li>"));
    // Signing out clears the __Host- cookie.
    let out = app.post_form("/api/deconnexion", &[], Some(&cookie)).await;
    let cleared = out.set_cookie("__Host-pap_session").expect("cleared");
    assert!(
        cleared.contains("Max-Age=0") && cleared.contains("Secure"),
        "{cleared}"
    );
}

#[tokio::test]
async fn over_http_no_hsts_and_a_plain_cookie() {
    let app = TestApp::new().await;
    let res = app
        .post_form("/api/connexion", &[("code", "bien-venu")], None)
        .await;
    assert!(res.set_cookie("pap_session").is_some());
    assert!(!res.set_cookie("pap_session").unwrap().contains("Secure"));
    assert!(!res.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
}

#[tokio::test]
async fn only_the_configured_origin_may_post_not_whatever_host_was_asked() {
    let app = TestApp::at(SITE).await;
    let post = |origin: &'static str, host: &'static str| {
        let req = Request::post("/api/connexion")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::HOST, host)
            .header(header::ORIGIN, origin)
            .body(Body::from("code=bien-venu"))
            .unwrap();
        app.send(req)
    };
    // DNS rebinding: another name pointed at this server; Origin and Host agree.
    let rebound = post("http://rebind.evil.example", "rebind.evil.example").await;
    assert_eq!(rebound.status, StatusCode::FORBIDDEN);
    assert!(rebound.session_cookie().is_none());
    rebound.assert_shows("Action refusée");
    assert_eq!(
        rebound.headers[header::CONTENT_TYPE],
        "text/html; charset=utf-8"
    );
    // The server's own address, when the public one is another: refused too.
    let local = post("http://127.0.0.1:3000", "127.0.0.1:3000").await;
    assert_eq!(local.status, StatusCode::FORBIDDEN);
    // The configured origin, whatever the Host (behind a proxy).
    let ours = post(SITE, "127.0.0.1:3000").await;
    assert_eq!(ours.status, StatusCode::FOUND, "{}", ours.body);
    assert!(ours.session_cookie().is_some());
}

// ---------------------------------------------------------------------------------------
// Where a form brings back (item 4).

/// Addresses that lead off the site once a browser reads them (tabs and line breaks are
/// dropped, `\` is `/`), or that a page might decode once more.
const HOSTILE: [&str; 12] = [
    "//evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    " //evil.example",
    "/%09/evil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "///evil.example",
];

fn query(name: &str, value: &str) -> String {
    serde_urlencoded::to_string([(name, value)]).unwrap()
}

/// Fails unless `res` redirects to a path of this site.
fn assert_local_redirect(what: &str, res: &TestResponse) {
    let to = res
        .location()
        .unwrap_or_else(|| panic!("{what}: no redirect: {}", res.body));
    assert!(
        app::paths::is_local_path(to) && !to.contains("evil"),
        "{what}: sent to {to:?}"
    );
}

/// Fails if the page keeps `hostile` as a place to come back to (a form's `suite` or
/// `back`).
fn assert_not_kept(what: &str, res: &TestResponse, hostile: &str) {
    assert_eq!(res.status, StatusCode::OK, "{what}");
    for (name, value) in scan(&res.body).inputs {
        if name == "suite" || name == "back" {
            // (The comfort form brings back to the page itself, its query included.)
            let page_itself = value.starts_with("/connexion?") || value.starts_with("/confort?");
            assert!(
                app::paths::is_local_path(&value) && (page_itself || !value.contains("evil")),
                "{what}: {hostile:?} kept as {value:?}"
            );
        }
    }
}

#[tokio::test]
async fn every_place_to_come_back_to_stays_on_this_site() {
    let app = TestApp::new().await;
    // A learner whose first sign-in leads to /bienvenue (suite kept through it).
    let db = &app.state.db;
    let jeanne = app.learner_cookie().await;
    let structure = accounts::find_staff_by_username(db, "demo.benevole")
        .await
        .unwrap()
        .unwrap()
        .structure_id;
    for hostile in HOSTILE {
        let what = format!("{hostile:?}");
        // The pages keep none of them in their forms.
        for page in [
            format!("/connexion?{}", query("suite", hostile)),
            format!("/connexion?fin=session&{}", query("suite", hostile)),
            format!("/confort?{}", query("retour", hostile)),
        ] {
            let res = app.get(&page, None).await;
            assert_not_kept(&format!("{what} {page}"), &res, hostile);
        }
        let newcomer = accounts::create_learner(db, structure, None, "Nouvelle", None)
            .await
            .unwrap();
        let res = app
            .post_form(
                "/api/connexion",
                &[("code", &newcomer.code), ("suite", hostile)],
                None,
            )
            .await;
        assert_local_redirect(&format!("{what} first sign-in"), &res);
        let cookie = res.session_cookie().unwrap();
        let welcome = app
            .get(
                &format!("/bienvenue?{}", query("suite", hostile)),
                Some(&cookie),
            )
            .await;
        assert_not_kept(&format!("{what} /bienvenue"), &welcome, hostile);
        let res = app
            .post_form(
                "/api/confidentialite",
                &[("notes", "non"), ("back", hostile)],
                Some(&cookie),
            )
            .await;
        assert_local_redirect(&format!("{what} privacy"), &res);
        // Signing in again, comfort, and the volunteer's forms.
        let res = app
            .post_form(
                "/api/connexion",
                &[("code", "bien-venu"), ("suite", hostile)],
                None,
            )
            .await;
        assert_local_redirect(&format!("{what} sign-in"), &res);
        let res = app
            .post_form(
                "/api/confort",
                &[("text_size", "1"), ("back", hostile)],
                Some(&jeanne),
            )
            .await;
        assert_local_redirect(&format!("{what} comfort"), &res);
        let res = app
            .post_form("/api/confort", &[("back", hostile)], None)
            .await;
        assert_local_redirect(&format!("{what} comfort, nobody signed in"), &res);
    }
}

// ---------------------------------------------------------------------------------------
// The login card's QR code (item 10).

#[tokio::test]
async fn a_card_link_signs_nobody_in_until_its_holder_confirms() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let structure = accounts::find_staff_by_username(db, "demo.benevole")
        .await
        .unwrap()
        .unwrap()
        .structure_id;
    let paul = accounts::create_learner(db, structure, None, "Paul", None)
        .await
        .unwrap();
    // Jeanne is signed in on this computer; another site links to Paul's card.
    let jeanne = app.learner_cookie().await;
    let link = app
        .get(&format!("/carte/{}", paul.code), Some(&jeanne))
        .await;
    assert_eq!(link.status, StatusCode::SEE_OTHER);
    assert_eq!(
        link.location(),
        Some("/carte"),
        "the code leaves the address bar"
    );
    assert!(link.session_cookie().is_none(), "signed in by a link");
    let card = link.set_cookie("pap_carte").unwrap();
    for part in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=900"] {
        assert!(card.contains(part), "{part} not in {card}");
    }
    let card = card.split(';').next().unwrap().to_string();
    app.get("/", Some(&jeanne))
        .await
        .assert_shows("Bonjour Jeanne");
    // The page asks, and says whose session would end.
    let both = format!("{jeanne}; {card}");
    let page = app.get("/carte", Some(&both)).await;
    assert_eq!(page.status, StatusCode::OK);
    let s = scan(&page.body);
    assert!(s.text.contains("C'est bien vous, Paul ?"), "{}", page.body);
    assert!(s.text.contains("Jeanne est connecté sur cet ordinateur"));
    assert!(page.body.contains("action=\"/api/carte\""));
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    // The button, from another site: refused.
    let forged = app
        .post_form_from("/api/carte", &[], Some(&both), Some("https://evil.example"))
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    app.get("/", Some(&jeanne))
        .await
        .assert_shows("Bonjour Jeanne");
    // From this site: Paul is signed in, Jeanne's session ends, the card is forgotten.
    let res = app.post_form("/api/carte", &[], Some(&both)).await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(res.location(), Some("/bienvenue"));
    let paul_cookie = res.session_cookie().unwrap();
    assert_ne!(paul_cookie, jeanne);
    assert!(res.set_cookie("pap_carte").unwrap().contains("Max-Age=0"));
    app.get("/bienvenue", Some(&paul_cookie))
        .await
        .assert_shows("Paul");
    assert!(
        !app.get("/", Some(&jeanne))
            .await
            .body
            .contains("Bonjour Jeanne")
    );
    // Paul scans his own card again: nothing to confirm.
    let again = app
        .get("/carte", Some(&format!("{paul_cookie}; {card}")))
        .await;
    assert_eq!(again.status, StatusCode::FOUND);
    assert_eq!(again.location(), Some("/"));
}

#[tokio::test]
async fn a_card_page_for_no_card_or_a_wrong_one_says_what_to_do() {
    let app = TestApp::new().await;
    let page = app.get("/carte", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        scan(&page.body)
            .text
            .contains("Nous n'avons pas pu lire votre carte")
    );
    let link = app.get("/carte/ZZZZ-ZZZZ", None).await;
    let card = link.set_cookie("pap_carte").unwrap();
    let card = card.split(';').next().unwrap();
    let page = app.get("/carte", Some(card)).await;
    assert!(scan(&page.body).text.contains("Ce code n'existe pas"));
    // The button of a wrong card signs nobody in.
    let res = app.post_form("/api/carte", &[], Some(card)).await;
    assert_eq!(res.location(), Some("/connexion?erreur=inconnu"));
    assert!(res.session_cookie().is_none());
    // A volunteer signed in: told their session would end.
    let camille = app.volunteer_in_memory().await;
    let link = app.get("/carte/bien-venu", None).await;
    let card = link.set_cookie("pap_carte").unwrap();
    let card = card.split(';').next().unwrap();
    let page = app.get("/carte", Some(&format!("{camille}; {card}"))).await;
    let s = scan(&page.body);
    assert!(s.text.contains("C'est bien vous, Jeanne ?"));
    assert!(
        s.text
            .contains("un bénévole est connecté sur cet ordinateur")
    );
}

// ---------------------------------------------------------------------------------------
// CSV downloads (item 13).

fn read_csv(res: &TestResponse) -> Vec<Vec<String>> {
    assert_eq!(res.status, StatusCode::OK);
    let text = res
        .body
        .strip_prefix('\u{FEFF}')
        .expect("a UTF-8 byte order mark, for Excel");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[tokio::test]
async fn csv_downloads_open_in_french_excel_and_run_no_formula() {
    let app = TestApp::new().await;
    let learner = app.learner_cookie().await;
    let formulas = [
        "=HYPERLINK(\"http://evil.example\";\"Cliquez\")",
        "+33 6 12 34 56 78",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ];
    for (i, message) in formulas.iter().enumerate() {
        let res = app
            .post_form(
                "/api/aide",
                &[
                    ("module", "email-la-poste"),
                    ("lesson", "adresse-enveloppe"),
                    ("step", &format!("etape-{i}")),
                    ("message", message),
                ],
                Some(&learner),
            )
            .await;
        assert!(res.status.is_redirection(), "{}", res.body);
    }
    let volunteer = app.volunteer_in_memory().await;
    let id = app.demo_learner_id().await;
    for (path, cookie) in [
        ("/mes-donnees.csv".to_string(), &learner),
        (format!("/benevole/apprenants/{id}/donnees.csv"), &volunteer),
    ] {
        let res = app.get(&path, Some(cookie)).await;
        assert_eq!(
            res.headers[header::CONTENT_TYPE],
            "text/csv; charset=utf-8",
            "{path}"
        );
        let rows = read_csv(&res);
        assert_eq!(
            rows[0],
            ["Type", "Date", "Thème", "Leçon", "Étape", "Détail"],
            "{path}"
        );
        assert!(rows.iter().all(|r| r.len() == 6), "{path}: {rows:?}");
        // No cell starts like a formula; each help message is there, as text.
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{path}: {cell:?}"
                );
            }
        }
        let details: Vec<&str> = rows.iter().map(|r| r[5].as_str()).collect();
        for message in formulas {
            assert!(
                details.iter().any(|d| d.contains(message.trim())),
                "{path}: {message:?} not in {details:?}"
            );
        }
    }
}

/// ASVS V3.4.2, V3.4.4, V3.4.5: every answer (pages, files, errors, server functions) says
/// `nosniff`, keeps the referrer on this site, and grants no other site CORS access.
#[tokio::test]
async fn every_answer_forbids_sniffing_keeps_the_referrer_here_and_allows_no_cors() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    for path in [
        "/",
        "/modules/email-la-poste/adresse-enveloppe/lire",
        "/favicon.svg",
        "/pas-de-page-ici",
        "/healthz",
    ] {
        let req = Request::get(path)
            .header(header::ORIGIN, "https://evil.example")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(
            res.headers[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff",
            "{path}"
        );
        assert_eq!(
            res.headers[header::REFERRER_POLICY],
            "same-origin",
            "{path}"
        );
        assert!(
            !res.headers
                .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN),
            "{path}"
        );
    }
}
