//! `/mes-donnees`: download everything, change the notes choice, delete the account.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::learner::{DeleteMyAccount, SavePrivacy, get_my_data};
use crate::components::load::loaded;
use crate::islands::submit_once::SubmitOnce;
use crate::model::MyData;
use crate::text;

#[component]
pub fn MyDataPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_my_data());
    let need_confirm =
        use_query_map().read_untracked().get("erreur").as_deref() == Some("confirmer");
    loaded(data, move |d: MyData| {
        view! {
            <Title text=text::title_with_error(text::MY_DATA_TITLE, need_confirm)/>
            <h1>{text::MY_DATA_TITLE}</h1>
            <section aria-labelledby="telecharger">
                <h2 id="telecharger">{text::MY_DATA_DOWNLOAD}</h2>
                <div class="actions">
                    <a class="button" href="/mes-donnees.json" download="">{text::MY_DATA_JSON}</a>
                    <a class="button" href="/mes-donnees.csv" download="">{text::MY_DATA_CSV}</a>
                </div>
            </section>
            <section aria-labelledby="statistiques">
                <h2 id="statistiques">{text::sessions::PROFILE_TITLE}</h2>
                <p>{text::sessions::PRIVACY_STATISTICS}</p>
            </section>
            <section aria-labelledby="notes">
                <h2 id="notes">{text::MY_DATA_NOTES}</h2>
                <p>{if d.notes_consent == Some(false) { text::MY_DATA_NOTES_NO } else { text::MY_DATA_NOTES_YES }}</p>
                <SubmitOnce>
                    <form class="form" method="post" action=SavePrivacy::url()>
                        <input type="hidden" name="back" value="/mes-donnees"/>
                        <crate::components::owner::OwnerField/>
                        <fieldset>
                            <legend>{text::WELCOME_NOTES_QUESTION}</legend>
                            <div class="choices">
                                <div class="choice">
                                    <input type="radio" name="notes" value="oui" id="notes-oui" checked=d.notes_consent != Some(false)/>
                                    <label for="notes-oui">{text::WELCOME_NOTES_YES}</label>
                                </div>
                                <div class="choice">
                                    <input type="radio" name="notes" value="non" id="notes-non" checked=d.notes_consent == Some(false)/>
                                    <label for="notes-non">{text::WELCOME_NOTES_NO}</label>
                                </div>
                            </div>
                        </fieldset>
                        <button type="submit" class="button">{text::MY_DATA_SAVE}</button>
                    </form>
                </SubmitOnce>
            </section>
            <section aria-labelledby="supprimer-titre" id="supprimer">
                <h2 id="supprimer-titre">{text::MY_DATA_DELETE}</h2>
                <p>{text::MY_DATA_DELETE_WARNING}</p>
                {need_confirm.then(|| view! {
                    <p class="message error-message" role="alert" id="supprimer-erreur">{text::MY_DATA_DELETE_NEED_CONFIRM}</p>
                })}
                <form class="form" method="post" action=DeleteMyAccount::url()>
                    <crate::components::owner::OwnerField/>
                    <div class="choice">
                        <input type="checkbox" name="confirm" value="oui" id="confirmer"
                            aria-describedby=need_confirm.then_some("supprimer-erreur")
                            aria-invalid=need_confirm.then_some("true")/>
                        <label for="confirmer">{text::MY_DATA_DELETE_CONFIRM}</label>
                    </div>
                    <p><button type="submit" class="button danger">{text::MY_DATA_DELETE}</button></p>
                </form>
            </section>
        }
    })
}
