//! The toast region: outcome messages in a polite live region, each dismissable.

use leptos::prelude::*;

use crate::state::toast::{ToastKind, Toasts};

/// Renders the current toasts; errors are announced assertively.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = Toasts::expect();
    view! {
        <div class="toasts" role="region" aria-label="Notifications">
            <For
                each=move || toasts.items.get()
                key=|t| t.id
                children=move |t| {
                    let id = t.id;
                    let (class, role) = match t.kind {
                        ToastKind::Success => ("toast toast-success", "status"),
                        ToastKind::Error => ("toast toast-error", "alert"),
                    };
                    view! {
                        <div class=class role=role>
                            <span>{t.text}</span>
                            <button
                                type="button"
                                class="toast-close"
                                aria-label="Dismiss notification"
                                on:click=move |_| toasts.dismiss(id)
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
