//! Backups, restores and CSV files over the store: what the data page and the list
//! exports run.

pub mod backup;
pub mod csv_export;
pub mod csv_import;
