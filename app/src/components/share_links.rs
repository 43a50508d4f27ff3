//! The share links part of the statistics page (coordinators): make a link to the figures
//! of the period shown for a funder (the full link shown once), list the structure's links
//! and revoke them. Plain forms: everything works without JavaScript.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::share::{CreateShareLink, RevokeShareLink};
use crate::components::load::loaded;
use crate::error::AppError;
use crate::model::share::{MAX_LABEL, ShareLinkRow, ShareLinksView};
use crate::paths;
use crate::text::{share as words, stats as stats_words};

/// The section, for the period `from`–`to` shown by the page.
pub fn share_links(
    links: Resource<Result<ShareLinksView, AppError>>,
    from: String,
    to: String,
) -> impl IntoView {
    loaded(links, move |v: ShareLinksView| section(v, &from, &to))
}

fn section(v: ShareLinksView, from: &str, to: &str) -> AnyView {
    view! {
        <section class="stats-section no-print" aria-labelledby=paths::SHARE_ANCHOR>
            <h2 id=paths::SHARE_ANCHOR>{words::TITLE}</h2>
            <p>{words::INTRO}</p>
            {v.fresh_link.map(|link| view! {
                <div class="message" role="status">
                    <p>{words::FRESH}</p>
                    <p><code class="feed-link share-link">{link}</code></p>
                    <p>{words::FRESH_EXPLAIN}</p>
                </div>
            })}
            {v.revoked.then(|| view! { <p class="message" role="status">{words::REVOKED_DONE}</p> })}
            {make_form(v.refused.map(words::refused), v.label, v.once, from, to)}
            <h3>{words::LINKS_TITLE}</h3>
            {list(v.links, from, to)}
        </section>
    }
    .into_any()
}

fn make_form(
    refused: Option<String>,
    label: String,
    once: String,
    from: &str,
    to: &str,
) -> AnyView {
    view! {
        <form class="form" method="post" action=CreateShareLink::url()>
            {refused.map(|m| view! { <p class="message error-message" role="alert">{m}</p> })}
            <input type="hidden" name="du" value=from.to_string()/>
            <input type="hidden" name="au" value=to.to_string()/>
            <input type="hidden" name="once" value=once/>
            <div class="field">
                <label for="libelle">{words::LABEL}</label>
                <input type="text" id="libelle" name="libelle" maxlength=MAX_LABEL.to_string() value=label/>
            </div>
            <button type="submit" class="button">{words::MAKE}</button>
        </form>
    }
    .into_any()
}

fn list(links: Vec<ShareLinkRow>, from: &str, to: &str) -> AnyView {
    if links.is_empty() {
        return view! { <p>{words::NO_LINKS}</p> }.into_any();
    }
    let (from, to) = (from.to_string(), to.to_string());
    view! {
        <table class="stats-table share-links">
            <thead><tr>
                <th scope="col">{words::COL_LABEL}</th>
                <th scope="col">{words::COL_PERIOD}</th>
                <th scope="col">{words::COL_MADE}</th>
                <th scope="col">{words::COL_STATE}</th>
            </tr></thead>
            <tbody>
                {links.into_iter().map(|l| {
                    let state = match l.revoked_at {
                        Some(at) => view! { {words::revoked(at)} }.into_any(),
                        None => view! {
                            {words::ACTIVE}
                            <form method="post" action=RevokeShareLink::url()>
                                <input type="hidden" name="id" value=l.id.to_string()/>
                                <input type="hidden" name="du" value=from.clone()/>
                                <input type="hidden" name="au" value=to.clone()/>
                                <button type="submit" class="button" aria-label=words::revoke_label(l.label.as_deref())>{words::REVOKE}</button>
                            </form>
                        }.into_any(),
                    };
                    view! {
                        <tr>
                            <th scope="row">{l.label.clone().unwrap_or_else(|| words::NO_LABEL.to_string())}</th>
                            <td>{stats_words::period(&l.from, &l.to)}</td>
                            <td>{words::made(l.made_by.as_deref(), l.made_at)}</td>
                            <td>{state}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
