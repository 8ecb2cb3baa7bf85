//! Desk settings: SLA targets per priority, the priority matrix and the escalation
//! procedures per service, each section saved on its own; and the storage this desk
//! uses in the browser.

mod duration_field;
mod escalation;
mod levels;
mod matrix;
mod sla;
mod storage;

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::components::error_panel::error_panel;
use crate::ops::error::AppError;
use crate::ops::settings;
use crate::state::db::Db;
use crate::storage::AppStore;

use escalation::EscalationSection;
use matrix::MatrixSection;
use sla::SlaSection;
use storage::StorageSection;

/// Runs `action` against the store in the background while `busy` is set, then hands
/// the outcome to `done`.
fn spawn_action<T, F, Fut>(
    db: Db,
    busy: RwSignal<bool>,
    action: F,
    done: impl FnOnce(Result<T, AppError>) + 'static,
) where
    T: 'static,
    F: FnOnce(Rc<AppStore>) -> Fut,
    Fut: Future<Output = Result<T, AppError>> + 'static,
{
    let fut = db.store().map(action);
    busy.set(true);
    leptos::task::spawn_local(async move {
        let result = match fut {
            Ok(fut) => fut.await,
            Err(e) => Err(AppError::from(e)),
        };
        busy.set(false);
        done(result);
    });
}

/// The settings page.
#[component]
pub fn DeskSettingsPage() -> impl IntoView {
    let db = Db::expect();
    // Read once when the page opens (not on every write): saving one section must not
    // reset what is being typed in another.
    let data = LocalResource::new(move || async move {
        let store = db.store()?;
        settings::load(&*store).await
    });
    view! {
        <div class="page-head">
            <div>
                <h1>"Settings"</h1>
                <p class="lead">"How this desk prioritises, measures and escalates incidents."</p>
            </div>
        </div>
        <nav class="settings-toc" aria-label="Settings sections">
            <a href="#sla-heading">"SLA targets"</a>
            <a href="#matrix-heading">"Priority matrix"</a>
            <a href="#escalation-heading">"Escalation procedures"</a>
            <a href="#storage-heading">"Storage"</a>
        </nav>
        <Suspense fallback=|| view! { <p role="status">"Loading settings…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    data.await.map(|d| view! {
                        <SlaSection initial=d.settings.sla.clone()/>
                        <MatrixSection initial=d.settings.matrix.clone()/>
                        <EscalationSection
                            services=d.directory.services.clone()
                            groups=d.directory.groups.clone()
                            procedures=d.procedures.clone()
                        />
                    })
                })}
            </ErrorBoundary>
        </Suspense>
        <StorageSection/>
    }
}
