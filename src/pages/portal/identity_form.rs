//! "Who are you?": the end user's name and email, remembered on this device so the
//! portal can list their requests. Not a sign-in: there is no password.

use leptos::prelude::*;

use crate::components::form::field_error::FieldError;
use crate::domain::kernel::validation::ValidationErrors;
use crate::domain::portal_me::PortalMe;
use crate::state::portal_identity::PortalIdentity;

/// The form; saving remembers the identity (and the page shows their requests).
#[component]
pub fn IdentityForm(
    /// The identity to set.
    identity: PortalIdentity,
    /// Called after the identity was saved.
    #[prop(optional)]
    on_saved: Option<Callback<()>>,
) -> impl IntoView {
    let start = identity.me.get_untracked().unwrap_or_default();
    let name = RwSignal::new(start.name);
    let email = RwSignal::new(start.email);
    let errors = RwSignal::new(None::<ValidationErrors>);
    let err = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .read()
                .as_ref()
                .and_then(|e| e.for_field(field).map(str::to_owned))
        })
    };
    let invalid = move |field: &'static str| {
        move || {
            errors
                .read()
                .as_ref()
                .is_some_and(|e| e.for_field(field).is_some())
                .to_string()
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let me = PortalMe {
            name: name.get_untracked(),
            email: email.get_untracked(),
        };
        match me.validate() {
            Ok(()) => {
                errors.set(None);
                identity.set(Some(me));
                if let Some(done) = on_saved {
                    done.run(());
                }
            }
            Err(e) => errors.set(Some(e)),
        }
    };
    view! {
        <form class="form portal-form" aria-labelledby="who-heading" on:submit=submit novalidate>
            <h2 id="who-heading">"Who are you?"</h2>
            <p class="hint">
                "We find your requests by your email address. It is remembered on this device only; there is no password."
            </p>
            <div class="field">
                <label for="who-name">"Your name"</label>
                <input id="who-name" type="text" autocomplete="name" maxlength="200" required
                    aria-invalid=invalid("name") aria-describedby="who-name-error"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <FieldError id="who-name-error" message=err("name")/>
            </div>
            <div class="field">
                <label for="who-email">"Your email"</label>
                <input id="who-email" type="email" autocomplete="email" maxlength="200" required
                    aria-invalid=invalid("email") aria-describedby="who-email-error"
                    prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev))/>
                <FieldError id="who-email-error" message=err("email")/>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary">"Show my requests"</button>
            </div>
        </form>
    }
}
