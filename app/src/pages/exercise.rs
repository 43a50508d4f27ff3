//! Practice exercises inside a step: the pretend mailbox, the pretend public-service site,
//! "vrai ou arnaque ?" and mouse practice. Every screen is server-rendered; every action is
//! a plain form posted to [`EXERCISE`] (multipart, so a real file can be attached)
//! that answers with the step's URL carrying the next screen. A small script
//! (`/exercices.js`) adds what needs JavaScript: the double-click and the drag.

use leptos::prelude::*;
use leptos_meta::Script;

use crate::model::{
    ComposeView, ExerciseScreen, ExerciseView, FakeAnswer, FakeView, FieldKind, FormFieldView,
    FormScreen, FormView, MailScreen, MailboxView, MouseView, OpenMessage,
};
use crate::paths::{EXERCISE, StepRef, StepTarget};
use crate::text::{self, plural};

/// The files a pretend public-service site accepts: a photo or a document (a hint for the
/// file dialog; the server checks every file).
const FORM_ACCEPT: &str = "image/png,image/jpeg,image/gif,image/webp,.png,.jpg,.jpeg,.gif,.webp,\
    application/pdf,.pdf,.docx,.odt,.xlsx,.ods,.txt,.csv";

#[component]
pub fn ExerciseBlock(exercise: ExerciseView, target: StepTarget) -> impl IntoView {
    // Where the exercise lives: the step and the exercise's id (a learner), or nowhere (a
    // trainer's preview, where the exercise is shown but not played).
    let place = match target {
        StepTarget::Player(step) => Some((step, exercise.id.clone())),
        StepTarget::Preview { .. } | StepTarget::Editor { .. } => None,
    };
    let section_id = format!("exercice-{}", exercise.id);
    let preview = place.is_none();
    let body = match exercise.screen {
        ExerciseScreen::Mailbox(m) => view! { <Mailbox m place/> }.into_any(),
        ExerciseScreen::Form(f) => view! { <PublicForm f place/> }.into_any(),
        ExerciseScreen::Fake(f) => view! { <Fake f place/> }.into_any(),
        ExerciseScreen::Mouse(m) => view! { <Mouse m place/> }.into_any(),
    };
    view! {
        <section class="exercise" id=section_id aria-label=text::EXERCISE>
            {preview.then(|| view! { <p class="hint">{text::EXERCISE_PREVIEW}</p> })}
            <fieldset class="exercise-body" disabled=preview>
                <legend class="visually-hidden">{text::EXERCISE}</legend>
                {body}
            </fieldset>
        </section>
    }
}

/// The opening of an exercise form: where it posts and which exercise it is.
#[component]
fn ExerciseForm(place: Option<(StepRef, String)>, children: Children) -> impl IntoView {
    let hidden = place.map(|p| {
        view! {
            <input type="hidden" name="module" value=p.0.module/>
            <input type="hidden" name="lesson" value=p.0.lesson/>
            <input type="hidden" name="step" value=p.0.step/>
            <input type="hidden" name="ex" value=p.1/>
            <crate::components::owner::OwnerField/>
        }
    });
    view! {
        <form method="post" action=EXERCISE enctype="multipart/form-data" class="form">
            {hidden}
            {children()}
        </form>
    }
}

fn link(place: &Option<(StepRef, String)>, query: &str, label: String) -> AnyView {
    match place {
        Some(p) => {
            view! { <a class="button" href=p.0.exercise_href(&p.1, query)>{label}</a> }.into_any()
        }
        None => view! { <span class="button">{label}</span> }.into_any(),
    }
}

