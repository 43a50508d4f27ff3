//! Practice exercises: the screen a learner is on, checking what they did against the goal,
//! and recording each attempt like an answer to a check question.
//!
//! Every exercise works with full-page forms: the state of an exercise (which screen, what
//! was typed, what went wrong) travels in the step's URL, so nothing is kept on the server
//! but the attempts. An uploaded file is read in memory, its kind checked, then dropped:
//! it is never written to disk nor served to anyone.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use super::quiz::Place;
use crate::model::{
    ComposeView, ExerciseScreen, ExerciseView, FakeAnswer, FakeView, FormFieldView, FormScreen,
    FormView, GestureView, MailScreen, MailSummary, MailboxView, MouseView, OpenMessage,
};
use crate::ssr::content::exercise::{
    Draft, Exercise, FieldKind, FieldMistake, FileKind, Form, Gesture, Kind, MailMistake,
    check_field_value, check_mail,
};
use crate::ssr::db::entities::answer;
use crate::ssr::db::now;

/// The largest file a learner may attach in an exercise.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;

/// Parameters of the step's URL (or of a form), in order.
pub type Params = [(String, String)];

fn get<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn text(params: &Params, name: &str) -> String {
    get(params, name).unwrap_or_default().to_string()
}

/// A file chosen by the learner: its name and its kind (`None`: not a kind accepted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    pub name: String,
    pub kind: Option<FileKind>,
}

/// One attempt, recorded in the learner's progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// Recorded as the answer's `question`: the exercise id, or `id:geste`.
    pub key: String,
    /// What happened, as codes (`sans-piece-jointe`, `montant:format`…).
    pub outcome: String,
    pub correct: bool,
}

/// What "Envoyer", "Valider"… lead to: the next screen's URL parameters and the attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    pub params: Vec<(String, String)>,
    pub attempt: Option<Attempt>,
}

fn p(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_string(), value.into())
}

/// The exercise as the step shows it; `params` are the step's URL parameters (they concern
/// this exercise only if `ex` is its id).
pub fn view(exercise: &Exercise, params: &Params) -> ExerciseView {
    let empty = Vec::new();
    let params = if get(params, "ex") == Some(exercise.id.as_str()) {
        params
    } else {
        &empty[..]
    };
    let screen = match &exercise.kind {
        Kind::Mailbox(m) => {
            let inbox = m
                .messages
                .iter()
                .enumerate()
                .map(|(i, msg)| MailSummary {
                    number: i + 1,
                    from: msg.de.clone(),
                    subject: msg.objet.clone(),
                    has_attachment: msg.piece_jointe.is_some(),
                })
                .collect();
            let vue = get(params, "vue").unwrap_or("boite");
            let message = vue
                .strip_prefix("message-")
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| Some((n, m.messages.get(n.checked_sub(1)?)?)));
            let screen = if let Some((n, msg)) = message {
                let fake = msg.arnaque.map(|scam| match get(params, "verdict") {
                    Some(r @ ("vrai" | "arnaque")) => FakeAnswer::Answered {
                        right: (r == "arnaque") == scam,
                        scam,
                        clues: msg.indices.clone(),
                    },
                    _ => FakeAnswer::Asked,
                });
                MailScreen::Message(OpenMessage {
                    number: n,
                    from: msg.de.clone(),
                    address: msg.adresse.clone(),
                    subject: msg.objet.clone(),
                    text: msg.texte.clone(),
                    attachment: msg.piece_jointe.as_ref().map(|a| {
                        (
                            a.nom.clone(),
                            (get(params, "ouvrir") == Some("1")).then(|| a.contenu.clone()),
                        )
                    }),
                    fake,
                })
            } else if vue == "ecrire"
                && let Some(goal) = &m.but
            {
                MailScreen::Compose(ComposeView {
                    to: text(params, "a"),
                    subject: text(params, "objet"),
                    text: text(params, "texte"),
                    hints: get(params, "conseil")
                        .unwrap_or_default()
                        .split(',')
                        .filter_map(MailMistake::from_code)
                        .map(|mistake| mistake.hint(goal))
                        .collect(),
                    attach_again: get(params, "pj") == Some("1"),
                })
            } else if vue == "envoye" {
                MailScreen::Sent {
                    to: text(params, "a"),
                    subject: text(params, "objet"),
                    attachment: get(params, "pj").map(str::to_string),
                }
            } else {
                MailScreen::Inbox
            };
            ExerciseScreen::Mailbox(MailboxView {
                instructions: m.consigne.clone(),
                can_write: m.but.is_some(),
                inbox,
                screen,
            })
        }
        Kind::Form(f) => ExerciseScreen::Form(FormView {
            service: f.service.clone(),
            instructions: f.consigne.clone(),
            screen: form_screen(f, params),
        }),
        Kind::Fake(f) => ExerciseScreen::Fake(FakeView {
            question: f
                .consigne
                .clone()
                .unwrap_or_else(|| "Vrai message, ou arnaque ?".into()),
            from: f.de.clone(),
            subject: f.objet.clone(),
            text: f.texte.clone(),
            address: f.adresse.clone(),
            answer: match get(params, "verdict") {
                Some(r @ ("vrai" | "arnaque")) => FakeAnswer::Answered {
                    right: (r == "arnaque") == f.arnaque,
                    scam: f.arnaque,
                    clues: f.indices.clone(),
                },
                _ => FakeAnswer::Asked,
            },
        }),
        Kind::Mouse(m) => {
            let done: Vec<&str> = get(params, "fait").unwrap_or_default().split(',').collect();
            let message = match (get(params, "essai"), get(params, "reussi")) {
                (Some(code), Some(ok)) => Gesture::from_code(code).map(|g| {
                    let ok = ok == "1";
                    (ok, gesture_message(g, ok, &m.mot))
                }),
                _ => None,
            };
            ExerciseScreen::Mouse(MouseView {
                gestures: m
                    .gestes
                    .iter()
                    .map(|g| GestureView {
                        code: g.code().to_string(),
                        done: done.contains(&g.code()),
                    })
                    .collect(),
                word: m.mot.clone(),
                message,
            })
        }
    };
    ExerciseView {
        id: exercise.id.clone(),
        screen,
    }
}

