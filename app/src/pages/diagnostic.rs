//! `/benevole/apprenants/{id}/diagnostic`: the first-visit diagnostic. The volunteer goes
//! through the questions with the person (a form that prints as a paper questionnaire),
//! then adjusts and saves the proposed path; earlier diagnostics are listed and two of
//! them are shown side by side ("avant / après"). Every form posts without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::diagnostic::get_diagnostic;
use crate::components::load::loaded;
use crate::components::print::PrintButton;
use crate::components::route::RouteParams;
use crate::model::diagnostic::{
    Comparison, DiagnosticOutcome, DiagnosticPage, DiagnosticQuestion, LessonOption, QuestionKind,
    ShownDiagnostic, TakenDiagnostic,
};
use crate::pages::volunteer::VolunteerNav;
use crate::paths;
use crate::text::{self, dates, diagnostic as words};

#[component]
pub fn DiagnosticPage() -> impl IntoView {
    let route = RouteParams::current();
    let query = use_query_map();
    let q = query.read_untracked();
    let number = |k: &str| q.get(k).and_then(|v| v.parse::<i32>().ok());
    let shown = number("d");
    let before = number("avant");
    let outcome = q
        .get("erreur")
        .or_else(|| q.get("fait"))
        .and_then(|c| DiagnosticOutcome::from_code(&c));
    let asked_new = q.get("nouveau").is_some();
    drop(q);
    let data = Resource::new(
        move || (route.id(), shown, before),
        |(id, shown, before)| get_diagnostic(id, shown, before),
    );
    loaded(data, move |page: DiagnosticPage| {
        let error = outcome.is_some_and(DiagnosticOutcome::is_error);
        let form_refused = matches!(
            outcome,
            Some(DiagnosticOutcome::Empty | DiagnosticOutcome::TooLong)
        );
        let show_form = page.shown.is_none() || asked_new || form_refused;
        let learner = paths::learner(page.learner_id);
        let head = view! {
            <Title text=text::title_with_error(&words::title_of(&page.first_name), error)/>
            <VolunteerNav/>
            <h1>{words::title_of(&page.first_name)}</h1>
            <p class="no-print"><a href=learner.clone()>{format!("← {}", page.first_name)}</a></p>
            {outcome.map(|o| {
                if o.is_error() {
                    view! { <p class="message error-message" role="alert" id="diagnostic-erreur">{words::outcome(o)}</p> }.into_any()
                } else {
                    view! { <p class="message success" role="status">{words::outcome(o)}</p> }.into_any()
                }
            })}
        }
        .into_any();
        let body = if page.questions.is_empty() {
            view! { <p class="message notice">{words::NO_QUESTIONNAIRE}</p> }.into_any()
        } else if show_form {
            questionnaire(&page, form_refused)
        } else {
            let shown = page.shown.clone();
            view! {
                {shown.map(|s| shown_view(&page, s))}
                {page.comparison.clone().map(comparison_view)}
                {history(&page)}
                <p class="no-print">
                    <a class="button" href=format!("{}?nouveau=1#questions", paths::learner_diagnostic(page.learner_id))>{words::NEW}</a>
                </p>
            }
            .into_any()
        };
        view! { {head} {body} }
    })
}

/// The questions, as a form that prints as a paper questionnaire.
fn questionnaire(page: &DiagnosticPage, refused: bool) -> AnyView {
    view! {
        <section aria-labelledby="questions-titre" id="questions">
            <h2 id="questions-titre">{words::FORM_TITLE}</h2>
            {page.intro.clone().map(|i| view! { <p>{i}</p> })}
            <p class="hint">{words::FORM_HINT}</p>
            <div class="no-print"><PrintButton label=words::PRINT/></div>
            <form class="form diagnostic-form" method="post" action=paths::DIAGNOSTIC_ANSWERS
                aria-describedby=refused.then_some("diagnostic-erreur")>
                <input type="hidden" name="learner" value=page.learner_id.to_string()/>
                <input type="hidden" name="once" value=page.once.clone()/>
                {page.questions.iter().cloned().map(question_view).collect_view()}
                <button type="submit" class="button primary no-print">{words::SUBMIT}</button>
            </form>
        </section>
    }
    .into_any()
}

