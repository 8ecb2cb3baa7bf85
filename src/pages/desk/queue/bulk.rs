//! Bulk actions on the selected incidents: assign, change status (only moves legal
//! for every selected incident, with what the move needs), create a problem. They run
//! through one form state: busy while one saves, a refusal of the whole selection on
//! the bar's refusal line.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::form::confirm::ConfirmStep;
use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::incident::bulk::BulkAction;
use crate::domain::incident::kinds::ResolutionCode;
use crate::domain::incident::query::bulk_allowed;
use crate::domain::incident::{HoldReason, IncidentStatus};
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::validation::ValidationErrors;
use crate::domain::problem::Problem;
use crate::ops::clock;
use crate::ops::directory::Directory;
use crate::ops::error::AppError;
use crate::ops::incident::bulk;
use crate::ops::problem;
use crate::ops::records::enum_key;
use crate::routes::AppRoute;
use crate::state::identity::Identity;

use super::QueueCtx;

/// The bar's refusal field: a refusal of the whole selection shows there.
const REFUSAL: &str = "bulk";

/// The bar has no field of its own for the messages of a problem made from the
/// selection (such as an incident already linked to a problem): they show on its
/// refusal line, so none is lost.
fn at_refusal(e: AppError) -> AppError {
    match e {
        AppError::Validation(v) => {
            let messages: Vec<&str> = v.0.iter().map(|f| f.message.as_str()).collect();
            let mut one = ValidationErrors::new();
            one.push(REFUSAL, messages.join(" "));
            AppError::Validation(one)
        }
        e => e,
    }
}

/// What a move to `to` asks for besides the status, given the selected statuses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Needs {
    Nothing,
    HoldReason,
    Resolution,
    Reason,
}

fn needs(to: Option<IncidentStatus>, from: &[IncidentStatus]) -> Needs {
    match to {
        Some(IncidentStatus::OnHold) => Needs::HoldReason,
        Some(IncidentStatus::Resolved) => Needs::Resolution,
        Some(IncidentStatus::Cancelled) => Needs::Reason,
        Some(IncidentStatus::InProgress) if from.contains(&IncidentStatus::Resolved) => {
            Needs::Reason
        }
        _ => Needs::Nothing,
    }
}

