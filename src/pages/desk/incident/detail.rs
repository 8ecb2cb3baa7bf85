//! One incident, the agent's workbench: its facts and priority reason, a major-incident
//! banner, the legal status moves, assignment and escalation, notes, links, the SLA
//! clocks, the escalation procedure and the timeline. Reached by reference, so
//! `/desk/incidents/INC-…` links survive a reload.

use leptos::prelude::*;

use crate::components::sync_notice::SyncNotice;

use crate::components::policy_notes::PolicyNotes;
use crate::domain::config::practice::PracticeKind;
use leptos_router::hooks::use_params_map;

use crate::components::form::state::FormState;
use crate::components::priority_badge::PriorityBadge;
use crate::components::stable_page::stable_page;
use crate::components::status_badge::StatusBadge;
use crate::domain::incident::{IncidentStatus, ResolutionCode};
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::ops::incident::actions;
use crate::pages::desk::incident::act::{Act, Refocus};
use crate::pages::desk::incident::assignment::{AssignmentPanel, EscalationPanel};
use crate::pages::desk::incident::lifecycle::LifecycleActions;
use crate::pages::desk::incident::links::LinksPanel;
use crate::pages::desk::incident::load::{self, PageData};
use crate::pages::desk::incident::notes::NoteForm;
use crate::pages::desk::incident::service_level::{ProcedurePanel, SlaPanel};
use crate::pages::desk::incident::timeline::Timeline;
use crate::pages::desk::incident::workaround::WorkaroundPanel;
use crate::routes::AppRoute;
use crate::state::db::Db;

/// The incident page.
#[component]
pub fn IncidentDetail() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    Refocus::provide();
    let data = LocalResource::new(move || {
        let reference = reference.get();
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            load::load(&*store, &reference).await
        }
    });
    // Writes elsewhere (another tab, sync) re-read the page; it is drawn anew only when
    // what it shows changed, so a note being typed survives an unrelated write.
    stable_page(
        data,
        "Loading incident…",
        |page| view! { <IncidentView page=page/> },
    )
}

