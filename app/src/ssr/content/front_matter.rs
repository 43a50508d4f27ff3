//! Front matter: the TOML block between two `+++` lines at the top of every content file,
//! parsed into typed structs that reject unknown keys.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::problem::{LineIndex, Position};

/// The front matter of a module (`content/{module}/_index.md`).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ModuleMeta {
    /// The module's title, shown everywhere. Required.
    pub title: String,
    /// One sentence that says what the module is about. Required.
    pub summary: String,
    /// Who the module is for. Default: `"debutant"`.
    #[serde(default)]
    pub level: Level,
    /// About how many minutes the whole module takes. Required.
    pub minutes: u32,
    /// What the learner will be able to do afterwards, one sentence each. At least one.
    pub objectives: Vec<String>,
    /// Competence codes from the French digital framework (CRCN / Pix), such as `"2.1"`.
    /// Default: none.
    #[serde(default)]
    pub competences: Vec<String>,
    /// La Coop de la médiation numérique's themes (`"email"`, `"securite_numerique"`…):
    /// a session that advises one of the module's lessons proposes them. Default: none.
    #[serde(default)]
    pub themes: Vec<crate::model::CoopTheme>,
    /// What the learner will feel able to do, ending the sentence "Je me sens capable
    /// de …" asked at the start and the end of the module (e.g. `"envoyer une photo par
    /// e-mail"`). Default: a question naming the module's title.
    #[serde(default)]
    pub capability: Option<String>,
    /// Slugs of the modules to do before this one. Default: none.
    #[serde(default)]
    pub prerequisites: Vec<String>,
    /// Position in the catalogue: lighter modules come first. Default: `0`.
    #[serde(default)]
    pub weight: i32,
    /// A draft is shown to trainers only. Default: `false`.
    #[serde(default)]
    pub draft: bool,
    /// When facts about real services were last checked, as `"2026"` or `"2026-11"`.
    /// Default: not set (the module names no real service).
    #[serde(default)]
    pub verified: Option<String>,
    /// Who the module is written for: learners (the default) or volunteers (their own
    /// training, never shown to learners).
    #[serde(default)]
    pub audience: Audience,
}

/// Who a module is written for (front matter `audience`).
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Learners: the catalogue everyone sees.
    #[default]
    #[serde(rename = "apprenants")]
    Learners,
    /// Volunteers, coordinators and trainers: their own training path.
    #[serde(rename = "benevoles", alias = "bénévoles")]
    Volunteers,
}

/// The front matter of a lesson (`{lesson}.md` or `{lesson}/index.md`).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LessonMeta {
    /// The lesson's title. Required.
    pub title: String,
    /// One sentence that says what the lesson is about. Default: none.
    #[serde(default)]
    pub summary: Option<String>,
    /// About how many minutes the lesson takes. Default: not shown.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// What the learner has learned, shown at the end of the lesson. Default: none.
    #[serde(default)]
    pub learned: Vec<String>,
    /// The lesson's own Coop themes, instead of its module's. Default: the module's.
    #[serde(default)]
    pub themes: Vec<crate::model::CoopTheme>,
    /// Position in the module: lighter lessons come first. Default: `0`.
    #[serde(default)]
    pub weight: i32,
    /// A draft is shown to trainers only. Default: `false`.
    #[serde(default)]
    pub draft: bool,
}

/// Who a module is for (shared with the pages, which word it).
pub use crate::model::Level;

/// A file split into its front matter and its Markdown body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The TOML text between the `+++` lines.
    pub toml: &'a str,
    /// Byte offset of `toml` in the file.
    pub toml_offset: usize,
    /// Byte offset of the Markdown body in the file.
    pub body_offset: usize,
}

/// A front-matter problem, with its position in the file.
#[derive(Debug, PartialEq)]
pub struct FrontMatterError {
    pub position: Position,
    pub message: String,
}

