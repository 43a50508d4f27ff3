//! The learner's step player and its small dead ends (issue 19): the confidence question
//! after the first step's text, glossary words that open their explanation without
//! JavaScript, "Imprimer mon carnet" without JavaScript.

use crate::common::{TestApp, owner_in, real_content};
use app::ssr::content::{self, Block};

/// A published step whose text links a word of the glossary: its address and the word's
/// anchor.
fn step_with_a_glossary_word() -> (String, String) {
    let report = content::load(&real_content());
    for m in report.catalog.published() {
        for l in m.published_lessons() {
            for s in &l.steps {
                for b in &s.blocks {
                    if let Block::Html(h) = b
                        && let Some(at) = h.find("class=\"mot\" href=\"#")
                    {
                        let rest = &h[at + "class=\"mot\" href=\"#".len()..];
                        let anchor = rest[..rest.find('"').unwrap()].to_string();
                        return (format!("/modules/{}/{}/{}", m.slug, l.slug, s.slug), anchor);
                    }
                }
            }
        }
    }
    panic!("no shipped step uses a word of the glossary");
}

/// A glossary word's link leads to an element inside the closed `<details>` (browsers open
/// a closed details to show the target of the address, without JavaScript), never to the
/// `<details>` itself (which they only scroll to, still closed).
#[tokio::test]
async fn a_glossary_link_leads_inside_its_details_so_that_it_opens() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let (step, anchor) = step_with_a_glossary_word();
    let page = app.get(&step, Some(&cookie)).await;
    assert_eq!(page.status, 200, "{step}");
    let body = &page.body;
    assert!(
        body.contains(&format!("href=\"#{anchor}\"")),
        "{step}: no link to #{anchor}"
    );
    let target = body
        .find(&format!("id=\"{anchor}\""))
        .unwrap_or_else(|| panic!("{step}: nothing has the id {anchor}"));
    let open = body[..target]
        .rfind("<details")
        .expect("a details before the target");
    let before = &body[open..target];
    assert!(
        before.contains("<summary>") && !before.contains("</details>"),
        "{step}: the target is not inside the details: {before}"
    );
    assert!(!body.contains("<details id="), "{step}: an id on a details");
}

/// The confidence question of the module's first step comes after the step's text and its
/// "Suivant", never before the content.
#[tokio::test]
async fn the_confidence_question_comes_after_the_first_steps_text() {
    let app = TestApp::new().await;
    let (cookie, _) = app.another_learner("Odette").await;
    let page = app
        .get("/modules/souris-clavier/cliquer/la-souris", Some(&cookie))
        .await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    let text = body.find("id=\"etape\"").expect("the step's text");
    let next = body.find("class=\"button primary next\"").expect("Suivant");
    let question = body
        .find("id=\"confiance\"")
        .expect("the confidence question");
    assert!(text < next && next < question, "{text} {next} {question}");
    assert!(body.contains("Une question avant de continuer"));
    // Answered there, it is kept as the answer "before" the module (the volunteer's page
    // and the booklet read it), and the step is shown again.
    let res = app
        .post_form(
            "/api/confiance",
            &[
                ("module", "souris-clavier"),
                ("moment", "debut"),
                ("back", "/modules/souris-clavier/cliquer/la-souris"),
                ("level", "1"),
                ("owner", &owner_in(body).expect("the form's owner")),
            ],
            Some(&cookie),
        )
        .await;
    assert!(
        res.location()
            .is_some_and(|l| l.starts_with("/modules/souris-clavier/cliquer/la-souris")),
        "{:?}",
        res.location()
    );
    let again = app
        .get("/modules/souris-clavier/cliquer/la-souris", Some(&cookie))
        .await;
    assert!(!again.body.contains("id=\"confiance\""));
}

/// "Imprimer mon carnet" is a link: without JavaScript it opens the booklet with the keys
/// that print it at the top; with JavaScript its script prints at once.
#[tokio::test]
async fn printing_the_booklet_works_without_javascript() {
    let app = TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let page = app.get("/carnet", Some(&cookie)).await;
    assert!(
        page.body
            .contains("<a href=\"/carnet?imprimer=1#imprimer\" class=\"button primary print-button\">Imprimer mon carnet</a>"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("id=\"imprimer\""));
    let asked = app.get("/carnet?imprimer=1", Some(&cookie)).await;
    asked.assert_shows("Appuyez en même temps sur la touche Ctrl et sur la touche P.");
    assert!(asked.body.contains("id=\"imprimer\""));
}