/// The workbench for one loaded incident.
#[component]
fn IncidentView(
    /// The incident and what its page needs.
    page: PageData,
) -> impl IntoView {
    let names = page.names();
    let i = page.incident.clone();
    let dir = page.directory.clone();
    let reference = i.reference.as_str().to_string();
    let act = Act::new(reference.clone());
    let dash = |s: &str| {
        if s.is_empty() {
            "—".to_owned()
        } else {
            s.to_owned()
        }
    };
    let service = i.service.as_deref().map(|id| dir.name(id).to_owned());
    let release = dash(dir.name_opt(i.release.as_deref()));
    let why = page.settings.matrix.explain(i.impact, i.urgency);
    let pre = i.environment.is_pre_production();
    let assigned = match (i.assignment_group.as_deref(), i.assignee.as_deref()) {
        (None, None) => "Unassigned".to_owned(),
        (g, None) => format!("{} (no assignee)", dir.name_opt(g)),
        (None, a) => dir.name_opt(a).to_owned(),
        (g, a) => format!("{} · {}", dir.name_opt(a), dir.name_opt(g)),
    };
    let hold = i.hold_reason.map(|r| r.label());
    let resolution = i
        .resolution_notes
        .clone()
        .filter(|_| matches!(i.status, IncidentStatus::Resolved | IncidentStatus::Closed));
    let code = i
        .resolution_code
        .clone()
        .map(|c| ResolutionCode::label_of(&c).to_owned());
    let is_open = i.is_open();
    let heading = NodeRef::<leptos::html::H1>::new();
    if use_context::<Refocus>().is_some_and(Refocus::take) {
        // After an action the page is drawn anew: keep keyboard focus on it.
        request_animation_frame(move || {
            if let Some(h) = heading.get_untracked() {
                let _ = h.focus();
            }
        });
    }
    view! {
        <div class="page-head">
            <div>
                <p class="reference">{reference.clone()}</p>
                <h1 tabindex="-1" node_ref=heading>{i.title.clone()}</h1>
            </div>
            <a class="button" href=AppRoute::EditIncident(reference.clone()).href()>"Edit"</a>
        </div>
        <SyncNotice id=i.id.clone()/>
        {i.major.clone().map(|m| view! { <MajorBanner by=m.by at=m.at.display() act=act/> })}
        <p class="badges">
            <PriorityBadge priority=i.priority/>
            " "
            <StatusBadge label=i.status.label()/>
            {hold.map(|h| view! { " " <span class="badge hold">{h}</span> })}
            {pre.then(|| view! { " " <span class="badge pre-production">"Pre-production"</span> })}
        </p>
        <div class="workbench">
            <div class="workbench-main">
                <section class="panel" aria-labelledby="actions-heading">
                    <h2 id="actions-heading">"Actions"</h2>
                    <LifecycleActions status=i.status major=i.major.is_some() act=act/>
                </section>
                <dl class="facts">
                    <dt>"Priority"</dt><dd class="priority-reason">{why}</dd>
                    <dt>"Assigned to"</dt><dd>{assigned}</dd>
                    <dt>"Service"</dt><dd>{service.clone().unwrap_or_else(|| "—".into())}</dd>
                    <dt>"Category"</dt><dd>{dash(&i.category)}</dd>
                    <dt>"Found in"</dt><dd>{i.environment.label()}</dd>
                    <dt>"Release"</dt><dd>{release}</dd>
                    <dt>"Channel"</dt><dd>{i.channel.label()}</dd>
                    <dt>"Reported by"</dt><dd>{reporter_line(&i.reporter.name, &i.reporter.contact)}</dd>
                    <dt>"Created"</dt><dd>{format!("{} by {}", i.created.display(), i.created_by)}</dd>
                    <dt>"Updated"</dt><dd>{format!("{} by {}", i.updated.display(), i.updated_by)}</dd>
                    {code.map(|c| view! { <dt>"Resolution code"</dt><dd>{c}</dd> })}
                    {resolution.map(|n| view! { <dt>"Resolution notes"</dt><dd class="prose">{n}</dd> })}
                </dl>
                <section aria-labelledby="desc-heading">
                    <h2 id="desc-heading">"Description"</h2>
                    <p class="prose">{if i.description.is_empty() { "No description.".to_string() } else { i.description.clone() }}</p>
                </section>
                <NoteForm act=act/>
                <Timeline events=i.history.events().to_vec() names=names.clone()/>
            </div>
            <aside class="workbench-side" aria-label="Service level and work">
                <SlaPanel incident=i.clone() policy=page.settings.sla.clone()/>
                <ProcedurePanel incident=i.clone() procedure=page.procedure.clone() service_name=service names=names/>
                {(!i.status.is_terminal()).then(|| view! {
                    <AssignmentPanel group=i.assignment_group.clone() assignee=i.assignee.clone() directory=dir.clone() act=act/>
                })}
                {is_open.then(|| view! {
                    <EscalationPanel current_group=i.assignment_group.clone() directory=dir.clone() act=act/>
                })}
                <LinksPanel incident=i.clone() linkables=page.linkables.clone() act=act/>
                {is_open.then(|| view! {
                    <WorkaroundPanel incident=i.clone() known_errors=page.workarounds.clone() act=act/>
                })}
                <PolicyNotes practice=PracticeKind::Incident/>
            </aside>
        </div>
    }
}

/// The banner of a major incident: who declared it and when, and standing it down.
#[component]
fn MajorBanner(
    /// Who declared it.
    by: String,
    /// When, as displayed.
    at: String,
    /// The page's action runner.
    act: Act,
) -> impl IntoView {
    let form = FormState::new("major");
    let stand_down = move |_| {
        act.run(
            form,
            "Major incident stood down.",
            |store, r, by| async move { actions::set_major(&*store, &r, &by, false).await },
        )
    };
    view! {
        <section class="major-banner" aria-labelledby="major-heading">
            <div>
                <h2 id="major-heading">"Major incident"</h2>
                <p>{format!("Declared by {by} on {at}. Coordinate the response and keep the timeline current.")}</p>
            </div>
            <button type="button" class="button" disabled=move || form.busy.get() on:click=stand_down>"Stand down"</button>
        </section>
    }
}

/// "Name (contact)", or whichever part is known, or a dash.
fn reporter_line(name: &str, contact: &str) -> String {
    match (name.is_empty(), contact.is_empty()) {
        (false, false) => format!("{name} ({contact})"),
        (false, true) => name.to_string(),
        (true, false) => contact.to_string(),
        (true, true) => "—".to_string(),
    }
}