fn gesture_message(g: Gesture, ok: bool, word: &str) -> String {
    match (g, ok) {
        (Gesture::Clic, true) => "Bravo, vous avez cliqué !".into(),
        (Gesture::DoubleClic, true) => "Bravo, c'est un double-clic !".into(),
        (Gesture::DoubleClic, false) => "Presque ! Les deux clics doivent être rapides, sans \
             bouger la souris. Essayez encore : « tac-tac »."
            .into(),
        (Gesture::Glisser, true) => "Bravo, la lettre est dans l'enveloppe !".into(),
        (Gesture::Glisser, false) => "Presque ! Gardez le bouton appuyé pendant tout le \
             trajet, et lâchez-le sur l'enveloppe."
            .into(),
        (Gesture::Defiler, true) => "Bravo, vous avez trouvé le bas de la page !".into(),
        (Gesture::Taper, true) => format!("Bravo, vous avez tapé « {word} » !"),
        (Gesture::Taper, false) => format!(
            "Ce n'est pas tout à fait « {word} ». Regardez chaque lettre, puis essayez encore."
        ),
        (_, false) => "Essayez encore, sans vous presser.".into(),
    }
}

fn field_values(f: &Form, params: &Params) -> Vec<(String, String)> {
    f.etapes
        .iter()
        .flat_map(|s| &s.champs)
        .filter_map(|field| {
            let key = format!("v.{}", field.nom);
            get(params, &key).map(|v| (key, v.to_string()))
        })
        .collect()
}

