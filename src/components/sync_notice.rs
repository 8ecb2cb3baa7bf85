//! Notices on a record's page about sync: a conflicting version from another device
//! (with a link to resolve it), and a refusal by the server (with its reason). Nothing
//! when neither applies.

use leptos::prelude::*;

use crate::ops::conflicts;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::sync::SyncHandle;

/// Sync notices for the document `id`.
#[component]
pub fn SyncNotice(
    /// The record's document id.
    id: String,
) -> impl IntoView {
    let db = Db::expect();
    let sync = SyncHandle::expect();
    let id = StoredValue::new(id);
    let conflicted = LocalResource::new(move || {
        let _ = db.revision.get();
        let id = id.get_value();
        async move {
            match db.store() {
                Ok(store) => conflicts::has_conflict(&*store, &id).await,
                Err(_) => false,
            }
        }
    });
    let refusal = move || {
        let id = id.get_value();
        sync.status
            .with(|s| s.rejected.iter().find(|r| r.id == id).cloned())
    };
    view! {
        {move || conflicted.get().unwrap_or(false).then(|| view! {
            <p class="notice conflict-notice" role="note">
                "This record has a conflicting version from another device. "
                <a href=AppRoute::Conflict(id.get_value()).href()>"Resolve conflict"</a>
            </p>
        })}
        {move || refusal().map(|r| view! {
            <p class="notice refusal-notice" role="note">
                {format!(
                    "The server refused this record ({}): {}. It is kept here unchanged and \
                     is sent again after its next edit.",
                    r.error, r.reason
                )}
            </p>
        })}
    }
}
