//! A notice on a record's page when sync left it with a conflicting version, linking
//! to the conflict view; nothing when it has none.

use leptos::prelude::*;

use crate::routes::AppRoute;
use crate::state::conflicts;
use crate::state::db::Db;

/// Shows "This record has a conflicting version" for the document `id`, if it has one.
#[component]
pub fn ConflictNotice(
    /// The record's document id.
    id: String,
) -> impl IntoView {
    let db = Db::expect();
    let id = StoredValue::new(id);
    let found = LocalResource::new(move || {
        let _ = db.revision.get();
        let id = id.get_value();
        async move {
            match db.store() {
                Ok(store) => conflicts::has_conflict(&*store, &id).await,
                Err(_) => false,
            }
        }
    });
    move || {
        found.get().unwrap_or(false).then(|| {
            view! {
                <p class="notice conflict-notice" role="note">
                    "This record has a conflicting version from another device. "
                    <a href=AppRoute::Conflict(id.get_value()).href()>"Resolve conflict"</a>
                </p>
            }
        })
    }
}
