//! The pretend public-service site: sign-in, the form's screens, the summary.

use leptos::prelude::*;

use super::action::ExerciseForm;
use super::browser::BrowserWindow;
use crate::media::IMAGE_OR_DOCUMENT_ACCEPT;
use crate::model::{FieldKind, FormFieldView, FormScreen, FormView};
use crate::paths::StepRef;
use crate::text::{self, plural};

#[component]
pub(super) fn PublicForm(f: FormView, place: Option<(StepRef, String)>) -> impl IntoView {
    let id = place.as_ref().map_or_else(String::new, |p| p.1.clone());
    let account = f.creates_account;
    let identity = f.identity_button.then(|| {
        let note_id = format!("{id}-identite-note");
        let described = note_id.clone();
        view! {
            <p class="site-or">{text::FORM_OR}</p>
            <ExerciseForm place=place.clone()>
                <input type="hidden" name="ecran" value="connexion"/>
                <input type="hidden" name="identite" value="1"/>
                <button type="submit" class="identity-button" aria-describedby=described>
                    <span class="identity-emblem" aria-hidden="true"></span>
                    {text::FORM_IDENTITY_BUTTON}
                </button>
            </ExerciseForm>
            <p class="hint" id=note_id>{text::FORM_IDENTITY_NOTE}</p>
        }
    });
    let screen = match f.screen {
        FormScreen::SignIn { identifier, error, sign_in_first } => {
            let err_id = format!("{id}-connexion-erreur");
            view! {
                <h3>{text::FORM_SIGN_IN}</h3>
                {sign_in_first.then(|| view! {
                    <p class="message notice" role="status">{text::FORM_SIGN_IN_FIRST}</p>
                })}
                {error.then(|| view! {
                    <div class="message error-message" role="alert" id=err_id.clone()>
                        <p><strong>{text::FORM_SIGN_IN_ERROR}</strong></p>
                        <p>{text::FORM_SIGN_IN_ERROR_SIMPLE}</p>
                    </div>
                })}
                <ExerciseForm place=place.clone()>
                    <input type="hidden" name="ecran" value="connexion"/>
                    <div class="field">
                        <label for=format!("{id}-identifiant")>{text::FORM_IDENTIFIER}</label>
                        <input type="text" id=format!("{id}-identifiant") name="identifiant" value=identifier
                            autocomplete="off" aria-describedby=error.then(|| err_id.clone())/>
                    </div>
                    <div class="field">
                        <label for=format!("{id}-mdp")>{text::FORM_PASSWORD}</label>
                        <input type="password" id=format!("{id}-mdp") name="mot-de-passe" autocomplete="off"/>
                    </div>
                    <button type="submit" class="site-button">{text::FORM_SIGN_IN_BUTTON}</button>
                </ExerciseForm>
                {identity}
            }
            .into_any()
        }
        FormScreen::Step { number, count, title, text: intro, fields, carried } => view! {
            <h3>{format!("{} : {title}", plural::step_of(number, count))}</h3>
            {intro.map(|t| view! { <p>{t}</p> })}
            <ExerciseForm place=place.clone()>
                <input type="hidden" name="ecran" value=number.to_string()/>
                {carried.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v/> }).collect_view()}
                {fields.into_iter().map(|field| view! { <FormField field id=id.clone()/> }).collect_view()}
                <button type="submit" class="site-button">{text::FORM_NEXT}</button>
            </ExerciseForm>
        }
        .into_any(),
        FormScreen::Confirm { rows, carried } => view! {
            <h3>{if account { text::FORM_CONFIRM_ACCOUNT } else { text::FORM_CONFIRM }}</h3>
            <dl class="form-summary">
                {rows.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
            </dl>
            <ExerciseForm place=place.clone()>
                <input type="hidden" name="ecran" value="confirmer"/>
                {carried.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v/> }).collect_view()}
                <button type="submit" class="site-button">
                    {if account { text::FORM_CREATE_ACCOUNT } else { text::FORM_SEND }}
                </button>
            </ExerciseForm>
        }
        .into_any(),
        FormScreen::Done => view! {
            <div class="feedback feedback-right" role="status" tabindex="-1">
                <p class="feedback-title">
                    {if account { text::FORM_ACCOUNT_DONE } else { text::FORM_DONE }}
                </p>
                <p>{if account { text::FORM_ACCOUNT_DONE_NOTE } else { text::FORM_DONE_NOTE }}</p>
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="pretend pretend-site">
            <p class="pretend-banner">{text::FORM_BANNER}</p>
            <p class="exercise-goal"><strong>{text::EXERCISE_GOAL}</strong> " " {f.instructions}</p>
            <BrowserWindow address=f.address>
                <div class="site">
                    <p class="pretend-site-header">{f.service}</p>
                    <div class="pretend-site-body">{screen}</div>
                </div>
            </BrowserWindow>
        </div>
    }
}

#[component]
fn FormField(field: FormFieldView, id: String) -> impl IntoView {
    let input_id = format!("{id}-{}", field.name);
    let error_id = format!("{input_id}-erreur");
    let name = format!("v.{}", field.name);
    let described = field.error.is_some().then(|| error_id.clone());
    let invalid = field.error.is_some().then_some("true");
    let error = field.error.map(|mistake| {
        let (site, simple) =
            text::exercises::field_messages(mistake, field.kind, field.help.as_deref());
        view! {
            <div class="field-error" id=error_id.clone() role="alert">
                <p><strong>{site}</strong></p>
                <p>{text::FORM_MEANS} " " {simple}</p>
            </div>
        }
    });
    let hint = match field.kind {
        FieldKind::Montant => Some(text::FORM_AMOUNT_HINT),
        FieldKind::Date => Some(text::FORM_DATE_HINT),
        FieldKind::MotDePasse => Some(text::FORM_PASSWORD_HINT),
        _ => None,
    };
    let control = match field.kind {
        FieldKind::Choix => view! {
            <select id=input_id.clone() name=name aria-describedby=described aria-invalid=invalid>
                <option value="">{text::FORM_CHOOSE}</option>
                {field.choices.into_iter().map(|c| {
                    let selected = c == field.value;
                    view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        FieldKind::Fichier => view! {
            {(!field.value.is_empty()).then(|| view! {
                <p class="hint">{format!("{} {}", text::FORM_FILE_KEPT, field.value)}</p>
                <input type="hidden" name=name.clone() value=field.value.clone()/>
            })}
            <div class="attach">
                <input type="file" class="attach-input" id=input_id.clone() name="fichier"
                    accept=IMAGE_OR_DOCUMENT_ACCEPT aria-describedby=described aria-invalid=invalid/>
                <label for=input_id.clone() class="attach-button">
                    <super::browser::Paperclip/> {text::MAIL_ATTACH}
                </label>
            </div>
        }
        .into_any(),
        // Never filled back in: a real site empties a password field after a mistake.
        FieldKind::MotDePasse => view! {
            <input type="password" id=input_id.clone() name=name
                aria-describedby=described aria-invalid=invalid autocomplete="off"/>
        }
        .into_any(),
        _ => view! {
            <input type="text" id=input_id.clone() name=name value=field.value
                inputmode=(field.kind == FieldKind::Montant).then_some("decimal")
                aria-describedby=described aria-invalid=invalid autocomplete="off"/>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=input_id>
                {field.label}
                {field.required.then(|| view! { <span class="required">" " {text::FORM_REQUIRED}</span> })}
            </label>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            {error}
            {control}
        </div>
    }
}
