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

mod fake;
mod form;
mod mailbox;
mod mouse;
mod params;
mod store;

use std::cell::RefCell;

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

pub use mouse::NOT_TRIED;
pub use params::{Attempt, Params, Submitted, Upload};
use params::{get, p};
use store::{Keep, PROGRESS, SHOWN};
pub use store::{Progress, issue_tokens, load};

use crate::model::{AttemptOutcome, ExerciseView, Practised};
use crate::paths::StepRef;
use crate::ssr::content::exercise::{
    Exercise, FieldMistake, Gesture, Kind, MAX_UPLOAD_MB, MailMistake,
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
        Kind::Mailbox(m) => mailbox::view(m, params, kept),
        Kind::Form(f) => form::view(f, params, kept),
        Kind::Fake(f) => fake::view(f, params),
        Kind::Mouse(m) => mouse::view(m, params),
    };
    ExerciseView {
        id: exercise.id.clone(),
        screen,
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
    let params = vec![p("ex", &id)];
    match &exercise.kind {
        Kind::Mailbox(m) => mailbox::submit(m, fields, upload, params, (&id, owner), kept, keep),
        Kind::Form(f) => form::submit(f, fields, upload, params, (&id, owner), kept, keep),
        Kind::Fake(f) => fake::submit(f, fields, params, &id),
        Kind::Mouse(m) => mouse::submit(m, fields, params, &id, shown),
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
    use crate::model::{ExerciseScreen, FileKind, FormScreen, MailScreen};
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

    /// Issue 19: a form without `identifiant` (creating an account) has no sign-in page: it
    /// opens at its first screen, keeps what was typed and ends with the summary.
    #[test]
    fn a_form_without_sign_in_starts_at_its_first_screen() {
        let mem = Memory::default();
        let body = "service = \"Courriel Facile (exercice)\"\nconsigne = \"Créez votre adresse.\"\n[[etapes]]\ntitre = \"Votre adresse\"\n[[etapes.champs]]\nnom = \"adresse\"\nlibelle = \"Adresse\"\nattendu = \"jeanne.martin\"\n";
        let e = exercise("exercice formulaire {#creer}", body);
        assert!(matches!(
            form_screen_of(&mem, &e, &[]),
            FormScreen::Step { number: 1, .. }
        ));
        // A sign-in screen asked for by hand still shows the first screen.
        assert!(matches!(
            form_screen_of(&mem, &e, &pairs(&[("ecran", "connexion")])),
            FormScreen::Step { number: 1, .. }
        ));
        // The end cannot be reached by its address.
        assert!(matches!(
            form_screen_of(&mem, &e, &pairs(&[("ecran", "fini")])),
            FormScreen::Step { number: 1, .. }
        ));
        let typo = mem.submit(
            &e,
            &pairs(&[("ecran", "1"), ("v.adresse", "jeane.martin")]),
            None,
            None,
        );
        assert_eq!(typo.attempt.as_ref().unwrap().outcome, "adresse:valeur");
        let FormScreen::Step { fields, .. } = form_screen_of(&mem, &e, &typo.params) else {
            panic!()
        };
        assert_eq!(fields[0].value, "jeane.martin");
        let good = mem.submit(
            &e,
            &next(&typo, &[("ecran", "1"), ("v.adresse", "Jeanne.Martin")]),
            None,
            None,
        );
        assert_eq!(get(&good.params, "ecran"), Some("confirmer"));
        let done = mem.submit(&e, &next(&good, &[("ecran", "confirmer")]), None, None);
        assert_eq!(get(&done.params, "ecran"), Some("fini"));
        assert!(done.attempt.unwrap().correct);
        // Confirming without the screens filled in: back to the first one, nothing counted.
        let forged = mem.submit(&e, &pairs(&[("ecran", "confirmer")]), None, None);
        assert_eq!(
            (get(&forged.params, "ecran"), forged.attempt),
            (Some("1"), None)
        );
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
