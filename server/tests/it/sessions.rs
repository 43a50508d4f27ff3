//! Sessions as La Coop de la médiation numérique records them (issue 21, part 1): the form's
//! new fields, "Mes séances" with its filters, correcting and deleting a session with a
//! trace of who changed what, who may do so, and a learner's optional attributes for
//! statistics. SQLite, and PostgreSQL when `PAP_TEST_POSTGRES` is set.

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::common::*;
use app::ssr::db::entities::{assignment, learner, staff, visit, visit_change, visit_learner};

fn today() -> String {
    app::text::dates::today_iso(app::ssr::db::now())
}

async fn camille(app: &TestApp) -> String {
    app.staff_cookie("demo.benevole", "demo-pas-a-pas").await
}

async fn sacha(app: &TestApp) -> String {
    app.staff_cookie("demo.coordination", "demo-pas-a-pas")
        .await
}

/// A second volunteer of the demo structure, not a coordinator: their cookie.
async fn dominique_volunteer(app: &TestApp) -> String {
    use app::ssr::services::accounts::{self, Roles};
    let structure = staff::Entity::find()
        .filter(staff::Column::Username.eq("demo.benevole"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .structure_id;
    accounts::create_staff(
        &app.state.db,
        &app.state.passwords,
        structure,
        "autre.du.quartier",
        "Noé",
        "un mot de passe long",
        Roles {
            volunteer: true,
            ..Roles::default()
        },
    )
    .await
    .unwrap();
    app.staff_cookie("autre.du.quartier", "un mot de passe long")
        .await
}

/// A session with La Coop's fields for `learner`, plus `extra`; the address it leads to.
async fn coop_session(app: &TestApp, cookie: &str, learner: i32, extra: &[(&str, &str)]) -> String {
    let id = learner.to_string();
    let date = today();
    let mut form: Vec<(&str, &str)> = vec![
        ("learner", &id),
        ("single", &id),
        ("date", &date),
        ("session_type", "individuel"),
        ("place_type", "domicile"),
        ("commune", "Morlaàs"),
        ("duration", "90"),
        ("equipment", "ordinateur"),
        ("equipment", "telephone"),
        ("themes", "sante"),
        ("themes", "social_sante"),
        ("autonomy", "partiellement_autonome"),
        ("orientation", "aide_sociale"),
        ("topics", "Le compte ameli."),
    ];
    form.extend_from_slice(extra);
    let res = app.post_form("/api/seance", &form, Some(cookie)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location().unwrap().to_string()
}

fn id_in(saved: &str) -> i32 {
    saved
        .split('?')
        .next()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn the_session_form_records_the_coop_s_fields() {
    let app = TestApp::new().await;
    let cookie = camille(&app).await;
    let jeanne = app.demo_learner_id().await;
    let form = app
        .get(
            &format!("/benevole/apprenants/{jeanne}/seance"),
            Some(&cookie),
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    for shown in [
        "Type d&#x27;accompagnement",
        "Lieu de l&#x27;accompagnement",
        "value=\"a_distance\"",
        "Autre durée, en minutes",
        "value=\"tablette\"",
        "Aide aux démarches administratives",
        "value=\"etrangers_europe\"",
        "value=\"associations\"",
        "Autonome avec de l&#x27;aide si besoin",
        "jamais à sa place",
        "Nous ne gardons aucun mot de passe",
        "France Services, une aide aux démarches",
    ] {
        assert!(
            form.body.contains(shown) || form.body.contains(&shown.replace("&#x27;", "'")),
            "{shown} not in the form"
        );
    }
    let saved = coop_session(&app, &cookie, jeanne, &[("place", "Chez elle")]).await;
    assert!(saved.starts_with("/benevole/seances/"), "{saved}");
    let v = visit::Entity::find_by_id(id_in(&saved))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.session_type, "individuel");
    assert_eq!(v.place_type, "domicile");
    assert_eq!(v.commune.as_deref(), Some("Morlaàs"));
    assert_eq!(v.place, "Chez elle");
    assert_eq!(v.duration_minutes, 90);
    assert_eq!(v.equipment, "ordinateur,telephone");
    assert_eq!(v.themes, "sante,social_sante");
    assert_eq!(v.autonomy.as_deref(), Some("partiellement_autonome"));
    assert_eq!(v.orientation.as_deref(), Some("aide_sociale"));
    assert_eq!(v.kind, "domicile", "the kind of before is still written");
    // The learner's page words it.
    let page = app
        .get(&format!("/benevole/apprenants/{jeanne}"), Some(&cookie))
        .await;
    page.assert_shows("Accompagnement individuel — À domicile");
    page.assert_shows("Santé, Social, santé");
}

#[tokio::test]
async fn a_wrong_coop_form_comes_back_as_typed_with_its_messages() {
    let app = TestApp::new().await;
    let cookie = camille(&app).await;
    let jeanne = app.demo_learner_id().await;
    let id = jeanne.to_string();
    let date = today();
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("learner", &id),
                ("single", &id),
                ("date", &date),
                ("session_type", "individuel"),
                ("place_type", "autre"),
                ("duration", "autre"),
                ("minutes", "1000"),
                ("equipment", "tablette"),
                ("topics", "Ce que j'ai tapé"),
            ],
            Some(&cookie),
        )
        .await;
    let back = res.location().unwrap().to_string();
    assert!(
        back.starts_with(&format!("/benevole/apprenants/{jeanne}/seance?brouillon=")),
        "{back}"
    );
    let page = app
        .get(back.split('#').next().unwrap(), Some(&cookie))
        .await;
    page.assert_shows("Indiquez la commune");
    page.assert_shows("Cochez au moins une thématique");
    page.assert_shows("La durée doit être entre 5 minutes et 600 minutes");
    assert!(
        page.body.contains("value=\"1000\""),
        "the minutes typed are kept"
    );
    assert!(
        page.body
            .contains("value=\"autre\" id=\"place_type-autre\" checked")
            || page.body.contains("id=\"place_type-autre\" checked"),
        "the place type chosen is kept"
    );
    assert!(
        page.body.contains("id=\"materiel-tablette\" checked"),
        "the equipment ticked is kept"
    );
    assert_eq!(visit::Entity::find().count(&app.state.db).await.unwrap(), 0);
}

#[tokio::test]
async fn an_advised_lesson_proposes_its_theme_and_gives_it_when_none_is_ticked() {
    let app = TestApp::new().await;
    let cookie = camille(&app).await;
    let jeanne = app.demo_learner_id().await;
    let id = jeanne.to_string();
    // "Chercher" keeps the lesson ticked; the form then proposes its module's theme.
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("learner", &id),
                ("single", &id),
                ("session_type", "individuel"),
                ("lesson", "piece-jointe/joindre-un-fichier"),
                ("search", "pièce"),
                ("action", "chercher"),
            ],
            Some(&cookie),
        )
        .await;
    let back = res.location().unwrap().to_string();
    let page = app
        .get(back.split('#').next().unwrap(), Some(&cookie))
        .await;
    assert!(
        page.body
            .contains("id=\"theme-email\" checked=\"\"/><label for=\"theme-email\">E-mail (proposé par une leçon conseillée)")
            || page.body.contains("E-mail (proposé par une leçon conseillée)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("id=\"theme-email\" checked"));
    // Saved without any theme ticked: the lesson's theme is the session's.
    let date = today();
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("learner", &id),
                ("single", &id),
                ("date", &date),
                ("session_type", "individuel"),
                ("place_type", "lieu_activite"),
                ("duration", "30"),
                ("lesson", "piece-jointe/joindre-un-fichier"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let v = visit::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.themes, "email");
    assert_eq!(v.duration_minutes, 30);
}

