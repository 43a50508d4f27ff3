//! Learners' words in practice exercises, built from what the exercise checks return:
//! gestures, mistakes in a pretend message or form. (Lesson content and trainers'
//! diagnostics stay with the content.)

use crate::model::{
    AttemptOutcome, FieldKind, FieldMistake, FileKind, Gesture, GestureOutcome, MAX_UPLOAD_MB,
    MailMistake, Practised,
};

/// In words, for volunteers: "le double-clic".
pub fn gesture_words(gesture: Gesture) -> &'static str {
    match gesture {
        Gesture::Clic => "le clic",
        Gesture::DoubleClic => "le double-clic",
        Gesture::Glisser => "le glisser-déposer",
        Gesture::Defiler => "faire défiler",
        Gesture::Taper => "taper au clavier",
    }
}

/// A precise, kind hint after "Envoyer": `address` is the one to write, `attachment` the
/// kind of file to join.
/// A trainer's diagnostic: a pretend site's sign-in needs both keys, or neither.
pub const SIGN_IN_PAIR: &str = "identifiant et mot_de_passe vont ensemble : écrivez les deux \
     (le faux site commence par une page de connexion), ou aucun des deux (pas de page de \
     connexion, pour créer un compte par exemple)";

pub fn mail_hint(mistake: MailMistake, address: &str, attachment: Option<FileKind>) -> String {
    let kind = match attachment {
        Some(FileKind::Image) => "une photo",
        Some(FileKind::Document) => "un document",
        _ => "un fichier",
    };
    match mistake {
        MailMistake::NoRecipient => format!(
            "Le champ « À » est vide. Écrivez l'adresse de la personne : {}.",
            address
        ),
        MailMistake::NoAt => format!(
            "Il manque l'arobase « @ » dans l'adresse. Sur le clavier, appuyez sur « AltGr » \
             et « à » en même temps. L'adresse à écrire : {}.",
            address
        ),
        MailMistake::BadAddress => format!(
            "L'adresse est mal écrite : pas d'espace, un seul « @ », un point après. \
             L'adresse à écrire : {}.",
            address
        ),
        MailMistake::WrongRecipient => format!(
            "Ce n'est pas la bonne adresse. Vérifiez chaque lettre. L'adresse à écrire : {}.",
            address
        ),
        MailMistake::NoSubject => {
            "Le message n'a pas d'objet. L'objet dit en quelques mots de quoi \
             parle le message. Écrivez-le dans le champ « Objet »."
                .into()
        }
        MailMistake::NoText => {
            "Le message est vide. Écrivez quelques mots dans le champ « Message ».".into()
        }
        MailMistake::NoAttachment => format!(
            "Le message n'a pas de pièce jointe. Cliquez sur « Joindre un fichier », puis \
             choisissez {kind} sur votre ordinateur."
        ),
        MailMistake::WrongAttachment => format!(
            "Le fichier joint n'est pas {kind}. Cliquez sur « Joindre un fichier » et \
             choisissez {kind}."
        ),
        MailMistake::TooBig => {
            let smaller = match attachment {
                Some(FileKind::Image) => "une photo plus petite",
                Some(FileKind::Document) => "un document plus petit",
                _ => "un fichier plus petit",
            };
            format!(
                "Le fichier est trop lourd : {MAX_UPLOAD_MB} Mo au plus. Choisissez \
                 {smaller}, ou demandez à votre bénévole comment le réduire."
            )
        }
    }
}

/// A pretend form's mistake: what a real site would say, then what it means in simple
/// words. `help` is the trainer's own explanation for a wrong value, if any.
pub fn field_messages(
    mistake: FieldMistake,
    kind: FieldKind,
    help: Option<&str>,
) -> (String, String) {
    match (mistake, kind) {
        (FieldMistake::Missing, FieldKind::Fichier) => (
            "Veuillez joindre un justificatif.".into(),
            "Le site veut un document. Cliquez sur « Parcourir » ou « Choisir un fichier », \
             puis choisissez le document sur votre ordinateur."
                .into(),
        ),
        (FieldMistake::Missing, _) => (
            "Ce champ est obligatoire.".into(),
            "Le site ne peut pas continuer sans cette information. Remplissez la case.".into(),
        ),
        (FieldMistake::Format, FieldKind::Montant) => (
            "Format du montant invalide.".into(),
            "Le site attend un nombre, par exemple 25,50. Sans le signe €.".into(),
        ),
        (FieldMistake::Format, FieldKind::Date) => (
            "Date invalide (format attendu : JJ/MM/AAAA).".into(),
            "Écrivez le jour, le mois et l'année, séparés par des barres. Par exemple : \
             05/03/2025."
                .into(),
        ),
        (FieldMistake::Format, _) | (FieldMistake::WrongFile, _) => (
            "Type de fichier non accepté.".into(),
            "Le site accepte une photo ou un document PDF. Choisissez un autre fichier.".into(),
        ),
        (FieldMistake::TooBig, _) => (
            format!("Le fichier dépasse la taille maximale autorisée ({MAX_UPLOAD_MB} Mo)."),
            format!(
                "Le fichier est trop lourd : {MAX_UPLOAD_MB} Mo au plus. Choisissez une \
                 photo plus petite, ou un document PDF."
            ),
        ),
        (FieldMistake::Unexpected, _) => (
            "La valeur saisie ne correspond pas à votre dossier.".into(),
            help.map_or_else(
                || "Relisez la consigne de l'exercice : elle donne la bonne valeur.".into(),
                str::to_string,
            ),
        ),
    }
}

