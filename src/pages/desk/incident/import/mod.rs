//! Importing incidents from CSV (`/desk/incidents/import`): choose a file, map its
//! columns, preview with per-row errors, then import the valid rows after confirmation,
//! a batch per transaction with a progress bar. The import runs through the page's form
//! state (busy while it writes); one that stops part-way is an outcome of its own, since
//! the batches before the failing one are written.

mod file;
mod mapping;
mod preview;

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::transfer::csv::import::map::{guess, Field, Mapping};
use crate::domain::transfer::csv::import::rows::{check_rows, Checked};
use crate::domain::transfer::csv::import::{check_size, count, parse, Table, BATCH, MAX_ROWS};
use crate::ops::clock;
use crate::ops::error::AppError;
use crate::ops::transfer::csv_import::{self, ImportContext, Progress};
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;
use crate::state::toast::Toasts;

use mapping::MappingForm;
use preview::Preview;

/// Where the page stands.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Choose,
    Reading,
    Ready,
    Confirm,
    Importing(Progress),
    Done { written: usize, skipped: usize },
    Failed { written: usize, message: String },
}

/// Checked rows, compared by identity (a new check is always a change).
#[derive(Clone)]
struct Shared(Arc<Checked>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// `The 3 rows with errors are` / `The row with errors is` / `No row is`, + "skipped".
fn skipped_text(n: usize) -> String {
    match n {
        0 => "No row is".to_owned(),
        1 => "The row with errors is".to_owned(),
        n => format!("The {n} rows with errors are"),
    }
}

/// The CSV import page.
#[component]
pub fn ImportIncidents() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let toasts = Toasts::expect();
    let form = FormState::new("import");
    let phase = RwSignal::new(Phase::Choose);
    let file_name = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let table = RwSignal::new(None::<Arc<Table>>);
    let context = RwSignal::new(None::<Arc<ImportContext>>);
    let mapping = RwSignal::new(Mapping::default());
    let checked = Memo::new(move |_| {
        let t = table.get()?;
        let ctx = context.get()?;
        let m = mapping.get();
        m.column(Field::Title)?;
        let c = check_rows(&t, &m, &ctx.names, &ctx.settings.matrix, clock::now());
        Some(Shared(Arc::new(c)))
    });
    let headers = Memo::new(move |_| table.with(|t| t.as_ref().map(|t| t.headers.clone())));
    let working = Memo::new(move |_| matches!(phase.get(), Phase::Ready | Phase::Confirm));

    let reset = move || {
        problem.set(None);
        table.set(None);
        context.set(None);
        phase.set(Phase::Choose);
    };
    let on_file = move |ev: leptos::ev::Event| {
        reset();
        let Some(chosen) = file::chosen(&ev) else {
            return;
        };
        file_name.set(chosen.name.clone());
        if let Err(e) = check_size(chosen.size) {
            problem.set(Some(e.to_string()));
            return;
        }
        phase.set(Phase::Reading);
        let store = db.store();
        leptos::task::spawn_local(async move {
            let loaded = async {
                let bytes = chosen.bytes().await?;
                let parsed = parse(&bytes).map_err(|e| e.to_string())?;
                let store = store.map_err(|e| e.to_string())?;
                let ctx = csv_import::context(&*store)
                    .await
                    .map_err(|e| e.to_string())?;
                Ok::<_, String>((parsed, ctx))
            };
            match loaded.await {
                Ok((parsed, ctx)) => {
                    let _ = mapping.try_set(guess(&parsed.headers));
                    let _ = table.try_set(Some(Arc::new(parsed)));
                    let _ = context.try_set(Some(Arc::new(ctx)));
                    let _ = phase.try_set(Phase::Ready);
                }
                Err(message) => {
                    let _ = problem.try_set(Some(message));
                    let _ = phase.try_set(Phase::Choose);
                }
            }
        });
    };
    let start = move |_| {
        let Some(Shared(rows)) = checked.get_untracked() else {
            return;
        };
        let (by, name) = (who.author(), file_name.get_untracked());
        let skipped = rows.invalid.len();
        let toast_name = name.clone();
        form.run_with(
            move |result: &Result<usize, (usize, AppError)>| match result {
                Ok(written) => format!(
                    "Imported {} from “{toast_name}”.",
                    count(*written, "incident", "incidents")
                ),
                Err(_) => String::new(),
            },
            move |store| {
                phase.set(Phase::Importing(Progress {
                    total: rows.valid.len(),
                    batches: rows.valid.len().div_ceil(BATCH),
                    ..Progress::default()
                }));
                async move {
                    // Stopping part-way is not a failure of the whole: the batches
                    // before are written, so readers refresh and the page says how far.
                    Ok(
                        csv_import::import(&*store, &rows.valid, BATCH, &by, &name, |p| {
                            let _ = phase.try_set(Phase::Importing(p));
                        })
                        .await,
                    )
                }
            },
            move |result| match result {
                Ok(written) => {
                    let _ = phase.try_set(Phase::Done { written, skipped });
                }
                Err((written, e)) => {
                    let message = format!(
                        "The import stopped: {e}. {written} incidents were imported (whole batches only); the rest were not."
                    );
                    toasts.error(message.clone());
                    let _ = phase.try_set(Phase::Failed { written, message });
                }
            },
        );
    };

    let summary = move || {
        if !working.get() {
            return None;
        }
        let Some(Shared(c)) = checked.get() else {
            return Some(view! {
                <p class="import-problem" role="alert">
                    "No column is mapped to Title. Choose the column that holds each incident's title."
                </p>
            }.into_any());
        };
        let ctx = context.get()?;
        let (valid, invalid) = (c.valid.len(), c.invalid.len());
        let shared = mapping.with(|m| m.shared_columns());
        let clash = (!shared.is_empty()).then(|| {
            let pairs: Vec<String> = shared.iter().map(|(a, b)| format!("{} and {}", a.label(), b.label())).collect();
            view! { <p class="notice">{format!("These fields read the same column: {}.", pairs.join("; "))}</p> }
        });
        let head = if valid == 0 {
            view! {
                <p class="import-problem" role="alert">
                    "No row can be imported: every row has an error (listed below). Nothing was written."
                </p>
            }.into_any()
        } else {
            view! {
                <p class="import-summary" role="status">
                    {format!(
                        "{} can be imported; {} will be skipped.",
                        count(valid, "row", "rows"),
                        count(invalid, "row has errors and", "rows have errors and")
                    )}
                </p>
            }
            .into_any()
        };
        let actions = (valid > 0).then(|| {
            view! {
                <Show when=move || phase.get() == Phase::Ready
                    fallback=move || view! {
                        <div class="import-confirm" role="group" aria-label="Confirm the import">
                            <p>{format!(
                                "Import {} from “{}”? {} skipped.",
                                count(valid, "incident", "incidents"),
                                file_name.get_untracked(),
                                skipped_text(invalid)
                            )}</p>
                            <div class="form-actions">
                                <button type="button" class="button button-primary" disabled=move || form.busy.get()
                                    on:click=start>"Confirm import"</button>
                                <button type="button" class="button" on:click=move |_| phase.set(Phase::Ready)>"Cancel"</button>
                            </div>
                        </div>
                    }>
                    <div class="form-actions">
                        <button type="button" class="button button-primary"
                            on:click=move |_| phase.set(Phase::Confirm)>{format!("Import {}", count(valid, "valid row", "valid rows"))}</button>
                    </div>
                </Show>
            }
        });
        Some(view! {
            {clash}
            {head}
            {actions}
            <Preview checked=c.clone() names=Arc::new(ctx.names.clone()) matrix=ctx.settings.matrix.clone()/>
        }.into_any())
    };

    let status = move || {
        match phase.get() {
        Phase::Reading => Some(view! { <p role="status">"Reading the file…"</p> }.into_any()),
        Phase::Importing(p) => Some(view! {
            <div class="import-progress" data-batch-size=BATCH.to_string() data-done=p.done.to_string()
                data-total=p.total.to_string()>
                <progress max=p.total.max(1).to_string() value=p.done.to_string() aria-label="Import progress"></progress>
                <p role="status">{format!(
                    "Imported {} of {} incidents (batch {} of {}, {BATCH} incidents per batch).",
                    p.done, p.total, p.batches_done, p.batches
                )}</p>
            </div>
        }.into_any()),
        Phase::Done { written, skipped } => Some(view! {
            <div class="import-done">
                <p role="status">{format!(
                    "Imported {}; {}.",
                    count(written, "incident", "incidents"),
                    count(skipped, "row with errors was skipped", "rows with errors were skipped")
                )}</p>
                <p><a href=AppRoute::Incidents.href()>"Open the incident queue"</a></p>
            </div>
        }.into_any()),
        Phase::Failed { message, .. } => Some(view! { <p class="import-problem" role="alert">{message}</p> }.into_any()),
        _ => None,
    }
    };
    let busy = move || matches!(phase.get(), Phase::Reading | Phase::Importing(_));

    view! {
        <div class="page-head">
            <div>
                <p><a href=AppRoute::Incidents.href()>"← Incidents"</a></p>
                <h1>"Import incidents"</h1>
                <p class="lead">"Bring incidents from another tool in a CSV file."</p>
            </div>
        </div>
        <form class="form import-file" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="import-file">"CSV file"</label>
                <input id="import-file" type="file" accept=".csv,text/csv,text/plain"
                    aria-describedby="import-file-hint" disabled=busy on:change=on_file/>
                <small id="import-file-hint" class="hint">{format!(
                    "UTF-8 text, a header row naming the columns, at most {MAX_ROWS} rows and 20 MB. Nothing is written until you confirm."
                )}</small>
            </div>
        </form>
        {move || problem.get().map(|p| view! {
            <p class="import-problem" role="alert">{format!("“{}” cannot be imported. {p}", file_name.get_untracked())}</p>
        })}
        {move || match (working.get(), headers.get()) {
            (true, Some(h)) => Some(view! { <MappingForm headers=h mapping=mapping/> }),
            _ => None,
        }}
        {summary}
        {status}
        <RefusalLine form=form/>
    }
}
