//! The labelled form field every record form is built from: the label, the control (a
//! text box or text area it draws itself, or the caller's), an optional hint and note,
//! and the form state's message for it, wired to the control by `aria-describedby` and
//! `aria-invalid`. Ids follow one rule: the control is `id`, the hint `<id>-hint`, the
//! message `<id>-error`.

use leptos::prelude::*;

use super::field_error::FieldError;
use super::state::FormState;

/// What a field's control carries so that its label, hint and message describe it.
/// A control given as children puts `id`, `aria-invalid` and `aria-describedby` from
/// here on itself.
#[derive(Clone, Copy)]
pub struct Wire {
    /// The control's id, which the label's `for` names.
    pub id: &'static str,
    form: FormState,
    field: Option<&'static str>,
    hint: bool,
}

impl Wire {
    /// `aria-describedby`: the hint's id, then the message's; none when there is neither.
    pub fn described_by(self) -> Option<String> {
        let hint = self.hint.then(|| format!("{}-hint", self.id));
        let error = self.field.map(|_| format!("{}-error", self.id));
        match (hint, error) {
            (Some(hint), Some(error)) => Some(format!("{hint} {error}")),
            (hint, error) => hint.or(error),
        }
    }

    /// `aria-invalid` (`"true"` while the field has a message, else `"false"`); absent on
    /// a control that never gets a message (reactive).
    pub fn invalid(self) -> impl Fn() -> Option<&'static str> + Copy {
        let invalid = self.field.map(|field| self.form.invalid(field));
        move || invalid.map(|invalid| invalid())
    }
}

/// A control given as the field's children: a function of the field's [`Wire`], written
/// `<Field … let(wire: Wire)>…</Field>`.
pub struct Control(Box<dyn FnOnce(Wire) -> AnyView>);

impl<F: FnOnce(Wire) -> V + 'static, V: IntoView + 'static> From<F> for Control {
    fn from(control: F) -> Control {
        Control(Box::new(move |wire| control(wire).into_any()))
    }
}

/// One labelled field: `<div class="field">` with the label, hint, control, note and
/// message. Draws a text box for `text`, a text area for `textarea`, else the children.
#[component]
pub fn Field(
    /// The form whose messages the field shows.
    form: FormState,
    /// The control's id; the hint and message ids are made from it.
    id: &'static str,
    /// The label's text.
    label: &'static str,
    /// The name of the field in the form's messages; without it the field shows no
    /// message and the control gets no `aria-invalid` / `aria-describedby`.
    #[prop(optional_no_strip, into)]
    field: Option<&'static str>,
    /// A hint shown between the label and the control, which describes the control.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// A note shown under the control.
    #[prop(optional)]
    note: Option<&'static str>,
    /// Classes added to `field` on the wrapper.
    #[prop(optional)]
    class: Option<&'static str>,
    /// Draw a single-line text box bound to this value.
    #[prop(optional)]
    text: Option<RwSignal<String>>,
    /// Draw a text area bound to this value.
    #[prop(optional)]
    textarea: Option<RwSignal<String>>,
    /// The text area's rows.
    #[prop(optional)]
    rows: Option<u32>,
    /// The drawn control is required.
    #[prop(optional)]
    required: bool,
    /// The drawn control's `maxlength`.
    #[prop(optional)]
    maxlength: Option<u32>,
    /// The drawn text box's placeholder.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// Any other control (a select, a date, a number), given the wiring by `let(wire: Wire)`.
    #[prop(optional, into)]
    children: Option<Control>,
) -> impl IntoView {
    let wire = Wire {
        id,
        form,
        field,
        hint: hint.is_some(),
    };
    let (invalid, described_by) = (wire.invalid(), wire.described_by());
    let control = match (children, text, textarea) {
        (Some(Control(control)), _, _) => control(wire),
        (None, Some(value), _) => view! {
            <input id=id type="text" required=required maxlength=maxlength placeholder=placeholder
                aria-invalid=invalid aria-describedby=described_by
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
        .into_any(),
        (None, None, Some(value)) => view! {
            <textarea id=id rows=rows required=required maxlength=maxlength
                aria-invalid=invalid aria-describedby=described_by
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any(),
        (None, None, None) => ().into_any(),
    };
    let class = class.map_or_else(|| "field".to_owned(), |extra| format!("field {extra}"));
    view! {
        <div class=class>
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            {control}
            {note.map(|note| view! { <p class="hint">{note}</p> })}
            {field.map(|field| view! { <FieldError id=format!("{id}-error") message=form.error(field)/> })}
        </div>
    }
}
