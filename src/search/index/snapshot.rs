//! What an index holds, independent of how it was built (for tests and the property
//! test against a rebuild), and roughly how many bytes it takes (for the benchmark).

use std::collections::{BTreeMap, BTreeSet};

use super::{DocMeta, Index, Posting, FIELDS};

/// The index's content independent of slots, term ids and insertion order: two indexes
/// with equal snapshots answer every query the same way.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub postings: BTreeMap<String, BTreeMap<String, [u8; FIELDS]>>,
    pub docs: BTreeMap<String, (DocMeta, [u16; FIELDS])>,
    pub codes: BTreeMap<String, BTreeSet<(String, bool)>>,
    pub by_len: BTreeMap<usize, BTreeSet<String>>,
    pub len_sum: [u64; FIELDS],
    pub live: u32,
}

impl Index {
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
        let terms: usize = self.term_text.iter().map(|t| 3 * t.len() + 80).sum();
        let slot_of: usize = self.slot_of.keys().map(|k| k.capacity() + 40).sum();
        // A B-tree entry: key box + vec header, plus node overhead.
        // A B-tree entry: boxed key, slot, flag, and its share of the node.
        let codes: usize = self.codes.keys().map(|(k, _)| k.len() + 48).sum();
        meta + self.docs.capacity() * size_of::<Option<DocMeta>>()
            + postings
            + forward
            + terms
            + slot_of
            + codes
            + self.lens.capacity() * size_of::<[u16; FIELDS]>()
            + self.kinds.capacity()
            + (self.created.capacity() + self.updated.capacity()) * 8
            + self.by_len.iter().map(|b| b.capacity() * 8).sum::<usize>()
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
            .filter_map(|(id, &s)| {
                Some((id.clone(), (self.doc(s)?.clone(), self.lens[s as usize])))
            })
            .collect();
        let mut codes: BTreeMap<String, BTreeSet<(String, bool)>> = BTreeMap::new();
        for ((key, slot), &exact) in &self.codes {
            codes
                .entry(key.to_string())
                .or_default()
                .insert((id_of(*slot), exact));
        }
        let by_len = self
            .by_len
            .iter()
            .enumerate()
            .filter(|(_, b)| !b.is_empty())
            .map(|(n, b)| {
                (
                    n,
                    b.iter()
                        .map(|&(t, _)| self.term_text[t as usize].to_string())
                        .collect(),
                )
            })
            .collect();
        Snapshot {
            postings,
            docs,
            codes,
            by_len,
            len_sum: self.len_sum,
            live: self.live,
        }
    }
}
