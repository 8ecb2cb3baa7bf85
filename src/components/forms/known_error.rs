//! The known-error form (new and edit): title, symptoms, root cause, workaround, error
//! code, problem, knowledge article, release introduced, carried forward, fix release;
//! and, when started from a problem under investigation, the offer to move it to
//! "Known error". Errors show next to their field; nothing is saved while one is shown.

use leptos::prelude::*;

use crate::components::form::state::{FormState, RefusalLine};

use crate::components::form::field_error::FieldError;
use crate::domain::known_error::KnownErrorDraft;
use crate::ops::known_error::Related;

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

/// One `<select>` of related records, with a "none" choice.
fn picker(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    options: Vec<Related>,
    show_status: bool,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">"— none —"</option>
                {options.into_iter().map(|r| {
                    let text = if show_status { format!("{} ({})", r.label(), r.status) } else { r.label() };
                    view! { <option value=r.id>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
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
            if err(field).get().is_some() {
                "true"
            } else {
                "false"
            }
        }
    };
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
    let text_area = move |id: &'static str,
                          label: &'static str,
                          field: &'static str,
                          value: RwSignal<String>,
                          hint: &'static str| {
        let error_id = match field {
            "symptoms" => "ke-symptoms-error",
            "root_cause" => "ke-root-cause-error",
            _ => "ke-workaround-error",
        };
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <textarea id=id rows="4" aria-invalid=invalid(field) aria-describedby=error_id
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
                <FieldError id=error_id message=err(field)/>
            </div>
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
            <div class="field">
                <label for="ke-title">"Title"</label>
                <input id="ke-title" type="text" maxlength="200" required
                    aria-invalid=invalid("title") aria-describedby="ke-title-error"
                    prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                <FieldError id="ke-title-error" message=err("title")/>
            </div>
            {text_area("ke-symptoms", "Symptoms", "symptoms", symptoms, "What people see, in their words: searched by the known error database.")}
            {text_area("ke-root-cause", "Root cause", "root_cause", root_cause, "")}
            {text_area("ke-workaround", "Workaround", "workaround", workaround, "Needed before the known error can be activated; shared with incidents as a public comment.")}
            <div class="field-row">
                <div class="field">
                    <label for="ke-code">"Error code"</label>
                    <input id="ke-code" type="text" maxlength="200" placeholder="ERR-4012"
                        aria-invalid=invalid("error_code") aria-describedby="ke-code-error"
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
                    <FieldError id="ke-code-error" message=err("error_code")/>
                </div>
                {picker("ke-problem", "Problem", problem, problems, true)}
                {picker("ke-article", "Knowledge article", article, articles, true)}
            </div>
            {move_offer}
            <fieldset class="ke-releases">
                <legend>"Releases"</legend>
                <div class="field-row">
                    <div class="field">
                        <label for="ke-introduced">"Release introduced"</label>
                        <select id="ke-introduced" aria-invalid=invalid("release_introduced")
                            aria-describedby="ke-introduced-error"
                            prop:value=move || introduced.get()
                            on:change=move |ev| introduced.set(event_target_value(&ev))>
                            <option value="">"— none —"</option>
                            {releases.iter().map(|r| view! { <option value=r.id.clone()>{r.label()}</option> }).collect_view()}
                        </select>
                        <FieldError id="ke-introduced-error" message=err("release_introduced")/>
                    </div>
                    {picker("ke-fix", "Fix release", fix, releases.clone(), false)}
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
