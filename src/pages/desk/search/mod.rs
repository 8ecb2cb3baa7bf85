//! The search page (`/desk/search`): every kind of record searched as the person
//! types, with filters for kind, status, service and created dates. All of it lives in
//! the URL (typing replaces the history entry, a filter change adds one), so a search
//! survives a reload and can be shared.

pub mod results;
pub mod url;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::ops::records;
use crate::search::SearchQuery;
use crate::state::db::Db;

use results::SearchResults;
use url::{status_choices, status_key, SearchParams, SHOWN};

/// Where the index stands for this page.
#[derive(Clone, Debug, PartialEq)]
pub enum IndexState {
    /// Built for the first time; nothing to show yet.
    Building,
    /// Could not be brought up to date (the message says why).
    Failed(String),
    /// Ready; the results of the current search.
    Ready(crate::search::Results),
}

/// Search across incidents, problems, known errors, articles and releases.
#[component]
pub fn SearchPage() -> impl IntoView {
    let db = Db::expect();
    let query = use_query_map();
    let navigate = use_navigate();
    let params = Memo::new(move |_| {
        let q = query.read();
        SearchParams::from_query(|k| q.get(k))
    });
    // Catches the index up with the store on arrival and after every write here.
    let synced = LocalResource::new(move || {
        let revision = db.revision.get();
        async move {
            let store = db.store().map_err(|e| e.to_string())?;
            db.search()
                .sync(&*store)
                .await
                .map(|()| revision)
                .map_err(|e| e.to_string())
        }
    });
    let services = LocalResource::new(move || {
        let _ = db.revision.get();
        async move {
            match db.store() {
                Ok(store) => records::services(&*store).await.unwrap_or_default(),
                Err(_) => Vec::new(),
            }
        }
    });
    let state = Memo::new(move |_| {
        let synced = synced.get();
        if let Some(Err(e)) = synced {
            return IndexState::Failed(e);
        }
        let search = db.search();
        if synced.is_none() && !search.is_built() {
            return IndexState::Building;
        }
        let p = params.get();
        IndexState::Ready(search.query(&SearchQuery {
            text: p.text.clone(),
            filter: p.filter(),
            limit: SHOWN,
        }))
    });

    let navigate = StoredValue::new_local(navigate);
    // Shows `p`: typing replaces the history entry (and keeps the scroll position), a
    // filter change adds one.
    let go = move |p: SearchParams, replace: bool| {
        let options = NavigateOptions {
            replace,
            scroll: !replace,
            ..NavigateOptions::default()
        };
        navigate.with_value(|n| n(&p.href(), options));
    };
    let current = move || params.get_untracked();
    let on_text = move |ev: leptos::ev::Event| {
        let mut p = current();
        p.text = event_target_value(&ev);
        go(p, true);
    };
    let on_status = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let mut p = current();
        p.status = status_choices(p.kind)
            .into_iter()
            .find(|s| status_key(s) == v);
        go(p, false);
    };
    let on_service = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let mut p = current();
        p.service = (!v.is_empty()).then_some(v);
        go(p, false);
    };
    // A date input gives `YYYY-MM-DD` or nothing.
    let on_date = move |from: bool| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            let day = (crate::domain::kernel::time::Timestamp::parse_date(&v)).map(|t| t.date());
            let mut p = current();
            if from {
                p.from = day;
            } else {
                p.to = day;
            }
            go(p, false);
        }
    };
    let clear_href = move || {
        SearchParams {
            text: params.get().text,
            ..SearchParams::default()
        }
        .href()
    };

    view! {
        <div class="page-head">
            <h1>"Search"</h1>
        </div>
        <form class="ds-form" role="search" aria-label="Search records"
            on:submit=|ev| ev.prevent_default()>
            <div class="field ds-words">
                <label for="search-q">"Words, reference or error code"</label>
                <input id="search-q" type="search" autocomplete="off" spellcheck="false"
                    placeholder="e.g. vpn drops, INC-…, ERR-4012"
                    prop:value=move || params.get().text
                    on:input=on_text/>
            </div>
            <div class="ds-filters">
                <div class="field">
                    <label for="search-status">"Status"</label>
                    <select id="search-status" on:change=on_status
                        prop:value=move || params.get().status.map(status_key).unwrap_or_default()>
                        <option value="">"Any status"</option>
                        {move || status_choices(params.get().kind).into_iter().map(|s| view! {
                            <option value=status_key(s)>{s}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="search-service">"Service"</label>
                    <select id="search-service" on:change=on_service
                        prop:value=move || { let _ = services.get(); params.get().service.unwrap_or_default() }>
                        <option value="">"Any service"</option>
                        {move || services.get().unwrap_or_default().into_iter().map(|s| view! {
                            <option value=s.id.clone()>{s.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="search-from">"Created from"</label>
                    <input id="search-from" type="date" on:change=on_date(true)
                        prop:value=move || params.get().from.unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="search-to">"Created to"</label>
                    <input id="search-to" type="date" on:change=on_date(false)
                        prop:value=move || params.get().to.unwrap_or_default()/>
                </div>
                {move || params.get().filtered().then(|| view! {
                    <a class="button button-quiet ds-clear" href=clear_href()>"Clear filters"</a>
                })}
            </div>
            {move || params.get().date_problem().map(|p| view! { <p class="inline-error" role="alert">{p}</p> })}
        </form>
        <SearchResults params=params state=state/>
    }
}
