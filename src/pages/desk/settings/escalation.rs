//! The escalation procedures section: for every service, its levels (name, group or
//! contact, due after a time) to edit, add, remove and reorder, saved with the
//! procedure's own checks; services without one offer "Add escalation procedure".

use leptos::prelude::*;

use super::levels::{control_id, LevelRowView, LevelSignals, RowAction};
use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::config::escalation::EscalationProcedure;
use crate::domain::config::settings_form::{
    level_rows, move_level, procedure_from_rows, procedure_id, LevelRow,
};
use crate::domain::config::{Group, Service};
use crate::domain::couch::revision::Rev;
use crate::ops::settings::save_procedure;

/// Every service with its escalation procedure.
#[component]
pub fn EscalationSection(
    /// Services, by name.
    services: Vec<Service>,
    /// Groups a level can escalate to.
    groups: Vec<Group>,
    /// Stored procedures with the revision they were read at.
    procedures: Vec<(EscalationProcedure, Rev)>,
) -> impl IntoView {
    let editors = services
        .into_iter()
        .map(|service| {
            let existing = procedures
                .iter()
                .find(|(p, _)| p.service == service.id)
                .cloned();
            view! { <ProcedureEditor service=service groups=groups.clone() existing=existing/> }
        })
        .collect_view();
    view! {
        <section class="settings-section" aria-labelledby="escalation-heading">
            <h2 id="escalation-heading">"Escalation procedures"</h2>
            <p class="hint">
                "Per service: who an incident goes to at each level, and how long after it was opened that level is due."
            </p>
            {editors}
        </section>
    }
}

/// A safe element-id prefix for a service (`esc-<uuid>`).
fn prefix_for(service_id: &str) -> String {
    let tail = service_id.split_once(':').map_or(service_id, |(_, s)| s);
    let clean: String = tail
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("esc-{clean}")
}

/// Focuses the element with `id` once the DOM has caught up (after a move or an add).
fn focus_later(id: String) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let el = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    });
}

