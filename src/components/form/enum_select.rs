//! The labelled select of one value of a small fixed set (an enum such as impact,
//! urgency, channel or priority), and the [`Variants`] trait that lists such a set.

use leptos::prelude::*;

use super::field::{Field, Wire};
use super::state::FormState;
use crate::domain::config::priority::{Impact, Priority, Urgency};
use crate::domain::incident::{Channel, Environment};

/// A set of values a select offers: every value in order, with an option value and a
/// label for each.
pub trait Variants: Copy + PartialEq + Send + Sync + 'static {
    /// Every value, in the order the options show.
    fn all() -> &'static [Self];

    /// The option's text.
    fn label(self) -> &'static str;

    /// The option's value: by default its position in [`Variants::all`].
    fn value(self) -> String {
        let position = Self::all().iter().position(|v| *v == self);
        position.unwrap_or(0).to_string()
    }
}

/// Implements [`Variants`] from a type's `ALL` and `label()`, valued by position.
macro_rules! variants_by_position {
    ($($t:ty),*) => {$(
        impl Variants for $t {
            fn all() -> &'static [Self] {
                &<$t>::ALL
            }
            fn label(self) -> &'static str {
                <$t>::label(self)
            }
        }
    )*};
}

variants_by_position!(Impact, Urgency, Environment, Channel);

/// Priorities are offered by their short name (`P1`…`P5`).
impl Variants for Priority {
    fn all() -> &'static [Self] {
        &Priority::ALL
    }
    fn label(self) -> &'static str {
        Priority::label(self)
    }
    fn value(self) -> String {
        self.short().to_owned()
    }
}

/// A labelled `<select>` of every value of `T`, bound to `value`. An option value that
/// names no variant leaves `value` as it was.
#[component]
pub fn EnumSelect<T: Variants>(
    /// The form whose messages the field shows.
    form: FormState,
    /// The select's id.
    id: &'static str,
    /// The label's text.
    label: &'static str,
    /// The chosen value.
    value: RwSignal<T>,
    /// The name of the field in the form's messages, when it can have one.
    #[prop(optional)]
    field: Option<&'static str>,
) -> impl IntoView {
    let choose = move |key: String| {
        if let Some(v) = T::all().iter().copied().find(|v| v.value() == key) {
            value.set(v);
        }
    };
    view! {
        <Field form id label field let(wire: Wire)>
            <select id=wire.id aria-invalid=wire.invalid() aria-describedby=wire.described_by()
                prop:value=move || value.get().value()
                on:change=move |ev| choose(event_target_value(&ev))>
                {T::all()
                    .iter()
                    .map(|v| view! { <option value=v.value()>{v.label()}</option> })
                    .collect_view()}
            </select>
        </Field>
    }
}
