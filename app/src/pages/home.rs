use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::learning::get_home;
use crate::components::load::loaded;
use crate::model::{HomePage as Home, ResumeItem};
use crate::text;

#[component]
pub fn HomePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_home());
    loaded(data, |home: Home| {
        match home.first_name {
        None => view! {
            <Title text=""/>
            <h1>{text::HOME_TITLE}</h1>
            <p class="lead">{text::HOME_INTRO}</p>
            <div class="actions">
                <a class="button primary" href="/connexion">{text::HOME_HAVE_CODE}</a>
                <a class="button" href="/modules">{text::HOME_SEE_LESSONS}</a>
            </div>
            <p class="aside-note">
                {format!("{} ", text::HOME_VOLUNTEER)}
                <a href="/benevole/connexion">{text::STAFF_SIGN_IN_TITLE}</a>
            </p>
        }
        .into_any(),
        Some(first_name) => view! {
            <Title text=""/>
            <h1>{format!("{} {first_name}", text::HOME_HELLO)}</h1>
            {home.resume.map(|r| view! {
                <section class="card resume" aria-labelledby="reprendre">
                    <h2 id="reprendre">
                        {format!("{} : {}, {} {}", text::HOME_RESUME, r.lesson_title, text::STEP_WORD, r.step_number)}
                    </h2>
                    <p>{r.module_title.clone()}</p>
                    <a class="button primary" href=r.href.clone()>{text::HOME_RESUME}</a>
                </section>
            })}
            {(!home.next.is_empty()).then(|| view! {
                <section aria-labelledby="prochaines">
                    <h2 id="prochaines">{text::HOME_NEXT_LESSONS}</h2>
                    <ul class="card-list">
                        {home.next.into_iter().map(|r| view! { <li><NextLesson item=r/></li> }).collect_view()}
                    </ul>
                </section>
            })}
            <p><a class="button" href="/modules">{text::HOME_SEE_LESSONS}</a></p>
        }
        .into_any(),
    }
    })
}

#[component]
fn NextLesson(item: ResumeItem) -> impl IntoView {
    let label = if item.step_number > 1 {
        text::LESSON_OPEN_RESUME
    } else {
        text::HOME_START
    };
    view! {
        <div class="card">
            <h3>{item.lesson_title}</h3>
            <p>{item.module_title}</p>
            <a class="button" href=item.href>{label}</a>
        </div>
    }
}
