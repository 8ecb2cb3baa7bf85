//! The inverted index: a sorted term dictionary (prefix ranges), one posting per term
//! and record with its count in each field, a forward list per record so a record is
//! removed or replaced in place, per-field lengths for BM25F, term buckets by length
//! for typo matching, and exact lookup of references and error codes.
//!
//! Records are added, replaced and removed one at a time; the result is the same as
//! building from scratch (see [`Index::snapshot`] and the property test).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::tokenize::{compact, tokens};
use super::{Kind, SearchDoc};

/// Fields, most telling first: reference and error code, title, summary, body.
pub const FIELDS: usize = 4;

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
    /// Term → term id, sorted (prefix ranges).
    pub(crate) terms: BTreeMap<Box<str>, u32>,
    /// Term id → term (empty for a free id).
    pub(crate) term_text: Vec<Box<str>>,
    /// Term id → postings.
    pub(crate) postings: Vec<Vec<Posting>>,
    free_terms: Vec<u32>,
    /// Alphabetic term ids by length in characters: the candidates for typo matching.
    pub(crate) by_len: Vec<Vec<u32>>,
    /// Slot → the ids of its distinct terms.
    forward: Vec<Vec<u32>>,
    /// Slot → number of terms in each field.
    pub(crate) lens: Vec<[u16; FIELDS]>,
    len_sum: [u64; FIELDS],
    live: u32,
    /// Compact reference or error code → slots.
    lookup: HashMap<String, Vec<u32>>,
    /// Refuses records the portal may not show.
    public_only: bool,
}

/// The index's content independent of slots, term ids and insertion order: two indexes
/// with equal snapshots answer every query the same way.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub postings: BTreeMap<String, BTreeMap<String, [u8; FIELDS]>>,
    pub docs: BTreeMap<String, (DocMeta, [u16; FIELDS])>,
    pub lookup: BTreeMap<String, BTreeSet<String>>,
    pub by_len: BTreeMap<usize, BTreeSet<String>>,
    pub len_sum: [u64; FIELDS],
    pub live: u32,
}

/// Longest field length counted (terms); longer fields count as this long.
const MAX_LEN: u16 = u16::MAX;

/// Shortest snippet cut; see [`SearchDoc::snippet`].
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

