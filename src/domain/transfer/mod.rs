//! Moving the desk's data in and out as files: the JSON backup format and the CSV
//! exports and import.

pub mod backup;
pub mod csv;
