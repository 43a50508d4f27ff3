//! The pretend mailbox, laid out as the common webmails are: a pretend browser window, the
//! folders on the side ("Boîte de réception", "Messages envoyés"), the list of messages
//! with the unread ones in bold and a paperclip beside those with an attachment, an open
//! message, the compose screen with its "Joindre un fichier" button.

use leptos::prelude::*;

use super::action::ExerciseForm;
use super::browser::{BrowserWindow, Paperclip};
use super::fake::FakeQuestion;
use crate::model::{ComposeView, MailScreen, MailSummary, MailboxView, OpenMessage};
use crate::paths::StepRef;
use crate::text;

type Place = Option<(StepRef, String)>;

/// A link inside the pretend site (a plain label in a preview): styled as the site's, not
/// as the lesson's buttons. `carry` keeps what was read and what the server kept.
fn site_link(
    place: &Place,
    query: &str,
    carry: &str,
    class: &'static str,
    label: AnyView,
) -> AnyView {
    match place {
        Some(p) => {
            let query = if carry.is_empty() {
                query.to_string()
            } else {
                format!("{query}&{carry}")
            };
            view! { <a class=class href=p.0.exercise_href(&p.1, &query)>{label}</a> }.into_any()
        }
        None => view! { <span class=class>{label}</span> }.into_any(),
    }
}

#[component]
pub(super) fn Mailbox(m: MailboxView, place: Place) -> impl IntoView {
    let carry = m.carry.clone();
    let unread = m.inbox.iter().filter(|s| s.unread).count();
    let in_sent = matches!(
        m.screen,
        MailScreen::SentFolder(_) | MailScreen::Sent { .. }
    );
    let screen = match m.screen {
        MailScreen::Inbox => {
            view! { <Inbox inbox=m.inbox place=place.clone() carry=carry.clone()/> }.into_any()
        }
        MailScreen::Message(msg) => {
            view! { <MailMessage msg place=place.clone() carry=carry.clone()/> }.into_any()
        }
        MailScreen::Compose(c) => {
            view! { <Compose c place=place.clone() carried=m.carried/> }.into_any()
        }
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
        }
        .into_any(),
        MailScreen::SentFolder(sent) => view! { <SentFolder sent/> }.into_any(),
    };
    let inbox_label = if unread > 0 {
        format!("{} ({unread})", text::MAIL_INBOX)
    } else {
        text::MAIL_INBOX.to_string()
    };
    let folders = view! {
        <nav class="webmail-folders" aria-label=text::MAIL_FOLDERS>
            {m.can_write.then(|| site_link(&place, "vue=ecrire", &carry, "webmail-write",
                view! { {text::MAIL_WRITE} }.into_any()))}
            <ul>
                <li class:current=!in_sent>{site_link(&place, "vue=boite", &carry, "webmail-folder",
                    view! { {inbox_label} }.into_any())}</li>
                {m.can_write.then(|| view! {
                    <li class:current=in_sent>{site_link(&place, "vue=envoyes", &carry, "webmail-folder",
                        view! { {text::MAIL_SENT_FOLDER} }.into_any())}</li>
                })}
            </ul>
        </nav>
    };
    view! {
        <div class="pretend pretend-mail">
            <p class="pretend-banner">{text::MAIL_BANNER}</p>
            <p class="exercise-goal"><strong>{text::EXERCISE_GOAL}</strong> " " {m.instructions}</p>
            <BrowserWindow address=text::MAIL_PRETEND_ADDRESS.to_string()>
                <div class="webmail">
                    {folders}
                    <div class="webmail-main">{screen}</div>
                </div>
            </BrowserWindow>
        </div>
    }
}

#[component]
fn Inbox(inbox: Vec<MailSummary>, place: Place, carry: String) -> impl IntoView {
    view! {
        <h3>{text::MAIL_INBOX}</h3>
        <ul class="webmail-list">
            {inbox.into_iter().map(|s| {
                let label = view! {
                    <span class="webmail-from">
                        {s.unread.then(|| view! { <span class="visually-hidden">{text::MAIL_UNREAD}</span> })}
                        {s.from}
                    </span>
                    <span class="webmail-subject">{s.subject}</span>
                    {s.has_attachment.then(|| view! {
                        <Paperclip/>
                        <span class="visually-hidden">{text::MAIL_HAS_ATTACHMENT}</span>
                    })}
                }
                .into_any();
                let class = if s.unread { "webmail-row unread" } else { "webmail-row" };
                view! { <li>{site_link(&place, &format!("vue=message-{}", s.number), &carry, class, label)}</li> }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn SentFolder(sent: Option<(String, String, Option<String>)>) -> impl IntoView {
    view! {
        <h3>{text::MAIL_SENT_FOLDER}</h3>
        {match sent {
            None => view! { <p>{text::MAIL_SENT_EMPTY}</p> }.into_any(),
            Some((to, subject, attachment)) => view! {
                <ul class="webmail-list">
                    <li><span class="webmail-row">
                        <span class="webmail-from">{format!("{} {to}", text::MAIL_TO)}</span>
                        <span class="webmail-subject">{subject}</span>
                        {attachment.map(|a| view! {
                            <Paperclip/>
                            <span class="visually-hidden">{format!(" {} {a}", text::MAIL_ATTACHMENT)}</span>
                        })}
                    </span></li>
                </ul>
                <p>{text::MAIL_SENT_NOTE}</p>
            }
            .into_any(),
        }}
    }
}

#[component]
fn MailMessage(msg: OpenMessage, place: Place, carry: String) -> impl IntoView {
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
            <p class="webmail-attachment"><Paperclip/> {format!("{} {name} ", text::MAIL_ATTACHMENT)}
                {site_link(&place, &format!("vue=message-{n}&ouvrir=1"), &carry, "webmail-link",
                    view! { {text::MAIL_OPEN} }.into_any())}
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
        {site_link(&place, "vue=boite", &carry, "webmail-link", view! { {text::MAIL_BACK} }.into_any())}
    }
}

#[component]
fn Compose(c: ComposeView, place: Place, carried: Vec<(String, String)>) -> impl IntoView {
    let id = place.as_ref().map_or_else(String::new, |p| p.1.clone());
    let f = move |name: &str| format!("{id}-{name}");
    let hints_id = f("conseils");
    let has_hints = !c.hints.is_empty();
    let attached = c.attached.map(|name| {
        view! {
            <div class="webmail-attached">
                <p><Paperclip/> <strong>{text::MAIL_ATTACHED_KEPT}</strong> " " {name}</p>
                <div class="choice-inline">
                    <input type="checkbox" id=f("retirer") name="retirer" value="1"/>
                    <label for=f("retirer")>{text::MAIL_ATTACHED_REMOVE}</label>
                </div>
                <p class="hint">{text::MAIL_ATTACHED_OTHER}</p>
            </div>
        }
    });
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
            {carried.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v/> }).collect_view()}
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
            {attached}
            <div class="field attach">
                <input type="file" class="attach-input" id=f("fichier") name="fichier"
                    aria-describedby=f("fichier-aide")
                    accept=(!c.accept.is_empty()).then_some(c.accept)/>
                <label for=f("fichier") class="attach-button"><Paperclip/> {text::MAIL_ATTACH}</label>
                <p class="hint" id=f("fichier-aide")>{text::MAIL_ATTACH_HINT}</p>
            </div>
            <button type="submit" class="webmail-send">{text::MAIL_SEND}</button>
        </ExerciseForm>
    }
}