fn question_view(q: DiagnosticQuestion) -> AnyView {
    let name = format!("q-{}", q.id);
    let (kind, options): (&str, Vec<(String, String)>) = match q.kind {
        QuestionKind::One => ("radio", q.options.clone()),
        QuestionKind::Several => ("checkbox", q.options.clone()),
        QuestionKind::Confidence => (
            "radio",
            text::CONFIDENCE_LEVELS
                .iter()
                .enumerate()
                .map(|(i, l)| (i.to_string(), (*l).to_string()))
                .collect(),
        ),
    };
    let hint_id = format!("aide-{}", q.id);
    let other_id = format!("t-{}", q.id);
    view! {
        <fieldset class="card" aria-describedby=q.hint.is_some().then(|| hint_id.clone())>
            <legend>{q.question.clone()}</legend>
            {q.hint.clone().map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <div class="choices">
                {options.into_iter().map(|(value, label)| {
                    let id = format!("{name}-{value}");
                    view! {
                        <div class="choice">
                            <input type=kind name=name.clone() value=value id=id.clone()/>
                            <label for=id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
            {q.other.clone().map(|label| view! {
                <div class="field">
                    <label for=other_id.clone()>{label}</label>
                    <textarea id=other_id.clone() name=other_id.clone() rows="2" maxlength="1000"></textarea>
                </div>
            })}
        </fieldset>
    }
    .into_any()
}

fn taken_words(t: &TakenDiagnostic) -> String {
    words::taken(&dates::date_fr(t.taken_at), t.by.as_deref())
}

/// The diagnostic shown: its path (to adjust and save), then its answers.
fn shown_view(page: &DiagnosticPage, s: ShownDiagnostic) -> AnyView {
    let saved = s.path_saved_at.is_some();
    let path = view! {
        <section aria-labelledby="parcours-titre" id="parcours">
            <h2 id="parcours-titre">{if saved { words::PATH_SAVED } else { words::PATH_PROPOSED }}</h2>
            <p class="meta">{taken_words(&s.taken)}</p>
            {s.path_saved_at.map(|at| view! { <p>{words::path_saved_on(&dates::date_fr(at))}</p> })}
            <p class="hint" id="parcours-aide">{words::PATH_PROPOSED_HINT}</p>
            {s.path.is_empty().then(|| view! { <p>{words::PATH_EMPTY}</p> })}
            <form class="form" method="post" action=paths::DIAGNOSTIC_PATH>
                <input type="hidden" name="learner" value=page.learner_id.to_string()/>
                <input type="hidden" name="diagnostic" value=s.taken.id.to_string()/>
                <input type="hidden" name="once" value=page.once.clone()/>
                <ol class="card-list">
                    {s.path.iter().enumerate().map(|(i, l)| {
                        let keep = format!("garder-{}", l.key);
                        let rank = format!("rang-{}", l.key);
                        let keep_id = format!("garder-{i}");
                        let rank_id = format!("rang-{i}");
                        view! {
                            <li class="card">
                                <input type="hidden" name="lesson" value=l.key.clone()/>
                                <p><strong>{l.lesson_title.clone()}</strong>{format!(" — {}", l.module_title)}</p>
                                <p>{l.because.clone().unwrap_or_else(|| words::ADDED_BY_VOLUNTEER.to_string())}</p>
                                <div class="choice">
                                    <input type="checkbox" name=keep value="1" id=keep_id.clone() checked=true/>
                                    <label for=keep_id>{words::keep_of(&l.lesson_title)}</label>
                                </div>
                                <div class="field">
                                    <label for=rank_id.clone()>{words::rank_of(&l.lesson_title)}</label>
                                    <input type="number" name=rank id=rank_id min="1" max="99" inputmode="numeric"
                                        value=(i + 1).to_string()/>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                {add_lesson(&page.lessons)}
                <button type="submit" class="button primary">{words::SAVE_PATH}</button>
            </form>
        </section>
    }
    .into_any();
    let answers = view! {
        <section aria-labelledby="reponses-titre" id="reponses">
            <h2 id="reponses-titre">{words::ANSWERS}</h2>
            <dl class="diagnostic-answers">
                {s.answers.into_iter().map(|row| view! {
                    <dt>{row.question}</dt>
                    <dd>{words::answers(&row.answers)}</dd>
                }).collect_view()}
            </dl>
        </section>
    }
    .into_any();
    view! { {path} {answers} }.into_any()
}

fn add_lesson(lessons: &[LessonOption]) -> AnyView {
    view! {
        <div class="field">
            <label for="ajouter">{words::ADD}</label>
            <select id="ajouter" name="ajouter">
                <option value="">{words::ADD_NONE}</option>
                {lessons.iter().map(|l| view! {
                    <option value=l.key.clone()>{l.label.clone()}</option>
                }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// Two diagnostics side by side.
fn comparison_view(c: Comparison) -> AnyView {
    let before = dates::date_fr(c.before.taken_at);
    let after = dates::date_fr(c.after.taken_at);
    view! {
        <section aria-labelledby="avant-apres-titre" id="avant-apres">
            <h2 id="avant-apres-titre">{words::COMPARE}</h2>
            <div class="table-scroll">
                <table class="comparison">
                    <caption>{format!("{} / {}", taken_words(&c.before), taken_words(&c.after))}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{words::COMPARE_QUESTION}</th>
                            <th scope="col">{before}</th>
                            <th scope="col">{after}</th>
                            <th scope="col">{words::CHANGED}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {c.rows.into_iter().map(|r| view! {
                            <tr class=if r.changed { "changed" } else { "same" }>
                                <th scope="row">{r.question}</th>
                                <td>{words::answers(&r.before)}</td>
                                <td>{words::answers(&r.after)}</td>
                                <td>{if r.changed { words::CHANGED } else { words::SAME }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// Every diagnostic taken, newest first, each to show or to compare with the one shown.
fn history(page: &DiagnosticPage) -> AnyView {
    let shown = page.shown.as_ref().map(|s| s.taken.id);
    let base = paths::learner_diagnostic(page.learner_id);
    view! {
        <section aria-labelledby="historique-titre" id="historique" class="no-print">
            <h2 id="historique-titre">{words::HISTORY}</h2>
            <ul class="compact-list">
                {page.taken.iter().map(|t| {
                    let label = format!("{} ({})", taken_words(t), words::path_state(t.path_saved));
                    let is_shown = Some(t.id) == shown;
                    let date = format!(" : {}", dates::date_fr(t.taken_at));
                    view! {
                        <li>
                            {label}
                            {(!is_shown).then(|| view! {
                                " · "<a href=format!("{base}?d={}#parcours", t.id)>{words::SEE}<span class="visually-hidden">{date.clone()}</span></a>
                                {shown.map(|s| view! {
                                    " · "<a href=format!("{base}?d={s}&avant={}#avant-apres", t.id)>{words::COMPARE_WITH}<span class="visually-hidden">{date.clone()}</span></a>
                                })}
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
