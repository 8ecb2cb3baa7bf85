//! The incident's service level: the response and resolution clocks (state, due time,
//! time left or over), and where the incident stands in its service's escalation
//! procedure (current level, next level and when it is due).

use leptos::prelude::*;

use crate::domain::config::escalation::{escalation_status, EscalationProcedure};
use crate::domain::config::SlaPolicy;
use crate::domain::incident::sla::{sla_status, SlaClock, SlaState};
use crate::domain::incident::Incident;
use crate::domain::kernel::time::{humanize_duration, Timestamp};
use crate::routes::AppRoute;

/// `14:32` when `at` is on the same (UTC) day as `now`, else `2026-11-27 14:32`.
pub fn when(at: Timestamp, now: Timestamp) -> String {
    let shown = at.display();
    if at.date() == now.date() {
        shown
            .split_once(' ')
            .map_or(shown.clone(), |(_, t)| t.to_owned())
    } else {
        shown
    }
}

/// The words next to a clock's state: `due 14:32, 1 h 5 min left`, `breached 20 min
/// ago`, `met in 12 min (target 30 min)`, …
pub fn clock_text(clock: &SlaClock, now: Timestamp) -> String {
    let target = clock.target_ms.map(humanize_duration);
    match (clock.state, clock.due, clock.remaining_ms) {
        (SlaState::NotApplicable, _, _) => match target {
            Some(_) => "no longer counted (cancelled)".into(),
            None => "no target for this priority".into(),
        },
        (SlaState::OnTrack | SlaState::AtRisk, Some(due), Some(left)) => {
            format!("due {}, {} left", when(due, now), humanize_duration(left))
        }
        (SlaState::Breached, Some(due), _) => {
            format!(
                "breached {} ago (was due {})",
                humanize_duration(now.since(due)),
                when(due, now)
            )
        }
        (SlaState::Breached, None, Some(left)) => {
            format!("breached by {}", humanize_duration(-left))
        }
        (SlaState::Met, _, _) => match target {
            Some(t) => format!(
                "met in {} (target {t})",
                humanize_duration(clock.elapsed_ms)
            ),
            None => format!("met in {}", humanize_duration(clock.elapsed_ms)),
        },
        (SlaState::Paused, _, Some(left)) => {
            format!("paused while on hold, {} left", humanize_duration(left))
        }
        (state, _, _) => state.label().to_lowercase(),
    }
}

/// The two SLA clocks, recomputed every 30 seconds.
#[component]
pub fn SlaPanel(
    /// The incident.
    incident: Incident,
    /// Targets per priority.
    policy: SlaPolicy,
) -> impl IntoView {
    let now = RwSignal::new(crate::ops::clock::now());
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(crate::ops::clock::now()),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }
    let status = Memo::new(move |_| sla_status(&incident, &policy, now.get()));
    let row = move |name: &'static str,
                    pick: fn(&crate::domain::incident::sla::SlaStatus) -> SlaClock| {
        let clock = move || pick(&status.get());
        view! {
            <div class="sla-row">
                <dt>{name}</dt>
                <dd>
                    <span class=move || format!("badge sla sla-{}", clock().state.key())>{move || clock().state.label()}</span>
                    " "
                    <span class="sla-text">{move || clock_text(&clock(), now.get())}</span>
                </dd>
            </div>
        }
    };
    view! {
        <section class="panel" aria-labelledby="sla-heading">
            <h3 id="sla-heading">"Service level"</h3>
            <dl class="sla">
                {row("Response", |s| s.response)}
                {row("Resolution", |s| s.resolution)}
            </dl>
        </section>
    }
}

