//! Shows its children once the local database is open; until then a loading line, and
//! when opening failed a banner that says why and offers a retry (never a blank page).
//! When another tab upgrades the database, a banner asks to reload (this tab's
//! connection is closed then, so the upgrade is never blocked by it).

use leptos::prelude::*;

use crate::state::db::{Db, DbStatus};

/// Gate around everything that needs the database.
#[component]
pub fn DbGate(
    /// What to show once the database is ready.
    children: ChildrenFn,
) -> impl IntoView {
    let db = Db::expect();
    // Tells automation (and styles) where opening stands: `<html data-db="ready">`.
    Effect::new(move |_| {
        let state = match db.status.get() {
            DbStatus::Ready => "ready",
            DbStatus::Opening | DbStatus::LoadingDemo => "opening",
            DbStatus::Failed(_) => "failed",
        };
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-db", state);
        }
    });
    let outdated = move || {
        db.outdated.get().then(|| {
            view! {
                <div class="banner banner-error outdated-banner" role="alert">
                    <p>
                        <strong>"Reload to update. "</strong>
                        "This desk was updated to a newer version in another tab, so this \
                         page can no longer read or save. Copy anything you have not \
                         saved, then reload."
                    </p>
                    <button type="button" class="button button-primary" on:click=|_| reload()>
                        "Reload"
                    </button>
                </div>
            }
        })
    };
    let body = move || match db.status.get() {
        DbStatus::Ready => children().into_any(),
        DbStatus::Opening => view! {
            <p class="gate-message" role="status">"Opening the local database…"</p>
        }
        .into_any(),
        DbStatus::LoadingDemo => view! {
            <p class="gate-message" role="status">"Loading demo data…"</p>
        }
        .into_any(),
        DbStatus::Failed(reason) => view! {
            <div class="banner banner-error" role="alert">
                <h1>"This app cannot open its local database"</h1>
                <p>{reason}</p>
                <button type="button" class="button" on:click=move |_| db.open()>
                    "Try again"
                </button>
            </div>
        }
        .into_any(),
    };
    view! { {outdated} {body} }
}

/// Reloads the page.
fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
