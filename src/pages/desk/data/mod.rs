//! The data page (`/desk/data`): JSON backup of the whole desk, restore into an empty
//! database or merge into this one by revision, and links to CSV import and export.
//! Making a backup only reads; a restore is a write and runs through the page's form
//! state, its progress shown as it goes.

mod file_io;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use crate::components::form::confirm::ConfirmStep;
use crate::components::form::state::FormState;
use crate::domain::kernel::validation::ValidationErrors;
use crate::ops::clock;
use crate::ops::error::AppError;
use crate::ops::transfer::backup::{export, restore, Mode, Progress, RestoreError, Step};
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::storage::AppStore;

/// A finished job's message: what happened, or why not.
type Message = Option<Result<String, String>>;

/// The restore form's field: every message about the chosen file shows there.
const RESTORE: &str = "restore";

/// How a restore that wrote (some of) the file ended.
enum Restored {
    /// Every document was written: the outcome line.
    Finished(String),
    /// A batch failed: the batches before it are written; says which, and why.
    Stopped(String),
}

/// `message` at the restore field: a file that cannot be restored, said in full.
fn about_the_file(message: String) -> AppError {
    let mut e = ValidationErrors::new();
    e.push(RESTORE, message);
    AppError::Validation(e)
}

/// Reads `file` and restores it in `mode`, reporting progress. A file this desk cannot
/// take is refused at the restore field; a failing store is an error like any write's;
/// a restore that stopped part-way is an outcome, since what it wrote stays.
async fn restore_file(
    store: &AppStore,
    file: &JsValue,
    mode: Mode,
    show: impl Fn(Progress) + Copy,
) -> Result<Restored, AppError> {
    let bytes = file_io::read_file(file, |done, total| {
        show(Progress {
            step: Step::Reading,
            done,
            total,
        })
    })
    .await
    .map_err(about_the_file)?;
    let free = match mode {
        Mode::IntoEmpty => file_io::free_space().await,
        Mode::Merge => None,
    };
    match restore(store, &bytes, mode, free, show).await {
        Ok(o) => Ok(Restored::Finished(format!("Restore finished: {o}."))),
        Err(e @ RestoreError::Stopped { .. }) => Ok(Restored::Stopped(e.to_string())),
        Err(RestoreError::Store(e)) => Err(AppError::Store(e)),
        Err(e) => Err(about_the_file(e.to_string())),
    }
}

/// A labelled progress bar for a running job (nothing when idle).
#[component]
fn JobProgress(
    /// The job's progress; `None` hides the bar.
    progress: RwSignal<Option<Progress>>,
    /// Id of the `<progress>` element (its label points at it).
    id: &'static str,
) -> impl IntoView {
    move || {
        progress.get().map(|p| {
            let label = format!("{}: {} of {}", p.step.label(), p.done, p.total);
            view! {
                <div class="data-progress">
                    <label for=id>{label}</label>
                    <progress id=id max=p.total.max(1) value=p.done></progress>
                </div>
            }
        })
    }
}

/// The outcome line of a job: a status for success, an alert for a failure.
fn message_view(msg: RwSignal<Message>) -> impl IntoView {
    move || match msg.get() {
        Some(Ok(text)) => {
            Some(view! { <p class="data-result" role="status">{text}</p> }.into_any())
        }
        Some(Err(text)) => Some(view! { <p class="data-error" role="alert">{text}</p> }.into_any()),
        None => None,
    }
}

/// The question asked before a restore writes anything.
fn restore_question(mode: Mode) -> &'static str {
    match mode {
        Mode::Merge => "Merge this backup into the desk? Its records are written here version by version (the newer edit wins, concurrent edits become conflicts); a merge is not undone in one step.",
        Mode::IntoEmpty => "Restore this backup into the empty desk? Every record in the file is written here; a restore is not undone in one step.",
    }
}

