//! The problem page's lifecycle bar: only the allowed moves, with an optional reason;
//! Resolve opens the form that resolves the linked incidents in the same step.

use leptos::prelude::*;

use crate::components::form::confirm::ConfirmStep;
use crate::components::form::state::FormState;
use crate::domain::incident::Incident;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::problem::{Problem, ProblemStatus};
use crate::ops::problem;
use crate::pages::desk::problem::resolve_form::ResolveForm;
use crate::pages::desk::problem::ProblemAct;

/// The button text and success toast of a move.
fn wording(from: ProblemStatus, to: ProblemStatus) -> (&'static str, &'static str) {
    use ProblemStatus::*;
    match (from, to) {
        (Resolved, UnderInvestigation) => ("Reopen investigation", "Investigation reopened."),
        (_, UnderInvestigation) => ("Start investigation", "Investigation started."),
        (_, KnownError) => ("Mark as known error", "Marked as a known error."),
        (_, Resolved) => ("Resolve", "Problem resolved."),
        (_, Closed) => ("Close problem", "Problem closed."),
        (_, New) => ("Back to new", "Moved back to new."),
    }
}

/// The status moves allowed now, the optional reason, the refusal of the last attempt
/// and, once Resolve is chosen, the resolve form.
#[component]
pub fn ProblemActions(
    /// The problem as shown.
    problem: Problem,
    /// Its linked incidents that are still open.
    open_incidents: Vec<Incident>,
    /// The page's action runner.
    act: ProblemAct,
) -> impl IntoView {
    let status = problem.status;
    let form = FormState::new("status");
    let reason = RwSignal::new(String::new());
    let resolving = RwSignal::new(false);
    let closing = RwSignal::new(false);
    let close_ref = NodeRef::<leptos::html::Button>::new();
    let why = move || {
        let r = reason.get_untracked();
        (!r.trim().is_empty()).then(|| r.trim().to_owned())
    };
    let buttons = status
        .allowed()
        .iter()
        .map(|&to| {
            let (label, done) = wording(status, to);
            if to == ProblemStatus::Resolved {
                return view! {
                    <button type="button" class="button"
                        aria-expanded=move || resolving.get().to_string() aria-controls="prb-resolve-form"
                        on:click=move |_| resolving.update(|r| *r = !*r)>{label}</button>
                }
                .into_any();
            }
            if to == ProblemStatus::Closed {
                return view! {
                    <button type="button" class="button" disabled=move || form.busy.get() node_ref=close_ref
                        aria-expanded=move || closing.get().to_string()
                        on:click=move |_| closing.set(true)>{label}</button>
                }
                .into_any();
            }
            let primary = to == ProblemStatus::UnderInvestigation;
            let class = if primary { "button button-primary" } else { "button" };
            let click = move |_| {
                let why = why();
                act.run(form, done, move |store, r, seen, by| async move {
                    problem::move_to(&*store, &r, &seen, to, why, &by).await
                })
            };
            view! {
                <button type="button" class=class disabled=move || form.busy.get() on:click=click>{label}</button>
            }
            .into_any()
        })
        .collect_view();
    let resolve_form = move || {
        resolving.get().then(|| {
            view! {
                <ResolveForm problem=problem.clone() open_incidents=open_incidents.clone()
                    act=act reason=reason open=resolving/>
            }
        })
    };
    view! {
        <section class="panel" aria-labelledby="prb-actions-heading">
            <h2 id="prb-actions-heading">"Actions"</h2>
            <div class="action-bar" role="group" aria-label="Problem actions">
                {buttons}
                {(!status.is_terminal()).then(|| view! {
                    <label class="inline-field">
                        "Reason (optional) "
                        <input type="text" maxlength="500" prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))/>
                    </label>
                })}
                {status.is_terminal().then(|| view! {
                    <p class="muted">"This problem is closed: no further status changes."</p>
                })}
            </div>
            <ConfirmStep open=closing back=close_ref busy=form.busy
                message="Close this problem? A closed problem takes no further status changes."
                yes="Yes, close the problem"
                on_yes=Callback::new(move |()| {
                    let why = why();
                    let (_, done) = wording(status, ProblemStatus::Closed);
                    act.run(form, done, move |store, r, seen, by| async move {
                        problem::move_to(&*store, &r, &seen, ProblemStatus::Closed, why, &by).await
                    })
                })/>
            {move || form.error("status").get().map(|m| view! {
                <p class="field-error" id="prb-status-error" role="alert">{m}</p>
            })}
            {resolve_form}
        </section>
    }
}
