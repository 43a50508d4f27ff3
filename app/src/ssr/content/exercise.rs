//! Practice exercises, written by trainers in a fenced block whose first word is
//! `exercice`, then the kind, then an optional `{#identifiant}`; the body is TOML:
//!
//! ````text
//! ```exercice courriel {#envoyer-une-photo}
//! consigne = "Envoyez une photo à Marie. Écrivez un objet."
//! [but]
//! a = "marie.dupont@exemple.fr"
//! piece_jointe = "image"
//! ```
//! ````
//!
//! Kinds: `courriel` (a pretend mailbox), `formulaire` (a pretend public-service site),
//! `arnaque` (vrai ou arnaque ?), `souris` (mouse and keyboard gestures). The goal of each
//! exercise is checked on the server by the functions of this module.

mod common;
mod fake;
mod form;
mod kind;
mod mailbox;
mod mouse;
mod parse;
mod upload;

pub use crate::model::{FieldKind, FieldMistake, FileKind, Gesture, MAX_UPLOAD_MB, MailMistake};
pub use common::ExerciseProblem;
pub use fake::Fake;
pub use form::{Field, Form, FormStep, check_field_value, parse_amount, parse_date};
pub use kind::{Exercise, Kind};
pub use mailbox::{Attachment, Draft, MailGoal, Mailbox, Message, check_mail, looks_like_address};
pub use mouse::Mouse;
pub use parse::{is_exercise_info, parse};
pub use upload::{accept, sniff};

#[cfg(test)]
mod tests {
    use super::*;

    fn mailbox(body: &str) -> Mailbox {
        match parse("exercice courriel {#envoi}", body).0.unwrap().kind {
            Kind::Mailbox(m) => m,
            other => panic!("{other:?}"),
        }
    }

    const MAIL: &str = "consigne = \"Envoyez une photo à Marie.\"\n[but]\na = \"marie.dupont@exemple.fr\"\npiece_jointe = \"image\"\n";

    #[test]
    fn a_mailbox_block_is_parsed_with_its_defaults() {
        let m = mailbox(MAIL);
        let goal = m.but.unwrap();
        assert!(goal.objet && !goal.message);
        assert_eq!(goal.piece_jointe, Some(FileKind::Image));
        let (e, _) = parse("exercice courriel", MAIL);
        assert_eq!(e.unwrap().id, "courriel");
    }

    #[test]
    fn unknown_keys_kinds_and_bad_toml_are_errors_with_their_line() {
        let (e, p) = parse(
            "exercice courriel",
            "consigne = \"x\"\ncouleur = \"rouge\"\n",
        );
        assert!(e.is_none());
        assert_eq!(p[0].0, Some(1), "{p:?}");
        assert!(p[0].2.contains("couleur"), "{p:?}");
        let (e, p) = parse("exercice jeu", "");
        assert!(e.is_none() && p[0].2.contains("genre d'exercice inconnu"));
        let (_, p) = parse("exercice", "");
        assert!(p[0].2.contains("écrivez le genre"));
        let (e, p) = parse("exercice arnaque", "arnaque = true\nindices = []\n");
        assert!(e.is_none());
        assert!(p.iter().any(|x| x.2.contains("montrez un message")));
        assert!(p.iter().any(|x| x.2.contains("au moins un indice")));
        let (e, p) = parse(
            "exercice courriel",
            "consigne = \"x\"\n[but]\na = \"marie.exemple.fr\"\n",
        );
        assert!(
            e.is_none() && p[0].2.contains("n'est pas une adresse"),
            "{p:?}"
        );
    }

    #[test]
    fn each_mail_mistake_is_found_in_order() {
        let goal = mailbox(MAIL).but.unwrap();
        let photo = Some(("chat.jpg".to_string(), FileKind::Image));
        let right = Draft {
            to: " Marie.Dupont@exemple.fr ".into(),
            subject: "Une photo".into(),
            text: String::new(),
            attachment: photo.clone(),
        };
        assert_eq!(check_mail(&goal, &right), []);
        let with = |f: &dyn Fn(&mut Draft)| {
            let mut d = right.clone();
            f(&mut d);
            check_mail(&goal, &d)
        };
        use MailMistake::*;
        assert_eq!(with(&|d| d.to.clear()), [NoRecipient]);
        assert_eq!(with(&|d| d.to = "marie.dupont.exemple.fr".into()), [NoAt]);
        assert_eq!(
            with(&|d| d.to = "marie dupont@exemple.fr".into()),
            [BadAddress]
        );
        assert_eq!(
            with(&|d| d.to = "marie.dupond@exemple.fr".into()),
            [WrongRecipient]
        );
        assert_eq!(with(&|d| d.subject = "  ".into()), [NoSubject]);
        assert_eq!(with(&|d| d.attachment = None), [NoAttachment]);
        assert_eq!(
            with(&|d| d.attachment = Some(("a.pdf".into(), FileKind::Document))),
            [WrongAttachment]
        );
        assert_eq!(
            with(&|d| {
                d.subject.clear();
                d.attachment = None;
            }),
            [NoSubject, NoAttachment]
        );
        assert!(NoAttachment.hint(&goal).contains("Joindre un fichier"));
        assert!(NoAttachment.hint(&goal).contains("une photo"));
        for m in [NoRecipient, NoAt, BadAddress, WrongRecipient] {
            assert!(m.hint(&goal).contains("marie.dupont@exemple.fr"));
            assert_eq!(MailMistake::from_code(m.code()), Some(m));
        }
    }

