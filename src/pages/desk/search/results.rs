//! The search page's results: a tab per kind with its count, the count line (or what
//! to try when nothing matched), and each result with its reference and highlighted
//! title linking to the record, kind, status, dates and highlighted snippet.

use leptos::prelude::*;

use crate::components::palette::marks::marked;
use crate::components::palette::model::record_route;
use crate::components::status_badge::StatusBadge;
use crate::domain::kernel::time::Timestamp;
use crate::search::{Hit, Kind, Results};

use super::url::{count_line, SearchParams};
use super::IndexState;

/// Results, or why there are none. The count line is one live region that stays in
/// place, so screen readers hear each new count.
#[component]
pub fn SearchResults(
    /// What is searched (from the URL).
    #[prop(into)]
    params: Signal<SearchParams>,
    /// The index and the results of the search.
    #[prop(into)]
    state: Signal<IndexState>,
) -> impl IntoView {
    // The results when there are words to show them for.
    let shown = move || match state.get() {
        IndexState::Ready(r) => {
            let p = params.get();
            (!p.text.trim().is_empty()).then_some((p, r))
        }
        _ => None,
    };
    let line = move || match state.get() {
        IndexState::Building => "Building the search index…".to_owned(),
        IndexState::Failed(_) => String::new(),
        IndexState::Ready(r) => {
            let p = params.get();
            if p.text.trim().is_empty() {
                "Type words, a reference (INC-…, PRB-…, KE-…, KB-…, REL-…) or an error code to search every incident, problem, known error, article and release.".to_owned()
            } else {
                count_line(&p, r.total, r.hits.len())
            }
        }
    };
    view! {
        {move || shown().map(|(p, r)| view! { <KindTabs params=p by_kind=r.by_kind/> })}
        <p class="ds-count" role="status" aria-live="polite">{line}</p>
        {move || match state.get() {
            IndexState::Failed(e) => Some(view! {
                <div class="error-panel" role="alert">
                    <h2>"Search is unavailable"</h2>
                    <p>{format!("The search index could not be brought up to date: {e}. Reload the page to try again.")}</p>
                </div>
            }),
            _ => None,
        }}
        {move || shown().map(|(_, r)| view! { <ResultList results=r/> })}
    }
}

/// A tab per kind (and one for every kind) with how many records of it match.
#[component]
fn KindTabs(params: SearchParams, by_kind: [usize; 5]) -> impl IntoView {
    let tab = |kind: Option<Kind>, label: &'static str, n: usize| {
        let current = params.kind == kind;
        view! {
            <li>
                <a href=params.with_kind(kind).href() aria-current=current.then_some("page")>
                    {label}" "<span class="count-pill">{n}</span>
                </a>
            </li>
        }
    };
    let all: usize = by_kind.iter().sum();
    let tabs = std::iter::once(tab(None, "All kinds", all))
        .chain(
            Kind::ALL
                .into_iter()
                .map(|k| tab(Some(k), k.plural(), by_kind[k.index()])),
        )
        .collect_view();
    view! {
        <nav class="ds-kinds" aria-label="Kind">
            <ul>{tabs}</ul>
        </nav>
    }
}

/// The note when only some words matched, and the results.
#[component]
fn ResultList(results: Results) -> impl IntoView {
    let matched = results.matched;
    view! {
        {(!results.all_words && results.total > 0).then(|| view! {
            <p class="ds-note">"No record has all the words; showing records with some of them."</p>
        })}
        <ol class="ds-results" aria-label="Results">
            {results.hits.into_iter().map(|hit| view! { <ResultItem hit=hit matched=matched.clone()/> }).collect_view()}
        </ol>
    }
}

/// One result.
#[component]
fn ResultItem(hit: Hit, matched: Vec<String>) -> impl IntoView {
    let d = hit.doc;
    let href = record_route(&d).href();
    let (created, updated) = (Timestamp(d.created), Timestamp(d.updated));
    view! {
        <li class="ds-hit">
            <a class="ds-hit-link" href=href>
                <span class="ds-ref">{d.reference.clone()}</span>
                <span class="ds-title">{marked(&d.title, &matched)}</span>
            </a>
            <p class="ds-meta">
                <span class="ds-kind">{capitalised(d.kind.noun())}</span>
                {d.code.clone().map(|c| view! { <code class="ds-code">{c}</code> })}
                <StatusBadge label=d.status/>
                <span>"Created "<time datetime=created.iso()>{created.date()}</time></span>
                <span>"Updated "<time datetime=updated.iso()>{updated.display()}</time></span>
            </p>
            {(!d.snippet.is_empty()).then(|| view! {
                <p class="ds-snippet">{marked(&d.snippet, &matched)}</p>
            })}
        </li>
    }
}

/// "known error" → "Known error".
fn capitalised(noun: &str) -> String {
    let mut c = noun.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