#[component]
fn Mailbox(m: MailboxView, place: Option<(StepRef, String)>) -> impl IntoView {
    let inbox = m.inbox.clone();
    let screen = match m.screen {
        MailScreen::Inbox => view! {
            <h3>{text::MAIL_INBOX}</h3>
            <ul class="mail-list">
                {inbox.into_iter().map(|s| {
                    let label = format!("{} — {}{}", s.from, s.subject,
                        if s.has_attachment { text::MAIL_HAS_ATTACHMENT } else { "" });
                    view! { <li>{link(&place, &format!("vue=message-{}", s.number), label)}</li> }
                }).collect_view()}
            </ul>
            {m.can_write.then(|| link(&place, "vue=ecrire", text::MAIL_WRITE.into()))}
        }
        .into_any(),
        MailScreen::Message(msg) => view! { <MailMessage msg place=place.clone()/> }.into_any(),
        MailScreen::Compose(c) => view! { <Compose c place=place.clone()/> }.into_any(),
        MailScreen::Sent {
            to,
            subject,
            attachment,
        } => view! {
            <div class="feedback feedback-right" role="status" tabindex="-1">
                <p class="feedback-title">{text::MAIL_SENT}</p>
                <p>{format!("{} {to}", text::MAIL_TO)}</p>
                <p>{format!("{} {subject}", text::MAIL_SUBJECT)}</p>
                {attachment.map(|a| view! { <p>{format!("{} {a}", text::MAIL_ATTACHMENT)}</p> })}
                <p>{text::MAIL_SENT_NOTE}</p>
            </div>
            {link(&place, "vue=boite", text::MAIL_BACK.into())}
        }
        .into_any(),
    };
    view! {
        <div class="pretend pretend-mail">
            <p class="pretend-banner">{text::MAIL_BANNER}</p>
            <p class="exercise-goal"><strong>{text::EXERCISE_GOAL}</strong> " " {m.instructions}</p>
            {screen}
        </div>
    }
}

#[component]
fn MailMessage(msg: OpenMessage, place: Option<(StepRef, String)>) -> impl IntoView {
    let n = msg.number;
    let attachment = msg.attachment.map(|(name, content)| match content {
        Some(c) => view! {
            <div class="pretend-document">
                <p><strong>{format!("{} {name}", text::MAIL_ATTACHMENT)}</strong></p>
                <p class="pretend-document-text">{c}</p>
            </div>
        }
        .into_any(),
        None => view! {
            <p>{format!("{} {name} ", text::MAIL_ATTACHMENT)}
                {link(&place, &format!("vue=message-{n}&ouvrir=1"), text::MAIL_OPEN.into())}
            </p>
        }
        .into_any(),
    });
    let fake = msg.fake.map(|answer| {
        let form_place = place.clone();
        view! {
            <FakeQuestion answer place=form_place message=Some(n)/>
        }
    });
    view! {
        <article class="mail-message">
            <h3>{msg.subject}</h3>
            <p>{format!("{} {} <{}>", text::MAIL_FROM, msg.from, msg.address)}</p>
            <p class="mail-text">{msg.text}</p>
            {attachment}
        </article>
        {fake}
        {link(&place, "vue=boite", text::MAIL_BACK.into())}
    }
}

#[component]
fn Compose(c: ComposeView, place: Option<(StepRef, String)>) -> impl IntoView {
    let id = place.as_ref().map_or_else(String::new, |p| p.1.clone());
    let f = move |name: &str| format!("{id}-{name}");
    let hints_id = f("conseils");
    let has_hints = !c.hints.is_empty();
    view! {
        <h3>{text::MAIL_NEW}</h3>
        {has_hints.then(|| view! {
            <div class="message error-message" role="alert" id=hints_id.clone()>
                <p>{text::MAIL_NOT_YET}</p>
                <ul>{c.hints.iter().map(|&h| view! { <li>{text::exercises::mail_hint(h, &c.expected_to, c.attachment)}</li> }).collect_view()}</ul>
                {c.attach_again.then(|| view! { <p>{text::MAIL_ATTACH_AGAIN}</p> })}
            </div>
        })}
        <ExerciseForm place=place.clone()>
            <div class="field">
                <label for=f("a")>{text::MAIL_TO_LABEL}</label>
                <input type="text" id=f("a") name="a" value=c.to autocomplete="off" spellcheck="false"
                    aria-describedby=has_hints.then(|| hints_id.clone())/>
            </div>
            <div class="field">
                <label for=f("objet")>{text::MAIL_SUBJECT_LABEL}</label>
                <input type="text" id=f("objet") name="objet" value=c.subject autocomplete="off"/>
            </div>
            <div class="field">
                <label for=f("texte")>{text::MAIL_TEXT_LABEL}</label>
                <textarea id=f("texte") name="texte" rows="5">{crate::components::text_area::escaped(&c.text)}</textarea>
            </div>
            <div class="field">
                <label for=f("fichier")>{text::MAIL_ATTACH}</label>
                <p class="hint" id=f("fichier-aide")>{text::MAIL_ATTACH_HINT}</p>
                <input type="file" id=f("fichier") name="fichier" aria-describedby=f("fichier-aide")
                    accept=(!c.accept.is_empty()).then_some(c.accept)/>
            </div>
            <button type="submit" class="button primary">{text::MAIL_SEND}</button>
        </ExerciseForm>
        {link(&place, "vue=boite", text::MAIL_BACK.into())}
    }
}