/// The bulk bar, shown while something is selected.
#[component]
pub fn BulkBar(
    /// Groups and people for the assignment pickers.
    dir: Directory,
) -> impl IntoView {
    let ctx = expect_context::<QueueCtx>();
    let who = Identity::expect();
    let form = FormState::new(REFUSAL);
    let busy = form.busy;
    let navigate = use_navigate();
    let group = RwSignal::new(String::new());
    let assignee = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let hold = RwSignal::new(String::new());
    let code = RwSignal::new(ResolutionCode::Fixed.key().to_owned());
    let text = RwSignal::new(String::new());
    let statuses = move || {
        ctx.selected
            .with(|s| s.iter().map(|(_, st)| *st).collect::<Vec<_>>())
    };
    let allowed = move || bulk_allowed(&statuses());
    let target = move || {
        let v = to.get();
        allowed().into_iter().find(|s| enum_key(s) == v)
    };
    let need = move || needs(target(), &statuses());

    let run = move |action: BulkAction, done: &'static str| {
        let ids: Vec<String> = ctx
            .selected
            .with_untracked(|s| s.iter().map(|(i, _)| i.clone()).collect());
        let by = who.author();
        form.run_with(
            move |n: &usize| format!("{n} incidents {done}."),
            move |store| async move {
                bulk::apply_to(&*store, &ids, &action, clock::now(), &by).await
            },
            move |_| {
                text.try_set(String::new());
                ctx.selected.try_set(Vec::new());
            },
        );
    };
    let assign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let nonempty = |s: String| (!s.is_empty()).then_some(s);
        run(
            BulkAction::Assign {
                group: nonempty(group.get_untracked()),
                assignee: nonempty(assignee.get_untracked()),
            },
            "assigned",
        );
    };
    let asking = RwSignal::new(false);
    let apply_ref = NodeRef::<leptos::html::Button>::new();
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if target().is_none() {
            form.refuse_action("Choose a status that every selected incident can move to.");
            return;
        }
        form.clear();
        asking.set(true);
    };
    let question = move || {
        let n = ctx.selected.with(Vec::len);
        let label = target()
            .map(|s| s.label().to_lowercase())
            .unwrap_or_default();
        let noun = if n == 1 { "incident" } else { "incidents" };
        format!("Move {n} selected {noun} to {label}? Each one's history records the change; it is not undone in one step.")
    };
    let change = move |()| {
        let Some(to) = target() else {
            form.refuse_action("Choose a status that every selected incident can move to.");
            return;
        };
        let hold = HoldReason::ALL
            .into_iter()
            .find(|h| enum_key(h) == hold.get_untracked());
        run(
            BulkAction::Status {
                to,
                hold,
                code: Some(code.get_untracked()),
                text: text.get_untracked(),
            },
            "updated",
        );
    };
    let create_problem = move |_| {
        let ids: Vec<String> = ctx
            .selected
            .with_untracked(|s| s.iter().map(|(i, _)| i.clone()).collect());
        let by = who.author();
        let navigate = navigate.clone();
        form.run_with(
            |problem: &Problem| format!("Problem {} created.", problem.reference),
            move |store| async move {
                problem::create_from_incidents(&*store, &ids, &by)
                    .await
                    .map_err(at_refusal)
            },
            move |problem| {
                ctx.selected.try_set(Vec::new());
                navigate(
                    &AppRoute::Problem(problem.reference.as_str().to_owned()).href(),
                    Default::default(),
                );
            },
        );
    };
    let groups = dir.groups.clone();
    let people = dir.clone();
    view! {
        <section class="bulk-bar" aria-labelledby="bulk-heading">
            <h2 id="bulk-heading">{move || format!("{} selected", ctx.selected.try_with(Vec::len).unwrap_or(0))}</h2>
            <form class="bulk-form" on:submit=assign aria-label="Assign selected incidents">
                <div class="field">
                    <label for="bulk-group">"Assignment group"</label>
                    <select id="bulk-group" prop:value=group on:change=move |ev| { group.set(event_target_value(&ev)); assignee.set(String::new()); }>
                        <option value="">"No group"</option>
                        {groups.into_iter().map(|g| view! { <option value=g.id.clone()>{g.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="bulk-assignee">"Assignee"</label>
                    <select id="bulk-assignee" prop:value=assignee on:change=move |ev| assignee.set(event_target_value(&ev))>
                        <option value="">"Nobody"</option>
                        {move || {
                            let g = group.get();
                            people.members((!g.is_empty()).then_some(g.as_str())).into_iter()
                                .map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <button type="submit" id="bulk-assign" class="button button-primary" disabled=move || busy.get()>"Assign selected"</button>
            </form>
            <form class="bulk-form" on:submit=ask aria-label="Change status of selected incidents">
                <div class="field">
                    <label for="bulk-status">"Change status to"</label>
                    <select id="bulk-status" prop:value=to on:change=move |ev| to.set(event_target_value(&ev))>
                        <option value="">{move || if allowed().is_empty() { "No move is allowed for all" } else { "Choose…" }}</option>
                        {move || allowed().into_iter().map(|s| view! { <option value=enum_key(&s)>{s.label()}</option> }).collect_view()}
                    </select>
                </div>
                <Show when=move || need() == Needs::HoldReason>
                    <div class="field">
                        <label for="bulk-hold">"Hold reason"</label>
                        <select id="bulk-hold" prop:value=hold on:change=move |ev| hold.set(event_target_value(&ev))>
                            <option value="">"Choose…"</option>
                            {HoldReason::ALL.iter().map(|h| view! { <option value=enum_key(h)>{h.label()}</option> }).collect_view()}
                        </select>
                    </div>
                </Show>
                <Show when=move || need() == Needs::Resolution>
                    <div class="field">
                        <label for="bulk-code">"Resolution code"</label>
                        <select id="bulk-code" prop:value=code on:change=move |ev| code.set(event_target_value(&ev))>
                            {ResolutionCode::ALL.iter().map(|c| view! { <option value=c.key()>{c.label()}</option> }).collect_view()}
                        </select>
                    </div>
                </Show>
                <Show when=move || matches!(need(), Needs::Resolution | Needs::Reason)>
                    <div class="field grow">
                        <label for="bulk-text">{move || if need() == Needs::Resolution { "Resolution notes" } else { "Reason" }}</label>
                        <input id="bulk-text" type="text" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
                    </div>
                </Show>
                <button type="submit" class="button" disabled=move || busy.get() node_ref=apply_ref>"Apply status"</button>
            </form>
            <ConfirmStep open=asking back=apply_ref busy=busy on_yes=Callback::new(change)
                message=Signal::derive(question) yes="Yes, change the status"/>
            <div class="bulk-more">
                <button type="button" class="button" disabled=move || busy.get() on:click=create_problem>"Create problem from selected"</button>
                <button type="button" class="button button-quiet" on:click=move |_| ctx.selected.set(Vec::new())>"Clear selection"</button>
            </div>
            <RefusalLine form=form/>
        </section>
    }
}
