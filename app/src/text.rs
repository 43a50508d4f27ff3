//! Every interface string, in one place, so wording can be reviewed (and translated later).
//! Easy-to-read French: short sentences, common words, one idea per sentence.
//! Sentences built around numbers and enums live in the modules below.

pub mod agenda;
pub mod competences;
pub mod dashboard;
pub mod dates;
pub mod diagnostic;
pub mod exercises;
pub mod learning;
pub mod moves;
pub mod network;
pub mod next_visit;
pub mod outcomes;
pub mod plural;
pub mod sessions;
pub mod share;
pub mod staff;
pub mod stats;
pub mod training;
pub mod zones;

pub const SITE_NAME: &str = "Pas à Pas";
pub const SKIP_LINK: &str = "Aller au contenu";
pub const NAV_LABEL: &str = "Menu principal";
pub const NAV_HOME: &str = "Accueil";
pub const NAV_LESSONS: &str = "Les leçons";
pub const NAV_SIGN_IN: &str = "Me connecter";
pub const NAV_VOLUNTEER: &str = "Espace bénévole";
pub const SIGN_OUT_LEARNER: &str = "Terminer et me déconnecter";
pub const SIGN_OUT_STAFF: &str = "Me déconnecter";
pub const NOT_SAVED_TITLE: &str = "Rien n'a été enregistré";
pub const NOT_SAVED_WHY: &str = "Cette page avait été ouverte par une autre personne sur cet ordinateur, avant que vous entriez avec votre code. Pour ne pas mélanger vos progrès avec les siens, rien n'a été enregistré.";
pub const NOT_SAVED_WAY_OUT: &str = "Aller à ma page";
pub const FOOTER: &str = "Pas à Pas : apprendre le numérique à son rythme.";
pub const LOADING: &str = "Chargement…";
pub const SAVING: &str = "Enregistrement…";

// Home
pub const HOME_TITLE: &str = "Bienvenue sur Pas à Pas";
pub const HOME_INTRO: &str =
    "Ici, vous apprenez l'ordinateur à votre rythme. Une petite étape à la fois.";
pub const HOME_HAVE_CODE: &str = "J'ai un code : me connecter";
pub const HOME_SEE_LESSONS: &str = "Voir les leçons";
pub const HOME_VOLUNTEER: &str = "Vous êtes bénévole ?";
pub const HOME_HELLO: &str = "Bonjour";
pub const HOME_RESUME: &str = "Reprendre";
pub const HOME_START: &str = "Commencer";
pub const HOME_NEXT_LESSONS: &str = "Mes prochaines leçons";

// Catalogue and module
pub const CATALOGUE_TITLE: &str = "Les leçons";
pub const CATALOGUE_INTRO: &str = "Choisissez un thème. Chaque thème a plusieurs leçons courtes.";
pub const CATALOGUE_EMPTY: &str = "Il n'y a pas encore de leçon.";
pub const MODULE_OBJECTIVES: &str = "À la fin, vous saurez :";
pub const MODULE_LESSONS: &str = "Les leçons de ce thème";
pub const MODULE_VERIFIED: &str = "Informations vérifiées en";
pub const LESSON_DONE: &str = "Terminée";
pub const LESSON_IN_PROGRESS: &str = "Commencée";
pub const LESSON_NOT_STARTED: &str = "Pas encore commencée";
pub const LESSON_OPEN_START: &str = "Commencer";
pub const LESSON_OPEN_RESUME: &str = "Reprendre";
pub const LESSON_OPEN_REVIEW: &str = "Revoir";

// Player
pub const STEP: &str = "Étape";
pub const PREVIOUS: &str = "Précédent";
pub const NEXT: &str = "Suivant";
pub const FINISH: &str = "Terminer la leçon";
pub const BACK_TO_MODULE: &str = "Retour au thème";
pub const NOT_SIGNED_IN_NOTICE: &str =
    "Vous n'êtes pas connecté. Vos progrès ne sont pas enregistrés.";
pub const STEP_SAVED: &str = "C'est enregistré.";
/// A save failed (a full disk, the database unavailable): nothing was recorded.
pub const STEP_NOT_SAVED: &str = "Ce n'est pas enregistré : le site a eu un problème. \
     Ce n'est pas de votre faute. Réessayez dans un moment. \
     Si cela recommence, appelez votre bénévole.";
pub const QUESTION: &str = "Question : ";
pub const QUESTION_SEVERAL: &str = "Plusieurs réponses sont possibles. Cochez toutes les bonnes.";
pub const QUESTION_HINT: &str = "Un indice";
pub const QUESTION_SUBMIT: &str = "Valider";
pub const FEEDBACK_NOTHING: &str = "Choisissez une réponse, puis appuyez sur « Valider ».";
pub const FEEDBACK_RIGHT: &str = "Bravo, c'est la bonne réponse !";
pub const FEEDBACK_WRONG: &str = "Ce n'est pas tout à fait ça.";
pub const FEEDBACK_MISSING: &str = "C'est juste, mais il manque une bonne réponse.";
pub const FEEDBACK_TRY_AGAIN: &str =
    "Ce n'est pas grave. Lisez l'explication, puis essayez encore.";
/// After a wrong or incomplete answer: "La bonne réponse : « … »." (or the right answers).
pub fn feedback_right_answers(answers: &[String]) -> String {
    let quoted: Vec<String> = answers.iter().map(|a| format!("« {a} »")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => format!("La bonne réponse : {one}."),
        [rest @ .., last] => format!("Les bonnes réponses : {} et {last}.", rest.join(", ")),
    }
}
pub const FEEDBACK_YOU_CHOSE: &str = "Vous avez choisi";
pub const FEEDBACK_LINE_RIGHT: &str = "c'est juste.";
pub const FEEDBACK_LINE_WRONG: &str = "ce n'est pas ça.";
pub const LESSON_END_TITLE: &str = "Bravo !";
pub const LESSON_END_DONE: &str = "Vous avez terminé la leçon";
pub const LESSON_END_LEARNED: &str = "Vous avez appris :";
pub const LESSON_END_NEXT: &str = "Leçon suivante";
pub const LESSON_END_MODULE_DONE: &str = "Vous avez fini toutes les leçons de ce thème.";
pub const LESSON_END_BACK: &str = "Voir les autres thèmes";

// Learner sign-in
pub const SIGN_IN_TITLE: &str = "Me connecter";
pub const SIGN_IN_INTRO: &str =
    "Tapez le code écrit sur votre carte. Les majuscules et les tirets ne comptent pas.";
pub const SIGN_IN_CODE_LABEL: &str = "Mon code";
pub const SIGN_IN_CODE_HINT: &str = "Par exemple : ABCDE-FGHJK";
pub const SIGN_IN_SUBMIT: &str = "Entrer";
pub const SIGN_IN_UNKNOWN_CODE: &str =
    "Ce code n'existe pas. Vérifiez-le ou demandez à votre bénévole.";
pub const SIGN_IN_REPLACED_CODE: &str =
    "Ce code a été remplacé par un nouveau. Demandez votre nouvelle carte à votre bénévole.";
pub const SIGN_IN_EMPTY_CODE: &str = "Tapez votre code, puis appuyez sur « Entrer ».";
pub const SIGN_IN_TOO_MANY: &str =
    "Il y a eu beaucoup d'essais. Attendez une minute, puis réessayez.";
