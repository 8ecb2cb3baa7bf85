//! The early-life-support dashboard of a deployed release: incidents since deployment
//! per day and by priority, open P1/P2, SLA compliance, escalations, portal
//! complaints, known errors hit, and the exit criteria with their verdicts and
//! settings.

use leptos::prelude::*;

use crate::components::form::field_error::FieldError;
use crate::components::form::state::FormState;
use crate::domain::kernel::validation::ValidationErrors;
use crate::domain::release::exit_criteria::ExitCriteria;
use crate::domain::release::feedback::{counts, FeedbackKind};
use crate::domain::release::ReleaseStatus;
use crate::ops::clock;
use crate::ops::release;
use crate::pages::desk::release::ReleaseCtx;
use crate::routes::AppRoute;
use crate::state::identity::Identity;

/// The dashboard.
#[component]
pub fn ElsDashboard(ctx: ReleaseCtx) -> impl IntoView {
    let release = ctx.release.clone();
    let facts = ctx.facts.clone();
    let now = clock::now();
    let f = facts.figures(&release, now);
    let verdicts = facts.verdicts(&release, now);
    let fb = counts(&facts.feedback);
    let peak = f
        .per_day
        .iter()
        .map(|(_, c)| c.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1);
    let days = f
        .per_day
        .iter()
        .map(|(day, c)| {
            let total: u32 = c.iter().sum();
            let width = format!("{}%", total * 100 / peak);
            let detail: Vec<String> = c
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(p, n)| format!("P{} {n}", p + 1))
                .collect();
            view! {
                <tr>
                    <th scope="row">{day.date()}</th>
                    <td class="num">{total}</td>
                    <td class="bar-cell"><span class="bar" style:width=width></span></td>
                    <td>{detail.join(", ")}</td>
                </tr>
            }
        })
        .collect_view();
    let by_priority = f
        .by_priority
        .iter()
        .enumerate()
        .map(|(p, n)| view! { <dt>{format!("P{}", p + 1)}</dt><dd>{*n}</dd> })
        .collect_view();
    let open = f
        .open_p1_p2
        .iter()
        .map(|o| {
            let href = AppRoute::Incident(o.reference.clone()).href();
            view! { <li><a href=href>{o.reference.clone()}</a> {format!(" P{} · {}", o.priority, o.title)}</li> }
        })
        .collect_view();
    let hit = f
        .known_errors_hit
        .iter()
        .map(|(id, n)| {
            let ke = facts.known_errors.iter().find(|k| &k.id == id);
            let (r, title) = ke.map_or((id.clone(), String::new()), |k| {
                (k.reference.as_str().to_owned(), k.title.clone())
            });
            let href = AppRoute::KnownError(r.clone()).href();
            view! { <li><a href=href>{r}</a> {format!(" {title}: {n} incident(s)")}</li> }
        })
        .collect_view();
    let complaints = facts
        .feedback
        .iter()
        .filter(|x| x.kind == FeedbackKind::Complaint)
        .take(5)
        .map(|x| view! { <li><time datetime=x.created.iso()>{x.created.date()}</time> " " {x.text.clone()}</li> })
        .collect_view();
    let all_met = verdicts.iter().all(|v| v.met);
    let verdict_rows = verdicts
        .iter()
        .map(|v| {
            let mark = if v.met { "Met" } else { "Not met" };
            let class = if v.met { "verdict met" } else { "verdict unmet" };
            view! { <li class=class><strong>{mark}</strong> {format!(" — {}: {}", v.label, v.detail)}</li> }
        })
        .collect_view();
    let editable = release.status != ReleaseStatus::Accepted;
    view! {
        <section aria-labelledby="rel-els" class="els">
            <h2 id="rel-els">"Early life support"</h2>
            <div class="kpis">
                <div class="kpi"><span class="kpi-label">"Incidents since deployment"</span><span class="kpi-value">{f.total}</span></div>
                <div class="kpi"><span class="kpi-label">"Open P1/P2"</span><span class="kpi-value">{f.open_p1_p2.len()}</span></div>
                <div class="kpi"><span class="kpi-label">"Response SLA"</span><span class="kpi-value">{f.response.display()}</span></div>
                <div class="kpi"><span class="kpi-label">"Resolution SLA"</span><span class="kpi-value">{f.resolution.display()}</span></div>
                <div class="kpi"><span class="kpi-label">"Escalations"</span><span class="kpi-value">{f.escalations}</span></div>
                <div class="kpi"><span class="kpi-label">"Portal complaints"</span><span class="kpi-value">{fb.complaints}</span></div>
            </div>
            <h3>"Incidents per day"</h3>
            <table class="grid per-day">
                <caption class="visually-hidden">"Production incidents per day since deployment"</caption>
                <thead><tr><th scope="col">"Day"</th><th scope="col">"Incidents"</th><th scope="col"><span class="visually-hidden">"Bar"</span></th><th scope="col">"By priority"</th></tr></thead>
                <tbody>{days}</tbody>
            </table>
            <h3>"By priority"</h3>
            <dl class="facts inline">{by_priority}</dl>
            <h3>"Open P1 and P2 incidents"</h3>
            {if f.open_p1_p2.is_empty() { view! { <p class="muted">"None open."</p> }.into_any() } else { view! { <ul>{open}</ul> }.into_any() }}
            <h3>"Known errors hit"</h3>
            {if f.known_errors_hit.is_empty() { view! { <p class="muted">"No incident linked to a known error."</p> }.into_any() } else { view! { <ul>{hit}</ul> }.into_any() }}
            <h3>"Portal feedback"</h3>
            <p>{format!("{} complaint(s), {} compliment(s), {} suggestion(s).", fb.complaints, fb.compliments, fb.suggestions)}</p>
            <ul class="complaints">{complaints}</ul>
            <h3 id="rel-exit">"Exit criteria"</h3>
            <p class={if all_met { "gate-summary" } else { "gate-summary blocked" }}>
                {if all_met { "All exit criteria are met: the release can be accepted into operation." } else { "Not every exit criterion is met yet." }}
            </p>
            <ul class="verdicts" aria-labelledby="rel-exit">{verdict_rows}</ul>
            {editable.then(|| view! { <CriteriaForm ctx=ctx.clone()/> })}
        </section>
    }
}

