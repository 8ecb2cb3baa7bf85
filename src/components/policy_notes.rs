//! The practice's policies where the work happens: a collapsed "Policies" box on the
//! incident, problem, known error and release pages, with the enforced rules and the
//! guidance the process owner wrote, and who owns the practice.

use leptos::prelude::*;

use crate::domain::config::practice::{PracticeKind, Rule};
use crate::ops::directory;
use crate::ops::practices;
use crate::routes::AppRoute;
use crate::state::db::Db;

/// The policies of `practice`, loaded from the store (defaults when none is stored).
#[component]
pub fn PolicyNotes(
    /// Which practice's policies.
    practice: PracticeKind,
) -> impl IntoView {
    let db = Db::expect();
    let data = LocalResource::new(move || {
        let _ = db.revision.get();
        async move {
            let store = db.store().ok()?;
            let stored = practices::get(&*store, practice).await.ok()?;
            let names = directory::load(&*store).await.ok()?;
            let owner = stored
                .practice
                .owner
                .as_deref()
                .map(|id| names.name(id).to_owned());
            Some((stored.practice.policies, owner))
        }
    });
    let enforced: Vec<&'static str> = Rule::of(practice).map(Rule::name).collect();
    move || {
        let (guidance, owner) = data.get().flatten()?;
        let enforced = enforced.clone();
        Some(view! {
            <details class="policy-notes">
                <summary>{format!("{} policies", practice.label())}</summary>
                {owner.map(|o| view! { <p class="muted">{format!("Process owner: {o}")}</p> })}
                <ul>
                    {enforced.into_iter().map(|r| view! { <li><span class="tag">"Enforced"</span> " " {r}</li> }).collect_view()}
                    {guidance.into_iter().map(|g| view! { <li><span class="tag">"Guidance"</span> " " {g}</li> }).collect_view()}
                </ul>
                <p><a href=AppRoute::Practices.href()>"All practices and roles"</a></p>
            </details>
        })
    }
}