pub const SIGN_IN_NO_CODE: &str = "Vous n'avez pas de code ? Demandez-le à votre bénévole.";
pub const SESSION_EXPIRED: &str =
    "Vous avez été déconnecté. Vos progrès sont gardés. Tapez votre code pour revenir.";
pub const SIGNED_OUT: &str = "Vous êtes déconnecté. À bientôt !";

// Staff sign-in
pub const STAFF_SIGN_IN_TITLE: &str = "Connexion bénévole";
pub const STAFF_USERNAME: &str = "Identifiant";
pub const STAFF_PASSWORD: &str = "Mot de passe";
pub const STAFF_SUBMIT: &str = "Me connecter";
pub const STAFF_BAD_CREDENTIALS: &str =
    "L'identifiant ou le mot de passe est faux. Vérifiez-les et réessayez.";
pub const STAFF_EMPTY: &str = "Remplissez l'identifiant et le mot de passe.";

// Volunteer dashboard
pub const DASHBOARD_TITLE: &str = "Mes apprenants";
pub const DASHBOARD_EMPTY: &str = "Vous ne suivez encore personne.";
pub const DASHBOARD_CODE: &str = "Code";
pub const DASHBOARD_LAST_ACTIVE: &str = "Dernière activité";
pub const DASHBOARD_NEVER: &str = "jamais";
pub const DASHBOARD_NO_PROGRESS: &str = "Aucune leçon commencée.";

// Errors
pub const ERROR_TITLE: &str = "Un problème est survenu";
pub const ERROR_NOT_FOUND: &str =
    "Cette page n'existe pas. Elle a peut-être été déplacée. Revenez à l'accueil.";
pub const ERROR_LEARNER_SIGN_IN: &str = "Connectez-vous avec votre code pour voir cette page.";
pub const ERROR_STAFF_SIGN_IN: &str = "Connectez-vous avec votre identifiant pour voir cette page.";
pub const ERROR_INTERNAL: &str =
    "Le site a un problème. Ce n'est pas de votre faute. Réessayez dans quelques minutes.";
pub const ERROR_BAD_REQUEST: &str =
    "Le formulaire n'a pas pu être lu. Revenez en arrière et réessayez.";
pub const ERROR_FORBIDDEN: &str = "Cette demande a été refusée.";
pub const ERROR_FOR_VOLUNTEERS: &str =
    "Cette page est réservée aux bénévoles et aux coordinateurs de l'association.";
pub const ERROR_FOR_TRAINERS: &str =
    "Cette page est réservée aux formateurs, qui écrivent les leçons.";
pub const ERROR_FOR_COORDINATORS: &str =
    "Cette page est réservée aux coordinateurs de l'association.";
pub const ERROR_MOVED: &str = "Cette page a changé de place.";
pub const ERROR_BUSY_TITLE: &str = "Le site est très occupé";
pub const ERROR_BUSY: &str = "Le site est très occupé en ce moment. Ce n'est pas de votre faute. \
     Réessayez dans une minute.";
pub const ERROR_BUSY_RETRY: &str = "Réessayer";
pub const STEP_MOVED: &str = "Cette leçon a changé depuis votre dernière visite. Vous reprenez ici. Vos progrès sont gardés.";
/// The titles of callouts in lessons (`> [!ANALOGIE]`…), shown and read aloud.
pub const CALLOUT_ANALOGY: &str = "Pour comprendre";
pub const CALLOUT_TIP: &str = "Astuce";
pub const CALLOUT_WARNING: &str = "Attention";
pub const CALLOUT_TO_DO: &str = "À vous de faire sur votre ordinateur";
/// The label of the words of the glossary explained under a step.
pub const GLOSSARY_OF_STEP: &str = "Les mots de cette étape";
pub const STEP_UNKNOWN: &str = "Nous n'avons pas trouvé cette étape. Vous êtes au début de la leçon, ou là où vous en étiez. Vos progrès sont gardés.";
pub const ERROR_GO_HOME: &str = "Revenir à l'accueil";
pub const NOT_FOUND_TITLE: &str = "Page introuvable";

// Confidence
pub const CONFIDENCE_BEFORE: &str = "Avant de commencer";
pub const CONFIDENCE_AFTER: &str = "Et maintenant ?";
/// The content checker's warning (for trainers) on a step longer than one screen of a
/// laptop: `tenths` is its estimated height in tenths of a screen (12: 1,2 écran).
pub fn step_too_long(title: &str, tenths: u32) -> String {
    let screens = if tenths >= 20 { "écrans" } else { "écran" };
    format!(
        "l'étape « {title} » est plus longue qu'un écran (environ {},{} {screens}) : \
         l'apprenant devra faire défiler pour lire la fin. Raccourcissez-la, ou coupez-la \
         en deux étapes",
        tenths / 10,
        tenths % 10
    )
}

/// Asked on the module's first step, under its text: after a first look.
pub const CONFIDENCE_FIRST_LOOK: &str = "Une question avant de continuer";
pub const CONFIDENCE_HINT: &str = "Répondez franchement. Il n'y a pas de mauvaise réponse.";
pub const CONFIDENCE_LEVELS: [&str; 3] = ["Pas du tout", "Un peu", "Oui, tout à fait"];
pub const CONFIDENCE_SUBMIT: &str = "Valider ma réponse";
pub const CONFIDENCE_EMPTY: &str =
    "Choisissez une réponse, puis appuyez sur « Valider ma réponse ».";

// First sign-in: privacy
pub const WELCOME_TITLE: &str = "Bienvenue";
pub const WELCOME_WHO_SEES: &str = "Votre bénévole et votre association voient vos progrès : les leçons faites et vos réponses. Personne d'autre ne les voit.";
pub const WELCOME_NOTES_QUESTION: &str = "Après une séance, votre bénévole peut écrire une petite note (ce qui a été fait, ce qui bloque). Êtes-vous d'accord ?";
pub const WELCOME_NOTES_YES: &str = "Oui, je suis d'accord";
pub const WELCOME_NOTES_NO: &str = "Non, je ne veux pas de notes écrites";
pub const WELCOME_CHANGE_LATER: &str =
    "Vous pourrez changer d'avis plus tard, dans « Mes données ».";
pub const WELCOME_CONTINUE: &str = "Continuer";

// Home, booklet, data
pub const HOME_ADVISED: &str = "Conseillé par";
pub const HOME_ADVISED_TITLE: &str = "Les leçons conseillées";
pub const HOME_REPLIES: &str = "Les réponses de votre bénévole";
pub const HOME_ACCOUNT_DELETED: &str =
    "Votre compte est supprimé. Toutes vos données sont effacées.";
pub const NAV_BOOKLET: &str = "Mon carnet";
pub const BOOKLET_TITLE: &str = "Mon carnet";
pub const BOOKLET_MODULES_DONE: &str = "Les thèmes que j'ai finis";
pub const BOOKLET_LESSONS_DONE: &str = "Les leçons que j'ai finies";
pub const BOOKLET_IN_PROGRESS: &str = "Les leçons en cours";
pub const BOOKLET_RECOMMENDED: &str = "Ce que mon bénévole me conseille";
pub const BOOKLET_CONFIDENCE: &str = "Comment je me sens";
pub const BOOKLET_NOTHING_YET: &str = "Rien pour l'instant.";
pub const BOOKLET_PRINT: &str = "Pour l'imprimer, appuyez sur les touches Ctrl et P.";
/// At the top of a page opened with "Imprimer" without JavaScript.
pub const PRINT_KEYS: &str = "La page est prête à imprimer. Appuyez en même temps sur la \
     touche Ctrl et sur la touche P. Une fenêtre s'ouvre : cliquez sur « Imprimer ».";
