//! Practice exercises: the screen a learner is on, checking what they did against the goal,
//! and recording each attempt like an answer to a check question.
//!
//! Every exercise works with full-page forms. Which screen is shown and what went wrong
//! travel in the step's URL; what must not be forged or must not land in the browser's
//! history stays on the server ([`Progress`], in the database for an hour, under a random
//! key, `etat=` in the URL, so that any instance of the server finds it; its learner's
//! only): being signed in to the pretend site, the screens passed, the values
//! typed, the file attached (its name and kind), the message being written. The final
//! check only counts what the server saw. Mouse gestures are judged by the browser (a
//! double-click or a drag cannot be seen otherwise): the server only counts a gesture
//! reported from a page it rendered ([`MouseView::token`]), and a keen learner could still
//! report a success by hand. An uploaded file is read in memory, its kind checked, then
//! dropped: it is never written to disk nor served to anyone.

use std::cell::RefCell;

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use serde::{Deserialize, Serialize};

use crate::model::{
    AttemptOutcome, ComposeView, ExerciseScreen, ExerciseView, FakeAnswer, FakeView, FormFieldView,
    FormScreen, FormView, GestureOutcome, GestureView, MailScreen, MailSummary, MailboxView,
    MouseView, OpenMessage, Practised, StepBlock,
};
use crate::paths::StepRef;
use crate::ssr::content::exercise::{
    Draft, Exercise, FieldKind, FieldMistake, FileKind, Form, Gesture, Kind, MAX_UPLOAD_MB,
    MailMistake, check_field_value, check_mail,
};
use crate::ssr::db::entities::answer;
use crate::ssr::db::now;
use crate::ssr::drafts::{Drafts, learner_owner};

/// The largest file a learner may attach in an exercise.
pub const MAX_UPLOAD_BYTES: usize = MAX_UPLOAD_MB * 1024 * 1024;

/// The largest exercise form the server reads to the end (a photo straight from a phone
/// can weigh 10 or 20 MB): a bigger file is read and dropped, then explained as too heavy,
/// instead of the connection being cut while the browser is still sending. Beyond this,
/// the server answers with a page saying the file is far too heavy.
pub const MAX_REQUEST_BYTES: usize = 40 * 1024 * 1024;

/// The most characters kept of a text typed in an exercise (a message's text, a form's
/// box); the rest is dropped, as it always was.
pub const MAX_FIELD_CHARS: usize = 4000;

/// The most bytes read of one text field of an exercise form (a character takes up to
/// four): the rest of a longer field is read and dropped as it comes, never held whole (a
/// 35 MiB field, 20 at once, held 877 MiB).
pub const MAX_FIELD_BYTES: usize = 4 * MAX_FIELD_CHARS;

/// The most text fields read of one exercise form (the longest has about ten); further
/// fields are read and dropped.
pub const MAX_FIELDS: usize = 64;

/// The outcome of a mouse gesture that could not be tried (no JavaScript): not a miss.
pub const NOT_TRIED: &str = "sans-js";

/// What the server saw of exercises, by the key `etat=` of the step's URL, for an hour.
const PROGRESS: Drafts<Progress> = Drafts::new("exercice");
/// The tokens of the mouse exercises rendered, with the exercise's id, for an hour.
const SHOWN: Drafts<String> = Drafts::new("geste");

/// What the server saw of one exercise: kept under the key `etat=` of the step's URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The exercise's id.
    pub exercise: String,
    /// The learner it belongs to (`None`: nobody signed in).
    pub owner: Option<i32>,
    /// The pretend site: signed in with the right identifier and password.
    pub signed_in: bool,
    /// The pretend site: how many screens were filled in without mistakes.
    pub passed: usize,
    /// The pretend site: values typed (`v.{name}`), as typed.
    pub values: Vec<(String, String)>,
    /// The file attached on the pretend site, as the server read it.
    pub file: Option<(String, FileKind)>,
    /// The mailbox: the message (to, subject, text), and the attachment's name once sent.
    pub draft: Option<(String, String, String)>,
    pub sent_attachment: Option<String>,
}

