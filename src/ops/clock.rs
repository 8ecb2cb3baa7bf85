//! The wall clock and fresh ids, from the browser (`std::time` panics on wasm32).

use crate::domain::kernel::time::Timestamp;

/// Now, from `Date.now()` in the browser (the host clock in native builds).
pub fn now() -> Timestamp {
    #[cfg(target_arch = "wasm32")]
    {
        Timestamp(js_sys::Date::now() as i64)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        Timestamp(ms)
    }
}

/// A random UUID v4 as a hyphenated lowercase string.
pub fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A high-resolution instant in milliseconds (`performance.now()` in the browser), for
/// measuring how long something took.
pub fn precise_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64()
            * 1000.0
    }
}

/// Lets the browser run other work (input, painting) before continuing: a `setTimeout`
/// of zero in the browser, nothing in native builds. Long jobs call it between chunks.
pub async fn pause() {
    #[cfg(target_arch = "wasm32")]
    {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Waits `ms` milliseconds (a `setTimeout` in the browser; returns at once natively).
pub async fn sleep_ms(ms: u32) {
    #[cfg(target_arch = "wasm32")]
    {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    &resolve,
                    i32::try_from(ms).unwrap_or(i32::MAX),
                );
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = ms;
}
