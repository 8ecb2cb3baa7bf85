//! The header: product name and the two areas, Desk (agents) and Portal (end users).
//! On the portal (`/portal…`) it shows the portal's own navigation only, and never a
//! way into the desk.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::components::theme_toggle::ThemeToggle;
use crate::ops::portal;
use crate::routes::AppRoute;
use crate::state::db::{Db, DbStatus};
use crate::state::sync::{Phase, SyncHandle};

/// True for the portal's paths (`/portal` and below).
pub fn is_portal_path(path: &str) -> bool {
    path == "/portal" || path.starts_with("/portal/")
}

/// Site header with the main navigation.
#[component]
pub fn TopNav() -> impl IntoView {
    let location = use_location();
    let in_portal = Memo::new(move |_| {
        cfg!(feature = "portal-only") || is_portal_path(&location.pathname.get())
    });
    move || {
        if in_portal.get() {
            view! { <PortalNav/> }.into_any()
        } else {
            view! {
                <header class="topbar">
                    <a class="brand" href=AppRoute::Home.href()>"Service desk"</a>
                    <nav aria-label="Main">
                        <A href=AppRoute::DeskHome.href()>"Desk"</A>
                        <A href=AppRoute::Portal.href()>"Portal"</A>
                    </nav>
                    <SyncIndicator/>
                    <ThemeToggle/>
                </header>
            }
            .into_any()
        }
    }
}

/// The header's sync state ("Sync: up to date", …), linking to the sync page; with
/// the count of local changes not yet pushed.
#[component]
fn SyncIndicator() -> impl IntoView {
    let h = SyncHandle::expect();
    let st = h.status;
    let phase = move || match st.get().phase {
        Phase::Off => "off",
        Phase::Idle => "idle",
        Phase::Syncing => "syncing",
        Phase::UpToDate => "ok",
        Phase::Offline(_) => "offline",
        Phase::Paused(_) => "paused",
    };
    let title = move || {
        let s = st.get();
        match s.phase {
            Phase::Offline(why) | Phase::Paused(why) => why,
            _ if s.pending.is_err() => s.pending_fact(),
            _ => String::new(),
        }
    };
    view! {
        <a class="sync-indicator" data-phase=phase title=title href=AppRoute::Sync.href()>
            <span class="sync-dot" aria-hidden="true"></span>
            {move || st.get().label()}
            {move || st.get().pending_note()}
            {move || {
                let s = st.get();
                matches!(s.phase, Phase::Syncing).then(|| format!(" · ↓{} ↑{}", s.pulled, s.pushed))
            }}
        </a>
    }
}

/// The portal's header: help, reporting, the end user's requests, and feedback while
/// a release is in early life support.
#[component]
fn PortalNav() -> impl IntoView {
    let db = Db::expect();
    let feedback_open = LocalResource::new(move || {
        let ready = db.status.get() == DbStatus::Ready;
        let _ = db.revision.get();
        async move {
            if !ready {
                return false;
            }
            match db.store() {
                Ok(store) => portal::els_releases(&*store)
                    .await
                    .is_ok_and(|list| !list.is_empty()),
                Err(_) => false,
            }
        }
    });
    view! {
        <header class="topbar portal-topbar">
            <a class="brand" href=AppRoute::Portal.href()>"Help centre"</a>
            <nav aria-label="Portal">
                <A href=AppRoute::Portal.href() exact=true>"Help"</A>
                <A href=AppRoute::PortalReport.href()>"Report a problem"</A>
                <A href=AppRoute::PortalRequests.href()>"My requests"</A>
                {move || feedback_open.get().unwrap_or(false).then(|| view! {
                    <A href=AppRoute::PortalFeedback.href()>"Feedback"</A>
                })}
            </nav>
            <ThemeToggle/>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::is_portal_path;

    #[test]
    fn portal_paths() {
        assert!(is_portal_path("/portal"));
        assert!(is_portal_path("/portal/requests/INC-1"));
        assert!(!is_portal_path("/portals"));
        assert!(!is_portal_path("/desk/incidents"));
        assert!(!is_portal_path("/"));
    }
}
