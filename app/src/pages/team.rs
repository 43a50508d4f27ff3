//! `/benevole/equipe` (coordinators) and `/invitation/{token}` (new staff).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::auth::new_form_token;
use crate::api::team::{
    AcceptInvitation, CancelInvitation, DisableMember, EnableMember, HandOver, InviteStaff,
    MoveLearner, ResetPassword, SetPhone, get_invitation, get_invitation_draft,
    get_invitation_link, get_team,
};
use crate::components::load::loaded;
use crate::error::AppError;
use crate::islands::submit_once::SubmitOnce;
use crate::model::{FieldError, InvitationLink, InvitationView, Team};
use crate::pages::volunteer::VolunteerNav;
use crate::text;

#[component]
pub fn TeamPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.read().get("lien"),
        |key| async move {
            let team = get_team().await?;
            let link = match key {
                Some(k) => get_invitation_link(k).await?,
                None => None,
            };
            // The one-time token of the forms that make links: sent twice, one link.
            let once = new_form_token().await?;
            Ok::<(Team, Option<InvitationLink>, String), AppError>((team, link, once))
        },
    );
    let error = match query.read_untracked().get("erreur").as_deref() {
        Some("prenom") => Some(text::TEAM_BAD_NAME),
        Some("role") => Some(text::TEAM_BAD_ROLE),
        _ => None,
    };
    // Which field the error is about, to tie the message to it.
    let bad_name = error == Some(text::TEAM_BAD_NAME);
    let bad_role = error == Some(text::TEAM_BAD_ROLE);
    let count = |name: &str| {
        query
            .read_untracked()
            .get(name)
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let done = match query.read_untracked().get("fait").as_deref() {
        Some("desactive") => Some(text::TEAM_DISABLED_DONE.to_string()),
        Some("reactive") => Some(text::TEAM_ENABLED_DONE.to_string()),
        Some("confie") => Some(text::TEAM_MOVED_DONE.to_string()),
        Some("tout-confie") => Some(text::team_handed_over(
            count("apprenants"),
            count("rdv"),
            count("a_rappeler"),
        )),
        Some("annule") => Some(text::TEAM_CANCELLED_DONE.to_string()),
        _ => None,
    };
    let phone_error = query.read_untracked().get("erreur").as_deref() == Some("telephone");
    let phone_done = match query.read_untracked().get("telephone").as_deref() {
        Some("ok") => Some(text::TEAM_PHONE_SAVED),
        Some("retire") => Some(text::TEAM_PHONE_REMOVED),
        _ => None,
    };
    loaded(
        data,
        move |(team, link, once): (Team, Option<InvitationLink>, String)| {
            view! {
                <Title text=text::title_with_error(text::TEAM_TITLE, error.is_some())/>
                <VolunteerNav coordinator=true/>
                <h1>{format!("{} — {}", text::TEAM_TITLE, team.structure)}</h1>
                <p><a href=crate::paths::ZONES>{text::zones::LINK}</a></p>
                {link.map(|l| view! {
                    <div class="message success" id="lien" role="status">
                        <p>{format!("{} {}", if l.reset { text::TEAM_LINK_RESET } else { text::TEAM_LINK_NEW }, l.for_name)}</p>
                        <p><code class="invitation-url">{l.url}</code></p>
                        <p>{format!("{} {}.", text::TEAM_LINK_INTRO, l.expires)}</p>
                    </div>
                })}
                {done.clone().map(|m| view! { <p class="message success" role="status">{m}</p> })}
                <ul class="card-list" id="membres">
                    {team.members.clone().into_iter().map(|m| {
                        let disable_label = format!(" : {}", m.name);
                        let enable_label = disable_label.clone();
                        let reset_once = once.clone();
                        view! {
                        <li class="card">
                            <h2>{m.name.clone()}</h2>
                            <p class="meta">{format!("{} — {}", m.username, m.roles)}</p>
                            {m.disabled.then(|| view! { <p class="meta">{text::TEAM_DISABLED}</p> })}
                            {(!m.is_me && !m.disabled).then(|| view! {
                                <SubmitOnce>
                                    <form method="post" action=DisableMember::url()>
                                        <input type="hidden" name="id" value=m.id.to_string()/>
                                        <button type="submit" class="button">
                                            {text::TEAM_DISABLE}<span class="visually-hidden">{disable_label}</span>
                                        </button>
                                    </form>
                                </SubmitOnce>
                            })}
                            {(!m.is_me && m.disabled).then(|| view! {
                                <SubmitOnce>
                                    <form method="post" action=EnableMember::url()>
                                        <input type="hidden" name="id" value=m.id.to_string()/>
                                        <button type="submit" class="button">
                                            {text::TEAM_ENABLE}<span class="visually-hidden">{enable_label}</span>
                                        </button>
                                    </form>
                                </SubmitOnce>
                            })}
                            {(!m.is_me).then(|| view! {
                                <SubmitOnce>
                                    <form method="post" action=ResetPassword::url()>
                                        <input type="hidden" name="id" value=m.id.to_string()/>
                                        <input type="hidden" name="once" value=reset_once/>
                                        <button type="submit" class="button">
                                            {text::TEAM_RESET}<span class="visually-hidden">{format!(" : {}", m.name)}</span>
                                        </button>
                                    </form>
                                </SubmitOnce>
                            })}
                        </li>
                        }
                    }).collect_view()}
                </ul>
                {(!team.learners.is_empty()).then(|| {
                    let followers: Vec<(i32, String)> = team
                        .members
                        .iter()
                        .filter(|m| m.follows)
                        .map(|m| (m.id, m.name.clone()))
                        .collect();
                    view! {
                        <section aria-labelledby="confier-titre" id="confier">
                            <h2 id="confier-titre">{text::TEAM_MOVE}</h2>
                            <form class="form" method="post" action=MoveLearner::url()>
                                <div class="field">
                                    <label for="confier-apprenant">{text::TEAM_MOVE_LEARNER}</label>
                                    <select id="confier-apprenant" name="learner" required>
                                        {team.learners.iter().map(|l| {
                                            let who = l.volunteer
                                                .and_then(|v| followers.iter().find(|(id, _)| *id == v))
                                                .map_or(text::TEAM_MOVE_NOBODY.to_string(), |(_, n)| n.clone());
                                            view! { <option value=l.id.to_string()>{format!("{} ({who})", l.first_name)}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="confier-benevole">{text::TEAM_MOVE_TO}</label>
                                    <select id="confier-benevole" name="volunteer" required>
                                        {followers.iter().map(|(id, name)| view! {
                                            <option value=id.to_string()>{name.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class="button">{text::TEAM_MOVE_SUBMIT}</button>
                            </form>
                            <h3>{text::TEAM_HAND_OVER}</h3>
                            <p class="hint">{text::TEAM_HAND_OVER_HINT}</p>
                            <form class="form" method="post" action=HandOver::url()>
                                <div class="field">
                                    <label for="tout-confier-de">{text::TEAM_HAND_OVER_FROM}</label>
                                    <select id="tout-confier-de" name="from" required>
                                        {team.members.iter().filter(|m| !m.is_me).map(|m| view! {
                                            <option value=m.id.to_string()>{m.name.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="tout-confier-a">{text::TEAM_HAND_OVER_TO}</label>
                                    <select id="tout-confier-a" name="to" required>
                                        {followers.iter().map(|(id, name)| view! {
                                            <option value=id.to_string()>{name.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class="button">{text::TEAM_HAND_OVER_SUBMIT}</button>
                            </form>
                        </section>
                    }
                })}
                {(!team.invitations.is_empty()).then(|| view! {
                    <section aria-labelledby="liens-titre" id="liens">
                        <h2 id="liens-titre">{text::TEAM_PENDING}</h2>
                        <ul class="card-list">
                            {team.invitations.iter().map(|i| view! {
                                <li class="card">
                                    <p>{format!("{} — {} {}", i.for_name, text::TEAM_PENDING_UNTIL, i.expires)}</p>
                                    <form method="post" action=CancelInvitation::url()>
                                        <input type="hidden" name="id" value=i.id.to_string()/>
                                        <button type="submit" class="button">
                                            {text::TEAM_CANCEL}<span class="visually-hidden">{format!(" : {}", i.for_name)}</span>
                                        </button>
                                    </form>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                <section aria-labelledby="telephone-titre" id="telephone">
                    <h2 id="telephone-titre">{text::TEAM_PHONE}</h2>
                    <p class="hint" id="telephone-aide">{text::TEAM_PHONE_HINT}</p>
                    {phone_done.map(|m| view! { <p class="message success" role="status">{m}</p> })}
                    {phone_error.then(|| view! {
                        <p class="message error-message field-error" id="telephone-erreur" role="alert">{text::TEAM_PHONE_BAD}</p>
                    })}
                    <form class="form" method="post" action=SetPhone::url()>
                        <div class="field">
                            <label for="phone">{text::TEAM_PHONE_LABEL}</label>
                            <input type="tel" id="phone" name="phone" autocomplete="tel" maxlength="30"
                                value=team.phone.clone().unwrap_or_default()
                                aria-invalid=phone_error.then_some("true")
                                aria-describedby=if phone_error { "telephone-aide telephone-erreur" } else { "telephone-aide" }/>
                        </div>
                        <button type="submit" class="button">{text::TEAM_PHONE_SUBMIT}</button>
                    </form>
                </section>
                <section aria-labelledby="inviter-titre" id="inviter">
                    <h2 id="inviter-titre">{text::TEAM_INVITE}</h2>
                    {error.map(|e| view! { <p class="message error-message" role="alert" id="inviter-erreur">{e}</p> })}
                    <SubmitOnce>
                        <form class="form" method="post" action=InviteStaff::url()>
                            <input type="hidden" name="once" value=once.clone()/>
                            <div class="field">
                                <label for="name">{text::TEAM_INVITE_NAME}</label>
                                <input type="text" id="name" name="name" required maxlength="60"
                                    aria-describedby=bad_name.then_some("inviter-erreur")
                                    aria-invalid=bad_name.then_some("true")/>
                            </div>
                            <fieldset aria-describedby=bad_role.then_some("inviter-erreur")>
                                <legend>{text::TEAM_ROLES}</legend>
                                <div class="choices">
                                    <div class="choice">
                                        <input type="checkbox" id="role-benevole" name="volunteer" value="oui" checked/>
                                        <label for="role-benevole">{text::TEAM_ROLE_VOLUNTEER}</label>
                                    </div>
                                    <div class="choice">
                                        <input type="checkbox" id="role-formateur" name="trainer" value="oui"/>
                                        <label for="role-formateur">{text::TEAM_ROLE_TRAINER}</label>
                                    </div>
                                    <div class="choice">
                                        <input type="checkbox" id="role-coordinateur" name="coordinator" value="oui"/>
                                        <label for="role-coordinateur">{text::TEAM_ROLE_COORDINATOR}</label>
                                    </div>
                                </div>
                            </fieldset>
                            <button type="submit" class="button primary">{text::TEAM_INVITE_SUBMIT}</button>
                        </form>
                    </SubmitOnce>
                </section>
            }
        },
    )
}

/// The invitation's token, its page (if still valid) and a failed attempt to show again.
type InvitationData = (
    String,
    Option<InvitationView>,
    Option<(String, Vec<FieldError>)>,
);

#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("token").unwrap_or_default(),
                query.read().get("brouillon"),
            )
        },
        |(token, draft)| async move {
            let page = get_invitation(token.clone()).await?;
            let draft = match draft {
                Some(k) => get_invitation_draft(k).await?,
                None => None,
            };
            Ok::<InvitationData, AppError>((token, page, draft))
        },
    );
    loaded(data, |(token, page, draft): InvitationData| {
        let Some(page) = page else {
            return view! {
                <Title text=text::INVITATION_TITLE/>
                <h1>{text::INVITATION_TITLE}</h1>
                <p class="message notice">{text::INVITATION_GONE}</p>
            }
            .into_any();
        };
        if page.disabled {
            let title = if page.reset {
                text::INVITATION_RESET_TITLE
            } else {
                text::INVITATION_TITLE
            };
            return view! {
                <Title text=title/>
                <h1>{title}</h1>
                <p class="message notice">{text::INVITATION_DISABLED}</p>
            }
            .into_any();
        }
        let (typed, errors) = draft.unwrap_or_default();
        let error = |field: &str| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| text::staff::field_problem(&e.problem))
        };
        let (user_err, pass_err) = (error("username"), error("password"));
        let title = if page.reset {
            text::INVITATION_RESET_TITLE
        } else {
            text::INVITATION_TITLE
        };
        let has_error = user_err.is_some() || pass_err.is_some();
        view! {
            <Title text=text::title_with_error(title, has_error)/>
            <h1>{title}</h1>
            <p class="lead">{format!("{} — {}", page.display_name, page.structure)}</p>
            <SubmitOnce>
                <form class="form" method="post" action=AcceptInvitation::url()>
                    <input type="hidden" name="token" value=token/>
                    {match page.username {
                        Some(u) => view! { <p>{format!("{} : {u}", text::STAFF_USERNAME)}</p> }.into_any(),
                        None => view! {
                            <div class="field">
                                <label for="username">{text::STAFF_USERNAME}</label>
                                {user_err.clone().map(|e| view! { <p class="message error-message field-error" id="username-erreur">{e}</p> })}
                                <input type="text" id="username" name="username" value=typed required
                                    autocomplete="username" autocapitalize="none" spellcheck="false"
                                    aria-describedby=user_err.as_ref().map(|_| "username-erreur")
                                    aria-invalid=user_err.as_ref().map(|_| "true")/>
                            </div>
                        }.into_any(),
                    }}
                    <div class="field">
                        <label for="password">{text::STAFF_PASSWORD}</label>
                        <p class="hint" id="password-aide">{text::INVITATION_PASSWORD_HINT}</p>
                        {pass_err.clone().map(|e| view! { <p class="message error-message field-error" id="password-erreur">{e}</p> })}
                        <input type="password" id="password" name="password" required minlength="8"
                            autocomplete="new-password"
                            aria-describedby=if pass_err.is_some() { "password-aide password-erreur" } else { "password-aide" }
                            aria-invalid=pass_err.as_ref().map(|_| "true")/>
                    </div>
                    <button type="submit" class="button primary">{text::INVITATION_SUBMIT}</button>
                </form>
            </SubmitOnce>
        }.into_any()
    })
}
