//! Form building blocks every form shares: the save flow and its error rule, the
//! unsaved-changes guard, the in-page confirmation and inline field errors.

pub mod confirm;
pub mod field_error;
pub mod save_flow;
pub mod unsaved_guard;
