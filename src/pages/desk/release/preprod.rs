//! Pre-production findings of a release: the incidents found in test, staging or UAT
//! against it, and the problems and known errors they led to.

use leptos::prelude::*;

use crate::components::priority_badge::PriorityBadge;
use crate::components::status_badge::StatusBadge;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::pages::desk::release::ReleaseCtx;
use crate::routes::AppRoute;

/// The pre-production section.
#[component]
pub fn PreProduction(ctx: ReleaseCtx) -> impl IntoView {
    let facts = ctx.facts.clone();
    let incidents = &facts.pre_production;
    let problem_ids: Vec<&str> = incidents
        .iter()
        .filter_map(|i| i.problem.as_deref())
        .collect();
    let problems: Vec<_> = facts
        .problems
        .iter()
        .filter(|p| problem_ids.contains(&p.id.as_str()))
        .collect();
    let kes: Vec<_> = facts
        .known_errors
        .iter()
        .filter(|k| {
            incidents
                .iter()
                .any(|i| i.known_error.as_deref() == Some(k.id.as_str()))
                || k.problem
                    .as_deref()
                    .is_some_and(|p| problem_ids.contains(&p))
        })
        .collect();
    let rows = incidents
        .iter()
        .map(|i| {
            let r = i.reference.as_str().to_owned();
            let href = AppRoute::Incident(r.clone()).href();
            view! {
                <tr>
                    <td><a href=href>{r}</a></td>
                    <td>{i.title.clone()}</td>
                    <td>{i.environment.label()}</td>
                    <td><PriorityBadge priority=i.priority/></td>
                    <td><StatusBadge label=i.status.label()/></td>
                </tr>
            }
        })
        .collect_view();
    let led_to = problems
        .iter()
        .map(|p| {
            let r = p.reference.as_str().to_owned();
            let href = AppRoute::Problem(r.clone()).href();
            view! { <li>"Problem " <a href=href>{r}</a> " " {p.title.clone()} " (" {p.status.label()} ")"</li> }
        })
        .collect_view();
    let led_to_kes = kes
        .iter()
        .map(|k| {
            let r = k.reference.as_str().to_owned();
            let href = AppRoute::KnownError(r.clone()).href();
            view! { <li>"Known error " <a href=href>{r}</a> " " {k.title.clone()} " (" {k.status.label()} ")"</li> }
        })
        .collect_view();
    let count = incidents.len();
    let nothing_led = problems.is_empty() && kes.is_empty();
    view! {
        <section aria-labelledby="rel-preprod">
            <h2 id="rel-preprod">"Pre-production"</h2>
            {if count == 0 {
                view! { <p class="empty">"No incident found in pre-production against this release yet. Incidents logged in test, staging or UAT with this release appear here."</p> }.into_any()
            } else {
                view! {
                    <table class="grid">
                        <caption>{format!("{count} incident(s) found in pre-production")}</caption>
                        <thead><tr>
                            <th scope="col">"Reference"</th><th scope="col">"Title"</th>
                            <th scope="col">"Environment"</th><th scope="col">"Priority"</th><th scope="col">"Status"</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <h3>"What they led to"</h3>
                    {if nothing_led {
                        view! { <p class="muted">"No problem or known error yet."</p> }.into_any()
                    } else {
                        view! { <ul class="led-to">{led_to}{led_to_kes}</ul> }.into_any()
                    }}
                }.into_any()
            }}
        </section>
    }
}
