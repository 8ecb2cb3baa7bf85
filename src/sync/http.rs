//! The browser's `fetch` as a [`Transport`]: JSON requests with the CouchDB session
//! cookie (`credentials: include`), a timeout through `AbortController`, and failures
//! turned into plain [`TransportError`]s.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials, RequestInit, RequestMode};

use super::transport::{Method, Request, Response, Transport, TransportError};

/// `fetch` from the page.
#[derive(Debug, Default, Clone, Copy)]
pub struct FetchTransport;

fn network(e: &JsValue) -> TransportError {
    let msg = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "network error".into());
    TransportError::Network(msg)
}

impl Transport for FetchTransport {
    async fn send(&self, req: Request) -> Result<Response, TransportError> {
        let window =
            web_sys::window().ok_or_else(|| TransportError::Network("no window".into()))?;
        let init = RequestInit::new();
        init.set_method(req.method.as_str());
        init.set_mode(RequestMode::Cors);
        init.set_credentials(RequestCredentials::Include);
        let headers = web_sys::Headers::new().map_err(|e| network(&e))?;
        headers
            .set("Accept", "application/json")
            .map_err(|e| network(&e))?;
        if let Some(body) = &req.body {
            headers
                .set("Content-Type", "application/json")
                .map_err(|e| network(&e))?;
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        let abort = AbortController::new().map_err(|e| network(&e))?;
        init.set_signal(Some(&abort.signal()));
        let timer = Closure::once({
            let abort = abort.clone();
            move || abort.abort()
        });
        let timeout_id = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                timer.as_ref().unchecked_ref(),
                i32::try_from(req.timeout_ms).unwrap_or(i32::MAX),
            )
            .map_err(|e| network(&e))?;
        let result = async {
            let request = web_sys::Request::new_with_str_and_init(&req.url, &init)
                .map_err(|e| network(&e))?;
            let res: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
                .await
                .map_err(|e| network(&e))?
                .dyn_into()
                .map_err(|e| network(&e))?;
            let status = res.status();
            let text = JsFuture::from(res.text().map_err(|e| network(&e))?)
                .await
                .map_err(|e| network(&e))?;
            Ok(Response {
                status,
                body: text.as_string().unwrap_or_default(),
            })
        }
        .await;
        window.clear_timeout_with_handle(timeout_id);
        drop(timer);
        match result {
            Err(_) if abort.signal().aborted() => Err(TransportError::Timeout),
            other => other,
        }
    }
}

/// Whether the server answers at all when CORS is left out (`mode: no-cors`): tells a
/// CORS refusal (reachable) from a server that is down (unreachable).
pub async fn reachable_without_cors(url: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let init = RequestInit::new();
    init.set_method(Method::Get.as_str());
    init.set_mode(RequestMode::NoCors);
    match web_sys::Request::new_with_str_and_init(url, &init) {
        Ok(r) => JsFuture::from(window.fetch_with_request(&r)).await.is_ok(),
        Err(_) => false,
    }
}
