//! `/confort`: text size, high contrast, reduced motion. Works without JavaScript; kept in
//! the learner's account, or in the browser.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::{SaveComfort, get_frame};
use crate::components::load::loaded;
use crate::model::Frame;
use crate::text;

#[component]
pub fn ComfortPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_frame());
    let query = use_query_map().get_untracked();
    // The settings chosen when their save failed ("Ce n'est pas enregistré"), chosen again.
    let kept = query
        .get(crate::paths::KEPT_SIZE_KEY)
        .and_then(|size| size.parse::<u8>().ok())
        .map(|size| crate::model::Comfort {
            text_size: size.min(2),
            high_contrast: query.get(crate::paths::KEPT_CONTRAST_KEY).is_some(),
            reduce_motion: query.get(crate::paths::KEPT_MOTION_KEY).is_some(),
        });
    let back = query
        .get("retour")
        .filter(|b| crate::paths::is_local_path(b))
        .unwrap_or_else(|| "/".to_string());
    loaded(data, move |f: Frame| {
        let c = kept.unwrap_or(f.comfort);
        view! {
            <Title text=text::COMFORT_TITLE/>
            <h1>{text::COMFORT_TITLE}</h1>
            <crate::pages::step::NotSavedNote/>
            <p class="lead">{text::COMFORT_INTRO}</p>
            <form class="form" method="post" action=SaveComfort::url()>
                <input type="hidden" name="back" value=back.clone()/>
                <crate::components::owner::OwnerField/>
                <fieldset>
                    <legend>{text::COMFORT_SIZE}</legend>
                    <div class="choices">
                        {text::COMFORT_SIZES.iter().enumerate().map(|(i, label)| {
                            let id = format!("taille-{i}");
                            view! {
                                <div class=format!("choice taille-exemple-{i}")>
                                    <input type="radio" name="text_size" value=i.to_string() id=id.clone()
                                        checked=usize::from(c.text_size) == i/>
                                    <label for=id>{*label}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{text::COMFORT_OTHER}</legend>
                    <div class="choices">
                        <div class="choice">
                            <input type="checkbox" name="contrast" value="oui" id="contraste" checked=c.high_contrast/>
                            <label for="contraste">{text::COMFORT_CONTRAST}</label>
                        </div>
                        <div class="choice">
                            <input type="checkbox" name="motion" value="oui" id="mouvement" checked=c.reduce_motion/>
                            <label for="mouvement">{text::COMFORT_MOTION}</label>
                        </div>
                    </div>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="button primary">{text::COMFORT_SAVE}</button>
                    <a class="button" href=back.clone()>{text::COMFORT_BACK}</a>
                </div>
            </form>
        }
    })
}
