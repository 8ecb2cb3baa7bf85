//! The inverted index: a term dictionary (hashed for lookups, sorted for prefix
//! ranges), one posting per term and record with its count in each field, a forward
//! list per record so a record is removed or replaced in place, per-field lengths for
//! BM25F, term buckets by length for typo matching, and a sorted map of codes
//! (references, their numbers, error codes) for exact and prefix lookup. References
//! live only in the code map: 50k unique references in the dictionary would make every
//! prefix and typo scan walk them.
//!
//! Records are added, replaced and removed one at a time; the result is the same as
//! building from scratch (see [`Index::snapshot`] and the property test).

use std::collections::{BTreeMap, HashMap};

mod persist;
pub use persist::PersistError;
mod snapshot;
pub use snapshot::Snapshot;

use super::distance::letters;
use super::tokenize::{compact, scan};
use super::{Kind, SearchDoc};

/// Fields, most telling first: reference and error code, title, summary, body.
pub const FIELDS: usize = 4;

/// [`Index::kinds`] of a free slot.
pub(crate) const FREE: u8 = u8::MAX;

/// What a result shows and what filters look at, kept per record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocMeta {
    pub id: String,
    pub kind: Kind,
    pub reference: String,
    pub code: Option<String>,
    pub title: String,
    pub snippet: String,
    pub status: &'static str,
    pub services: Vec<String>,
    pub created: i64,
    pub updated: i64,
    pub public: bool,
}

/// One record holding one term: how often it occurs in each field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Posting {
    pub slot: u32,
    pub tf: [u8; FIELDS],
}

/// The index. Slots are reused after removals; term ids too.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Records by slot; `None` for a free slot.
    pub(crate) docs: Vec<Option<DocMeta>>,
    free_slots: Vec<u32>,
    slot_of: HashMap<String, u32>,
    /// Term → term id, for lookups while indexing.
    ids: HashMap<Box<str>, u32>,
    /// Term → term id, sorted (prefix ranges).
    pub(crate) terms: BTreeMap<Box<str>, u32>,
    /// Term id → term (empty for a free id).
    pub(crate) term_text: Vec<Box<str>>,
    /// Term id → postings.
    pub(crate) postings: Vec<Vec<Posting>>,
    free_terms: Vec<u32>,
    /// Alphabetic term ids by length in characters: the candidates for typo matching.
    /// Each with its letter set ([`letters`]), which rules most candidates out
    /// before an edit distance is computed.
    pub(crate) by_len: Vec<Vec<(u32, u32)>>,
    /// Slot → the ids of its distinct terms.
    forward: Vec<Vec<u32>>,
    /// Slot → number of terms in each field.
    pub(crate) lens: Vec<[u16; FIELDS]>,
    len_sum: [u64; FIELDS],
    live: u32,
    /// Code (compact reference, reference without its kind, reference number, error
    /// code) → the slots holding it, and whether the code is the record's whole
    /// reference or error code (an exact hit) rather than its number.
    /// Keyed by code and slot, so a prefix walks one flat ordered run.
    pub(crate) codes: BTreeMap<(Box<str>, u32), bool>,
    /// Slot → kind ([`FREE`] for a free slot), created and updated (ms): what every
    /// query reads for every candidate, kept apart from the rest for speed.
    pub(crate) kinds: Vec<u8>,
    pub(crate) created: Vec<i64>,
    pub(crate) updated: Vec<i64>,
    /// Refuses records the portal may not show.
    public_only: bool,
}

fn meta(doc: &SearchDoc) -> DocMeta {
    DocMeta {
        id: doc.id.clone(),
        kind: doc.kind,
        reference: doc.reference.clone(),
        code: doc.code.clone(),
        title: doc.title.clone(),
        snippet: doc.snippet.clone(),
        status: doc.status,
        services: doc.services.clone(),
        created: doc.created,
        updated: doc.updated,
        public: doc.public,
    }
}

impl Index {
    /// An empty index of every record.
    pub fn new() -> Index {
        Index::default()
    }

