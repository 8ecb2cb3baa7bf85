//! Form building blocks every form shares: the form state that runs every write (one
//! rule for where errors go), the labelled field with its inline message, the selects
//! of an enum's values and of a record, the save flow of the record forms, the
//! unsaved-changes guard and the in-page confirmation.

pub mod confirm;
pub mod enum_select;
pub mod field;
pub mod field_error;
pub mod record_picker;
pub mod save_flow;
pub mod state;
pub mod unsaved_guard;
