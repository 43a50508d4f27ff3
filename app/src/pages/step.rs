//! The lesson player: one step per screen, the resume redirect, and the end of a lesson.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::learning::{CompleteStep, get_lesson_end, get_step, resume_lesson};
use crate::components::confidence::ConfidenceForm;
use crate::components::exercise::ExerciseBlock;
use crate::components::load::loaded;
use crate::components::owner::OwnerField;
use crate::components::step_audio::StepAudio;
use crate::islands::read_aloud::ReadAloud;
use crate::islands::submit_once::SubmitOnce;
use crate::model::{Feedback, LessonEnd, QuestionView, StepBlock, StepView};
use crate::paths::{
    self, ANSWER, EDITOR, KEPT_ANSWER_KEY, NOT_SAVED_KEY, NOT_SAVED_VALUE, PREVIEW, SAVED_ANCHOR,
    StepRef, StepTarget,
};
use crate::text::{self, plural};

#[component]
pub fn StepPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("module").unwrap_or_default(),
                p.get("lesson").unwrap_or_default(),
                p.get("step").unwrap_or_default(),
                query.read().get("reponse"),
                // The state of a practice exercise travels in the URL.
                query
                    .read()
                    .get("ex")
                    .map(|_| query.read().to_query_string()),
            )
        },
        |(module, lesson, step, answer, exercise)| get_step(module, lesson, step, answer, exercise),
    );
    let info = query.read_untracked().get(crate::paths::STEP_INFO_KEY);
    let moved = info.as_deref() == Some(crate::paths::STEP_INFO_MOVED);
    let unknown = info.as_deref() == Some(crate::paths::STEP_INFO_UNKNOWN);
    let help_sent = query.read_untracked().get("aide").as_deref() == Some("envoyee");
    let confidence_empty = query.read_untracked().get("confiance").as_deref() == Some("vide");
    let kept_answer = query.read_untracked().get(KEPT_ANSWER_KEY);
    loaded(data, move |mut s: StepView| {
        keep_failed_answer(&mut s.blocks, kept_answer.as_deref());
        let progress = plural::step_of(s.number, s.count);
        let help_href = format!(
            "/aide?module={}&lesson={}&step={}",
            s.module_slug, s.lesson_slug, s.step_slug
        );
        // In pieces whose types are erased (`into_any`): one view of it all is a type too
        // deep for the compiler.
        let head = view! {
            <div class="step-head">
                <p class="breadcrumb">
                    <a href=paths::module(&s.module_slug)>
                        <span aria-hidden="true">"←\u{a0}"</span>{format!("{} : {}", text::BACK_TO_MODULE, s.module_title)}
                    </a>
                </p>
                <h1>{s.lesson_title.clone()}</h1>
                <div class="step-progress">
                    <p id="etape-numero">{progress.clone()}</p>
                    <progress
                        max=s.count.to_string()
                        value=s.number.to_string()
                        aria-labelledby="etape-numero"
                    ></progress>
                </div>
            </div>
        }
        .into_any();
        let notes = view! {
            {s.signed_in.then(|| view! { <SavedNote/> })}
            <NotSavedNote/>
            {moved.then(|| view! { <p class="message notice" role="status">{text::STEP_MOVED}</p> })}
            {unknown.then(|| view! { <p class="message notice" role="status">{text::STEP_UNKNOWN}</p> })}
            {(!s.signed_in).then(|| view! {
                <p class="message notice">
                    {format!("{} ", text::NOT_SIGNED_IN_NOTICE)}
                    <a href="/connexion">{text::NAV_SIGN_IN}</a>
                </p>
            })}
        }
        .into_any();
        // The step read aloud by the server, once its recording is made.
        let audio = s
            .audio
            .clone()
            .map(|href| view! { <StepAudio href/> }.into_any());
        // The step's head and text, then at once its navigation, kept in view at the
        // bottom of the window while the text goes on below it (style: `.step-player`; the
        // head is inside, so that the navigation can stay in view from the top of the page,
        // even zoomed).
        let player = view! {
            <div class="step-player">
                {head}
                {notes}
                <StepContent
                    blocks=s.blocks
                    target=StepTarget::Player(StepRef::new(
                        s.module_slug.clone(),
                        s.lesson_slug.clone(),
                        s.step_slug.clone(),
                    ))
                />
                <StepNav
                    step=StepRef::new(s.module_slug, s.lesson_slug, s.step_slug)
                    shown_at=s.shown_at
                    previous_href=s.previous_href
                />
            </div>
        }
        .into_any();
        let after = view! {
            // After the navigation: the room above "Suivant" is the step's text's.
            {audio}
            {(s.signed_in && !s.for_staff).then(|| view! {
                <div class="help-box" id="aide">
                    {help_sent.then(|| view! { <p class="message success" role="status">{text::HELP_SENT}</p> })}
                    <a class="button help" href=help_href.clone()>{text::HELP_BUTTON}</a>
                </div>
            })}
            // Asked after a first look at the module (the first step's text), never before it.
            {s.confidence.clone().map(|prompt| view! {
                <ConfidenceForm prompt empty=confidence_empty title=text::CONFIDENCE_FIRST_LOOK/>
            })}
        }
        .into_any();
        view! {
            <Title text=format!("{progress} — {}", s.lesson_title)/>
            {player}
            {after}
        }
    })
}