    /// An empty index that only ever holds what the portal may show: records that are
    /// not public are refused (and removed if an earlier version was public).
    pub fn public() -> Index {
        Index {
            public_only: true,
            ..Index::default()
        }
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.live as usize
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// True when the record is indexed.
    pub fn contains(&self, id: &str) -> bool {
        self.slot_of.contains_key(id)
    }

    /// Adds a record, replacing an earlier version of it.
    pub fn upsert(&mut self, doc: &SearchDoc) {
        self.remove(&doc.id);
        if self.public_only && !doc.public {
            return;
        }
        // (term id, field) for every term, then counted per term.
        let mut pairs: Vec<(u32, u8)> = Vec::new();
        let mut lens = [0u16; FIELDS];
        let code = doc.code.as_deref().unwrap_or("");
        for (field, text) in [
            (0u8, code),
            (1, doc.title.as_str()),
            (2, doc.summary.as_str()),
            (3, doc.body.as_str()),
        ] {
            scan(text, |t| {
                pairs.push((self.term_id(t.term), field));
                let l = &mut lens[usize::from(field)];
                *l = l.saturating_add(1);
            });
        }
        pairs.sort_unstable();
        let slot = match self.free_slots.pop() {
            Some(s) => s,
            None => {
                self.docs.push(None);
                self.forward.push(Vec::new());
                self.lens.push([0; FIELDS]);
                self.kinds.push(FREE);
                self.created.push(0);
                self.updated.push(0);
                (self.docs.len() - 1) as u32
            }
        };
        let mut ids: Vec<u32> = Vec::new();
        for (tid, field) in pairs {
            if ids.last() != Some(&tid) {
                ids.push(tid);
                self.postings[tid as usize].push(Posting {
                    slot,
                    tf: [0; FIELDS],
                });
            }
            if let Some(p) = self.postings[tid as usize].last_mut() {
                let tf = &mut p.tf[usize::from(field)];
                *tf = tf.saturating_add(1);
            }
        }
        let s = slot as usize;
        self.forward[s] = ids;
        self.lens[s] = lens;
        for (sum, l) in self.len_sum.iter_mut().zip(lens) {
            *sum += u64::from(l);
        }
        for (key, exact) in code_keys(&doc.reference, doc.code.as_deref()) {
            self.codes.insert((key.into_boxed_str(), slot), exact);
        }
        self.kinds[s] = doc.kind as u8;
        self.created[s] = doc.created;
        self.updated[s] = doc.updated;
        self.docs[s] = Some(meta(doc));
        self.slot_of.insert(doc.id.clone(), slot);
        self.live += 1;
    }

    /// Removes a record; nothing happens when it is not indexed.
    pub fn remove(&mut self, id: &str) {
        let Some(slot) = self.slot_of.remove(id) else {
            return;
        };
        let s = slot as usize;
        for tid in std::mem::take(&mut self.forward[s]) {
            let list = &mut self.postings[tid as usize];
            if let Some(at) = list.iter().position(|p| p.slot == slot) {
                list.swap_remove(at);
            }
            if list.is_empty() {
                self.free_term(tid);
            }
        }
        for (sum, l) in self.len_sum.iter_mut().zip(self.lens[s]) {
            *sum -= u64::from(l);
        }
        self.lens[s] = [0; FIELDS];
        self.kinds[s] = FREE;
        if let Some(doc) = self.docs[s].take() {
            for (key, _) in code_keys(&doc.reference, doc.code.as_deref()) {
                self.codes.remove(&(key.into_boxed_str(), slot));
            }
        }
        self.free_slots.push(slot);
        self.live -= 1;
    }

    fn term_id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let text: Box<str> = term.into();
        let id = match self.free_terms.pop() {
            Some(id) => {
                self.term_text[id as usize] = text.clone();
                id
            }
            None => {
                self.term_text.push(text.clone());
                self.postings.push(Vec::new());
                (self.term_text.len() - 1) as u32
            }
        };
        if text.chars().all(char::is_alphabetic) {
            let n = text.chars().count();
            if self.by_len.len() <= n {
                self.by_len.resize_with(n + 1, Vec::new);
            }
            self.by_len[n].push((id, letters(&text)));
        }
        self.ids.insert(text.clone(), id);
        self.terms.insert(text, id);
        id
    }

    fn free_term(&mut self, tid: u32) {
        let text = std::mem::take(&mut self.term_text[tid as usize]);
        self.terms.remove(&text);
        self.ids.remove(&text);
        if text.chars().all(char::is_alphabetic) {
            if let Some(bucket) = self.by_len.get_mut(text.chars().count()) {
                if let Some(at) = bucket.iter().position(|&(x, _)| x == tid) {
                    bucket.swap_remove(at);
                }
            }
        }
        self.postings[tid as usize] = Vec::new();
        self.free_terms.push(tid);
    }

    /// Slots whose whole reference or error code is `key` ([`compact`] form).
    pub(crate) fn exact(&self, key: &str) -> Vec<u32> {
        let key: Box<str> = key.into();
        self.codes
            .range((key.clone(), 0)..=(key, u32::MAX))
            .filter(|(_, &exact)| exact)
            .map(|((_, slot), _)| *slot)
            .collect()
    }

    /// Average number of terms per field over the records.
    pub(crate) fn avg_lens(&self) -> [f32; FIELDS] {
        let n = self.live.max(1) as f32;
        self.len_sum.map(|s| (s as f32 / n).max(1.0))
    }

    /// The record in a slot.
    pub(crate) fn doc(&self, slot: u32) -> Option<&DocMeta> {
        self.docs.get(slot as usize).and_then(Option::as_ref)
    }

    /// Number of slots (live and free).
    pub(crate) fn slots(&self) -> usize {
        self.docs.len()
    }

    /// The record with this id.
    pub fn get(&self, id: &str) -> Option<&DocMeta> {
        self.slot_of.get(id).and_then(|&s| self.doc(s))
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }
}

/// The codes of a record, each with whether it is an exact key: its reference
/// (`inc7k3qf0042`), the reference without its kind (`7k3qf0042`) and its error code
/// are; the reference's number without zeros (`42`) is not.
fn code_keys(reference: &str, code: Option<&str>) -> Vec<(String, bool)> {
    let mut keys: Vec<(String, bool)> = Vec::new();
    let mut add = |key: String, exact: bool| {
        if !key.is_empty() && !keys.iter().any(|(k, _)| *k == key) {
            keys.push((key, exact));
        }
    };
    add(compact(reference), true);
    if let Some((_, rest)) = reference.split_once('-') {
        add(compact(rest), true);
    }
    if let Some(number) = reference.rsplit('-').next().filter(|n| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && reference.contains('-')
    }) {
        let trimmed = number.trim_start_matches('0');
        add(
            if trimmed.is_empty() { "0" } else { trimmed }.to_owned(),
            false,
        );
    }
    if let Some(code) = code {
        add(compact(code), true);
    }
    keys
}

#[cfg(test)]
mod tests;
