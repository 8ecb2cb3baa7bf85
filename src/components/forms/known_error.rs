//! The known-error form (new and edit): title, symptoms, root cause, workaround, error
//! code, problem, knowledge article, release introduced, carried forward, fix release;
//! and, when started from a problem under investigation, the offer to move it to
//! "Known error". Errors show next to their field; nothing is saved while one is shown.

use leptos::prelude::*;

use crate::components::form::field::Field;
use crate::components::form::record_picker::RecordPicker;
use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::known_error::KnownErrorDraft;
use crate::ops::known_error::Related;
use crate::ops::records::Choice;

/// The offer to move the problem a known error is started from to "Known error".
#[derive(Clone, Debug)]
pub struct ProblemMove {
    /// The problem's id (the offer shows while this problem is selected).
    pub problem: String,
    /// Its reference, for the checkbox's label.
    pub reference: String,
    /// Checked: move it when saving.
    pub checked: RwSignal<bool>,
}

fn some_if_filled(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Related records as picker choices, by reference and title, with their status when
/// `show_status`.
fn choices(records: &[Related], show_status: bool) -> Vec<Choice> {
    let choice = |r: &Related| Choice {
        id: r.id.clone(),
        name: if show_status {
            format!("{} ({})", r.label(), r.status)
        } else {
            r.label()
        },
    };
    records.iter().map(choice).collect()
}

/// The known-error form. `on_submit` gets a draft that passed validation.
#[component]
pub fn KnownErrorForm(
    /// Values to start from.
    initial: KnownErrorDraft,
    /// Problems to choose from.
    problems: Vec<Related>,
    /// Knowledge articles to choose from.
    articles: Vec<Related>,
    /// Releases to choose from.
    releases: Vec<Related>,
    /// The submit button's text.
    submit_label: &'static str,
    /// The form's state: field messages, busy while saving, refusals.
    form: FormState,
    /// Called with a valid draft.
    on_submit: Callback<KnownErrorDraft>,
    /// When started from a problem under investigation: the offer to move it.
    #[prop(optional_no_strip)]
    problem_move: Option<ProblemMove>,
) -> impl IntoView {
    let (errors, busy) = (form.errors, form.busy);
    let title = RwSignal::new(initial.title);
    let symptoms = RwSignal::new(initial.symptoms);
    let root_cause = RwSignal::new(initial.root_cause);
    let workaround = RwSignal::new(initial.workaround);
    let code = RwSignal::new(initial.error_code.unwrap_or_default());
    let problem = RwSignal::new(initial.problem.unwrap_or_default());
    let article = RwSignal::new(initial.article.unwrap_or_default());
    let introduced = RwSignal::new(initial.release_introduced.unwrap_or_default());
    let carried = RwSignal::new(initial.carried_forward);
    let fix = RwSignal::new(initial.fix_release.unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = KnownErrorDraft {
            title: title.get_untracked(),
            symptoms: symptoms.get_untracked(),
            root_cause: root_cause.get_untracked(),
            workaround: workaround.get_untracked(),
            error_code: some_if_filled(code.get_untracked()),
            problem: some_if_filled(problem.get_untracked()),
            article: some_if_filled(article.get_untracked()),
            release_introduced: some_if_filled(introduced.get_untracked()),
            carried_forward: carried.get_untracked(),
            fix_release: some_if_filled(fix.get_untracked()),
        };
        match draft.validate() {
            Err(e) => errors.set(Some(e)),
            Ok(()) => {
                errors.set(None);
                on_submit.run(draft);
            }
        }
    };
    let move_offer = problem_move.map(|m| {
        let ProblemMove {
            problem: id,
            reference,
            checked,
        } = m;
        let text = format!(" Also move {reference} to “Known error”");
        view! {
            <Show when=move || problem.get() == id>
                <label class="check">
                    <input type="checkbox" prop:checked=move || checked.get()
                        on:change=move |ev| checked.set(event_target_checked(&ev))/>
                    {text.clone()}
                </label>
            </Show>
        }
    });
    view! {
        <form class="known-error-form" on:submit=submit novalidate>
            <Field form id="ke-title" label="Title" field="title" text=title required=true maxlength=200/>
            <Field form id="ke-symptoms" label="Symptoms" field="symptoms" textarea=symptoms rows=4
                note="What people see, in their words: searched by the known error database."/>
            <Field form id="ke-root-cause" label="Root cause" field="root_cause" textarea=root_cause rows=4/>
            <Field form id="ke-workaround" label="Workaround" field="workaround" textarea=workaround rows=4
                note="Needed before the known error can be activated; shared with incidents as a public comment."/>
            <div class="field-row">
                <Field form id="ke-code" label="Error code" field="error_code" text=code maxlength=200
                    placeholder="ERR-4012"/>
                <RecordPicker form id="ke-problem" label="Problem" value=problem
                    options=choices(&problems, true)/>
                <RecordPicker form id="ke-article" label="Knowledge article" value=article
                    options=choices(&articles, true)/>
            </div>
            {move_offer}
            <fieldset class="ke-releases">
                <legend>"Releases"</legend>
                <div class="field-row">
                    <RecordPicker form id="ke-introduced" label="Release introduced" value=introduced
                        options=choices(&releases, false) field="release_introduced"/>
                    <RecordPicker form id="ke-fix" label="Fix release" value=fix
                        options=choices(&releases, false)/>
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=move || carried.get()
                        on:change=move |ev| carried.set(event_target_checked(&ev))/>
                    " Carried forward into production with this release"
                </label>
            </fieldset>
            <div class="form-actions">
                <RefusalLine form=form/>
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Saving…" } else { submit_label }}
                </button>
            </div>
        </form>
    }
}
