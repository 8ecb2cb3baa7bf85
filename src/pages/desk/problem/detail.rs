//! One problem, by reference: its facts and texts, the allowed lifecycle moves (resolve
//! together with the linked incidents), its incidents (link one more), the known errors
//! recorded for it, and its timeline. Reached by reference, so `/desk/problems/PRB-…`
//! links survive a reload.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::components::sync_notice::SyncNotice;

use crate::components::policy_notes::PolicyNotes;
use crate::domain::config::practice::PracticeKind;
use leptos_router::hooks::use_params_map;

use crate::components::priority_badge::PriorityBadge;
use crate::components::stable_page::stable_page;
use crate::components::status_badge::StatusBadge;
use crate::domain::couch::revision::Rev;
use crate::domain::incident::Incident;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::known_error::KnownError;
use crate::domain::problem::resolve::still_open;
use crate::domain::problem::{Problem, ProblemStatus};
use crate::ops::directory::{self, Directory};
use crate::ops::error::AppError;
use crate::ops::problem;
use crate::pages::desk::incident::timeline::Timeline;
use crate::pages::desk::problem::actions::ProblemActions;
use crate::pages::desk::problem::links::{KnownErrorsSection, LinkIncidentForm, LinkedIncidents};
use crate::pages::desk::problem::ProblemAct;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::storage::Store;

/// Everything the problem page shows.
#[derive(Debug, Clone, PartialEq)]
struct PageData {
    problem: Problem,
    /// The revision read: every action acts on it.
    rev: Rev,
    incidents: Vec<Incident>,
    names: Directory,
    /// Release references by release id.
    releases: HashMap<String, String>,
    known_errors: Vec<KnownError>,
}

async fn load<S: Store>(store: &S, reference: &str) -> Result<PageData, AppError> {
    let (problem, rev) = problem::by_reference(store, reference).await?;
    Ok(PageData {
        incidents: problem::linked_incidents(store, &problem).await?,
        names: directory::load(store).await?,
        releases: problem::release_references(store).await?,
        known_errors: problem::known_errors_of(store, &problem.id).await?,
        problem,
        rev,
    })
}

/// The problem page.
#[component]
pub fn ProblemDetail() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let data = LocalResource::new(move || {
        let reference = reference.get();
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            load(&*store, &reference).await
        }
    });
    view! {
        {stable_page(data, "Loading problem…", |page| view! { <ProblemView page=page/> })}
    }
}

/// `text`, or `fallback` when it is blank.
fn or(text: &str, fallback: &str) -> String {
    if text.trim().is_empty() {
        fallback.to_owned()
    } else {
        text.to_owned()
    }
}

/// Names for the timeline: services, releases, people, linked incidents and known
/// errors (as `REF · title`).
fn timeline_names(page: &PageData) -> HashMap<String, String> {
    let d = &page.names;
    let mut names: HashMap<String, String> = HashMap::new();
    for (id, name) in d.services.iter().map(|s| (&s.id, &s.name)) {
        names.insert(id.clone(), name.clone());
    }
    for (id, name) in d.releases.iter().map(|r| (&r.id, &r.name)) {
        names.insert(id.clone(), name.clone());
    }
    for i in &page.incidents {
        names.insert(i.id.clone(), format!("{} · {}", i.reference, i.title));
    }
    for k in &page.known_errors {
        names.insert(k.id.clone(), format!("{} · {}", k.reference, k.title));
    }
    names
}

/// The loaded problem.
#[component]
fn ProblemView(
    /// The problem and what its page needs.
    page: PageData,
) -> impl IntoView {
    let names = timeline_names(&page);
    let p = page.problem.clone();
    let r = p.reference.as_str().to_owned();
    let act = ProblemAct::new(r.clone(), page.rev.clone());
    let dir = page.names.clone();
    let release = |id: &Option<String>| {
        let Some(id) = id.as_deref() else {
            return view! { "—" }.into_any();
        };
        let name = dir.name(id).to_owned();
        match page.releases.get(id) {
            Some(reference) => {
                let href = AppRoute::Release(reference.clone()).href();
                view! { <a href=href>{name}</a> }.into_any()
            }
            None => view! { {name} }.into_any(),
        }
    };
    let (found, target) = (release(&p.release_found), release(&p.target_fix_release));
    let missing = p.incidents.len().saturating_sub(page.incidents.len());
    let open: Vec<Incident> = still_open(&page.incidents).into_iter().cloned().collect();
    let text_section = |id: &'static str, heading: &'static str, body: &str, empty: &str| {
        view! {
            <section aria-labelledby=id>
                <h2 id=id>{heading}</h2>
                <p class="prose">{or(body, empty)}</p>
            </section>
        }
    };
    let incidents = page.incidents.clone();
    let linked = if incidents.is_empty() {
        view! { <p class="empty">"No incidents are linked to this problem. Link one below by its reference."</p> }.into_any()
    } else {
        view! { <LinkedIncidents incidents=incidents names=dir.clone()/> }.into_any()
    };
    view! {
        <div class="page-head">
            <div>
                <p class="reference">{r.clone()}</p>
                <h1>{p.title.clone()}</h1>
            </div>
            <a class="button" href=AppRoute::EditProblem(r.clone()).href()>"Edit"</a>
        </div>
        <SyncNotice id=p.id.clone()/>
        <p class="badges">
            <PriorityBadge priority=p.priority/>
            " "
            <StatusBadge label=p.status.label()/>
        </p>
        <ProblemActions problem=p.clone() open_incidents=open act=act/>
        <dl class="facts">
            <dt>"Status"</dt><dd>{p.status.label()}</dd>
            <dt>"Priority"</dt><dd>{p.priority.label()}</dd>
            <dt>"Service"</dt><dd>{or(dir.name_opt(p.service.as_deref()), "—")}</dd>
            <dt>"Found in release"</dt><dd>{found}</dd>
            <dt>"Target fix release"</dt><dd>{target}</dd>
            <dt>"Created"</dt><dd>{format!("{} by {}", p.created.display(), or(&p.created_by, "—"))}</dd>
            <dt>"Updated"</dt><dd>{format!("{} by {}", p.updated.display(), or(&p.updated_by, "—"))}</dd>
        </dl>
        <PolicyNotes practice=PracticeKind::Problem/>
        {text_section("prb-description", "Description", &p.description, "No description.")}
        {text_section("prb-root-cause", "Root cause", &p.root_cause, "Not known yet.")}
        {text_section("prb-workaround", "Workaround", &p.workaround, "No workaround yet.")}
        {text_section("prb-fix-notes", "Fix notes", &p.fix_notes, "No fix notes yet: a problem is resolved only with them.")}
        <section aria-labelledby="prb-incidents">
            <h2 id="prb-incidents">"Linked incidents"</h2>
            {linked}
            {(missing > 0).then(|| view! {
                <p class="hint">
                    {format!("{missing} linked incident(s) are not on this device (deleted, or not synced yet).")}
                </p>
            })}
            {(p.status != ProblemStatus::Closed).then(|| view! { <LinkIncidentForm act=act/> })}
        </section>
        <KnownErrorsSection reference=r.clone() known_errors=page.known_errors.clone()/>
        <Timeline events=p.history.events().to_vec() names=names/>
    }
}