/// Finds the front matter at the top of `text`.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let missing = || FrontMatterError {
        position: Position::START,
        message: "le fichier doit commencer par une ligne « +++ », puis les informations \
                  (titre…), puis une autre ligne « +++ »"
            .into(),
    };
    let first_line_end = text.find('\n').ok_or_else(missing)?;
    if text[..first_line_end].trim_end() != "+++" {
        return Err(missing());
    }
    let toml_offset = first_line_end + 1;
    let mut pos = toml_offset;
    for line in text[toml_offset..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok(Split {
                toml: &text[toml_offset..pos],
                toml_offset,
                body_offset: pos + line.len(),
            });
        }
        pos += line.len();
    }
    Err(FrontMatterError {
        position: Position::START,
        message: "la ligne « +++ » qui ferme les informations du début est introuvable".into(),
    })
}

/// Parses front matter into `T`, turning TOML errors into French messages at the right place.
pub fn parse<T: DeserializeOwned>(text: &str, split: &Split<'_>) -> Result<T, FrontMatterError> {
    toml::from_str(split.toml).map_err(|e| {
        let offset = split.toml_offset + e.span().map_or(0, |s| s.start);
        FrontMatterError {
            position: LineIndex::new(text).position(offset),
            message: french_toml_message(e.message()),
        }
    })
}

/// Rewrites the TOML library's English messages for trainers.
pub(super) fn french_toml_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .replace('`', "");
        return format!("clé inconnue « {field} » (clés possibles : {expected})");
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return format!("il manque la clé « {field} »");
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .replace('`', "");
        return format!("valeur inconnue « {value} » (valeurs possibles : {expected})");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "valeur du mauvais type : {}, il faut {}",
            french_found(found),
            french_expected(expected)
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "valeur impossible : {}, il faut {}",
            french_found(found),
            french_expected(expected)
        );
    }
    if message.starts_with("duplicate key") {
        return format!("clé écrite deux fois ({message})");
    }
    if message.contains("string") && message.contains("expected `\"`") {
        return "guillemet manquant : un texte commence et finit par « \" »".into();
    }
    if message.contains("expected `=`") {
        return "il manque le signe « = » entre la clé et sa valeur".into();
    }
    if message.starts_with("invalid array") || message.contains("expected `]`") {
        return "liste mal fermée : une liste s'écrit [\"un\", \"deux\"]".into();
    }
    let first = message.lines().next().unwrap_or_default();
    let known = [
        (
            "string values must be quoted",
            "valeur sans guillemets : un texte s'écrit entre guillemets, par exemple \"Bonjour\" ; oui ou non s'écrit true ou false",
        ),
        (
            "invalid boolean",
            "oui ou non s'écrit true ou false, en minuscules et sans guillemets",
        ),
        (
            "invalid integer",
            "nombre mal écrit : écrivez des chiffres sans guillemets, par exemple 10",
        ),
        (
            "invalid float",
            "nombre mal écrit : écrivez des chiffres sans guillemets, par exemple 10",
        ),
        (
            "unexpected leading zero",
            "nombre mal écrit : il ne commence pas par 0 (écrivez 5, pas 05)",
        ),
        ("invalid date-time", "date mal écrite"),
        ("missing value", "il manque la valeur après le signe « = »"),
        (
            "missing assignment",
            "il manque le signe « = » entre la clé et sa valeur",
        ),
        (
            "missing comma between array",
            "il manque une virgule entre deux éléments de la liste",
        ),
        ("extra comma", "virgule en trop dans la liste"),
        (
            "unclosed array",
            "liste mal fermée : une liste s'écrit [\"un\", \"deux\"]",
        ),
        (
            "invalid unquoted key",
            "clé mal écrite : lettres sans accent, sans espace, puis « = »",
        ),
        (
            "invalid key",
            "clé mal écrite : lettres sans accent, sans espace, puis « = »",
        ),
        (
            "invalid basic string",
            "texte mal écrit : il commence et finit par « \" » sur la même ligne",
        ),
        (
            "invalid string",
            "guillemet manquant : un texte commence et finit par « \" »",
        ),
        (
            "missing opening quote",
            "guillemet manquant : un texte commence et finit par « \" »",
        ),
    ];
    if let Some((_, french)) = known.iter().find(|(english, _)| first.starts_with(english)) {
        return (*french).to_string();
    }
    format!("informations du début illisibles (TOML) : {message}")
}

