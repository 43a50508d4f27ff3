//! `/benevole/statistiques` (coordinators): the structure's figures for a period chosen in a
//! GET form, each chart drawn on the server as SVG with its numbers in a table beside it
//! (`components::chart`), printable on A4 as a report with the structure's name and period.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::share::get_share_links;
use crate::api::stats::get_stats;
use crate::components::chart::{Chart, ChartRow, chart_html};
use crate::components::load::loaded;
use crate::components::outcomes::OutcomesSection;
use crate::components::print::PrintButton;
use crate::components::share_links::share_links;
use crate::model::outcomes::OutcomesView;
use crate::model::stats::{PeopleBreakdown, StatsFigures, StatsView};
use crate::pages::volunteer::VolunteerNav;
use crate::paths;
use crate::text::{sessions as session_words, stats as words};

#[component]
pub fn StatsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (q.get("du"), q.get("au"))
        },
        |(from, to)| get_stats(from, to),
    );
    // Made once here: the link just made is given once.
    let links = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("lien"),
                q.get("erreur"),
                q.get("libelle"),
                q.get("retire"),
            )
        },
        |(lien, erreur, libelle, retire)| get_share_links(lien, erreur, libelle, retire),
    );
    loaded(data, move |v: StatsView| {
        let heading = words::heading(&v.structure, &v.from, &v.to);
        view! {
            <Title text=heading.clone()/>
            <VolunteerNav coordinator=true/>
            <h1>{heading}</h1>
            <p class="no-print">{words::INTRO}</p>
            {period_form(&v)}
            {v.figures.as_ref().map(figures)}
            {v.outcomes.clone().map(sayings)}
            {(!v.bad_period).then(|| share_links(links, v.from.clone(), v.to.clone()))}
        }
    })
}

fn period_form(v: &StatsView) -> AnyView {
    view! {
        <form class="form filters no-print" method="get" action=paths::STATS>
            {v.bad_period.then(|| view! { <p class="message error-message" role="alert">{words::BAD_PERIOD}</p> })}
            <fieldset>
                <legend>{words::PERIOD_LEGEND}</legend>
                <div class="field">
                    <label for="du">{words::FROM}</label>
                    <input type="date" id="du" name="du" value=v.from.clone() required=true/>
                </div>
                <div class="field">
                    <label for="au">{words::TO}</label>
                    <input type="date" id="au" name="au" value=v.to.clone() required=true/>
                </div>
            </fieldset>
            <button type="submit" class="button">{words::SHOW}</button>
        </form>
        {(!v.bad_period).then(|| {
            let period = |path: &str| format!("{path}?du={}&au={}", v.from, v.to);
            let links = [
                (period(paths::STATS_CSV), words::STATS_CSV_LINK),
                (period(paths::STATS_XLSX), words::STATS_XLSX_LINK),
                (period(paths::SESSIONS_CSV), words::CSV_LINK),
                (period(paths::SESSIONS_XLSX), words::XLSX_LINK),
            ];
            view! {
                <PrintButton label=words::PRINT/>
                <nav class="no-print" aria-label=words::DOWNLOADS>
                    <ul class="downloads">
                        {links.into_iter().map(|(href, label)| view! {
                            <li><a href=href>{label}</a></li>
                        }).collect_view()}
                    </ul>
                </nav>
            }
        })}
    }
    .into_any()
}

fn figures(f: &StatsFigures) -> AnyView {
    view! {
        {people(f)}
        {sessions(f)}
        {learning(f)}
        {help(f)}
        {volunteers(f)}
        {territory(f)}
        {profile(f)}
    }
    .into_any()
}

