//! Replication with a CouchDB-compatible endpoint (the only module that does HTTP): the
//! protocol's wire shapes, checkpoints, one replication run over any store and
//! transport, and the browser's `fetch` transport.

pub mod checkpoint;
pub mod protocol;
pub mod replicate;
pub mod session;
pub mod transport;

#[cfg(target_arch = "wasm32")]
pub mod http;

#[cfg(test)]
mod fake_couch;
#[cfg(test)]
mod replicate_tests;
