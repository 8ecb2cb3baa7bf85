//! The app root: context providers and the router; nothing else.

use leptos::prelude::*;
#[cfg(not(feature = "portal-only"))]
use leptos_router::components::ParentRoute;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::db_gate::DbGate;
use crate::components::toast_region::ToastRegion;
use crate::components::top_nav::TopNav;
use crate::components::update_prompt::UpdatePrompt;
use crate::pages::not_found::NotFound;
use crate::pages::portal::article::PortalArticle;
use crate::pages::portal::feedback::PortalFeedback;
use crate::pages::portal::home::PortalHome;
use crate::pages::portal::report::PortalReport;
use crate::pages::portal::request::PortalRequest;
use crate::pages::portal::requests::PortalRequests;
#[cfg(not(feature = "portal-only"))]
use crate::pages::{
    desk::article::detail::ArticleDetail,
    desk::article::edit::EditArticle,
    desk::article::list::ArticleList,
    desk::article::new::NewArticle,
    desk::article::versions::ArticleVersions,
    desk::conflicts::{ConflictList, ConflictPage},
    desk::dashboard::Dashboard,
    desk::data::DataPage,
    desk::home::DeskHome,
    desk::incident::detail::IncidentDetail,
    desk::incident::edit::EditIncident,
    desk::incident::import::ImportIncidents,
    desk::incident::new::NewIncident,
    desk::known_error::detail::KnownErrorDetail,
    desk::known_error::edit::EditKnownError,
    desk::known_error::list::KnownErrorList,
    desk::known_error::new::NewKnownError,
    desk::practices::PracticesPage,
    desk::problem::detail::ProblemDetail,
    desk::problem::edit::EditProblem,
    desk::problem::list::ProblemList,
    desk::problem::new::NewProblem,
    desk::queue::list::IncidentList,
    desk::release::detail::ReleaseDetail,
    desk::release::edit::EditRelease,
    desk::release::list::ReleaseList,
    desk::release::new::NewRelease,
    desk::release::report::ReleaseReport,
    desk::search::SearchPage,
    desk::settings::DeskSettingsPage,
    desk::sync::SyncPage,
    desk::DeskLayout,
    home::Home,
};
use crate::state::db::Db;
use crate::state::identity::Identity;
#[cfg(not(feature = "portal-only"))]
use crate::state::sync::SyncHandle;
use crate::state::theme;
use crate::state::toast::Toasts;

/// The whole app. Route paths here mirror [`crate::routes::AppRoute::href`].
#[component]
pub fn App() -> impl IntoView {
    // Before anything is drawn, so the first paint is already in the chosen theme.
    theme::apply_saved();
    Db::provide();
    Toasts::provide();
    Identity::provide();
    // The portal-only build has no sync (and leaves its code out of the bundle).
    #[cfg(not(feature = "portal-only"))]
    SyncHandle::provide();
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <TopNav/>
            <DbGate>
                <AppRoutes/>
            </DbGate>
            <ToastRegion/>
            <UpdatePrompt/>
        </Router>
    }
}

/// Every route: the start page, the desk and the portal.
#[cfg(not(feature = "portal-only"))]
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home/>
                    <ParentRoute path=path!("/desk") view=DeskLayout>
                        <Route path=path!("") view=DeskHome/>
                        <Route path=path!("dashboard") view=Dashboard/>
                        <Route path=path!("incidents") view=IncidentList/>
                        <Route path=path!("incidents/new") view=NewIncident/>
                        <Route path=path!("incidents/import") view=ImportIncidents/>
                        <Route path=path!("incidents/:reference") view=IncidentDetail/>
                        <Route path=path!("incidents/:reference/edit") view=EditIncident/>
                        <Route path=path!("problems") view=ProblemList/>
                        <Route path=path!("problems/new") view=NewProblem/>
                        <Route path=path!("problems/:reference") view=ProblemDetail/>
                        <Route path=path!("problems/:reference/edit") view=EditProblem/>
                        <Route path=path!("known-errors") view=KnownErrorList/>
                        <Route path=path!("known-errors/new") view=NewKnownError/>
                        <Route path=path!("known-errors/:reference") view=KnownErrorDetail/>
                        <Route path=path!("known-errors/:reference/edit") view=EditKnownError/>
                        <Route path=path!("releases") view=ReleaseList/>
                        <Route path=path!("releases/new") view=NewRelease/>
                        <Route path=path!("releases/:reference") view=ReleaseDetail/>
                        <Route path=path!("releases/:reference/edit") view=EditRelease/>
                        <Route path=path!("releases/:reference/report") view=ReleaseReport/>
                        <Route path=path!("practices") view=PracticesPage/>
                        <Route path=path!("search") view=SearchPage/>
                        <Route path=path!("settings") view=DeskSettingsPage/>
                        <Route path=path!("sync") view=SyncPage/>
                        <Route path=path!("data") view=DataPage/>
                        <Route path=path!("conflicts") view=ConflictList/>
                        <Route path=path!("conflicts/:id") view=ConflictPage/>
                        <Route path=path!("articles") view=ArticleList/>
                        <Route path=path!("articles/new") view=NewArticle/>
                        <Route path=path!("articles/:reference") view=ArticleDetail/>
                        <Route path=path!("articles/:reference/edit") view=EditArticle/>
                        <Route path=path!("articles/:reference/versions") view=ArticleVersions/>
                    </ParentRoute>
                    <Route path=path!("/portal") view=PortalHome/>
                    <Route path=path!("/portal/articles/:reference") view=PortalArticle/>
                    <Route path=path!("/portal/report") view=PortalReport/>
                    <Route path=path!("/portal/requests") view=PortalRequests/>
                    <Route path=path!("/portal/requests/:reference") view=PortalRequest/>
                    <Route path=path!("/portal/feedback") view=PortalFeedback/>
                </Routes>
    }
}

/// The portal alone (feature `portal-only`): it opens at `/`, and the desk's paths are
/// not found.
#[cfg(feature = "portal-only")]
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=PortalHome/>
                    <Route path=path!("/portal") view=PortalHome/>
                    <Route path=path!("/portal/articles/:reference") view=PortalArticle/>
                    <Route path=path!("/portal/report") view=PortalReport/>
                    <Route path=path!("/portal/requests") view=PortalRequests/>
                    <Route path=path!("/portal/requests/:reference") view=PortalRequest/>
                    <Route path=path!("/portal/feedback") view=PortalFeedback/>
                </Routes>
    }
}