/// A chart and its table, or "nothing" when it has no row (also drawn by the public share
/// page, `pages::share`).
pub(crate) fn chart(
    id: &str,
    title: &'static str,
    label: &str,
    value: &str,
    rows: Vec<ChartRow>,
) -> AnyView {
    if rows.is_empty() {
        return view! {
            <h3>{title}</h3>
            <p>{words::NOTHING}</p>
        }
        .into_any();
    }
    let html = chart_html(&Chart {
        id: id.to_string(),
        title: title.to_string(),
        desc: words::CHART_DESC.to_string(),
        label_heading: label.to_string(),
        value_heading: value.to_string(),
        rows,
    });
    view! {
        <h3>{title}</h3>
        <div class="stats-figure" inner_html=html></div>
    }
    .into_any()
}

fn counted<T: Copy>(rows: &[(T, u64)], label: impl Fn(T) -> &'static str) -> Vec<ChartRow> {
    rows.iter()
        .map(|(k, n)| ChartRow {
            label: label(*k).to_string(),
            value: Some(*n),
            shown: n.to_string(),
        })
        .collect()
}

fn shares<T: Clone>(b: &PeopleBreakdown<T>, label: impl Fn(Option<&T>) -> String) -> Vec<ChartRow> {
    b.rows
        .iter()
        .map(|(k, s)| ChartRow {
            label: label(k.as_ref()),
            value: s.count(),
            shown: words::share(*s),
        })
        .collect()
}

