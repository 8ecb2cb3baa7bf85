//! The release's lifecycle moves. Deploying goes through the readiness gate and
//! accepting into operation through the exit criteria: when they do not hold, the page
//! says what is missing, the move is refused naming the policy, and an explicit
//! override with a reason is offered (recorded in the history).

use leptos::prelude::*;

use crate::components::form::confirm::ConfirmStep;
use crate::components::form::state::FormState;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::release::exit_criteria::unmet;
use crate::domain::release::ReleaseStatus;
use crate::ops::clock;
use crate::ops::release;
use crate::pages::desk::release::ReleaseCtx;
use crate::state::db::Db;
use crate::state::identity::Identity;

/// The words of a move's button.
fn verb(to: ReleaseStatus) -> &'static str {
    match to {
        ReleaseStatus::Planned => "Plan",
        ReleaseStatus::InTesting => "Start testing",
        ReleaseStatus::Deployed => "Mark deployed",
        ReleaseStatus::EarlyLifeSupport => "Start early life support",
        ReleaseStatus::Accepted => "Accept into operation",
    }
}

/// The lifecycle panel.
#[component]
pub fn ReleaseLifecycle(ctx: ReleaseCtx) -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let form = FormState::new("release-move");
    let reason = RwSignal::new(String::new());
    let release = ctx.release.clone();
    let now = clock::now();
    let blockers_for = |to: ReleaseStatus| match to {
        ReleaseStatus::Deployed => ctx.facts.readiness_missing(&release),
        ReleaseStatus::Accepted => unmet(&ctx.facts.verdicts(&release, now)),
        _ => Vec::new(),
    };
    let reference = release.reference.as_str().to_owned();
    let moves: Vec<(ReleaseStatus, Vec<String>)> = release
        .status
        .allowed()
        .iter()
        .map(|&to| (to, blockers_for(to)))
        .collect();
    let gated = moves.iter().find(|(_, b)| !b.is_empty()).cloned();
    let go = {
        let (reference, rev) = (reference.clone(), ctx.rev.clone());
        move |to: ReleaseStatus, with_override: bool| {
            let why = reason.get_untracked();
            if with_override && why.trim().is_empty() {
                form.refuse_action("Give the reason for overriding the policy.");
                return;
            }
            let (reference, rev, by) = (reference.clone(), rev.clone(), who.author());
            let revision = db.revision.get_untracked();
            let queue = db.queue();
            form.run(
                format!("Release moved to {}.", to.label()),
                move |store| async move {
                    let why = with_override.then_some(why);
                    release::move_to(
                        &*store,
                        (&queue, revision),
                        &reference,
                        &rev,
                        to,
                        why.as_deref(),
                        &by,
                    )
                    .await
                },
                |_| {},
            );
        }
    };
    // Accepting into operation ends the release's life here: it asks first.
    let accepting = RwSignal::new(false);
    let accept_override = RwSignal::new(false);
    let accept = {
        let go = go.clone();
        Callback::new(move |()| go(ReleaseStatus::Accepted, accept_override.get_untracked()))
    };
    let accept_blocked = moves
        .iter()
        .any(|(to, b)| *to == ReleaseStatus::Accepted && !b.is_empty());
    let ask_or_go = {
        let go = go.clone();
        move |to: ReleaseStatus, with_override: bool| {
            let no_reason = with_override && reason.get_untracked().trim().is_empty();
            // Unmet criteria without an override: the refusal explains, nothing to ask.
            let refused = accept_blocked && !with_override;
            if to == ReleaseStatus::Accepted && !no_reason && !refused {
                accept_override.set(with_override);
                accepting.set(true);
            } else {
                go(to, with_override);
            }
        }
    };
    let buttons = moves
        .iter()
        .map(|(to, _)| {
            let (to, go) = (*to, ask_or_go.clone());
            view! {
                <button type="button" class="button" disabled=move || form.busy.get() on:click=move |_| go(to, false)>
                    {verb(to)}
                </button>
            }
        })
        .collect_view();
    let gate_view = gated.map(|(to, blockers)| {
        let go = ask_or_go.clone();
        let heading = match to {
            ReleaseStatus::Deployed => "Not ready to deploy",
            _ => "Exit criteria not met",
        };
        let label = format!("{} anyway", verb(to));
        view! {
            <div class="gate" role="region" aria-label=heading>
                <h3>{heading}</h3>
                <ul>{blockers.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul>
                <div class="field">
                    <label for="rel-override">"Reason for overriding the policy"</label>
                    <textarea id="rel-override" rows="2" prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                </div>
                <button type="button" class="button danger" disabled=move || form.busy.get()
                    on:click=move |_| go(to, true)>{label}</button>
            </div>
        }
    });
    let terminal = moves.is_empty();
    view! {
        <section aria-labelledby="rel-lifecycle">
            <h2 id="rel-lifecycle">"Lifecycle"</h2>
            {terminal.then(|| view! { <p class="muted">"Accepted into operation: the release's life here is complete."</p> })}
            <div class="actions">{buttons}</div>
            <ConfirmStep open=accepting busy=form.busy on_yes=accept yes="Yes, accept into operation"
                message="Accept this release into operation? Early life support ends and the release takes no further lifecycle moves."/>
            {move || form.error("release-move").get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            {gate_view}
        </section>
    }
}
