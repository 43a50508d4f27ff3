//! Template text left in a file at publish: a new module or lesson starts from a template
//! (`services::authoring`) whose sentences only say what to write. Publishing it unchanged
//! would show learners "Écrivez ici des phrases courtes." — refused, with the line.

use std::path::Path;

use super::problem::{LineIndex, Problem};

/// Sentences of the templates that only a trainer who has not written yet would leave (the
/// templates' unit test checks that each one is in a template).
pub const PLACEHOLDERS: &[&str] = &[
    "Une phrase qui dit ce que la personne va apprendre.",
    "Ce que la personne sait faire à la fin.",
    "Écrivez ici des phrases courtes.",
    "Comparez avec une chose connue.",
    "La question ?",
    "Oui ! L'explication.",
    "Non. L'explication, avec gentillesse.",
    "Quelques phrases pour présenter le module.",
    "Une phrase qui dit de quoi parle le module.",
    "Ce que la personne saura faire à la fin.",
];

/// One error per template sentence still in `text`, at its place.
pub fn check(path: &Path, text: &str) -> Vec<Problem> {
    let lines = LineIndex::new(text);
    let mut found: Vec<(usize, &str)> = PLACEHOLDERS
        .iter()
        .filter_map(|p| text.find(p).map(|at| (at, *p)))
        .collect();
    found.sort_unstable();
    found
        .into_iter()
        .map(|(at, p)| {
            Problem::error(
                path,
                lines.position(at),
                format!(
                    "texte du modèle encore là : « {p} ». Remplacez-le par le vôtre avant de publier."
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_template_sentence_left_is_an_error_at_its_line() {
        let text = "+++\ntitle = \"A\"\nsummary = \"Une phrase qui dit ce que la personne va apprendre.\"\n+++\n## Une {#une}\n\nÉcrivez ici des phrases courtes.\n";
        let problems = check(Path::new("m/a.md"), text);
        let places: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(places, vec![(3, 12), (7, 1)]);
        assert!(problems.iter().all(Problem::is_error));
        assert!(
            problems[1]
                .message
                .contains("« Écrivez ici des phrases courtes. »")
        );
        assert!(check(Path::new("m/a.md"), "## Une\n\nMon texte.\n").is_empty());
    }
}
