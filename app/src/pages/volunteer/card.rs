//! `/benevole/apprenants/{id}/carte`: the printable login card (A6, or a quarter of A4).

use crate::components::print::PrintButton;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::VolunteerNav;
use crate::api::volunteer::{ReplaceCode, get_card};
use crate::components::load::loaded;
use crate::components::route::RouteParams;
use crate::islands::submit_once::SubmitOnce;
use crate::model::LoginCard;
use crate::text;

#[component]
pub fn CardPage() -> impl IntoView {
    let route = RouteParams::current();
    let data = Resource::new(move || route.id(), get_card);
    let q = use_query_map().read_untracked();
    let notice = if q.get("nouveau").is_some() {
        Some(text::CARD_CREATED)
    } else if q.get("nouveau-code").is_some() {
        Some(text::CARD_NEW_CODE)
    } else {
        None
    };
    loaded(data, move |c: LoginCard| {
        view! {
            <Title text=format!("{} — {}", text::CARD_TITLE, c.first_name)/>
            <VolunteerNav/>
            <h1 class="print-visually-hidden">{format!("{} — {}", text::CARD_TITLE, c.first_name)}</h1>
            {notice.map(|n| view! { <p class="message success no-print" role="status">{n}</p> })}
            <div class="login-card">
                <p class="card-site">{format!("{} — {}", text::SITE_NAME, c.site)}</p>
                <p class="card-name">{c.first_name.clone()}</p>
                <p class="card-code-label">{text::CARD_MY_CODE}</p>
                <p class="card-code">{c.code.clone()}</p>
                <div class="card-qr" role="img" aria-label=text::CARD_QR_ALT inner_html=c.qr_svg></div>
                <p class="card-how">{text::CARD_HOW}</p>
            </div>
            <PrintButton label=text::CARD_PRINT/>
            <div class="actions no-print">
                <a class="button" href=format!("/benevole/apprenants/{}", c.learner_id)>{text::DASHBOARD_SEE}</a>
            </div>
            <section class="no-print" aria-labelledby="remplacer">
                <h2 id="remplacer">{text::CARD_REPLACE}</h2>
                <p>{text::CARD_REPLACE_HINT}</p>
                <SubmitOnce>
                    <form method="post" action=ReplaceCode::url()>
                        <input type="hidden" name="id" value=c.learner_id.to_string()/>
                        <button type="submit" class="button">{text::CARD_REPLACE}</button>
                    </form>
                </SubmitOnce>
            </section>
        }
    })
}
