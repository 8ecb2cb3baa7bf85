//! The service desk crate: module list only (see DESIGN.md for the layering rules).

pub mod app;
pub mod components;
pub mod domain;
pub mod pages;
pub mod routes;
pub mod search;
pub mod state;
pub mod storage;
pub mod sync;

#[cfg(test)]
pub mod test_util;