#[tokio::test]
async fn a_workshop_counts_named_and_anonymous_participants() {
    let app = TestApp::new().await;
    let cookie = camille(&app).await;
    let jeanne = app.demo_learner_id().await.to_string();
    let date = today();
    let form = app.get("/benevole/atelier", Some(&cookie)).await;
    form.assert_shows("Titre de l'atelier");
    form.assert_shows("Autres participants, sans nom");
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("learner", &jeanne),
                ("date", &date),
                ("session_type", "collectif"),
                ("place_type", "lieu_activite"),
                ("duration", "120"),
                ("themes", "email"),
                ("workshop_title", "Le courriel sans peur"),
                ("workshop_level", "debutant"),
                ("anonymous", "5"),
                ("anonymous_followed", "2"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let v = visit::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.session_type, "collectif");
    assert_eq!(v.workshop_title.as_deref(), Some("Le courriel sans peur"));
    assert_eq!(v.workshop_level.as_deref(), Some("debutant"));
    assert_eq!((v.anonymous, v.anonymous_followed), (5, 2));
    assert_eq!(v.kind, "atelier");
    // Nobody named, only people counted: a workshop still.
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("date", &date),
                ("session_type", "collectif"),
                ("place_type", "autre"),
                ("commune", "Pau"),
                ("duration", "60"),
                ("themes", "securite_numerique"),
                ("anonymous", "8"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(res.location().unwrap().starts_with("/benevole/seances/"));
    // More "already came" than participants: refused.
    let res = app
        .post_form(
            "/api/seance",
            &[
                ("date", &date),
                ("session_type", "collectif"),
                ("place_type", "lieu_activite"),
                ("duration", "60"),
                ("themes", "email"),
                ("anonymous", "2"),
                ("anonymous_followed", "3"),
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
    page.assert_shows("plus de personnes déjà venues que de participants");
    assert_eq!(visit::Entity::find().count(&app.state.db).await.unwrap(), 2);
}

#[tokio::test]
async fn the_author_corrects_a_session_and_the_change_is_traced() {
    let app = TestApp::new().await;
    let cookie = camille(&app).await;
    let jeanne = app.demo_learner_id().await;
    let saved = coop_session(&app, &cookie, jeanne, &[]).await;
    let id = id_in(&saved);
    let edit = format!("/benevole/seances/{id}/modifier");
    let page = app.get(&edit, Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("Corriger une séance");
    assert_eq!(
        hidden_value(&page.body, "visit").as_deref(),
        Some(&*id.to_string())
    );
    assert!(
        page.body.contains("id=\"duree-90\" checked"),
        "the saved duration is ticked"
    );
    assert!(page.body.contains("value=\"Morlaàs\""));
    assert!(page.body.contains("id=\"theme-sante\" checked"));
    let once = hidden_value(&page.body, "once").unwrap();
    let idt = id.to_string();
    let jeanne_s = jeanne.to_string();
    let date = today();
    let form = [
        ("visit", idt.as_str()),
        ("once", once.as_str()),
        ("learner", &jeanne_s),
        ("date", &date),
        ("session_type", "individuel"),
        ("place_type", "domicile"),
        ("commune", "Morlaàs"),
        ("duration", "45"),
        ("equipment", "ordinateur"),
        ("equipment", "telephone"),
        ("themes", "sante"),
        ("themes", "social_sante"),
        ("autonomy", "autonome"),
        ("orientation", "aide_sociale"),
        ("topics", "Le compte ameli."),
    ];
    let res = app.post_form("/api/seance", &form, Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        res.location(),
        Some(&*format!("/benevole/seances?corrigee={id}"))
    );
    // From the list, the session's page says each participant's next visit.
    let list = app
        .get(&format!("/benevole/seances?corrigee={id}"), Some(&cookie))
        .await;
    list.assert_shows("Les corrections sont enregistrées.");
    assert!(list.body.contains(&format!(
        "href=\"/benevole/seances/{id}\">Voir la prochaine visite"
    )));
    app.get(&format!("/benevole/seances/{id}"), Some(&cookie))
        .await
        .assert_shows("Prochaine visite : ");
    // Sent twice: one correction.
    let again = app.post_form("/api/seance", &form, Some(&cookie)).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let v = visit::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.duration_minutes, 45);
    assert_eq!(v.autonomy.as_deref(), Some("autonome"));
    assert!(v.updated_at.is_some());
    assert_eq!(visit::Entity::find().count(&app.state.db).await.unwrap(), 1);
    let trace = visit_change::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(trace.len(), 1, "{trace:?}");
    let camille_id = staff::Entity::find()
        .filter(staff::Column::Username.eq("demo.benevole"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(trace[0].staff_id, Some(camille_id));
    assert!(!trace[0].deleted);
    let fields: Vec<serde_json::Value> = serde_json::from_str(&trace[0].changes).unwrap();
    assert_eq!(
        fields,
        [
            serde_json::json!({"field": "minutes", "before": "90", "after": "45"}),
            serde_json::json!({"field": "autonomy", "before": "partiellement_autonome", "after": "autonome"}),
        ]
    );
    let list = app.get(res.location().unwrap(), Some(&cookie)).await;
    list.assert_shows("Les corrections sont enregistrées.");
    let page = app.get(&edit, Some(&cookie)).await;
    page.assert_shows("Historique des corrections");
    page.assert_shows("Corrigée par Camille");
    page.assert_shows("Durée : 90 → 45");
}

#[tokio::test]
async fn only_the_author_or_a_coordinator_may_correct_or_delete_and_another_structure_sees_nothing()
{
    let app = TestApp::new().await;
    let cookie = camille(&app).await;
    let jeanne = app.demo_learner_id().await;
    let id = id_in(&coop_session(&app, &cookie, jeanne, &[]).await);
    let edit = format!("/benevole/seances/{id}/modifier");
    let idt = id.to_string();
    let jeanne_s = jeanne.to_string();
    let date = today();
    let correction = |minutes: &'static str| {
        vec![
            ("visit", idt.clone()),
            ("learner", jeanne_s.clone()),
            ("date", date.clone()),
            ("session_type", "individuel".to_string()),
            ("place_type", "domicile".to_string()),
            ("commune", "Morlaàs".to_string()),
            ("duration", minutes.to_string()),
            ("themes", "sante".to_string()),
        ]
    };
    let as_refs = |f: &[(&'static str, String)]| {
        f.iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect::<Vec<(&str, String)>>()
    };

    // Another volunteer of the same structure: refused (403), nothing changed.
    let noe = dominique_volunteer(&app).await;
    assert_eq!(
        app.get(&edit, Some(&noe)).await.status,
        StatusCode::FORBIDDEN
    );
    let form = as_refs(&correction("15"));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.post_form("/api/seance", &form, Some(&noe)).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    let res = app
        .post_form(
            "/api/seance/supprimer",
            &[("visit", &idt), ("confirm", "oui")],
            Some(&noe),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // Their list does not offer it either.
    let list = app.get("/benevole/seances", Some(&noe)).await;
    list.assert_shows("Aucune séance pour ces filtres.");

    // Another structure: not found.
    let (other, _) = app.other_structure().await;
    assert_eq!(
        app.get(&edit, Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    let res = app.post_form("/api/seance", &form, Some(&other)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post_form(
            "/api/seance/supprimer",
            &[("visit", &idt), ("confirm", "oui")],
            Some(&other),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let v = visit::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.duration_minutes, 90);
    assert_eq!(
        visit_change::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );

    // The coordinator of the structure: may correct, and sees it among the structure's.
    let coordinator = sacha(&app).await;
    assert_eq!(
        app.get(&edit, Some(&coordinator)).await.status,
        StatusCode::OK
    );
    let all = app
        .get("/benevole/seances?tous=1", Some(&coordinator))
        .await;
    all.assert_shows("Les séances de la structure");
    assert!(all.body.contains(&edit), "{}", all.body);
    let form = as_refs(&correction("60"));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app
        .post_form("/api/seance", &form, Some(&coordinator))
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let v = visit::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.duration_minutes, 60);
    assert!(v.volunteer_id.is_some(), "the author stays the author");
    app.get(&edit, Some(&cookie))
        .await
        .assert_shows("Corrigée par Sacha");
}

#[tokio::test]
async fn deleting_a_session_asks_to_confirm_and_leaves_a_trace_and_the_advised_lessons() {
    let app = TestApp::new().await;
    let cookie = camille(&app).await;
    let jeanne = app.demo_learner_id().await;
    let id = id_in(
        &coop_session(
            &app,
            &cookie,
            jeanne,
            &[("lesson", "email-la-poste/adresse-enveloppe")],
        )
        .await,
    );
    let idt = id.to_string();
    let res = app
        .post_form("/api/seance/supprimer", &[("visit", &idt)], Some(&cookie))
        .await;
    let back = res.location().unwrap().to_string();
    assert_eq!(
        back,
        format!("/benevole/seances/{id}/modifier?confirmer=1#supprimer")
    );
    app.get(back.split('#').next().unwrap(), Some(&cookie))
        .await
        .assert_shows("Cochez la case pour confirmer la suppression.");
    assert_eq!(visit::Entity::find().count(&app.state.db).await.unwrap(), 1);

    let res = app
        .post_form(
            "/api/seance/supprimer",
            &[("visit", &idt), ("confirm", "oui")],
            Some(&cookie),
        )
        .await;
    assert_eq!(res.location(), Some("/benevole/seances?supprimee=1"));
    app.get("/benevole/seances?supprimee=1", Some(&cookie))
        .await
        .assert_shows("La séance est supprimée.");
    assert_eq!(visit::Entity::find().count(&app.state.db).await.unwrap(), 0);
    assert_eq!(
        visit_learner::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
    let advised = assignment::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(advised.len(), 1, "the advised lesson stays advised");
    assert_eq!(advised[0].visit_id, None);
    let trace = visit_change::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(trace.len(), 1);
    assert!(trace[0].deleted);
    assert_eq!(trace[0].visit_id, id);
    let was: Vec<serde_json::Value> = serde_json::from_str(&trace[0].changes).unwrap();
    assert!(
        was.contains(&serde_json::json!({"field": "commune", "before": "Morlaàs", "after": ""}))
    );
    assert!(
        was.contains(&serde_json::json!({"field": "learners", "before": "Jeanne", "after": ""}))
    );
    assert!(was.contains(
        &serde_json::json!({"field": "lessons", "before": "email-la-poste/adresse-enveloppe", "after": ""})
    ));
    // Gone: its page is not found any more.
    assert_eq!(
        app.get(&format!("/benevole/seances/{id}/modifier"), Some(&cookie))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn my_sessions_are_filtered_by_period_type_and_learner() {
    let app = TestApp::new().await;
    let cookie = camille(&app).await;
    let jeanne = app.demo_learner_id().await;
    let (_, marcel) = app.another_learner("Marcel").await;
    let marcel_s = marcel.to_string();
    coop_session(&app, &cookie, jeanne, &[]).await;
    let mut old = coop_session(&app, &cookie, marcel, &[]).await;
    old = old.split('?').next().unwrap().to_string();
    // The second one was on 3 March 2025.
    let old_id = id_in(&old);
    let row = visit::Entity::find_by_id(old_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut row: visit::ActiveModel = row.into();
    row.date = sea_orm::Set("2025-03-03".into());
    sea_orm::ActiveModelTrait::update(row, &app.state.db)
        .await
        .unwrap();
    let date = today();
    app.post_form(
        "/api/seance",
        &[
            ("learner", &marcel_s),
            ("date", &date),
            ("session_type", "collectif"),
            ("place_type", "lieu_activite"),
            ("duration", "60"),
            ("themes", "email"),
            ("workshop_title", "Atelier du mardi"),
        ],
        Some(&cookie),
    )
    .await;

    let all = app.get("/benevole/seances", Some(&cookie)).await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(all.headers["cache-control"], "no-store", "a private page");
    all.assert_shows("3 séances");
    all.assert_shows("Mes séances");
    let by_type = app
        .get("/benevole/seances?type=collectif", Some(&cookie))
        .await;
    by_type.assert_shows("1 séance");
    by_type.assert_shows("Atelier du mardi");
    let by_learner = app
        .get(
            &format!("/benevole/seances?apprenant={marcel}"),
            Some(&cookie),
        )
        .await;
    by_learner.assert_shows("2 séances");
    assert!(
        by_learner
            .body
            .contains(&format!("value=\"{marcel}\" selected")),
        "the learner chosen stays chosen"
    );
    let by_period = app
        .get(
            "/benevole/seances?du=2025-01-01&au=2025-12-31",
            Some(&cookie),
        )
        .await;
    by_period.assert_shows("1 séance");
    by_period.assert_shows("3 mars 2025");
    assert!(
        by_period.body.contains("value=\"2025-01-01\""),
        "the filter typed is kept"
    );
    let wrong = app
        .get("/benevole/seances?du=2025-02-31", Some(&cookie))
        .await;
    wrong.assert_shows("Une des dates n'existe pas");
    // Another volunteer's sessions are not in my list; the coordinator's own list is
    // empty until they ask for the whole structure.
    let coordinator = sacha(&app).await;
    app.get("/benevole/seances", Some(&coordinator))
        .await
        .assert_shows("Aucune séance");
    app.get("/benevole/seances?tous=1", Some(&coordinator))
        .await
        .assert_shows("3 séances");
}

#[tokio::test]
async fn a_learner_s_attributes_are_optional_and_the_learner_is_told_why() {
    let app = TestApp::new().await;
    let cookie = camille(&app).await;
    let jeanne = app.demo_learner_id().await;
    let path = format!("/benevole/apprenants/{jeanne}/profil");
    let page = app.get(&path, Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_shows("Informations pour les statistiques");
    page.assert_shows("70 ans et plus");
    assert!(
        page.body.contains("id=\"age_band-nc\" checked"),
        "non communiqué by default"
    );
    let id = jeanne.to_string();
    let res = app
        .post_form(
            "/api/benevole/enregistrer-profil",
            &[
                ("id", &id),
                ("age_band", "soixante_dix_plus"),
                ("gender", ""),
                ("status", "retraite"),
                ("commune", " Morlaàs "),
            ],
            Some(&cookie),
        )
        .await;
    assert!(
        res.location().unwrap_or_default().contains("profil?fait=1"),
        "{:?} {}",
        res.location(),
        res.body
    );
    let l = learner::Entity::find_by_id(jeanne)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(l.age_band.as_deref(), Some("soixante_dix_plus"));
    assert_eq!(l.gender, None, "not told");
    assert_eq!(l.social_status.as_deref(), Some("retraite"));
    assert_eq!(l.commune.as_deref(), Some("Morlaàs"));
    // Nothing kept that the learner cannot see: their download has it.
    let learner_cookie = app.learner_cookie().await;
    let data = app.get("/mes-donnees.json", Some(&learner_cookie)).await;
    let data: serde_json::Value = serde_json::from_str(&data.body).unwrap();
    assert_eq!(
        data["statistics"],
        serde_json::json!({
            "age_band": "soixante_dix_plus",
            "gender": "non_communique",
            "social_status": "retraite",
            "commune": "Morlaàs",
        })
    );
    let page = app.get(&format!("{path}?fait=1"), Some(&cookie)).await;
    page.assert_shows("Les informations sont enregistrées.");
    assert!(
        page.body
            .contains("id=\"age_band-soixante_dix_plus\" checked")
    );
    // A commune far too long: refused, what was typed comes back.
    let long = "x".repeat(101);
    let res = app
        .post_form(
            "/api/benevole/enregistrer-profil",
            &[("id", &id), ("status", "en_emploi"), ("commune", &long)],
            Some(&cookie),
        )
        .await;
    let back = app.get(res.location().unwrap(), Some(&cookie)).await;
    back.assert_shows("La commune est trop longue");
    assert!(back.body.contains(&long));
    assert!(back.body.contains("id=\"status-en_emploi\" checked"));
    let l = learner::Entity::find_by_id(jeanne)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        l.social_status.as_deref(),
        Some("retraite"),
        "nothing saved"
    );
    // Everything back to "non communiqué".
    app.post_form(
        "/api/benevole/enregistrer-profil",
        &[("id", &id), ("commune", "")],
        Some(&cookie),
    )
    .await;
    let l = learner::Entity::find_by_id(jeanne)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((l.age_band, l.social_status, l.commune), (None, None, None));
    // Another structure's volunteer: not found.
    let (other, _) = app.other_structure().await;
    assert_eq!(
        app.get(&path, Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    // The learner is told what is kept and why.
    app.get("/mes-donnees", Some(&learner_cookie))
        .await
        .assert_shows("Cela sert seulement à compter les personnes aidées, sans nom");
}

/// Old sessions, logged before La Coop's fields, keep everything, and their kind gives
/// the Coop's type and place type.
#[tokio::test]
async fn sessions_of_before_are_migrated_without_losing_anything() {
    use app::ssr::db::migration::Migrator;
    use sea_orm::ConnectionTrait;
    use sea_orm_migration::MigratorTrait;
    let (_dir, db) = database_before("m20261206_001201_add_visit_coop_fields").await;
    db.execute_unprepared(
        "INSERT INTO structure (id, name, created_at) VALUES (1, 'Asso', 0);
         INSERT INTO visit (structure_id, date, kind, place, duration_minutes, topics, note, created_at)
         VALUES (1, '2026-01-05', 'domicile', 'Chez elle', 50, 'La souris', 'Bien', 0),
                (1, '2026-01-06', 'permanence', '', 30, '', NULL, 0),
                (1, '2026-01-07', 'atelier', 'Médiathèque', 120, 'E-mail', NULL, 0);",
    )
    .await
    .unwrap();
    Migrator::up(&db, None).await.unwrap();
    let rows = visit::Entity::find().all(&db).await.unwrap();
    type Row<'a> = (
        &'a str,
        &'a str,
        &'a str,
        i32,
        &'a str,
        &'a str,
        Option<&'a str>,
    );
    let got: Vec<Row> = rows
        .iter()
        .map(|v| {
            (
                v.session_type.as_str(),
                v.place_type.as_str(),
                v.place.as_str(),
                v.duration_minutes,
                v.topics.as_str(),
                v.themes.as_str(),
                v.note.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "individuel",
                "domicile",
                "Chez elle",
                50,
                "La souris",
                "",
                Some("Bien")
            ),
            ("individuel", "lieu_activite", "", 30, "", "", None),
            (
                "collectif",
                "lieu_activite",
                "Médiathèque",
                120,
                "E-mail",
                "",
                None
            ),
        ]
    );
}
