//! The incident's timeline, newest first: every field change with old and new values,
//! status moves with reasons, assignments and escalations with names, notes and
//! comments with their text, each with who and when.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::domain::kernel::history::Event;

/// The timeline of `events`, names looked up in `names` (ids shown when unknown).
#[component]
pub fn Timeline(
    /// Events, oldest first (as stored).
    events: Vec<Event>,
    /// Names of the ids events may hold.
    names: HashMap<String, String>,
) -> impl IntoView {
    let name = move |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let items = events
        .into_iter()
        .rev()
        .map(|e| {
            let d = e.change.describe_with(&name);
            let class = format!("entry entry-{}", d.kind.key());
            view! {
                <li class=class>
                    <div class="entry-head">
                        <span class="entry-kind">{d.kind.label()}</span>
                        " "
                        <span class="entry-summary">{d.summary}</span>
                    </div>
                    {d.detail.map(|text| view! { <p class="entry-text">{text}</p> })}
                    <div class="entry-meta">
                        <span class="who">{e.by.clone()}</span>
                        " · "
                        <time datetime=e.at.iso()>{e.at.display()}</time>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Timeline"</h2>
            <ol class="timeline" aria-label="Timeline">{items}</ol>
        </section>
    }
}
