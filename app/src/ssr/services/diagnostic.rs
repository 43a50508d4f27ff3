//! The first-visit diagnostic (issue 20, item 5): a volunteer of the learner's structure
//! records the answers to the questionnaire of `content/diagnostic.toml`; the answers
//! propose a path (the lessons to advise first, each with its reason); the volunteer
//! adjusts it and saves it, which advises its lessons (the assignments the learner's home
//! and booklet show). A learner may have several diagnostics, compared side by side.
//! Every id is looked up within the volunteer's structure (another's is "not found").

use std::collections::{BTreeMap, HashMap, HashSet};

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::{accounts, follow_up};
use crate::model::diagnostic::{
    AnswerRow, ComparedRow, Comparison, DiagnosticOutcome, DiagnosticPage, DiagnosticQuestion,
    GivenAnswer, LessonOption, PathLesson, QuestionKind, ShownDiagnostic, TakenDiagnostic,
};
use crate::ssr::content::Catalog;
use crate::ssr::content::diagnostic::{self as questionnaire, Choice, Questionnaire};
use crate::ssr::db::entities::{
    diagnostic, diagnostic_answer, diagnostic_lesson, lesson_completion, staff,
};
use crate::ssr::db::now;
use crate::ssr::drafts::FormTokens;

/// Diagnostics recorded, by the one-time token of the questionnaire's form.
pub const RECORD_ONCE: FormTokens = FormTokens::new("diagnostic");
/// Paths saved, by the one-time token of the path's form.
pub const PATH_ONCE: FormTokens = FormTokens::new("parcours");

/// The longest free text of a question, in characters.
pub const MAX_TYPED_CHARS: usize = 1000;
/// The most lessons a saved path may hold.
pub const MAX_PATH_LESSONS: usize = 30;

/// The name of a question's answer fields in the form (one per ticked option).
pub fn answer_field(question: &str) -> String {
    format!("q-{question}")
}

/// The name of a question's free-text field.
pub fn typed_field(question: &str) -> String {
    format!("t-{question}")
}

/// A diagnostic's answers: the options ticked and the texts typed, by question.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    pub chosen: HashMap<String, Vec<String>>,
    pub typed: BTreeMap<String, String>,
}

impl Answers {
    pub fn is_empty(&self) -> bool {
        self.chosen.values().all(Vec::is_empty) && self.typed.is_empty()
    }
}

/// Reads a posted questionnaire: the answers of questions of `q` only, known options only,
/// one answer at most for a one-answer question (the first), texts trimmed.
pub fn read_answers(
    q: &Questionnaire,
    fields: &[(String, String)],
) -> Result<Answers, DiagnosticOutcome> {
    let mut answers = Answers::default();
    for question in &q.questions {
        let name = answer_field(&question.id);
        let mut ticked: Vec<String> = Vec::new();
        for (_, value) in fields.iter().filter(|(n, _)| *n == name) {
            if question.has_option(value) && !ticked.contains(value) {
                ticked.push(value.clone());
            }
        }
        if question.choice != Choice::Several {
            ticked.truncate(1);
        }
        if !ticked.is_empty() {
            answers.chosen.insert(question.id.clone(), ticked);
        }
        if question.other.is_some() {
            let name = typed_field(&question.id);
            let typed = fields
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.trim())
                .unwrap_or_default();
            if typed.chars().count() > MAX_TYPED_CHARS {
                return Err(DiagnosticOutcome::TooLong);
            }
            if !typed.is_empty() {
                answers.typed.insert(question.id.clone(), typed.to_string());
            }
        }
    }
    if answers.is_empty() {
        return Err(DiagnosticOutcome::Empty);
    }
    Ok(answers)
}