pub const BOOKLET_START: &str = "Au début";
pub const BOOKLET_END: &str = "À la fin";
pub const MY_DATA_TITLE: &str = "Mes données";
pub const MY_DATA_DOWNLOAD: &str = "Télécharger mes données";
pub const MY_DATA_JSON: &str = "Télécharger tout, pour un autre site ou programme";
pub const MY_DATA_CSV: &str = "Télécharger un tableau, à ouvrir avec Excel ou LibreOffice";
pub const MY_DATA_NOTES: &str = "Les notes de mon bénévole";
pub const MY_DATA_NOTES_YES: &str = "Aujourd'hui : vous êtes d'accord pour les notes écrites.";
pub const MY_DATA_NOTES_NO: &str = "Aujourd'hui : vous ne voulez pas de notes écrites.";
pub const MY_DATA_SAVE: &str = "Enregistrer mon choix";
pub const MY_DATA_DELETE: &str = "Supprimer mon compte";
pub const MY_DATA_DELETE_WARNING: &str =
    "Tout sera effacé : vos progrès, vos réponses, les notes. Ce n'est pas réversible.";
pub const MY_DATA_DELETE_CONFIRM: &str = "Oui, je veux supprimer mon compte et tout effacer";
pub const MY_DATA_DELETE_NEED_CONFIRM: &str =
    "Cochez la case pour confirmer, puis appuyez sur « Supprimer mon compte ».";

// Help requests
pub const HELP_BUTTON: &str = "J'ai besoin d'aide";
pub const HELP_TITLE: &str = "Demander de l'aide";
pub const HELP_INTRO: &str =
    "Votre bénévole verra votre demande, avec la leçon et l'étape où vous êtes.";
pub const HELP_MESSAGE_LABEL: &str = "Quelques mots pour expliquer (ce n'est pas obligatoire)";
pub const HELP_SEND: &str = "Envoyer ma demande";
pub const HELP_SENT: &str = "Votre demande est envoyée. Votre bénévole la verra. Vous pouvez continuer, ou attendre sa visite.";
pub const HELP_FROM: &str = "Vous êtes à";
pub const BACK_TO_LESSON: &str = "Revenir à la leçon";
pub const NAV_MY_DATA: &str = "Mes données";

// Volunteer area
pub const NAV_DASHBOARD: &str = "Mes apprenants";
pub const NAV_ALL_LEARNERS: &str = "Tous les apprenants";
pub const NAV_WORKSHOP: &str = "Noter un atelier";
pub const NAV_TEAM: &str = "L'équipe";
pub const DASHBOARD_ADD: &str = "Ajouter un apprenant";
pub const DASHBOARD_HELP_TITLE: &str = "Demandes d'aide";
pub const DASHBOARD_HELP_NONE: &str = "Aucune demande d'aide en attente.";
pub const DASHBOARD_NEEDS_HELP: &str = "A demandé de l'aide";
pub const DASHBOARD_STUCK: &str = "Semble bloqué";
pub const DASHBOARD_ADVISED: &str = "Leçons conseillées";
pub const DASHBOARD_MODULES_DONE: &str = "Thèmes finis";
pub const DASHBOARD_CONFIDENCE: &str = "Confiance";
pub const DASHBOARD_STARTED: &str = "Leçons commencées";
pub const DASHBOARD_SEE: &str = "Voir le suivi";
pub const DASHBOARD_LOG: &str = "Noter une séance";
pub const DASHBOARD_DELETED: &str = "Le compte a été supprimé, avec toutes ses données.";
pub const DASHBOARD_WELCOME_STAFF: &str = "Votre compte est prêt. Bienvenue dans l'équipe !";
pub const HELP_MARK_DONE: &str = "Marquer comme traitée";
pub const HELP_REPLY_LABEL: &str = "Une réponse pour la personne (facultatif)";
pub const HELP_DONE: &str = "La demande est marquée comme traitée.";
pub const HELP_ALREADY: &str = "Cette demande était déjà traitée par";
pub const HELP_HANDLED: &str = "Traitée";
pub const HELP_OPEN: &str = "En attente";
pub const NEW_LEARNER_TITLE: &str = "Ajouter un apprenant";
pub const NEW_LEARNER_INTRO: &str = "Seul le prénom (ou un surnom) est demandé. Pas d'e-mail, pas de nom de famille. Pas à Pas crée un code personnel, à imprimer sur une carte.";
pub const NEW_LEARNER_NAME: &str = "Prénom ou surnom";
pub const NEW_LEARNER_SUBMIT: &str = "Créer et imprimer la carte";
pub const NEW_LEARNER_BAD_NAME: &str = "Écrivez un prénom ou un surnom, de 60 caractères au plus.";
pub const LEARNERS_TITLE: &str = "Les apprenants de l'association";
pub const LEARNERS_REFERENT: &str = "Suivi par";
pub const LEARNER_CARD: &str = "Imprimer la carte de connexion";
pub const LEARNER_DATA: &str = "Ses données";
pub const LEARNER_DELETE: &str = "Supprimer ce compte";
pub const LEARNER_DELETE_CONFIRM: &str =
    "Oui, la personne m'a demandé de supprimer son compte et tout effacer";
pub const LEARNER_PROGRESS: &str = "Sa progression";
pub const LEARNER_SESSIONS: &str = "Les séances";
pub const LEARNER_NO_SESSION: &str = "Aucune séance notée.";
pub const LEARNER_NOTES_REFUSED: &str = "Cette personne ne veut pas de notes écrites.";
pub const LEARNER_NOTES_UNKNOWN: &str =
    "Cette personne n'a pas encore dit si elle accepte les notes écrites.";
pub const LEARNER_STEP_DONE: &str = "faite";
pub const LEARNER_STEP_SEEN: &str = "vue";
pub const LEARNER_STEP_NOT_YET: &str = "pas encore";
pub const LEARNER_ANSWER_RIGHT: &str = "juste";
pub const LEARNER_ANSWER_WRONG: &str = "faux";
pub const LEARNER_REMOVE_ADVICE: &str = "Retirer";
pub const CARD_TITLE: &str = "Carte de connexion";
pub const CARD_CREATED: &str = "Le compte est créé. Imprimez la carte et donnez-la à la personne.";
pub const CARD_NEW_CODE: &str =
    "Le code a été remplacé. L'ancien code ne marche plus. Imprimez la nouvelle carte.";
