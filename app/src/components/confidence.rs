//! "Je me sens capable de … : pas du tout / un peu / oui, tout à fait".

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::learner::AnswerConfidence;
use crate::components::owner::OwnerField;
use crate::islands::submit_once::SubmitOnce;
use crate::model::{ConfidencePrompt, Moment};
use crate::text;

#[component]
pub fn ConfidenceForm(
    prompt: ConfidencePrompt,
    #[prop(optional)] empty: bool,
    /// The card's title, when the moment's own does not fit where it is asked.
    #[prop(optional)]
    title: Option<&'static str>,
) -> impl IntoView {
    // The level chosen when its save failed, ticked again.
    let kept = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get(crate::paths::KEPT_CONFIDENCE_KEY);
    let (title_of_moment, moment) = match prompt.moment {
        Moment::Start => (text::CONFIDENCE_BEFORE, "debut"),
        Moment::End => (text::CONFIDENCE_AFTER, "fin"),
    };
    let title = title.unwrap_or(title_of_moment);
    view! {
        <section class="card confidence" id="confiance" aria-labelledby="confiance-titre">
            <h2 id="confiance-titre">{title}</h2>
            <SubmitOnce>
                <form method="post" action=AnswerConfidence::url()>
                    <input type="hidden" name="module" value=prompt.module/>
                    <input type="hidden" name="moment" value=moment/>
                    <input type="hidden" name="back" value=prompt.back/>
                    <OwnerField/>
                    <fieldset aria-describedby=if empty { "confiance-aide confiance-erreur" } else { "confiance-aide" }>
                        <legend>{prompt.question}</legend>
                        <p class="hint" id="confiance-aide">{text::CONFIDENCE_HINT}</p>
                        {empty.then(|| view! {
                            <p class="message error-message" id="confiance-erreur" role="alert">{text::CONFIDENCE_EMPTY}</p>
                        })}
                        <div class="choices">
                            {text::CONFIDENCE_LEVELS.iter().enumerate().map(|(i, label)| {
                                let id = format!("confiance-{i}");
                                view! {
                                    <div class="choice">
                                        <input type="radio" name="level" value=i.to_string() id=id.clone()
                                            checked=kept.as_deref() == Some(i.to_string().as_str())/>
                                        <label for=id>{*label}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                    <button type="submit" class="button">{text::CONFIDENCE_SUBMIT}</button>
                </form>
            </SubmitOnce>
        </section>
    }
}