/// Records a diagnostic of a learner of my structure; its id (`None`: no such learner).
pub async fn record(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    learner_id: i32,
    answers: &Answers,
) -> Result<Option<i32>, DbErr> {
    if accounts::learner_for_staff(db, me, learner_id)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let id = diagnostic::Entity::insert(diagnostic::ActiveModel {
        structure_id: Set(me.structure_id),
        learner_id: Set(learner_id),
        staff_id: Set(Some(me.id)),
        taken_at: Set(now()),
        path_saved_at: Set(None),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id;
    let mut rows = Vec::new();
    for (question, ticked) in &answers.chosen {
        for answer in ticked {
            rows.push(diagnostic_answer::ActiveModel {
                diagnostic_id: Set(id),
                question: Set(question.clone()),
                answer: Set(answer.clone()),
                text: Set(String::new()),
            });
        }
    }
    for (question, typed) in &answers.typed {
        rows.push(diagnostic_answer::ActiveModel {
            diagnostic_id: Set(id),
            question: Set(question.clone()),
            answer: Set(String::new()),
            text: Set(typed.clone()),
        });
    }
    if !rows.is_empty() {
        diagnostic_answer::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(Some(id))
}

/// A diagnostic of a learner of my structure.
async fn my_diagnostic(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    learner_id: i32,
    id: i32,
) -> Result<Option<diagnostic::Model>, DbErr> {
    Ok(diagnostic::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|d| d.structure_id == me.structure_id && d.learner_id == learner_id))
}

/// The answers of some diagnostics, in one query.
async fn answers_of(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<i32, Answers>, DbErr> {
    let mut all: HashMap<i32, Answers> = HashMap::new();
    if ids.is_empty() {
        return Ok(all);
    }
    for row in diagnostic_answer::Entity::find()
        .filter(diagnostic_answer::Column::DiagnosticId.is_in(ids.iter().copied()))
        .all(db)
        .await?
    {
        let answers = all.entry(row.diagnostic_id).or_default();
        if row.answer.is_empty() {
            answers.typed.insert(row.question, row.text);
        } else {
            answers
                .chosen
                .entry(row.question)
                .or_default()
                .push(row.answer);
        }
    }
    Ok(all)
}

/// One lesson a diagnostic calls for, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposed {
    pub module: String,
    pub lesson: String,
    pub because: String,
}

/// The path the answers call for: every lesson named by an option that applies (ticked,
/// or not ticked for `when = "not_chosen"`), without the lessons already done (`done`)
/// and those learners cannot see, in the catalogue's order (lighter modules and lessons
/// first), at most `max_lessons`. A lesson named twice keeps its first reason.
pub fn propose(
    q: &Questionnaire,
    chosen: &HashMap<String, Vec<String>>,
    catalog: &Catalog,
    done: &HashSet<(String, String)>,
) -> Vec<Proposed> {
    let mut reasons = questionnaire::reasons(q, chosen);
    let mut path = Vec::new();
    for m in catalog.published() {
        for l in m.published_lessons() {
            let key = (m.slug.clone(), l.slug.clone());
            if done.contains(&key) {
                continue;
            }
            if let Some(because) = reasons.remove(&key) {
                path.push(Proposed {
                    module: key.0,
                    lesson: key.1,
                    because,
                });
            }
        }
    }
    path.truncate(q.max_lessons);
    path
}

/// A lesson of a path as the volunteer may change it: `(module, lesson, because)`.
pub type PathEntry = (String, String, String);

/// Reads the path's form: the lessons listed (`lesson`, `module/lesson`, in the page's
/// order), without those unticked (`garder-…` missing), in the order of their numbers
/// (`rang-…`; the same number or none keeps the page's order), then the one added
/// (`ajouter`). Only lessons learners see are kept, each once; the reasons are the
/// diagnostic's, never the form's.
pub fn read_path(
    fields: &[(String, String)],
    catalog: &Catalog,
    reasons: &HashMap<(String, String), String>,
) -> Vec<PathEntry> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
    };
    let mut listed: Vec<(i64, usize, (String, String))> = Vec::new();
    for (i, (_, key)) in fields.iter().filter(|(n, _)| n == "lesson").enumerate() {
        if field(&format!("garder-{key}")).is_none() {
            continue;
        }
        let Some((m, l)) = key.split_once('/') else {
            continue;
        };
        let rank = field(&format!("rang-{key}"))
            .and_then(|r| r.parse::<i64>().ok())
            .unwrap_or(i as i64 + 1);
        listed.push((rank, i, (m.to_string(), l.to_string())));
    }
    listed.sort_by_key(|(rank, i, _)| (*rank, *i));
    let mut keys: Vec<(String, String)> = listed.into_iter().map(|(_, _, k)| k).collect();
    if let Some((m, l)) = field("ajouter").and_then(|a| a.split_once('/')) {
        keys.push((m.to_string(), l.to_string()));
    }
    let mut seen = HashSet::new();
    keys.into_iter()
        .filter(|(m, l)| catalog.lesson(m, l).is_some())
        .filter(|k| seen.insert(k.clone()))
        .take(MAX_PATH_LESSONS)
        .map(|(m, l)| {
            let because = reasons
                .get(&(m.clone(), l.clone()))
                .cloned()
                .unwrap_or_default();
            (m, l, because)
        })
        .collect()
}

