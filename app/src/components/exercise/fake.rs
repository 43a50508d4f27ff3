//! "Vrai ou arnaque ?": the message or address to judge, and the answer.

use leptos::prelude::*;

use super::action::ExerciseForm;
use crate::model::{FakeAnswer, FakeView};
use crate::paths::StepRef;
use crate::text;

#[component]
pub(super) fn FakeQuestion(
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
pub(super) fn Fake(f: FakeView, place: Option<(StepRef, String)>) -> impl IntoView {
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
