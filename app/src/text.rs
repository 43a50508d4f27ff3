//! Every interface string, in one place, so wording can be reviewed (and translated later).
//! Easy-to-read French: short sentences, common words, one idea per sentence.

pub const SITE_NAME: &str = "Pas à Pas";
pub const SKIP_LINK: &str = "Aller au contenu";
pub const NAV_LABEL: &str = "Menu principal";
pub const NAV_HOME: &str = "Accueil";
pub const NAV_LESSONS: &str = "Les leçons";
pub const NAV_SIGN_IN: &str = "Me connecter";
pub const NAV_VOLUNTEER: &str = "Espace bénévole";
pub const SIGN_OUT_LEARNER: &str = "Ce n'est pas moi";
pub const SIGN_OUT_STAFF: &str = "Me déconnecter";
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
pub const STEP_WORD: &str = "étape";

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
pub const MINUTES: &str = "minutes";
pub const LESSONS_WORD: &str = "leçons";

// Player
pub const STEP: &str = "Étape";
pub const STEP_OF: &str = "sur";
pub const PREVIOUS: &str = "Précédent";
pub const NEXT: &str = "Suivant";
pub const FINISH: &str = "Terminer la leçon";
pub const BACK_TO_MODULE: &str = "Retour au thème";
pub const NOT_SIGNED_IN_NOTICE: &str =
    "Vous n'êtes pas connecté. Vos progrès ne sont pas enregistrés.";
pub const STEP_SAVED: &str = "C'est enregistré.";
pub const QUESTION: &str = "Question : ";
pub const QUESTION_SEVERAL: &str = "Plusieurs réponses sont possibles. Cochez toutes les bonnes.";
pub const QUESTION_SUBMIT: &str = "Valider";
pub const FEEDBACK_NOTHING: &str = "Choisissez une réponse, puis appuyez sur « Valider ».";
pub const FEEDBACK_RIGHT: &str = "Bravo, c'est la bonne réponse !";
pub const FEEDBACK_WRONG: &str = "Ce n'est pas tout à fait ça.";
pub const FEEDBACK_MISSING: &str = "C'est juste, mais il manque une bonne réponse.";
pub const FEEDBACK_TRY_AGAIN: &str =
    "Ce n'est pas grave. Lisez l'explication, puis essayez encore.";
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
pub const SIGN_IN_CODE_HINT: &str = "Par exemple : ABCD-EFGH";
pub const SIGN_IN_SUBMIT: &str = "Entrer";
pub const SIGN_IN_UNKNOWN_CODE: &str =
    "Ce code n'existe pas. Vérifiez-le ou demandez à votre bénévole.";
pub const SIGN_IN_EMPTY_CODE: &str = "Tapez votre code, puis appuyez sur « Entrer ».";
pub const SIGN_IN_TOO_MANY: &str =
    "Il y a eu beaucoup d'essais. Attendez une minute, puis réessayez.";
pub const SIGN_IN_NO_CODE: &str = "Vous n'avez pas de code ? Demandez-le à votre bénévole.";
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
pub const DASHBOARD_STEPS_DONE: &str = "étapes faites";

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
pub const ERROR_GO_HOME: &str = "Revenir à l'accueil";
pub const NOT_FOUND_TITLE: &str = "Page introuvable";
