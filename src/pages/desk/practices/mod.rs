//! Practice roles and policies (`/desk/practices`, desk only): for incident, problem,
//! knowledge and release management, the process owner, managers and practitioners,
//! the policies the desk enforces and the guidance policies, each practice saved on its
//! own.

mod guidance;
mod roles;
mod section;

use leptos::prelude::*;

use crate::components::error_panel::error_panel;
use crate::domain::config::practice::PracticeKind;
use crate::ops::practices;
use crate::state::db::Db;

use section::{Person, PracticeSection};

/// The element-id prefix of a practice's section (`practice-incident`).
fn prefix(kind: PracticeKind) -> String {
    format!("practice-{}", kind.key())
}

/// The practices page.
#[component]
pub fn PracticesPage() -> impl IntoView {
    let db = Db::expect();
    // Read once when the page opens (not after every write): saving one practice must
    // not reset what is being typed in another.
    let data = LocalResource::new(move || async move {
        let store = db.store()?;
        practices::load(&*store).await
    });
    let toc = PracticeKind::ALL
        .into_iter()
        .map(|k| view! { <a href=format!("#{}-heading", prefix(k))>{k.label()}</a> })
        .collect_view();
    view! {
        <div class="page-head">
            <div>
                <h1>"Practices"</h1>
                <p class="lead">
                    "Who is accountable for each practice, who manages it and who practises it, and the policies it works by."
                </p>
            </div>
        </div>
        <p class="hint">
            "Enforced policies are checked by the desk where the work happens, and a refusal names the policy. Guidance policies are what the practice agrees to do."
        </p>
        <nav class="settings-toc" aria-label="Practices">{toc}</nav>
        <Suspense fallback=|| view! { <p role="status">"Loading practices…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    data.await.map(|d| {
                        let people: Vec<Person> = d
                            .directory
                            .people
                            .iter()
                            .map(|p| Person { id: p.id.clone(), name: p.name.clone() })
                            .collect();
                        d.practices
                            .into_iter()
                            .map(|read| {
                                let prefix = prefix(read.practice.practice);
                                view! { <PracticeSection read=read people=people.clone() prefix=prefix/> }
                            })
                            .collect_view()
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
