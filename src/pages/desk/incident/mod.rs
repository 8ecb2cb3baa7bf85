//! The incident pages: the workbench of one incident and its panels, the new and
//! edit forms, and the CSV import.

pub mod act;
pub mod assignment;
pub mod detail;
pub mod edit;
pub mod import;
pub mod lifecycle;
pub mod links;
pub mod load;
pub mod new;
pub mod notes;
pub mod service_level;
pub mod timeline;
pub mod workaround;
