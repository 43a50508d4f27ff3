//! The statistics page (issue 21, item 4): a small known data set in a structure of its
//! own, each figure checked exactly (the service's numbers, and the page's words), the
//! small-group rule, the period's bounds (first and last day included, the day before and
//! after not), the structure's isolation, and who may see the page. SQLite, and PostgreSQL
//! when `PAP_TEST_POSTGRES` is set.

use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, Set};

use crate::common::*;
use app::model::stats::{DurationBand, HelpDelay, Share, StatsFigures, VolunteerStats};
use app::model::{AgeBand, CoopTheme, PlaceType, SessionType, SocialStatus};
use app::ssr::db::entities::{
    help_request, learner, lesson_completion, step_progress, visit, visit_learner, zone,
    zone_commune,
};
use app::ssr::services::accounts::{self, Roles};
use app::ssr::services::stats::{self, Period};
use app::ssr::services::stats_counters;
use app::text::dates::paris_to_unix;

/// A French date and hour as a Unix time.
fn at(day: &str, hour: i32, minute: i32) -> i64 {
    paris_to_unix(day, hour * 60 + minute).unwrap()
}

struct Session<'a> {
    date: &'a str,
    session_type: &'a str,
    place_type: &'a str,
    minutes: i32,
    themes: &'a str,
    anonymous: i32,
    anonymous_followed: i32,
    volunteer: i32,
    learners: &'a [i32],
}

