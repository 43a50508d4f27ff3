//! `/partage/{token}`: what a share link shows a funder, without any sign-in: the
//! structure's name, the period and its aggregated figures ([`SharedReport`]: no names,
//! no group of fewer than 5 people), drawn with the statistics page's charts and tables,
//! printable on A4. A revoked or unknown link: a page that says so, `404`. The server adds
//! `Cache-Control: no-store`, `Referrer-Policy: no-referrer` and `X-Robots-Tag: noindex` to
//! every address under `/partage/`.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::share::get_shared;
use crate::components::chart::ChartRow;
use crate::components::load::loaded;
use crate::components::print::PrintButton;
use crate::model::share::{SharedFigures, SharedOutcomes, SharedReport, SharedRow};
use crate::pages::stats::{chart, key_figures};
use crate::response;
use crate::text::stats as stats_words;
use crate::text::{outcomes as outcome_words, sessions as session_words, share as words};

#[component]
pub fn SharedPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("token").unwrap_or_default(),
        get_shared,
    );
    view! {
        <Meta name="robots" content="noindex, nofollow"/>
        {loaded(data, |r: Option<SharedReport>| match r {
            Some(r) => report(r),
            None => gone(),
        })}
    }
}

fn gone() -> AnyView {
    response::set_status(404);
    view! {
        <Title text=words::GONE_TITLE/>
        <h1>{words::GONE_TITLE}</h1>
        <p class="message" role="status">{words::GONE_TEXT}</p>
    }
    .into_any()
}

fn report(r: SharedReport) -> AnyView {
    let heading = words::heading(&r.structure, &r.from, &r.to);
    view! {
        <Title text=heading.clone()/>
        <h1>{heading}</h1>
        <p>{words::PUBLIC_INTRO}</p>
        <PrintButton label=stats_words::PRINT/>
        {figures(&r.figures)}
        {sayings(r.outcomes)}
    }
    .into_any()
}

fn figures(f: &SharedFigures) -> AnyView {
    view! {
        {people(f)}
        {sessions(f)}
        {learning(f)}
        {help(f)}
        {territory(f)}
        {profile(f)}
    }
    .into_any()
}

/// Rows for a chart: a hidden number is not drawn, and written "moins de 5".
fn rows<T>(rows: &[SharedRow<T>], label: impl Fn(Option<&T>) -> String) -> Vec<ChartRow> {
    rows.iter()
        .map(|r| ChartRow {
            label: label(r.key.as_ref()),
            value: r.count,
            shown: words::row(r.count, r.percent),
        })
        .collect()
}

fn word<T: Copy>(word: fn(T) -> &'static str) -> impl Fn(Option<&T>) -> String {
    move |v: Option<&T>| v.map_or(stats_words::NOT_TOLD, |v| word(*v)).to_string()
}

fn people(f: &SharedFigures) -> AnyView {
    view! {
        <section class="stats-section" aria-labelledby="stats-people">
            <h2 id="stats-people">{stats_words::PEOPLE_TITLE}</h2>
            {key_figures(vec![
                (stats_words::PEOPLE, words::count(f.people)),
                (stats_words::PEOPLE_NEW, words::count(f.people_new)),
                (stats_words::PEOPLE_RETURNING, words::count(f.people_returning)),
                (stats_words::ANONYMOUS, words::count(f.anonymous)),
                (stats_words::ANONYMOUS_RETURNING, words::count(f.anonymous_returning)),
            ])}
        </section>
    }
    .into_any()
}

fn sessions(f: &SharedFigures) -> AnyView {
    view! {
        <section class="stats-section" aria-labelledby="stats-sessions">
            <h2 id="stats-sessions">{stats_words::SESSIONS_TITLE}</h2>
            {key_figures(vec![
                (stats_words::SESSIONS, f.sessions.to_string()),
                (stats_words::HOURS, stats_words::hours(f.minutes)),
                (stats_words::WORKSHOPS, f.workshops.to_string()),
                (stats_words::WORKSHOP_PARTICIPANTS, words::count(f.workshop_participants)),
            ])}
            {chart("par-type", stats_words::BY_TYPE, stats_words::COL_TYPE, stats_words::COL_SESSIONS, rows(&f.by_type, word(session_words::session_type)))}
            {chart("par-lieu", stats_words::BY_PLACE, stats_words::COL_PLACE, stats_words::COL_SESSIONS, rows(&f.by_place, word(session_words::place_type)))}
            {chart("par-thematique", stats_words::BY_THEME, stats_words::COL_THEME, stats_words::COL_SESSIONS, rows(&f.by_theme, word(session_words::theme)))}
            {chart("par-duree", stats_words::BY_DURATION, stats_words::COL_DURATION, stats_words::COL_SESSIONS, rows(&f.by_duration, word(stats_words::duration_band)))}
        </section>
    }
    .into_any()
}