fn form_screen(f: &Form, params: &Params) -> FormScreen {
    let carried = field_values(f, params);
    match get(params, "ecran").unwrap_or("connexion") {
        "fini" => FormScreen::Done,
        "confirmer" => FormScreen::Confirm {
            rows: f
                .etapes
                .iter()
                .flat_map(|s| &s.champs)
                .map(|field| {
                    (
                        field.libelle.clone(),
                        text(params, &format!("v.{}", field.nom)),
                    )
                })
                .collect(),
            carried,
        },
        n => match n.parse::<usize>() {
            Ok(n) if (1..=f.etapes.len()).contains(&n) => {
                let step = &f.etapes[n - 1];
                let error = get(params, "erreur").and_then(|e| e.split_once(':'));
                let fields = step
                    .champs
                    .iter()
                    .map(|field| FormFieldView {
                        name: field.nom.clone(),
                        label: field.libelle.clone(),
                        kind: kind_code(field.kind).to_string(),
                        choices: field.choix.clone(),
                        value: text(params, &format!("v.{}", field.nom)),
                        required: field.obligatoire,
                        error: error
                            .filter(|(name, _)| *name == field.nom)
                            .and_then(|(_, code)| FieldMistake::from_code(code))
                            .map(|m| m.messages(field)),
                    })
                    .collect();
                let own: Vec<String> = step.champs.iter().map(|c| format!("v.{}", c.nom)).collect();
                FormScreen::Step {
                    number: n,
                    count: f.etapes.len(),
                    title: step.titre.clone(),
                    text: step.texte.clone(),
                    fields,
                    carried: carried
                        .into_iter()
                        .filter(|(k, _)| !own.contains(k))
                        .collect(),
                }
            }
            _ => FormScreen::SignIn {
                identifier: text(params, "identifiant"),
                error: get(params, "erreur") == Some("connexion"),
            },
        },
    }
}

fn kind_code(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Texte => "texte",
        FieldKind::Montant => "montant",
        FieldKind::Date => "date",
        FieldKind::Choix => "choix",
        FieldKind::Fichier => "fichier",
    }
}

/// A learner's action on an exercise (a form post): checks it against the goal.
pub fn submit(exercise: &Exercise, fields: &Params, upload: Option<&Upload>) -> Submitted {
    let id = exercise.id.clone();
    let mut params = vec![p("ex", &id)];
    let attempt = |outcome: &str, correct: bool| {
        Some(Attempt {
            key: id.clone(),
            outcome: outcome.to_string(),
            correct,
        })
    };
    match &exercise.kind {
        Kind::Mailbox(m) => {
            // "Vrai ou arnaque ?" about a message of the inbox.
            if let Some(answer @ ("vrai" | "arnaque")) = get(fields, "reponse")
                && let Some(n) = get(fields, "message").and_then(|n| n.parse::<usize>().ok())
                && let Some(msg) = m.messages.get(n.wrapping_sub(1))
                && let Some(scam) = msg.arnaque
            {
                params.push(p("vue", format!("message-{n}")));
                params.push(p("verdict", answer));
                let right = (answer == "arnaque") == scam;
                return Submitted {
                    params,
                    attempt: Some(Attempt {
                        key: format!("{id}:message-{n}"),
                        outcome: answer.to_string(),
                        correct: right,
                    }),
                };
            }
            let Some(goal) = &m.but else {
                return Submitted {
                    params,
                    attempt: None,
                };
            };
            let draft = Draft {
                to: text(fields, "a"),
                subject: text(fields, "objet"),
                text: text(fields, "texte"),
                attachment: upload.map(|u| (u.name.clone(), u.kind.unwrap_or(FileKind::Fichier))),
            };
            let mistakes = check_mail(goal, &draft);
            if mistakes.is_empty() {
                params.push(p("vue", "envoye"));
                params.push(p("a", draft.to.trim()));
                params.push(p("objet", draft.subject.trim()));
                if let Some(u) = upload {
                    params.push(p("pj", &u.name));
                }
                Submitted {
                    params,
                    attempt: attempt("envoye", true),
                }
            } else {
                let codes: Vec<&str> = mistakes.iter().map(|m| m.code()).collect();
                params.push(p("vue", "ecrire"));
                params.push(p("a", draft.to));
                params.push(p("objet", draft.subject));
                params.push(p("texte", draft.text));
                params.push(p("conseil", codes.join(",")));
                if upload.is_some() {
                    params.push(p("pj", "1"));
                }
                Submitted {
                    params,
                    attempt: attempt(&codes.join(","), false),
                }
            }
        }
        Kind::Form(f) => submit_form(f, fields, upload, params, &id),
        Kind::Fake(f) => match get(fields, "reponse") {
            Some(answer @ ("vrai" | "arnaque")) => {
                params.push(p("verdict", answer));
                Submitted {
                    params,
                    attempt: attempt(answer, (answer == "arnaque") == f.arnaque),
                }
            }
            _ => Submitted {
                params,
                attempt: None,
            },
        },
        Kind::Mouse(m) => {
            let mut done: Vec<String> = get(fields, "fait")
                .unwrap_or_default()
                .split(',')
                .filter(|c| Gesture::from_code(c).is_some())
                .map(str::to_string)
                .collect();
            let Some(gesture) = get(fields, "geste")
                .and_then(Gesture::from_code)
                .filter(|g| m.gestes.contains(g))
            else {
                return Submitted {
                    params,
                    attempt: None,
                };
            };
            let ok = match gesture {
                Gesture::Taper => normalise_word(&text(fields, "mot")) == normalise_word(&m.mot),
                // Clicks and scrolls reach the server only when done; double-clicks and drags
                // are judged in the page (they need JavaScript), which says how it went.
                Gesture::Clic | Gesture::Defiler => true,
                Gesture::DoubleClic | Gesture::Glisser => get(fields, "reussi") == Some("1"),
            };
            if ok && !done.iter().any(|d| d == gesture.code()) {
                done.push(gesture.code().to_string());
            }
            params.push(p("fait", done.join(",")));
            params.push(p("essai", gesture.code()));
            params.push(p("reussi", if ok { "1" } else { "0" }));
            Submitted {
                params,
                attempt: Some(Attempt {
                    key: format!("{id}:{}", gesture.code()),
                    outcome: if ok { "reussi" } else { "rate" }.into(),
                    correct: ok,
                }),
            }
        }
    }
}

