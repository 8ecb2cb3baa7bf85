//! The incident's status moves: only the legal ones are offered (from the lifecycle),
//! those that need input open a small form (hold reason; resolution code and notes;
//! cancellation or reopening reason), and declaring a major incident.

use leptos::prelude::*;

use super::act::Act;
use crate::components::form::confirm::ConfirmStep;
use crate::components::form::field_error::FieldError;
use crate::components::form::state::FormState;
use crate::domain::incident::{HoldReason, IncidentStatus, ResolutionCode};
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::ops::incident::actions;

/// The status move forms that need input.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Panel {
    Hold,
    Resolve,
    Cancel,
    Reopen,
}

impl Panel {
    fn id(self) -> &'static str {
        match self {
            Panel::Hold => "hold-form",
            Panel::Resolve => "resolve-form",
            Panel::Cancel => "cancel-form",
            Panel::Reopen => "reopen-form",
        }
    }
}

/// The action bar of status moves, and the form of the move being made.
#[component]
pub fn LifecycleActions(
    /// The incident's current status.
    status: IncidentStatus,
    /// True when it is a major incident already.
    major: bool,
    /// The page's action runner.
    act: Act,
) -> impl IntoView {
    use IncidentStatus::*;
    let open = RwSignal::new(None::<Panel>);
    let allowed = status.allowed();
    let can = |s: IncidentStatus| allowed.contains(&s);
    let quick = FormState::new("status");
    let toggle =
        move |p: Panel| move |_| open.update(|o| *o = if *o == Some(p) { None } else { Some(p) });
    let expanded = move |p: Panel| move || (open.get() == Some(p)).to_string();
    let move_to = move |to: IncidentStatus, done: &'static str| {
        move |_| {
            act.run(quick, done, move |store, r, by| async move {
                actions::move_to(&*store, &r, &by, to).await
            })
        }
    };
    let closing = RwSignal::new(false);
    let close_ref = NodeRef::<leptos::html::Button>::new();
    let close = Callback::new(move |()| {
        act.run(quick, "Incident closed.", move |store, r, by| async move {
            actions::move_to(&*store, &r, &by, Closed).await
        })
    });
    let declare = move |_| {
        act.run(
            quick,
            "Declared a major incident.",
            |store, r, by| async move { actions::set_major(&*store, &r, &by, true).await },
        )
    };
    let start_label = if status == OnHold {
        "Resume work"
    } else {
        "Start work"
    };
    let button = |p: Panel, label: &'static str| {
        view! {
            <button type="button" class="button" aria-expanded=expanded(p) aria-controls=p.id()
                on:click=toggle(p)>{label}</button>
        }
    };
    let is_open = matches!(status, New | InProgress | OnHold);
    view! {
        <div class="action-bar" role="group" aria-label="Status actions">
            {(can(InProgress) && status != Resolved).then(|| view! {
                <button type="button" class="button button-primary" disabled=move || quick.busy.get()
                    on:click=move_to(InProgress, "Work started.")>{start_label}</button>
            })}
            {can(OnHold).then(|| button(Panel::Hold, "Put on hold"))}
            {can(Resolved).then(|| button(Panel::Resolve, "Resolve"))}
            {(status == Resolved && can(InProgress)).then(|| button(Panel::Reopen, "Reopen"))}
            {can(Closed).then(|| view! {
                <button type="button" class="button button-primary" disabled=move || quick.busy.get()
                    node_ref=close_ref aria-expanded=move || closing.get().to_string()
                    on:click=move |_| closing.set(true)>"Close incident"</button>
            })}
            {can(Cancelled).then(|| button(Panel::Cancel, "Cancel incident"))}
            {(is_open && !major).then(|| view! {
                <button type="button" class="button button-danger" disabled=move || quick.busy.get()
                    on:click=declare>"Declare major incident"</button>
            })}
            {status.is_terminal().then(|| view! {
                <p class="muted">{format!("This incident is {}: no further status changes.", status.label().to_lowercase())}</p>
            })}
        </div>
        <ConfirmStep open=closing back=close_ref busy=quick.busy on_yes=close
            message="Close this incident? A closed incident cannot be reopened or changed again."
            yes="Yes, close the incident"/>
        {move || {
            let status = quick.error("status").get();
            let major = quick.error("major").get();
            status.or(major).map(|m| view! { <p class="field-error" id="status-error" role="alert">{m}</p> })
        }}
        {move || match open.get() {
            Some(Panel::Hold) => view! { <HoldForm act=act open=open/> }.into_any(),
            Some(Panel::Resolve) => view! { <ResolveForm act=act open=open/> }.into_any(),
            Some(Panel::Cancel) => view! { <ReasonForm act=act open=open panel=Panel::Cancel/> }.into_any(),
            Some(Panel::Reopen) => view! { <ReasonForm act=act open=open panel=Panel::Reopen/> }.into_any(),
            None => ().into_any(),
        }}
    }
}

