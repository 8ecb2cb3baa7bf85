//! The agent's home (`/desk`): my open incidents, the unassigned work of my groups,
//! what is about to breach, open major incidents and the latest activity, each with a
//! count and a link to the full queue view.

use leptos::prelude::*;

use crate::components::demo_offer::DemoOffer;
use crate::components::error_panel::error_panel;
use crate::components::priority_badge::PriorityBadge;
use crate::domain::config::priority::Priority;
use crate::domain::incident::query::{IncidentRow, SlaFilterState};
use crate::domain::kernel::time::{humanize_duration, Timestamp};
use crate::ops::clock;
use crate::ops::directory;
use crate::ops::error::AppError;
use crate::ops::home::{self, Activity, Section};
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

use super::queue::queue_href;

fn priority_of(n: u8) -> Priority {
    Priority::ALL[usize::from(n.clamp(1, 5) - 1)]
}

fn sla_word(s: SlaFilterState) -> Option<&'static str> {
    match s {
        SlaFilterState::Breached => Some("SLA breached"),
        SlaFilterState::AtRisk => Some("SLA at risk"),
        _ => None,
    }
}

/// One incident as a line: reference, title, priority and SLA word.
fn row_line(r: IncidentRow) -> impl IntoView {
    let href = AppRoute::Incident(r.reference.clone()).href();
    let sla = sla_word(r.sla).map(|w| view! { <span class="sla-word">{w}</span> });
    view! {
        <li>
            <a href=href class="ref">{r.reference}</a>
            " "<span class="title">{r.title}</span>" "
            <PriorityBadge priority=priority_of(r.priority)/>
            {sla}
        </li>
    }
}

/// A section: heading with the count, its first rows, "View all" into the queue.
fn section_view(s: Section, empty: &'static str) -> impl IntoView {
    let href = queue_href(&s.filter, s.sort, 1);
    let id = format!(
        "home-{}",
        s.title
            .to_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let total = s.total;
    let body = if s.rows.is_empty() {
        view! { <p class="empty">{empty}</p> }.into_any()
    } else {
        view! { <ul class="home-rows">{s.rows.into_iter().map(row_line).collect_view()}</ul> }
            .into_any()
    };
    view! {
        <section class="home-section" aria-labelledby=id.clone()>
            <h2 id=id.clone()>{s.title}" "<span class="count-pill">{total}</span></h2>
            {body}
            {(total > 0).then(|| view! { <a class="view-all" href=href>{format!("View all {total} in the queue")}</a> })}
        </section>
    }
}

fn activity_line(a: Activity, now: Timestamp) -> impl IntoView {
    let href = AppRoute::Incident(a.row.reference.clone()).href();
    let ago = format!("{} ago", humanize_duration(now.since(a.at).max(0)));
    view! {
        <li>
            <a href=href class="ref">{a.row.reference}</a>
            " "<span class="title">{a.row.title}</span>
            <span class="activity">{a.what}" · "{a.by}" · "<time datetime=a.at.iso()>{ago}</time></span>
        </li>
    }
}

/// The agent's home page.
#[component]
pub fn DeskHome() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let data = LocalResource::new(move || {
        let revision = db.revision.get();
        let me = who.id();
        async move {
            let store = db.store()?;
            let queue = db.queue();
            let now = clock::now();
            queue.sync(&*store, revision, now).await?;
            let dir = directory::load(&*store).await?;
            let page = home::load(&*store, &queue, &dir, &me).await?;
            Ok::<_, AppError>((page, now))
        }
    });
    view! {
        <div class="page-head">
            <h1>"Home"</h1>
            <div class="actions">
                <a class="button" href=AppRoute::Dashboard.href()>"Dashboard"</a>
                <a class="button button-primary" href=AppRoute::NewIncident.href()>"New incident"</a>
            </div>
        </div>
        <Transition fallback=|| view! { <p role="status">"Loading your work…"</p> }>
            <ErrorBoundary fallback=error_panel>
            {move || Suspend::new(async move {
                let (h, now) = data.await?;
                if h.held == 0 {
                    return Ok::<_, AppError>(view! {
                        <div class="empty">
                            <p>"No incidents yet. Log the first one with New incident, or load the demo data to look around."</p>
                            <DemoOffer/>
                        </div>
                    }.into_any());
                }
                let mine = match h.mine {
                    Some(s) => section_view(s, "Nothing assigned to you is open. Pick up unassigned work below.").into_any(),
                    None => view! {
                        <section class="home-section">
                            <h2>"My open incidents"</h2>
                            <p class="empty">"Choose who you are (“You are” in the menu) to see the incidents assigned to you and your groups' unassigned work."</p>
                        </section>
                    }.into_any(),
                };
                let groups = h.my_groups.into_iter()
                    .map(|s| section_view(s, "No unassigned open incident in this group."))
                    .collect_view();
                let recent = h.recent.into_iter().map(|a| activity_line(a, now)).collect_view();
                Ok(view! {
                    <div class="home-grid">
                        {mine}
                        {groups}
                        {section_view(h.breaching, "No open incident is at risk of breaching its SLA.")}
                        {section_view(h.major, "No major incident is open.")}
                        <section class="home-section home-recent" aria-labelledby="home-recent">
                            <h2 id="home-recent">"Recent activity"</h2>
                            <ul class="home-rows">{recent}</ul>
                        </section>
                    </div>
                }.into_any())
            })}
            </ErrorBoundary>
        </Transition>
    }
}
