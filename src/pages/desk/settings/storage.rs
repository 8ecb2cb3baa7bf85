//! The storage section: how much this desk stores in the browser and may store, and
//! whether the browser keeps the data persistently (with a button to ask for it).

use leptos::prelude::*;

use crate::domain::kernel::storage_usage::{describe, nearly_full};
use crate::state::persistence::{self, Estimate};

/// What the storage manager said when the section was (re)read.
#[derive(Clone, Copy, PartialEq)]
struct Reading {
    estimate: Option<Estimate>,
    persisted: Option<bool>,
}

async fn read() -> Reading {
    Reading {
        estimate: persistence::estimate().await,
        persisted: persistence::persisted().await,
    }
}

/// Storage used and available, and persistence.
#[component]
pub fn StorageSection() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let reading = LocalResource::new(move || {
        refresh.track();
        read()
    });
    let outcome = RwSignal::new(None::<String>);
    let asking = RwSignal::new(false);
    let ask = move |_| {
        asking.set(true);
        leptos::task::spawn_local(async move {
            let message = match persistence::persist().await {
                Some(true) => "The browser now keeps this desk's data until you delete it.",
                Some(false) => "The browser declined for now. It grants persistent storage to sites you use often or install; the data stays meanwhile, but may be cleared if the device runs short of space, so keep a backup.",
                None => "This browser cannot keep data persistently on request.",
            };
            let _ = outcome.try_set(Some(message.to_owned()));
            let _ = asking.try_set(false);
            refresh.try_update(|r| *r += 1);
        });
    };
    view! {
        <section class="settings-section" aria-labelledby="storage-heading">
            <h2 id="storage-heading">"Storage on this device"</h2>
            <p class="hint">
                "This desk keeps every record in this browser. Back it up from the Data page; the browser may clear data that is not persistent when the device is short of space."
            </p>
            <Suspense fallback=|| view! { <p role="status">"Reading storage figures…"</p> }>
                {move || Suspend::new(async move {
                    let r = reading.await;
                    let usage = match r.estimate {
                        Some(e) => {
                            let warn = nearly_full(e.usage, e.quota);
                            view! {
                                <p class="storage-usage" data-usage=e.usage data-quota=e.quota>
                                    {describe(e.usage, e.quota)}
                                </p>
                                {warn.then(|| view! {
                                    <p class="banner banner-error" role="alert">
                                        "Storage is nearly full: new records may not be saved. Download a backup and free space on this device."
                                    </p>
                                })}
                            }
                            .into_any()
                        }
                        None => view! {
                            <p class="storage-usage">"This browser does not report how much storage the site uses."</p>
                        }
                        .into_any(),
                    };
                    let persisted = match r.persisted {
                        Some(true) => "Persistent: yes. The browser will not clear this data to free space.",
                        Some(false) => "Persistent: no. The browser may clear this data if the device runs short of space.",
                        None => "Persistent: unknown (this browser does not say).",
                    };
                    view! {
                        {usage}
                        <p class="storage-persisted">{persisted}</p>
                        {(r.persisted == Some(false)).then(|| view! {
                            <button type="button" class="button" on:click=ask disabled=move || asking.get()>
                                "Keep data on this device"
                            </button>
                        })}
                    }
                })}
            </Suspense>
            <p role="status" class="storage-outcome">{move || outcome.get()}</p>
        </section>
    }
}
