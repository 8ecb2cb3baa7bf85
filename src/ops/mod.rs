//! What the pages ask of the desk, as plain async functions over any [`Store`]: reads,
//! writes in one committed transaction each, and the in-memory queue and search
//! index. No Leptos here: every function is tested natively on the memory store.
//!
//! [`Store`]: crate::storage::Store

pub mod clock;
pub mod conflicts;
pub mod dashboard;
pub mod demo;
pub mod directory;
pub mod error;
pub mod home;
pub mod incident;
pub mod knowledge;
pub mod known_error;
pub mod portal;
pub mod practices;
pub mod problem;
pub mod queue;
pub mod records;
pub mod release;
pub mod search;
pub mod settings;
pub mod transfer;
