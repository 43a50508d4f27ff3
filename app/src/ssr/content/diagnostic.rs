//! The first-visit diagnostic's questionnaire (`content/diagnostic.toml`, issue 20 item 5):
//! the questions a volunteer goes through with a person at the first visit, and which
//! lessons each answer calls for. Trainers edit it like lessons; it is loaded and checked
//! with them (`server check` prints its problems as `file:line:column: message`).
//!
//! ```toml
//! max_lessons = 5
//!
//! [[questions]]
//! id = "gestes"
//! question = "Ce que la personne sait déjà faire (observé)"
//! choice = "several"
//!
//! [[questions.options]]
//! id = "souris"
//! label = "Se servir de la souris"
//! when = "not_chosen"
//! advise = ["souris-clavier/cliquer"]
//! because = "Pour prendre la souris en main."
//! ```

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::problem::{LineIndex, Position, Problem};
use super::{front_matter, slug};

/// The file, in `content/`.
pub const FILE: &str = "diagnostic.toml";

/// How many lessons a path proposes when the file does not say.
pub const DEFAULT_MAX_LESSONS: usize = 5;
/// The most a file may ask for.
pub const MAX_MAX_LESSONS: usize = 20;
/// The longest "because" sentence, in characters.
pub const MAX_BECAUSE_CHARS: usize = 200;

/// How a question is answered.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// One answer (radio buttons).
    One,
    /// Any number of answers (checkboxes).
    Several,
    /// The confidence scale the modules ask ("pas du tout / un peu / oui, tout à fait"):
    /// no options of its own.
    Confidence,
}

