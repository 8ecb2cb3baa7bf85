//! What the browser benchmarks share: a high-resolution clock and the `BENCH {json}`
//! line `scripts/bench.sh` collects.

use wasm_bindgen_test::console_log;

/// `performance.now()`, in milliseconds.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// Prints one figure for `scripts/bench.sh` (`extra` adds JSON fields, starting ",").
pub fn report(name: &str, ms: f64, extra: &str) {
    console_log!("BENCH {{\"name\":\"{name}\",\"ms\":{ms:.2}{extra}}}");
}
