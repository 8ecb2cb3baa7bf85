//! The message shown next to a form field that failed validation.

use leptos::prelude::*;

/// Renders `message` (if any) with the id the field's `aria-describedby` points to.
#[component]
pub fn FieldError(
    /// Element id, referenced by the field's `aria-describedby`.
    #[prop(into)]
    id: String,
    /// The current message for the field, if it is invalid.
    #[prop(into)]
    message: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <p class="field-error" id=id aria-live="polite">
            {move || message.get().unwrap_or_default()}
        </p>
    }
}
