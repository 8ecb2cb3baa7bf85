//! Desk settings: SLA targets per priority, the priority matrix and the escalation
//! procedures per service, each section saved on its own through its form's
//! [`FormState`](crate::components::form::state::FormState), on the revision it was
//! read at; and the storage this desk uses in the browser.

mod duration_field;
mod escalation;
mod levels;
mod matrix;
mod sla;
mod storage;

use leptos::prelude::*;

use crate::components::error_panel::error_panel;
use crate::ops::settings;
use crate::state::db::Db;

use escalation::EscalationSection;
use matrix::MatrixSection;
use sla::SlaSection;
use storage::StorageSection;

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
                    data.await.map(|d| {
                        // The SLA targets and the matrix are parts of one settings
                        // document: both sections save on this revision, and each save
                        // moves it on for the other.
                        let rev = RwSignal::new(d.settings_rev.clone());
                        view! {
                            <SlaSection initial=d.settings.sla.clone() rev=rev/>
                            <MatrixSection initial=d.settings.matrix.clone() rev=rev/>
                            <EscalationSection
                                services=d.directory.services.clone()
                                groups=d.directory.groups.clone()
                                procedures=d.procedures.clone()
                            />
                        }
                    })
                })}
            </ErrorBoundary>
        </Suspense>
        <StorageSection/>
    }
}