/// What the server kept under `etat` in `params` for this learner (`None`: nobody signed
/// in): what is kept of an exercise is shown to its owner only (an address in a shared
/// PC's history shows nothing to the next person).
pub async fn load(
    db: &impl ConnectionTrait,
    params: &Params,
    learner: Option<i32>,
) -> Result<Option<Progress>, DbErr> {
    match get(params, "etat") {
        Some(key) => PROGRESS.get_for(db, &learner_owner(learner), key).await,
        None => Ok(None),
    }
}

/// Gives each mouse exercise of a page its token, kept on the server: only a gesture
/// reported with it is counted.
pub async fn issue_tokens(
    db: &impl ConnectionTrait,
    blocks: &mut [StepBlock],
) -> Result<(), DbErr> {
    for block in blocks {
        if let StepBlock::Exercise(view) = block
            && let ExerciseScreen::Mouse(mouse) = &mut view.screen
        {
            // Best effort: when the database cannot be written (a full disk), the step is
            // still shown; a gesture made on it is then not counted.
            match SHOWN.keep(db, &view.id).await {
                Ok(token) => mouse.token = token,
                Err(e) => tracing::warn!(error = %e, "cannot keep a mouse exercise's token"),
            }
        }
    }
    Ok(())
}

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
    /// Over [`MAX_UPLOAD_BYTES`]: refused whatever its kind.
    pub too_big: bool,
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
/// this exercise only if `ex` is its id), `kept` what the server kept under their `etat`
/// for the learner looking ([`load`]). A mouse exercise's token is left empty, for
/// [`issue_tokens`].
pub fn view(exercise: &Exercise, params: &Params, kept: Option<&Progress>) -> ExerciseView {
    let empty = Vec::new();
    let params = if get(params, "ex") == Some(exercise.id.as_str()) {
        params
    } else {
        &empty[..]
    };
    let kept = kept.filter(|k| k.exercise == exercise.id && get(params, "etat").is_some());
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
            let (to, subject, body) = kept
                .as_ref()
                .and_then(|k| k.draft.clone())
                .unwrap_or_default();
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
                    to,
                    subject,
                    text: body,
                    hints: get(params, "conseil")
                        .unwrap_or_default()
                        .split(',')
                        .filter_map(MailMistake::from_code)
                        .collect(),
                    expected_to: goal.a.clone(),
                    attachment: goal.piece_jointe,
                    attach_again: get(params, "pj") == Some("1"),
                    accept: crate::ssr::content::exercise::accept(goal.piece_jointe).to_string(),
                })
            } else if vue == "envoye" {
                MailScreen::Sent {
                    to,
                    subject,
                    attachment: kept.and_then(|k| k.sent_attachment.clone()),
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
            screen: form_screen(f, params, kept),
        }),
        Kind::Fake(f) => ExerciseScreen::Fake(FakeView {
            question: f
                .consigne
                .clone()
                .unwrap_or_else(|| crate::text::FAKE_QUESTION.into()),
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
                (Some(_), Some("perime")) => Some(GestureOutcome::Stale),
                (Some(_), Some("sans-js")) => Some(GestureOutcome::NeedsJavaScript),
                (Some(code), Some(ok)) => {
                    Gesture::from_code(code).map(|gesture| GestureOutcome::Tried {
                        gesture,
                        ok: ok == "1",
                    })
                }
                _ => None,
            };
            ExerciseScreen::Mouse(MouseView {
                token: String::new(),
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

fn form_screen(f: &Form, params: &Params, kept: Option<&Progress>) -> FormScreen {
    let kept = kept.filter(|k| k.signed_in);
    let sign_in = |sign_in_first: bool| FormScreen::SignIn {
        identifier: text(params, "identifiant"),
        error: get(params, "erreur") == Some("connexion"),
        sign_in_first,
    };
    let Some(kept) = kept else {
        return match get(params, "ecran") {
            None | Some("connexion") => sign_in(get(params, "connecter") == Some("1")),
            Some(_) => sign_in(true),
        };
    };
    // Only the key travels in the page: the values stay on the server.
    let carried = vec![p("etat", get(params, "etat").unwrap_or_default())];
    let value = |name: &str| {
        let key = format!("v.{name}");
        get(&kept.values, &key).unwrap_or_default().to_string()
    };
    let file_name = kept
        .file
        .as_ref()
        .map(|(n, _)| n.clone())
        .unwrap_or_default();
    match get(params, "ecran").unwrap_or("connexion") {
        "fini" => FormScreen::Done,
        "confirmer" if kept.passed >= f.etapes.len() => FormScreen::Confirm {
            rows: f
                .etapes
                .iter()
                .flat_map(|s| &s.champs)
                .map(|field| {
                    let shown = if field.kind == FieldKind::Fichier {
                        file_name.clone()
                    } else {
                        value(&field.nom)
                    };
                    (field.libelle.clone(), shown)
                })
                .collect(),
            carried,
        },
        n => match n.parse::<usize>() {
            Ok(n) if (1..=f.etapes.len()).contains(&n) && n <= kept.passed + 1 => {
                let step = &f.etapes[n - 1];
                let error = get(params, "erreur").and_then(|e| e.split_once(':'));
                let fields = step
                    .champs
                    .iter()
                    .map(|field| FormFieldView {
                        name: field.nom.clone(),
                        label: field.libelle.clone(),
                        kind: field.kind,
                        choices: field.choix.clone(),
                        value: if field.kind == FieldKind::Fichier {
                            file_name.clone()
                        } else {
                            value(&field.nom)
                        },
                        required: field.obligatoire,
                        error: error
                            .filter(|(name, _)| *name == field.nom)
                            .and_then(|(_, code)| FieldMistake::from_code(code)),
                        help: field.aide.clone(),
                    })
                    .collect();
                FormScreen::Step {
                    number: n,
                    count: f.etapes.len(),
                    title: step.titre.clone(),
                    text: step.texte.clone(),
                    fields,
                    carried,
                }
            }
            _ => sign_in(false),
        },
    }
}

/// A learner's action on an exercise (a form post): checks it against the goal, with what
/// the server kept of it, and keeps what it saw. `owner` is the signed-in learner: what
/// the server keeps of the exercise is theirs only.
pub async fn submit(
    db: &impl ConnectionTrait,
    exercise: &Exercise,
    fields: &Params,
    upload: Option<&Upload>,
    owner: Option<i32>,
) -> Result<Submitted, DbErr> {
    let kept = load(db, fields, owner)
        .await?
        .filter(|k| k.exercise == exercise.id);
    let shown = match (&exercise.kind, get(fields, "jeton")) {
        (Kind::Mouse(_), Some(token)) => SHOWN.get(db, token).await?.as_ref() == Some(&exercise.id),
        _ => false,
    };
    let (submitted, keep) = decide(exercise, fields, upload, owner, kept, shown);
    if let Some((key, progress)) = keep {
        PROGRESS
            .keep_under(db, &key, &learner_owner(owner), &progress)
            .await?;
    }
    Ok(submitted)
}

/// What the server keeps after an action: under this key (`etat=` of the next address).
type Keep = Option<(String, Progress)>;

/// [`submit`] without the database: `kept` is what the server kept of this exercise for
/// this learner, `shown` whether the mouse exercise's token is one the server issued.
/// Also says what to keep, and under which key.
fn decide(
    exercise: &Exercise,
    fields: &Params,
    upload: Option<&Upload>,
    owner: Option<i32>,
    kept: Option<Progress>,
    shown: bool,
) -> (Submitted, Keep) {
    let to_keep: RefCell<Keep> = RefCell::new(None);
    let keep = |progress: Progress| {
        let key = Drafts::<Progress>::new_key();
        *to_keep.borrow_mut() = Some((key.clone(), progress));
        key
    };
    let submitted = decide_with(exercise, fields, upload, owner, kept, shown, &keep);
    (submitted, to_keep.into_inner())
}

fn decide_with(
    exercise: &Exercise,
    fields: &Params,
    upload: Option<&Upload>,
    owner: Option<i32>,
    kept: Option<Progress>,
    shown: bool,
    keep: &dyn Fn(Progress) -> String,
) -> Submitted {
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
                attachment: upload
                    .filter(|u| !u.too_big)
                    .map(|u| (u.name.clone(), u.kind.unwrap_or(FileKind::Fichier))),
            };
            let mut mistakes = check_mail(goal, &draft);
            if upload.is_some_and(|u| u.too_big) {
                // Not "no attachment": the file was chosen, it is too heavy.
                mistakes.retain(|m| *m != MailMistake::NoAttachment);
                mistakes.push(MailMistake::TooBig);
            }
            // What was typed stays on the server: a message is nobody's business in the
            // browser's history (a shared PC) nor in the links of the page.
            let mut kept = Progress {
                exercise: id.clone(),
                owner,
                draft: Some((draft.to.clone(), draft.subject.clone(), draft.text.clone())),
                ..Default::default()
            };
            if mistakes.is_empty() {
                kept.draft = Some((
                    draft.to.trim().to_string(),
                    draft.subject.trim().to_string(),
                    String::new(),
                ));
                kept.sent_attachment = upload.map(|u| u.name.clone());
                params.push(p("vue", "envoye"));
                params.push(p("etat", keep(kept)));
                Submitted {
                    params,
                    attempt: attempt("envoye", true),
                }
            } else {
                let codes: Vec<&str> = mistakes.iter().map(|m| m.code()).collect();
                params.push(p("vue", "ecrire"));
                params.push(p("etat", keep(kept)));
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
        Kind::Form(f) => submit_form(f, fields, upload, params, (&id, owner), kept, keep),
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
            // Only a gesture tried on a page the server rendered counts.
            if !shown {
                params.push(p("fait", done.join(",")));
                params.push(p("essai", gesture.code()));
                params.push(p("reussi", "perime"));
                return Submitted {
                    params,
                    attempt: None,
                };
            }
            // Without JavaScript a double-click or a drag cannot be seen: "not tried", which
            // is no miss (the volunteer sees it as such).
            if matches!(gesture, Gesture::DoubleClic | Gesture::Glisser)
                && get(fields, "sans-js") == Some("1")
            {
                params.push(p("fait", done.join(",")));
                params.push(p("essai", gesture.code()));
                params.push(p("reussi", "sans-js"));
                return Submitted {
                    params,
                    attempt: Some(Attempt {
                        key: format!("{id}:{}", gesture.code()),
                        outcome: NOT_TRIED.into(),
                        correct: false,
                    }),
                };
            }
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
    (id, owner): (&str, Option<i32>),
    kept: Option<Progress>,
    keep: &dyn Fn(Progress) -> String,
) -> Submitted {
    let attempt = |outcome: String, correct: bool| {
        Some(Attempt {
            key: id.to_string(),
            outcome,
            correct,
        })
    };
    let screen = get(fields, "ecran").unwrap_or("connexion");
    if screen == "connexion" {
        let identifier = text(fields, "identifiant");
        let right =
            identifier.trim() == f.identifiant && text(fields, "mot-de-passe") == f.mot_de_passe;
        return if right {
            let kept = Progress {
                exercise: id.to_string(),
                owner,
                signed_in: true,
                ..Default::default()
            };
            params.push(p("ecran", "1"));
            params.push(p("etat", keep(kept)));
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
        };
    }
    // Any later screen: only with what the server saw (signed in, screens passed).
    let Some(mut kept) = kept.filter(|k| k.signed_in) else {
        params.push(p("ecran", "connexion"));
        params.push(p("connecter", "1"));
        return Submitted {
            params,
            attempt: None,
        };
    };
    let value_of = |kept: &Progress, name: &str| {
        get(&kept.values, &format!("v.{name}"))
            .unwrap_or_default()
            .to_string()
    };
    if screen == "confirmer" {
        if kept.passed < f.etapes.len() {
            params.push(p("ecran", (kept.passed + 1).to_string()));
            params.push(p("etat", keep(kept)));
            return Submitted {
                params,
                attempt: None,
            };
        }
        // Every field checked again, with the values the server kept.
        for (n, step) in f.etapes.iter().enumerate() {
            for field in &step.champs {
                let (value, file) = if field.kind == FieldKind::Fichier {
                    let file = kept.file.clone();
                    (
                        file.as_ref().map(|(n, _)| n.clone()).unwrap_or_default(),
                        file.map(|(_, k)| k),
                    )
                } else {
                    (value_of(&kept, &field.nom), None)
                };
                if let Some(mistake) = check_field_value(field, &value, file) {
                    kept.passed = n;
                    params.push(p("ecran", (n + 1).to_string()));
                    params.push(p("erreur", format!("{}:{}", field.nom, mistake.code())));
                    params.push(p("etat", keep(kept)));
                    return Submitted {
                        params,
                        attempt: None,
                    };
                }
            }
        }
        params.push(p("ecran", "fini"));
        params.push(p("etat", keep(kept)));
        return Submitted {
            params,
            attempt: attempt("envoye".into(), true),
        };
    }
    let Some(n) = screen
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=f.etapes.len()).contains(n))
    else {
        params.push(p("ecran", "connexion"));
        return Submitted {
            params,
            attempt: None,
        };
    };
    if n > kept.passed + 1 {
        // A screen further than the ones filled in: back to the first one left.
        params.push(p("ecran", (kept.passed + 1).to_string()));
        params.push(p("etat", keep(kept)));
        return Submitted {
            params,
            attempt: None,
        };
    }
    let step = &f.etapes[n - 1];
    let mut error = None;
    for field in &step.champs {
        let key = format!("v.{}", field.nom);
        let mistake = if field.kind == FieldKind::Fichier {
            match upload {
                Some(u) if u.too_big => Some(FieldMistake::TooBig),
                Some(u) => {
                    let kind = u.kind.unwrap_or(FileKind::Fichier);
                    let mistake = check_field_value(field, &u.name, Some(kind));
                    // A refused file is not kept; an accepted one replaces the earlier one.
                    kept.file = match mistake {
                        None => Some((u.name.clone(), kind)),
                        Some(_) => None,
                    };
                    mistake
                }
                // A file accepted on an earlier try is kept (by name and kind, never bytes).
                None => check_field_value(field, "", kept.file.as_ref().map(|(_, k)| *k)),
            }
        } else {
            let value = text(fields, &key);
            kept.values.retain(|(k, _)| *k != key);
            if !value.is_empty() {
                kept.values.push((key, value.clone()));
            }
            check_field_value(field, &value, None)
        };
        if error.is_none()
            && let Some(m) = mistake
        {
            error = Some(format!("{}:{}", field.nom, m.code()));
        }
    }
    match error {
        Some(e) => {
            kept.passed = kept.passed.min(n - 1);
            params.push(p("ecran", n.to_string()));
            params.push(p("erreur", e.clone()));
            params.push(p("etat", keep(kept)));
            Submitted {
                params,
                attempt: attempt(e, false),
            }
        }
        None => {
            kept.passed = kept.passed.max(n);
            let next = if n == f.etapes.len() {
                "confirmer".to_string()
            } else {
                (n + 1).to_string()
            };
            params.push(p("ecran", next));
            params.push(p("etat", keep(kept)));
            Submitted {
                params,
                attempt: None,
            }
        }
    }
}

/// Records one attempt of a signed-in learner.
pub async fn record(
    db: &impl ConnectionTrait,
    learner_id: i32,
    place: &StepRef,
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

/// A recorded attempt, for volunteers: what was practised, and what happened (the text
/// module words them: [`crate::text::exercises::practised`], [`crate::text::exercises::attempt`]).
pub fn describe(exercise: &Exercise, key: &str, outcome: &str) -> (Practised, AttemptOutcome) {
    let what = match &exercise.kind {
        Kind::Mailbox(m) => match key.split_once(":message-") {
            Some((_, n)) => Practised::MailboxMessage {
                subject: n
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| m.messages.get(n.wrapping_sub(1)))
                    .map(|msg| msg.objet.clone()),
            },
            None => Practised::Mailbox {
                instructions: m.consigne.clone(),
            },
        },
        Kind::Form(f) => Practised::Form {
            service: f.service.clone(),
            instructions: f.consigne.clone(),
        },
        Kind::Fake(f) => Practised::Fake {
            what: f.objet.clone().or_else(|| f.adresse.clone()),
        },
        Kind::Mouse(_) => Practised::Mouse {
            gesture: key
                .rsplit_once(':')
                .and_then(|(_, g)| Gesture::from_code(g)),
        },
    };
    let how = match &exercise.kind {
        Kind::Mailbox(_) | Kind::Fake(_) if outcome == "vrai" => AttemptOutcome::SaidReal,
        Kind::Mailbox(_) | Kind::Fake(_) if outcome == "arnaque" => AttemptOutcome::SaidScam,
        Kind::Mailbox(_) if outcome == "envoye" => AttemptOutcome::MailSent,
        Kind::Mailbox(_) => {
            AttemptOutcome::MailMistakes(outcome.split(',').map(MailMistake::from_code).collect())
        }
        Kind::Form(_) if outcome == "envoye" => AttemptOutcome::FormSent,
        Kind::Form(_) if outcome == "connexion" => AttemptOutcome::FormSignInWrong,
        Kind::Form(f) => match outcome.split_once(':') {
            Some((name, code)) => AttemptOutcome::FormField {
                label: f
                    .etapes
                    .iter()
                    .flat_map(|s| &s.champs)
                    .find(|c| c.nom == name)
                    .map_or(name, |c| c.libelle.as_str())
                    .to_string(),
                mistake: FieldMistake::from_code(code),
            },
            None => AttemptOutcome::Other(outcome.to_string()),
        },
        Kind::Mouse(_) if outcome == "reussi" => AttemptOutcome::GestureDone,
        Kind::Mouse(_) if outcome == NOT_TRIED => AttemptOutcome::GestureNotTried,
        Kind::Mouse(_) => AttemptOutcome::GestureMissed,
        Kind::Fake(_) => AttemptOutcome::Other(outcome.to_string()),
    };
    (what, how)
}

/// [`describe`], in words.
pub fn describe_in_words(exercise: &Exercise, key: &str, outcome: &str) -> (String, String) {
    let (what, how) = describe(exercise, key, outcome);
    (
        crate::text::exercises::practised(&what),
        crate::text::exercises::attempt(&how),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::content::exercise;
    use std::collections::HashMap;

    /// What [`submit`], [`load`] and [`issue_tokens`] keep in the database, in memory.
    #[derive(Default)]
    struct Memory {
        progress: RefCell<HashMap<String, (Option<i32>, Progress)>>,
        shown: RefCell<HashMap<String, String>>,
    }

    impl Memory {
        fn kept(&self, e: &Exercise, params: &Params, owner: Option<i32>) -> Option<Progress> {
            let key = get(params, "etat")?;
            let progress = self.progress.borrow();
            let (o, p) = progress.get(key)?;
            (*o == owner && p.exercise == e.id).then(|| p.clone())
        }

        fn submit(
            &self,
            e: &Exercise,
            fields: &Params,
            upload: Option<&Upload>,
            owner: Option<i32>,
        ) -> Submitted {
            let kept = self.kept(e, fields, owner);
            let shown =
                get(fields, "jeton").is_some_and(|t| self.shown.borrow().get(t) == Some(&e.id));
            let (submitted, keep) = decide(e, fields, upload, owner, kept, shown);
            if let Some((key, progress)) = keep {
                self.progress.borrow_mut().insert(key, (owner, progress));
            }
            submitted
        }

        fn view(&self, e: &Exercise, params: &Params) -> ExerciseView {
            let kept = self.kept(e, params, None);
            let mut view = view(e, params, kept.as_ref());
            if let ExerciseScreen::Mouse(m) = &mut view.screen {
                m.token = Drafts::<String>::new_key();
                self.shown
                    .borrow_mut()
                    .insert(m.token.clone(), e.id.clone());
            }
            view
        }
    }

    fn exercise(info: &str, body: &str) -> Exercise {
        let (e, problems) = exercise::parse(info, body);
        e.unwrap_or_else(|| panic!("{problems:?}"))
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| p(a, *b)).collect()
    }

    const FORM: &str = "service = \"Mon compte santé\"\nconsigne = \"Demandez le remboursement.\"\nidentifiant = \"jeanne\"\nmot_de_passe = \"Soleil\"\n[[etapes]]\ntitre = \"Le montant\"\n[[etapes.champs]]\nnom = \"montant\"\nlibelle = \"Montant\"\ntype = \"montant\"\nattendu = \"25\"\n[[etapes]]\ntitre = \"Le justificatif\"\n[[etapes.champs]]\nnom = \"scan\"\nlibelle = \"Justificatif\"\ntype = \"fichier\"\n";

    /// The fields of the next post: `extra`, with the key of what the server kept.
    fn next(after: &Submitted, extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut fields = pairs(extra);
        if let Some(key) = get(&after.params, "etat") {
            fields.push(p("etat", key));
        }
        fields
    }

    #[test]
    fn a_form_goes_from_sign_in_to_done_with_its_mistakes_on_the_way() {
        let mem = Memory::default();
        let e = exercise("exercice formulaire {#rembourser}", FORM);
        let wrong = mem.submit(
            &e,
            &pairs(&[
                ("ecran", "connexion"),
                ("identifiant", "jeanne"),
                ("mot-de-passe", "x"),
            ]),
            None,
            None,
        );
        assert!(!wrong.attempt.unwrap().correct);
        assert!(matches!(
            form_screen_of(&mem, &e, &wrong.params),
            FormScreen::SignIn { error: true, .. }
        ));
        let signed = mem.submit(
            &e,
            &pairs(&[
                ("ecran", "connexion"),
                ("identifiant", " jeanne "),
                ("mot-de-passe", "Soleil"),
            ]),
            None,
            None,
        );
        assert_eq!(get(&signed.params, "ecran"), Some("1"));
        // A badly written amount: the real site's message, then in simple words.
        let bad = mem.submit(
            &e,
            &next(&signed, &[("ecran", "1"), ("v.montant", "25 €")]),
            None,
            None,
        );
        assert_eq!(bad.attempt.as_ref().unwrap().outcome, "montant:format");
        let FormScreen::Step { fields, .. } = form_screen_of(&mem, &e, &bad.params) else {
            panic!()
        };
        assert_eq!(fields[0].value, "25 €");
        let said = crate::text::exercises::field_messages(
            fields[0].error.unwrap(),
            fields[0].kind,
            fields[0].help.as_deref(),
        );
        assert!(said.1.contains("25,50"));
        let good = mem.submit(
            &e,
            &next(&bad, &[("ecran", "1"), ("v.montant", "25,00")]),
            None,
            None,
        );
        assert_eq!(good.attempt, None);
        assert_eq!(get(&good.params, "ecran"), Some("2"));
        // No scan attached: refused; a program: refused; a PDF: accepted.
        let step2 = next(&good, &[("ecran", "2")]);
        let none = mem.submit(&e, &step2, None, None);
        assert_eq!(none.attempt.unwrap().outcome, "scan:vide");
        let program = Upload {
            name: "virus.exe".into(),
            kind: None,
            too_big: false,
        };
        assert_eq!(
            mem.submit(&e, &step2, Some(&program), None)
                .attempt
                .unwrap()
                .outcome,
            "scan:fichier"
        );
        let pdf = Upload {
            name: "facture.pdf".into(),
            kind: Some(FileKind::Document),
            too_big: false,
        };
        let attached = mem.submit(&e, &step2, Some(&pdf), None);
        assert_eq!(get(&attached.params, "ecran"), Some("confirmer"));
        let FormScreen::Confirm { rows, .. } = form_screen_of(&mem, &e, &attached.params) else {
            panic!()
        };
        assert_eq!(rows[0], ("Montant".into(), "25,00".into()));
        assert_eq!(rows[1], ("Justificatif".into(), "facture.pdf".into()));
        // Values sent with the confirmation are not looked at: the server's count.
        let done = mem.submit(
            &e,
            &next(&attached, &[("ecran", "confirmer"), ("v.montant", "999")]),
            None,
            None,
        );
        assert_eq!(get(&done.params, "ecran"), Some("fini"));
        assert!(done.attempt.unwrap().correct);
        // Without signing in, or skipping a screen: no success.
        let forged = mem.submit(
            &e,
            &pairs(&[("ecran", "confirmer"), ("v.montant", "25")]),
            None,
            None,
        );
        assert_eq!(
            (get(&forged.params, "ecran"), forged.attempt),
            (Some("connexion"), None)
        );
        let skipped = mem.submit(&e, &next(&signed, &[("ecran", "confirmer")]), None, None);
        assert_eq!(
            (get(&skipped.params, "ecran"), skipped.attempt),
            (Some("1"), None)
        );
        // Another learner's progress is not theirs.
        let theirs = mem.submit(
            &e,
            &next(&attached, &[("ecran", "confirmer")]),
            None,
            Some(7),
        );
        assert_eq!(theirs.attempt, None);
    }

    fn form_screen_of(mem: &Memory, e: &Exercise, params: &[(String, String)]) -> FormScreen {
        match mem.view(e, params).screen {
            ExerciseScreen::Form(f) => f.screen,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_mailbox_keeps_what_was_typed_and_explains_each_mistake() {
        let mem = Memory::default();
        let e = exercise(
            "exercice courriel {#photo}",
            "consigne = \"Envoyez une photo.\"\n[but]\na = \"marie@exemple.fr\"\npiece_jointe = \"image\"\n[[messages]]\nde = \"Banque\"\nadresse = \"x@banque-secure.top\"\nobjet = \"Compte bloqué\"\ntexte = \"Cliquez vite.\"\narnaque = true\nindices = [\"L'adresse est bizarre.\"]\n",
        );
        let sent = mem.submit(
            &e,
            &pairs(&[
                ("a", "marie@exemple.fr"),
                ("objet", ""),
                ("texte", "Coucou"),
            ]),
            None,
            None,
        );
        // What was typed is not in the URL.
        assert_eq!(get(&sent.params, "texte"), None);
        let attempt = sent.attempt.unwrap();
        assert_eq!(attempt.outcome, "sans-objet,sans-piece-jointe");
        let ExerciseScreen::Mailbox(m) = mem.view(&e, &sent.params).screen else {
            panic!()
        };
        let MailScreen::Compose(c) = m.screen else {
            panic!()
        };
        assert_eq!(c.to, "marie@exemple.fr");
        assert_eq!(c.text, "Coucou");
        assert_eq!(c.hints.len(), 2);
        let hint = crate::text::exercises::mail_hint(c.hints[1], &c.expected_to, c.attachment);
        assert!(hint.contains("Joindre un fichier"));
        let photo = Upload {
            name: "chat.jpg".into(),
            kind: Some(FileKind::Image),
            too_big: false,
        };
        let ok = mem.submit(
            &e,
            &pairs(&[("a", "marie@exemple.fr"), ("objet", "Photo")]),
            Some(&photo),
            None,
        );
        assert!(ok.attempt.unwrap().correct);
        let ExerciseScreen::Mailbox(m) = mem.view(&e, &ok.params).screen else {
            panic!()
        };
        assert!(
            matches!(m.screen, MailScreen::Sent { attachment: Some(ref n), .. } if n == "chat.jpg")
        );
        // The scam in the inbox.
        let said = mem.submit(
            &e,
            &pairs(&[("message", "1"), ("reponse", "vrai")]),
            None,
            None,
        );
        let attempt = said.attempt.unwrap();
        assert!(!attempt.correct);
        assert_eq!(attempt.key, "photo:message-1");
        assert_eq!(
            describe_in_words(&e, &attempt.key, &attempt.outcome).1,
            "a répondu « vrai »"
        );
    }

    #[test]
    fn mouse_gestures_are_recorded_one_by_one() {
        let mem = Memory::default();
        let e = exercise(
            "exercice souris {#gestes}",
            "gestes = [\"double-clic\", \"taper\"]\nmot = \"Bonjour\"\n",
        );
        let ExerciseScreen::Mouse(shown) = mem.view(&e, &[]).screen else {
            panic!()
        };
        let token = shown.token.as_str();
        let missed = mem.submit(
            &e,
            &pairs(&[("geste", "double-clic"), ("reussi", "0"), ("jeton", token)]),
            None,
            None,
        );
        let a = missed.attempt.unwrap();
        assert_eq!((a.key.as_str(), a.correct), ("gestes:double-clic", false));
        assert_eq!(
            describe_in_words(&e, &a.key, &a.outcome),
            (
                "Exercice souris et clavier : le double-clic".into(),
                "raté".into()
            )
        );
        let typed = mem.submit(
            &e,
            &pairs(&[
                ("geste", "taper"),
                ("mot", " bonjour "),
                ("fait", "double-clic"),
                ("jeton", token),
            ]),
            None,
            None,
        );
        assert!(typed.attempt.unwrap().correct);
        let ExerciseScreen::Mouse(m) = mem.view(&e, &typed.params).screen else {
            panic!()
        };
        assert!(m.gestures.iter().all(|g| g.done));
        // A gesture the exercise does not ask for is ignored.
        assert_eq!(
            mem.submit(
                &e,
                &pairs(&[("geste", "glisser"), ("jeton", token)]),
                None,
                None
            )
            .attempt,
            None
        );
        // A success reported from a page the server never rendered is not counted.
        for forged in ["", "invente"] {
            let said = mem.submit(
                &e,
                &pairs(&[("geste", "double-clic"), ("reussi", "1"), ("jeton", forged)]),
                None,
                None,
            );
            assert_eq!(said.attempt, None);
            assert_eq!(get(&said.params, "reussi"), Some("perime"));
        }
    }
}