/// The exit criteria's settings for this release.
#[component]
fn CriteriaForm(ctx: ReleaseCtx) -> impl IntoView {
    let who = Identity::expect();
    let c = ctx.release.exit_criteria.clone();
    let p12 = RwSignal::new(c.no_open_p1_p2);
    let max = RwSignal::new(c.max_incidents_per_day.to_string());
    let days = RwSignal::new(c.quiet_days.to_string());
    let documented = RwSignal::new(c.known_errors_documented);
    let escalation = RwSignal::new(c.escalation_defined);
    let reason = RwSignal::new(String::new());
    let in_els = ctx.release.status == ReleaseStatus::EarlyLifeSupport;
    let form = FormState::new("exit-criteria");
    let (reference, rev) = (ctx.release.reference.as_str().to_owned(), ctx.rev.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut e = ValidationErrors::new();
        let max_n = max.get_untracked().trim().parse::<u32>();
        let days_n = days.get_untracked().trim().parse::<u32>();
        if max_n.is_err() {
            e.push("max_incidents_per_day", "Enter a whole number.");
        }
        if days_n.is_err() {
            e.push(
                "quiet_days",
                "Enter a whole number of days (0 turns the check off).",
            );
        }
        let (Ok(max_n), Ok(days_n)) = (max_n, days_n) else {
            form.errors.set(Some(e));
            return;
        };
        let criteria = ExitCriteria {
            no_open_p1_p2: p12.get_untracked(),
            max_incidents_per_day: max_n,
            quiet_days: days_n,
            known_errors_documented: documented.get_untracked(),
            escalation_defined: escalation.get_untracked(),
        };
        if let Err(v) = criteria.validate() {
            form.errors.set(Some(v));
            return;
        }
        if in_els && reason.get_untracked().trim().is_empty() {
            let mut e = ValidationErrors::new();
            e.push(
                "reason",
                "Say why the exit criteria change during early life support.",
            );
            form.errors.set(Some(e));
            return;
        }
        form.errors.set(None);
        let (reference, rev, by) = (reference.clone(), rev.clone(), who.author());
        form.run(
            "Exit criteria saved.",
            move |store| async move {
                let why = reason.get_untracked();
                release::set_exit_criteria(&*store, &reference, &rev, criteria, Some(&why), &by)
                    .await
            },
            |_| {},
        );
    };
    let check = |id: &'static str, label: &'static str, sig: RwSignal<bool>| {
        view! {
            <label class="check" for=id>
                <input id=id type="checkbox" prop:checked=move || sig.get() on:change=move |ev| sig.set(event_target_checked(&ev))/>
                " " {label}
            </label>
        }
    };
    view! {
        <form class="criteria-form" aria-label="Exit criteria settings" on:submit=save novalidate>
            <h4>"Settings"</h4>
            {check("exit-p12", "No open P1 or P2 incident", p12)}
            <div class="field">
                <label for="exit-max">"Most production incidents a day"</label>
                <input id="exit-max" type="number" min="0" prop:value=move || max.get()
                    aria-describedby="exit-max-error" on:input=move |ev| max.set(event_target_value(&ev))/>
                <FieldError id="exit-max-error" message=form.error("max_incidents_per_day")/>
            </div>
            <div class="field">
                <label for="exit-days">"Quiet days needed (0 = not checked)"</label>
                <input id="exit-days" type="number" min="0" prop:value=move || days.get()
                    aria-describedby="exit-days-error" on:input=move |ev| days.set(event_target_value(&ev))/>
                <FieldError id="exit-days-error" message=form.error("quiet_days")/>
            </div>
            {check("exit-docs", "Every carried known error has a published article", documented)}
            {check("exit-esc", "An escalation procedure for each service", escalation)}
            {in_els.then(|| view! {
                <div class="field">
                    <label for="exit-reason">"Reason for the change (kept in the history)"</label>
                    <textarea id="exit-reason" rows="2" aria-describedby="exit-reason-error"
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <FieldError id="exit-reason-error" message=form.error("reason")/>
                </div>
            })}
            <button type="submit" class="button" disabled=move || form.busy.get()>"Save exit criteria"</button>
            {move || form.error("exit-criteria").get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </form>
    }
}
