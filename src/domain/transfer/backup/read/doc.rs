//! Checking one document of a backup: its id, each leaf's revision path, that the
//! paths build one revision tree (the check sync applies), and that live bodies read as
//! records of the id's kind. Returns the leaves as revisions to merge.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{json_depth, json_reason, size_text, CheckedDoc};
use crate::domain::couch::document::RemoteRevision;
use crate::domain::couch::record::{kind_of_id, Record, KINDS};
use crate::domain::couch::revision::{Rev, RevTree};
use crate::domain::transfer::backup::{MAX_DEPTH, MAX_DOC_BYTES, MAX_ID_LEN, MAX_LEAVES, MAX_PATH};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocIn<'a> {
    id: String,
    #[serde(borrow)]
    leaves: Vec<LeafIn<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LeafIn<'a> {
    start: u64,
    ids: Vec<String>,
    #[serde(default)]
    deleted: bool,
    #[serde(borrow)]
    body: &'a RawValue,
}

/// Checks a document id: `<kind>:<rest>` with a known kind, as the app makes them.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() || id.len() > MAX_ID_LEN {
        return Err(format!("an id must have 1 to {MAX_ID_LEN} characters"));
    }
    let kind = kind_of_id(id)
        .ok_or_else(|| format!("the id \"{id}\" is not of the form <kind>:<uuid>"))?;
    if !KINDS.contains(&kind) {
        return Err(format!(
            "the id \"{id}\" names an unknown kind of record \"{kind}\""
        ));
    }
    let rest = &id[kind.len() + 1..];
    if rest.is_empty()
        || !rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        return Err(format!(
            "the id \"{id}\" must be <kind>:<uuid> (letters, digits, '-', '_' or '.')"
        ));
    }
    Ok(())
}

/// The revision path of a leaf (newest first), checked.
fn leaf_path(leaf: &LeafIn) -> Result<Vec<Rev>, String> {
    if leaf.ids.is_empty() || leaf.ids.len() > MAX_PATH {
        return Err(format!(
            "a revision path must have 1 to {MAX_PATH} revisions"
        ));
    }
    if leaf.start == 0 || (leaf.ids.len() as u64) > leaf.start {
        return Err(format!(
            "a revision path of {} revisions cannot start at revision {}",
            leaf.ids.len(),
            leaf.start
        ));
    }
    leaf.ids
        .iter()
        .enumerate()
        .map(|(i, hash)| {
            if hash.is_empty()
                || hash.len() > MAX_ID_LEN
                || !hash.bytes().all(|b| b.is_ascii_graphic())
            {
                return Err("a revision hash must be 1 to 200 visible characters".into());
            }
            Ok(Rev::new(leaf.start - i as u64, hash.clone()))
        })
        .collect()
}

/// Checks one document's JSON text and returns its leaves as revisions to merge.
pub fn check_document(text: &str) -> Result<CheckedDoc, String> {
    if text.len() > MAX_DOC_BYTES {
        return Err(format!(
            "the document is {}; a document may be at most {}",
            size_text(text.len() as u64),
            size_text(MAX_DOC_BYTES as u64)
        ));
    }
    // The document, its leaves list and a leaf hold the body: three levels above it.
    if json_depth(text) > MAX_DEPTH + 3 {
        return Err(format!(
            "the document is nested deeper than {MAX_DEPTH} levels"
        ));
    }
    let doc: DocIn = serde_json::from_str(text)
        .map_err(|e| format!("not a backup document: {}", json_reason(&e)))?;
    check_id(&doc.id)?;
    if doc.leaves.is_empty() || doc.leaves.len() > MAX_LEAVES {
        return Err(format!(
            "\"{}\" must have 1 to {MAX_LEAVES} leaf revisions",
            doc.id
        ));
    }
    let mut tree = RevTree::new();
    let mut paths = Vec::with_capacity(doc.leaves.len());
    for leaf in &doc.leaves {
        let path = leaf_path(leaf).map_err(|e| format!("\"{}\": {e}", doc.id))?;
        // The same check sync applies to a revision path it receives.
        tree.merge_path(&path, leaf.deleted)
            .map_err(|e| format!("\"{}\": revision history: {e}", doc.id))?;
        paths.push(path);
    }
    let leaves = tree.leaves();
    for path in &paths {
        let leaf = &path[0];
        if !leaves.iter().any(|n| &n.rev == leaf) {
            return Err(format!(
                "\"{}\": revision {leaf} is listed as a leaf but another revision descends from it",
                doc.id
            ));
        }
        if !tree.ancestry(leaf).starts_with(path) {
            return Err(format!(
                "\"{}\": the histories of its leaves disagree about revision {leaf}",
                doc.id
            ));
        }
    }
    if leaves.len() != paths.len() {
        return Err(format!("\"{}\": a leaf revision is listed twice", doc.id));
    }
    let kind = kind_of_id(&doc.id).unwrap_or_default();
    let mut revs = Vec::with_capacity(paths.len());
    for (leaf, path) in doc.leaves.iter().zip(paths) {
        let body = leaf.body.get();
        if !body.trim_start().starts_with('{') {
            return Err(format!("\"{}\": a body must be a JSON object", doc.id));
        }
        if !leaf.deleted {
            let record = Record::from_json(body).map_err(|e| {
                format!(
                    "\"{}\": the record does not read: {}",
                    doc.id,
                    json_reason(&e)
                )
            })?;
            if record.kind() != kind || record.id() != doc.id {
                return Err(format!(
                    "\"{}\": its body is a {} with id \"{}\"",
                    doc.id,
                    record.kind(),
                    record.id()
                ));
            }
        }
        revs.push(RemoteRevision {
            id: doc.id.clone(),
            path,
            deleted: leaf.deleted,
            body: body.to_owned(),
        });
    }
    Ok(CheckedDoc { id: doc.id, revs })
}
