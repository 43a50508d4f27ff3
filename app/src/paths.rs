//! The site's addresses: one place for every route a page links to, a form posts to or the
//! server registers, and the one way to name a step ([`StepRef`]). Wasm-safe (pages use it
//! in the browser too); the `path!()` literals of `app.rs` stay, and the server's tests
//! check that every constant and builder here matches one of its routes.

use serde::{Deserialize, Serialize};

// Pages and plain endpoints.
pub const HOME: &str = "/";
pub const CATALOGUE: &str = "/modules";
pub const SIGN_IN: &str = "/connexion";
pub const WELCOME: &str = "/bienvenue";
pub const CARD_SIGN_IN: &str = "/carte";
pub const COMFORT: &str = "/confort";
pub const BOOKLET: &str = "/carnet";
pub const MY_DATA: &str = "/mes-donnees";
/// The follow-up questionnaire, about 3 and 12 months after the first session.
pub const FOLLOW_UP: &str = "/suivi";
pub const MY_DATA_JSON: &str = "/mes-donnees.json";
pub const MY_DATA_CSV: &str = "/mes-donnees.csv";
pub const HELP: &str = "/aide";
/// Where a learner's form that saved nothing (another learner's tab) leads.
pub const NOT_SAVED: &str = "/pas-enregistre";
pub const STAFF_SIGN_IN: &str = "/benevole/connexion";
pub const DASHBOARD: &str = "/benevole";
pub const LEARNERS: &str = "/benevole/apprenants";
pub const NEW_LEARNER: &str = "/benevole/apprenants/nouveau";
pub const WORKSHOP: &str = "/benevole/atelier";
pub const TEAM: &str = "/benevole/equipe";
/// The structure's zones and places (coordinators).
pub const ZONES: &str = "/benevole/equipe/zones";
/// Where the form saying who covers a zone posts (a plain axum handler: checkboxes repeat
/// fields).
pub const ZONE_VOLUNTEERS: &str = "/api/equipe/zones/benevoles";
/// The first-visit diagnostic's forms (plain handlers: their checkboxes repeat a field).
pub const DIAGNOSTIC_ANSWERS: &str = "/api/benevole/diagnostic";
pub const DIAGNOSTIC_PATH: &str = "/api/benevole/diagnostic/parcours";
/// The shared agenda (a week), my availability, taking a call, who to call back.
pub const AGENDA: &str = "/benevole/agenda";
pub const MY_AVAILABILITY: &str = "/benevole/agenda/disponibilites";
pub const TO_RECALL: &str = "/benevole/agenda/a-rappeler";
pub const CALL: &str = "/benevole/appel";
/// An appointment for someone already followed (found by first name, or `?apprenant=`).
pub const BOOK: &str = "/benevole/agenda/reserver";
/// Where the availability form posts (a plain axum handler: its zones are checkboxes).
pub const AVAILABILITY_FORM: &str = "/api/agenda/disponibilite";
/// Where the call form posts (a plain axum handler: its needs are checkboxes).
pub const CALL_FORM: &str = "/api/appel";
pub const TRAINER: &str = "/formateur";
/// The programme's administration: territories, structures, their coordinators and the
/// programme's report (administrators of the programme).
pub const PROGRAMME: &str = "/programme";
/// Where the editor is (its preview's questions are answered there).
pub const EDITOR: &str = "/formateur/editer";
/// The trainers' preview of a lesson.
pub const PREVIEW: &str = "/formateur/apercu";
/// Where the image upload form posts (multipart: a plain axum handler).
pub const LESSON_IMAGE: &str = "/formateur/image";
/// The path of the answer form (a plain axum handler: checkboxes send repeated fields).
pub const ANSWER: &str = "/api/repondre";
/// Where the session form posts (a plain axum handler: checkboxes repeat fields).
pub const VISIT: &str = "/api/seance";
/// `POST`: deletes a session.
pub const VISIT_DELETE: &str = "/api/seance/supprimer";
/// "Mes séances".
pub const SESSIONS: &str = "/benevole/seances";
/// The structure's statistics for a period (coordinators).
pub const STATS: &str = "/benevole/statistiques";
/// The sessions of a period as CSV (`?du=…&au=…`): a coordinator's structure's, a
/// volunteer's own.
pub const SESSIONS_CSV: &str = "/benevole/seances.csv";
/// The statistics of a period as CSV (`?du=…&au=…`, coordinators).
pub const STATS_CSV: &str = "/benevole/statistiques.csv";
/// The same two downloads as XLSX files.
pub const SESSIONS_XLSX: &str = "/benevole/seances.xlsx";
pub const STATS_XLSX: &str = "/benevole/statistiques.xlsx";
/// A public share link's page is `/partage/{token}`, its JSON `/partage/{token}.json`
/// ([`shared`]): every address under this prefix is public and gets the share headers.
pub const SHARED_PREFIX: &str = "/partage/";
/// The server function that page reads its figures from (`api::share::get_shared`): as
/// public as the page, with the same headers.
pub const SHARED_API: &str = "/api/partage";
/// Where the share links part of the statistics page is.
pub const SHARE_ANCHOR: &str = "partage";
/// Where every exercise form posts.
pub const EXERCISE: &str = "/exercice";

