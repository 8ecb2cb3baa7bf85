//! The roles of one practice: the process owner (one person, or nobody) and the
//! managers and practitioners (checkbox lists of the directory's people).

use leptos::prelude::*;

/// A person offered in the role pickers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Person record id.
    pub id: String,
    /// What people call them.
    pub name: String,
}

/// `people` plus an entry for every id in `ids` that is not among them (a person
/// deleted, or not synced here yet), so a stored role can still be seen and removed.
pub fn with_unknown<'a>(
    people: &[Person],
    ids: impl IntoIterator<Item = &'a String>,
) -> Vec<Person> {
    let mut out = people.to_vec();
    for id in ids {
        if !id.trim().is_empty() && !out.iter().any(|p| &p.id == id) {
            out.push(Person {
                id: id.clone(),
                name: format!("Unknown person ({id})"),
            });
        }
    }
    out
}

/// `"true"` while `error` holds a message, for `aria-invalid`.
fn invalid(error: Signal<Option<String>>) -> impl Fn() -> &'static str + Copy {
    move || {
        if error.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    }
}

/// The process owner picker.
#[component]
pub fn OwnerSelect(
    /// Element id of the select.
    id: String,
    /// People to choose from.
    people: Vec<Person>,
    /// The chosen person id; empty for nobody.
    owner: RwSignal<String>,
    /// The message shown at the field, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let initial = owner.get_untracked();
    let options = people
        .into_iter()
        .map(|p| {
            let selected = p.id == initial;
            view! { <option value=p.id selected=selected>{p.name}</option> }
        })
        .collect_view();
    view! {
        <div class="field owner-field">
            <label for=id.clone()>"Process owner (accountable)"</label>
            <select
                id=id
                aria-describedby=error_id.clone()
                aria-invalid=invalid(error)
                prop:value=move || owner.get()
                on:change=move |ev| owner.set(event_target_value(&ev))
            >
                <option value="" selected=initial.is_empty()>"Nobody yet"</option>
                {options}
            </select>
            <p class="field-error" id=error_id aria-live="polite">
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}

/// A role held by several people: one checkbox per person.
#[component]
pub fn PeopleChecks(
    /// The role, as the fieldset's legend (`Managers`).
    legend: &'static str,
    /// Element-id prefix of the checkboxes.
    id: String,
    /// People to choose from.
    people: Vec<Person>,
    /// The chosen person ids, in the order they were ticked.
    selected: RwSignal<Vec<String>>,
    /// The message shown under the list, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = error_id.clone();
    let boxes = people
        .into_iter()
        .enumerate()
        .map(|(k, p)| {
            let box_id = format!("{id}-{k}");
            let person = StoredValue::new(p.id);
            let checked = move || selected.with(|s| person.with_value(|id| s.contains(id)));
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                let id = person.get_value();
                selected.update(|s| {
                    s.retain(|x| x != &id);
                    if on {
                        s.push(id);
                    }
                });
            };
            view! {
                <div class="check">
                    <input type="checkbox" id=box_id.clone() prop:checked=checked on:change=toggle/>
                    <label for=box_id>{p.name}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="people-checks" aria-describedby=described_by>
            <legend>{legend}</legend>
            <div class="check-list">{boxes}</div>
            <p class="field-error" id=error_id aria-live="polite">
                {move || error.get().unwrap_or_default()}
            </p>
        </fieldset>
    }
}
