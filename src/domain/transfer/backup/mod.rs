//! The desk's JSON backup format (version 1): its header, limits, errors and writer.
//!
//! A backup is one JSON object laid out one document per line, so that a reader can
//! go through a large file a slice at a time:
//!
//! ```text
//! {"format":"service-desk-backup","version":1,"schema":4,"created":1718000000000,"document_count":2,"meta":{"counter:INC":"42"},
//! "documents":[
//! {"id":"incident:…","leaves":[{"start":2,"ids":["9f…","1c…"],"deleted":false,"body":{…}}]},
//! {"id":"service:…","leaves":[…]}
//! ]}
//! ```
//!
//! Each document lists every leaf of its revision tree (the winner first, then
//! conflicts and deleted branches) with its ancestry (`start` = the leaf's revision
//! number, `ids` = hashes newest first, as CouchDB's `_revisions`) and its body. The
//! `meta` object holds configuration kept outside documents: the reference counters.
//! Reading is in [`crate::domain::transfer::backup::read`].

pub mod read;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::value::RawValue;

use crate::domain::couch::document::DocState;
use crate::domain::couch::revision::Rev;
use crate::domain::kernel::reference::RefKind;
use crate::domain::kernel::time::Timestamp;

/// The `format` every backup names.
pub const FORMAT: &str = "service-desk-backup";
/// The format version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
/// One megabyte.
const MB: u64 = 1024 * 1024;
/// Largest file read: the whole file sits in memory while it is checked.
pub const MAX_FILE_BYTES: u64 = 512 * MB;
/// Largest document (one line, all leaves): records are a few kilobytes; a megabyte
/// leaves room for long articles and refuses a 60 MB string at once.
pub const MAX_DOC_BYTES: usize = MB as usize;
/// Most documents in one backup: five times the largest desk the app is measured at.
pub const MAX_DOCUMENTS: usize = 1_000_000;
/// Deepest JSON nesting of a body: records nest a handful of levels.
pub const MAX_DEPTH: usize = 64;
/// Most leaves (conflicts and deleted branches) of one document.
pub const MAX_LEAVES: usize = 100;
/// Longest revision path, CouchDB's default `_revs_limit`.
pub const MAX_PATH: usize = 1_000;
/// Longest document id and revision hash.
pub const MAX_ID_LEN: usize = 200;

/// Why a file cannot be restored: where (document and line, when known) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupError {
    /// 1-based document number, when the problem is in one document.
    pub document: Option<usize>,
    /// 1-based line of the file, when known.
    pub line: Option<usize>,
    pub reason: String,
}

impl BackupError {
    /// A problem with the file as a whole.
    pub fn file(reason: impl Into<String>) -> Self {
        Self {
            document: None,
            line: None,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.document, self.line) {
            (Some(d), Some(l)) => write!(f, "Document {d} (line {l}): {}", self.reason),
            (Some(d), None) => write!(f, "Document {d}: {}", self.reason),
            (None, Some(l)) => write!(f, "Line {l}: {}", self.reason),
            (None, None) => f.write_str(&self.reason),
        }
    }
}

impl std::error::Error for BackupError {}

/// What a backup says about itself, before its documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub version: u32,
    /// The database schema version of the app that wrote it.
    pub schema: u32,
    pub created: Timestamp,
    pub document_count: usize,
    /// Configuration entries (see [`is_backup_meta_key`]), value as stored.
    pub meta: BTreeMap<String, String>,
}

/// The meta keys a backup carries: the per-device reference counters
/// (`counter:INC`, …). Sync checkpoints, sync settings, the search index and the
/// device tag are this device's own and never leave it or get overwritten.
pub fn backup_meta_keys() -> Vec<String> {
    RefKind::ALL
        .iter()
        .map(|k| format!("counter:{}", k.prefix()))
        .collect()
}

/// Whether `key` is a meta entry a backup may carry.
pub fn is_backup_meta_key(key: &str) -> bool {
    key.strip_prefix("counter:")
        .and_then(RefKind::from_prefix)
        .is_some()
}

#[derive(Serialize)]
struct HeaderOut<'a> {
    format: &'a str,
    version: u32,
    schema: u32,
    created: Timestamp,
    document_count: usize,
    meta: &'a BTreeMap<String, String>,
}

