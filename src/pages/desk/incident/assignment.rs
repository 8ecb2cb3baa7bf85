//! Who works on the incident: assignment (group, then a member of it) and the two
//! audited escalations, functional (to another group) and hierarchical (to a manager).

use leptos::prelude::*;

use super::act::Act;
use crate::components::form::field_error::FieldError;
use crate::components::form::state::FormState;
use crate::domain::config::{Group, Person};
use crate::ops::directory::Directory;
use crate::ops::incident::actions;

fn none_if_empty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Group and assignee pickers with an "Assign" button.
#[component]
pub fn AssignmentPanel(
    /// Current assignment group id.
    group: Option<String>,
    /// Current assignee id.
    assignee: Option<String>,
    /// Groups and people.
    directory: Directory,
    /// The page's action runner.
    act: Act,
) -> impl IntoView {
    let form = FormState::new("assignment");
    let group = RwSignal::new(group.unwrap_or_default());
    let assignee = RwSignal::new(assignee.unwrap_or_default());
    let people = StoredValue::new(directory.people.clone());
    let members = move || {
        let g = group.get();
        people.with_value(|all| {
            all.iter()
                .filter(|p| g.is_empty() || p.groups.contains(&g))
                .cloned()
                .collect::<Vec<Person>>()
        })
    };
    let on_group = move |ev: leptos::ev::Event| {
        let g = event_target_value(&ev);
        // An assignee who is not in the new group is dropped, never kept silently.
        let keep = people.with_value(|all| {
            all.iter().any(|p| {
                p.id == assignee.get_untracked() && (g.is_empty() || p.groups.contains(&g))
            })
        });
        if !keep {
            assignee.set(String::new());
        }
        group.set(g);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (g, a) = (group.get_untracked(), assignee.get_untracked());
        act.run(form, "Assignment saved.", move |store, r, by| async move {
            actions::assign(&*store, &r, &by, none_if_empty(g), none_if_empty(a)).await
        });
    };
    view! {
        <form class="side-form" aria-labelledby="assign-heading" on:submit=submit novalidate>
            <h3 id="assign-heading">"Assignment"</h3>
            <div class="field">
                <label for="assign-group">"Assignment group"</label>
                <select id="assign-group" prop:value=move || group.get() on:change=on_group>
                    <option value="">"— no group —"</option>
                    {group_options(&directory.groups)}
                </select>
            </div>
            <div class="field">
                <label for="assign-person">"Assignee"</label>
                <select id="assign-person" prop:value=move || { let _ = members(); assignee.get() }
                    on:change=move |ev| assignee.set(event_target_value(&ev))>
                    <option value="">"— unassigned —"</option>
                    {move || members().into_iter().map(|p| view! {
                        <option value=p.id.clone()>{p.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <FieldError id="assignment-error" message=form.error("assignment")/>
            <button type="submit" class="button" disabled=move || form.busy.get()>"Assign"</button>
        </form>
    }
}

fn group_options(groups: &[Group]) -> impl IntoView {
    groups
        .iter()
        .map(|g| view! { <option value=g.id.clone()>{g.name.clone()}</option> })
        .collect_view()
}

/// Which escalation form is open.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Kind {
    Functional,
    Hierarchical,
}

/// The two escalations, each behind its own button.
#[component]
pub fn EscalationPanel(
    /// The current assignment group (not offered as a target).
    current_group: Option<String>,
    /// Groups and people.
    directory: Directory,
    /// The page's action runner.
    act: Act,
) -> impl IntoView {
    let open = RwSignal::new(None::<Kind>);
    let toggle =
        move |k: Kind| move |_| open.update(|o| *o = if *o == Some(k) { None } else { Some(k) });
    let expanded = move |k: Kind| move || (open.get() == Some(k)).to_string();
    let groups: Vec<Group> = directory
        .groups
        .iter()
        .filter(|g| Some(&g.id) != current_group.as_ref())
        .cloned()
        .collect();
    let groups = StoredValue::new(groups);
    let people = StoredValue::new(directory.people.clone());
    view! {
        <section class="side-form" aria-labelledby="escalate-heading">
            <h3 id="escalate-heading">"Escalate"</h3>
            <div class="action-bar">
                <button type="button" class="button" aria-expanded=expanded(Kind::Functional)
                    aria-controls="escalate-form" on:click=toggle(Kind::Functional)>"Functional escalation"</button>
                <button type="button" class="button" aria-expanded=expanded(Kind::Hierarchical)
                    aria-controls="escalate-form" on:click=toggle(Kind::Hierarchical)>"Hierarchical escalation"</button>
            </div>
            {move || open.get().map(|kind| view! {
                <EscalationForm kind=kind groups=groups.get_value() people=people.get_value() act=act open=open/>
            })}
        </section>
    }
}

/// One escalation: the target (group or manager) and the reason.
#[component]
fn EscalationForm(
    kind: Kind,
    groups: Vec<Group>,
    people: Vec<Person>,
    act: Act,
    open: RwSignal<Option<Kind>>,
) -> impl IntoView {
    let (target_field, heading, label, submit_label, hint) = match kind {
        Kind::Functional => (
            "group",
            "Functional escalation",
            "Escalate to group",
            "Escalate to group",
            "Reassigns the incident to another team or tier; its queue picks it up.",
        ),
        Kind::Hierarchical => (
            "manager",
            "Hierarchical escalation",
            "Manager",
            "Escalate to manager",
            "Raises the incident to a manager; the assignment stays as it is.",
        ),
    };
    let form = FormState::new("escalation");
    let target = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let options = match kind {
        Kind::Functional => groups
            .into_iter()
            .map(|g| (g.id, g.name))
            .collect::<Vec<_>>(),
        Kind::Hierarchical => people.into_iter().map(|p| (p.id, p.name)).collect(),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (to, why) = (target.get_untracked(), reason.get_untracked());
        match kind {
            Kind::Functional => act.run(
                form,
                "Escalated to another group.",
                move |store, r, by| async move {
                    actions::escalate_functional(&*store, &r, &by, &to, &why).await
                },
            ),
            Kind::Hierarchical => act.run(
                form,
                "Escalated to a manager.",
                move |store, r, by| async move {
                    actions::escalate_hierarchical(&*store, &r, &by, &to, &why).await
                },
            ),
        }
    };
    view! {
        <form class="action-form" id="escalate-form" aria-labelledby="escalate-form-heading" on:submit=submit novalidate>
            <h4 id="escalate-form-heading">{heading}</h4>
            <p class="hint">{hint}</p>
            <div class="field">
                <label for="escalate-target">{label}</label>
                <select id="escalate-target" aria-invalid=form.invalid(target_field) aria-describedby="escalate-target-error"
                    on:change=move |ev| target.set(event_target_value(&ev))>
                    <option value="">"Choose…"</option>
                    {options.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
                <FieldError id="escalate-target-error" message=form.error(target_field)/>
            </div>
            <div class="field">
                <label for="escalate-reason">"Reason for escalation"</label>
                <textarea id="escalate-reason" rows="3" required aria-invalid=form.invalid("reason")
                    aria-describedby="escalate-reason-error"
                    prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                <FieldError id="escalate-reason-error" message=form.error("reason")/>
            </div>
            <FieldError id="escalation-error" message=form.error("escalation")/>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || form.busy.get()>{submit_label}</button>
                " " <button type="button" class="button" on:click=move |_| open.set(None)>"Discard"</button>
            </div>
        </form>
    }
}