/// "Précédent / Suivant": "Suivant" records the step as finished, then shows the next one.
#[component]
fn StepNav(step: StepRef, shown_at: i64, previous_href: Option<String>) -> impl IntoView {
    view! {
        <SubmitOnce>
            <form method="post" action=CompleteStep::url()>
                <input type="hidden" name="module" value=step.module/>
                <input type="hidden" name="lesson" value=step.lesson/>
                <input type="hidden" name="step" value=step.step/>
                <input type="hidden" name="shown" value=shown_at.to_string()/>
                <OwnerField/>
                <div class="step-nav">
                    {previous_href.map(|href| view! {
                        <a class="button" href=href rel="prev">
                            <span aria-hidden="true">"←\u{a0}"</span>{text::PREVIOUS}
                        </a>
                    })}
                    <button type="submit" class="button primary next">
                        {text::NEXT}<span aria-hidden="true">" →"</span>
                    </button>
                </div>
            </form>
        </SubmitOnce>
    }
}

/// `/modules/{module}/{lesson}`: sends the learner to where they left the lesson.
#[component]
pub fn LessonResumePage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("module").unwrap_or_default(),
                p.get("lesson").unwrap_or_default(),
            )
        },
        |(module, lesson)| resume_lesson(module, lesson),
    );
    loaded(data, |href: String| {
        view! {
            <Title text=text::LOADING/>
            <h1>{text::LOADING}</h1>
            <p><a class="button primary" href=href>{text::LESSON_OPEN_RESUME}</a></p>
        }
    })
}

