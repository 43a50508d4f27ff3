//! `exercice courriel`: the pretend mailbox's screens, and what sending a message or
//! answering "vrai ou arnaque ?" about one leads to.

use super::params::{Attempt, Params, Submitted, Upload, get, p, text};
use super::store::Progress;
use crate::model::{
    ComposeView, ExerciseScreen, FakeAnswer, MailScreen, MailSummary, MailboxView, OpenMessage,
};
use crate::ssr::content::exercise::{Draft, FileKind, MailMistake, Mailbox, check_mail};

/// The messages read so far (`lus=1,3`), with `open` (the message being read), sorted.
fn read_messages(params: &Params, count: usize, open: Option<usize>) -> Vec<usize> {
    let mut read: Vec<usize> = get(params, "lus")
        .unwrap_or_default()
        .split(',')
        .filter_map(|n| n.parse().ok())
        .chain(open)
        .filter(|n| (1..=count).contains(n))
        .collect();
    read.sort_unstable();
    read.dedup();
    read
}

/// The mailbox as the step shows it.
pub(super) fn view(m: &Mailbox, params: &Params, kept: Option<&Progress>) -> ExerciseScreen {
    let vue = get(params, "vue").unwrap_or("boite");
    let open = vue
        .strip_prefix("message-")
        .and_then(|n| n.parse::<usize>().ok());
    let read = read_messages(params, m.messages.len(), open);
    let inbox = m
        .messages
        .iter()
        .enumerate()
        .map(|(i, msg)| MailSummary {
            number: i + 1,
            from: msg.de.clone(),
            subject: msg.objet.clone(),
            has_attachment: msg.piece_jointe.is_some(),
            unread: !read.contains(&(i + 1)),
        })
        .collect();
    let read = read
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let mut carry: Vec<(String, String)> = Vec::new();
    if !read.is_empty() {
        carry.push(p("lus", &read));
    }
    if let Some(key) = get(params, "etat").filter(|_| kept.is_some()) {
        carry.push(p("etat", key));
    }
    let carried = carry;
    let carry = serde_urlencoded::to_string(&carried).unwrap_or_default();
    let (to, subject, body) = kept
        .as_ref()
        .and_then(|k| k.draft.clone())
        .unwrap_or_default();
    let message = open.and_then(|n| Some((n, m.messages.get(n.checked_sub(1)?)?)));
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
            attached: kept
                .and_then(|k| k.file.as_ref())
                .map(|(name, _)| name.clone()),
            attach_again: get(params, "pj") == Some("1") && kept.is_none_or(|k| k.file.is_none()),
            accept: crate::ssr::content::exercise::accept(goal.piece_jointe).to_string(),
        })
    } else if vue == "envoye" && kept.is_some_and(|k| k.sent) {
        MailScreen::Sent {
            to,
            subject,
            attachment: kept.and_then(|k| k.sent_attachment.clone()),
        }
    } else if vue == "envoyes" {
        MailScreen::SentFolder(
            kept.filter(|k| k.sent)
                .map(|k| (to, subject, k.sent_attachment.clone())),
        )
    } else {
        MailScreen::Inbox
    };
    ExerciseScreen::Mailbox(MailboxView {
        instructions: m.consigne.clone(),
        can_write: m.but.is_some(),
        inbox,
        screen,
        carry,
        carried,
    })
}

/// A post on the mailbox: an answer about a message, or a message sent.
pub(super) fn submit(
    m: &Mailbox,
    fields: &Params,
    upload: Option<&Upload>,
    mut params: Vec<(String, String)>,
    (id, owner): (&str, Option<i32>),
    kept: Option<Progress>,
    keep: &dyn Fn(Progress) -> String,
) -> Submitted {
    let attempt = |outcome: &str, correct: bool| Attempt::of(id, outcome, correct);
    // The messages read so far travel on, from screen to screen.
    let read = read_messages(fields, m.messages.len(), None);
    if !read.is_empty() {
        let read: Vec<String> = read.iter().map(ToString::to_string).collect();
        params.push(p("lus", read.join(",")));
    }
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
    // A file chosen now replaces the one kept from an earlier attempt; without a new
    // one, the kept one goes with the message (unless the learner took it off).
    let earlier = kept
        .filter(|k| !k.sent)
        .and_then(|k| k.file)
        .filter(|_| get(fields, "retirer") != Some("1"));
    let draft = Draft {
        to: text(fields, "a"),
        subject: text(fields, "objet"),
        text: text(fields, "texte"),
        attachment: match upload {
            Some(u) if u.too_big => None,
            Some(u) => Some((u.name.clone(), u.kind.unwrap_or(FileKind::Fichier))),
            None => earlier,
        },
    };
    let mut mistakes = check_mail(goal, &draft);
    if upload.is_some_and(|u| u.too_big) {
        // Not "no attachment": the file was chosen, it is too heavy.
        mistakes.retain(|m| *m != MailMistake::NoAttachment);
        mistakes.push(MailMistake::TooBig);
    }
    // What was typed stays on the server: a message is nobody's business in the
    // browser's history (a shared PC) nor in the links of the page.
    // The file is kept by its name and kind (never its bytes), in the database with the
    // rest: an address typo does not throw it away.
    let mut kept = Progress {
        exercise: id.to_string(),
        owner,
        draft: Some((draft.to.clone(), draft.subject.clone(), draft.text.clone())),
        file: draft.attachment.clone(),
        ..Default::default()
    };
    if mistakes.is_empty() {
        kept.draft = Some((
            draft.to.trim().to_string(),
            draft.subject.trim().to_string(),
            String::new(),
        ));
        kept.sent_attachment = kept.file.take().map(|(name, _)| name);
        kept.sent = true;
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
        if upload.is_some_and(|u| u.too_big) {
            params.push(p("pj", "1"));
        }
        Submitted {
            params,
            attempt: attempt(&codes.join(","), false),
        }
    }
}
