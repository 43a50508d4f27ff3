//! Security of what the site sends (issue 15), through the real router: every text that
//! reaches a page comes back escaped (titles included), the Content-Security-Policy and its
//! nonce (pages rendered and pages from the cache of steps), `no-store` on private pages
//! and downloads, HSTS and the `__Host-` session cookie over HTTPS, only local paths to
//! come back to after a form, the login card's QR code (no sign-in on a GET), CSV
//! downloads safe for a spreadsheet, and the origin check against the configured origin.

mod common;

use std::cell::RefCell;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{TestApp, TestResponse, content_copy};
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
        let date = app::ssr::words::today_iso(app::ssr::db::now());
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