#[component]
pub fn LessonEndPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("module").unwrap_or_default(),
                p.get("lesson").unwrap_or_default(),
            )
        },
        |(module, lesson)| get_lesson_end(module, lesson),
    );
    let empty = use_query_map().read_untracked().get("confiance").as_deref() == Some("vide");
    loaded(data, move |e: LessonEnd| {
        view! {
            <Title text=format!("{} — {}", text::LESSON_END_TITLE, e.lesson_title)/>
            <h1>{text::LESSON_END_TITLE}</h1>
            <NotSavedNote/>
            {e.signed_in.then(|| view! { <SavedNote/> })}
            <p class="lead">{format!("{} « {} ».", text::LESSON_END_DONE, e.lesson_title)}</p>
            {(!e.learned.is_empty()).then(|| view! {
                <section aria-labelledby="appris">
                    <h2 id="appris">{text::LESSON_END_LEARNED}</h2>
                    <ul>{e.learned.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </section>
            })}
            {(!e.signed_in).then(|| view! {
                <p class="message notice">
                    {format!("{} ", text::NOT_SIGNED_IN_NOTICE)} <a href="/connexion">{text::NAV_SIGN_IN}</a>
                </p>
            })}
            {e.confidence.map(|prompt| view! { <ConfidenceForm prompt empty/> })}
            <div class="actions">
                {match e.next {
                    Some(next) => view! {
                        <a class="button primary" href=next.href>
                            {format!("{} : {}", text::LESSON_END_NEXT, next.title)}
                        </a>
                    }.into_any(),
                    None => view! { <p>{text::LESSON_END_MODULE_DONE}</p> }.into_any(),
                }}
                <a class="button" href=paths::module(&e.module_slug)>
                    {format!("{} : {}", text::BACK_TO_MODULE, e.module_title)}
                </a>
                <a class="button" href="/modules">{text::LESSON_END_BACK}</a>
            </div>
        }
    })
}

/// The answer kept after a failed save (`question-id:a,c`), if it is for `question`: the
/// keys to tick again.
pub fn kept_answer_for(kept: Option<&str>, question: &str) -> Option<Vec<String>> {
    let (id, keys) = kept?.split_once(':')?;
    (id == question).then(|| {
        keys.split(',')
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect()
    })
}

/// Ticks again, on the question it was for, the answer whose save failed; a question
/// being explained (after a save that worked) keeps its own answer.
fn keep_failed_answer(blocks: &mut [StepBlock], kept: Option<&str>) {
    for block in blocks {
        if let StepBlock::Question(q) = block
            && q.feedback.is_none()
            && let Some(keys) = kept_answer_for(kept, &q.id)
        {
            for a in &mut q.answers {
                a.chosen = keys.contains(&a.key);
            }
        }
    }
}

/// "Ce n'est pas enregistré…", on a page opened with [`paths::not_saved_href`]: after a save that
/// failed (a step, an answer, and any learner form whose server function failed: see the
/// server's `not_saved.rs`).
#[component]
pub fn NotSavedNote() -> impl IntoView {
    let shown = use_query_map()
        .read_untracked()
        .get(NOT_SAVED_KEY)
        .as_deref()
        == Some(NOT_SAVED_VALUE);
    shown.then(|| {
        view! { <p class="message error-message" id="non-enregistre" role="alert">{text::STEP_NOT_SAVED}</p> }
    })
}

/// "C'est enregistré.", shown when the page is opened at [`SAVED_ANCHOR`].
#[component]
fn SavedNote() -> impl IntoView {
    view! { <p id=SAVED_ANCHOR class="message success saved-note" role="status">{text::STEP_SAVED}</p> }
}

/// A step's content, as learners see it and as trainers preview it: the same code.
#[component]
pub fn StepContent(blocks: Vec<StepBlock>, target: StepTarget) -> impl IntoView {
    view! {
        <ReadAloud/>
        <article class="step" id="etape">
            {blocks.into_iter().map(|block| match block {
                StepBlock::Html(html) => view! { <div inner_html=html></div> }.into_any(),
                StepBlock::Question(q) => view! { <QuestionForm question=q target=target.clone()/> }.into_any(),
                StepBlock::Exercise(e) => view! { <ExerciseBlock exercise=e target=target.clone()/> }.into_any(),
            }).collect_view()}
        </article>
    }
}