pub const CARD_HOW: &str = "Pour entrer : tapez ce code sur Pas à Pas, ou montrez le carré noir à l'appareil photo du téléphone.";
pub const CARD_MY_CODE: &str = "Mon code";
pub const CARD_PRINT: &str = "Imprimer la carte";
pub const CARD_REPLACE: &str = "Carte perdue : remplacer le code";
pub const CARD_REPLACE_HINT: &str = "L'ancien code arrêtera de marcher tout de suite.";
pub const CARD_QR_ALT: &str = "Code QR pour entrer sur Pas à Pas";
// Session form
pub const VISIT_TITLE: &str = "Noter une séance";
pub const VISIT_WORKSHOP_TITLE: &str = "Noter un atelier collectif";
pub const VISIT_WHO: &str = "Les personnes présentes";
pub const VISIT_DATE: &str = "Date de la séance";
pub const VISIT_KIND: &str = "Type de séance";
pub const VISIT_PLACE: &str = "Lieu ou quartier (facultatif)";
pub const VISIT_MINUTES: &str = "Durée, en minutes";
pub const VISIT_TOPICS: &str = "Ce que nous avons travaillé";
pub const VISIT_NOTE: &str = "Note : ce qui a été fait, ce qui bloque";
pub const VISIT_NOTE_HINT: &str =
    "Seule l'équipe de l'association la voit. La personne peut demander à la lire.";
pub const VISIT_NO_NOTES: &str = "Pas de note écrite : une personne présente l'a refusé.";
pub const VISIT_LESSONS: &str = "Leçons à pratiquer avant la prochaine visite";
pub const VISIT_SEARCH: &str = "Chercher une leçon";
pub const VISIT_SEARCH_BUTTON: &str = "Chercher";
pub const VISIT_NO_LESSON: &str = "Aucune leçon ne correspond. Essayez un autre mot.";
pub const VISIT_SAVE: &str = "Enregistrer la séance";
pub const VISIT_ERRORS: &str =
    "La séance n'est pas encore enregistrée. Corrigez ce qui est indiqué :";
pub const VISIT_SAVED: &str = "La séance est enregistrée.";
pub const VISIT_HAND_OFF: &str = "Imprimer la fiche";
pub const HAND_OFF_TITLE: &str = "Ma fiche après la séance";
pub const HAND_OFF_DONE: &str = "Ce que nous avons fait aujourd'hui";
pub const HAND_OFF_PRACTISE: &str = "À pratiquer avant la prochaine visite";
pub const HAND_OFF_HOW: &str =
    "Sur Pas à Pas, ces leçons sont sur la page d'accueil, sous « Les leçons conseillées ».";
pub const HAND_OFF_NOTHING: &str = "Rien de particulier : continuez à votre rythme.";
pub const HAND_OFF_CODE: &str = "Votre code pour entrer";
pub const HAND_OFF_SITE: &str = "Le site";
pub const HAND_OFF_VOLUNTEER: &str = "Votre bénévole";
pub const HAND_OFF_PHONE: &str = "Téléphone de l'association";
// Team
pub const TEAM_TITLE: &str = "L'équipe";
pub const TEAM_INVITE: &str = "Inviter une personne";
pub const TEAM_INVITE_NAME: &str = "Prénom";
pub const TEAM_ROLES: &str = "Rôles";
pub const TEAM_ROLE_VOLUNTEER: &str = "Bénévole (suit des apprenants)";
pub const TEAM_ROLE_TRAINER: &str = "Formateur (écrit les leçons)";
pub const TEAM_ROLE_COORDINATOR: &str = "Coordinateur (gère l'équipe)";
pub const TEAM_INVITE_SUBMIT: &str = "Créer le lien d'invitation";
pub const TEAM_RESET: &str = "Nouveau mot de passe";
pub const TEAM_LINK_INTRO: &str =
    "Envoyez ce lien à la personne. Il marche une seule fois, jusqu'au";
pub const TEAM_LINK_RESET: &str = "Lien pour choisir un nouveau mot de passe, pour";
pub const TEAM_LINK_NEW: &str = "Lien d'invitation pour";
pub const TEAM_BAD_NAME: &str = "Écrivez le prénom de la personne.";
pub const TEAM_BAD_ROLE: &str = "Cochez au moins un rôle.";
pub const INVITATION_TITLE: &str = "Créer mon compte";
pub const INVITATION_RESET_TITLE: &str = "Choisir un nouveau mot de passe";
pub const INVITATION_GONE: &str = "Ce lien ne marche plus : il a déjà servi, ou il a expiré. Demandez un nouveau lien à votre coordinateur.";
pub const INVITATION_DISABLED: &str = "Ce lien ne marche plus : ce compte a été désactivé par votre association. Si c'est une erreur, parlez-en à votre coordinateur.";
pub const INVITATION_PASSWORD_HINT: &str = "8 caractères au moins. Vous pouvez coller un mot de passe. Trois mots faciles à retenir font un bon mot de passe.";
pub const INVITATION_SUBMIT: &str = "Enregistrer et entrer";

// Comfort settings
pub const NAV_COMFORT: &str = "Taille du texte";
pub const COMFORT_TITLE: &str = "Affichage : taille du texte et couleurs";
pub const COMFORT_INTRO: &str =
    "Réglez l'affichage pour lire plus facilement. Le réglage est gardé pour la prochaine fois.";
pub const COMFORT_SIZE: &str = "Taille du texte";
pub const COMFORT_SIZES: [&str; 3] = ["Normale", "Grande", "Très grande"];
pub const COMFORT_OTHER: &str = "Couleurs et mouvements";
pub const COMFORT_CONTRAST: &str =
    "Contraste renforcé : texte noir sur fond blanc, traits plus épais";
pub const COMFORT_MOTION: &str = "Pas d'animation ni de défilement automatique";
pub const COMFORT_SAVE: &str = "Enregistrer";
pub const COMFORT_SAVED: &str = "L'affichage est enregistré.";
pub const COMFORT_BACK: &str = "Revenir à la page";

// Read aloud
pub const LISTEN: &str = "Écouter";
pub const LISTEN_PAUSE: &str = "Pause";
pub const LISTEN_RESUME: &str = "Reprendre la lecture";
pub const LISTEN_STOP: &str = "Arrêter";
pub const LISTEN_NO_VOICE: &str = "La lecture à voix haute ne marche pas sur cet ordinateur : il n'a pas de voix française. Demandez à votre bénévole de l'installer.";
pub const LISTEN_READING: &str = "Lecture en cours.";
pub const LISTEN_DONE: &str = "Lecture terminée.";
pub const LISTEN_IMAGE: &str = "Image :";
/// The label of the player of a step read aloud by the server.
pub const LISTEN_STEP: &str = "Écouter cette étape";
/// In a browser that cannot play it: a link to the file.
pub const LISTEN_STEP_FILE: &str = "Ouvrir l'enregistrement de cette étape";

// Trainers
pub const NAV_TRAINER: &str = "Espace formateur";
pub const TRAINER_TITLE: &str = "Les leçons et leur état";
pub const TRAINER_INTRO: &str =
    "Chaque module et chaque leçon, avec son état. Cliquez sur un problème pour aller à sa ligne.";
pub const STATE_PUBLISHED: &str = "En ligne";
pub const STATE_DRAFT: &str = "Brouillon";
pub const STATE_DRAFT_OVER_PUBLISHED: &str = "En ligne, brouillon en cours";
pub const STATE_DRAFT_OVER_PUBLISHED_HINT: &str = "Les apprenants voient la version publiée. Ils verront vos changements quand vous publierez le brouillon.";
pub const STATE_BROKEN: &str = "À corriger";
pub const STATE_BROKEN_HINT: &str =
    "Les apprenants voient la dernière version correcte, s'il y en a une.";