/// The escalation procedure of the incident's service and where the incident is in it.
#[component]
pub fn ProcedurePanel(
    /// The incident.
    incident: Incident,
    /// Its service's procedure, if one is configured.
    procedure: Option<EscalationProcedure>,
    /// The service's name, if the incident has a service.
    service_name: Option<String>,
    /// Names of groups for the levels.
    names: std::collections::HashMap<String, String>,
) -> impl IntoView {
    let now = crate::ops::clock::now();
    let body = match (procedure, service_name) {
        (_, None) => view! {
            <p class="muted">"No service is set, so no escalation procedure applies. Edit the incident to set its service."</p>
        }
        .into_any(),
        (None, Some(service)) => view! {
            <p class="muted">
                {format!("{service} has no escalation procedure yet. ")}
                <a href=AppRoute::Settings.href()>"Set one up in Settings"</a>
            </p>
        }
        .into_any(),
        (Some(p), Some(_)) => {
            let status = escalation_status(&p, &incident, now);
            let current = status.current_level;
            let next = match status.next {
                Some(n) if n.overdue => view! {
                    <p class="overdue"><strong>"Overdue: "</strong>
                        {format!("{} was due {} ({} ago).", n.name, when(n.due, now), humanize_duration(now.since(n.due)))}</p>
                }
                .into_any(),
                Some(n) => view! {
                    <p>{format!("Next: {}, due {} (in {}).", n.name, when(n.due, now), humanize_duration(n.due.since(now)))}</p>
                }
                .into_any(),
                None if !incident.is_open() => view! { <p class="muted">"The incident is no longer open."</p> }.into_any(),
                None => view! { <p class="muted">"At the last level of the procedure."</p> }.into_any(),
            };
            let levels = p
                .levels
                .iter()
                .enumerate()
                .map(|(k, l)| {
                    let who = l
                        .group
                        .as_ref()
                        .map(|g| names.get(g).cloned().unwrap_or_else(|| g.clone()))
                        .or_else(|| l.contact.clone())
                        .unwrap_or_default();
                    let at = if l.after_ms == 0 {
                        "at once".to_owned()
                    } else {
                        format!("after {}", humanize_duration(l.after_ms))
                    };
                    let here = current == Some(k);
                    view! {
                        <li class:current=here aria-current=here.then_some("step")>
                            <span class="level-name">{l.name.clone()}</span>
                            <span class="muted">{format!(" · {who} · {at}")}</span>
                            {here.then(|| view! { " " <span class="badge">"Current"</span> })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                {next}
                <ol class="levels">{levels}</ol>
            }
            .into_any()
        }
    };
    view! {
        <section class="panel" aria-labelledby="procedure-heading">
            <h3 id="procedure-heading">"Escalation procedure"</h3>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kernel::time::{HOUR, MINUTE};

    fn clock(state: SlaState, due: Option<i64>, remaining: Option<i64>, elapsed: i64) -> SlaClock {
        SlaClock {
            state,
            target_ms: Some(30 * MINUTE),
            elapsed_ms: elapsed,
            due: due.map(Timestamp),
            remaining_ms: remaining,
        }
    }

    #[test]
    fn clocks_read_as_people_say_them() {
        let now = Timestamp::from_civil(2026, 11, 26, 13, 27);
        let due = now.plus_ms(HOUR + 5 * MINUTE).0;
        let c = clock(SlaState::OnTrack, Some(due), Some(HOUR + 5 * MINUTE), 0);
        assert_eq!(clock_text(&c, now), "due 14:32, 1 h 5 min left");
        let late = now.plus_ms(-20 * MINUTE).0;
        let c = clock(SlaState::Breached, Some(late), Some(-20 * MINUTE), 0);
        assert_eq!(clock_text(&c, now), "breached 20 min ago (was due 13:07)");
        let c = clock(SlaState::Breached, None, Some(-20 * MINUTE), 0);
        assert_eq!(clock_text(&c, now), "breached by 20 min");
        let c = clock(SlaState::Met, None, Some(18 * MINUTE), 12 * MINUTE);
        assert_eq!(clock_text(&c, now), "met in 12 min (target 30 min)");
        let c = clock(SlaState::Paused, None, Some(10 * MINUTE), 0);
        assert_eq!(clock_text(&c, now), "paused while on hold, 10 min left");
        let tomorrow = Timestamp::from_civil(2026, 11, 27, 9, 0);
        assert_eq!(when(tomorrow, now), "2026-11-27 09:00");
    }
}
