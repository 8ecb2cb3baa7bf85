//! One release, by reference: lifecycle with the readiness gate, carried-forward known
//! errors, pre-production findings and the early-life-support dashboard with its exit
//! criteria. Reached by reference, so `/desk/releases/REL-…` links survive a reload.

use std::rc::Rc;

use leptos::prelude::*;

use crate::components::sync_notice::SyncNotice;

use crate::components::policy_notes::PolicyNotes;
use crate::domain::config::practice::PracticeKind;
use leptos_router::hooks::use_params_map;

use crate::components::error_panel::error_panel;
use crate::components::status_badge::StatusBadge;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::ops::clock;
use crate::ops::error::AppError;
use crate::ops::release;
use crate::pages::desk::release::els::ElsDashboard;
use crate::pages::desk::release::lifecycle::ReleaseLifecycle;
use crate::pages::desk::release::preprod::PreProduction;
use crate::pages::desk::release::readiness::ReadinessPanel;
use crate::pages::desk::release::ReleaseCtx;
use crate::routes::AppRoute;
use crate::state::db::Db;

/// The release page.
#[component]
pub fn ReleaseDetail() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let data = LocalResource::new(move || {
        let reference = reference.get();
        let revision = db.revision.get();
        async move {
            let store = db.store()?;
            let (release, rev) = release::by_reference(&*store, &reference).await?;
            let facts =
                release::gather(&*store, &db.queue(), revision, &release, clock::now()).await?;
            Ok::<_, AppError>(ReleaseCtx {
                release: Rc::new(release),
                rev,
                facts: Rc::new(facts),
            })
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading release…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    data.await.map(|ctx| view! { <ReleaseView ctx=ctx/> })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

/// The page's body.
#[component]
fn ReleaseView(ctx: ReleaseCtx) -> impl IntoView {
    let r = ctx.release.clone();
    let names = &ctx.facts.names;
    let reference = r.reference.as_str().to_owned();
    let services: Vec<String> = r
        .services
        .iter()
        .map(|s| names.name(s).to_owned())
        .collect();
    let deployed = match (r.deployment_date, r.is_deployed()) {
        (Some(d), true) => d.display(),
        (Some(d), false) => format!("{} (planned)", d.display()),
        (None, _) => "Not yet".to_owned(),
    };
    let els = match r.els_end().filter(|_| r.is_deployed()) {
        Some(end) => format!("{} days, until {}", r.els_days, end.date()),
        None => format!("{} days after deployment", r.els_days),
    };
    let edit = AppRoute::EditRelease(reference.clone()).href();
    let report = AppRoute::ReleaseReport(reference.clone()).href();
    let show_els = r.is_deployed();
    let overdue = (r.status == crate::domain::release::ReleaseStatus::EarlyLifeSupport)
        .then(|| r.els_end())
        .flatten()
        .filter(|end| *end < clock::now())
        .map(|end| {
            format!(
                "The early-life-support window ended on {}: accept the release into operation, or extend the window (Edit).",
                end.date()
            )
        });
    view! {
        <div class="page-head">
            <div>
                <p class="reference">{reference.clone()}</p>
                <h1>{r.title()}</h1>
            </div>
            <div class="head-actions">
                <a class="button" href=edit>"Edit"</a>
                <a class="button" href=report>"Feedback report"</a>
            </div>
        </div>
        <SyncNotice id=r.id.clone()/>
        <p class="badges"><StatusBadge label=r.status.label()/></p>
        <dl class="facts">
            <dt>"Status"</dt><dd>{r.status.label()}</dd>
            <dt>"Services"</dt><dd>{if services.is_empty() { "—".to_owned() } else { services.join(", ") }}</dd>
            <dt>"Deployment"</dt><dd>{deployed}</dd>
            <dt>"Early life support"</dt><dd>{els}</dd>
            <dt>"Created"</dt><dd>{format!("{} by {}", r.created.display(), r.created_by)}</dd>
        </dl>
        <PolicyNotes practice=PracticeKind::Release/>
        {overdue.map(|text| view! { <p class="notice" role="note">{text}</p> })}
        <ReleaseLifecycle ctx=ctx.clone()/>
        <ReadinessPanel ctx=ctx.clone()/>
        <PreProduction ctx=ctx.clone()/>
        {show_els.then(|| view! { <ElsDashboard ctx=ctx.clone()/> })}
    }
}
