//! The service desk crate: module list only (see docs/ARCHITECTURE.md for the layers and
//! the one-way dependency rule).

pub mod app;
pub mod components;
pub mod domain;
pub mod ops;
pub mod pages;
pub mod routes;
pub mod search;
pub mod state;
pub mod storage;
pub mod sync;

#[cfg(test)]
pub mod test_util;