pub const TRAINER_EDIT: &str = "Modifier";
pub const TRAINER_PREVIEW: &str = "Aperçu";
pub const TRAINER_NEW_LESSON: &str = "Nouvelle leçon dans ce module";
pub const TRAINER_NEW_LESSON_TITLE: &str = "Titre de la nouvelle leçon";
/// The title of the lesson a new module starts with (the trainer renames it).
pub const TRAINER_FIRST_LESSON_TITLE: &str = "Première leçon";
pub const TRAINER_NEW_MODULE: &str = "Nouveau module";
pub const TRAINER_NEW_MODULE_TITLE: &str = "Titre du nouveau module";
pub const TRAINER_CREATE: &str = "Créer";
pub const TRAINER_OTHER_PROBLEMS: &str = "Autres problèmes";
pub const TRAINER_GLOSSARY: &str = "Modifier le glossaire";
pub const STATE_ARCHIVED: &str = "Archivé";
pub const STATE_ARCHIVED_HINT: &str = "Ce module n'est plus proposé : il n'est plus dans la liste des leçons et les bénévoles ne peuvent plus le conseiller. Les apprenants qui l'ont commencé gardent leurs progrès et leurs réponses.";
pub const TRAINER_ARCHIVE: &str = "Archiver ce module";
pub const TRAINER_ARCHIVE_HINT: &str = "Archiver : le module n'est plus proposé, mais ce que les apprenants y ont fait reste dans leur carnet. Vous pourrez le remettre en ligne.";
pub const TRAINER_UNARCHIVE: &str = "Remettre ce module en ligne";
pub const TRAINER_DELETE: &str = "Supprimer ce module";
pub const TRAINER_DELETE_CONFIRM: &str = "Je veux supprimer ce module et toutes ses leçons";
pub const TRAINER_DELETE_HINT: &str =
    "Supprimer n'est possible que si aucun apprenant n'a commencé ce module.";
pub const TRAINER_DELETE_NOT_CONFIRMED: &str = "Pour supprimer le module, cochez d'abord la case « Je veux supprimer ce module et toutes ses leçons ».";
pub const TRAINER_ARCHIVED: &str = "Le module est archivé. Il n'est plus proposé aux apprenants.";
pub const TRAINER_UNARCHIVED: &str = "Le module est de nouveau en ligne.";
pub const TRAINER_DELETED: &str = "Le module est supprimé.";
pub const EDITOR_TITLE: &str = "Modifier";
pub const EDITOR_TEXT: &str = "Le texte de la leçon (Markdown)";
pub const EDITOR_HELP: &str = "Le format est expliqué dans content/README.md : une étape commence par « ## », une question par « ```question ».";
pub const EDITOR_REFRESH: &str = "Mettre à jour l'aperçu";
pub const EDITOR_SAVE_DRAFT: &str = "Enregistrer comme brouillon";
pub const EDITOR_PUBLISH: &str = "Publier";
pub const EDITOR_UNDO: &str = "Annuler la dernière modification";
pub const EDITOR_PROBLEMS: &str = "Problèmes";
pub const EDITOR_NO_PROBLEM: &str = "Aucun problème : la leçon peut être publiée.";
pub const EDITOR_LINE: &str = "ligne";
pub const EDITOR_ERROR: &str = "Erreur";
pub const EDITOR_ADVICE: &str = "Conseil";
pub const EDITOR_SAVED_DRAFT: &str = "Enregistré comme brouillon. Les apprenants ne le voient pas.";
pub const EDITOR_PUBLISHED: &str = "Publié. Les apprenants voient la nouvelle version.";
pub const EDITOR_REFUSED: &str = "Pas publié : la leçon a des erreurs. Corrigez-les, ou enregistrez-la comme brouillon. Votre texte est gardé.";
pub const EDITOR_CONFLICT: &str = "Quelqu'un a enregistré ce fichier pendant que vous le modifiiez. Rien n'est perdu : comparez les deux versions. « Publier » ou « Enregistrer » remplacera la sienne par la vôtre.";
pub const EDITOR_THEIRS: &str = "Sa version (enregistrée)";
pub const EDITOR_UNDONE: &str = "La version précédente est remise.";
pub const EDITOR_NOTHING_TO_UNDO: &str = "Il n'y a rien à annuler.";
pub const EDITOR_PREVIEW: &str = "Aperçu, comme l'apprenant le verra";
pub const EDITOR_NO_PREVIEW: &str =
    "Pas d'aperçu : les informations du début (entre les lignes +++) sont illisibles.";
pub const EDITOR_DRAFT_NOTE: &str = "Cette leçon est un brouillon.";
pub const EDITOR_IMAGE: &str = "Ajouter une image";
pub const EDITOR_IMAGE_FILE: &str = "L'image (PNG, JPEG, GIF ou WebP, 2 Mo au plus)";
pub const EDITOR_IMAGE_ALT: &str =
    "Ce que montre l'image (obligatoire, lu aux personnes qui ne la voient pas)";
pub const EDITOR_IMAGE_SEND: &str = "Envoyer l'image";
pub const EDITOR_IMAGE_DONE: &str =
    "L'image est enregistrée à côté de la leçon. Copiez cette ligne dans le texte :";
pub const PREVIEW_BANNER: &str = "Aperçu pour les formateurs : rien n'est enregistré.";
pub const PREVIEW_STEPS: &str = "Les étapes";

// Practice exercises.
pub const EXERCISE: &str = "Exercice";
pub const EXERCISE_GOAL: &str = "À faire :";
pub const EXERCISE_PREVIEW: &str = "Aperçu : l'exercice se fait dans la leçon publiée.";
pub const MAIL_BANNER: &str = "Exercice — aucun vrai message n'est envoyé.";
pub const MAIL_INBOX: &str = "Boîte de réception";
pub const MAIL_HAS_ATTACHMENT: &str = " (avec une pièce jointe)";
pub const MAIL_WRITE: &str = "Écrire un message";
pub const MAIL_BACK: &str = "Revenir à la boîte de réception";
pub const MAIL_FROM: &str = "De :";
pub const MAIL_TO: &str = "À :";
pub const MAIL_SUBJECT: &str = "Objet :";
pub const MAIL_ATTACHMENT: &str = "Pièce jointe :";
pub const MAIL_OPEN: &str = "Ouvrir la pièce jointe";
pub const MAIL_NEW: &str = "Nouveau message";
pub const MAIL_TO_LABEL: &str = "À";
pub const MAIL_SUBJECT_LABEL: &str = "Objet";
pub const MAIL_TEXT_LABEL: &str = "Message";
pub const MAIL_ATTACH: &str = "Joindre un fichier";
pub const MAIL_ATTACH_HINT: &str = "Une photo ou un document de votre ordinateur, 20 Mo au plus. Il sert seulement pour l'exercice : le site regarde son nom et son genre, puis l'efface.";
pub const MAIL_ATTACHED_KEPT: &str = "Fichier déjà joint :";
pub const MAIL_ATTACHED_REMOVE: &str = "Retirer ce fichier";
pub const MAIL_ATTACHED_OTHER: &str =
    "Pour en joindre un autre, cliquez sur « Joindre un fichier ».";