// Route patterns of plain axum handlers (`{x}`: one segment).
/// The link of a login card's QR code.
pub const CARD_LINK_ROUTE: &str = "/carte/{code}";
pub const LEARNER_DATA_JSON_ROUTE: &str = "/benevole/apprenants/{id}/donnees.json";
pub const LEARNER_DATA_CSV_ROUTE: &str = "/benevole/apprenants/{id}/donnees.csv";
pub const MEDIA_ROUTE: &str = "/medias/{module}/{*path}";
/// A step read aloud (`{file}`: its key and `.mp3`; see [`audio`]).
pub const AUDIO_ROUTE: &str = "/audio/{file}";
/// A volunteer's calendar feed (`{file}`: the secret token and `.ics`).
pub const CALENDAR_FEED_ROUTE: &str = "/calendrier/{file}";

/// The anchor "Suivant" sends a signed-in learner to once the step is saved: the note it
/// shows (`:target`, no JavaScript needed) says so.
pub const SAVED_ANCHOR: &str = "enregistre";

/// The page a staff member lands on after signing in, their main role's: the programme's
/// page for an administrator of the programme, the volunteers' dashboard for a volunteer
/// or coordinator, the trainers' area for a trainer-only account, and their territory's
/// page for an account that only coordinates a territory (`network`: the network page
/// the member may see, from `identity::network_home`).
pub fn staff_home(follows_learners: bool, trainer: bool, network: Option<&str>) -> String {
    match network {
        Some(page) if page == PROGRAMME || !(follows_learners || trainer) => page.to_string(),
        _ if trainer && !follows_learners => TRAINER.to_string(),
        _ => DASHBOARD.to_string(),
    }
}

/// `/programme/territoires/{id}`
pub fn territory(id: i32) -> String {
    format!("{PROGRAMME}/territoires/{id}")
}

/// The programme's page for a period (`du`, `au`), at its report.
pub fn programme_period(from: &str, to: &str) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("du", from).append_pair("au", to);
    format!("{PROGRAMME}?{}#rapport", query.finish())
}

/// The query a step is opened with after its save failed: it says so.
pub const NOT_SAVED_KEY: &str = "enregistrement";
pub const NOT_SAVED_VALUE: &str = "echec";

/// `href` (a step's address, maybe with a query already) with the "not saved" message.
pub fn not_saved_href(href: &str) -> String {
    let (path, anchor) = href.split_once('#').unwrap_or((href, ""));
    let sep = if path.contains('?') { '&' } else { '?' };
    let anchor = if anchor.is_empty() {
        "non-enregistre"
    } else {
        anchor
    };
    format!("{path}{sep}{NOT_SAVED_KEY}={NOT_SAVED_VALUE}#{anchor}")
}