/// The data page.
#[component]
pub fn DataPage() -> impl IntoView {
    let db = Db::expect();
    let form = FormState::new(RESTORE);
    let restore_error = form.error(RESTORE);
    let backing_up = RwSignal::new(false);
    let busy = Signal::derive(move || backing_up.get() || form.busy.get());
    let asking = RwSignal::new(false);
    let restore_ref = NodeRef::<leptos::html::Button>::new();
    let backup_progress = RwSignal::new(None::<Progress>);
    let backup_msg = RwSignal::new(None::<Result<String, String>>);
    let restore_progress = RwSignal::new(None::<Progress>);
    let restore_msg = RwSignal::new(None::<String>);
    let mode = RwSignal::new(Mode::Merge);
    let file_input = NodeRef::<leptos::html::Input>::new();

    // Making a backup reads only: it is not a write, so it does not go through the
    // form state; it is only kept from running beside a restore.
    let on_backup = move |_| {
        if busy.get_untracked() {
            return;
        }
        let store = match db.store() {
            Ok(s) => s,
            Err(e) => return backup_msg.set(Some(Err(e.to_string()))),
        };
        backing_up.set(true);
        backup_msg.set(None);
        spawn_local(async move {
            let now = clock::now();
            let mut file = file_io::BlobParts::default();
            let mut failed = None;
            let result = export(
                &*store,
                now,
                |p| {
                    let _ = backup_progress.try_set(Some(p));
                },
                |slice| {
                    if failed.is_none() {
                        failed = file.push(&slice).err();
                    }
                },
            )
            .await;
            let msg = match (result, failed) {
                (Ok(done), None) => {
                    let name = format!("service-desk-backup-{}.json", &now.iso()[..10]);
                    let n = done.documents;
                    file.save(&done.header, done.footer, &name, "application/json")
                        .map(|()| format!("Backup of {n} documents saved as {name}."))
                        .map_err(|e| format!("The backup could not be saved: {e}"))
                }
                (_, Some(e)) => Err(format!("The backup could not be saved: {e}")),
                (Err(e), None) => Err(format!("The backup could not be made: {e}")),
            };
            let _ = backup_msg.try_set(Some(msg));
            let _ = backup_progress.try_set(None);
            let _ = backing_up.try_set(false);
        });
    };

    let chosen = move || {
        file_input
            .get_untracked()
            .and_then(|i| file_io::chosen_file(&i))
    };
    let ask_restore = move |_| {
        restore_msg.set(None);
        if chosen().is_none() {
            return form.refuse(RESTORE, "Choose a backup file first.");
        }
        form.clear();
        asking.set(true);
    };
    let on_restore = move |()| {
        if busy.get_untracked() {
            return;
        }
        let Some(file) = chosen() else {
            return form.refuse(RESTORE, "Choose a backup file first.");
        };
        let mode = mode.get_untracked();
        restore_msg.set(None);
        let show = move |p: Progress| {
            let _ = restore_progress.try_set(Some(p));
        };
        // The outcome line says what was written: no toast besides it.
        form.run(
            "",
            move |store| async move {
                let out = restore_file(&store, &file, mode, show).await;
                let _ = restore_progress.try_set(None);
                out
            },
            move |restored| match restored {
                Restored::Finished(text) => {
                    let _ = restore_msg.try_set(Some(text));
                }
                Restored::Stopped(text) => form.refuse(RESTORE, &text),
            },
        );
    };

    view! {
        <div class="page-head">
            <div>
                <h1>"Data"</h1>
                <p class="lead">"Back up, restore, import and export this desk's records."</p>
            </div>
        </div>
        <section class="data-section" aria-labelledby="backup-title">
            <h2 id="backup-title">"Backup"</h2>
            <p>"One JSON file with every record, every version still kept (conflicts and deletions too) and the reference counters. Sync settings and sign-ins are not included."</p>
            <div class="form-actions">
                <button type="button" class="button button-primary" on:click=on_backup disabled=move || busy.get()>
                    "Download backup"
                </button>
            </div>
            <JobProgress progress=backup_progress id="backup-progress" />
            {message_view(backup_msg)}
        </section>
        <section class="data-section" aria-labelledby="restore-title">
            <h2 id="restore-title">"Restore"</h2>
            <p>"The whole file is checked before anything is written; a file with any problem changes nothing."</p>
            <div class="form">
                <div class="field">
                    <label for="backup-file">"Backup file"</label>
                    <input id="backup-file" type="file" accept=".json,application/json" node_ref=file_input />
                </div>
                <fieldset class="field data-mode">
                    <legend>"How to restore"</legend>
                    <label class="field-row">
                        <input type="radio" name="restore-mode" checked=move || mode.get() == Mode::Merge on:change=move |_| mode.set(Mode::Merge) />
                        "Merge into this desk"
                    </label>
                    <p class="hint">"Version by version, as sync does: the newer edit wins, concurrent edits are kept as conflicts, nothing here is lost."</p>
                    <label class="field-row">
                        <input type="radio" name="restore-mode" checked=move || mode.get() == Mode::IntoEmpty on:change=move |_| mode.set(Mode::IntoEmpty) />
                        "Restore into an empty desk"
                    </label>
                    <p class="hint">"Only when this desk has never held a record (a new browser or device)."</p>
                </fieldset>
                <div class="form-actions">
                    <button type="button" class="button button-primary" on:click=ask_restore disabled=move || busy.get()
                        node_ref=restore_ref aria-expanded=move || asking.get().to_string()>
                        "Restore"
                    </button>
                </div>
                <ConfirmStep open=asking back=restore_ref busy=busy on_yes=Callback::new(on_restore)
                    message=Signal::derive(move || restore_question(mode.get()).to_owned())
                    yes=Signal::derive(move || match mode.get() {
                        Mode::Merge => "Yes, merge the backup".to_owned(),
                        Mode::IntoEmpty => "Yes, restore the backup".to_owned(),
                    })/>
            </div>
            <JobProgress progress=restore_progress id="restore-progress" />
            {move || restore_msg.get().map(|text| view! { <p class="data-result" role="status">{text}</p> })}
            {move || restore_error.get().map(|text| view! { <p class="data-error" role="alert">{text}</p> })}
        </section>
        <section class="data-section" aria-labelledby="import-title">
            <h2 id="import-title">"Import and export"</h2>
            <ul>
                <li><a href=AppRoute::ImportIncidents.href()>"Import incidents from CSV"</a></li>
            </ul>
        </section>
    }
}