    #[test]
    fn files_are_recognised_by_their_content() {
        assert_eq!(
            sniff("x.png", b"\x89PNG\r\n\x1a\n...."),
            Some(FileKind::Image)
        );
        assert_eq!(
            sniff("photo.jpg", b"\xFF\xD8\xFF\xE0..."),
            Some(FileKind::Image)
        );
        assert_eq!(sniff("scan.pdf", b"%PDF-1.4"), Some(FileKind::Document));
        assert_eq!(sniff("note.txt", b"Bonjour"), Some(FileKind::Document));
        // A program renamed as a photo is refused.
        assert_eq!(sniff("photo.jpg", b"MZ\x90\x00"), None);
        assert_eq!(sniff("note.txt", b"a\0b"), None);
    }

    fn field(kind: &str, extra: &str) -> Field {
        toml::from_str(&format!(
            "nom = \"x\"\nlibelle = \"X\"\ntype = \"{kind}\"\n{extra}"
        ))
        .unwrap()
    }

    #[test]
    fn a_password_field_is_exact_as_on_a_real_site() {
        let password = field("mot-de-passe", "attendu = \"Tournesol-Piano-Vert-24\"");
        assert_eq!(password.kind, FieldKind::MotDePasse);
        assert_eq!(
            check_field_value(&password, "Tournesol-Piano-Vert-24", None),
            None
        );
        // Capitals count in a password (a text field ignores them).
        assert_eq!(
            check_field_value(&password, "tournesol-piano-vert-24", None),
            Some(FieldMistake::Unexpected)
        );
        assert_eq!(
            check_field_value(&password, "", None),
            Some(FieldMistake::Missing)
        );
    }

    #[test]
    fn form_fields_say_what_real_sites_say() {
        let amount = field(
            "montant",
            "attendu = \"120\"\naide = \"Regardez la facture.\"",
        );
        assert_eq!(check_field_value(&amount, "120,00", None), None);
        assert_eq!(check_field_value(&amount, "120.0", None), None);
        assert_eq!(
            check_field_value(&amount, "120 €", None),
            Some(FieldMistake::Format)
        );
        assert_eq!(
            check_field_value(&amount, "12", None),
            Some(FieldMistake::Unexpected)
        );
        assert_eq!(
            check_field_value(&amount, " ", None),
            Some(FieldMistake::Missing)
        );
        assert_eq!(
            FieldMistake::Unexpected.messages(&amount).1,
            "Regardez la facture."
        );
        let date = field("date", "attendu = \"05/03/2025\"");
        assert_eq!(check_field_value(&date, "5/3/2025", None), None);
        assert_eq!(
            check_field_value(&date, "31/02/2025", None),
            Some(FieldMistake::Format)
        );
        assert_eq!(
            check_field_value(&date, "2025-03-05", None),
            Some(FieldMistake::Format)
        );
        let choice = field("choix", "choix = [\"A\", \"B\"]\nattendu = \"B\"");
        assert_eq!(
            check_field_value(&choice, "A", None),
            Some(FieldMistake::Unexpected)
        );
        assert_eq!(
            check_field_value(&choice, "Z", None),
            Some(FieldMistake::Format)
        );
        let scan = field("fichier", "");
        assert_eq!(
            check_field_value(&scan, "", None),
            Some(FieldMistake::Missing)
        );
        assert_eq!(check_field_value(&scan, "", Some(FileKind::Document)), None);
        let text = field("texte", "attendu = \"Jeanne  Martin\"");
        assert_eq!(check_field_value(&text, "jeanne martin", None), None);
    }

    #[test]
    fn form_blocks_are_checked() {
        let body = "service = \"Mon compte santé\"\nconsigne = \"x\"\nidentifiant = \"a\"\nmot_de_passe = \"b\"\n[[etapes]]\ntitre = \"Motif\"\n[[etapes.champs]]\nnom = \"motif\"\nlibelle = \"Motif\"\ntype = \"choix\"\nchoix = [\"A\"]\nattendu = \"C\"\n";
        let (e, p) = parse("exercice formulaire", body);
        assert!(e.is_none());
        assert!(p[0].2.contains("« C »"), "{p:?}");
        let (e, p) = parse("exercice formulaire", &body.replace("\"C\"", "\"A\""));
        assert!(e.is_some(), "{p:?}");
        // Issue 19: no sign-in page (creating an account): neither key; one alone is an error.
        let no_sign_in = body
            .replace("\"C\"", "\"A\"")
            .replace("identifiant = \"a\"\nmot_de_passe = \"b\"\n", "");
        let (e, p) = parse("exercice formulaire", &no_sign_in);
        assert!(
            e.is_some_and(|e| matches!(e.kind, Kind::Form(f) if !f.signs_in())),
            "{p:?}"
        );
        let (e, p) = parse(
            "exercice formulaire",
            &body
                .replace("\"C\"", "\"A\"")
                .replace("mot_de_passe = \"b\"\n", ""),
        );
        assert!(e.is_none());
        assert!(p.iter().any(|p| p.2.contains("vont ensemble")), "{p:?}");
    }

    #[test]
    fn amounts_and_dates() {
        assert_eq!(parse_amount("1 200,5"), Some(120_050));
        assert_eq!(parse_amount("12,345"), None);
        assert_eq!(parse_amount(""), None);
        assert_eq!(parse_date("29/02/2024"), Some((2024, 2, 29)));
        assert_eq!(parse_date("29/02/2023"), None);
    }

    #[test]
    fn mouse_gestures() {
        let (e, _) = parse(
            "exercice souris {#gestes}",
            "gestes = [\"clic\", \"double-clic\", \"glisser\"]\n",
        );
        let Kind::Mouse(m) = e.unwrap().kind else {
            panic!()
        };
        assert_eq!(m.gestes[1], Gesture::DoubleClic);
        assert_eq!(m.mot, "bonjour");
        assert_eq!(Gesture::from_code("double-clic"), Some(Gesture::DoubleClic));
    }
}