/// The query keys that carry back what the learner chose when the save failed, so that the
/// page shown with "Ce n'est pas enregistré" has the same choices ticked (JavaScript on or
/// off; they travel in the address, not in the database that could not be written):
/// a question's answer (`question-id:a,c`), a confidence level (`0`–`2`), and the comfort
/// settings.
pub const KEPT_ANSWER_KEY: &str = "choix";
/// The code a learner typed on the sign-in page, given back after a wrong code so that
/// they can correct it rather than type it all again.
pub const TYPED_CODE_KEY: &str = "saisie";
/// The longest typed code given back (a card's code is 9 characters; typed with spaces a
/// few more).
pub const TYPED_CODE_MAX: usize = 40;

/// `href` (a sign-in page after a refused code) with the `code` the learner typed, to put
/// back in the box. Nothing if they typed nothing.
pub fn with_typed_code(href: &str, code: &str) -> String {
    let code: String = code.trim().chars().take(TYPED_CODE_MAX).collect();
    if code.is_empty() {
        return href.to_string();
    }
    let sep = if href.contains('?') { '&' } else { '?' };
    format!("{href}{sep}{TYPED_CODE_KEY}={}", encode_component(&code))
}
pub const KEPT_CONFIDENCE_KEY: &str = "niveau";
pub const KEPT_SIZE_KEY: &str = "taille";
pub const KEPT_CONTRAST_KEY: &str = "contraste";
pub const KEPT_MOTION_KEY: &str = "mouvement";

/// [`not_saved_href`] with the choices to keep (`kept`: query pairs, encoded here).
pub fn not_saved_href_keeping(href: &str, kept: &[(&str, &str)]) -> String {
    let (path, anchor) = href.split_once('#').unwrap_or((href, ""));
    let mut with = path.to_string();
    for (key, value) in kept {
        with.push(if with.contains('?') { '&' } else { '?' });
        with.push_str(&encode_component(key));
        with.push('=');
        with.push_str(&encode_component(value));
    }
    if !anchor.is_empty() {
        with.push('#');
        with.push_str(anchor);
    }
    not_saved_href(&with)
}

/// `/modules/{slug}`
pub fn module(slug: &str) -> String {
    format!("{CATALOGUE}/{slug}")
}

/// `/modules/{module}/{lesson}`: the lesson, resumed where the learner left it.
pub fn lesson(module: &str, lesson: &str) -> String {
    format!("{CATALOGUE}/{module}/{lesson}")
}

/// `/modules/{module}/{lesson}/fin`
pub fn lesson_end(module: &str, lesson: &str) -> String {
    format!("{CATALOGUE}/{module}/{lesson}/fin")
}

/// `/modules/{module}/{lesson}/{step}`
pub fn step(module: &str, lesson: &str, step: &str) -> String {
    format!("{CATALOGUE}/{module}/{lesson}/{step}")
}

/// `/benevole/apprenants/{id}`
pub fn learner(id: i32) -> String {
    format!("{LEARNERS}/{id}")
}

/// `/benevole/apprenants/{id}/demenagement`: moving a learner to another structure.
pub fn learner_move(id: i32) -> String {
    format!("/benevole/apprenants/{id}/demenagement")
}

/// `/benevole/apprenants/{id}/carte`
pub fn learner_card(id: i32) -> String {
    format!("{LEARNERS}/{id}/carte")
}

/// `/benevole/apprenants/{id}/seance`
pub fn learner_visit(id: i32) -> String {
    format!("{LEARNERS}/{id}/seance")
}

/// `/benevole/apprenants/{id}/diagnostic`
pub fn learner_diagnostic(id: i32) -> String {
    format!("{LEARNERS}/{id}/diagnostic")
}

/// `/benevole/apprenants/{id}/donnees.json` (or `.csv`)
pub fn learner_data(id: i32, csv: bool) -> String {
    let ext = if csv { "csv" } else { "json" };
    format!("{LEARNERS}/{id}/donnees.{ext}")
}

/// `/benevole/seances/{id}`
pub fn visit(id: i32) -> String {
    format!("/benevole/seances/{id}")
}

/// `/benevole/seances/{id}/modifier`: correcting a session.
pub fn visit_edit(id: i32) -> String {
    format!("/benevole/seances/{id}/modifier")
}