#[component]
fn FakeQuestion(
    answer: FakeAnswer,
    place: Option<(StepRef, String)>,
    message: Option<usize>,
) -> impl IntoView {
    match answer {
        FakeAnswer::Asked => view! {
            <ExerciseForm place>
                {message.map(|n| view! { <input type="hidden" name="message" value=n.to_string()/> })}
                <p class="exercise-question"><strong>{text::FAKE_QUESTION}</strong></p>
                <div class="actions">
                    <button type="submit" name="reponse" value="vrai" class="button">{text::FAKE_REAL}</button>
                    <button type="submit" name="reponse" value="arnaque" class="button">{text::FAKE_SCAM}</button>
                </div>
            </ExerciseForm>
        }
        .into_any(),
        FakeAnswer::Answered { right, scam, clues } => view! {
            <div class=if right { "feedback feedback-right" } else { "feedback feedback-wrong" }
                role="status" tabindex="-1">
                <p class="feedback-title">
                    {if right { text::FEEDBACK_RIGHT } else { text::FAKE_WRONG }} " "
                    {if scam { text::FAKE_IT_IS_SCAM } else { text::FAKE_IT_IS_REAL }}
                </p>
                <p>{text::FAKE_CLUES}</p>
                <ul>{clues.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
    }
}

#[component]
fn Fake(f: FakeView, place: Option<(StepRef, String)>) -> impl IntoView {
    view! {
        <div class="pretend pretend-fake">
            <p class="exercise-goal"><strong>{f.question}</strong></p>
            <div class="mail-message">
                {f.from.map(|x| view! { <p>{format!("{} {x}", text::MAIL_FROM)}</p> })}
                {f.subject.map(|x| view! { <p><strong>{format!("{} {x}", text::MAIL_SUBJECT)}</strong></p> })}
                {f.address.map(|x| view! { <p>{text::FAKE_ADDRESS} " " <code class="fake-address">{x}</code></p> })}
                {f.text.map(|x| view! { <p class="mail-text">{x}</p> })}
            </div>
            <FakeQuestion answer=f.answer place message=None/>
        </div>
    }
}

#[component]
fn PublicForm(f: FormView, place: Option<(StepRef, String)>) -> impl IntoView {
    let id = place.as_ref().map_or_else(String::new, |p| p.1.clone());
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
                    <button type="submit" class="button primary">{text::FORM_SIGN_IN_BUTTON}</button>
                </ExerciseForm>
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
                <button type="submit" class="button primary">{text::FORM_NEXT}</button>
            </ExerciseForm>
        }
        .into_any(),
        FormScreen::Confirm { rows, carried } => view! {
            <h3>{text::FORM_CONFIRM}</h3>
            <dl class="form-summary">
                {rows.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
            </dl>
            <ExerciseForm place=place.clone()>
                <input type="hidden" name="ecran" value="confirmer"/>
                {carried.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v/> }).collect_view()}
                <button type="submit" class="button primary">{text::FORM_SEND}</button>
            </ExerciseForm>
        }
        .into_any(),
        FormScreen::Done => view! {
            <div class="feedback feedback-right" role="status" tabindex="-1">
                <p class="feedback-title">{text::FORM_DONE}</p>
                <p>{text::FORM_DONE_NOTE}</p>
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="pretend pretend-site">
            <p class="pretend-banner">{text::FORM_BANNER}</p>
            <p class="pretend-site-name">{f.service}</p>
            <p class="exercise-goal"><strong>{text::EXERCISE_GOAL}</strong> " " {f.instructions}</p>
            {screen}
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
            <input type="file" id=input_id.clone() name="fichier" accept=FORM_ACCEPT
                aria-describedby=described aria-invalid=invalid/>
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

#[component]
fn Mouse(m: MouseView, place: Option<(StepRef, String)>) -> impl IntoView {
    let done: Vec<String> = m
        .gestures
        .iter()
        .filter(|g| g.done)
        .map(|g| g.code.clone())
        .collect();
    let done = done.join(",");
    let id = place.as_ref().map_or_else(String::new, |p| p.1.clone());
    let word = m.word.clone();
    let token = m.token.clone();
    view! {
        <Script src="/exercices.js" defer="defer"/>
        <div class="pretend pretend-mouse">
            {m.message.map(|outcome| text::exercises::gesture_outcome(outcome, &m.word)).map(|(ok, msg)| view! {
                <p class=if ok { "message success" } else { "message notice" } role="status">{msg}</p>
            })}
            <ol class="gestures">
                {m.gestures.into_iter().map(|g| {
                    let badge = g.done.then(|| view! { <span class="badge badge-ok">{text::GESTURE_DONE}</span> });
                    let code = g.code.clone();
                    let done = done.clone();
                    let token = token.clone();
                    let form = match code.as_str() {
                        "clic" => view! {
                            <p>{text::GESTURE_CLICK}</p>
                            <button type="submit" class="button primary">{text::GESTURE_CLICK_BUTTON}</button>
                        }.into_any(),
                        "double-clic" => view! {
                            <p>{text::GESTURE_DOUBLE}</p>
                            <input type="hidden" name="reussi" value="0"/>
                            // Without JavaScript, pressing it says "not tried" (the script makes it
                            // a plain button).
                            <button type="submit" name="sans-js" value="1" class="button gesture-target" data-geste="double-clic">{text::GESTURE_DOUBLE_BUTTON}</button>
                            <p class="hint needs-js">{text::GESTURE_DOUBLE_KEYBOARD}</p>
                            <p class="hint gesture-live" aria-live="polite"></p>
                        }.into_any(),
                        "glisser" => view! {
                            <p>{text::GESTURE_DRAG}</p>
                            <input type="hidden" name="reussi" value="0"/>
                            <div class="drag-area">
                                <div class="drag-letter" draggable="true" data-geste="glisser">{text::GESTURE_LETTER}</div>
                                <div class="drag-envelope">{text::GESTURE_ENVELOPE}</div>
                            </div>
                            <p class="hint needs-js">{text::GESTURE_DRAG_KEYBOARD} " "
                                <button type="submit" name="sans-js" value="1" class="button">{text::GESTURE_SKIP}</button>
                            </p>
                            <p class="hint gesture-live" aria-live="polite"></p>
                        }.into_any(),
                        "defiler" => view! {
                            <p>{text::GESTURE_SCROLL}</p>
                            <div class="scroll-box" tabindex="0" role="region" aria-label=text::GESTURE_SCROLL_BOX>
                                {(1..=12).map(|i| view! { <p>{format!("{} {i}", text::GESTURE_SCROLL_LINE)}</p> }).collect_view()}
                                <button type="submit" class="button primary">{text::GESTURE_SCROLL_BUTTON}</button>
                            </div>
                        }.into_any(),
                        _ => {
                            let input_id = format!("{id}-mot");
                            view! {
                                <label for=input_id.clone()>{format!("{} « {} »", text::GESTURE_TYPE, word)}</label>
                                <input type="text" id=input_id name="mot" autocomplete="off" spellcheck="false"/>
                                <button type="submit" class="button primary">{text::QUESTION_SUBMIT}</button>
                            }.into_any()
                        }
                    };
                    view! {
                        <li class="gesture">
                            <h3>{gesture_title(&code)} " " {badge}</h3>
                            <ExerciseForm place=place.clone()>
                                <input type="hidden" name="geste" value=code.clone()/>
                                <input type="hidden" name="jeton" value=token.clone()/>
                                <input type="hidden" name="fait" value=done.clone()/>
                                {form}
                            </ExerciseForm>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </div>
    }
}

fn gesture_title(code: &str) -> &'static str {
    match code {
        "clic" => text::GESTURE_CLICK_TITLE,
        "double-clic" => text::GESTURE_DOUBLE_TITLE,
        "glisser" => text::GESTURE_DRAG_TITLE,
        "defiler" => text::GESTURE_SCROLL_TITLE,
        _ => text::GESTURE_TYPE_TITLE,
    }
}