async fn session(app: &TestApp, structure: i32, s: Session<'_>) {
    let db = &app.state.db;
    let v = visit::ActiveModel {
        structure_id: Set(structure),
        volunteer_id: Set(Some(s.volunteer)),
        date: Set(s.date.into()),
        kind: Set("permanence".into()),
        place: Set(String::new()),
        duration_minutes: Set(s.minutes),
        topics: Set(String::new()),
        note: Set(None),
        created_at: Set(0),
        session_type: Set(s.session_type.into()),
        place_type: Set(s.place_type.into()),
        commune: Set(None),
        equipment: Set(String::new()),
        themes: Set(s.themes.into()),
        autonomy: Set(None),
        orientation: Set(None),
        workshop_title: Set(None),
        workshop_level: Set(None),
        anonymous: Set(s.anonymous),
        anonymous_followed: Set(s.anonymous_followed),
        updated_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    for l in s.learners {
        visit_learner::ActiveModel {
            visit_id: Set(v.id),
            learner_id: Set(*l),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    // Around the services: the people counted once and the first sessions are made again.
    app::ssr::services::stats_learning::rebuild_people(db)
        .await
        .unwrap();
    app::ssr::services::stats_people::rebuild_first_sessions(db)
        .await
        .unwrap();
}

fn individual<'a>(date: &'a str, minutes: i32, volunteer: i32, learners: &'a [i32]) -> Session<'a> {
    Session {
        date,
        session_type: "individuel",
        place_type: "lieu_activite",
        minutes,
        themes: "",
        anonymous: 0,
        anonymous_followed: 0,
        volunteer,
        learners,
    }
}

/// A step seen at `seen`, finished at `done`.
async fn step(app: &TestApp, learner: i32, lesson: &str, step: &str, seen: i64, done: Option<i64>) {
    step_progress::ActiveModel {
        learner_id: Set(learner),
        module: Set("m".into()),
        lesson: Set(lesson.into()),
        step: Set(step.into()),
        first_seen_at: Set(seen),
        last_seen_at: Set(done.unwrap_or(seen)),
        seconds_spent: Set(60),
        completed_at: Set(done),
        counted_shown_at: Set(None),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

async fn finished(app: &TestApp, learner: i32, lesson: &str, when: i64) {
    lesson_completion::ActiveModel {
        learner_id: Set(learner),
        module: Set("m".into()),
        lesson: Set(lesson.into()),
        completed_at: Set(when),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

async fn help(app: &TestApp, learner: i32, created: i64, handled: Option<i64>) {
    help_request::ActiveModel {
        learner_id: Set(learner),
        module: Set("m".into()),
        lesson: Set("a".into()),
        step: Set("s1".into()),
        message: Set(None),
        created_at: Set(created),
        handled_at: Set(handled),
        handled_by: Set(None),
        reply: Set(None),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

struct Relais {
    structure: i32,
    other_structure: i32,
    coordinator: String,
    volunteer: String,
}

/// "Le Relais": a coordinator (Sacha), a volunteer (Vera), eight learners, sessions and
/// learners' moments around March 2026; and another structure whose activity in March must
/// not be counted.
async fn relais(app: &TestApp) -> Relais {
    let db = &app.state.db;
    let s = accounts::find_or_create_structure(db, "Le Relais <du quartier>")
        .await
        .unwrap()
        .id;
    let staff = |username: &'static str, name: &'static str, coordinator: bool| async move {
        accounts::create_staff(
            db,
            &app.state.passwords,
            s,
            username,
            name,
            "un mot de passe long",
            Roles {
                volunteer: true,
                coordinator,
                ..Roles::default()
            },
        )
        .await
        .unwrap()
        .id
    };
    let c = staff("sacha.relais", "Sacha", true).await;
    let v = staff("vera.relais", "Vera", false).await;
    // Ages: six of 70 or more, one of 60 to 69, one not told; five retired; communes: Pau
    // (six, one typed in capitals), Lons (one), one not told.
    let mut l = Vec::new();
    for i in 1..=8 {
        let row = accounts::create_learner(db, s, Some(v), &format!("L{i}"), None)
            .await
            .unwrap();
        let mut row: learner::ActiveModel = row.into();
        row.age_band = Set(match i {
            1..=6 => Some("soixante_dix_plus".into()),
            7 => Some("soixante_soixante_neuf".into()),
            _ => None,
        });
        row.social_status = Set((i <= 5).then(|| "retraite".into()));
        row.commune = Set(match i {
            1..=5 => Some("Pau".into()),
            6 => Some("PAU".into()),
            7 => Some("Lons".into()),
            _ => None,
        });
        l.push(row.update(db).await.unwrap().id);
    }
    let z = zone::ActiveModel {
        structure_id: Set(s),
        name: Set("Centre".into()),
        name_key: Set("centre".into()),
        created_at: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    zone_commune::ActiveModel {
        structure_id: Set(s),
        zone_id: Set(z.id),
        postcode: Set("64000".into()),
        name: Set("Pau".into()),
        name_key: Set("pau".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    // The day before the period: L1 was met already.
    session(app, s, individual("2026-02-28", 60, v, &[l[0]])).await;
    // The first day, at home.
    session(
        app,
        s,
        Session {
            place_type: "domicile",
            themes: "email,sante",
            ..individual("2026-03-01", 45, v, &[l[0]])
        },
    )
    .await;
    session(
        app,
        s,
        Session {
            themes: "email",
            ..individual("2026-03-10", 90, c, &[l[1]])
        },
    )
    .await;
    // A workshop: six named, three without a name (one of them came before).
    session(
        app,
        s,
        Session {
            session_type: "collectif",
            themes: "email,securite_numerique",
            anonymous: 3,
            anonymous_followed: 1,
            ..individual("2026-03-15", 120, c, &l[2..8])
        },
    )
    .await;
    // The last day, remote.
    session(
        app,
        s,
        Session {
            place_type: "a_distance",
            ..individual("2026-03-31", 15, v, &[l[1]])
        },
    )
    .await;
    // The day after.
    session(app, s, individual("2026-04-01", 30, v, &[l[7]])).await;

    // Lessons and steps. L1's lesson a began before the period; its second step, on a
    // day without a session, is practice alone.
    step(
        app,
        l[0],
        "a",
        "s1",
        at("2026-02-20", 10, 0),
        Some(at("2026-02-20", 10, 5)),
    )
    .await;
    step(
        app,
        l[0],
        "a",
        "s2",
        at("2026-03-02", 10, 0),
        Some(at("2026-03-02", 10, 5)),
    )
    .await;
    // L1's lesson b began on the first day, at the session (not alone), went on alone.
    step(
        app,
        l[0],
        "b",
        "s1",
        at("2026-03-01", 10, 0),
        Some(at("2026-03-01", 10, 5)),
    )
    .await;
    step(
        app,
        l[0],
        "b",
        "s2",
        at("2026-03-05", 18, 0),
        Some(at("2026-03-05", 18, 5)),
    )
    .await;
    // L2's lesson a began late on the last day, the day of a session with them.
    step(
        app,
        l[1],
        "a",
        "s1",
        at("2026-03-31", 23, 0),
        Some(at("2026-03-31", 23, 10)),
    )
    .await;
    // L2's lesson c, the first hour after midnight as the statistics count days (France's
    // winter offset all year: in summer time, 1:30): the day after the period.
    step(
        app,
        l[1],
        "c",
        "s1",
        at("2026-04-01", 1, 30),
        Some(at("2026-04-01", 1, 40)),
    )
    .await;
    // L3's lesson a began just before midnight the day before; finished alone in March.
    step(
        app,
        l[2],
        "a",
        "s1",
        at("2026-02-28", 23, 30),
        Some(at("2026-03-03", 12, 0)),
    )
    .await;
    // L3's lesson d began in March, not finished.
    step(app, l[2], "d", "s1", at("2026-03-20", 9, 0), None).await;
    finished(app, l[0], "b", at("2026-03-05", 18, 5)).await;
    finished(app, l[1], "x", at("2026-02-28", 12, 0)).await;
    finished(app, l[2], "a", at("2026-04-01", 10, 0)).await;

    // Help requests: answered in exactly 24 hours, in two days, in five days, not yet; one
    // before the period.
    let h = at("2026-03-02", 10, 0);
    help(app, l[0], h, Some(h + 86400)).await;
    help(
        app,
        l[1],
        at("2026-03-03", 9, 0),
        Some(at("2026-03-05", 9, 0)),
    )
    .await;
    help(
        app,
        l[2],
        at("2026-03-04", 9, 0),
        Some(at("2026-03-09", 9, 0)),
    )
    .await;
    help(app, l[3], at("2026-03-20", 9, 0), None).await;
    help(
        app,
        l[4],
        at("2026-02-27", 9, 0),
        Some(at("2026-02-27", 10, 0)),
    )
    .await;

    // Another structure, busy in March.
    let o = accounts::find_or_create_structure(db, "Ailleurs")
        .await
        .unwrap()
        .id;
    let ov = accounts::create_staff(
        db,
        &app.state.passwords,
        o,
        "ailleurs.benevole",
        "Olga",
        "un mot de passe long",
        Roles {
            volunteer: true,
            ..Roles::default()
        },
    )
    .await
    .unwrap()
    .id;
    let ol = accounts::create_learner(db, o, Some(ov), "Otto", None)
        .await
        .unwrap()
        .id;
    session(
        app,
        o,
        Session {
            themes: "email",
            ..individual("2026-03-10", 60, ov, &[ol])
        },
    )
    .await;
    step(
        app,
        ol,
        "a",
        "s1",
        at("2026-03-11", 10, 0),
        Some(at("2026-03-11", 10, 5)),
    )
    .await;
    finished(app, ol, "a", at("2026-03-11", 10, 5)).await;
    help(app, ol, at("2026-03-11", 10, 0), None).await;
    // The records were written around the services: the daily counters are made from them.
    stats_counters::rebuild(db).await.unwrap();

    Relais {
        structure: s,
        other_structure: o,
        coordinator: app
            .staff_cookie("sacha.relais", "un mot de passe long")
            .await,
        volunteer: app
            .staff_cookie("vera.relais", "un mot de passe long")
            .await,
    }
}

fn shown(count: u64, percent: u32) -> Share {
    Share::Shown { count, percent }
}

/// The type of an XLSX file.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A download answered as one: 200, its type, never kept by a cache, and (`file`) saved
/// under that name.
fn assert_download(res: &TestResponse, content_type: &str, file: Option<&str>) {
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.headers.get("content-type").unwrap(), content_type);
    assert_eq!(res.headers.get("cache-control").unwrap(), "no-store");
    if let Some(file) = file {
        assert_eq!(
            res.headers.get("content-disposition").unwrap(),
            format!("attachment; filename=\"{file}\"").as_str()
        );
    }
}

#[tokio::test]
async fn every_figure_of_a_known_period_is_exact() {
    let app = TestApp::new().await;
    let r = relais(&app).await;
    let march = Period::new("2026-03-01", "2026-03-31").unwrap();
    let f = stats::figures(&app.state.db, r.structure, &march)
        .await
        .unwrap();
    let expected = StatsFigures {
        people: 8,
        people_new: 7,
        people_returning: 1,
        anonymous: 3,
        anonymous_returning: 1,
        sessions: 4,
        minutes: 45 + 90 + 120 + 15,
        by_type: vec![(SessionType::Individual, 3), (SessionType::Collective, 1)],
        by_place: vec![
            (PlaceType::ActivityPlace, 2),
            (PlaceType::Home, 1),
            (PlaceType::Remote, 1),
        ],
        by_theme: vec![
            (CoopTheme::Email, 3),
            (CoopTheme::Health, 1),
            (CoopTheme::Security, 1),
        ],
        by_duration: vec![
            (DurationBand::Short, 1),
            (DurationBand::HalfHour, 1),
            (DurationBand::Hour, 1),
            (DurationBand::Long, 1),
        ],
        workshops: 1,
        workshop_participants: 6 + 3,
        lessons_started: 3,
        lessons_finished: 1,
        steps_alone: 3,
        people_alone: 2,
        help_requests: 4,
        help_by_delay: vec![
            (HelpDelay::SameDay, 1),
            (HelpDelay::FewDays, 1),
            (HelpDelay::Later, 1),
            (HelpDelay::Waiting, 1),
        ],
        by_volunteer: vec![
            VolunteerStats {
                name: Some("Sacha".into()),
                sessions: 2,
                minutes: 210,
                people: 7,
            },
            VolunteerStats {
                name: Some("Vera".into()),
                sessions: 2,
                minutes: 60,
                people: 2,
            },
        ],
        by_zone: app::model::stats::PeopleBreakdown {
            rows: vec![
                (Some("Centre".into()), shown(6, 75)),
                (None, Share::FewerThanFive),
            ],
        },
        by_commune: app::model::stats::PeopleBreakdown {
            rows: vec![
                (Some("Pau".into()), shown(6, 75)),
                (None, Share::FewerThanFive),
            ],
        },
        by_age: app::model::stats::PeopleBreakdown {
            rows: vec![
                (Some(AgeBand::From60To69), Share::FewerThanFive),
                (Some(AgeBand::From70), shown(6, 75)),
                (None, Share::FewerThanFive),
            ],
        },
        by_status: app::model::stats::PeopleBreakdown {
            rows: vec![
                (Some(SocialStatus::Retired), shown(5, 63)),
                (None, Share::FewerThanFive),
            ],
        },
        by_gender: app::model::stats::PeopleBreakdown {
            rows: vec![(None, shown(8, 100))],
        },
    };
    assert_eq!(f, expected);

    // The other structure sees its own March only.
    let o = stats::figures(&app.state.db, r.other_structure, &march)
        .await
        .unwrap();
    assert_eq!(
        (o.sessions, o.people, o.people_new, o.minutes),
        (1, 1, 1, 60)
    );
    assert_eq!(
        (
            o.lessons_started,
            o.lessons_finished,
            o.steps_alone,
            o.help_requests
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(o.by_theme, vec![(CoopTheme::Email, 1)]);
    assert_eq!(o.by_age.rows, vec![(None, Share::FewerThanFive)]);

    // One day: the last of March only.
    let last = Period::new("2026-03-31", "2026-03-31").unwrap();
    let f = stats::figures(&app.state.db, r.structure, &last)
        .await
        .unwrap();
    assert_eq!((f.sessions, f.people, f.people_new), (1, 1, 0));
    assert_eq!((f.lessons_started, f.steps_alone), (1, 0));
}

#[tokio::test]
async fn the_page_words_the_figures_and_hides_small_groups() {
    let app = TestApp::new().await;
    let r = relais(&app).await;
    let page = app
        .get(
            "/benevole/statistiques?du=2026-03-01&au=2026-03-31",
            Some(&r.coordinator),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.headers.get("cache-control").unwrap(),
        "no-store",
        "a private page"
    );
    // The structure's name (escaped) and the period, in the title and the heading.
    page.assert_shows("Le Relais &lt;du quartier&gt;, du 1er mars 2026 au 31 mars 2026");
    assert!(!page.body.contains("<du quartier>"));
    for figure in [
        "4 h 30",
        "<tr><th scope=\"row\">E-mail</th><td>3</td></tr>",
        "<tr><th scope=\"row\">Pau</th><td>6 (75 %)</td></tr>",
        "<tr><th scope=\"row\">Centre</th><td>6 (75 %)</td></tr>",
        "<tr><th scope=\"row\">Retraité</th><td>5 (63 %)</td></tr>",
        "<td>moins de 5</td>",
        "aria-labelledby=\"par-age-title par-age-desc\"",
        "id=\"ce-que-disent-les-personnes\"",
        // The follow-up questionnaire's section, for the same period.
        app::text::outcomes::REPORT_TITLE,
        // The downloads of the same period.
        "href=\"/benevole/statistiques.csv?du=2026-03-01&",
        "href=\"/benevole/statistiques.xlsx?du=2026-03-01&",
        "href=\"/benevole/seances.csv?du=2026-03-01&",
        "href=\"/benevole/seances.xlsx?du=2026-03-01&",
        app::text::stats::STATS_XLSX_LINK,
    ] {
        page.assert_shows(figure);
    }
    // A group of fewer than five people never shows as a number, nor a percentage.
    assert!(
        !page.body.contains("(13 %)"),
        "1 person of 8 as a percentage"
    );
    assert!(
        !page.body.contains("(25 %)"),
        "2 people of 8 as a percentage"
    );
    assert!(
        !page.body.contains("(38 %)"),
        "3 people of 8 as a percentage"
    );
    assert!(
        !page.body.contains(">Lons<"),
        "a commune of one person named"
    );
    // Nothing of the other structure.
    assert!(!page.body.contains("Olga"));

    // Without a period: the last twelve months; a wrong period is said.
    let page = app
        .get("/benevole/statistiques", Some(&r.coordinator))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let today = app::text::dates::today_iso(app::ssr::db::now());
    let (from, to) = stats::default_period(&today);
    page.assert_shows(&format!("value=\"{from}\""));
    page.assert_shows(&format!("value=\"{to}\""));
    let page = app
        .get(
            "/benevole/statistiques?du=2026-03-31&au=2026-03-01",
            Some(&r.coordinator),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("La période n");
    assert!(!page.body.contains("stats-section"));
}

#[tokio::test]
async fn only_coordinators_see_the_statistics() {
    let app = TestApp::new().await;
    let r = relais(&app).await;
    let page = app.get("/benevole/statistiques", Some(&r.volunteer)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.body
            .contains(&app::text::ERROR_FOR_COORDINATORS.replace('\'', "&#x27;"))
            || page.body.contains(app::text::ERROR_FOR_COORDINATORS),
        "{}",
        page.body
    );
    assert!(!page.body.contains("stats-section"));
    // The demo coordinator sees their own structure's, not Le Relais's.
    let demo = app
        .staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await;
    let page = app
        .get(
            "/benevole/statistiques?du=2026-03-01&au=2026-03-31",
            Some(&demo),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Le Relais"));
    assert!(!page.body.contains("Vera"));
}

#[tokio::test]
async fn the_sessions_of_a_period_download_as_csv_for_french_excel() {
    let app = TestApp::new().await;
    let r = relais(&app).await;
    let res = app
        .get(
            "/benevole/seances.csv?du=2026-03-01&au=2026-03-31",
            Some(&r.coordinator),
        )
        .await;
    assert_download(&res, "text/csv; charset=utf-8", None);
    assert!(
        res.raw.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 byte order mark"
    );
    let lines: Vec<&str> = res.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines,
        [
            "date;type_accompagnement;type_lieu;commune;duree_minutes;materiel;thematiques;\
             autonomie;orientation;titre_atelier;niveau_atelier;participants_nommes;\
             participants_sans_nom;participants_deja_venus;benevole",
            "2026-03-01;individuel;domicile;;45;;email,sante;;;;;1;0;0;Vera",
            "2026-03-10;individuel;lieu_activite;;90;;email;;;;;1;0;0;Sacha",
            "2026-03-15;collectif;lieu_activite;;120;;email,securite_numerique;;;;;6;3;1;Sacha",
            "2026-03-31;individuel;a_distance;;15;;;;;;;1;0;0;Vera",
        ]
    );
    // A volunteer gets their own sessions only.
    let res = app
        .get(
            "/benevole/seances.csv?du=2026-03-01&au=2026-03-31",
            Some(&r.volunteer),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let lines: Vec<&str> = res.body.lines().skip(1).collect();
    assert_eq!(lines.len(), 2, "{}", res.body);
    assert!(lines.iter().all(|l| l.ends_with(";Vera")));
    // A wrong period is said, in French.
    let res = app
        .get(
            "/benevole/seances.csv?du=2026-03-31&au=2026-03-01",
            Some(&r.coordinator),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("La période demandée"), "{}", res.body);
    // Nobody signed in: the sign-in page.
    let res = app.get("/benevole/seances.csv", None).await;
    assert!(res.status.is_redirection(), "{}", res.status);
}

/// The rows of a downloaded CSV file (`;` between cells), each as its cells, empty cells at
/// the end of a row left out (an empty line: no cell).
fn csv_rows(body: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| {
            let mut cells: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        })
        .collect()
}

/// The first sheet of a downloaded XLSX file, named `sheet`, as cells (`calamine`'s).
fn xlsx_sheet(raw: &[u8], sheet: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(raw.to_vec())).unwrap();
    assert_eq!(book.sheet_names(), [sheet]);
    let range = book.worksheet_range(sheet).unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

/// An XLSX sheet's rows written as the CSV file writes them (a decimal comma, days as
/// `YYYY-MM-DD`), empty cells at the end of a row left out: the two files must be equal.
fn xlsx_rows(sheet: &[Vec<calamine::Data>]) -> Vec<Vec<String>> {
    use calamine::Data;
    sheet
        .iter()
        .map(|row| {
            let mut cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Int(n) => n.to_string(),
                    Data::Float(x) => x.to_string().replace('.', ","),
                    Data::DateTime(d) => d
                        .as_datetime()
                        .expect("a date")
                        .format("%Y-%m-%d")
                        .to_string(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect();
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        })
        .collect()
}

/// The rows of the section titled `title` (its header and lines, up to the empty line).
fn section(rows: &[Vec<String>], title: &str) -> Vec<Vec<String>> {
    let start = rows
        .iter()
        .position(|r| r.len() == 1 && r[0] == title)
        .unwrap_or_else(|| panic!("no section {title}: {rows:?}"));
    rows[start + 1..]
        .iter()
        .take_while(|r| !r.is_empty())
        .cloned()
        .collect()
}

fn cells(row: &[&str]) -> Vec<String> {
    row.iter().map(|c| c.to_string()).collect()
}

/// The figures of Le Relais's March, as both exports write them: every section checked
/// exactly, small groups as "moins de 5", no name of a learner nor of another structure.
fn assert_march_figures(rows: &[Vec<String>]) {
    use app::model::Wave;
    use app::text::{outcomes as said, sessions as s, stats as w};
    let fewer = w::FEWER_THAN_FIVE;
    assert_eq!(
        rows[0],
        cells(&["Statistiques — Le Relais <du quartier>, du 1er mars 2026 au 31 mars 2026"])
    );
    assert_eq!(
        rows[1..4],
        [
            cells(&[w::EXPORT_STRUCTURE, "Le Relais <du quartier>"]),
            cells(&[w::EXPORT_FROM, "2026-03-01"]),
            cells(&[w::EXPORT_TO, "2026-03-31"]),
        ]
    );
    let what = cells(&[w::COL_WHAT, w::COL_FIGURE]);
    assert_eq!(
        section(rows, w::PEOPLE_TITLE),
        [
            what.clone(),
            cells(&[w::PEOPLE, "8"]),
            cells(&[w::PEOPLE_NEW, "7"]),
            cells(&[w::PEOPLE_RETURNING, "1"]),
            cells(&[w::ANONYMOUS, "3"]),
            cells(&[w::ANONYMOUS_RETURNING, "1"]),
        ]
    );
    assert_eq!(
        section(rows, w::SESSIONS_TITLE),
        [
            what.clone(),
            cells(&[w::SESSIONS, "4"]),
            cells(&[w::EXPORT_HOURS, "4,5"]),
            cells(&[w::WORKSHOPS, "1"]),
            cells(&[w::WORKSHOP_PARTICIPANTS, "9"]),
        ]
    );
    assert_eq!(
        section(rows, w::BY_TYPE),
        [
            cells(&[w::COL_TYPE, w::COL_SESSIONS]),
            cells(&[s::session_type(SessionType::Individual), "3"]),
            cells(&[s::session_type(SessionType::Collective), "1"]),
        ]
    );
    assert_eq!(
        section(rows, w::BY_PLACE),
        [
            cells(&[w::COL_PLACE, w::COL_SESSIONS]),
            cells(&[s::place_type(PlaceType::ActivityPlace), "2"]),
            cells(&[s::place_type(PlaceType::Home), "1"]),
            cells(&[s::place_type(PlaceType::Remote), "1"]),
        ]
    );
    assert_eq!(
        section(rows, w::BY_THEME),
        [
            cells(&[w::COL_THEME, w::COL_SESSIONS]),
            cells(&[s::theme(CoopTheme::Email), "3"]),
            cells(&[s::theme(CoopTheme::Health), "1"]),
            cells(&[s::theme(CoopTheme::Security), "1"]),
        ]
    );
    let mut by_duration = vec![cells(&[w::COL_DURATION, w::COL_SESSIONS])];
    by_duration.extend(DurationBand::ALL.map(|b| cells(&[w::duration_band(b), "1"])));
    assert_eq!(section(rows, w::BY_DURATION), by_duration);
    assert_eq!(
        section(rows, w::LEARNING_TITLE),
        [
            what.clone(),
            cells(&[w::LESSONS_STARTED, "3"]),
            cells(&[w::LESSONS_FINISHED, "1"]),
            cells(&[w::STEPS_ALONE, "3"]),
            cells(&[w::PEOPLE_ALONE, "2"]),
        ]
    );
    let mut help = vec![
        cells(&[w::COL_DELAY, w::COL_REQUESTS]),
        cells(&[w::EXPORT_HELP_TOTAL, "4"]),
    ];
    help.extend(HelpDelay::ALL.map(|d| cells(&[w::help_delay(d), "1"])));
    assert_eq!(section(rows, w::HELP_TITLE), help);
    assert_eq!(
        section(rows, w::VOLUNTEERS_TITLE),
        [
            cells(&[
                w::COL_VOLUNTEER,
                w::COL_SESSIONS,
                w::EXPORT_HOURS,
                w::COL_PEOPLE
            ]),
            cells(&["Sacha", "2", "3,5", "7"]),
            cells(&["Vera", "2", "1", "2"]),
        ]
    );
    let people = |label: &str| cells(&[label, w::COL_PEOPLE, w::EXPORT_SHARE]);
    assert_eq!(
        section(rows, w::BY_ZONE),
        [
            people(w::COL_ZONE),
            cells(&["Centre", "6", "75"]),
            cells(&[w::NO_ZONE, fewer]),
        ]
    );
    assert_eq!(
        section(rows, w::BY_COMMUNE),
        [
            people(w::COL_COMMUNE),
            cells(&["Pau", "6", "75"]),
            cells(&[w::OTHER_COMMUNES, fewer]),
        ]
    );
    assert_eq!(
        section(rows, w::BY_AGE),
        [
            people(w::COL_AGE),
            cells(&[s::age_band(AgeBand::From60To69), fewer]),
            cells(&[s::age_band(AgeBand::From70), "6", "75"]),
            cells(&[w::NOT_TOLD, fewer]),
        ]
    );
    assert_eq!(
        section(rows, w::BY_STATUS),
        [
            people(w::COL_STATUS),
            cells(&[s::status(SocialStatus::Retired), "5", "63"]),
            cells(&[w::NOT_TOLD, fewer]),
        ]
    );
    assert_eq!(
        section(rows, w::BY_GENDER),
        [people(w::COL_GENDER), cells(&[w::NOT_TOLD, "8", "100"])]
    );
    // What people say: nobody's questionnaire falls in March, so no percentage.
    let wave = section(rows, said::wave_heading(Wave::ThreeMonths));
    assert_eq!(
        wave[..4],
        [
            what.clone(),
            cells(&[w::EXPORT_DUE, "0"]),
            cells(&[w::EXPORT_ANSWERED, "0"]),
            cells(&[w::EXPORT_RESPONSE_RATE, fewer]),
        ]
    );
    assert!(
        wave.iter()
            .filter(|r| r.len() == 6 && r[0] != w::EXPORT_QUESTION)
            .all(|r| r[1..] == cells(&["0", "0", "0", "0", fewer])),
        "{wave:?}"
    );
    assert_eq!(
        section(rows, said::REPORT_CONFIDENCE_TITLE)[1..],
        [cells(&[said::REPORT_CONFIDENCE_NONE])]
    );
    // Nothing about a group of fewer than five as a number, nor any name of a learner or of
    // the other structure.
    for row in rows {
        for cell in row {
            assert!(
                ![
                    "L1", "L2", "Lons", "Olga", "Otto", "Ailleurs", "13", "25", "38"
                ]
                .contains(&cell.as_str()),
                "{cell} in {row:?}"
            );
        }
    }
}

#[tokio::test]
async fn the_statistics_download_as_csv_for_french_excel() {
    let app = TestApp::new().await;
    let r = relais(&app).await;
    let res = app
        .get(
            "/benevole/statistiques.csv?du=2026-03-01&au=2026-03-31",
            Some(&r.coordinator),
        )
        .await;
    assert_download(
        &res,
        "text/csv; charset=utf-8",
        Some("statistiques-2026-03-01-2026-03-31.csv"),
    );
    assert!(
        res.raw.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 byte order mark"
    );
    // `;` between cells, CRLF at the end of each line, quotes where a cell needs them.
    assert!(
        res.body
            .contains(&format!("\r\n{};8\r\n", app::text::stats::PEOPLE)),
        "{}",
        res.body
    );
    assert!(!res.body.replace("\r\n", "").contains('\n'));
    assert_march_figures(&csv_rows(&res.body));

    // Without a period: the page's (the last twelve months), in the file's name too.
    let res = app
        .get("/benevole/statistiques.csv", Some(&r.coordinator))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let today = app::text::dates::today_iso(app::ssr::db::now());
    let (from, to) = stats::default_period(&today);
    assert_eq!(
        res.headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap(),
        format!("attachment; filename=\"statistiques-{from}-{to}.csv\"")
    );
    // A wrong period is said, in French.
    let res = app
        .get(
            "/benevole/statistiques.csv?du=2026-03-31&au=2026-03-01",
            Some(&r.coordinator),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("La période demandée"), "{}", res.body);
}

#[tokio::test]
async fn the_statistics_download_as_xlsx_with_the_csv_s_content() {
    use calamine::Data;
    let app = TestApp::new().await;
    let r = relais(&app).await;
    let query = "?du=2026-03-01&au=2026-03-31";
    let res = app
        .get(
            &format!("/benevole/statistiques.xlsx{query}"),
            Some(&r.coordinator),
        )
        .await;
    assert_download(&res, XLSX, Some("statistiques-2026-03-01-2026-03-31.xlsx"));
    let sheet = xlsx_sheet(&res.raw, app::text::stats::SHEET);
    let rows = xlsx_rows(&sheet);
    assert_march_figures(&rows);
    // Numbers as numbers, days as dates.
    let people = sheet
        .iter()
        .find(|r| r.first() == Some(&Data::String(app::text::stats::PEOPLE.into())))
        .unwrap();
    assert_eq!(people[1], Data::Float(8.0));
    let hours = sheet
        .iter()
        .find(|r| r.first() == Some(&Data::String(app::text::stats::EXPORT_HOURS.into())))
        .unwrap();
    assert_eq!(hours[1], Data::Float(4.5));
    assert!(matches!(sheet[2][1], Data::DateTime(_)), "{:?}", sheet[2]);
    // The very same content as the CSV file.
    let csv = app
        .get(
            &format!("/benevole/statistiques.csv{query}"),
            Some(&r.coordinator),
        )
        .await;
    assert_eq!(rows, csv_rows(&csv.body));
}

#[tokio::test]
async fn the_sessions_download_as_xlsx_with_the_csv_s_content() {
    use calamine::Data;
    let app = TestApp::new().await;
    let r = relais(&app).await;
    for (who, lines) in [(&r.coordinator, 4), (&r.volunteer, 2)] {
        let query = "?du=2026-03-01&au=2026-03-31";
        let res = app
            .get(&format!("/benevole/seances.xlsx{query}"), Some(who))
            .await;
        assert_download(&res, XLSX, Some("seances-2026-03-01-2026-03-31.xlsx"));
        let sheet = xlsx_sheet(&res.raw, app::text::stats::SESSIONS_SHEET);
        assert_eq!(sheet.len(), 1 + lines);
        // The workshop (the coordinator's third line): a date, numbers as numbers.
        if lines == 4 {
            let workshop = &sheet[3];
            assert_eq!(
                workshop[0],
                Data::DateTime(calamine::ExcelDateTime::new(
                    46096.0,
                    calamine::ExcelDateTimeType::DateTime,
                    false
                ))
            );
            assert_eq!(workshop[4], Data::Float(120.0));
            assert_eq!(
                workshop[11..14],
                [Data::Float(6.0), Data::Float(3.0), Data::Float(1.0)]
            );
        }
        let csv = app
            .get(&format!("/benevole/seances.csv{query}"), Some(who))
            .await;
        assert_eq!(xlsx_rows(&sheet), csv_rows(&csv.body));
    }
    // Nobody signed in: the sign-in page.
    let res = app.get("/benevole/seances.xlsx", None).await;
    assert!(res.status.is_redirection(), "{}", res.status);
}

/// More sessions than one page of the download (`sessions_export::PAGE`), many on the same
/// day and entered out of order: every one is in the file once, by date then order of entry,
/// in the CSV as in the XLSX.
#[tokio::test]
async fn a_long_period_downloads_page_after_page_whole_and_in_order() {
    use app::ssr::services::sessions_export::PAGE;
    use sea_orm::EntityTrait;
    let app = TestApp::new().await;
    let r = relais(&app).await;
    let total = usize::try_from(PAGE).unwrap() + 345;
    // Three days of April, in turn: the page ends in the middle of a day.
    let day = |k: usize| format!("2026-04-0{}", 3 - k % 3);
    let rows: Vec<visit::ActiveModel> = (0..total)
        .map(|k| visit::ActiveModel {
            structure_id: Set(r.structure),
            volunteer_id: Set(None),
            date: Set(day(k)),
            kind: Set("permanence".into()),
            place: Set(String::new()),
            // Tells the sessions apart in the file.
            duration_minutes: Set(i32::try_from(k).unwrap() + 1),
            topics: Set(String::new()),
            note: Set(None),
            created_at: Set(0),
            session_type: Set("individuel".into()),
            place_type: Set("lieu_activite".into()),
            commune: Set(None),
            equipment: Set(String::new()),
            themes: Set(String::new()),
            autonomy: Set(None),
            orientation: Set(None),
            workshop_title: Set(None),
            workshop_level: Set(None),
            anonymous: Set(0),
            anonymous_followed: Set(0),
            updated_at: Set(None),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(400) {
        visit::Entity::insert_many(chunk.to_vec())
            .exec(&app.state.db)
            .await
            .unwrap();
    }
    // By day, then in the order they were entered.
    let mut expected: Vec<(String, usize)> = (0..total).map(|k| (day(k), k + 1)).collect();
    expected.sort();
    let expected: Vec<String> = expected.into_iter().map(|(_, m)| m.to_string()).collect();
    let query = "?du=2026-04-01&au=2026-04-30";
    let csv = app
        .get(
            &format!("/benevole/seances.csv{query}"),
            Some(&r.coordinator),
        )
        .await;
    assert_download(&csv, "text/csv; charset=utf-8", None);
    let lines = csv_rows(&csv.body);
    assert_eq!(lines[0][0], "date");
    // The sessions added here are those with no volunteer (the others are Le Relais's).
    let minutes: Vec<String> = lines[1..]
        .iter()
        .filter(|l| l.get(14).is_none_or(String::is_empty))
        .map(|l| l[4].clone())
        .collect();
    assert_eq!(minutes, expected);
    let xlsx = app
        .get(
            &format!("/benevole/seances.xlsx{query}"),
            Some(&r.coordinator),
        )
        .await;
    assert_download(&xlsx, XLSX, Some("seances-2026-04-01-2026-04-30.xlsx"));
    let sheet = xlsx_sheet(&xlsx.raw, app::text::stats::SESSIONS_SHEET);
    assert_eq!(xlsx_rows(&sheet), lines);
}

/// The statistics downloads are for coordinators only, as the page: a volunteer is refused,
/// a learner and someone not signed in are sent to the staff's sign-in.
#[tokio::test]
async fn only_coordinators_download_the_statistics() {
    let app = TestApp::new().await;
    let r = relais(&app).await;
    let learner = app.learner_cookie().await;
    for path in ["/benevole/statistiques.csv", "/benevole/statistiques.xlsx"] {
        let url = format!("{path}?du=2026-03-01&au=2026-03-31");
        let res = app.get(&url, Some(&r.volunteer)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
        assert!(!res.body.contains("Sacha"), "{path}");
        assert!(res.headers.get("content-disposition").is_none(), "{path}");
        for cookie in [Some(learner.as_str()), None] {
            let res = app.get(&url, cookie).await;
            assert!(res.status.is_redirection(), "{path}: {}", res.status);
            assert!(res.headers.get("content-disposition").is_none(), "{path}");
        }
    }
}

/// The people counted once (`stats_people`: the days of each person's year as bits) give,
/// for any period, what the sessions and step records give: periods of one day, parts of
/// months, across a new year and over several years; people met before the period in an
/// earlier year or earlier the same month; two volunteers and a deleted one; steps alone.
#[tokio::test]
async fn the_people_of_any_period_are_those_of_the_rows() {
    use stats::Group;
    let app = TestApp::new().await;
    let db = &app.state.db;
    let s = accounts::find_or_create_structure(db, "La Ruche")
        .await
        .unwrap()
        .id;
    let roles = Roles {
        volunteer: true,
        ..Roles::default()
    };
    let mut volunteers = Vec::new();
    for name in ["ines.relais", "oscar.relais"] {
        let v = accounts::create_staff(
            db,
            &app.state.passwords,
            s,
            name,
            name,
            "un mot de passe long",
            roles,
        )
        .await
        .unwrap();
        volunteers.push(v.id);
    }
    let mut people = Vec::new();
    for i in 0..6 {
        let l = accounts::create_learner(db, s, None, &format!("P{i}"), None)
            .await
            .unwrap();
        people.push(l.id);
    }
    let (a, b) = (volunteers[0], volunteers[1]);
    let days = [
        ("2024-12-31", a, &people[0..1]),
        ("2025-12-06", a, &people[1..3]),
        ("2025-12-07", b, &people[2..4]),
        ("2025-12-31", a, &people[3..4]),
        ("2026-01-01", b, &people[4..5]),
        ("2026-03-14", a, &people[0..2]),
        ("2026-03-15", b, &people[5..6]),
        ("2026-05-02", a, &people[0..6]),
        ("2026-05-31", b, &people[1..2]),
        ("2026-12-06", a, &people[2..3]),
        ("2027-01-06", b, &people[3..5]),
    ];
    for (date, volunteer, learners) in days {
        session(&app, s, individual(date, 30, volunteer, learners)).await;
    }
    // Steps finished alone (no session that day) and one on a day with a session.
    for (i, (day, hour)) in [
        ("2025-12-08", 10),
        ("2026-03-14", 11),
        ("2026-03-16", 9),
        ("2026-12-31", 23),
    ]
    .into_iter()
    .enumerate()
    {
        let t = at(day, hour, 0);
        step(&app, people[i], "x", "s1", t, Some(t)).await;
    }
    stats_counters::rebuild(db).await.unwrap();
    // Oscar's account is deleted: his sessions are nobody's.
    {
        use app::ssr::db::entities::staff;
        use sea_orm::EntityTrait;
        staff::Entity::delete_by_id(b).exec(db).await.unwrap();
    }
    let periods = [
        ("2026-03-14", "2026-03-14"),
        ("2026-03-15", "2026-05-02"),
        ("2026-03-16", "2026-05-01"),
        ("2025-12-07", "2026-12-06"),
        ("2025-12-08", "2026-01-01"),
        ("2026-01-01", "2026-12-31"),
        ("2024-01-01", "2027-12-31"),
        ("2025-06-01", "2027-01-06"),
        ("2026-06-01", "2026-11-30"),
    ];
    for (from, to) in periods {
        let p = Period::new(from, to).unwrap();
        for g in [
            Group::People,
            Group::Volunteers,
            Group::Attributes,
            Group::Learning,
        ] {
            let mut counted = StatsFigures::default();
            let mut rows = StatsFigures::default();
            // The attributes' shares are of the people counted before them.
            if g == Group::Attributes {
                stats::group(db, Group::People, s, &p, &mut counted)
                    .await
                    .unwrap();
                stats::group_from_rows(db, Group::People, s, &p, &mut rows)
                    .await
                    .unwrap();
            }
            stats::group(db, g, s, &p, &mut counted).await.unwrap();
            stats::group_from_rows(db, g, s, &p, &mut rows)
                .await
                .unwrap();
            assert_eq!(counted, rows, "{g:?} from {from} to {to}");
        }
    }
    // A few by hand: from 15 March to 2 May 2026, everyone (all six on 2 May), one of
    // them new (P5, first met on 15 March; P4 on 1 January).
    let p = Period::new("2026-03-15", "2026-05-02").unwrap();
    let f = stats::figures(db, s, &p).await.unwrap();
    assert_eq!((f.people, f.people_new), (6, 1), "{f:?}");
    let p = Period::new("2025-12-07", "2025-12-31").unwrap();
    let f = stats::figures(db, s, &p).await.unwrap();
    // P2 and P3 on 7 December, P3 again on the 31st: two people, P3 new (P2 was met on
    // 6 December).
    assert_eq!((f.people, f.people_new), (2, 1), "{f:?}");
    // Alone: P0 on 8 December 2025 (no session), P2 on 16 March; P1's step of 14 March
    // was on a day with a session; P3's of 31 December 2026 at 23:00 in France.
    let p = Period::new("2025-12-01", "2026-12-31").unwrap();
    let f = stats::figures(db, s, &p).await.unwrap();
    assert_eq!((f.steps_alone, f.people_alone), (3, 3), "{f:?}");
}

/// On PostgreSQL every connection of the server's pool plans each run of a prepared
/// statement for its values (the statistics run the same statements for a day and for a
/// year; a generic plan kept after five runs made the year's attributes 4 times slower in
/// `server/benches/stats.rs`). Nothing to check on SQLite.
#[tokio::test]
async fn postgres_plans_each_period_for_itself() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = TestApp::new().await;
    let db = &app.state.db;
    if db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    // Several connections at once, so that more than the pool's first one is asked.
    let ask = || async {
        let row = db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT current_setting('plan_cache_mode') AS m, pg_sleep(0.05)::text AS s",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<String>("", "m").unwrap()
    };
    let modes = futures_util::future::join_all((0..4).map(|_| ask())).await;
    assert_eq!(modes, vec![app::ssr::db::PLAN_CACHE_MODE; 4]);
}
