//! The incidents linked to a known error, with whether each already got its current
//! workaround, and "Communicate workaround": the workaround as a public comment on
//! every open linked incident that does not have it yet, in one atomic write, run
//! through the section's form state (a refusal shows on its refusal line).

use leptos::prelude::*;

use crate::components::form::state::FormState;
use crate::components::priority_badge::PriorityBadge;
use crate::components::status_badge::StatusBadge;
use crate::domain::couch::revision::Rev;
use crate::domain::incident::Incident;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::known_error::workaround::{already_communicated, Communicated};
use crate::domain::known_error::KnownError;
use crate::ops::known_error;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

/// What the last "Communicate workaround" did, kept by the page across the reload
/// that follows it (a refusal changes nothing, so it stays with the form).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It ran: how many incidents were updated, and why others were not.
    Done(String),
}

/// The linked incidents section.
#[component]
pub fn LinkedIncidents(
    /// The known error as shown.
    known_error: KnownError,
    /// The revision shown (communicating is refused when it changed since).
    rev: Rev,
    /// Its linked incidents, by reference.
    incidents: Vec<Incident>,
    /// The last outcome of "Communicate workaround" (owned by the page).
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let form = FormState::new("communicate");
    let busy = form.busy;
    let refusal = form.error("communicate");
    let open = incidents.iter().filter(|i| i.is_open()).count();
    let waiting = incidents
        .iter()
        .filter(|i| i.is_open() && !already_communicated(i, &known_error))
        .count();
    let ids = StoredValue::new(incidents.iter().map(|i| i.id.clone()).collect::<Vec<_>>());
    let ke_id = StoredValue::new(known_error.id.clone());
    let reference = StoredValue::new(known_error.reference.as_str().to_owned());
    let seen = StoredValue::new(rev);
    let communicate = move |_| {
        let (r, seen, ids, by) = (
            reference.get_value(),
            seen.get_value(),
            ids.get_value(),
            who.author(),
        );
        let (queue, revision, ke_id) = (db.queue(), db.revision.get_untracked(), ke_id.get_value());
        form.run_with(
            |done: &Communicated| done.summary(),
            move |store| {
                outcome.set(None);
                async move {
                    // Incidents linked since the page was shown get the workaround too.
                    let ids = match known_error::linked_incidents(&*store, &queue, revision, &ke_id)
                        .await
                    {
                        Ok(list) => list.into_iter().map(|i| i.id).collect(),
                        Err(_) => ids,
                    };
                    known_error::communicate_workaround(&*store, &r, Some(&seen), &ids, &by).await
                }
            },
            move |done| {
                outcome.try_set(Some(Outcome::Done(done.summary())));
            },
        );
    };
    let rows = incidents
        .iter()
        .map(|i| {
            let r = i.reference.as_str().to_owned();
            let given = if already_communicated(i, &known_error) {
                "Given"
            } else if i.is_open() {
                "Not yet"
            } else {
                "—"
            };
            view! {
                <tr>
                    <td><a href=AppRoute::Incident(r.clone()).href()>{r.clone()}</a></td>
                    <td>{i.title.clone()}</td>
                    <td><PriorityBadge priority=i.priority/></td>
                    <td><StatusBadge label=i.status.label()/></td>
                    <td>{given}</td>
                </tr>
            }
        })
        .collect_view();
    let summary = match (incidents.len(), open) {
        (0, _) => "No incident is linked to this known error yet.".to_owned(),
        (n, o) => format!(
            "{n} linked {}, {o} open; {waiting} open without this workaround yet.",
            if n == 1 { "incident" } else { "incidents" }
        ),
    };
    let has_rows = !incidents.is_empty();
    view! {
        <section class="ke-incidents" aria-labelledby="ke-incidents-heading">
            <h2 id="ke-incidents-heading">"Linked incidents"</h2>
            <p class="hint">{summary}</p>
            {has_rows.then(|| view! {
                <table class="grid">
                    <caption class="visually-hidden">"Linked incidents"</caption>
                    <thead><tr>
                        <th scope="col">"Reference"</th>
                        <th scope="col">"Title"</th>
                        <th scope="col">"Priority"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Workaround"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            })}
            <div class="record-actions">
                <button type="button" class="button" disabled=move || busy.get() on:click=communicate
                    aria-describedby="ke-communicate-hint">"Communicate workaround"</button>
                <span class="hint" id="ke-communicate-hint">"Adds the workaround as a public comment to every open linked incident that does not have it yet."</span>
            </div>
            {move || outcome.get().map(|Outcome::Done(text)| view! { <p class="ke-outcome" role="status">{text}</p> })}
            {move || refusal.get().map(|text| view! { <p class="field-error ke-refusal" role="alert">{text}</p> })}
        </section>
    }
}