pub const MAIL_SENT_FOLDER: &str = "Messages envoyés";
pub const MAIL_SENT_EMPTY: &str = "Aucun message envoyé pour l'instant.";
pub const MAIL_FOLDERS: &str = "Dossiers";
pub const MAIL_UNREAD: &str = "Non lu : ";
pub const MAIL_LIST_FROM: &str = "De";
pub const MAIL_LIST_SUBJECT: &str = "Objet";
pub const MAIL_PRETEND_ADDRESS: &str = "https://courriel.exemple.fr/boite-de-reception";
pub const BROWSER_WINDOW: &str = "Fenêtre d'un faux site, pour l'exercice";
pub const BROWSER_ADDRESS: &str = "Adresse du faux site :";
pub const BROWSER_SECURE: &str = "Connexion sécurisée";
pub const MAIL_SEND: &str = "Envoyer";
pub const MAIL_NOT_YET: &str = "Le message n'est pas encore parti. Voici ce qu'il faut changer :";
pub const MAIL_ATTACH_AGAIN: &str =
    "Le fichier choisi n'est pas gardé : choisissez-le encore une fois.";
pub const MAIL_SENT: &str = "Bravo ! Le message est parti.";
pub const MAIL_SENT_NOTE: &str =
    "C'est un exercice : personne ne l'a reçu. Votre fichier est déjà effacé.";
pub const FAKE_QUESTION: &str = "Vrai message, ou arnaque ?";
pub const FAKE_REAL: &str = "C'est un vrai message";
pub const FAKE_SCAM: &str = "C'est une arnaque";
pub const FAKE_WRONG: &str = "Pas tout à fait.";
pub const FAKE_IT_IS_SCAM: &str = "C'est une arnaque.";
pub const FAKE_IT_IS_REAL: &str = "C'est un vrai message.";
pub const FAKE_CLUES: &str = "Les indices :";
pub const FAKE_ADDRESS: &str = "Adresse de la page :";
pub const FORM_BANNER: &str = "Exercice — ce n'est pas un vrai site. Rien n'est envoyé.";
pub const FORM_SIGN_IN: &str = "Se connecter";
pub const FORM_OR: &str = "ou";
pub const FORM_IDENTITY_BUTTON: &str = "Se connecter avec Mon Identité (exercice)";
pub const FORM_IDENTITY_NOTE: &str = "Un faux bouton, comme « Se connecter avec … » sur les vrais sites : il vous connecte avec un compte que vous avez déjà. Ici, rien ne sort de l'exercice.";
pub const FORM_SIGN_IN_ERROR: &str = "Identifiant ou mot de passe incorrect.";
pub const FORM_SIGN_IN_ERROR_SIMPLE: &str = "Cela veut dire : une lettre ou un chiffre n'est pas le bon. Relisez la consigne et tapez-les encore. Les majuscules comptent.";
pub const FORM_IDENTIFIER: &str = "Identifiant";
pub const FORM_PASSWORD: &str = "Mot de passe";
pub const FORM_SIGN_IN_BUTTON: &str = "Se connecter";
pub const FORM_NEXT: &str = "Continuer";
pub const FORM_CONFIRM: &str = "Vérifiez votre demande";
pub const FORM_SEND: &str = "Envoyer ma demande";
pub const FORM_DONE: &str = "Bravo ! La demande est envoyée.";
pub const FORM_DONE_NOTE: &str = "C'est un exercice : rien n'est parti. Sur un vrai site, vous recevez souvent un e-mail de confirmation.";
/// A form creating an account ends as real sign-up forms do (`creation_de_compte = true`).
pub const FORM_CONFIRM_ACCOUNT: &str = "Vérifiez vos informations";
pub const FORM_CREATE_ACCOUNT: &str = "Créer mon compte";
pub const FORM_ACCOUNT_DONE: &str = "Bravo ! Votre compte est créé.";
pub const FORM_ACCOUNT_DONE_NOTE: &str = "C'est un exercice : aucun compte n'est créé pour de vrai. Sur un vrai site, vous recevez souvent un code par SMS ou un e-mail pour finir.";
/// Under a password field: why dots appear, and why it is empty again after a mistake.
pub const FORM_PASSWORD_HINT: &str = "Quand vous tapez, des petits points s'affichent à la place des lettres : c'est normal, personne ne peut lire votre mot de passe par-dessus votre épaule. Tapez doucement. Après une erreur, la case est vide : tapez le mot de passe encore.";
/// A password in the form's summary: never shown again, as on real sites.
pub const FORM_PASSWORD_HIDDEN: &str = "••••••••";
pub const FORM_MEANS: &str = "Cela veut dire :";
pub const FORM_AMOUNT_HINT: &str = "En euros, par exemple : 25,50";
pub const FORM_DATE_HINT: &str = "Au format JJ/MM/AAAA, par exemple : 05/03/2025";
pub const FORM_CHOOSE: &str = "Choisissez…";
pub const FORM_FILE_KEPT: &str = "Document déjà joint :";
pub const FORM_REQUIRED: &str = "(obligatoire)";
pub const GESTURE_DONE: &str = "Réussi";
/// After pressing a gesture's button on a page without JavaScript: the page cannot see the
/// gesture. Said without the word "JavaScript" (issue 19).
pub const GESTURE_NEEDS_JS: &str = "Sur cet ordinateur, cette page ne peut pas voir ce geste. \
     Ce n'est pas grave : passez au geste suivant.";
/// Under the double-click, when the page cannot see it: the keyboard way.
pub const GESTURE_DOUBLE_KEYBOARD: &str = "Sur cet ordinateur, cette page ne peut pas voir le \
     double-clic. Vous pouvez aussi ouvrir avec le clavier : cliquez une fois sur la chose à \
     ouvrir, puis appuyez sur la touche Entrée. Passez ensuite au geste suivant.";
/// Under the drag and drop, when the page cannot see it: the keyboard way.
pub const GESTURE_DRAG_KEYBOARD: &str = "Sur cet ordinateur, cette page ne peut pas voir le \
     glisser-déposer. Vous pouvez aussi déplacer avec le clavier : cliquez sur la chose, \
     appuyez sur Ctrl et X pour la couper, puis allez à la bonne place et appuyez sur Ctrl \
     et V pour la coller.";
pub const GESTURE_CLICK_TITLE: &str = "Cliquer";
pub const GESTURE_CLICK: &str =
    "Posez la flèche sur le bouton. Appuyez une fois sur le bouton gauche de la souris.";
pub const GESTURE_CLICK_BUTTON: &str = "Cliquez ici";
pub const GESTURE_DOUBLE_TITLE: &str = "Double-cliquer";
pub const GESTURE_DOUBLE: &str =
    "Appuyez deux fois très vite sur le bouton gauche, sans bouger la souris : « tac-tac ».";
pub const GESTURE_DOUBLE_BUTTON: &str = "Double-cliquez ici";
pub const GESTURE_DRAG_TITLE: &str = "Glisser-déposer";
pub const GESTURE_DRAG: &str = "Appuyez sur la lettre et gardez le bouton appuyé. Bougez la souris jusqu'à l'enveloppe. Lâchez le bouton.";
pub const GESTURE_LETTER: &str = "✉ La lettre";
pub const GESTURE_ENVELOPE: &str = "L'enveloppe";
pub const GESTURE_SCROLL_TITLE: &str = "Faire défiler";
pub const GESTURE_SCROLL: &str =
    "Le bouton est caché en bas du cadre. Tournez la molette de la souris pour descendre.";