/// A table of figures: what is counted, and the figure.
pub(crate) fn key_figures(rows: Vec<(&'static str, String)>) -> AnyView {
    view! {
        <table class="stats-table">
            <thead><tr><th scope="col">{words::COL_WHAT}</th><th scope="col">{words::COL_FIGURE}</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|(what, n)| view! {
                    <tr><th scope="row">{what}</th><td>{n}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn people(f: &StatsFigures) -> AnyView {
    view! {
        <section class="stats-section" aria-labelledby="stats-people">
            <h2 id="stats-people">{words::PEOPLE_TITLE}</h2>
            {key_figures(vec![
                (words::PEOPLE, f.people.to_string()),
                (words::PEOPLE_NEW, f.people_new.to_string()),
                (words::PEOPLE_RETURNING, f.people_returning.to_string()),
                (words::ANONYMOUS, f.anonymous.to_string()),
                (words::ANONYMOUS_RETURNING, f.anonymous_returning.to_string()),
            ])}
        </section>
    }
    .into_any()
}

fn sessions(f: &StatsFigures) -> AnyView {
    view! {
        <section class="stats-section" aria-labelledby="stats-sessions">
            <h2 id="stats-sessions">{words::SESSIONS_TITLE}</h2>
            {key_figures(vec![
                (words::SESSIONS, f.sessions.to_string()),
                (words::HOURS, words::hours(f.minutes)),
                (words::WORKSHOPS, f.workshops.to_string()),
                (words::WORKSHOP_PARTICIPANTS, f.workshop_participants.to_string()),
            ])}
            {chart("par-type", words::BY_TYPE, words::COL_TYPE, words::COL_SESSIONS, counted(&f.by_type, session_words::session_type))}
            {chart("par-lieu", words::BY_PLACE, words::COL_PLACE, words::COL_SESSIONS, counted(&f.by_place, session_words::place_type))}
            {chart("par-thematique", words::BY_THEME, words::COL_THEME, words::COL_SESSIONS, counted(&f.by_theme, session_words::theme))}
            {chart("par-duree", words::BY_DURATION, words::COL_DURATION, words::COL_SESSIONS, counted(&f.by_duration, words::duration_band))}
        </section>
    }
    .into_any()
}

fn learning(f: &StatsFigures) -> AnyView {
    view! {
        <section class="stats-section" aria-labelledby="stats-learning">
            <h2 id="stats-learning">{words::LEARNING_TITLE}</h2>
            {key_figures(vec![
                (words::LESSONS_STARTED, f.lessons_started.to_string()),
                (words::LESSONS_FINISHED, f.lessons_finished.to_string()),
                (words::STEPS_ALONE, f.steps_alone.to_string()),
                (words::PEOPLE_ALONE, f.people_alone.to_string()),
            ])}
            <p>{words::LEARNING_ALONE_WHY}</p>
        </section>
    }
    .into_any()
}

fn help(f: &StatsFigures) -> AnyView {
    let rows = if f.help_requests == 0 {
        Vec::new()
    } else {
        counted(&f.help_by_delay, words::help_delay)
    };
    view! {
        <section class="stats-section" aria-labelledby="stats-help">
            <h2 id="stats-help">{words::HELP_TITLE}</h2>
            {key_figures(vec![(words::HELP_REQUESTS, f.help_requests.to_string())])}
            {chart("aide", words::HELP_BY_DELAY, words::COL_DELAY, words::COL_REQUESTS, rows)}
        </section>
    }
    .into_any()
}

fn volunteers(f: &StatsFigures) -> AnyView {
    let body = if f.by_volunteer.is_empty() {
        view! { <p>{words::NOTHING}</p> }.into_any()
    } else {
        view! {
            <table class="stats-table">
                <thead><tr>
                    <th scope="col">{words::COL_VOLUNTEER}</th>
                    <th scope="col">{words::COL_SESSIONS}</th>
                    <th scope="col">{words::COL_TIME}</th>
                    <th scope="col">{words::COL_PEOPLE}</th>
                </tr></thead>
                <tbody>
                    {f.by_volunteer.iter().map(|v| view! {
                        <tr>
                            <th scope="row">{v.name.clone().unwrap_or_else(|| words::DELETED_ACCOUNT.to_string())}</th>
                            <td>{v.sessions}</td>
                            <td>{words::hours(v.minutes)}</td>
                            <td>{v.people}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="stats-section" aria-labelledby="stats-volunteers">
            <h2 id="stats-volunteers">{words::VOLUNTEERS_TITLE}</h2>
            {body}
        </section>
    }
    .into_any()
}

fn territory(f: &StatsFigures) -> AnyView {
    let zone = |z: Option<&String>| z.cloned().unwrap_or_else(|| words::NO_ZONE.to_string());
    let commune = |c: Option<&String>| {
        c.cloned()
            .unwrap_or_else(|| words::OTHER_COMMUNES.to_string())
    };
    view! {
        <section class="stats-section" aria-labelledby="stats-territory">
            <h2 id="stats-territory">{words::TERRITORY_TITLE}</h2>
            {chart("par-zone", words::BY_ZONE, words::COL_ZONE, words::COL_PEOPLE, shares(&f.by_zone, zone))}
            {chart("par-commune", words::BY_COMMUNE, words::COL_COMMUNE, words::COL_PEOPLE, shares(&f.by_commune, commune))}
        </section>
    }
    .into_any()
}

fn profile(f: &StatsFigures) -> AnyView {
    fn told<T: Copy>(word: fn(T) -> &'static str) -> impl Fn(Option<&T>) -> String {
        move |v: Option<&T>| v.map_or(words::NOT_TOLD, |v| word(*v)).to_string()
    }
    view! {
        <section class="stats-section" aria-labelledby="stats-profile">
            <h2 id="stats-profile">{words::PROFILE_TITLE}</h2>
            {chart("par-age", words::BY_AGE, words::COL_AGE, words::COL_PEOPLE, shares(&f.by_age, told(session_words::age_band)))}
            {chart("par-situation", words::BY_STATUS, words::COL_STATUS, words::COL_PEOPLE, shares(&f.by_status, told(session_words::status)))}
            {chart("par-genre", words::BY_GENDER, words::COL_GENDER, words::COL_PEOPLE, shares(&f.by_gender, told(session_words::gender)))}
        </section>
    }
    .into_any()
}

/// What people say: the follow-up questionnaire's answers and the confidence question
/// (issue 21, item 5), for the same period.
fn sayings(outcomes: OutcomesView) -> AnyView {
    view! {
        <div class="stats-section" id="ce-que-disent-les-personnes">
            <OutcomesSection outcomes=outcomes/>
        </div>
    }
    .into_any()
}