/// The form's "Discard" button: closes it without doing anything.
fn discard(open: RwSignal<Option<Panel>>) -> impl IntoView {
    view! { <button type="button" class="button" on:click=move |_| open.set(None)>"Discard"</button> }
}

/// Put on hold: the reason is required (it pauses the resolution clock).
#[component]
fn HoldForm(act: Act, open: RwSignal<Option<Panel>>) -> impl IntoView {
    let form = FormState::new("hold_reason");
    let reason = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = reason.get_untracked().parse::<usize>().ok();
        let Some(why) = chosen.and_then(|k| HoldReason::ALL.get(k).copied()) else {
            form.refuse("hold_reason", "Choose what the incident is waiting for.");
            return;
        };
        act.run(
            form,
            format!("On hold: {}.", why.label().to_lowercase()),
            move |store, r, by| async move { actions::hold(&*store, &r, &by, why).await },
        );
    };
    view! {
        <form class="action-form" id=Panel::Hold.id() aria-labelledby="hold-heading" on:submit=submit novalidate>
            <h3 id="hold-heading">"Put on hold"</h3>
            <p class="hint">"The resolution clock pauses while the incident waits."</p>
            <div class="field">
                <label for="hold-reason">"Hold reason"</label>
                <select id="hold-reason" aria-invalid=form.invalid("hold_reason") aria-describedby="hold-reason-error"
                    on:change=move |ev| reason.set(event_target_value(&ev))>
                    <option value="">"Choose a reason…"</option>
                    {HoldReason::ALL.iter().enumerate().map(|(k, r)| view! {
                        <option value=k.to_string()>{r.label()}</option>
                    }).collect_view()}
                </select>
                <FieldError id="hold-reason-error" message=form.error("hold_reason")/>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || form.busy.get()>"Hold incident"</button>
                " " {discard(open)}
            </div>
        </form>
    }
}

/// Resolve: a resolution code and notes; the domain refuses empty notes, and its
/// message is shown at the notes.
#[component]
fn ResolveForm(act: Act, open: RwSignal<Option<Panel>>) -> impl IntoView {
    let form = FormState::new("resolution_notes");
    let code = RwSignal::new(ResolutionCode::Fixed.key().to_owned());
    let notes = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (code, notes) = (code.get_untracked(), notes.get_untracked());
        act.run(form, "Incident resolved.", move |store, r, by| async move {
            actions::resolve(&*store, &r, &by, Some(code), &notes).await
        });
    };
    view! {
        <form class="action-form" id=Panel::Resolve.id() aria-labelledby="resolve-heading" on:submit=submit novalidate>
            <h3 id="resolve-heading">"Resolve incident"</h3>
            <div class="field">
                <label for="resolution-code">"Resolution code"</label>
                <select id="resolution-code" prop:value=move || code.get()
                    on:change=move |ev| code.set(event_target_value(&ev))>
                    {ResolutionCode::ALL.iter().map(|c| view! {
                        <option value=c.key()>{c.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="resolution-notes">"Resolution notes"</label>
                <textarea id="resolution-notes" rows="4" required
                    aria-invalid=form.invalid("resolution_notes") aria-describedby="resolution-notes-error"
                    prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                <FieldError id="resolution-notes-error" message=form.error("resolution_notes")/>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || form.busy.get()>"Mark resolved"</button>
                " " {discard(open)}
            </div>
        </form>
    }
}

/// Cancel or reopen: both need a reason, which the timeline shows.
#[component]
fn ReasonForm(act: Act, open: RwSignal<Option<Panel>>, panel: Panel) -> impl IntoView {
    let form = FormState::new("reason");
    let reason = RwSignal::new(String::new());
    let (heading, label, submit_label) = match panel {
        Panel::Cancel => (
            "Cancel incident",
            "Cancellation reason",
            "Confirm cancellation",
        ),
        _ => ("Reopen incident", "Reason for reopening", "Reopen incident"),
    };
    let submit =
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let why = reason.get_untracked();
            if panel == Panel::Cancel {
                act.run(form, "Incident cancelled.", move |store, r, by| async move {
                actions::cancel(&*store, &r, &by, &why).await
            });
            } else {
                act.run(form, "Incident reopened.", move |store, r, by| async move {
                    actions::reopen(&*store, &r, &by, &why).await
                });
            }
        };
    view! {
        <form class="action-form" id=panel.id() aria-labelledby="reason-heading" on:submit=submit novalidate>
            <h3 id="reason-heading">{heading}</h3>
            <div class="field">
                <label for="status-reason">{label}</label>
                <textarea id="status-reason" rows="3" required
                    aria-invalid=form.invalid("reason") aria-describedby="status-reason-error"
                    prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                <FieldError id="status-reason-error" message=form.error("reason")/>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || form.busy.get()>{submit_label}</button>
                " " {discard(open)}
            </div>
        </form>
    }
}