/// `/benevole/apprenants/{id}/profil`: a learner's attributes for statistics.
pub fn learner_profile(id: i32) -> String {
    format!("{LEARNERS}/{id}/profil")
}

/// `/benevole/apprenants/{id}/suivi`: a learner's follow-up questionnaire, taken by a
/// volunteer.
pub fn learner_follow_up(id: i32) -> String {
    format!("{LEARNERS}/{id}/suivi")
}

/// `/benevole/seances/{visit}/fiche/{learner}`
pub fn hand_off(visit: i32, learner: i32) -> String {
    format!("/benevole/seances/{visit}/fiche/{learner}")
}

/// `/invitation/{token}`
pub fn invitation(token: &str) -> String {
    format!("/invitation/{token}")
}

/// `/formateur/editer?fichier={file}` (the file's path is not encoded, as before).
pub fn editor(file: &str) -> String {
    format!("{EDITOR}?fichier={file}")
}

/// The editor, at a line of the file.
pub fn editor_at_line(file: &str, line: usize) -> String {
    format!("{EDITOR}?fichier={file}&ligne={line}#editeur")
}

/// `/formateur/apercu?fichier={file}`
pub fn preview(file: &str) -> String {
    format!("{PREVIEW}?fichier={file}")
}

/// `/medias/{module}/{path}`: an image of a module.
pub fn media(module: &str, path: &str) -> String {
    format!("/medias/{module}/{path}")
}

/// `/audio/{key}.mp3`: a step read aloud, named by the hash of what is read (the same
/// address for the same text and voice; a new one when either changes).
pub fn audio(key: &str) -> String {
    format!("/audio/{key}.mp3")
}

/// Percent-encodes a path for a query parameter.
pub fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A path on this site (`/…`), never another site: where a page may send the browser back
/// to after a form or a sign-in (`suite`, `retour`, `back`).
///
/// Browsers forgive a lot in an address: they drop tabs and line breaks anywhere, read `\`
/// as `/`, and take `//host` (or `/\host`, `/\t/host`) as another site. So a path is
/// accepted only if it has no control character, whitespace or backslash, is not
/// scheme-relative, and, parsed as a URL against this site, stays on this site; and the
/// same holds for its percent-decoded form (in case some page decodes it once more).
pub fn is_local_path(path: &str) -> bool {
    fn plain(path: &str) -> bool {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path
                .chars()
                .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    }
    if !plain(path) {
        return false;
    }
    // The decoded form: only its path matters (a query may carry encoded spaces). (Form
    // decoding reads `+` as a space: keep it a `+`.)
    let encoded = format!("p={}", path.replace('+', "%2B"));
    let decoded: String = url::form_urlencoded::parse(encoded.as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let decoded_path = decoded.split(['?', '#']).next().unwrap_or_default();
    if !plain(decoded_path) {
        return false;
    }
    const BASE: &str = "http://pas-a-pas.invalid/";
    let Ok(base) = url::Url::parse(BASE) else {
        return false;
    };
    [path, decoded_path].iter().all(|p| {
        base.join(p)
            .is_ok_and(|u| u.origin() == base.origin() && u.username().is_empty())
    })
}

/// A step by its stable slugs: the one way to name a step, from the form to the database.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StepRef {
    pub module: String,
    pub lesson: String,
    pub step: String,
}

impl StepRef {
    pub fn new(
        module: impl Into<String>,
        lesson: impl Into<String>,
        step: impl Into<String>,
    ) -> Self {
        Self {
            module: module.into(),
            lesson: lesson.into(),
            step: step.into(),
        }
    }

    /// The step's page.
    pub fn href(&self) -> String {
        step(&self.module, &self.lesson, &self.step)
    }

    /// The lesson the step belongs to.
    pub fn lesson_href(&self) -> String {
        lesson(&self.module, &self.lesson)
    }

    /// The end of the step's lesson.
    pub fn end_href(&self) -> String {
        lesson_end(&self.module, &self.lesson)
    }

    /// The exercise `id` of this step with its screen: `…?ex={id}&{query}#exercice-{id}`.
    pub fn exercise_href(&self, id: &str, query: &str) -> String {
        format!("{}?ex={id}&{query}#exercice-{id}", self.href())
    }

