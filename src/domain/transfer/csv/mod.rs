//! CSV: RFC 4180 writing with formulas neutralised, the list exports, and the
//! incident import (parsing, column mapping, per-row checks).

pub mod export;
pub mod import;
pub mod out;