/// Every reason a diagnostic gives for a lesson: those its answers call for, and those of
/// the path saved before (a lesson whose option changed in the file keeps its reason).
pub async fn reasons_of(
    db: &impl ConnectionTrait,
    q: &Questionnaire,
    diagnostic_id: i32,
) -> Result<HashMap<(String, String), String>, DbErr> {
    let answers = answers_of(db, &[diagnostic_id]).await?;
    let mut reasons = questionnaire::reasons(
        q,
        &answers
            .get(&diagnostic_id)
            .cloned()
            .unwrap_or_default()
            .chosen,
    );
    for row in saved_path(db, diagnostic_id).await? {
        if !row.because.is_empty() {
            reasons
                .entry((row.module, row.lesson))
                .or_insert(row.because);
        }
    }
    Ok(reasons)
}

async fn saved_path(
    db: &impl ConnectionTrait,
    diagnostic_id: i32,
) -> Result<Vec<diagnostic_lesson::Model>, DbErr> {
    diagnostic_lesson::Entity::find()
        .filter(diagnostic_lesson::Column::DiagnosticId.eq(diagnostic_id))
        .order_by_asc(diagnostic_lesson::Column::Position)
        .all(db)
        .await
}

/// Whether a diagnostic of a learner of my structure exists (for the handler, before it
/// reads the path's form).
pub async fn exists(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    learner_id: i32,
    id: i32,
) -> Result<bool, DbErr> {
    Ok(my_diagnostic(db, me, learner_id, id).await?.is_some())
}

