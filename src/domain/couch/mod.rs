//! The CouchDB document model that storage, sync and backups share: what a write
//! carries, the one `Record` envelope, revision trees with CouchDB's winner rule, and
//! the field-by-field merge of conflicting versions.

pub mod conflict_merge;
pub mod document;
pub mod record;
pub mod revision;
