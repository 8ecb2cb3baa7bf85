//! One practice's section of the practices page: its roles, enforced and guidance
//! policies in one form, saved on the revision it was read at through the form's
//! state: messages at the fields, other failures and the success in a toast.

use leptos::prelude::*;

use super::guidance::{policy_rows, EnforcedPolicies, GuidanceEditor, PolicyRow};
pub use super::roles::Person;
use super::roles::{with_unknown, OwnerSelect, PeopleChecks};
use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::config::practice::{Practice, PracticeForm};
use crate::ops::practices::{save_practice, StoredPractice};
use crate::state::identity::Identity;

/// The form's signals for one practice.
#[derive(Clone, Copy)]
struct Fields {
    owner: RwSignal<String>,
    managers: RwSignal<Vec<String>>,
    practitioners: RwSignal<Vec<String>>,
    policies: RwSignal<Vec<PolicyRow>>,
    next_key: StoredValue<u64>,
}

impl Fields {
    fn new(p: &Practice) -> Fields {
        let next_key = StoredValue::new(0);
        Fields {
            owner: RwSignal::new(p.owner.clone().unwrap_or_default()),
            managers: RwSignal::new(p.managers.clone()),
            practitioners: RwSignal::new(p.practitioners.clone()),
            policies: RwSignal::new(policy_rows(&p.policies, next_key)),
            next_key,
        }
    }

    fn read(&self) -> PracticeForm {
        PracticeForm {
            owner: self.owner.get_untracked(),
            managers: self.managers.get_untracked(),
            practitioners: self.practitioners.get_untracked(),
            policies: self
                .policies
                .with_untracked(|v| v.iter().map(|r| r.text.get_untracked()).collect()),
        }
    }

    /// Shows the practice as saved (texts trimmed, people listed once).
    fn show(&self, p: &Practice) {
        self.owner.set(p.owner.clone().unwrap_or_default());
        self.managers.set(p.managers.clone());
        self.practitioners.set(p.practitioners.clone());
        self.policies.set(policy_rows(&p.policies, self.next_key));
    }
}

/// "Last changed … by …", or that the defaults are shown.
fn stamp(read: &StoredPractice) -> String {
    if read.rev.is_none() {
        return "Not saved yet: these are the desk's default guidance policies.".into();
    }
    let p = &read.practice;
    match p.updated_by.trim() {
        "" => format!("Last changed {}.", p.updated.display()),
        by => format!("Last changed {} by {by}.", p.updated.display()),
    }
}

/// One practice: roles, enforced policies, guidance policies and its own Save.
#[component]
pub fn PracticeSection(
    /// The practice and the revision it was read at.
    read: StoredPractice,
    /// The directory's people, by name.
    people: Vec<Person>,
    /// Element-id prefix (`practice-incident`).
    prefix: String,
) -> impl IntoView {
    let who = Identity::expect();
    let form = FormState::new("practice");
    let errors = form.errors;
    let kind = read.practice.practice;
    let label = kind.label();
    let p = &read.practice;
    let choices = with_unknown(
        &people,
        p.owner.iter().chain(&p.managers).chain(&p.practitioners),
    );
    let fields = Fields::new(p);
    let last = RwSignal::new(stamp(&read));
    let current = StoredValue::new(read);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = fields.read();
        let read = current.get_value();
        let by = who.author();
        form.run(
            format!("{label} saved."),
            move |store| async move { save_practice(&*store, &read, &draft, &by).await },
            move |saved| {
                fields.show(&saved.practice);
                last.try_set(stamp(&saved));
                current.try_set_value(saved);
            },
        );
    };
    let summary = move || {
        errors
            .with(|e| e.as_ref().is_some_and(|e| !e.is_empty()))
            .then_some("Please correct the highlighted fields; nothing was saved.")
    };

    let heading_id = format!("{prefix}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="settings-section practice" aria-labelledby=labelled_by>
            <h2 id=heading_id>{label}</h2>
            <p class="hint practice-stamp">{move || last.get()}</p>
            <form class="settings-form practice-form" on:submit=submit novalidate>
                <h3>"Roles"</h3>
                <div class="practice-roles">
                    <OwnerSelect
                        id=format!("{prefix}-owner")
                        people=choices.clone()
                        owner=fields.owner
                        error=form.error("owner")
                    />
                    <PeopleChecks
                        legend="Managers"
                        id=format!("{prefix}-managers")
                        people=choices.clone()
                        selected=fields.managers
                        error=form.error("managers")
                    />
                    <PeopleChecks
                        legend="Practitioners"
                        id=format!("{prefix}-practitioners")
                        people=choices
                        selected=fields.practitioners
                        error=form.error("practitioners")
                    />
                </div>
                <EnforcedPolicies kind=kind heading_id=format!("{prefix}-enforced-heading")/>
                <GuidanceEditor
                    prefix=prefix.clone()
                    practice_label=label
                    rows=fields.policies
                    next_key=fields.next_key
                    errors=errors
                />
                <p class="field-error" role="alert">{summary}</p>
                <RefusalLine form=form/>
                <div class="form-actions">
                    <button class="button button-primary" type="submit" disabled=move || form.busy.get()>
                        "Save"<span class="visually-hidden">{format!(" {label}")}</span>
                    </button>
                </div>
            </form>
        </section>
    }
}