    /// `/modules/{m}/{l}/{s}`: exactly three segments, the last not `fin`. Borrows (the
    /// step cache looks at every request).
    pub fn parts_of_path(path: &str) -> Option<(&str, &str, &str)> {
        let mut parts = path.strip_prefix("/modules/")?.split('/');
        let (module, lesson, step) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || step == "fin" {
            return None;
        }
        Some((module, lesson, step))
    }
}

/// Where the forms of a step's content go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepTarget {
    /// A learner: answers recorded, then explained on the same step; exercises played.
    Player(StepRef),
    /// A trainer's preview: explained, nothing recorded; exercises shown but not played.
    Preview { file: String, step: String },
    /// The preview beside the editor: explained there, with the text being typed (`draft`,
    /// the key of the kept text) so that answering loses nothing.
    Editor {
        file: String,
        step: String,
        draft: Option<String>,
    },
}

/// The query key of a word shown on a step the learner was sent to (`?info=…`).
pub const STEP_INFO_KEY: &str = "info";
/// The step asked for was in the lesson and is no more (a trainer edited it).
pub const STEP_INFO_MOVED: &str = "etape-changee";
/// The step asked for was never seen there (a mistyped or old address).
pub const STEP_INFO_UNKNOWN: &str = "etape-introuvable";

/// `href` (a step's address) with the word [`STEP_INFO_KEY`]`=info`.
pub fn with_step_info(href: &str, info: &str) -> String {
    format!("{href}?{STEP_INFO_KEY}={info}")
}

/// A public share link's page (its JSON: the same with `.json`).
pub fn shared(token: &str) -> String {
    format!("{SHARED_PREFIX}{token}")
}

/// The statistics page for a period, with `extra` query pairs (already encoded).
pub fn stats_period(from: &str, to: &str, extra: &str) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("du", from).append_pair("au", to);
    let sep = if extra.is_empty() { "" } else { "&" };
    format!("{STATS}?{}{sep}{extra}#{SHARE_ANCHOR}", query.finish())
}

/// A volunteer's secret calendar address.
pub fn calendar_feed(token: &str) -> String {
    format!("/calendrier/{token}.ics")
}

/// An appointment of the agenda.
/// The slots proposed to a learner already followed.
pub fn book_for(learner: i32) -> String {
    format!("{BOOK}?apprenant={learner}")
}

pub fn appointment(id: i32) -> String {
    format!("/benevole/agenda/rdv/{id}")
}

