//! The queue's filter bar (search and one select per column that filters), the saved
//! views and the per-status counts. Every control writes the URL; the URL is the state.

use leptos::prelude::*;

use crate::domain::incident::query::{
    saved_views, AssigneeFilter, IncidentFilter, SlaFilterState, StatusCounts, DEFAULT_SORT,
};
use crate::domain::incident::{Environment, IncidentStatus};
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::time::Timestamp;
use crate::ops::directory::Directory;
use crate::ops::records::enum_key;
use crate::state::identity::Identity;

use super::{queue_href, QueueCtx};

/// Value of the status select for a filter.
fn status_value(f: &IncidentFilter) -> String {
    match (f.open_only, f.statuses.as_slice()) {
        (true, []) => "open".into(),
        (false, [one]) => enum_key(one),
        (false, []) => String::new(),
        _ => "custom".into(),
    }
}

fn priority_value(f: &IncidentFilter) -> String {
    f.priorities
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn assignee_value(f: &IncidentFilter) -> String {
    match &f.assignee {
        AssigneeFilter::Any => String::new(),
        AssigneeFilter::Me(_) => "me".into(),
        AssigneeFilter::Unassigned => "unassigned".into(),
        AssigneeFilter::Person(id) => id.clone(),
    }
}

fn env_value(f: &IncidentFilter) -> String {
    match (f.environment, f.pre_production) {
        (Some(e), _) => enum_key(&e),
        (None, Some(true)) => "preprod".into(),
        (None, Some(false)) => "production".into(),
        (None, None) => String::new(),
    }
}

fn sla_value(f: &IncidentFilter) -> String {
    f.sla.iter().map(enum_key).collect::<Vec<_>>().join(",")
}

/// Search box and filters.
#[component]
pub fn FilterBar(
    /// Names for the pickers.
    dir: Directory,
) -> impl IntoView {
    let ctx = expect_context::<QueueCtx>();
    let who = Identity::expect();
    let view = move || ctx.view.try_get().map(|v| v.0).unwrap_or_default();
    let select = |ev: &leptos::ev::Event| event_target_value(ev);
    let options = |items: Vec<(String, String)>| {
        items
            .into_iter()
            .map(|(v, l)| view! { <option value=v>{l}</option> })
            .collect_view()
    };
    let groups: Vec<(String, String)> = dir
        .groups
        .iter()
        .map(|g| (g.id.clone(), g.name.clone()))
        .collect();
    let people: Vec<(String, String)> = dir
        .people
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let services: Vec<(String, String)> = dir
        .services
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    let releases: Vec<(String, String)> = dir
        .releases
        .iter()
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();
    let no_me = move || who.id().is_empty();
    view! {
        <form class="queue-filters" role="search" aria-label="Filter incidents"
            on:submit=move |ev| ev.prevent_default()>
            <div class="field grow">
                <label for="queue-q">"Search"</label>
                <input id="queue-q" type="search" placeholder="Reference or title  (press /)"
                    autocomplete="off"
                    prop:value=move || view().text
                    on:input=move |ev| { let v = select(&ev); ctx.edit(|f| f.text = v) }/>
                {move || {
                    let text = view().text;
                    (!text.trim().is_empty()).then(|| {
                        let href = crate::pages::desk::search::url::SearchParams {
                            text: text.clone(),
                            kind: Some(crate::search::Kind::Incident),
                            ..Default::default()
                        }
                        .href();
                        view! {
                            <a class="field-hint" href=href>
                                {format!("Search descriptions too, typos forgiven: “{}”", text.trim())}
                            </a>
                        }
                    })
                }}
            </div>
            <div class="field">
                <label for="queue-status">"Status"</label>
                <select id="queue-status" prop:value=move || status_value(&view())
                    on:change=move |ev| { let v = select(&ev); ctx.edit(|f| {
                        f.open_only = v == "open";
                        f.statuses = IncidentStatus::all().iter().copied().filter(|s| enum_key(s) == v).collect();
                    }) }>
                    <option value="">"Any status"</option>
                    <option value="open">"Open (new, in progress, on hold)"</option>
                    {IncidentStatus::all().iter().map(|s| view! { <option value=enum_key(s)>{s.label()}</option> }).collect_view()}
                    <option value="custom" disabled=true>"Several (from a link)"</option>
                </select>
            </div>
            <div class="field">
                <label for="queue-priority">"Priority"</label>
                <select id="queue-priority" prop:value=move || priority_value(&view())
                    on:change=move |ev| { let v = select(&ev); ctx.edit(|f| {
                        f.priorities = v.split(',').filter_map(|p| p.parse().ok()).collect();
                    }) }>
                    <option value="">"Any priority"</option>
                    <option value="1,2">"P1–P2"</option>
                    {(1..=5).map(|p| view! { <option value=p.to_string()>{format!("P{p}")}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="queue-group">"Group"</label>
                <select id="queue-group" prop:value=move || view().group.unwrap_or_default()
                    on:change=move |ev| { let v = select(&ev); ctx.edit(|f| f.group = (!v.is_empty()).then_some(v)) }>
                    <option value="">"Any group"</option>
                    {options(groups)}
                </select>
            </div>
            <div class="field">
                <label for="queue-assignee">"Assignee"</label>
                <select id="queue-assignee" prop:value=move || assignee_value(&view())
                    on:change=move |ev| { let v = select(&ev); let me = who.id(); ctx.edit(|f| f.assignee = match v.as_str() {
                        "" => AssigneeFilter::Any,
                        "me" => AssigneeFilter::Me(me),
                        "unassigned" => AssigneeFilter::Unassigned,
                        _ => AssigneeFilter::Person(v),
                    }) }>
                    <option value="">"Anyone"</option>
                    <option value="me" disabled=no_me>"Assigned to me"</option>
                    <option value="unassigned">"Unassigned"</option>
                    {options(people)}
                </select>
            </div>
            <div class="field">
                <label for="queue-service">"Service"</label>
                <select id="queue-service" prop:value=move || view().service.unwrap_or_default()
                    on:change=move |ev| { let v = select(&ev); ctx.edit(|f| f.service = (!v.is_empty()).then_some(v)) }>
                    <option value="">"Any service"</option>
                    {options(services)}
                </select>
            </div>
            <div class="field">
                <label for="queue-env">"Found in"</label>
                <select id="queue-env" prop:value=move || env_value(&view())
                    on:change=move |ev| { let v = select(&ev); ctx.edit(|f| {
                        f.environment = Environment::ALL.iter().copied().find(|e| enum_key(e) == v);
                        f.pre_production = (v == "preprod").then_some(true);
                    }) }>
                    <option value="">"Any environment"</option>
                    <option value="preprod">"Any pre-production stage"</option>
                    {Environment::ALL.iter().map(|e| view! { <option value=enum_key(e)>{e.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="queue-release">"Release"</label>
                <select id="queue-release" prop:value=move || view().release.unwrap_or_default()
                    on:change=move |ev| { let v = select(&ev); ctx.edit(|f| f.release = (!v.is_empty()).then_some(v)) }>
                    <option value="">"Any release"</option>
                    {options(releases)}
                </select>
            </div>
            <div class="field">
                <label for="queue-category">"Category"</label>
                <input id="queue-category" type="search" prop:value=move || view().category.unwrap_or_default()
                    on:change=move |ev| { let v = select(&ev).trim().to_owned(); ctx.edit(|f| f.category = (!v.is_empty()).then_some(v)) }/>
            </div>
            <div class="field">
                <label for="queue-created-from">"Created from"</label>
                <input id="queue-created-from" type="date" prop:value=move || view().created_from.map(|t| t.date()).unwrap_or_default()
                    on:change=move |ev| { let v = select(&ev); ctx.edit(|f| f.created_from = Timestamp::parse_date(&v)) }/>
            </div>
            <div class="field">
                <label for="queue-created-to">"Created to"</label>
                <input id="queue-created-to" type="date" prop:value=move || view().created_until.map(|t| t.date()).unwrap_or_default()
                    on:change=move |ev| { let v = select(&ev); ctx.edit(|f| f.created_until = Timestamp::parse_date(&v)) }/>
            </div>
            <div class="field">
                <label for="queue-sla">"SLA"</label>
                <select id="queue-sla" prop:value=move || sla_value(&view())
                    on:change=move |ev| { let v = select(&ev); ctx.edit(|f| {
                        f.sla = SlaFilterState::ALL.iter().copied().filter(|s| v.split(',').any(|p| p == enum_key(s))).collect();
                    }) }>
                    <option value="">"Any SLA state"</option>
                    <option value="at_risk,breached">"At risk or breached"</option>
                    {SlaFilterState::ALL.iter().map(|s| view! { <option value=enum_key(s)>{s.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field check">
                <input id="queue-major" type="checkbox" prop:checked=move || view().major == Some(true)
                    on:change=move |ev| { let on = event_target_checked(&ev); ctx.edit(|f| f.major = on.then_some(true)) }/>
                <label for="queue-major">"Major incidents only"</label>
            </div>
            <a class="button button-quiet" href=move || queue_href(&IncidentFilter::default(), ctx.view.try_get().map_or(DEFAULT_SORT, |v| v.1), 1)>"Clear filters"</a>
        </form>
    }
}

/// The built-in views, one click each.
#[component]
pub fn SavedViews() -> impl IntoView {
    let ctx = expect_context::<QueueCtx>();
    let who = Identity::expect();
    view! {
        <nav class="saved-views" aria-label="Saved views">
            <span class="label">"Views:"</span>
            {move || {
                let me = who.id();
                let current = ctx.view.try_get().unwrap_or_default();
                saved_views(&me).into_iter().map(|v| {
                    let here = current.0 == v.filter && current.1 == v.sort;
                    view! {
                        <a href=queue_href(&v.filter, v.sort, 1)
                            aria-current=here.then_some("page")>{v.name}</a>
                    }
                }).collect_view()
            }}
        </nav>
    }
}

/// Counts per status of what the other filters match; each is a link to that status.
#[component]
pub fn StatusTabs(
    /// The counts of the current query.
    counts: StatusCounts,
) -> impl IntoView {
    let ctx = expect_context::<QueueCtx>();
    let (filter, sort) = ctx.view.try_get_untracked().unwrap_or_default();
    let link = |label: String, n: usize, f: IncidentFilter, here: bool| {
        view! {
            <li><a href=queue_href(&f, sort, 1) aria-current=here.then_some("page")>
                {label} " " <span class="count-pill">{n}</span>
            </a></li>
        }
    };
    let mut base = filter.clone();
    base.statuses.clear();
    base.open_only = false;
    let all = link("All".into(), counts.all(), base.clone(), filter == base);
    let open_f = IncidentFilter {
        open_only: true,
        ..base.clone()
    };
    let open = link(
        "Open".into(),
        counts.open(),
        open_f.clone(),
        filter == open_f,
    );
    let each = counts
        .iter()
        .map(|(s, n)| {
            let f = IncidentFilter {
                statuses: vec![s],
                ..base.clone()
            };
            let here = filter == f;
            link(s.label().to_owned(), n, f, here)
        })
        .collect_view();
    view! {
        <nav class="status-tabs" aria-label="Incidents by status">
            <ul>{all}{open}{each}</ul>
        </nav>
    }
}
