//! Errors the state layer shows to people: storage, validation and lifecycle failures
//! as plain data with a readable message.

use crate::domain::kernel::lifecycle::TransitionError;
use crate::domain::kernel::validation::ValidationErrors;
use crate::storage::StoreError;

/// What went wrong in an action, in words a person can act on.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("Please correct the highlighted fields.")]
    Validation(ValidationErrors),
    #[error("{0}")]
    Transition(#[from] TransitionError),
    #[error("This record was changed elsewhere since you opened it. Reload it to see the changes, then edit again.")]
    Stale,
    /// An action on several records was refused as a whole; says why.
    #[error("Nothing was changed: {0}")]
    Refused(String),
    #[error("{0} was not found.")]
    NotFound(String),
    #[error("Stored record {id} could not be read: {reason}")]
    Corrupt { id: String, reason: String },
}

impl From<ValidationErrors> for AppError {
    fn from(e: ValidationErrors) -> Self {
        AppError::Validation(e)
    }
}

impl AppError {
    /// The field-level messages, when this is a validation error.
    pub fn validation(&self) -> Option<&ValidationErrors> {
        match self {
            AppError::Validation(v) => Some(v),
            _ => None,
        }
    }
}