pub const GESTURE_SCROLL_BOX: &str = "Cadre à faire défiler";
pub const GESTURE_SCROLL_LINE: &str = "Ligne";
pub const GESTURE_SCROLL_BUTTON: &str = "J'ai trouvé le bas";
pub const GESTURE_TYPE_TITLE: &str = "Taper un mot";
pub const GESTURE_TYPE: &str = "Cliquez dans la case, puis tapez le mot";

// Learners: a form sent after the session ended, and saves acknowledged.
pub const SIGN_IN_TO_CONTINUE: &str = "Votre connexion a pris fin. Entrez votre code : vous reviendrez au même endroit, rien n'est perdu.";
pub const WELCOME_NOTES_CHOOSE: &str = "Choisissez « oui » ou « non », puis appuyez sur le bouton.";
pub const BOOKLET_PRINT_BUTTON: &str = "Imprimer mon carnet";
// Accessibility and comfort (issue 8)

/// Put at the start of a page's title when the page shows a form error, so that a screen
/// reader announces it as soon as the page loads (after a form posted without JavaScript).
pub const ERROR_TITLE_PREFIX: &str = "Erreur : ";

/// The page title, with "Erreur : " in front when the page shows an error.
pub fn title_with_error(title: &str, error: bool) -> String {
    if error {
        format!("{ERROR_TITLE_PREFIX}{title}")
    } else {
        title.to_string()
    }
}

pub const LEARNER_DELETE_NEED_CONFIRM: &str =
    "Cochez la case pour confirmer, puis appuyez sur « Supprimer ce compte ».";
pub const TRAINER_BAD_TITLE: &str = "Écrivez un titre.";
pub const VISIT_MINUTES_SHORT: &str = "min";

/// "Attendez N minutes": after too many wrong codes.
/// Who is signed in now, on the page that says nothing was saved.
pub fn not_saved_who(first_name: &str) -> String {
    format!("La personne connectée maintenant est : {first_name}.")
}

/// The whole site refuses sign-ins for a while: too many wrong codes or passwords.
pub fn sign_in_site_busy(minutes: Option<u32>) -> String {
    let when = match minutes {
        Some(m) if m > 1 => format!("dans {m} minutes"),
        _ => "dans une minute".to_string(),
    };
    format!(
        "Le site a reçu beaucoup de codes faux en peu de temps. Pour protéger les comptes, \
         personne ne peut entrer pour l'instant. Ce n'est pas de votre faute. Réessayez {when}."
    )
}

pub fn sign_in_wait_minutes(minutes: u32) -> String {
    format!("Il y a eu beaucoup d'essais. Attendez {minutes} minutes, puis réessayez.")
}

/// " · avec N autre(s) personne(s)": the others at a session.
pub fn visit_others(others: usize) -> String {
    if others == 1 {
        " · avec 1 autre personne".to_string()
    } else {
        format!(" · avec {others} autres personnes")
    }
}

pub const LISTEN_LOOKING: &str = "Un instant : l'ordinateur cherche sa voix française.";
// Practice exercises (issue 7): progress kept on the server, keyboard and no-JavaScript gestures.
pub const FORM_SIGN_IN_FIRST: &str = "Pour continuer, connectez-vous d'abord au site, avec l'identifiant et le mot de passe de la consigne.";
pub const GESTURE_STALE: &str =
    "Cette page est trop ancienne. Le geste n'a pas été compté. Essayez encore, ici.";
pub const GESTURE_SKIP: &str = "Passer ce geste";
// Trainers' area (issue 6 fixes).
pub const EDITOR_SAVED_DRAFT_STILL_ONLINE: &str = "Enregistré comme brouillon. Les apprenants voient encore l'ancienne version, et les bénévoles peuvent encore la conseiller. Ils verront vos changements quand vous publierez.";
pub const EDITOR_PUBLISHED_HIDDEN: &str = "Publié. Mais le module est un brouillon : les apprenants ne voient pas encore cette leçon. Publiez aussi le module.";
pub const EDITOR_GLOSSARY_NO_DRAFT: &str = "Le glossaire n'a pas de brouillon. Quand vous l'enregistrez, les apprenants voient tout de suite les changements. S'il a une erreur, il n'est pas enregistré.";
pub const EDITOR_REFUSED_OTHER: &str =
    "Pas enregistré : le fichier a des erreurs. Corrigez-les. Votre texte est gardé.";
pub const EDITOR_UNDO_CONFLICT: &str = "Rien n'est annulé : le fichier a changé depuis que vous avez ouvert cette page. Quelqu'un l'a enregistré, ou modifié sur le disque. Le texte ci-dessous est la version actuelle. Comparez avec la version que « Annuler » remettrait. Pour annuler quand même, cliquez encore sur « Annuler la dernière modification ».";
pub const EDITOR_UNDO_PREVIOUS: &str = "La version que « Annuler » remettrait";
pub const PREVIEW_IMPOSSIBLE: &str =
    "Pas d'aperçu : le début de la leçon (entre les +++) a une erreur. Corrigez-la dans l'éditeur.";
pub const EDITOR_LINE_SHOWN: &str = "Le problème est à la ligne";
// Volunteers and coordinators (issue 5 fixes).
/// After the first names of workshop participants who refused written notes.
pub const VISIT_GROUP_NO_NOTES: &str = "ne veut pas de notes écrites";
pub const VISIT_GROUP_NO_NOTES_DO: &str = "Si cette personne est dans l'atelier, la note ne peut pas être gardée : effacez la note, ou retirez la personne de l'atelier.";
pub const TEAM_PHONE: &str = "Le téléphone de l'association";
pub const TEAM_PHONE_HINT: &str = "Il est imprimé sur la fiche donnée à l'apprenant après une séance. Laissez vide pour ne pas l'imprimer.";
pub const TEAM_PHONE_LABEL: &str = "Numéro de téléphone";
pub const TEAM_PHONE_SUBMIT: &str = "Enregistrer le numéro";
pub const TEAM_PHONE_SAVED: &str = "Le numéro est enregistré.";
pub const TEAM_PHONE_REMOVED: &str = "Le numéro est retiré : il ne sera plus imprimé.";
pub const TEAM_PHONE_BAD: &str = "Ce numéro n'est pas un numéro français. Écrivez ses 10 chiffres, par exemple 01 23 45 67 89, ou +33 1 23 45 67 89.";
pub const TEAM_DISABLE: &str = "Désactiver le compte";
pub const TEAM_DISABLED: &str = "Compte désactivé : cette personne ne peut plus se connecter.";
pub const TEAM_DISABLED_DONE: &str = "Le compte est désactivé. Ses apprenants restent dans l'association : confiez-les à un autre bénévole.";
pub const TEAM_ENABLE: &str = "Réactiver le compte";
pub const TEAM_ENABLED_DONE: &str = "Le compte est réactivé : cette personne peut de nouveau se connecter avec son mot de passe. S'il l'a oublié, donnez-lui un lien pour en choisir un nouveau.";
pub const TEAM_MOVE: &str = "Confier un apprenant à un autre bénévole";
pub const TEAM_MOVE_LEARNER: &str = "Apprenant (entre parenthèses, son bénévole aujourd'hui)";
pub const TEAM_MOVE_NOBODY: &str = "personne";
pub const TEAM_MOVE_TO: &str = "Le confier à";
pub const TEAM_MOVE_SUBMIT: &str = "Confier";
pub const TEAM_MOVED_DONE: &str = "C'est fait : l'apprenant a un nouveau bénévole.";
pub const TEAM_HAND_OVER: &str = "Confier tous les apprenants d'un bénévole (fin de mission)";
pub const TEAM_HAND_OVER_HINT: &str = "Leur parcours, les leçons conseillées et les demandes d'aide les suivent. Les rendez-vous à venir passent au nouveau bénévole. Chaque apprenant voit sur sa page d'accueil qui l'accompagne désormais.";
pub const TEAM_HAND_OVER_FROM: &str = "Les apprenants de";
pub const TEAM_HAND_OVER_TO: &str = "Les confier à";
pub const TEAM_HAND_OVER_SUBMIT: &str = "Tout confier";

