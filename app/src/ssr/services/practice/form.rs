//! `exercice formulaire`: the pretend public-service site's screens (sign-in, the form's
//! screens, the summary), and what each post leads to.

use super::params::{Attempt, Params, Submitted, Upload, get, p, text};
use super::store::Progress;
use crate::model::{ExerciseScreen, FormFieldView, FormScreen, FormView};
use crate::ssr::content::exercise::{FieldKind, FieldMistake, FileKind, Form, check_field_value};
use crate::ssr::content::slug;

/// The pretend site as the step shows it.
pub(super) fn view(f: &Form, params: &Params, kept: Option<&Progress>) -> ExerciseScreen {
    ExerciseScreen::Form(FormView {
        service: f.service.clone(),
        address: pretend_address(f),
        identity_button: f.signs_in(),
        creates_account: f.creation_de_compte,
        instructions: f.consigne.clone(),
        screen: screen(f, params, kept),
    })
}

/// The pretend site's address, made from its name: `https://mon-compte-sante.exemple.fr`
/// (`exemple.fr` names no real site).
fn pretend_address(f: &Form) -> String {
    let name = f.service.replace("(exercice)", "");
    let mut slug = slug::slugify(&name);
    slug.truncate(40);
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { "site" } else { slug };
    format!("https://{slug}.exemple.fr")
}

fn screen(f: &Form, params: &Params, kept: Option<&Progress>) -> FormScreen {
    // A site without a sign-in page (creating an account) starts at its first screen.
    let fresh = Progress {
        signed_in: true,
        ..Default::default()
    };
    let kept = kept
        .filter(|k| k.signed_in)
        .or((!f.signs_in()).then_some(&fresh));
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
    let step_screen = |n: usize| {
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
                value: match field.kind {
                    FieldKind::Fichier => file_name.clone(),
                    // A password is never sent back to the page: after a mistake the
                    // field is empty again, as on a real site.
                    FieldKind::MotDePasse => String::new(),
                    _ => value(&field.nom),
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
            carried: carried.clone(),
        }
    };
    let first = if f.signs_in() { "connexion" } else { "1" };
    match get(params, "ecran").unwrap_or(first) {
        "fini" if kept.passed >= f.etapes.len() => FormScreen::Done,
        "confirmer" if kept.passed >= f.etapes.len() => FormScreen::Confirm {
            rows: f
                .etapes
                .iter()
                .flat_map(|s| &s.champs)
                .map(|field| {
                    let shown = match field.kind {
                        FieldKind::Fichier => file_name.clone(),
                        // Real sites never show a password again, nor its length.
                        FieldKind::MotDePasse if value(&field.nom).is_empty() => String::new(),
                        FieldKind::MotDePasse => crate::text::FORM_PASSWORD_HIDDEN.to_string(),
                        _ => value(&field.nom),
                    };
                    (field.libelle.clone(), shown)
                })
                .collect(),
            carried,
        },
        n => match n.parse::<usize>() {
            Ok(n) if (1..=f.etapes.len()).contains(&n) && n <= kept.passed + 1 => step_screen(n),
            _ if !f.signs_in() && !f.etapes.is_empty() => step_screen(1),
            _ => sign_in(false),
        },
    }
}

pub(super) fn submit(
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
    let default_screen = if f.signs_in() { "connexion" } else { "1" };
    let screen = get(fields, "ecran").unwrap_or(default_screen);
    if screen == "connexion" && f.signs_in() {
        let identifier = text(fields, "identifiant");
        // The pretend "Se connecter avec …" button signs in with an account "already had".
        let right = get(fields, "identite") == Some("1")
            || (Some(identifier.trim()) == f.identifiant.as_deref()
                && Some(text(fields, "mot-de-passe").as_str()) == f.mot_de_passe.as_deref());
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
    // Any later screen: only with what the server saw (signed in, screens passed); a site
    // without a sign-in page starts afresh.
    let kept = kept.filter(|k| k.signed_in).or_else(|| {
        (!f.signs_in()).then(|| Progress {
            exercise: id.to_string(),
            owner,
            signed_in: true,
            ..Default::default()
        })
    });
    let Some(mut kept) = kept else {
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