fn normalise_word(s: &str) -> String {
    s.trim().to_lowercase()
}

fn submit_form(
    f: &Form,
    fields: &Params,
    upload: Option<&Upload>,
    mut params: Vec<(String, String)>,
    id: &str,
) -> Submitted {
    let attempt = |outcome: String, correct: bool| {
        Some(Attempt {
            key: id.to_string(),
            outcome,
            correct,
        })
    };
    let mut values = field_values(f, fields);
    match get(fields, "ecran").unwrap_or("connexion") {
        "confirmer" => {
            // Every field is checked again: the values came back through the browser.
            for (n, step) in f.etapes.iter().enumerate() {
                for field in &step.champs {
                    let value = text(fields, &format!("v.{}", field.nom));
                    let file = (field.kind == FieldKind::Fichier && !value.is_empty())
                        .then_some(FileKind::Document);
                    if let Some(mistake) = check_field_value(field, &value, file) {
                        params.push(p("ecran", (n + 1).to_string()));
                        params.extend(values);
                        params.push(p("erreur", format!("{}:{}", field.nom, mistake.code())));
                        return Submitted {
                            params,
                            attempt: None,
                        };
                    }
                }
            }
            params.push(p("ecran", "fini"));
            Submitted {
                params,
                attempt: attempt("envoye".into(), true),
            }
        }
        "connexion" => {
            let identifier = text(fields, "identifiant");
            let right = identifier.trim() == f.identifiant
                && text(fields, "mot-de-passe") == f.mot_de_passe;
            if right {
                params.push(p("ecran", "1"));
                Submitted {
                    params,
                    attempt: None,
                }
            } else {
                params.push(p("identifiant", identifier.trim()));
                params.push(p("erreur", "connexion"));
                Submitted {
                    params,
                    attempt: attempt("connexion".into(), false),
                }
            }
        }
        n => {
            let Some(n) = n
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=f.etapes.len()).contains(n))
            else {
                return Submitted {
                    params,
                    attempt: None,
                };
            };
            let step = &f.etapes[n - 1];
            let mut error = None;
            for field in &step.champs {
                let key = format!("v.{}", field.nom);
                let (value, file) = if field.kind == FieldKind::Fichier {
                    match upload {
                        Some(u) => (u.name.clone(), Some(u.kind.unwrap_or(FileKind::Fichier))),
                        // A file chosen on an earlier try is kept (by name only).
                        None => {
                            let before = text(fields, &key);
                            let kind = (!before.is_empty()).then_some(FileKind::Document);
                            (before, kind)
                        }
                    }
                } else {
                    (text(fields, &key), None)
                };
                let mistake = check_field_value(field, &value, file);
                values.retain(|(k, _)| *k != key);
                if mistake != Some(FieldMistake::WrongFile) && !value.is_empty() {
                    values.push((key, value));
                }
                if error.is_none()
                    && let Some(m) = mistake
                {
                    error = Some(format!("{}:{}", field.nom, m.code()));
                }
            }
            params.extend(values);
            match error {
                Some(e) => {
                    params.push(p("ecran", n.to_string()));
                    params.push(p("erreur", e.clone()));
                    Submitted {
                        params,
                        attempt: attempt(e, false),
                    }
                }
                None => {
                    let next = if n == f.etapes.len() {
                        "confirmer".to_string()
                    } else {
                        (n + 1).to_string()
                    };
                    params.push(p("ecran", next));
                    Submitted {
                        params,
                        attempt: None,
                    }
                }
            }
        }
    }
}

