//! JavaScript glue for the IndexedDB store: reading and writing plain object fields,
//! awaiting raw `IDBRequest`s, and turning DOM exceptions into [`StoreError`]s.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use indexed_db_futures::error::{Error as IdbError, OpenDbError};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::IdbRequest;

use super::StoreError;

/// Field `key` of a JS object (undefined when missing or not an object).
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub fn get_string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

pub fn set(obj: &Object, key: &str, value: &JsValue) -> Result<(), StoreError> {
    Reflect::set(obj, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(|e| js_error(&e))
}

/// Maps a DOMException by name; anything else becomes [`StoreError::Io`].
pub fn dom_error(name: &str, message: &str) -> StoreError {
    match name {
        "QuotaExceededError" => StoreError::QuotaExceeded,
        "VersionError" => StoreError::VersionTooNew,
        // The connection was closed under us (another tab upgraded the database).
        "InvalidStateError" => StoreError::Unavailable(format!(
            "the database connection was closed ({message}); reload the page"
        )),
        _ => StoreError::Io(format!("{name}: {message}")),
    }
}

/// Maps any thrown JS value.
pub fn js_error(e: &JsValue) -> StoreError {
    if let Some(d) = e.dyn_ref::<web_sys::DomException>() {
        return dom_error(&d.name(), &d.message());
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return StoreError::Io(String::from(err.message()));
    }
    StoreError::Io(
        e.as_string()
            .unwrap_or_else(|| "unknown JavaScript error".into()),
    )
}

/// Maps an `indexed_db_futures` error.
pub fn idb_error(e: IdbError) -> StoreError {
    match e {
        IdbError::DomException(d) => {
            let d = web_sys::DomException::from(d);
            dom_error(&d.name(), &d.message())
        }
        IdbError::Unknown(js) => js_error(&JsValue::from(js)),
        other => StoreError::Io(other.to_string()),
    }
}

/// Maps a failure to open: everything but the named cases means "no storage here".
pub fn open_error(e: OpenDbError) -> StoreError {
    match e {
        OpenDbError::Base(inner) => match idb_error(inner) {
            StoreError::Io(msg) => StoreError::Unavailable(msg),
            other => other,
        },
        OpenDbError::VersionZero => StoreError::Invalid("database version 0".into()),
        OpenDbError::UnsupportedEnvironment | OpenDbError::NullFactory => {
            StoreError::Unavailable("this browser offers no IndexedDB here".into())
        }
    }
}

type Outcome = Option<Result<JsValue, JsValue>>;

#[derive(Default)]
struct Slot {
    outcome: Outcome,
    waker: Option<Waker>,
}

/// A raw `IDBRequest` as a future of its result (or the error it failed with). Used
/// where `indexed_db_futures` has no handle (the upgrade transaction).
pub struct RawRequest {
    req: IdbRequest,
    slot: Rc<RefCell<Slot>>,
    _on_success: Closure<dyn FnMut()>,
    _on_error: Closure<dyn FnMut()>,
}

impl RawRequest {
    pub fn new(req: IdbRequest) -> Self {
        let slot = Rc::new(RefCell::new(Slot::default()));
        let finish = |slot: Rc<RefCell<Slot>>, req: IdbRequest, ok: bool| {
            move || {
                let outcome = if ok {
                    req.result()
                } else {
                    Err(match req.error() {
                        Ok(Some(e)) => e.into(),
                        _ => JsValue::from_str("request failed"),
                    })
                };
                let mut s = slot.borrow_mut();
                s.outcome = Some(outcome);
                if let Some(w) = s.waker.take() {
                    w.wake();
                }
            }
        };
        let on_success: Closure<dyn FnMut()> =
            Closure::new(finish(slot.clone(), req.clone(), true));
        let on_error: Closure<dyn FnMut()> = Closure::new(finish(slot.clone(), req.clone(), false));
        req.set_onsuccess(Some(on_success.as_ref().unchecked_ref()));
        req.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Self {
            req,
            slot,
            _on_success: on_success,
            _on_error: on_error,
        }
    }
}

impl Future for RawRequest {
    type Output = Result<JsValue, StoreError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut s = self.slot.borrow_mut();
        match s.outcome.take() {
            Some(r) => Poll::Ready(r.map_err(|e| js_error(&e))),
            None => {
                s.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl Drop for RawRequest {
    fn drop(&mut self) {
        self.req.set_onsuccess(None);
        self.req.set_onerror(None);
    }
}
