//! The record forms (incident, problem, known error, article, release), built from
//! the shared pieces in [`super::form`].

pub mod article;
pub mod incident;
pub mod known_error;
pub mod problem;
pub mod release;
