//! The follow-up questionnaire's pieces: its questions (shared by the learner's page and
//! the volunteer's), the home page's invitation, and [`OutcomesSection`], a structure's
//! outcomes for the statistics page.

use leptos::prelude::*;

use crate::api::outcomes::get_follow_up_invitation;
use crate::error::AppError;
use crate::model::{
    ConfidenceOutcome, FollowUpQuestion, MAX_WHAT_CHANGED, OutcomesView, Reply, Wave, WaveOutcome,
};
use crate::text::outcomes as words;

/// The four closed questions, one per line with big radio choices, and the free one.
/// `replies` (in `FollowUpQuestion::ALL`'s order) and `what_changed` are ticked and typed
/// again after a refusal.
pub fn questions(replies: &[Option<Reply>], what_changed: &str) -> AnyView {
    view! {
        {FollowUpQuestion::ALL.iter().enumerate().map(|(i, q)| {
            let chosen = replies.get(i).copied().flatten();
            let name = q.code();
            view! {
                <fieldset class="follow-up-question">
                    <legend>{words::question(*q)}</legend>
                    <div class="choices">
                        {Reply::ALL.iter().map(|r| {
                            let id = format!("{name}-{}", r.code());
                            view! {
                                <div class="choice">
                                    <input type="radio" name=name value=r.code() id=id.clone() checked=chosen == Some(*r)/>
                                    <label for=id>{words::reply(*r)}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            }
        }).collect_view()}
        <div class="field">
            <label for="changement">{words::WHAT_CHANGED}</label>
            <textarea id="changement" name="changement" rows="3" maxlength=MAX_WHAT_CHANGED.to_string()>{crate::components::text_area::escaped(what_changed)}</textarea>
        </div>
    }
    .into_any()
}

/// The wave due for the learner signed in, if any, for [`FollowUpInvitation`]. Made once
/// by the page, outside the blocks a `Suspense` renders again, so that it is asked once.
pub fn follow_up_invitation() -> Resource<Result<Option<Wave>, AppError>> {
    Resource::new(|| (), |_| get_follow_up_invitation())
}

/// On the learner's home page: the questionnaire is due (nothing when it is not).
#[component]
pub fn FollowUpInvitation(wave: Resource<Result<Option<Wave>, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || wave.get().and_then(Result::ok).flatten().map(|_| view! {
                <section class="card follow-up-invitation" aria-labelledby="suivi-titre">
                    <h2 id="suivi-titre">{words::INVITE_TITLE}</h2>
                    <p>{words::INVITE_TEXT}</p>
                    <a class="button primary" href=crate::paths::FOLLOW_UP>{words::INVITE_BUTTON}</a>
                </section>
            })}
        </Suspense>
    }
}

fn wave_block(w: WaveOutcome) -> AnyView {
    let id = format!("resultats-{}", w.wave.code());
    let labelled_by = id.clone();
    view! {
        <section class="outcomes-wave" aria-labelledby=labelled_by>
            <h3 id=id>{words::wave_heading(w.wave)}</h3>
            <p>{words::response_rate(w.response_rate, w.answered, w.due)}</p>
            <p class="meta">{words::by_how(w.alone, w.at_visit, w.by_phone)}</p>
            <ul>
                {w.questions.into_iter().map(|q| view! {
                    <li>
                        {words::question_line(q.question, q.yes_share, q.answers)}
                        <span class="meta">{format!(" — {}", words::counts(q.yes, q.no, q.dont_know))}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

fn confidence_block(rows: Vec<ConfidenceOutcome>) -> AnyView {
    view! {
        <section class="outcomes-confidence" aria-labelledby="resultats-confiance">
            <h3 id="resultats-confiance">{words::REPORT_CONFIDENCE_TITLE}</h3>
            {if rows.is_empty() {
                view! { <p>{words::REPORT_CONFIDENCE_NONE}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {rows.into_iter().map(|c| view! {
                            <li>
                                <strong>{c.module_title}</strong>
                                {format!(" : {}", words::confidence_line(c.higher_share, c.pairs, c.same, c.lower))}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// A structure's outcomes for a period (on the statistics page): each wave
/// of the follow-up questionnaire, then the confidence question of each module. Every
/// percentage has its number of answers beside it; none is given below 5 people.
#[component]
pub fn OutcomesSection(outcomes: OutcomesView) -> impl IntoView {
    view! {
        <section class="outcomes" aria-labelledby="resultats">
            <h2 id="resultats">{words::REPORT_TITLE}</h2>
            <p class="hint">{words::REPORT_INTRO}</p>
            {outcomes.waves.into_iter().map(wave_block).collect_view()}
            {confidence_block(outcomes.confidence)}
        </section>
    }
}