/// The first two lines of a backup (each ending in a newline).
pub fn encode_header(h: &Header) -> String {
    let out = HeaderOut {
        format: FORMAT,
        version: h.version,
        schema: h.schema,
        created: h.created,
        document_count: h.document_count,
        meta: &h.meta,
    };
    // A struct of strings, numbers and a string map always serialises.
    let json = serde_json::to_string(&out).unwrap_or_default();
    let open = json.strip_suffix('}').unwrap_or(&json);
    format!("{open},\n\"documents\":[\n")
}

/// The separator between two document lines.
pub const DOC_SEPARATOR: &str = ",\n";
/// The last line of a backup (after the last document line).
pub const FOOTER: &str = "\n]}\n";
/// The end of a backup with no documents (straight after the header).
pub const EMPTY_FOOTER: &str = "]}\n";

#[derive(Serialize)]
struct LeafOut<'a> {
    start: u64,
    ids: Vec<&'a str>,
    deleted: bool,
    body: &'a RawValue,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: &'a str,
    leaves: Vec<LeafOut<'a>>,
}

/// One document as a backup line (no separator): every leaf with its ancestry.
/// A stored body that is not JSON is refused (the database is damaged).
pub fn encode_document(state: &DocState) -> Result<String, BackupError> {
    let mut leaves = Vec::with_capacity(1 + state.others.len());
    let winner = std::iter::once((&state.rev, state.deleted, state.body.as_str()));
    let others = state
        .others
        .iter()
        .map(|l| (&l.rev, l.deleted, l.body.as_str()));
    let ancestries: Vec<(Vec<Rev>, bool, &str)> = winner
        .chain(others)
        .map(|(rev, deleted, body)| (state.tree.ancestry(rev), deleted, body))
        .collect();
    for (path, deleted, body) in &ancestries {
        let damaged = |why: &str| {
            BackupError::file(format!(
                "the stored document \"{}\" is damaged ({why}); it cannot be backed up",
                state.id
            ))
        };
        let start = path
            .first()
            .ok_or_else(|| damaged("a leaf has no history"))?;
        let body: &RawValue =
            serde_json::from_str(body).map_err(|_| damaged("its body is not JSON"))?;
        leaves.push(LeafOut {
            start: start.pos,
            ids: path.iter().map(|r| r.hash.as_str()).collect(),
            deleted: *deleted,
            body,
        });
    }
    serde_json::to_string(&DocOut {
        id: &state.id,
        leaves,
    })
    .map_err(|e| BackupError::file(e.to_string()))
}

/// A whole backup in one string: for tests and small desks (the app writes the same
/// text a slice at a time).
pub fn encode_all(header: &Header, docs: &[DocState]) -> Result<String, BackupError> {
    let mut out = encode_header(header);
    if docs.is_empty() {
        out.push_str(EMPTY_FOOTER);
        return Ok(out);
    }
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str(DOC_SEPARATOR);
        }
        out.push_str(&encode_document(d)?);
    }
    out.push_str(FOOTER);
    Ok(out)
}

/// What a restore did, counted per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Documents that were not here before.
    pub added: usize,
    /// Documents here before that gained revisions.
    pub updated: usize,
    /// Documents that gained nothing (every revision was already here).
    pub unchanged: usize,
    /// Documents that have more conflicting leaves than before.
    pub conflicts_created: usize,
}

impl Outcome {
    /// Counts one document from its state before and after the restore.
    pub fn count(&mut self, before: Option<&DocState>, after: Option<&DocState>) {
        let conflicts = |s: Option<&DocState>| s.map_or(0, |s| s.tree.conflicts().len());
        match (before, after) {
            (None, Some(_)) => self.added += 1,
            (Some(b), Some(a)) if a.tree.len() > b.tree.len() => self.updated += 1,
            _ => self.unchanged += 1,
        }
        if conflicts(after) > conflicts(before) {
            self.conflicts_created += 1;
        }
    }

    /// Adds another tally (of a later batch).
    pub fn add(&mut self, other: Outcome) {
        self.added += other.added;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.conflicts_created += other.conflicts_created;
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} updated, {} unchanged, {} with new conflicts",
            self.added, self.updated, self.unchanged, self.conflicts_created
        )
    }
}

#[cfg(test)]
pub(crate) mod tests;