/// When an option calls for its lessons.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// When it is ticked (e.g. "a peur des arnaques").
    #[default]
    Chosen,
    /// When it is not ticked (e.g. a gesture not observed).
    NotChosen,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    #[serde(default)]
    intro: Option<String>,
    #[serde(default)]
    max_lessons: Option<Spanned<usize>>,
    questions: Vec<Spanned<QuestionToml>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionToml {
    id: Spanned<String>,
    question: Spanned<String>,
    #[serde(default)]
    hint: Option<String>,
    choice: Choice,
    /// The label of a free-text field under the options ("Autre :").
    #[serde(default)]
    other: Option<String>,
    #[serde(default)]
    options: Vec<Spanned<OptionToml>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionToml {
    id: Spanned<String>,
    label: Spanned<String>,
    #[serde(default)]
    when: When,
    #[serde(default)]
    advise: Vec<Spanned<String>>,
    #[serde(default)]
    because: Option<Spanned<String>>,
}

/// The questionnaire, checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Questionnaire {
    pub intro: Option<String>,
    pub max_lessons: usize,
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub question: String,
    pub hint: Option<String>,
    pub choice: Choice,
    pub other: Option<String>,
    pub options: Vec<AnswerOption>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerOption {
    pub id: String,
    pub label: String,
    pub when: When,
    /// `(module, lesson)` slugs, in the file's order.
    pub advise: Vec<(String, String)>,
    /// One sentence saying why these lessons help (required with `advise`).
    pub because: String,
}

/// The ids of the confidence scale's answers: 0, 1, 2 as the modules' answers are stored.
pub const CONFIDENCE_IDS: [&str; 3] = ["0", "1", "2"];

impl Questionnaire {
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

impl Question {
    /// Whether `id` is one of its answers.
    pub fn has_option(&self, id: &str) -> bool {
        match self.choice {
            Choice::Confidence => CONFIDENCE_IDS.contains(&id),
            _ => self.options.iter().any(|o| o.id == id),
        }
    }
}

/// Reads `content/diagnostic.toml` (a missing file: no diagnostic, nothing to report) and
/// checks it against the lessons loaded (`lessons`: each, and whether learners see it).
pub fn load(
    tree: &super::Tree,
    lessons: &HashMap<(String, String), bool>,
    problems: &mut Vec<Problem>,
) -> Questionnaire {
    let path = tree.dir().join(FILE);
    if !tree.is_file(&path) {
        return Questionnaire::default();
    }
    let text = match tree.read_to_string(&path) {
        Ok(text) => text,
        Err(_) => {
            problems.push(Problem::error(
                &path,
                Position::START,
                "fichier illisible : enregistrez-le en texte UTF-8",
            ));
            return Questionnaire::default();
        }
    };
    parse(&text, &path, lessons, problems)
}

/// Parses and checks the file's text; `lessons`: every lesson loaded, and whether learners
/// see it. What is wrong is reported; a file with errors is no questionnaire at all (a
/// volunteer never gets half of one).
pub fn parse(
    text: &str,
    path: &Path,
    lessons: &HashMap<(String, String), bool>,
    problems: &mut Vec<Problem>,
) -> Questionnaire {
    let lines = LineIndex::new(text);
    let file: FileToml = match toml::from_str(text) {
        Ok(file) => file,
        Err(e) => {
            problems.push(Problem::error(
                path,
                lines.position(e.span().map_or(0, |s| s.start)),
                front_matter::french_toml_message(e.message()),
            ));
            return Questionnaire::default();
        }
    };
    let before = problems.iter().filter(|p| p.is_error()).count();
    let mut error = |at: usize, message: String| {
        problems.push(Problem::error(path, lines.position(at), message));
    };
    let max_lessons = match file.max_lessons {
        None => DEFAULT_MAX_LESSONS,
        Some(m) if (1..=MAX_MAX_LESSONS).contains(m.get_ref()) => *m.get_ref(),
        Some(m) => {
            error(
                m.span().start,
                format!("max_lessons doit être un nombre de 1 à {MAX_MAX_LESSONS}"),
            );
            DEFAULT_MAX_LESSONS
        }
    };
    if file.questions.is_empty() {
        error(
            0,
            "il faut au moins une question : ajoutez un bloc [[questions]]".into(),
        );
    }
    let mut question_ids = HashSet::new();
    let mut questions = Vec::new();
    for q in file.questions {
        let q = q.into_inner();
        let id = q.id.get_ref().clone();
        if !slug::is_valid(&id) {
            error(
                q.id.span().start,
                format!(
                    "identifiant « {id} » invalide : lettres minuscules sans accent, chiffres et tirets (par exemple « equipement »)"
                ),
            );
        } else if !question_ids.insert(id.clone()) {
            error(
                q.id.span().start,
                format!("deux questions ont l'identifiant « {id} » : changez-en un"),
            );
        }
        if q.question.get_ref().trim().is_empty() {
            error(q.question.span().start, "la question est vide".into());
        }
        match q.choice {
            Choice::Confidence if !q.options.is_empty() => error(
                q.options[0].span().start,
                "une question de confiance n'a pas de réponses à écrire : elle reprend « pas du tout / un peu / oui, tout à fait »".into(),
            ),
            Choice::One | Choice::Several if q.options.len() < 2 => error(
                q.question.span().start,
                format!("la question « {id} » a besoin d'au moins deux réponses ([[questions.options]])"),
            ),
            _ => {}
        }
        let mut option_ids = HashSet::new();
        let mut options = Vec::new();
        for o in q.options {
            let o = o.into_inner();
            let oid = o.id.get_ref().clone();
            if !slug::is_valid(&oid) {
                error(
                    o.id.span().start,
                    format!(
                        "identifiant de réponse « {oid} » invalide : lettres minuscules sans accent, chiffres et tirets"
                    ),
                );
            } else if !option_ids.insert(oid.clone()) {
                error(
                    o.id.span().start,
                    format!("deux réponses de la question « {id} » ont l'identifiant « {oid} »"),
                );
            }
            if o.label.get_ref().trim().is_empty() {
                error(
                    o.label.span().start,
                    "le texte de la réponse est vide".into(),
                );
            }
            let mut advise = Vec::new();
            for a in &o.advise {
                let Some((m, l)) = a.get_ref().split_once('/') else {
                    error(
                        a.span().start,
                        format!(
                            "« {} » : écrivez le module et la leçon séparés par « / », par exemple « souris-clavier/cliquer »",
                            a.get_ref()
                        ),
                    );
                    continue;
                };
                let key = (m.to_string(), l.to_string());
                match lessons.get(&key) {
                    None => error(
                        a.span().start,
                        format!(
                            "leçon inconnue « {m}/{l} » : vérifiez le nom du dossier du module et du fichier de la leçon"
                        ),
                    ),
                    Some(false) => error(
                        a.span().start,
                        format!(
                            "la leçon « {m}/{l} » est un brouillon : les apprenants ne la voient pas"
                        ),
                    ),
                    Some(true) if advise.contains(&key) => error(
                        a.span().start,
                        format!("la leçon « {m}/{l} » est écrite deux fois"),
                    ),
                    Some(true) => advise.push(key),
                }
            }
            let because = o
                .because
                .as_ref()
                .map(|b| b.get_ref().trim().to_string())
                .unwrap_or_default();
            match &o.because {
                None if !o.advise.is_empty() => error(
                    o.label.span().start,
                    format!(
                        "la réponse « {oid} » conseille des leçons : ajoutez because = \"…\", une phrase qui dit pourquoi"
                    ),
                ),
                Some(b) => {
                    if let Some(why) = sentence_problem(&because) {
                        error(b.span().start, why);
                    }
                }
                None => {}
            }
            options.push(AnswerOption {
                id: oid,
                label: o.label.into_inner().trim().to_string(),
                when: o.when,
                advise,
                because,
            });
        }
        questions.push(Question {
            id,
            question: q.question.into_inner().trim().to_string(),
            hint: q
                .hint
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty()),
            choice: q.choice,
            other: q
                .other
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty()),
            options,
        });
    }
    if problems.iter().filter(|p| p.is_error()).count() > before {
        return Questionnaire::default();
    }
    Questionnaire {
        intro: file
            .intro
            .map(|i| i.trim().to_string())
            .filter(|i| !i.is_empty()),
        max_lessons,
        questions,
    }
}