/// One service's procedure: its levels as an editable table, or an offer to add one.
#[component]
fn ProcedureEditor(
    /// The service.
    service: Service,
    /// Groups a level can escalate to.
    groups: Vec<Group>,
    /// The stored procedure and its revision, if the service has one.
    existing: Option<(EscalationProcedure, Rev)>,
) -> impl IntoView {
    let prefix = prefix_for(&service.id);
    let heading_id = format!("{prefix}-heading");
    let errors_id = format!("{prefix}-errors");
    let doc_id = existing
        .as_ref()
        .map_or_else(|| procedure_id(&service.id), |(p, _)| p.id.clone());
    let start: Vec<LevelRow> = existing
        .as_ref()
        .map(|(p, _)| level_rows(p))
        .unwrap_or_default();
    let shown = RwSignal::new(existing.is_some());
    let rev = RwSignal::new(existing.map(|(_, r)| r));
    let next_key = StoredValue::new(start.len() as u64);
    let rows = RwSignal::new(
        start
            .iter()
            .enumerate()
            .map(|(k, r)| LevelSignals::new(k as u64, r))
            .collect::<Vec<_>>(),
    );
    let form = FormState::new("procedure");
    // The procedure's messages as one list (they concern levels, not one control);
    // a refusal of the whole save shows on the refusal line instead.
    let messages = move || {
        form.errors.with(|e| {
            e.iter()
                .flat_map(|e| e.0.iter())
                .filter(|e| e.field != form.refusal_field)
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
        })
    };
    let service_name = service.name.clone();

    let add_level = {
        let prefix = prefix.clone();
        move || {
            let current: Vec<LevelRow> =
                rows.with_untracked(|v| v.iter().map(|r| r.read()).collect());
            let key = next_key.get_value();
            next_key.set_value(key + 1);
            rows.update(|v| v.push(LevelSignals::new(key, &LevelRow::next_after(&current))));
            focus_later(control_id(&prefix, key, "name"));
        }
    };
    let add_procedure = {
        let add_level = add_level.clone();
        move |_| {
            shown.set(true);
            add_level();
        }
    };
    let on_action = {
        let prefix = prefix.clone();
        Callback::new(move |(key, action): (u64, RowAction)| {
            let Some(k) = rows.with_untracked(|v| v.iter().position(|r| r.key == key)) else {
                return;
            };
            let len = rows.with_untracked(Vec::len);
            match action {
                RowAction::Up | RowAction::Down => {
                    let up = action == RowAction::Up;
                    rows.update(|v| move_level(v, k, up));
                    // Keep focus on the moved level; at an end, on the button still usable.
                    let at_end = (up && k == 1) || (!up && k + 2 == len);
                    let part = match (up, at_end) {
                        (true, false) | (false, true) => "up",
                        _ => "down",
                    };
                    focus_later(control_id(&prefix, key, part));
                }
                RowAction::Remove => {
                    rows.update(|v| {
                        v.remove(k);
                    });
                }
            }
        })
    };
    let service_id = service.id.clone();
    let done_name = service_name.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form_rows: Vec<LevelRow> =
            rows.with_untracked(|v| v.iter().map(|r| r.read()).collect());
        let now = crate::ops::clock::now();
        let procedure = match procedure_from_rows(&doc_id, &service_id, &form_rows, now) {
            Ok(p) => p,
            Err(e) => {
                form.errors.set(Some(e));
                return;
            }
        };
        let parent = rev.get_untracked();
        form.run(
            format!("Escalation procedure for {done_name} saved."),
            move |store| async move { save_procedure(&*store, &procedure, parent).await },
            move |new_rev| rev.set(Some(new_rev)),
        );
    };

    let for_service = format!(" for {service_name}");
    let groups = StoredValue::new(groups);
    let row_prefix = prefix.clone();
    let count = Signal::derive(move || rows.with(Vec::len));
    let editor = move || {
        let row_prefix = row_prefix.clone();
        view! {
            <table class="grid levels-grid">
                <caption class="visually-hidden">{format!("Escalation levels for {service_name}")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Level"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Group"</th>
                        <th scope="col">"Contact"</th>
                        <th scope="col">"Due after"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|r| r.key let:row>
                        <LevelRowView
                            row=row
                            prefix=row_prefix.clone()
                            groups=groups.get_value()
                            position=Signal::derive(move || {
                                rows.with(|v| v.iter().position(|r| r.key == row.key).unwrap_or(0))
                            })
                            count=count
                            on_action=on_action
                        />
                    </For>
                </tbody>
            </table>
        }
    };
    let add_level_click = move |_| add_level();
    let labelled_by = heading_id.clone();
    view! {
        <section class="procedure" aria-labelledby=labelled_by>
            <h3 id=heading_id>{service.name.clone()}</h3>
            <Show
                when=move || shown.get()
                fallback={
                    let for_service = for_service.clone();
                    let add_procedure = add_procedure.clone();
                    move || view! {
                        <p class="empty">"No escalation procedure yet."</p>
                        <button class="button" type="button" on:click=add_procedure.clone()>
                            "Add escalation procedure"
                            <span class="visually-hidden">{for_service.clone()}</span>
                        </button>
                    }
                }
            >
                <form class="settings-form" on:submit=submit.clone() novalidate aria-describedby=errors_id.clone()>
                    {editor.clone()}
                    <ul class="field-error level-errors" id=errors_id.clone() aria-live="polite">
                        {move || messages().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                    <RefusalLine form=form/>
                    <div class="form-actions">
                        <button class="button" type="button" on:click=add_level_click.clone()>
                            "Add level"<span class="visually-hidden">{for_service.clone()}</span>
                        </button>
                        " "
                        <button class="button button-primary" type="submit" disabled=move || form.busy.get()>
                            "Save escalation procedure"<span class="visually-hidden">{for_service.clone()}</span>
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
