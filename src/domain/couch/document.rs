//! The CouchDB-shaped document model shared by storage and sync: what a write carries,
//! the list-index fields of a document, and the stored state of one document.

use serde::{Deserialize, Serialize};

use super::revision::{Rev, RevTree};

/// Fields the local list indexes are built from. Derived from a document body with
/// [`index_entry_from_json`], so documents that arrive by sync are indexed the same way.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IndexEntry {
    /// Document type (`incident`, `problem`, …); empty for unknown bodies.
    pub kind: String,
    pub status: Option<String>,
    /// Priority 1 (P1) – 5 (P5) for records that have one.
    pub priority: Option<u8>,
    /// Last update, milliseconds since the Unix epoch.
    pub updated: i64,
    /// Human reference (`INC-…`), when the record has one.
    pub reference: Option<String>,
    /// The reporter's contact, trimmed and lower-cased (incidents): how the portal finds
    /// an end user's own requests.
    pub contact: Option<String>,
}

#[derive(Deserialize)]
struct ReporterProbe {
    #[serde(default)]
    contact: String,
}

#[derive(Deserialize)]
struct IndexProbe {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    priority: Option<u8>,
    #[serde(default)]
    updated: i64,
    #[serde(default)]
    reference: Option<String>,
    #[serde(default)]
    reporter: Option<ReporterProbe>,
}

/// A contact as the index keeps it: trimmed and lower-cased (`None` when blank).
pub fn contact_key(contact: &str) -> Option<String> {
    let c = contact.trim().to_lowercase();
    (!c.is_empty()).then_some(c)
}

/// Reads the index fields from a document body. Every record kind serialises its
/// `type`, `status`, `priority` (1–5), `updated` (ms) and `reference` under these names;
/// a body without them (or not JSON at all) yields an entry that matches no list query.
pub fn index_entry_from_json(body: &str) -> IndexEntry {
    match serde_json::from_str::<IndexProbe>(body) {
        Ok(p) => IndexEntry {
            kind: p.kind,
            status: p.status,
            priority: p.priority,
            updated: p.updated,
            reference: p.reference,
            contact: p.reporter.and_then(|r| contact_key(&r.contact)),
        },
        Err(_) => IndexEntry::default(),
    }
}

/// One local edit: a new revision of a document, child of `parent` (None = create).
#[derive(Debug, Clone, PartialEq)]
pub struct NewRevision {
    pub id: String,
    /// The winning revision the edit was made on; must still be the winner when written.
    pub parent: Option<Rev>,
    pub deleted: bool,
    /// The record serialised as JSON (a CouchDB document body without `_rev`).
    pub body: String,
}

/// A revision received from another replica (by sync or a restore): a leaf with its
/// known ancestry, as CouchDB's `_revisions` gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteRevision {
    pub id: String,
    /// The revision and its ancestors, newest first, positions decreasing by one.
    pub path: Vec<super::revision::Rev>,
    pub deleted: bool,
    /// The body without CouchDB's `_`-prefixed fields.
    pub body: String,
}

/// A non-winning leaf revision kept so that no edit is ever lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeafBody {
    pub rev: Rev,
    pub deleted: bool,
    pub body: String,
}

/// Everything stored for one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocState {
    pub id: String,
    /// The winning revision (CouchDB's rule).
    pub rev: Rev,
    pub deleted: bool,
    /// Body of the winning revision.
    pub body: String,
    pub tree: RevTree,
    /// Bodies of the other leaves (conflicts and deleted branches).
    pub others: Vec<LeafBody>,
    /// Local sequence of the last write to this document.
    pub seq: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_entry_reads_known_fields() {
        let e = index_entry_from_json(
            r#"{"type":"incident","status":"new","priority":2,"updated":5,"reference":"INC-1","x":[1]}"#,
        );
        assert_eq!(e.kind, "incident");
        assert_eq!(e.status.as_deref(), Some("new"));
        assert_eq!(e.priority, Some(2));
        assert_eq!(e.updated, 5);
        assert_eq!(e.reference.as_deref(), Some("INC-1"));
    }

    #[test]
    fn index_entry_of_garbage_matches_nothing() {
        assert_eq!(index_entry_from_json("not json"), IndexEntry::default());
        assert_eq!(
            index_entry_from_json(r#"{"priority":"high"}"#),
            IndexEntry::default()
        );
    }

    #[test]
    fn reporter_contacts_are_indexed_trimmed_and_lower_cased() {
        let e = index_entry_from_json(
            r#"{"type":"incident","reporter":{"name":"Ana","contact":" Ana@Example.COM "}}"#,
        );
        assert_eq!(e.contact.as_deref(), Some("ana@example.com"));
        let blank = index_entry_from_json(r#"{"type":"incident","reporter":{"contact":"  "}}"#);
        assert_eq!(blank.contact, None);
        assert_eq!(index_entry_from_json(r#"{"type":"problem"}"#).contact, None);
    }
}
