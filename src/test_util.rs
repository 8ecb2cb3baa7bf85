//! Helpers for native unit tests: running the stores' futures to completion.

use std::future::Future;
use std::task::{Context, Poll, Waker};

/// Runs a future that never waits on anything outside itself (all `MemoryStore`
/// calls), polling until it is ready.
pub fn block_on<F: Future>(f: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut f = std::pin::pin!(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}
