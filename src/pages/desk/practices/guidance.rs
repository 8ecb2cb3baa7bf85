//! The policies of one practice: the enforced rules (read-only, each saying where the
//! desk checks it) and the guidance policies as an editable list (add, edit, remove).

use leptos::prelude::*;

use crate::domain::config::practice::{PracticeKind, Rule, MAX_POLICIES, POLICY_FIELDS};
use crate::domain::kernel::validation::ValidationErrors;

/// One guidance policy row of the form; `key` stays with the row when others are
/// removed, so its input keeps its focus and text.
#[derive(Clone, Copy)]
pub struct PolicyRow {
    /// Stable key of the row.
    pub key: u64,
    /// The text as typed.
    pub text: RwSignal<String>,
}

/// Form rows for `policies`, keyed from `next_key` on.
pub fn policy_rows(policies: &[String], next_key: StoredValue<u64>) -> Vec<PolicyRow> {
    policies.iter().map(|p| new_row(p, next_key)).collect()
}

fn new_row(text: &str, next_key: StoredValue<u64>) -> PolicyRow {
    let key = next_key.get_value();
    next_key.set_value(key + 1);
    PolicyRow {
        key,
        text: RwSignal::new(text.to_owned()),
    }
}

/// Focuses the element with `id` once the DOM has caught up (after an add or remove).
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

/// The rules the desk enforces for `kind`, each marked "Enforced".
#[component]
pub fn EnforcedPolicies(
    /// The practice.
    kind: PracticeKind,
    /// Id of the list's heading.
    heading_id: String,
) -> impl IntoView {
    let rules: Vec<Rule> = Rule::of(kind).collect();
    let body = if rules.is_empty() {
        view! {
            <p class="empty">"The desk enforces no policy of this practice yet: its guidance policies are below."</p>
        }
        .into_any()
    } else {
        let items = rules
            .into_iter()
            .map(|r| {
                view! {
                    <li class="policy">
                        <span class="badge badge-enforced">"Enforced"</span>
                        " "
                        <span class="policy-text">{r.name()}</span>
                        <span class="policy-where">{r.enforced_at()}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="policy-list" aria-labelledby=heading_id.clone()>{items}</ul> }.into_any()
    };
    view! {
        <h3 id=heading_id.clone()>"Enforced policies"</h3>
        {body}
    }
}

/// The guidance policies as an editable list.
#[component]
pub fn GuidanceEditor(
    /// Element-id prefix of the practice.
    prefix: String,
    /// What the hidden parts of button names say (`Incident management`).
    practice_label: &'static str,
    /// The rows.
    rows: RwSignal<Vec<PolicyRow>>,
    /// Key of the next new row.
    next_key: StoredValue<u64>,
    /// The messages of the last refused save.
    errors: RwSignal<Option<ValidationErrors>>,
) -> impl IntoView {
    let heading_id = format!("{prefix}-guidance-heading");
    let add_id = format!("{prefix}-add-policy");
    let input_id = {
        let prefix = prefix.clone();
        move |key: u64| format!("{prefix}-policy-{key}")
    };
    let full = move || rows.with(|v| v.len() >= MAX_POLICIES);
    let add = {
        let input_id = input_id.clone();
        move |_| {
            if full() {
                return;
            }
            let row = new_row("", next_key);
            rows.update(|v| v.push(row));
            focus_later(input_id(row.key));
        }
    };
    let remove = {
        let (input_id, add_id) = (input_id.clone(), add_id.clone());
        Callback::new(move |key: u64| {
            let Some(k) = rows.with_untracked(|v| v.iter().position(|r| r.key == key)) else {
                return;
            };
            rows.update(|v| {
                v.remove(k);
            });
            // Messages were for the old positions.
            errors.set(None);
            let next = rows.with_untracked(|v| v.get(k).or(v.last()).map(|r| r.key));
            focus_later(next.map_or_else(|| add_id.clone(), &input_id));
        })
    };
    let list_error = move || {
        errors.with(|e| {
            e.as_ref()
                .and_then(|e| e.for_field("policies"))
                .map(str::to_owned)
        })
    };
    let list_error_id = format!("{prefix}-policies-error");
    view! {
        <h3 id=heading_id.clone()>"Guidance policies"</h3>
        <p class="hint">"What this practice agrees to do; shown to people, not checked by the desk."</p>
        <ol class="policy-list guidance-list" aria-labelledby=heading_id aria-describedby=list_error_id.clone()>
            <For each=move || rows.get() key=|r| r.key let:row>
                <GuidanceRow row=row rows=rows errors=errors input_id=input_id(row.key) on_remove=remove/>
            </For>
        </ol>
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="empty">"No guidance policies."</p>
        </Show>
        <p class="field-error" id=list_error_id aria-live="polite">{list_error}</p>
        <button type="button" class="button" id=add_id on:click=add disabled=full>
            "Add guidance policy"
            <span class="visually-hidden">{format!(" to {practice_label}")}</span>
        </button>
        <Show when=full>
            <span class="hint">{format!(" A practice has at most {MAX_POLICIES} guidance policies.")}</span>
        </Show>
    }
}

/// One guidance policy: its text and a remove button.
#[component]
fn GuidanceRow(
    row: PolicyRow,
    rows: RwSignal<Vec<PolicyRow>>,
    errors: RwSignal<Option<ValidationErrors>>,
    input_id: String,
    on_remove: Callback<u64>,
) -> impl IntoView {
    let position =
        Memo::new(move |_| rows.with(|v| v.iter().position(|r| r.key == row.key).unwrap_or(0)));
    let message = Signal::derive(move || {
        let field = POLICY_FIELDS
            .get(position.get())
            .copied()
            .unwrap_or("policies");
        errors.with(|e| {
            e.as_ref()
                .and_then(|e| e.for_field(field))
                .map(str::to_owned)
        })
    });
    let error_id = format!("{input_id}-error");
    let name = move || format!("Guidance policy {}", position.get() + 1);
    view! {
        <li class="policy guidance-row">
            <span class="badge badge-guidance">"Guidance"</span>
            <div class="field">
                <label class="visually-hidden" for=input_id.clone()>{name}</label>
                <input
                    type="text"
                    id=input_id
                    aria-describedby=error_id.clone()
                    aria-invalid=move || if message.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || row.text.get()
                    on:input=move |ev| row.text.set(event_target_value(&ev))
                />
                <p class="field-error" id=error_id aria-live="polite">
                    {move || message.get().unwrap_or_default()}
                </p>
            </div>
            <button type="button" class="button button-small" on:click=move |_| on_remove.run(row.key)>
                "Remove"
                <span class="visually-hidden">{move || format!(" guidance policy {}", position.get() + 1)}</span>
            </button>
        </li>
    }
}
