//! The queue table: selectable rows with every column an agent scans, sortable
//! headers that say how the list is ordered, and the keyboard cursor.

use leptos::prelude::*;

use crate::components::priority_badge::PriorityBadge;
use crate::components::status_badge::StatusBadge;
use crate::domain::config::priority::Priority;
use crate::domain::incident::query::{IncidentRow, SlaFilterState, SortDir, SortKey};
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::time::{humanize_duration, Timestamp};
use crate::ops::directory::Directory;
use crate::routes::AppRoute;

use super::QueueCtx;

/// The sortable columns, in display order, with their header text.
const COLUMNS: [(SortKey, &str); 12] = [
    (SortKey::Reference, "Reference"),
    (SortKey::Title, "Title"),
    (SortKey::Priority, "Priority"),
    (SortKey::Status, "Status"),
    (SortKey::Group, "Group"),
    (SortKey::Assignee, "Assignee"),
    (SortKey::Service, "Service"),
    (SortKey::Environment, "Found in"),
    (SortKey::Release, "Release"),
    (SortKey::Sla, "SLA"),
    (SortKey::Age, "Age"),
    (SortKey::Updated, "Updated"),
];

fn priority_of(n: u8) -> Priority {
    Priority::ALL[usize::from(n.clamp(1, 5) - 1)]
}

/// A sortable column header.
#[component]
fn SortHeader(key: SortKey, label: &'static str) -> impl IntoView {
    let ctx = expect_context::<QueueCtx>();
    let state = move || {
        let (_, (k, d)) = ctx.view.try_get().unwrap_or_default();
        (k == key).then_some(d)
    };
    let aria = move || match state() {
        Some(SortDir::Asc) => "ascending",
        Some(SortDir::Desc) => "descending",
        None => "none",
    };
    let arrow = move || match state() {
        Some(SortDir::Asc) => "▲",
        Some(SortDir::Desc) => "▼",
        None => "",
    };
    view! {
        <th scope="col" aria-sort=aria>
            <button type="button" class="sort" on:click=move |_| ctx.sort_by(key)>
                {label}<span aria-hidden="true" class="arrow">{arrow}</span>
            </button>
        </th>
    }
}

/// The table of one page of rows.
#[component]
pub fn QueueTable(
    /// Rows of the page, in order.
    rows: Vec<IncidentRow>,
    /// Names for ids.
    dir: Directory,
    /// Now, for ages.
    now: Timestamp,
) -> impl IntoView {
    let ctx = expect_context::<QueueCtx>();
    let page_ids: Vec<_> = rows.iter().map(|r| (r.id.clone(), r.status)).collect();
    let all_ids = page_ids.clone();
    let all_selected =
        move || !all_ids.is_empty() && all_ids.iter().all(|(id, _)| ctx.is_selected(id));
    let toggle_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        ctx.selected.update(|sel| {
            for (id, status) in &page_ids {
                let has = sel.iter().position(|(i, _)| i == id);
                match (on, has) {
                    (true, None) => sel.push((id.clone(), *status)),
                    (false, Some(k)) => {
                        sel.remove(k);
                    }
                    _ => {}
                }
            }
        });
    };
    view! {
        <div class="table-scroll">
        <table class="grid queue">
            <caption class="visually-hidden">"Incidents matching the filters"</caption>
            <thead>
                <tr>
                    <th scope="col" class="select">
                        <input type="checkbox" id="select-page" aria-label="Select all incidents on this page"
                            prop:checked=all_selected on:change=toggle_all/>
                    </th>
                    {COLUMNS.iter().map(|&(key, label)| view! { <SortHeader key=key label=label/> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().enumerate().map(|(k, r)| {
                    let href = AppRoute::Incident(r.reference.clone()).href();
                    let (id, status, reference) = (r.id.clone(), r.status, r.reference.clone());
                    let id2 = id.clone();
                    let name = |v: &Option<String>| dir.name_opt(v.as_deref()).to_owned();
                    let pre = r.environment.is_pre_production();
                    let sla_class = match r.sla {
                        SlaFilterState::Breached => "badge sla sla-breached",
                        SlaFilterState::AtRisk => "badge sla sla-at-risk",
                        SlaFilterState::OnTrack => "badge sla sla-on-track",
                    };
                    let age = humanize_duration(now.since(r.created).max(0));
                    let updated = format!("{} ago", humanize_duration(now.since(r.updated).max(0)));
                    view! {
                        <tr id=format!("queue-row-{k}") class:cursor=move || ctx.cursor.try_get().flatten() == Some(k)
                            class:selected={let id = id.clone(); move || ctx.is_selected(&id)}
                            class:major=r.major>
                            <td class="select">
                                <input type="checkbox" aria-label=format!("Select {reference}")
                                    prop:checked={let id = id2.clone(); move || ctx.is_selected(&id)}
                                    on:change=move |_| ctx.toggle(&id2, status)/>
                            </td>
                            <td class="ref"><a href=href>{r.reference.clone()}</a></td>
                            <td class="title">
                                {r.title.clone()}
                                {r.major.then(|| view! { " " <span class="badge major">"Major"</span> })}
                            </td>
                            <td><PriorityBadge priority=priority_of(r.priority)/></td>
                            <td><StatusBadge label=r.status.label()/></td>
                            <td>{name(&r.assignment_group)}</td>
                            <td>{name(&r.assignee)}</td>
                            <td>{name(&r.service)}</td>
                            <td>
                                {if pre {
                                    view! { <span class="badge pre-production">{r.environment.label()}</span> }.into_any()
                                } else {
                                    r.environment.label().into_any()
                                }}
                            </td>
                            <td>{name(&r.release)}</td>
                            <td><span class=sla_class>{r.sla.label()}</span></td>
                            <td>{age}</td>
                            <td><time datetime=r.updated.iso() title=r.updated.display()>{updated}</time></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