/// Records one attempt of a signed-in learner.
pub async fn record(
    db: &impl ConnectionTrait,
    learner_id: i32,
    place: Place<'_>,
    attempt: &Attempt,
) -> Result<(), DbErr> {
    answer::ActiveModel {
        learner_id: Set(learner_id),
        module: Set(place.module.to_string()),
        lesson: Set(place.lesson.to_string()),
        step: Set(place.step.to_string()),
        question: Set(attempt.key.clone()),
        choices: Set(attempt.outcome.clone()),
        correct: Set(attempt.correct),
        answered_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    super::accounts::touch(db, learner_id).await?;
    Ok(())
}

/// A recorded attempt in words, for volunteers: what was practised, and what happened.
pub fn describe(exercise: &Exercise, key: &str, outcome: &str) -> (String, String) {
    let what = match &exercise.kind {
        Kind::Mailbox(m) => match key.split_once(":message-") {
            Some((_, n)) => {
                let subject = n
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| m.messages.get(n.wrapping_sub(1)))
                    .map_or_else(String::new, |msg| format!(" « {} »", msg.objet));
                format!("Exercice : vrai ou arnaque ? Le message{subject}")
            }
            None => format!("Exercice boîte mail : {}", m.consigne),
        },
        Kind::Form(f) => format!("Exercice {} : {}", f.service, f.consigne),
        Kind::Fake(f) => format!(
            "Exercice vrai ou arnaque : {}",
            f.objet
                .as_deref()
                .or(f.adresse.as_deref())
                .unwrap_or("le message")
        ),
        Kind::Mouse(_) => {
            let gesture = key
                .rsplit_once(':')
                .and_then(|(_, g)| Gesture::from_code(g))
                .map_or("un geste", Gesture::words);
            format!("Exercice souris et clavier : {gesture}")
        }
    };
    let how = match &exercise.kind {
        Kind::Mailbox(_) | Kind::Fake(_) if outcome == "vrai" => "a répondu « vrai »".into(),
        Kind::Mailbox(_) | Kind::Fake(_) if outcome == "arnaque" => "a répondu « arnaque »".into(),
        Kind::Mailbox(_) if outcome == "envoye" => "message envoyé comme demandé".into(),
        Kind::Mailbox(_) => outcome
            .split(',')
            .map(|c| match MailMistake::from_code(c) {
                Some(MailMistake::NoRecipient) => "sans destinataire",
                Some(MailMistake::NoAt) => "adresse sans @",
                Some(MailMistake::BadAddress) => "adresse mal écrite",
                Some(MailMistake::WrongRecipient) => "mauvaise adresse",
                Some(MailMistake::NoSubject) => "sans objet",
                Some(MailMistake::NoText) => "message vide",
                Some(MailMistake::NoAttachment) => "sans pièce jointe",
                Some(MailMistake::WrongAttachment) => "mauvaise pièce jointe",
                None => "autre",
            })
            .collect::<Vec<_>>()
            .join(", "),
        Kind::Form(_) if outcome == "envoye" => "demande envoyée comme demandé".into(),
        Kind::Form(_) if outcome == "connexion" => "identifiant ou mot de passe faux".into(),
        Kind::Form(f) => match outcome.split_once(':') {
            Some((name, code)) => {
                let label = f
                    .etapes
                    .iter()
                    .flat_map(|s| &s.champs)
                    .find(|c| c.nom == name)
                    .map_or(name, |c| c.libelle.as_str());
                let kind = match FieldMistake::from_code(code) {
                    Some(FieldMistake::Missing) => "oublié",
                    Some(FieldMistake::Format) => "mal écrit",
                    Some(FieldMistake::Unexpected) => "mauvaise valeur",
                    Some(FieldMistake::WrongFile) => "fichier refusé",
                    None => "erreur",
                };
                format!("« {label} » : {kind}")
            }
            None => outcome.to_string(),
        },
        Kind::Mouse(_) if outcome == "reussi" => "réussi".into(),
        Kind::Mouse(_) => "raté".into(),
        Kind::Fake(_) => outcome.to_string(),
    };
    (what, how)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::content::exercise;

    fn exercise(info: &str, body: &str) -> Exercise {
        let (e, problems) = exercise::parse(info, body);
        e.unwrap_or_else(|| panic!("{problems:?}"))
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| p(a, *b)).collect()
    }

    const FORM: &str = "service = \"Mon compte santé\"\nconsigne = \"Demandez le remboursement.\"\nidentifiant = \"jeanne\"\nmot_de_passe = \"Soleil\"\n[[etapes]]\ntitre = \"Le montant\"\n[[etapes.champs]]\nnom = \"montant\"\nlibelle = \"Montant\"\ntype = \"montant\"\nattendu = \"25\"\n[[etapes]]\ntitre = \"Le justificatif\"\n[[etapes.champs]]\nnom = \"scan\"\nlibelle = \"Justificatif\"\ntype = \"fichier\"\n";

    #[test]
    fn a_form_goes_from_sign_in_to_done_with_its_mistakes_on_the_way() {
        let e = exercise("exercice formulaire {#rembourser}", FORM);
        let wrong = submit(
            &e,
            &pairs(&[
                ("ecran", "connexion"),
                ("identifiant", "jeanne"),
                ("mot-de-passe", "x"),
            ]),
            None,
        );
        assert!(!wrong.attempt.unwrap().correct);
        assert!(matches!(
            form_screen_of(&e, &wrong.params),
            FormScreen::SignIn { error: true, .. }
        ));
        let signed = submit(
            &e,
            &pairs(&[
                ("ecran", "connexion"),
                ("identifiant", " jeanne "),
                ("mot-de-passe", "Soleil"),
            ]),
            None,
        );
        assert_eq!(get(&signed.params, "ecran"), Some("1"));
        // A badly written amount: the real site's message, then in simple words.
        let bad = submit(&e, &pairs(&[("ecran", "1"), ("v.montant", "25 €")]), None);
        assert_eq!(bad.attempt.as_ref().unwrap().outcome, "montant:format");
        let FormScreen::Step { fields, .. } = form_screen_of(&e, &bad.params) else {
            panic!()
        };
        assert_eq!(fields[0].value, "25 €");
        assert!(fields[0].error.as_ref().unwrap().1.contains("25,50"));
        let good = submit(&e, &pairs(&[("ecran", "1"), ("v.montant", "25,00")]), None);
        assert_eq!(good.attempt, None);
        assert_eq!(get(&good.params, "ecran"), Some("2"));
        // No scan attached: refused; a program: refused; a PDF: accepted.
        let mut step2 = good.params.clone();
        step2.retain(|(k, _)| k != "ecran");
        step2.push(p("ecran", "2"));
        let none = submit(&e, &step2, None);
        assert_eq!(none.attempt.unwrap().outcome, "scan:vide");
        let program = Upload {
            name: "virus.exe".into(),
            kind: None,
        };
        assert_eq!(
            submit(&e, &step2, Some(&program)).attempt.unwrap().outcome,
            "scan:fichier"
        );
        let pdf = Upload {
            name: "facture.pdf".into(),
            kind: Some(FileKind::Document),
        };
        let attached = submit(&e, &step2, Some(&pdf));
        assert_eq!(get(&attached.params, "ecran"), Some("confirmer"));
        let FormScreen::Confirm { rows, carried } = form_screen_of(&e, &attached.params) else {
            panic!()
        };
        assert_eq!(rows[1], ("Justificatif".into(), "facture.pdf".into()));
        let mut confirm = carried.clone();
        confirm.push(p("ecran", "confirmer"));
        let done = submit(&e, &confirm, None);
        assert_eq!(get(&done.params, "ecran"), Some("fini"));
        assert!(done.attempt.unwrap().correct);
        // Values tampered with on the way back are checked again.
        let mut tampered = confirm.clone();
        tampered.retain(|(k, _)| k != "v.montant");
        tampered.push(p("v.montant", "999"));
        assert_eq!(get(&submit(&e, &tampered, None).params, "ecran"), Some("1"));
    }

    fn form_screen_of(e: &Exercise, params: &[(String, String)]) -> FormScreen {
        match view(e, params).screen {
            ExerciseScreen::Form(f) => f.screen,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_mailbox_keeps_what_was_typed_and_explains_each_mistake() {
        let e = exercise(
            "exercice courriel {#photo}",
            "consigne = \"Envoyez une photo.\"\n[but]\na = \"marie@exemple.fr\"\npiece_jointe = \"image\"\n[[messages]]\nde = \"Banque\"\nadresse = \"x@banque-secure.top\"\nobjet = \"Compte bloqué\"\ntexte = \"Cliquez vite.\"\narnaque = true\nindices = [\"L'adresse est bizarre.\"]\n",
        );
        let sent = submit(
            &e,
            &pairs(&[
                ("a", "marie@exemple.fr"),
                ("objet", ""),
                ("texte", "Coucou"),
            ]),
            None,
        );
        let attempt = sent.attempt.unwrap();
        assert_eq!(attempt.outcome, "sans-objet,sans-piece-jointe");
        let ExerciseScreen::Mailbox(m) = view(&e, &sent.params).screen else {
            panic!()
        };
        let MailScreen::Compose(c) = m.screen else {
            panic!()
        };
        assert_eq!(c.to, "marie@exemple.fr");
        assert_eq!(c.text, "Coucou");
        assert_eq!(c.hints.len(), 2);
        assert!(c.hints[1].contains("Joindre un fichier"));
        let photo = Upload {
            name: "chat.jpg".into(),
            kind: Some(FileKind::Image),
        };
        let ok = submit(
            &e,
            &pairs(&[("a", "marie@exemple.fr"), ("objet", "Photo")]),
            Some(&photo),
        );
        assert!(ok.attempt.unwrap().correct);
        let ExerciseScreen::Mailbox(m) = view(&e, &ok.params).screen else {
            panic!()
        };
        assert!(
            matches!(m.screen, MailScreen::Sent { attachment: Some(ref n), .. } if n == "chat.jpg")
        );
        // The scam in the inbox.
        let said = submit(&e, &pairs(&[("message", "1"), ("reponse", "vrai")]), None);
        let attempt = said.attempt.unwrap();
        assert!(!attempt.correct);
        assert_eq!(attempt.key, "photo:message-1");
        assert_eq!(
            describe(&e, &attempt.key, &attempt.outcome).1,
            "a répondu « vrai »"
        );
    }

    #[test]
    fn mouse_gestures_are_recorded_one_by_one() {
        let e = exercise(
            "exercice souris {#gestes}",
            "gestes = [\"double-clic\", \"taper\"]\nmot = \"Bonjour\"\n",
        );
        let missed = submit(
            &e,
            &pairs(&[("geste", "double-clic"), ("reussi", "0")]),
            None,
        );
        let a = missed.attempt.unwrap();
        assert_eq!((a.key.as_str(), a.correct), ("gestes:double-clic", false));
        assert_eq!(
            describe(&e, &a.key, &a.outcome),
            (
                "Exercice souris et clavier : le double-clic".into(),
                "raté".into()
            )
        );
        let typed = submit(
            &e,
            &pairs(&[
                ("geste", "taper"),
                ("mot", " bonjour "),
                ("fait", "double-clic"),
            ]),
            None,
        );
        assert!(typed.attempt.unwrap().correct);
        let ExerciseScreen::Mouse(m) = view(&e, &typed.params).screen else {
            panic!()
        };
        assert!(m.gestures.iter().all(|g| g.done));
        // A gesture the exercise does not ask for is ignored.
        assert_eq!(
            submit(&e, &pairs(&[("geste", "glisser")]), None).attempt,
            None
        );
    }
}