/// After a try: whether it worked, and what to say, kindly. `word` is the word to type.
pub fn gesture_outcome(outcome: GestureOutcome, word: &str) -> (bool, String) {
    let (g, ok) = match outcome {
        GestureOutcome::Stale => return (false, super::GESTURE_STALE.to_string()),
        GestureOutcome::NeedsJavaScript => return (false, super::GESTURE_NEEDS_JS.to_string()),
        GestureOutcome::Tried { gesture, ok } => (gesture, ok),
    };
    let said = match (g, ok) {
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
    };
    (ok, said)
}

/// What an exercise attempt was about, for volunteers.
pub fn practised(what: &Practised) -> String {
    match what {
        Practised::MailboxMessage { subject } => {
            let subject = subject
                .as_ref()
                .map_or_else(String::new, |s| format!(" « {s} »"));
            format!("Exercice : vrai ou arnaque ? Le message{subject}")
        }
        Practised::Mailbox { instructions } => format!("Exercice boîte mail : {instructions}"),
        Practised::Form {
            service,
            instructions,
        } => format!("Exercice {service} : {instructions}"),
        Practised::Fake { what } => format!(
            "Exercice vrai ou arnaque : {}",
            what.as_deref().unwrap_or("le message")
        ),
        Practised::Mouse { gesture } => format!(
            "Exercice souris et clavier : {}",
            gesture.map_or("un geste", gesture_words)
        ),
    }
}

/// What happened in an exercise attempt, for volunteers.
pub fn attempt(how: &AttemptOutcome) -> String {
    match how {
        AttemptOutcome::SaidReal => "a répondu « vrai »".into(),
        AttemptOutcome::SaidScam => "a répondu « arnaque »".into(),
        AttemptOutcome::MailSent => "message envoyé comme demandé".into(),
        AttemptOutcome::MailMistakes(mistakes) => mistakes
            .iter()
            .map(|m| match m {
                Some(MailMistake::NoRecipient) => "sans destinataire",
                Some(MailMistake::NoAt) => "adresse sans @",
                Some(MailMistake::BadAddress) => "adresse mal écrite",
                Some(MailMistake::WrongRecipient) => "mauvaise adresse",
                Some(MailMistake::NoSubject) => "sans objet",
                Some(MailMistake::NoText) => "message vide",
                Some(MailMistake::NoAttachment) => "sans pièce jointe",
                Some(MailMistake::WrongAttachment) => "mauvaise pièce jointe",
                Some(MailMistake::TooBig) => "fichier trop lourd",
                None => "autre",
            })
            .collect::<Vec<_>>()
            .join(", "),
        AttemptOutcome::FormSent => "demande envoyée comme demandé".into(),
        AttemptOutcome::FormSignInWrong => "identifiant ou mot de passe faux".into(),
        AttemptOutcome::FormField { label, mistake } => {
            let kind = match mistake {
                Some(FieldMistake::Missing) => "oublié",
                Some(FieldMistake::Format) => "mal écrit",
                Some(FieldMistake::Unexpected) => "mauvaise valeur",
                Some(FieldMistake::WrongFile) => "fichier refusé",
                Some(FieldMistake::TooBig) => "fichier trop lourd",
                None => "erreur",
            };
            format!("« {label} » : {kind}")
        }
        AttemptOutcome::GestureDone => "réussi".into(),
        AttemptOutcome::GestureNotTried => "pas essayé (sans JavaScript)".into(),
        AttemptOutcome::GestureMissed => "raté".into(),
        AttemptOutcome::Other(outcome) => outcome.clone(),
    }
}
