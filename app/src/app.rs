//! The HTML shell, the router and the layout shared by every page.

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::layout::Layout;
use crate::components::load::ErrorPageView;
use crate::error::ErrorPage;
use crate::pages::{
    agenda::{
        AgendaPage, AppointmentPage, BookingPage, CallPage, MyAvailabilityPage, SlipPage,
        ToRecallPage,
    },
    booklet::BookletPage,
    card_sign_in::CardSignInPage,
    catalogue::CataloguePage,
    comfort::ComfortPage,
    diagnostic::DiagnosticPage,
    help::HelpPage,
    home::HomePage,
    module::ModulePage,
    my_data::MyDataPage,
    network::{ProgrammePage, TerritoryPage},
    not_found::NotFound,
    not_saved::NotSavedPage,
    outcomes::{FollowUpPage, LearnerFollowUpPage},
    sessions::{LearnerProfilePage, SessionsPage},
    share::SharedPage,
    sign_in::SignInPage,
    staff_sign_in::StaffSignInPage,
    stats::StatsPage,
    step::{LessonEndPage, LessonResumePage, StepPage},
    team::{InvitationPage, TeamPage},
    trainer::{EditorPage, PreviewPage, TrainerPage},
    visit::{HandOffPage, VisitEditPage, VisitFormPage, VisitSavedPage, WorkshopFormPage},
    volunteer::{
        card::CardPage,
        dashboard::DashboardPage,
        learner::LearnerPage,
        learners::{LearnersPage, NewLearnerPage},
        move_learner::MoveLearnerPage,
        training::TrainingPage,
    },
    welcome::WelcomePage,
    zones::ZonesPage,
};
use crate::text;

/// The document around every page, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The nonce of this response's Content-Security-Policy, for the scripts Leptos writes.
    #[cfg(feature = "ssr")]
    crate::ssr::request::provide_csp_nonce();
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // An error answered by a plain handler or a middleware, rendered by the server in this
    // same shell and layout instead of a route (see `crate::error::ErrorPage`).
    let error = use_context::<ErrorPage>();
    view! {
        // The one place every page's title passes through: leptos_meta writes what this
        // returns into `<title>` as it is, so it is escaped here (a lesson title, a
        // learner's first name or a file name may hold `</title><script>`).
        <Title formatter=|title: String| {
            let full = if title.is_empty() {
                text::SITE_NAME.to_string()
            } else {
                format!("{title} — {}", text::SITE_NAME)
            };
            html_escape::encode_text(&full).into_owned()
        }/>
        <Router>
            <Layout>
                {match error {
                    Some(page) => view! { <ErrorPageView page/> }.into_any(),
                    None => view! { <AppRoutes/> }.into_any(),
                }}
            </Layout>
        </Router>
    }
}

/// Every page of the site.
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
            <Route path=path!("/modules") view=CataloguePage ssr=SsrMode::Async/>
            <Route path=path!("/modules/:module") view=ModulePage ssr=SsrMode::Async/>
            <Route
                path=path!("/modules/:module/:lesson")
                view=LessonResumePage
                ssr=SsrMode::Async
            />
            <Route
                path=path!("/modules/:module/:lesson/fin")
                view=LessonEndPage
                ssr=SsrMode::Async
            />
            <Route
                path=path!("/modules/:module/:lesson/:step")
                view=StepPage
                ssr=SsrMode::Async
            />
            <Route path=path!("/connexion") view=SignInPage ssr=SsrMode::Async/>
            <Route path=path!("/bienvenue") view=WelcomePage ssr=SsrMode::Async/>
            <Route path=path!("/carte") view=CardSignInPage ssr=SsrMode::Async/>
            <Route path=path!("/confort") view=ComfortPage ssr=SsrMode::Async/>
            <Route path=path!("/carnet") view=BookletPage ssr=SsrMode::Async/>
            <Route path=path!("/mes-donnees") view=MyDataPage ssr=SsrMode::Async/>
            <Route path=path!("/aide") view=HelpPage ssr=SsrMode::Async/>
            <Route path=path!("/suivi") view=FollowUpPage ssr=SsrMode::Async/>
            <Route path=path!("/pas-enregistre") view=NotSavedPage ssr=SsrMode::Async/>
            <Route path=path!("/invitation/:token") view=InvitationPage ssr=SsrMode::Async/>
            <Route path=path!("/partage/:token") view=SharedPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole") view=DashboardPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/apprenants") view=LearnersPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/apprenants/nouveau") view=NewLearnerPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/apprenants/:id") view=LearnerPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/apprenants/:id/carte") view=CardPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/apprenants/:id/demenagement") view=MoveLearnerPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/apprenants/:id/seance") view=VisitFormPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/apprenants/:id/diagnostic") view=DiagnosticPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/atelier") view=WorkshopFormPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/seances") view=SessionsPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/statistiques") view=StatsPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/seances/:id") view=VisitSavedPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/seances/:id/modifier") view=VisitEditPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/apprenants/:id/profil") view=LearnerProfilePage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/apprenants/:id/suivi") view=LearnerFollowUpPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/seances/:id/fiche/:learner") view=HandOffPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/formation") view=TrainingPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/equipe") view=TeamPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/equipe/zones") view=ZonesPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/agenda") view=AgendaPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/agenda/disponibilites") view=MyAvailabilityPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/agenda/a-rappeler") view=ToRecallPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/agenda/rdv/:id") view=AppointmentPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/agenda/rdv/:id/fiche") view=SlipPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/appel") view=CallPage ssr=SsrMode::Async/>
            <Route path=path!("/benevole/agenda/reserver") view=BookingPage ssr=SsrMode::Async/>
            <Route path=path!("/programme") view=ProgrammePage ssr=SsrMode::Async/>
            <Route path=path!("/programme/territoires/:id") view=TerritoryPage ssr=SsrMode::Async/>
            <Route path=path!("/formateur") view=TrainerPage ssr=SsrMode::Async/>
            <Route path=path!("/formateur/editer") view=EditorPage ssr=SsrMode::Async/>
            <Route path=path!("/formateur/apercu") view=PreviewPage ssr=SsrMode::Async/>
            <Route
                path=path!("/benevole/connexion")
                view=StaffSignInPage
                ssr=SsrMode::Async
            />
        </Routes>
    }
}
