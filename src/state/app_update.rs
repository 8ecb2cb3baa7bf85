//! App updates: registers the service worker (which keeps the app shell for offline
//! use), looks for a new deploy on load, hourly and whenever the tab becomes visible,
//! and says when a new version is waiting. The new version only takes over when the
//! person asks for it ([`AppUpdate::reload`]), never mid-work.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Where the worker is served. At the site root, so its scope covers every route.
const WORKER_URL: &str = "/sw.js";

/// How often an open tab asks for a new deploy. One small uncached request an hour is
/// negligible, and a desk left open all day still hears of a fix the same day.
const CHECK_EVERY: Duration = Duration::from_secs(60 * 60);

/// The message the waiting worker understands as "take over now" (see public/sw.js).
const SKIP_WAITING: &str = "SKIP_WAITING";

/// `Copy` handle to the update state, provided as context by [`AppUpdate::start`].
#[derive(Clone, Copy)]
pub struct AppUpdate {
    /// True while a new version is installed and waiting for the person to reload.
    pub available: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl AppUpdate {
    /// Registers the service worker (where the browser has them; elsewhere the app
    /// simply runs without offline support) and provides the handle as context.
    pub fn start() -> Self {
        let update = AppUpdate {
            available: RwSignal::new(false),
            registration: StoredValue::new_local(None),
        };
        provide_context(update);
        if let Some(container) = container() {
            spawn_local(async move { update.register(container).await });
        }
        update
    }

    /// The handle provided by [`AppUpdate::start`].
    pub fn expect() -> Self {
        expect_context::<AppUpdate>()
    }

    /// Hands over to the waiting version and reloads the page once it controls it; with
    /// no worker waiting (another tab already switched), reloads straight away.
    pub fn reload(self) {
        let waiting = self
            .registration
            .try_get_value()
            .flatten()
            .and_then(|r| r.waiting());
        let (Some(worker), Some(container)) = (waiting, container()) else {
            reload_page();
            return;
        };
        let done = Rc::new(Cell::new(false));
        let on_change = Closure::<dyn FnMut()>::new(move || {
            if !done.replace(true) {
                reload_page();
            }
        });
        if container
            .add_event_listener_with_callback(
                "controllerchange",
                on_change.as_ref().unchecked_ref(),
            )
            .is_err()
        {
            reload_page();
            return;
        }
        // The page reloads right after; the listener lives as long as the page.
        on_change.forget();
        let message = js_sys::Object::new();
        let posted = js_sys::Reflect::set(&message, &"type".into(), &SKIP_WAITING.into())
            .and_then(|_| worker.post_message(&message));
        if posted.is_err() {
            reload_page();
        }
    }

    async fn register(self, container: ServiceWorkerContainer) {
        let registered = JsFuture::from(container.register(WORKER_URL))
            .await
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>());
        let registration = match registered {
            Ok(r) => r,
            // Blocked by the browser or a policy: the app runs on, without offline support.
            Err(e) => {
                leptos::logging::warn!("offline support unavailable: {e:?}");
                return;
            }
        };
        if self
            .registration
            .try_set_value(Some(registration.clone()))
            .is_some()
        {
            return; // the app was unmounted meanwhile
        }
        self.watch(&container, &registration);
        check_for_update(registration.clone());
        let periodic = registration.clone();
        set_interval(move || check_for_update(periodic.clone()), CHECK_EVERY);
        let document = document();
        let on_visible = {
            let document = document.clone();
            Closure::<dyn FnMut()>::new(move || {
                if document.visibility_state() == web_sys::VisibilityState::Visible {
                    check_for_update(registration.clone());
                }
            })
        };
        if document
            .add_event_listener_with_callback(
                "visibilitychange",
                on_visible.as_ref().unchecked_ref(),
            )
            .is_ok()
        {
            // Listens for the whole life of the page.
            on_visible.forget();
        }
    }

    /// Marks the update available when a worker is (or becomes) installed and waiting
    /// while an older one controls this page. Without a controller it is the first
    /// install, not an update.
    fn watch(self, container: &ServiceWorkerContainer, registration: &ServiceWorkerRegistration) {
        if registration.waiting().is_some() && container.controller().is_some() {
            self.available.try_set(true);
        }
        let reg = registration.clone();
        let container = container.clone();
        let on_update_found = Closure::<dyn FnMut()>::new(move || {
            let Some(worker) = reg.installing() else {
                return;
            };
            let container = container.clone();
            let observed = worker.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if observed.state() == ServiceWorkerState::Installed
                    && container.controller().is_some()
                {
                    self.available.try_set(true);
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            // Owned by the worker's handler slot from here on; one per deploy seen.
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();
    }
}

/// Asks the server whether sw.js changed. Failing (offline, server down) is normal and
/// silent: the next check tries again.
fn check_for_update(registration: ServiceWorkerRegistration) {
    // Offline, the check cannot succeed; skipping it spares a failed request.
    if web_sys::window().is_some_and(|w| !w.navigator().on_line()) {
        return;
    }
    spawn_local(async move {
        if let Ok(promise) = registration.update() {
            let _ = JsFuture::from(promise).await;
        }
    });
}

/// The page's service worker container, or None where there is none (old browsers,
/// pages not served over https or from localhost).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let value = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    value.dyn_into::<ServiceWorkerContainer>().ok()
}

fn reload_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