/// serde's "unexpected" part (`string "dix"`, ``integer `-1` ``…) in French.
fn french_found(found: &str) -> String {
    let value = |s: &str| s.trim().trim_matches('`').trim_matches('"').to_string();
    if let Some(v) = found.strip_prefix("string ") {
        format!("« {} » est un texte", value(v))
    } else if let Some(v) = found.strip_prefix("integer ") {
        format!("{} est un nombre entier", value(v))
    } else if let Some(v) = found.strip_prefix("floating point ") {
        format!("{} est un nombre à virgule", value(v))
    } else if let Some(v) = found.strip_prefix("boolean ") {
        format!("{} est un oui/non", value(v))
    } else if found == "sequence" {
        "c'est une liste".into()
    } else if found == "map" {
        "c'est un tableau de clés".into()
    } else {
        format!("« {} »", value(found))
    }
}

/// serde's "expected" part (`u32`, `a string`, `a sequence`…) in French.
fn french_expected(expected: &str) -> &'static str {
    match expected.trim() {
        "u8" | "u16" | "u32" | "u64" | "usize" => {
            "un nombre entier positif, sans guillemets (par exemple 10)"
        }
        "i8" | "i16" | "i32" | "i64" | "isize" | "an integer" => {
            "un nombre entier, sans guillemets (par exemple 10)"
        }
        "a boolean" => "true (oui) ou false (non), sans guillemets",
        "a string" | "a borrowed string" => "un texte entre guillemets, par exemple \"Bonjour\"",
        "a sequence" => "une liste, par exemple [\"un\", \"deux\"]",
        _ => "une autre sorte de valeur",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LESSON: &str = "+++\ntitle = \"Bonjour\"\nweight = 2\n+++\n## Première étape\nTexte.\n";

    #[test]
    fn splits_and_parses_a_lesson() {
        let s = split(LESSON).unwrap();
        assert_eq!(s.toml, "title = \"Bonjour\"\nweight = 2\n");
        assert_eq!(&LESSON[s.body_offset..], "## Première étape\nTexte.\n");
        let meta: LessonMeta = parse(LESSON, &s).unwrap();
        assert_eq!(meta.title, "Bonjour");
        assert_eq!(meta.weight, 2);
        assert!(!meta.draft);
    }

    #[test]
    fn unknown_key_is_reported_in_french_at_its_line() {
        let text = "+++\ntitle = \"A\"\ncolor = \"bleu\"\n+++\n";
        let err = parse::<LessonMeta>(text, &split(text).unwrap()).unwrap_err();
        assert_eq!(err.position, Position { line: 3, column: 1 });
        assert!(
            err.message
                .starts_with("clé inconnue « color » (clés possibles : title, summary"),
            "{}",
            err.message
        );
    }

    #[test]
    fn missing_key_and_wrong_type_are_explained() {
        let text = "+++\nsummary = \"x\"\n+++\n";
        let err = parse::<LessonMeta>(text, &split(text).unwrap()).unwrap_err();
        assert_eq!(err.message, "il manque la clé « title »");

        let text = "+++\ntitle = \"A\"\nweight = \"lourd\"\n+++\n";
        let err = parse::<LessonMeta>(text, &split(text).unwrap()).unwrap_err();
        assert_eq!(err.position.line, 3);
        assert!(
            err.message.starts_with("valeur du mauvais type"),
            "{}",
            err.message
        );
    }

    #[test]
    fn common_syntax_errors_are_explained() {
        let text = "+++\ntitle = \"Sans fin\n+++\n";
        let err = parse::<LessonMeta>(text, &split(text).unwrap()).unwrap_err();
        assert_eq!(
            err.message,
            "guillemet manquant : un texte commence et finit par « \" »"
        );
        let text = "+++\ntitle \"A\"\n+++\n";
        let err = parse::<LessonMeta>(text, &split(text).unwrap()).unwrap_err();
        assert_eq!(
            err.message,
            "il manque le signe « = » entre la clé et sa valeur"
        );
    }

    #[test]
    fn serde_and_toml_errors_are_in_french_at_their_line() {
        let cases = [
            (
                "minutes = \"dix\"",
                "« dix » est un texte, il faut un nombre entier positif",
            ),
            ("minutes = -3", "il faut un nombre entier positif"),
            ("draft = \"oui\"", "il faut true (oui) ou false (non)"),
            ("draft = vrai", "oui ou non s'écrit true ou false"),
            ("draft = tru", "oui ou non s'écrit true ou false"),
            ("learned = \"x\"", "il faut une liste"),
            ("summary = 3", "3 est un nombre entier, il faut un texte"),
            ("weight = 05", "il ne commence pas par 0"),
            ("learned = [\"a\" \"b\"]", "virgule"),
        ];
        for (line, french) in cases {
            let text = format!("+++\ntitle = \"A\"\n{line}\n+++\n");
            let err = parse::<LessonMeta>(&text, &split(&text).unwrap()).unwrap_err();
            assert!(err.message.contains(french), "{line}: {}", err.message);
            assert_eq!(err.position.line, 3, "{line}");
            for english in ["expected", "invalid", "string", "boolean", "integer"] {
                assert!(!err.message.contains(english), "{line}: {}", err.message);
            }
        }
    }

    #[test]
    fn level_accepts_accents() {
        let text = "+++\ntitle = \"M\"\nsummary = \"s\"\nminutes = 5\nobjectives = [\"o\"]\nlevel = \"intermédiaire\"\n+++\n";
        let meta: ModuleMeta = parse(text, &split(text).unwrap()).unwrap();
        assert_eq!(meta.level, Level::Intermediate);
    }

    const MODULE: &str = "+++\ntitle = \"M\"\nsummary = \"s\"\nminutes = 5\nobjectives = [\"o\"]\n";

    #[test]
    fn audience_defaults_to_learners_and_accepts_volunteers() {
        let text = format!("{MODULE}+++\n");
        let meta: ModuleMeta = parse(&text, &split(&text).unwrap()).unwrap();
        assert_eq!(meta.audience, Audience::Learners);
        for value in ["benevoles", "bénévoles"] {
            let text = format!("{MODULE}audience = \"{value}\"\n+++\n");
            let meta: ModuleMeta = parse(&text, &split(&text).unwrap()).unwrap();
            assert_eq!(meta.audience, Audience::Volunteers, "{value}");
        }
        let text = format!("{MODULE}audience = \"apprenants\"\n+++\n");
        let meta: ModuleMeta = parse(&text, &split(&text).unwrap()).unwrap();
        assert_eq!(meta.audience, Audience::Learners);
    }

    #[test]
    fn unknown_audience_is_refused_in_french_at_its_line() {
        let text = format!("{MODULE}audience = \"formateurs\"\n+++\n");
        let err = parse::<ModuleMeta>(&text, &split(&text).unwrap()).unwrap_err();
        assert_eq!(err.position.line, 6);
        assert!(
            err.message.starts_with(
                "valeur inconnue « formateurs » (valeurs possibles : apprenants, benevoles"
            ),
            "{}",
            err.message
        );
        // A lesson has no audience of its own: its module's is the lesson's.
        let text = "+++\ntitle = \"A\"\naudience = \"benevoles\"\n+++\n";
        let err = parse::<LessonMeta>(text, &split(text).unwrap()).unwrap_err();
        assert_eq!(err.position.line, 3);
        assert!(
            err.message.starts_with("clé inconnue « audience »"),
            "{}",
            err.message
        );
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        assert_eq!(split("# Titre\n").unwrap_err().position, Position::START);
        assert!(
            split("+++\ntitle = \"x\"\n")
                .unwrap_err()
                .message
                .contains("ferme")
        );
    }
}