/// The terms of a reference: its joined form and the parts with digits (device tag,
/// number), not the kind prefix every record of the kind shares.
fn reference_terms(reference: &str) -> impl Iterator<Item = String> {
    tokens(reference)
        .into_iter()
        .filter(|t| t.joined || t.term.bytes().any(|b| b.is_ascii_digit()))
        .map(|t| t.term)
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
        let mut counts: HashMap<String, [u8; FIELDS]> = HashMap::new();
        let mut lens = [0u16; FIELDS];
        let mut add = |field: usize, term: String| {
            let tf = counts.entry(term).or_insert([0; FIELDS]);
            tf[field] = tf[field].saturating_add(1);
            lens[field] = lens[field].saturating_add(1).min(MAX_LEN);
        };
        for term in reference_terms(&doc.reference) {
            add(0, term);
        }
        for text in doc.code.iter() {
            for t in tokens(text) {
                add(0, t.term);
            }
        }
        for (field, text) in [(1, &doc.title), (2, &doc.summary), (3, &doc.body)] {
            for t in tokens(text) {
                add(field, t.term);
            }
        }
        let slot = match self.free_slots.pop() {
            Some(s) => s,
            None => {
                self.docs.push(None);
                self.forward.push(Vec::new());
                self.lens.push([0; FIELDS]);
                (self.docs.len() - 1) as u32
            }
        };
        let mut ids = Vec::with_capacity(counts.len());
        for (term, tf) in counts {
            let tid = self.term_id(term);
            self.postings[tid as usize].push(Posting { slot, tf });
            ids.push(tid);
        }
        let s = slot as usize;
        self.forward[s] = ids;
        self.lens[s] = lens;
        for (sum, l) in self.len_sum.iter_mut().zip(lens) {
            *sum += u64::from(l);
        }
        for key in lookup_keys(doc.reference.as_str(), doc.code.as_deref()) {
            self.lookup.entry(key).or_default().push(slot);
        }
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
        if let Some(doc) = self.docs[s].take() {
            for key in lookup_keys(&doc.reference, doc.code.as_deref()) {
                if let Some(slots) = self.lookup.get_mut(&key) {
                    slots.retain(|&x| x != slot);
                    if slots.is_empty() {
                        self.lookup.remove(&key);
                    }
                }
            }
        }
        self.free_slots.push(slot);
        self.live -= 1;
    }

    fn term_id(&mut self, term: String) -> u32 {
        if let Some(&id) = self.terms.get(term.as_str()) {
            return id;
        }
        let text: Box<str> = term.into_boxed_str();
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
            self.by_len[n].push(id);
        }
        self.terms.insert(text, id);
        id
    }

    fn free_term(&mut self, tid: u32) {
        let text = std::mem::take(&mut self.term_text[tid as usize]);
        self.terms.remove(&text);
        if text.chars().all(char::is_alphabetic) {
            if let Some(bucket) = self.by_len.get_mut(text.chars().count()) {
                if let Some(at) = bucket.iter().position(|&x| x == tid) {
                    bucket.swap_remove(at);
                }
            }
        }
        self.postings[tid as usize] = Vec::new();
        self.free_terms.push(tid);
    }

    /// Slots whose reference or error code is exactly `key` ([`compact`] form).
    pub(crate) fn exact(&self, key: &str) -> &[u32] {
        self.lookup.get(key).map_or(&[], Vec::as_slice)
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

    /// Approximate bytes the index holds on the heap (capacities, not just lengths).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let meta: usize = self
            .docs
            .iter()
            .flatten()
            .map(|d| {
                d.id.capacity()
                    + d.reference.capacity()
                    + d.title.capacity()
                    + d.snippet.capacity()
                    + d.code.as_ref().map_or(0, String::capacity)
                    + d.services.iter().map(|s| s.capacity() + 24).sum::<usize>()
            })
            .sum();
        let postings: usize = self
            .postings
            .iter()
            .map(|p| p.capacity() * size_of::<Posting>() + size_of::<Vec<Posting>>())
            .sum();
        let forward: usize = self
            .forward
            .iter()
            .map(|f| f.capacity() * 4 + size_of::<Vec<u32>>())
            .sum();
        let terms: usize = self.term_text.iter().map(|t| 2 * t.len() + 48).sum();
        let slot_of: usize = self.slot_of.keys().map(|k| k.capacity() + 40).sum();
        let lookup: usize = self.lookup.iter().map(|(k, v)| k.capacity() + v.capacity() * 4 + 56).sum();
        meta + self.docs.capacity() * size_of::<Option<DocMeta>>()
            + postings
            + forward
            + terms
            + slot_of
            + lookup
            + self.lens.capacity() * size_of::<[u16; FIELDS]>()
            + self.by_len.iter().map(|b| b.capacity() * 4).sum::<usize>()
    }

    /// The content, independent of how it was built.
    pub fn snapshot(&self) -> Snapshot {
        let id_of = |slot: u32| self.doc(slot).map(|d| d.id.clone()).unwrap_or_default();
        let postings = self
            .terms
            .iter()
            .map(|(t, &tid)| {
                let list = self.postings[tid as usize]
                    .iter()
                    .map(|p| (id_of(p.slot), p.tf))
                    .collect();
                (t.to_string(), list)
            })
            .collect();
        let docs = self
            .slot_of
            .iter()
            .filter_map(|(id, &s)| Some((id.clone(), (self.doc(s)?.clone(), self.lens[s as usize]))))
            .collect();
        let lookup = self
            .lookup
            .iter()
            .map(|(k, slots)| (k.clone(), slots.iter().map(|&s| id_of(s)).collect()))
            .collect();
        let by_len = self
            .by_len
            .iter()
            .enumerate()
            .filter(|(_, b)| !b.is_empty())
            .map(|(n, b)| (n, b.iter().map(|&t| self.term_text[t as usize].to_string()).collect()))
            .collect();
        Snapshot {
            postings,
            docs,
            lookup,
            by_len,
            len_sum: self.len_sum,
            live: self.live,
        }
    }
}

/// The exact-lookup keys of a record: its reference, its reference without the kind
/// prefix, and its error code.
fn lookup_keys(reference: &str, code: Option<&str>) -> Vec<String> {
    let mut keys = Vec::new();
    let full = compact(reference);
    if !full.is_empty() {
        if let Some((_, rest)) = reference.split_once('-') {
            let short = compact(rest);
            if !short.is_empty() && short != full {
                keys.push(short);
            }
        }
        keys.push(full);
    }
    if let Some(code) = code.map(compact).filter(|c| !c.is_empty()) {
        if !keys.contains(&code) {
            keys.push(code);
        }
    }
    keys
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;
