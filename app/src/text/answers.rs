//! The words of error pages answered outside a page's own rendering: plain form handlers
//! (`server/src/forms.rs`) and the server's middleware (`server/src/middleware.rs`), and the
//! titles of the errors every page shares ([`crate::error::AppError::title`]).

/// The title of a form the server could not read ([`crate::text::ERROR_BAD_REQUEST`] says
/// what to do).
pub const BAD_FORM_TITLE: &str = "Formulaire illisible";

/// A form sent from another site (or with no origin at all): refused.
pub const REFUSED_TITLE: &str = "Action refusée";
pub const REFUSED: &str =
    "Cette action doit être faite depuis le site Pas à Pas. Revenez à la page, puis réessayez.";

/// Something sent that is far over what the server reads.
pub const TOO_LARGE_TITLE: &str = "Envoi trop lourd";
pub const TOO_LARGE: &str = "Ce que vous avez envoyé est beaucoup trop lourd. Revenez en arrière \
     avec le bouton « Retour » du navigateur, puis réessayez avec moins de texte ou un fichier \
     plus petit. Rien n'a été gardé.";

/// The same form, sent again while the first is still being saved.
pub const CONFLICT_TITLE: &str = "Déjà en cours d'envoi";
pub const CONFLICT: &str = "Ce formulaire est déjà en train d'être enregistré. Attendez un \
     instant, puis rechargez la page pour voir le résultat.";

/// A session logged for a learner this volunteer does not follow (or who does not exist).
pub const VISIT_LEARNER_NOT_FOUND: &str =
    "Cette personne n'existe pas, ou elle n'est pas suivie par votre association.";

/// A data download asked for by nobody signed in (or by someone who may not have it).
pub const DATA_SIGN_IN: &str = "Connectez-vous pour télécharger vos données.";

/// An image sent for a lesson that does not exist (any more).
pub const IMAGE_LESSON_NOT_FOUND_TITLE: &str = "Leçon introuvable";
pub const IMAGE_LESSON_NOT_FOUND: &str =
    "Cette leçon n'existe pas. L'image n'est pas enregistrée. Revenez à l'espace formateur.";
/// An image far over the limit: said on the editor, beside the image form.
pub const IMAGE_TOO_HEAVY: &str =
    "L'image est trop lourde : 2 Mo au plus. Réduisez-la avant de l'envoyer.";

/// An exercise's file far over what the server reads.
pub const EXERCISE_TOO_LARGE_TITLE: &str = "Fichier beaucoup trop lourd";
pub const EXERCISE_TOO_LARGE: &str = "Le fichier choisi est beaucoup trop lourd pour l'exercice : \
     20 Mo au plus. Revenez en arrière avec le bouton « Retour » du navigateur, puis choisissez \
     une photo ou un document plus petit. Rien n'a été gardé.";
/// The way out of an exercise's error page.
pub const BACK_TO_EXERCISE: &str = "Revenir à l'exercice";