/// The learner's slip of an appointment (a group session's: one learner's).
pub fn appointment_slip(id: i32, learner: Option<i32>) -> String {
    match learner {
        Some(l) => format!("/benevole/agenda/rdv/{id}/fiche?apprenant={l}"),
        None => format!("/benevole/agenda/rdv/{id}/fiche"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_write_todays_addresses() {
        assert_eq!(module("email"), "/modules/email");
        assert_eq!(lesson("email", "ouvrir"), "/modules/email/ouvrir");
        assert_eq!(lesson_end("email", "ouvrir"), "/modules/email/ouvrir/fin");
        assert_eq!(
            step("email", "ouvrir", "debut"),
            "/modules/email/ouvrir/debut"
        );
        assert_eq!(learner(7), "/benevole/apprenants/7");
        assert_eq!(learner_card(7), "/benevole/apprenants/7/carte");
        assert_eq!(learner_visit(7), "/benevole/apprenants/7/seance");
        assert_eq!(
            learner_data(7, false),
            "/benevole/apprenants/7/donnees.json"
        );
        assert_eq!(learner_data(7, true), "/benevole/apprenants/7/donnees.csv");
        assert_eq!(visit(3), "/benevole/seances/3");
        assert_eq!(hand_off(3, 7), "/benevole/seances/3/fiche/7");
        assert_eq!(invitation("abc"), "/invitation/abc");
        assert_eq!(
            editor("email/ouvrir.md"),
            "/formateur/editer?fichier=email/ouvrir.md"
        );
        assert_eq!(
            editor_at_line("email/ouvrir.md", 12),
            "/formateur/editer?fichier=email/ouvrir.md&ligne=12#editeur"
        );
        assert_eq!(
            preview("email/ouvrir.md"),
            "/formateur/apercu?fichier=email/ouvrir.md"
        );
        assert_eq!(media("email", "images/a.png"), "/medias/email/images/a.png");
        assert_eq!(encode_component("a b/é?"), "a%20b/%C3%A9%3F");
        assert_eq!(audio("ab12"), "/audio/ab12.mp3");
        assert_eq!(territory(4), "/programme/territoires/4");
        assert_eq!(
            programme_period("2026-01-01", "2026-12-31"),
            "/programme?du=2026-01-01&au=2026-12-31#rapport"
        );
    }

    #[test]
    fn each_person_lands_on_their_main_role() {
        assert_eq!(staff_home(true, false, None), DASHBOARD);
        assert_eq!(staff_home(true, true, None), DASHBOARD);
        assert_eq!(staff_home(false, true, None), TRAINER);
        assert_eq!(staff_home(false, false, Some(PROGRAMME)), PROGRAMME);
        assert_eq!(staff_home(true, false, Some(PROGRAMME)), PROGRAMME);
        let north = territory(3);
        assert_eq!(staff_home(false, false, Some(&north)), north);
        assert_eq!(
            staff_home(true, false, Some(&north)),
            DASHBOARD,
            "a coordinator of a territory who follows learners too"
        );
    }

    #[test]
    fn a_step_ref_names_its_pages() {
        let s = StepRef::new("email", "ouvrir", "debut");
        assert_eq!(s.href(), "/modules/email/ouvrir/debut");
        assert_eq!(s.lesson_href(), "/modules/email/ouvrir");
        assert_eq!(s.end_href(), "/modules/email/ouvrir/fin");
        assert_eq!(
            s.exercise_href("boite", "ecran=lire&message=2"),
            "/modules/email/ouvrir/debut?ex=boite&ecran=lire&message=2#exercice-boite"
        );
    }

    #[test]
    fn only_a_steps_path_has_parts() {
        assert_eq!(
            StepRef::parts_of_path("/modules/m/l/s"),
            Some(("m", "l", "s"))
        );
        assert_eq!(StepRef::parts_of_path("/modules/m/l/fin"), None);
        assert_eq!(StepRef::parts_of_path("/modules/m/l"), None);
        assert_eq!(StepRef::parts_of_path("/modules/m/l/s/x"), None);
        assert_eq!(StepRef::parts_of_path("/carnet/m/l/s"), None);
    }

    #[test]
    fn the_not_saved_message_keeps_the_query_and_anchor() {
        assert_eq!(
            not_saved_href("/modules/m/l/s"),
            "/modules/m/l/s?enregistrement=echec#non-enregistre"
        );
        assert_eq!(
            not_saved_href("/modules/m/l/s?reponse=q:a#retour-q"),
            "/modules/m/l/s?reponse=q:a&enregistrement=echec#retour-q"
        );
    }

    #[test]
    fn paths_of_this_site_are_local() {
        for ok in [
            "/",
            "/modules/email-la-poste/adresse-enveloppe/adresse",
            "/mes-donnees",
            "/confort?confort=ok",
            "/connexion?suite=%2Fcarnet",
            "/formateur/editer?fichier=email-la-poste%2Fadresse.md&q=a%20b",
            "/modules/x#exercice-1",
            "/a+b",
        ] {
            assert!(is_local_path(ok), "{ok:?} should be local");
        }
    }

    #[test]
    fn anything_that_could_leave_the_site_is_refused() {
        for bad in [
            "",
            "evil.example",
            "https://evil.example",
            "http://evil.example/",
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "\t//evil.example",
            " /x",
            "/ /evil.example",
            "/\u{0}/evil.example",
            "/\u{a0}/evil.example",
            "/\u{3000}/evil.example",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/%5c%5cevil.example",
            "/%20/evil.example",
            "/%E3%80%80/evil.example",
        ] {
            assert!(!is_local_path(bad), "{bad:?} should be refused");
        }
    }
}
