//! Toasts: short outcome messages ("Incident INC-… created", errors) shown in a live
//! region and dismissed after a few seconds or by the person.

use leptos::prelude::*;

/// How a toast looks: success or error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
}

/// One message on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub id: u64,
    pub kind: ToastKind,
    pub text: String,
}

/// How long a success toast stays, in milliseconds; errors stay until dismissed, so a
/// person never misses one.
const SUCCESS_MS: u32 = 5_000;

/// `Copy` handle to the toast list, provided as context.
#[derive(Clone, Copy)]
pub struct Toasts {
    pub items: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

impl Toasts {
    /// Creates the list and provides it as context.
    pub fn provide() -> Self {
        let t = Toasts {
            items: RwSignal::new(Vec::new()),
            next: StoredValue::new(1),
        };
        provide_context(t);
        t
    }

    /// The handle provided by [`Toasts::provide`].
    pub fn expect() -> Self {
        expect_context::<Toasts>()
    }

    /// Shows a success message that goes away by itself.
    pub fn success(self, text: impl Into<String>) {
        let id = self.push(ToastKind::Success, text.into());
        set_timeout(
            move || self.dismiss(id),
            std::time::Duration::from_millis(SUCCESS_MS.into()),
        );
    }

    /// Shows an error message that stays until dismissed.
    pub fn error(self, text: impl Into<String>) {
        self.push(ToastKind::Error, text.into());
    }

    /// Removes one message.
    pub fn dismiss(self, id: u64) {
        self.items.update(|v| v.retain(|t| t.id != id));
    }

    fn push(self, kind: ToastKind, text: String) -> u64 {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.items.update(|v| v.push(Toast { id, kind, text }));
        id
    }
}