/// After a hand-over: "C'est fait : 5 apprenants confiés, 3 rendez-vous à venir repris." and
/// what went to the "à rappeler" list.
pub fn team_handed_over(learners: u64, appointments: u64, to_recall: u64) -> String {
    let mut out = format!(
        "C'est fait : {} {}, {} à venir repris.",
        plural::count(learners, plural::LEARNERS),
        if plural::is_plural(learners) {
            "confiés"
        } else {
            "confié"
        },
        plural::count(appointments, plural::APPOINTMENTS),
    );
    if to_recall > 0 {
        let many = plural::is_plural(to_recall);
        out.push_str(&format!(
            " {} {} à la même heure qu'un autre du nouveau bénévole : {}, et {} dans la liste « à rappeler ».",
            plural::count(to_recall, plural::APPOINTMENTS),
            if many { "tombaient" } else { "tombait" },
            if many { "ils sont annulés" } else { "il est annulé" },
            if many {
                "les personnes sont"
            } else {
                "la personne est"
            },
        ));
    }
    out
}

/// On the learner's home page: who follows them, and since when if they changed.
pub fn your_volunteer(name: &str, since: Option<&str>) -> String {
    match since {
        Some(day) => format!("Depuis le {day}, c'est {name} qui vous accompagne."),
        None => format!("C'est {name} qui vous accompagne."),
    }
}
pub const LEARNER_DELETE_WARNING: &str =
    "Tout sera effacé : ses progrès, ses réponses, les notes des séances. Ce n'est pas réversible.";

/// "de Marcel", "d'Aaron", "d'Hélène": "de" before a first name, elided before a vowel or h.
pub fn of_name(name: &str) -> String {
    let elide = name
        .chars()
        .next()
        .is_some_and(|c| "aeiouyhàâäéèêëîïôöùûüœAEIOUYHÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ".contains(c));
    if elide {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}
pub const TEAM_PENDING: &str = "Liens envoyés, pas encore utilisés";
pub const TEAM_PENDING_UNTIL: &str = "marche jusqu'au";
pub const TEAM_CANCEL: &str = "Annuler ce lien";
pub const TEAM_CANCELLED_DONE: &str = "Le lien est annulé : il ne marche plus.";

// The login card's QR code (`/carte`): confirm before entering (issue 15).
pub const CARD_SIGN_IN_TITLE: &str = "Entrer avec ma carte";
/// "C'est bien vous, Jeanne ?"
pub fn card_is_it_you(first_name: &str) -> String {
    format!("C'est bien vous, {first_name} ?")
}
pub const CARD_SIGN_IN_INTRO: &str =
    "Vous avez montré votre carte de connexion. Si c'est bien la vôtre, appuyez sur le bouton.";
pub const CARD_SIGN_IN_SUBMIT: &str = "Oui, c'est moi : entrer";
pub const CARD_NOT_MINE: &str = "Ce n'est pas ma carte";
/// Someone else is signed in on this computer: entering ends their session.
pub fn card_ends_learner(first_name: &str) -> String {
    format!(
        "Attention : {first_name} est connecté sur cet ordinateur. Si vous entrez, sa session se fermera."
    )
}
pub const CARD_ENDS_STAFF: &str = "Attention : un bénévole est connecté sur cet ordinateur. Si vous entrez, sa session se fermera.";
pub const CARD_NONE: &str =
    "Nous n'avons pas pu lire votre carte. Montrez-la encore, ou tapez le code écrit dessus.";
pub const CARD_TYPE_CODE: &str = "Taper mon code";

/// The headers of a learner's data as a CSV table (`/mes-donnees.csv`).
pub const CSV_HEADERS: [&str; 6] = ["Type", "Date", "Thème", "Leçon", "Étape", "Détail"];

/// The editor shows a version saved in the browser, and the file in `content/` (git)
/// changed since: the browser's version stays online until a trainer decides.
pub const EDITOR_CHANGED_IN_GIT: &str = "Ce fichier a changé dans le dossier des leçons (git) depuis cet enregistrement fait dans le navigateur. Les apprenants voient toujours la version du navigateur, ci-dessous. Pour reprendre celle du dossier, cliquez sur « Annuler la dernière modification » jusqu'à la retrouver, ou recopiez-la ici et publiez.";

/// "de" before `words`, elided before a vowel or a mute h: "d'envoyer", "de protéger".
pub fn de(words: &str) -> String {
    let elided = words
        .chars()
        .next()
        .is_some_and(|c| "aàâäeéèêëiîïoôöuùûüyœæhAÀÂÄEÉÈÊËIÎÏOÔÖUÙÛÜYŒÆH".contains(c));
    if elided {
        format!("d'{words}")
    } else {
        format!("de {words}")
    }
}

/// The confidence question of a module: "Je me sens capable d'envoyer une photo…".
pub fn confidence_capable(capability: &str) -> String {
    format!("Je me sens capable {}.", de(capability))
}

/// The confidence question of a module that names no capability.
pub fn confidence_at_ease(module_title: &str) -> String {
    format!("Je me sens à l'aise avec le thème « {module_title} ».")
}

#[cfg(test)]
mod elision_tests {
    #[test]
    fn de_is_elided_before_a_vowel_or_a_mute_h() {
        assert_eq!(super::de("envoyer"), "d'envoyer");
        assert_eq!(super::de("utiliser la souris"), "d'utiliser la souris");
        assert_eq!(super::de("expliquer"), "d'expliquer");
        assert_eq!(super::de("appeler un proche"), "d'appeler un proche");
        assert_eq!(super::de("habiter"), "d'habiter");
        assert_eq!(super::de("écrire"), "d'écrire");
        assert_eq!(super::de("protéger"), "de protéger");
        assert_eq!(super::de("trouver"), "de trouver");
        assert_eq!(
            super::confidence_capable("envoyer une photo"),
            "Je me sens capable d'envoyer une photo."
        );
    }

    #[test]
    fn right_answers_are_named_in_one_sentence() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            super::feedback_right_answers(&s(&["Oui"])),
            "La bonne réponse : « Oui »."
        );
        assert_eq!(
            super::feedback_right_answers(&s(&["A", "B", "C"])),
            "Les bonnes réponses : « A », « B » et « C »."
        );
    }
}
pub mod answers;