fn learning(f: &SharedFigures) -> AnyView {
    view! {
        <section class="stats-section" aria-labelledby="stats-learning">
            <h2 id="stats-learning">{stats_words::LEARNING_TITLE}</h2>
            {key_figures(vec![
                (stats_words::LESSONS_STARTED, f.lessons_started.to_string()),
                (stats_words::LESSONS_FINISHED, f.lessons_finished.to_string()),
                (stats_words::STEPS_ALONE, f.steps_alone.to_string()),
                (stats_words::PEOPLE_ALONE, words::count(f.people_alone)),
            ])}
            <p>{stats_words::LEARNING_ALONE_WHY}</p>
        </section>
    }
    .into_any()
}

fn help(f: &SharedFigures) -> AnyView {
    let by_delay = if f.help_requests == 0 {
        Vec::new()
    } else {
        rows(&f.help_by_delay, word(stats_words::help_delay))
    };
    view! {
        <section class="stats-section" aria-labelledby="stats-help">
            <h2 id="stats-help">{stats_words::HELP_TITLE}</h2>
            {key_figures(vec![(stats_words::HELP_REQUESTS, f.help_requests.to_string())])}
            {chart("aide", stats_words::HELP_BY_DELAY, stats_words::COL_DELAY, stats_words::COL_REQUESTS, by_delay)}
        </section>
    }
    .into_any()
}

fn territory(f: &SharedFigures) -> AnyView {
    let named = |others: &'static str| {
        move |n: Option<&String>| n.cloned().unwrap_or_else(|| others.to_string())
    };
    view! {
        <section class="stats-section" aria-labelledby="stats-territory">
            <h2 id="stats-territory">{stats_words::TERRITORY_TITLE}</h2>
            {chart("par-zone", stats_words::BY_ZONE, stats_words::COL_ZONE, stats_words::COL_PEOPLE, rows(&f.by_zone, named(stats_words::NO_ZONE)))}
            {chart("par-commune", stats_words::BY_COMMUNE, stats_words::COL_COMMUNE, stats_words::COL_PEOPLE, rows(&f.by_commune, named(stats_words::OTHER_COMMUNES)))}
        </section>
    }
    .into_any()
}

fn profile(f: &SharedFigures) -> AnyView {
    view! {
        <section class="stats-section" aria-labelledby="stats-profile">
            <h2 id="stats-profile">{stats_words::PROFILE_TITLE}</h2>
            {chart("par-age", stats_words::BY_AGE, stats_words::COL_AGE, stats_words::COL_PEOPLE, rows(&f.by_age, word(session_words::age_band)))}
            {chart("par-situation", stats_words::BY_STATUS, stats_words::COL_STATUS, stats_words::COL_PEOPLE, rows(&f.by_status, word(session_words::status)))}
            {chart("par-genre", stats_words::BY_GENDER, stats_words::COL_GENDER, stats_words::COL_PEOPLE, rows(&f.by_gender, word(session_words::gender)))}
        </section>
    }
    .into_any()
}

/// What people say, with the same rule: no number nor percentage for fewer than 5 people.
fn sayings(o: SharedOutcomes) -> AnyView {
    view! {
        <section class="stats-section outcomes" aria-labelledby="resultats">
            <h2 id="resultats">{outcome_words::REPORT_TITLE}</h2>
            <p class="hint">{words::OUTCOMES_INTRO}</p>
            {o.waves.into_iter().map(|w| {
                let id = format!("resultats-{}", w.wave.code());
                let labelled_by = id.clone();
                view! {
                    <section class="outcomes-wave" aria-labelledby=labelled_by>
                        <h3 id=id>{outcome_words::wave_heading(w.wave)}</h3>
                        <p>{words::response_rate(w.response_percent, w.answered, w.due)}</p>
                        <ul>
                            {w.questions.into_iter().map(|q| view! {
                                <li>{words::question_line(q.question, q.yes_percent, q.answers)}</li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
            <section class="outcomes-confidence" aria-labelledby="resultats-confiance">
                <h3 id="resultats-confiance">{outcome_words::REPORT_CONFIDENCE_TITLE}</h3>
                {if o.confidence.is_empty() {
                    view! { <p>{outcome_words::REPORT_CONFIDENCE_NONE}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {o.confidence.into_iter().map(|c| view! {
                                <li>
                                    <strong>{c.module_title}</strong>
                                    {format!(" : {}", words::confidence_line(c.higher_percent, c.pairs))}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </section>
    }
    .into_any()
}