/// Saves a diagnostic's path and advises its lessons, in its order (the lessons of the
/// path saved before and left out are no longer advised). `None`: no such diagnostic.
pub async fn save_path(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    learner_id: i32,
    id: i32,
    path: &[PathEntry],
) -> Result<Option<DiagnosticOutcome>, DbErr> {
    if my_diagnostic(db, me, learner_id, id).await?.is_none() {
        return Ok(None);
    }
    if path.is_empty() {
        return Ok(Some(DiagnosticOutcome::NoLesson));
    }
    // Advised again in the saved order: what this diagnostic advised before is taken back
    // first (lessons advised otherwise keep their place).
    for before in saved_path(db, id).await? {
        follow_up::unassign(db, learner_id, &before.module, &before.lesson).await?;
    }
    diagnostic_lesson::Entity::delete_many()
        .filter(diagnostic_lesson::Column::DiagnosticId.eq(id))
        .exec(db)
        .await?;
    diagnostic_lesson::Entity::insert_many(path.iter().enumerate().map(|(i, (m, l, because))| {
        diagnostic_lesson::ActiveModel {
            diagnostic_id: Set(id),
            position: Set(i as i32),
            module: Set(m.clone()),
            lesson: Set(l.clone()),
            because: Set(because.clone()),
        }
    }))
    .exec_without_returning(db)
    .await?;
    let lessons: Vec<(String, String)> = path
        .iter()
        .map(|(m, l, _)| (m.clone(), l.clone()))
        .collect();
    follow_up::assign(db, learner_id, &lessons, me.id, None).await?;
    diagnostic::Entity::update_many()
        .col_expr(
            diagnostic::Column::PathSavedAt,
            sea_orm::sea_query::Expr::value(Some(now())),
        )
        .filter(diagnostic::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(Some(DiagnosticOutcome::PathSaved))
}

fn question_views(q: &Questionnaire) -> Vec<DiagnosticQuestion> {
    q.questions
        .iter()
        .map(|question| DiagnosticQuestion {
            id: question.id.clone(),
            question: question.question.clone(),
            hint: question.hint.clone(),
            kind: match question.choice {
                Choice::One => QuestionKind::One,
                Choice::Several => QuestionKind::Several,
                Choice::Confidence => QuestionKind::Confidence,
            },
            other: question.other.clone(),
            options: question
                .options
                .iter()
                .map(|o| (o.id.clone(), o.label.clone()))
                .collect(),
        })
        .collect()
}

/// A question's answers as the page says them, in the questionnaire's order.
fn given(question: &questionnaire::Question, answers: &Answers) -> Vec<GivenAnswer> {
    let mut given = Vec::new();
    for id in answers.chosen.get(&question.id).into_iter().flatten() {
        given.push(match question.choice {
            Choice::Confidence => {
                GivenAnswer::Confidence(super::confidence::level(id.parse().unwrap_or_default()))
            }
            _ => match question.options.iter().find(|o| &o.id == id) {
                Some(o) => GivenAnswer::Option(o.label.clone()),
                None => GivenAnswer::Gone(id.clone()),
            },
        });
    }
    // The options' order, whatever the order of the rows.
    given.sort_by_key(|g| match g {
        GivenAnswer::Option(label) => question
            .options
            .iter()
            .position(|o| &o.label == label)
            .unwrap_or(usize::MAX),
        _ => usize::MAX,
    });
    if let Some(typed) = answers.typed.get(&question.id) {
        given.push(GivenAnswer::Typed(typed.clone()));
    }
    given
}

fn path_lesson(catalog: &Catalog, m: &str, l: &str, because: &str) -> Option<PathLesson> {
    let (module, lesson) = catalog.lesson(m, l)?;
    Some(PathLesson {
        key: format!("{m}/{l}"),
        module_title: module.meta.title.clone(),
        lesson_title: lesson.meta.title.clone(),
        because: (!because.is_empty()).then(|| because.to_string()),
    })
}

/// The page of a learner of my structure (`None`: no such learner): the diagnostic shown
/// is `shown` (default: the latest), compared with `before` (default: the one taken just
/// before it, or just after when it is the first).
pub async fn page(
    db: &DatabaseConnection,
    catalog: &Catalog,
    me: &staff::Model,
    learner_id: i32,
    shown: Option<i32>,
    before: Option<i32>,
) -> Result<Option<DiagnosticPage>, DbErr> {
    let Some(learner) = accounts::learner_for_staff(db, me, learner_id).await? else {
        return Ok(None);
    };
    let q = &catalog.diagnostic;
    // Oldest first here; the page lists them newest first.
    let all = diagnostic::Entity::find()
        .filter(diagnostic::Column::LearnerId.eq(learner_id))
        .filter(diagnostic::Column::StructureId.eq(me.structure_id))
        .order_by_asc(diagnostic::Column::TakenAt)
        .order_by_asc(diagnostic::Column::Id)
        .all(db)
        .await?;
    let names = follow_up::staff_names(db, all.iter().filter_map(|d| d.staff_id)).await?;
    let taken_view = |d: &diagnostic::Model| TakenDiagnostic {
        id: d.id,
        taken_at: d.taken_at,
        by: d.staff_id.and_then(|s| names.get(&s).cloned()),
        path_saved: d.path_saved_at.is_some(),
    };
    let shown_at = match shown {
        Some(id) => all.iter().position(|d| d.id == id),
        None => all.len().checked_sub(1),
    };
    let pair = shown_at.and_then(|at| {
        let other = match before.and_then(|b| all.iter().position(|d| d.id == b)) {
            Some(b) if b != at => Some(b),
            Some(_) => None,
            None if at > 0 => Some(at - 1),
            None if at + 1 < all.len() => Some(at + 1),
            None => None,
        }?;
        Some((other.min(at), other.max(at)))
    });
    let mut wanted: Vec<i32> = shown_at.map(|at| all[at].id).into_iter().collect();
    if let Some((a, b)) = pair {
        wanted.extend([all[a].id, all[b].id]);
    }
    let answers = answers_of(db, &wanted).await?;
    let empty = Answers::default();
    let shown = match shown_at {
        Some(at) => {
            let d = &all[at];
            let a = answers.get(&d.id).unwrap_or(&empty);
            let path = if d.path_saved_at.is_some() {
                saved_path(db, d.id)
                    .await?
                    .iter()
                    .filter_map(|row| path_lesson(catalog, &row.module, &row.lesson, &row.because))
                    .collect()
            } else {
                let done: HashSet<(String, String)> = lesson_completion::Entity::find()
                    .filter(lesson_completion::Column::LearnerId.eq(learner_id))
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|c| (c.module, c.lesson))
                    .collect();
                propose(q, &a.chosen, catalog, &done)
                    .iter()
                    .filter_map(|p| path_lesson(catalog, &p.module, &p.lesson, &p.because))
                    .collect()
            };
            Some(ShownDiagnostic {
                taken: taken_view(d),
                answers: q
                    .questions
                    .iter()
                    .map(|question| AnswerRow {
                        question: question.question.clone(),
                        answers: given(question, a),
                    })
                    .collect(),
                path,
                path_saved_at: d.path_saved_at,
            })
        }
        None if shown.is_some() => return Ok(None),
        None => None,
    };
    let comparison = pair.map(|(a, b)| {
        let (before, after) = (&all[a], &all[b]);
        let (ba, aa) = (
            answers.get(&before.id).unwrap_or(&empty),
            answers.get(&after.id).unwrap_or(&empty),
        );
        Comparison {
            before: taken_view(before),
            after: taken_view(after),
            rows: q
                .questions
                .iter()
                .map(|question| {
                    let (was, is) = (given(question, ba), given(question, aa));
                    ComparedRow {
                        question: question.question.clone(),
                        changed: was != is,
                        before: was,
                        after: is,
                    }
                })
                .collect(),
        }
    });
    let lessons = catalog
        .published()
        .flat_map(|m| {
            m.published_lessons().map(move |l| LessonOption {
                key: format!("{}/{}", m.slug, l.slug),
                label: format!("{} — {}", m.meta.title, l.meta.title),
            })
        })
        .collect();
    Ok(Some(DiagnosticPage {
        learner_id,
        first_name: learner.first_name,
        intro: q.intro.clone(),
        questions: question_views(q),
        taken: all.iter().rev().map(taken_view).collect(),
        shown,
        comparison,
        lessons,
        once: crate::ssr::auth::new_session_token(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::content;

    fn catalog() -> Catalog {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let report = content::load(&dir);
        assert_eq!(report.errors().count(), 0, "{:?}", report.problems);
        report.catalog
    }

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_shipped_questionnaire_has_every_part_of_the_issue() {
        let catalog = catalog();
        let q = &catalog.diagnostic;
        for id in [
            "equipement",
            "appareil-a-soi",
            "connexion",
            "email",
            "comptes",
            "gestes",
            "objectifs",
            "freins",
            "confiance",
        ] {
            assert!(q.question(id).is_some(), "{id}");
        }
        assert_eq!(q.question("confiance").unwrap().choice, Choice::Confidence);
    }

    #[test]
    fn answers_keep_known_options_only_and_one_for_a_one_answer_question() {
        let catalog = catalog();
        let q = &catalog.diagnostic;
        let answers = read_answers(
            q,
            &fields(&[
                ("q-email", "aucune"),
                ("q-email", "utilise"),
                ("q-gestes", "allumer"),
                ("q-gestes", "inconnu"),
                ("q-gestes", "allumer"),
                ("q-confiance", "1"),
                ("q-inconnue", "x"),
                ("t-objectifs", "  écrire à ma fille  "),
                ("t-email", "pas de champ libre"),
            ]),
        )
        .unwrap();
        assert_eq!(answers.chosen["email"], vec!["aucune"]);
        assert_eq!(answers.chosen["gestes"], vec!["allumer"]);
        assert_eq!(answers.chosen["confiance"], vec!["1"]);
        assert!(!answers.chosen.contains_key("inconnue"));
        assert_eq!(answers.typed["objectifs"], "écrire à ma fille");
        assert!(!answers.typed.contains_key("email"));
        assert_eq!(
            read_answers(q, &fields(&[("q-gestes", "inconnu"), ("t-freins", " ")])),
            Err(DiagnosticOutcome::Empty)
        );
        let long = "a".repeat(MAX_TYPED_CHARS + 1);
        assert_eq!(
            read_answers(q, &fields(&[("t-freins", &long)])),
            Err(DiagnosticOutcome::TooLong)
        );
    }

    #[test]
    fn the_path_follows_the_answers_in_the_catalogue_order_without_what_is_done() {
        let catalog = catalog();
        let q = &catalog.diagnostic;
        // Every gesture observed, an e-mail address used, wants video calls, fears scams.
        let answers = read_answers(
            q,
            &fields(&[
                ("q-gestes", "allumer"),
                ("q-gestes", "souris"),
                ("q-gestes", "clavier"),
                ("q-gestes", "navigateur"),
                ("q-gestes", "recherche"),
                ("q-comptes", "ameli"),
                ("q-comptes", "franceconnect"),
                ("q-email", "utilise"),
                ("q-objectifs", "proches"),
                ("q-freins", "peur-arnaques"),
            ]),
        )
        .unwrap();
        let path = propose(q, &answers.chosen, &catalog, &HashSet::new());
        let keys: Vec<String> = path
            .iter()
            .map(|p| format!("{}/{}", p.module, p.lesson))
            .collect();
        assert_eq!(
            keys,
            [
                "piece-jointe/ouvrir-une-piece-jointe",
                "arnaques/faux-messages",
                "appel-video/c-est-quoi-un-appel-video",
                "appel-video/recevoir-un-appel",
            ]
        );
        assert!(path[1].because.contains("faux message"));
        // Nothing observed: the mouse first; lessons already done are left out; at most
        // `max_lessons`.
        let none = HashMap::new();
        let done: HashSet<(String, String)> =
            [("souris-clavier".to_string(), "cliquer".to_string())].into();
        let path = propose(q, &none, &catalog, &done);
        assert_eq!(path.len(), q.max_lessons);
        assert_eq!(
            (path[0].module.as_str(), path[0].lesson.as_str()),
            ("souris-clavier", "double-clic")
        );
        assert!(path.iter().all(|p| p.lesson != "cliquer"));
    }

    #[test]
    fn the_adjusted_path_is_reordered_trimmed_and_extended_with_the_diagnostic_reasons() {
        let catalog = catalog();
        let reasons: HashMap<(String, String), String> = [(
            ("souris-clavier".to_string(), "cliquer".to_string()),
            "Parce que.".to_string(),
        )]
        .into();
        let path = read_path(
            &fields(&[
                ("lesson", "souris-clavier/cliquer"),
                ("garder-souris-clavier/cliquer", "1"),
                ("rang-souris-clavier/cliquer", "3"),
                ("lesson", "souris-clavier/double-clic"),
                ("rang-souris-clavier/double-clic", "1"),
                ("lesson", "arnaques/faux-messages"),
                ("garder-arnaques/faux-messages", "1"),
                ("rang-arnaques/faux-messages", "2"),
                ("lesson", "inconnu/lecon"),
                ("garder-inconnu/lecon", "1"),
                ("ajouter", "virus/regles-de-base"),
            ]),
            &catalog,
            &reasons,
        );
        assert_eq!(
            path,
            vec![
                ("arnaques".into(), "faux-messages".into(), String::new()),
                (
                    "souris-clavier".into(),
                    "cliquer".into(),
                    "Parce que.".into()
                ),
                ("virus".into(), "regles-de-base".into(), String::new()),
            ]
        );
    }
}
