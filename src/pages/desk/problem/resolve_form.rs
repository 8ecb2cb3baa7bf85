//! Resolving a problem with its linked incidents in one step: each linked incident
//! still open is offered with a checkbox (checked) and a resolution note prefilled from
//! the fix notes; confirming writes the problem and the checked incidents together, or
//! nothing, saying which incident could not be resolved and why.

use leptos::prelude::*;

use crate::components::form::state::FormState;
use crate::domain::incident::Incident;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::problem::resolve::{default_note, IncidentResolution};
use crate::domain::problem::Problem;
use crate::ops::problem;
use crate::pages::desk::problem::ProblemAct;

/// One offered incident's id, whether it is chosen, and its note.
#[derive(Clone, Copy)]
struct Row {
    id: StoredValue<String>,
    chosen: RwSignal<bool>,
    note: RwSignal<String>,
}

/// The resolve form.
#[component]
pub fn ResolveForm(
    /// The problem as shown (its fix notes prefill the notes).
    problem: Problem,
    /// Its linked incidents still open.
    open_incidents: Vec<Incident>,
    /// The page's action runner.
    act: ProblemAct,
    /// The reason typed in the action bar (optional).
    reason: RwSignal<String>,
    /// Closes the form.
    open: RwSignal<bool>,
) -> impl IntoView {
    let form = FormState::new("resolve");
    let note = default_note(&problem);
    let rows: Vec<(Row, Incident)> = open_incidents
        .into_iter()
        .map(|i| {
            let row = Row {
                id: StoredValue::new(i.id.clone()),
                chosen: RwSignal::new(true),
                note: RwSignal::new(note.clone()),
            };
            (row, i)
        })
        .collect();
    let signals = StoredValue::new(rows.iter().map(|(r, _)| *r).collect::<Vec<Row>>());
    let count = move || signals.with_value(|rows| rows.iter().filter(|r| r.chosen.get()).count());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen: Vec<IncidentResolution> = signals.with_value(|rows| {
            rows.iter()
                .filter(|r| r.chosen.get_untracked())
                .map(|r| IncidentResolution {
                    incident_id: r.id.get_value(),
                    note: r.note.get_untracked(),
                })
                .collect()
        });
        let done = match chosen.len() {
            0 => "Problem resolved.".to_owned(),
            1 => "Problem resolved with 1 incident.".to_owned(),
            n => format!("Problem resolved with {n} incidents."),
        };
        let why = reason.get_untracked();
        let why = (!why.trim().is_empty()).then(|| why.trim().to_owned());
        act.run(form, done, move |store, r, seen, by| async move {
            problem::resolve_with_incidents(&*store, &r, &seen, &chosen, why, &by).await
        });
    };
    let offered = !rows.is_empty();
    let items = rows
        .into_iter()
        .map(|(row, i)| {
            let r = i.reference.as_str().to_owned();
            let check_label = format!("Resolve {r} too");
            let note_id = format!("prb-resolve-note-{r}");
            let note_label = format!("Resolution note for {r}");
            view! {
                <li class="resolve-item">
                    <label class="check">
                        <input type="checkbox" prop:checked=move || row.chosen.get()
                            on:change=move |ev| row.chosen.set(event_target_checked(&ev))/>
                        " " {check_label}
                    </label>
                    <span class="resolve-title">{format!("{} · {}", i.status.label(), i.title)}</span>
                    <div class="field" class:muted=move || !row.chosen.get()>
                        <label for=note_id.clone()>{note_label}</label>
                        <textarea id=note_id rows="2" disabled=move || !row.chosen.get()
                            prop:value=move || row.note.get()
                            on:input=move |ev| row.note.set(event_target_value(&ev))></textarea>
                    </div>
                </li>
            }
        })
        .collect_view();
    let confirm = move || match count() {
        0 => "Resolve problem".to_owned(),
        1 => "Resolve problem and 1 incident".to_owned(),
        n => format!("Resolve problem and {n} incidents"),
    };
    view! {
        <form class="action-form resolve-form" id="prb-resolve-form" aria-labelledby="prb-resolve-heading"
            on:submit=submit novalidate>
            <h3 id="prb-resolve-heading">"Resolve problem"</h3>
            {if offered {
                view! {
                    <p class="hint">"These linked incidents are still open. Checked ones are resolved as “Fixed” in the same step, with their note; if any cannot be, nothing is saved."</p>
                    <ul class="resolve-list" aria-label="Open linked incidents">{items}</ul>
                }.into_any()
            } else {
                view! { <p class="hint">"No linked incident is still open."</p> }.into_any()
            }}
            {move || form.error("resolve").get().map(|m| view! {
                <p class="field-error" id="prb-resolve-error" role="alert">{m}</p>
            })}
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || form.busy.get()>{confirm}</button>
                " "
                <button type="button" class="button" on:click=move |_| open.set(false)>"Discard"</button>
            </div>
        </form>
    }
}
