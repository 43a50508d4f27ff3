//! The pretend mailbox: the inbox, an open message, the compose screen.

use leptos::prelude::*;

use super::action::{ExerciseForm, link};
use super::fake::FakeQuestion;
use crate::model::{ComposeView, MailScreen, MailboxView, OpenMessage};
use crate::paths::StepRef;
use crate::text;

#[component]
pub(super) fn Mailbox(m: MailboxView, place: Option<(StepRef, String)>) -> impl IntoView {
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
