//! Mouse and keyboard practice: the gestures, each with its try.

use leptos::prelude::*;
use leptos_meta::Script;

use super::action::ExerciseForm;
use crate::model::MouseView;
use crate::paths::StepRef;
use crate::text;

#[component]
pub(super) fn Mouse(m: MouseView, place: Option<(StepRef, String)>) -> impl IntoView {
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
