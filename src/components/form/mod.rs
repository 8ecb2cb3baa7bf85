//! Form building blocks every form shares: the form state that runs every write (one
//! rule for where errors go), the save flow of the record forms, the unsaved-changes
//! guard, the in-page confirmation and inline field errors.

pub mod confirm;
pub mod field_error;
pub mod save_flow;
pub mod state;
pub mod unsaved_guard;
