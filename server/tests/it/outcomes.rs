//! Outcomes measured the way the evaluation did (issue 21, part 2, item 5): the follow-up
//! questionnaire due 3 and 12 months after a learner's first session (the home page's
//! invitation, "Pas maintenant", a double submit recorded once, a refusal keeping what was
//! typed, a volunteer recording it at a visit or on the phone for their structure only), and
//! a structure's numbers with response rates and the small-group rule. SQLite, and
//! PostgreSQL when `PAP_TEST_POSTGRES` is set.

use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::common::*;
use app::model::{AnsweredHow, FollowUpQuestion, Moment, Reply, Share, Wave};
use app::ssr::db::entities::{follow_up_answer, follow_up_postponed, learner};
use app::ssr::services::confidence;
use app::ssr::services::outcomes::{self, Answers, Recorded, months_from, parse_day};

fn today_iso() -> String {
    app::text::dates::today_iso(app::ssr::db::now())
}

/// The day `months` months and `days` days before today, `YYYY-MM-DD`.
fn ago(months: i32, days: u32) -> String {
    let mut d = months_from(parse_day(&today_iso()).unwrap(), -months).unwrap();
    for _ in 0..days {
        d = d.pred_opt().unwrap();
    }
    d.to_string()
}

/// Logs a session with `learner` on `date` (only what the questionnaire needs).
async fn session_on(app: &TestApp, learner_id: i32, date: &str) {
    let l = learner::Entity::find_by_id(learner_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app.add_session(NewSession {
        kind: "domicile",
        place_type: "domicile",
        created_at: app::ssr::db::now(),
        learners: &[learner_id],
        ..NewSession::new(l.structure_id, date)
    })
    .await;
}

async fn answer_sets(app: &TestApp, learner_id: i32) -> Vec<follow_up_answer::Model> {
    follow_up_answer::Entity::find()
        .filter(follow_up_answer::Column::LearnerId.eq(learner_id))
        .all(&app.state.db)
        .await
        .unwrap()
}

const INVITED: &str = "Quelques questions pour nous";

#[tokio::test]
async fn the_home_page_invites_when_a_wave_is_due_and_pas_maintenant_asks_again_later() {
    let app = TestApp::new().await;
    // Two months after the first session: nothing yet.
    let (early, early_id) = app.another_learner("Lucien").await;
    session_on(&app, early_id, &ago(2, 0)).await;
    session_on(&app, early_id, &ago(0, 3)).await;
    let home = app.get("/", Some(&early)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(!home.body.contains(INVITED), "{}", home.body);
    app.get("/suivi", Some(&early))
        .await
        .assert_shows("pas de questions pour vous en ce moment");

    // Three months and a day after the first session (a later one does not count).
    let (cookie, id) = app.another_learner("Odette").await;
    session_on(&app, id, &ago(0, 10)).await;
    session_on(&app, id, &ago(3, 1)).await;
    app.get("/", Some(&cookie)).await.assert_shows(INVITED);
    let page = app.get("/suivi", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("Avez-vous appris quelque chose de nouveau ?");
    page.assert_shows("name=\"wave\" value=\"3-mois\"");
    page.assert_shows("Pas maintenant");
    let owner = owner_in(&page.body).unwrap();

    let later = app
        .post_form(
            "/api/enregistrer-suivi",
            &[("wave", "3-mois"), ("plus_tard", "1"), ("owner", &owner)],
            Some(&cookie),
        )
        .await;
    assert!(later.status.is_redirection(), "{}", later.body);
    assert_eq!(later.location(), Some("/suivi?plus_tard=1"));
    app.get("/suivi?plus_tard=1", Some(&cookie))
        .await
        .assert_shows("Nous vous reposerons la question plus tard");
    // Not on every page view: the home page no longer invites...
    let home = app.get("/", Some(&cookie)).await;
    assert!(!home.body.contains(INVITED), "{}", home.body);
    assert!(answer_sets(&app, id).await.is_empty());
    // ...until the time to ask again has come.
    follow_up_postponed::ActiveModel {
        learner_id: Set(id),
        wave: Set("3-mois".into()),
        ask_again_at: Set(app::ssr::db::now() - 1),
    }
    .update(&app.state.db)
    .await
    .unwrap();
    app.get("/", Some(&cookie)).await.assert_shows(INVITED);
}

#[tokio::test]
async fn a_double_submit_records_once_and_the_invitation_goes() {
    let app = TestApp::new().await;
    let (cookie, id) = app.another_learner("Odette").await;
    session_on(&app, id, &ago(12, 0)).await;
    let page = app.get("/suivi", Some(&cookie)).await;
    page.assert_shows("name=\"wave\" value=\"12-mois\"");
    let owner = owner_in(&page.body).unwrap();
    let form = [
        ("wave", "12-mois"),
        ("appris", "oui"),
        ("moins_peur", "non"),
        ("seul", "nsp"),
        ("recommander", "oui"),
        ("changement", "J'envoie des photos à ma fille."),
        ("owner", owner.as_str()),
    ];
    for _ in 0..2 {
        let sent = app
            .post_form("/api/enregistrer-suivi", &form, Some(&cookie))
            .await;
        assert!(sent.status.is_redirection(), "{}", sent.body);
        assert_eq!(sent.location(), Some("/suivi?merci=1"));
    }
    let sets = answer_sets(&app, id).await;
    assert_eq!(sets.len(), 1);
    let a = &sets[0];
    assert_eq!(a.wave, "12-mois");
    assert_eq!(a.answered_how, "seul");
    assert_eq!(a.staff_id, None);
    assert_eq!(a.learned.as_deref(), Some("oui"));
    assert_eq!(a.less_apprehensive.as_deref(), Some("non"));
    assert_eq!(a.did_alone.as_deref(), Some("nsp"));
    assert_eq!(a.recommend.as_deref(), Some("oui"));
    assert_eq!(a.what_changed, "J'envoie des photos à ma fille.");
    app.get("/suivi?merci=1", Some(&cookie))
        .await
        .assert_shows("Merci ! Vos réponses sont enregistrées.");
    let home = app.get("/", Some(&cookie)).await;
    assert!(!home.body.contains(INVITED), "{}", home.body);
    // Two sends at once: the unique key keeps one (the service's second insert is a no-op).
    let today = parse_day(&today_iso()).unwrap();
    let again = outcomes::record(
        &app.state.db,
        id,
        Wave::TwelveMonths,
        AnsweredHow::Alone,
        None,
        &Answers {
            replies: vec![Some(Reply::No); 4],
            what_changed: String::new(),
        },
        today,
        app::ssr::db::now(),
    )
    .await
    .unwrap();
    assert_eq!(again, Recorded::AlreadyAnswered);
    assert_eq!(
        answer_sets(&app, id).await[0].learned.as_deref(),
        Some("oui")
    );
}

#[tokio::test]
async fn an_empty_send_is_refused_and_keeps_what_was_typed() {
    let app = TestApp::new().await;
    let (cookie, id) = app.another_learner("Odette").await;
    session_on(&app, id, &ago(4, 0)).await;
    let sent = app
        .post_form(
            "/api/enregistrer-suivi",
            &[
                ("wave", "3-mois"),
                ("changement", "Je <b>lis</b> mes mails"),
            ],
            Some(&cookie),
        )
        .await;
    assert!(sent.status.is_redirection(), "{}", sent.body);
    let back = sent.location().unwrap().to_string();
    assert!(back.starts_with("/suivi?erreur=vide"), "{back}");
    assert!(answer_sets(&app, id).await.is_empty());
    let page = app.get(&back, Some(&cookie)).await;
    page.assert_shows("choisissez au moins une réponse");
    page.assert_shows("Je &lt;b&gt;lis&lt;/b&gt; mes mails</textarea>");

    // One answer chosen, a text too long: refused, the answer ticked again.
    let long = "a".repeat(1001);
    let sent = app
        .post_form(
            "/api/enregistrer-suivi",
            &[("wave", "3-mois"), ("appris", "oui"), ("changement", &long)],
            Some(&cookie),
        )
        .await;
    let back = sent.location().unwrap().to_string();
    assert!(back.starts_with("/suivi?erreur=long"), "{back}");
    let page = app.get(&back, Some(&cookie)).await;
    page.assert_shows("le texte est trop long");
    assert!(
        page.body
            .contains("value=\"oui\" id=\"appris-oui\" checked")
            || page.body.contains("id=\"appris-oui\" checked"),
        "{}",
        page.body
    );
    assert!(answer_sets(&app, id).await.is_empty());
}

#[tokio::test]
async fn a_volunteer_records_the_answers_at_a_visit_or_on_the_phone_in_their_structure_only() {
    let app = TestApp::new().await;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let (_, id) = app.another_learner("Odette").await;
    session_on(&app, id, &ago(3, 0)).await;
    let path = format!("/benevole/apprenants/{id}/suivi");
    let page = app.get(&path, Some(&camille)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("Questionnaire à faire : 3 mois après la première séance");
    page.assert_shows("au téléphone");
    // The learner's page links to it.
    app.get(&format!("/benevole/apprenants/{id}"), Some(&camille))
        .await
        .assert_shows(&path);

    let id_s = id.to_string();
    // Without saying how: refused, what was chosen kept.
    let sent = app
        .post_form(
            "/api/benevole/enregistrer-suivi",
            &[("id", &id_s), ("wave", "3-mois"), ("appris", "oui")],
            Some(&camille),
        )
        .await;
    let back = sent.location().unwrap().to_string();
    assert!(
        back.starts_with(&format!("{path}?erreur=comment")),
        "{back}"
    );
    assert!(answer_sets(&app, id).await.is_empty());

    // Another structure's volunteer: not found, nothing recorded.
    let (other, _) = app.other_structure().await;
    assert_eq!(
        app.get(&path, Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    let refused = app
        .post_form(
            "/api/benevole/enregistrer-suivi",
            &[
                ("id", &id_s),
                ("wave", "3-mois"),
                ("comment", "visite"),
                ("appris", "oui"),
            ],
            Some(&other),
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    assert!(answer_sets(&app, id).await.is_empty());

    let sent = app
        .post_form(
            "/api/benevole/enregistrer-suivi",
            &[
                ("id", &id_s),
                ("wave", "3-mois"),
                ("comment", "telephone"),
                ("appris", "oui"),
                ("recommander", "oui"),
            ],
            Some(&camille),
        )
        .await;
    assert_eq!(sent.location(), Some(format!("{path}?merci=1").as_str()));
    let sets = answer_sets(&app, id).await;
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].answered_how, "telephone");
    assert!(sets[0].staff_id.is_some());
    assert_eq!(sets[0].less_apprehensive, None);
    let page = app.get(&format!("{path}?merci=1"), Some(&camille)).await;
    page.assert_shows("Les réponses sont enregistrées.");
    page.assert_shows("3 mois après la première séance : répondu avec un bénévole, au téléphone");
}

/// Records a learner's answers to `wave` as the volunteer's form would.
async fn answered(
    app: &TestApp,
    id: i32,
    wave: Wave,
    how: AnsweredHow,
    replies: [Option<Reply>; 4],
) {
    let today = parse_day(&today_iso()).unwrap();
    let r = outcomes::record(
        &app.state.db,
        id,
        wave,
        how,
        None,
        &Answers {
            replies: replies.to_vec(),
            what_changed: String::new(),
        },
        today,
        app::ssr::db::now(),
    )
    .await
    .unwrap();
    assert_eq!(r, Recorded::Saved);
}

#[tokio::test]
async fn the_report_counts_answers_and_response_rates_and_hides_groups_under_five() {
    use Reply::{DontKnow, No, Yes};
    let app = TestApp::new().await;
    let db = &app.state.db;
    // Six learners whose 3-month wave fell due a few days ago; five answer.
    let mut three = Vec::new();
    for (i, name) in ["A", "B", "C", "D", "E", "F"].into_iter().enumerate() {
        let (_, id) = app.another_learner(name).await;
        session_on(&app, id, &ago(3, 5 + i as u32)).await;
        three.push(id);
    }
    answered(
        &app,
        three[0],
        Wave::ThreeMonths,
        AnsweredHow::Alone,
        [Some(Yes), Some(Yes), Some(Yes), Some(Yes)],
    )
    .await;
    answered(
        &app,
        three[1],
        Wave::ThreeMonths,
        AnsweredHow::Alone,
        [Some(Yes), Some(No), Some(No), Some(Yes)],
    )
    .await;
    answered(
        &app,
        three[2],
        Wave::ThreeMonths,
        AnsweredHow::Visit,
        [Some(Yes), Some(Yes), None, Some(Yes)],
    )
    .await;
    answered(
        &app,
        three[3],
        Wave::ThreeMonths,
        AnsweredHow::Phone,
        [Some(Yes), Some(DontKnow), None, Some(Yes)],
    )
    .await;
    answered(
        &app,
        three[4],
        Wave::ThreeMonths,
        AnsweredHow::Visit,
        [Some(No), Some(Yes), Some(Yes), Some(No)],
    )
    .await;
    // Two learners at 12 months; one answers.
    let (_, g) = app.another_learner("G").await;
    session_on(&app, g, &ago(12, 2)).await;
    let (_, h) = app.another_learner("H").await;
    session_on(&app, h, &ago(12, 3)).await;
    answered(
        &app,
        g,
        Wave::TwelveMonths,
        AnsweredHow::Alone,
        [Some(Yes), Some(Yes), Some(Yes), Some(Yes)],
    )
    .await;
    // Not due yet (first session a month ago): not counted anywhere.
    let (_, late) = app.another_learner("I").await;
    session_on(&app, late, &ago(1, 0)).await;

    // The confidence question of a module: five learners at its start and its end.
    for (i, (before, after)) in [(0, 2), (1, 2), (1, 1), (2, 1), (0, 1)]
        .into_iter()
        .enumerate()
    {
        for (moment, level) in [(Moment::Start, before), (Moment::End, after)] {
            confidence::record(db, three[i], "souris", moment, level)
                .await
                .unwrap();
        }
    }
    // Another module answered only at its start by one, at both by two.
    for (i, (moment, level)) in [
        (0, (Moment::Start, 0)),
        (1, (Moment::Start, 0)),
        (1, (Moment::End, 2)),
        (2, (Moment::Start, 2)),
        (2, (Moment::End, 2)),
    ] {
        confidence::record(db, three[i], "clavier", moment, level)
            .await
            .unwrap();
    }

    let structure = learner::Entity::find_by_id(g)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .structure_id;
    let today = parse_day(&today_iso()).unwrap();
    let from = parse_day(&ago(13, 0)).unwrap();
    let report = outcomes::report(db, &app.state.content.get(), structure, from, today, today)
        .await
        .unwrap();

    let w3 = &report.waves[0];
    assert_eq!(w3.wave, Wave::ThreeMonths);
    // G and H's 3-month waves fell due about 9 months ago, in the period too: 5 of 8.
    assert_eq!((w3.due, w3.answered), (8, 5));
    assert_eq!(w3.response_rate, Share::Percent(63));
    assert_eq!((w3.alone, w3.at_visit, w3.by_phone), (2, 2, 1));
    let q = |w: &app::model::WaveOutcome, question: FollowUpQuestion| {
        w.questions
            .iter()
            .find(|x| x.question == question)
            .unwrap()
            .clone()
    };
    let learned = q(w3, FollowUpQuestion::Learned);
    assert_eq!(
        (learned.yes, learned.no, learned.dont_know, learned.answers),
        (4, 1, 0, 5)
    );
    assert_eq!(learned.yes_share, Share::Percent(80));
    let less = q(w3, FollowUpQuestion::LessApprehensive);
    assert_eq!(
        (less.yes, less.no, less.dont_know, less.answers),
        (3, 1, 1, 5)
    );
    assert_eq!(less.yes_share, Share::Percent(60));
    // Only three answered "did a task alone": no percentage.
    let alone = q(w3, FollowUpQuestion::DidAlone);
    assert_eq!((alone.yes, alone.no, alone.answers), (2, 1, 3));
    assert_eq!(alone.yes_share, Share::FewerThanFive);

    let w12 = &report.waves[1];
    assert_eq!(w12.wave, Wave::TwelveMonths);
    assert_eq!((w12.due, w12.answered), (2, 1));
    assert_eq!(w12.response_rate, Share::FewerThanFive);
    assert_eq!(
        q(w12, FollowUpQuestion::Learned).yes_share,
        Share::FewerThanFive
    );

    assert_eq!(report.confidence.len(), 2);
    let by_title = |slug_title: &str| {
        report
            .confidence
            .iter()
            .find(|c| c.module_title == slug_title)
            .cloned()
    };
    let catalog = app.state.content.get();
    let title = |slug: &str| {
        catalog
            .module(slug)
            .map_or(slug.to_string(), |m| m.meta.title.clone())
    };
    let souris = by_title(&title("souris")).unwrap();
    assert_eq!(
        (souris.pairs, souris.higher, souris.same, souris.lower),
        (5, 3, 1, 1)
    );
    assert_eq!(souris.higher_share, Share::Percent(60));
    let clavier = by_title(&title("clavier")).unwrap();
    assert_eq!((clavier.pairs, clavier.higher, clavier.same), (2, 1, 1));
    assert_eq!(clavier.higher_share, Share::FewerThanFive);

    // A period ending 6 months ago: only G and H were due (3 months), neither answered;
    // no 12-month wave yet, no confidence answer.
    let before = parse_day(&ago(6, 0)).unwrap();
    let early = outcomes::report(db, &catalog, structure, from, before, today)
        .await
        .unwrap();
    assert_eq!((early.waves[0].due, early.waves[0].answered), (2, 0));
    assert_eq!(early.waves[0].response_rate, Share::FewerThanFive);
    assert_eq!((early.waves[1].due, early.waves[1].answered), (0, 0));
    assert!(early.confidence.is_empty());

    // The answers are counted once per learner and wave, whoever recorded them.
    assert_eq!(follow_up_answer::Entity::find().count(db).await.unwrap(), 6);
}

/// The answers carry a copy of their learner's structure and first session, which the
/// report reads (`stats_people::copy_to_answers`): an earlier session logged late moves the
/// learner's wave out of the period, and a learner who moves takes their answers to the
/// new structure; the copies always equal the learner's.
#[tokio::test]
async fn the_report_follows_a_first_session_logged_late_and_a_move() {
    use Reply::Yes;
    let app = TestApp::new().await;
    let db = &app.state.db;
    let camille = app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
    let (_, x) = app.another_learner("Xavier").await;
    let (_, y) = app.another_learner("Yvonne").await;
    for id in [x, y] {
        session_on(&app, id, &ago(4, 0)).await;
        answered(
            &app,
            id,
            Wave::ThreeMonths,
            AnsweredHow::Alone,
            [Some(Yes), None, None, None],
        )
        .await;
    }
    let old = learner::Entity::find_by_id(x)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .structure_id;
    let today = parse_day(&today_iso()).unwrap();
    let from = parse_day(&ago(2, 0)).unwrap();
    let catalog = app.state.content.get();
    let catalog = &catalog;
    let w3 = |structure: i32| async move {
        let r = outcomes::report(db, catalog, structure, from, today, today)
            .await
            .unwrap();
        (r.waves[0].due, r.waves[0].answered)
    };
    assert_copies_kept(&app).await;
    assert_eq!(w3(old).await, (2, 2));

    // Yvonne's first session was in fact two years ago, logged now through the form: her
    // 3-month wave fell due long before the period.
    let (y_s, date) = (y.to_string(), ago(24, 0));
    post_session(
        &app,
        &camille,
        &[
            ("learner", y_s.as_str()),
            ("date", date.as_str()),
            ("session_type", "individuel"),
            ("place_type", "lieu_activite"),
            ("duration", "30"),
            ("themes", "email"),
        ],
    )
    .await;
    assert_copies_kept(&app).await;
    assert_eq!(w3(old).await, (1, 1));

    // Xavier moves: his answer goes with him.
    let (new, _) = app
        .structure_with_coordinator("Maison des Aînés", None, "nadia.coordination", "Nadia")
        .await;
    let coordinator = staff_named(&app, "demo.coordination").await;
    let moved = app::ssr::services::moves::move_learner(db, &coordinator, x, new, true)
        .await
        .unwrap();
    assert!(matches!(
        moved,
        Some(app::ssr::services::moves::Moved::Done(_))
    ));
    assert_copies_kept(&app).await;
    assert_eq!((w3(old).await, w3(new).await), ((0, 0), (1, 1)));
}

/// Every answer's copy of its learner's structure and first session is the learner's.
async fn assert_copies_kept(app: &TestApp) {
    for a in follow_up_answer::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
    {
        let l = learner::Entity::find_by_id(a.learner_id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (a.structure_id, a.first_session_on.clone()),
            (Some(l.structure_id), l.first_session_on.clone()),
            "the answer {} of learner {}",
            a.id,
            l.id
        );
    }
}