/// A check question: a form with "Valider", and the explanation of the answer just given.
#[component]
fn QuestionForm(question: QuestionView, target: StepTarget) -> impl IntoView {
    let id = question.id.clone();
    let legend_id = format!("question-{id}-texte");
    let kind = if question.multiple {
        "checkbox"
    } else {
        "radio"
    };
    let feedback = question
        .feedback
        .map(|f| view! { <FeedbackView id=id.clone() feedback=f/> });
    let section_id = format!("question-{id}");
    let (method, action, hidden) = match target {
        StepTarget::Player(StepRef {
            module,
            lesson,
            step,
        }) => (
            "post",
            ANSWER,
            view! {
                <input type="hidden" name="module" value=module/>
                <input type="hidden" name="lesson" value=lesson/>
                <input type="hidden" name="step" value=step/>
                <OwnerField/>
            }
            .into_any(),
        ),
        StepTarget::Preview { file, step } => (
            "get",
            PREVIEW,
            view! {
                <input type="hidden" name="fichier" value=file/>
                <input type="hidden" name="etape" value=step/>
            }
            .into_any(),
        ),
        StepTarget::Editor { file, step, draft } => (
            "get",
            EDITOR,
            view! {
                <input type="hidden" name="fichier" value=file/>
                <input type="hidden" name="etape" value=step/>
                {draft.map(|d| view! { <input type="hidden" name="brouillon" value=d/> })}
            }
            .into_any(),
        ),
    };
    view! {
        <section class="question" id=section_id>
            <SubmitOnce>
                <form method=method action=action>
                    {hidden}
                    <input type="hidden" name="question" value=id.clone()/>
                    <fieldset>
                        <legend id=legend_id>
                            <span class="phrase">
                                <span class="question-label">{text::QUESTION}</span>
                                {question.prompt}
                            </span>
                        </legend>
                        {question.multiple.then(|| view! { <p class="hint">{text::QUESTION_SEVERAL}</p> })}
                        {question.hint.map(|h| view! {
                            <details class="question-hint">
                                <summary>{text::QUESTION_HINT}</summary>
                                <p class="phrase">{h}</p>
                            </details>
                        })}
                        <div class="choices">
                            {question.answers.into_iter().map(|a| {
                                let input_id = format!("question-{id}-{}", a.key);
                                view! {
                                    <div class="choice">
                                        <input
                                            type=kind
                                            name="reponse"
                                            value=a.key
                                            id=input_id.clone()
                                            checked=a.chosen
                                        />
                                        <label for=input_id><span class="phrase">{a.text}</span></label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                    <button type="submit" class="button">{text::QUESTION_SUBMIT}</button>
                </form>
            </SubmitOnce>
            {feedback}
        </section>
    }
}

#[component]
fn FeedbackView(id: String, feedback: Feedback) -> impl IntoView {
    let (class, title, lines, right_answers, end) = match feedback {
        Feedback::NothingChosen => (
            "feedback feedback-empty",
            text::FEEDBACK_NOTHING,
            Vec::new(),
            None,
            None,
        ),
        Feedback::Answered {
            right: true, lines, ..
        } => (
            "feedback feedback-right",
            text::FEEDBACK_RIGHT,
            lines,
            None,
            None,
        ),
        Feedback::Answered {
            right: false,
            lines,
            missing,
            right_answers,
        } => (
            "feedback feedback-wrong",
            if missing {
                text::FEEDBACK_MISSING
            } else {
                text::FEEDBACK_WRONG
            },
            lines,
            Some(text::feedback_right_answers(&right_answers)),
            Some(text::FEEDBACK_TRY_AGAIN),
        ),
    };
    view! {
        <div class=class id=format!("retour-{id}") tabindex="-1" role="status">
            <p class="feedback-title"><span class="phrase">{title}</span></p>
            {lines.into_iter().map(|l| view! {
                <p>
                    {format!("{} « {} » : ", text::FEEDBACK_YOU_CHOSE, l.answer)}
                    <strong>{if l.right { text::FEEDBACK_LINE_RIGHT } else { text::FEEDBACK_LINE_WRONG }}</strong>
                    {l.explanation.map(|e| format!(" {e}"))}
                </p>
            }).collect_view()}
            {right_answers.map(|r| view! { <p class="feedback-answer">{r}</p> })}
            {end.map(|e| view! { <p>{e}</p> })}
        </div>
    }
}