/// Why a "because" is not one short sentence, if it is not.
fn sentence_problem(because: &str) -> Option<String> {
    if because.is_empty() {
        return Some("la phrase « because » est vide".into());
    }
    if because.chars().count() > MAX_BECAUSE_CHARS {
        return Some(format!(
            "la phrase « because » est trop longue ({MAX_BECAUSE_CHARS} caractères au plus)"
        ));
    }
    if !because.ends_with(['.', '!', '?']) {
        return Some("la phrase « because » doit finir par un point".into());
    }
    let inner = &because[..because.len() - 1];
    if inner.contains(". ") || inner.contains("! ") || inner.contains("? ") {
        return Some(
            "« because » est une seule phrase : le ou la bénévole la lit à voix haute".into(),
        );
    }
    None
}

/// Every lesson the answers call for, with its reason (the first option naming it).
pub fn reasons(
    questionnaire: &Questionnaire,
    chosen: &HashMap<String, Vec<String>>,
) -> HashMap<(String, String), String> {
    let mut reasons: HashMap<(String, String), String> = HashMap::new();
    for q in &questionnaire.questions {
        let ticked = chosen.get(&q.id);
        for o in &q.options {
            let is_ticked = ticked.is_some_and(|t| t.contains(&o.id));
            let applies = match o.when {
                When::Chosen => is_ticked,
                When::NotChosen => !is_ticked,
            };
            if !applies {
                continue;
            }
            for key in &o.advise {
                reasons
                    .entry(key.clone())
                    .or_insert_with(|| o.because.clone());
            }
        }
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lessons() -> HashMap<(String, String), bool> {
        [
            (("souris-clavier", "cliquer"), true),
            (("souris-clavier", "double-clic"), true),
            (("arnaques", "faux-messages"), true),
            (("arnaques", "brouillon"), false),
        ]
        .into_iter()
        .map(|((m, l), p)| ((m.to_string(), l.to_string()), p))
        .collect()
    }

    fn check(text: &str) -> (Questionnaire, Vec<Problem>) {
        let mut problems = Vec::new();
        let q = parse(
            text,
            Path::new("content/diagnostic.toml"),
            &lessons(),
            &mut problems,
        );
        (q, problems)
    }

    const GOOD: &str = r#"
max_lessons = 3

[[questions]]
id = "gestes"
question = "Ce que la personne sait faire"
choice = "several"

[[questions.options]]
id = "souris"
label = "La souris"
when = "not_chosen"
advise = ["souris-clavier/cliquer", "souris-clavier/double-clic"]
because = "Pour prendre la souris en main."

[[questions.options]]
id = "clavier"
label = "Le clavier"

[[questions]]
id = "confiance"
question = "Je me sens à l'aise avec l'ordinateur"
choice = "confidence"
"#;

    #[test]
    fn a_good_file_is_read() {
        let (q, problems) = check(GOOD);
        assert_eq!(problems, vec![]);
        assert_eq!(q.max_lessons, 3);
        assert_eq!(q.questions.len(), 2);
        let gestures = q.question("gestes").unwrap();
        assert_eq!(gestures.choice, Choice::Several);
        assert_eq!(gestures.options[0].when, When::NotChosen);
        assert_eq!(
            gestures.options[0].advise[1],
            ("souris-clavier".to_string(), "double-clic".to_string())
        );
        assert!(q.question("confiance").unwrap().has_option("2"));
        assert!(!q.question("confiance").unwrap().has_option("3"));
    }

    #[test]
    fn unknown_keys_are_refused_at_their_line() {
        let (q, problems) = check(&GOOD.replace("choice = \"several\"", "choix = \"several\""));
        assert!(q.is_empty());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("choix"), "{}", problems[0]);
        assert_eq!(problems[0].line, 7);
    }

    #[test]
    fn unknown_and_draft_lessons_are_errors_at_their_line() {
        let text = GOOD
            .replace("souris-clavier/double-clic", "souris-clavier/triple-clic")
            .replace(
                "id = \"clavier\"\nlabel = \"Le clavier\"",
                "id = \"clavier\"\nlabel = \"Le clavier\"\nadvise = [\"arnaques/brouillon\", \"arnaques\"]\nbecause = \"Pour taper. Et écrire.\"",
            );
        let (q, problems) = check(&text);
        assert!(q.is_empty());
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 4, "{messages:#?}");
        assert!(
            messages[0].starts_with("content/diagnostic.toml:13:"),
            "{}",
            messages[0]
        );
        assert!(messages[0].contains("leçon inconnue « souris-clavier/triple-clic »"));
        assert!(messages[1].contains(":19:") && messages[1].contains("brouillon"));
        assert!(messages[2].contains(":19:") && messages[2].contains("séparés par « / »"));
        assert!(messages[3].contains(":20:") && messages[3].contains("une seule phrase"));
    }

    #[test]
    fn ids_reasons_and_options_are_checked() {
        let text = GOOD
            .replace("id = \"clavier\"", "id = \"souris\"")
            .replace("because = \"Pour prendre la souris en main.\"\n", "")
            .replace("max_lessons = 3", "max_lessons = 50")
            .replace(
                "choice = \"confidence\"",
                "choice = \"confidence\"\n[[questions.options]]\nid = \"a\"\nlabel = \"A\"",
            );
        let (_, problems) = check(&text);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 4, "{messages:#?}");
        assert!(messages[0].contains("max_lessons"));
        assert!(messages[1].contains("ajoutez because"));
        assert!(messages[2].contains("deux réponses de la question « gestes »"));
        assert!(messages[3].contains("question de confiance"));
        let (_, problems) = check("questions = []");
        assert!(problems[0].message.contains("au moins une question"));
        let (_, problems) =
            check("[[questions]]\nid = \"A b\"\nquestion = \"?\"\nchoice = \"one\"\n");
        assert!(problems[0].message.contains("identifiant « A b » invalide"));
        assert!(problems[1].message.contains("au moins deux réponses"));
    }
}
