//! Saving text the app made as a file on the person's device: a `Blob` behind an
//! object URL clicked through a temporary link (no size limit of `data:` URLs), and the
//! "Export CSV" button every list shares.

use std::future::Future;

use leptos::prelude::*;

use crate::ops::error::AppError;
use crate::state::toast::Toasts;

/// Offers `text` for download as `file_name` with MIME type `mime` (UTF-8).
pub fn save_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    #[cfg(target_arch = "wasm32")]
    {
        blob_download(file_name, mime, text).map_err(|e| {
            e.as_string()
                .unwrap_or_else(|| "the browser refused to save the file".to_owned())
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (file_name, mime, text);
        Err("downloads need a browser".to_owned())
    }
}

#[cfg(target_arch = "wasm32")]
fn blob_download(file_name: &str, mime: &str, text: &str) -> Result<(), wasm_bindgen::JsValue> {
    use js_sys::{Array, Function, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    let global = js_sys::global();
    let blob_ctor: Function = Reflect::get(&global, &"Blob".into())?.dyn_into()?;
    let options = Object::new();
    Reflect::set(
        &options,
        &"type".into(),
        &format!("{mime};charset=utf-8").into(),
    )?;
    let parts = Array::of1(&JsValue::from_str(text));
    let blob = Reflect::construct(&blob_ctor, &Array::of2(&parts, &options))?;
    let url_ns = Reflect::get(&global, &"URL".into())?;
    let create: Function = Reflect::get(&url_ns, &"createObjectURL".into())?.dyn_into()?;
    let url = create.call1(&url_ns, &blob)?;
    let href = url.as_string().unwrap_or_default();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link = document.create_element("a")?;
    link.set_attribute("href", &href)?;
    link.set_attribute("download", file_name)?;
    link.set_attribute("hidden", "")?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no document body"))?;
    body.append_child(&link)?;
    if let Some(el) = link.dyn_ref::<web_sys::HtmlElement>() {
        el.click();
    }
    link.remove();
    // Revoked a little later: the download has started from the URL by then.
    let revoke: Function = Reflect::get(&url_ns, &"revokeObjectURL".into())?.dyn_into()?;
    set_timeout(
        move || {
            let _ = revoke.call1(&url_ns, &url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// An "Export CSV" button: on click, `make` builds the file's name and text (from the
/// list's current filter), which is then downloaded; failures become a toast.
#[component]
pub fn ExportCsv<F, Fut>(
    /// Builds `(file name, CSV text)` when clicked.
    make: F,
    /// What is exported, for the accessible name (`incidents`).
    what: &'static str,
) -> impl IntoView
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<(String, String), AppError>> + 'static,
{
    let toasts = Toasts::expect();
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let job = make();
        leptos::task::spawn_local(async move {
            let outcome = match job.await {
                Ok((name, text)) => save_text(&name, "text/csv", &text).map(|()| name),
                Err(e) => Err(e.to_string()),
            };
            match outcome {
                Ok(name) => toasts.success(format!("Exported as {name}.")),
                Err(e) => toasts.error(format!("The CSV file could not be made: {e}")),
            }
            let _ = busy.try_set(false);
        });
    };
    view! {
        <button type="button" class="button" on:click=on_click
            aria-busy=move || busy.get().to_string()
            title=format!("Download the {what} this list shows, as a CSV file")>
            {move || if busy.get() { "Exporting…" } else { "Export CSV" }}
        </button>
    }
}
