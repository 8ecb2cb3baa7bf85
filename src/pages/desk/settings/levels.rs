//! One row of an escalation procedure editor: the level's name, group, contact and
//! time threshold, with buttons to move it up or down and to remove it.

use leptos::prelude::*;

use super::duration_field::DurationField;
use crate::domain::config::settings_form::LevelRow;
use crate::domain::config::Group;
use crate::domain::kernel::duration_input::{DurationInput, DurationUnit};

/// The form signals of one level; `key` stays with the level when it moves.
#[derive(Clone, Copy)]
pub struct LevelSignals {
    /// Stable key for the keyed list (not the position).
    pub key: u64,
    name: RwSignal<String>,
    group: RwSignal<String>,
    contact: RwSignal<String>,
    amount: RwSignal<String>,
    unit: RwSignal<DurationUnit>,
}

impl LevelSignals {
    /// Signals holding `row`, under `key`.
    pub fn new(key: u64, row: &LevelRow) -> LevelSignals {
        LevelSignals {
            key,
            name: RwSignal::new(row.name.clone()),
            group: RwSignal::new(row.group.clone()),
            contact: RwSignal::new(row.contact.clone()),
            amount: RwSignal::new(row.after.amount.clone()),
            unit: RwSignal::new(row.after.unit),
        }
    }

    /// The row as typed now.
    pub fn read(&self) -> LevelRow {
        LevelRow {
            name: self.name.get_untracked(),
            group: self.group.get_untracked(),
            contact: self.contact.get_untracked(),
            after: DurationInput {
                amount: self.amount.get_untracked(),
                unit: self.unit.get_untracked(),
            },
        }
    }
}

/// What a row's buttons ask the editor to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    /// Swap with the level above.
    Up,
    /// Swap with the level below.
    Down,
    /// Remove the level.
    Remove,
}

/// Element id of a row control: `<prefix>-<key>-<part>`.
pub fn control_id(prefix: &str, key: u64, part: &str) -> String {
    format!("{prefix}-{key}-{part}")
}

/// One level as a table row. `position` is its 0-based place (reactive), `count` the
/// number of levels; `on_action` gets the row's key and the button pressed.
#[component]
pub fn LevelRowView(
    /// The level's signals.
    row: LevelSignals,
    /// Prefix of element ids, unique per service.
    prefix: String,
    /// Groups to choose from.
    groups: Vec<Group>,
    /// Where the row is now, 0-based.
    #[prop(into)]
    position: Signal<usize>,
    /// How many levels there are.
    #[prop(into)]
    count: Signal<usize>,
    /// Called with the row's key and the action.
    on_action: Callback<(u64, RowAction)>,
) -> impl IntoView {
    let n = move || position.get() + 1;
    let id = |part: &str| control_id(&prefix, row.key, part);
    let (name_id, group_id, contact_id) = (id("name"), id("group"), id("contact"));
    let is_first = move || position.get() == 0;
    let is_last = move || position.get() + 1 >= count.get();
    let group_options = groups
        .into_iter()
        .map(|g| {
            let value = g.id.clone();
            view! {
                <option value=g.id.clone() selected=move || row.group.with(|s| *s == value)>
                    {g.name.clone()}
                </option>
            }
        })
        .collect_view();
    view! {
        <tr>
            <th scope="row" class="level-number">{n}</th>
            <td>
                <label class="visually-hidden" for=name_id.clone()>{move || format!("Level {} name", n())}</label>
                <input
                    id=name_id
                    type="text"
                    maxlength="200"
                    prop:value=move || row.name.get()
                    on:input=move |ev| row.name.set(event_target_value(&ev))
                />
            </td>
            <td>
                <label class="visually-hidden" for=group_id.clone()>{move || format!("Level {} group", n())}</label>
                <select
                    id=group_id
                    prop:value=move || row.group.get()
                    on:change=move |ev| row.group.set(event_target_value(&ev))
                >
                    <option value="" selected=move || row.group.with(String::is_empty)>"— no group —"</option>
                    {group_options}
                </select>
            </td>
            <td>
                <label class="visually-hidden" for=contact_id.clone()>{move || format!("Level {} contact", n())}</label>
                <input
                    id=contact_id
                    type="text"
                    maxlength="200"
                    placeholder="Name and phone"
                    prop:value=move || row.contact.get()
                    on:input=move |ev| row.contact.set(event_target_value(&ev))
                />
            </td>
            <td>
                <DurationField
                    id=id("after")
                    label=Signal::derive(move || format!("Level {} due after", n()))
                    unit_label=Signal::derive(move || format!("Unit for level {}", n()))
                    amount=row.amount
                    unit=row.unit
                />
            </td>
            <td class="row-actions">
                <button
                    class="button button-small"
                    type="button"
                    id=id("up")
                    title="Move up"
                    disabled=is_first
                    on:click=move |_| on_action.run((row.key, RowAction::Up))
                >
                    <span aria-hidden="true">"↑"</span>
                    <span class="visually-hidden">{move || format!("Move up level {}", n())}</span>
                </button>
                <button
                    class="button button-small"
                    type="button"
                    id=id("down")
                    title="Move down"
                    disabled=is_last
                    on:click=move |_| on_action.run((row.key, RowAction::Down))
                >
                    <span aria-hidden="true">"↓"</span>
                    <span class="visually-hidden">{move || format!("Move down level {}", n())}</span>
                </button>
                <button
                    class="button button-small"
                    type="button"
                    title="Remove"
                    on:click=move |_| on_action.run((row.key, RowAction::Remove))
                >
                    <span aria-hidden="true">"✕"</span>
                    <span class="visually-hidden">{move || format!("Remove level {}", n())}</span>
                </button>
            </td>
        </tr>
    }
}
