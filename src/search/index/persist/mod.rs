//! The index saved as one string and read back, so opening the desk does not re-read
//! and re-index every record: the records' details as JSON, the postings as base64 of
//! little-endian numbers, and the store sequence the index reflects. Everything else
//! (term maps, typo buckets, codes, forward lists) is rebuilt from those on reading.
//! A saved index that is damaged or of another format version is refused, never
//! half-read: the caller rebuilds from the records.

use serde::{Deserialize, Serialize};

use super::{code_keys, DocMeta, Index, Posting, FIELDS};
use crate::search::Kind;

/// Format version; a saved index of another version is rebuilt, not read.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Saved {
    v: u32,
    /// Store sequence the index reflects.
    seq: u64,
    public_only: bool,
    docs: Vec<SavedDoc>,
    /// Terms, and how many postings each has (in order in `postings`).
    terms: Vec<(String, u32)>,
    /// Per posting: slot (u32) and the four field counts (u8 each), little-endian.
    postings: String,
}

/// Terms per field of one record (an alias: serde's derive has its own `FIELDS`).
type Lens = [u16; FIELDS];

#[derive(Serialize, Deserialize)]
struct SavedDoc {
    id: String,
    kind: String,
    reference: String,
    code: Option<String>,
    title: String,
    snippet: String,
    status: String,
    services: Vec<String>,
    created: i64,
    updated: i64,
    public: bool,
    lens: Lens,
}

/// Why a saved index could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the saved search index cannot be used: {0}")]
pub struct PersistError(String);

fn bad(why: impl Into<String>) -> PersistError {
    PersistError(why.into())
}

impl Index {
    /// The index as one string, with the store sequence it reflects.
    pub fn save(&self, seq: u64) -> String {
        let mut new_slot = vec![u32::MAX; self.docs.len()];
        let mut docs = Vec::with_capacity(self.len());
        for (s, d) in self.docs.iter().enumerate() {
            let Some(d) = d else { continue };
            new_slot[s] = docs.len() as u32;
            docs.push(SavedDoc {
                id: d.id.clone(),
                kind: d.kind.key().to_owned(),
                reference: d.reference.clone(),
                code: d.code.clone(),
                title: d.title.clone(),
                snippet: d.snippet.clone(),
                status: d.status.to_owned(),
                services: d.services.clone(),
                created: d.created,
                updated: d.updated,
                public: d.public,
                lens: self.lens[s],
            });
        }
        let mut bytes = Vec::new();
        let mut terms = Vec::with_capacity(self.terms.len());
        for (text, &tid) in &self.terms {
            let list = &self.postings[tid as usize];
            terms.push((text.to_string(), list.len() as u32));
            for p in list {
                bytes.extend_from_slice(&new_slot[p.slot as usize].to_le_bytes());
                bytes.extend_from_slice(&p.tf);
            }
        }
        let saved = Saved {
            v: VERSION,
            seq,
            public_only: self.public_only,
            docs,
            terms,
            postings: base64::encode(&bytes),
        };
        serde_json::to_string(&saved).unwrap_or_default()
    }

    /// Reads a string written by [`Index::save`]: the index and its store sequence.
    pub fn load(text: &str) -> Result<(Index, u64), PersistError> {
        let saved: Saved = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        if saved.v != VERSION {
            return Err(bad(format!("format {} (expected {VERSION})", saved.v)));
        }
        let mut index = if saved.public_only {
            Index::public()
        } else {
            Index::new()
        };
        let n = saved.docs.len();
        for (s, d) in saved.docs.into_iter().enumerate() {
            let kind = Kind::from_key(&d.kind).ok_or_else(|| bad(format!("kind {}", d.kind)))?;
            let status = kind
                .status_label(&d.status)
                .ok_or_else(|| bad(format!("status {}", d.status)))?;
            if index.public_only && !d.public || index.slot_of.contains_key(&d.id) {
                return Err(bad(format!("record {}", d.id)));
            }
            for (key, exact) in code_keys(&d.reference, d.code.as_deref()) {
                index.codes.insert((key.into_boxed_str(), s as u32), exact);
            }
            for (sum, l) in index.len_sum.iter_mut().zip(d.lens) {
                *sum += u64::from(l);
            }
            index.slot_of.insert(d.id.clone(), s as u32);
            index.lens.push(d.lens);
            index.kinds.push(kind as u8);
            index.created.push(d.created);
            index.updated.push(d.updated);
            index.forward.push(Vec::new());
            index.docs.push(Some(DocMeta {
                id: d.id,
                kind,
                reference: d.reference,
                code: d.code,
                title: d.title,
                snippet: d.snippet,
                status,
                services: d.services,
                created: d.created,
                updated: d.updated,
                public: d.public,
            }));
        }
        index.live = n as u32;
        let bytes = base64::decode(&saved.postings).ok_or_else(|| bad("postings"))?;
        let mut at = bytes.chunks_exact(4 + FIELDS);
        if !at.remainder().is_empty() {
            return Err(bad("postings length"));
        }
        for (text, count) in saved.terms {
            if text.is_empty() || count == 0 || index.ids.contains_key(text.as_str()) {
                return Err(bad(format!("term {text:?}")));
            }
            let tid = index.term_id(&text);
            for _ in 0..count {
                let p = at.next().ok_or_else(|| bad("postings end early"))?;
                let slot = u32::from_le_bytes([p[0], p[1], p[2], p[3]]);
                if slot as usize >= n {
                    return Err(bad("posting slot"));
                }
                let tf = [p[4], p[5], p[6], p[7]];
                index.postings[tid as usize].push(Posting { slot, tf });
                index.forward[slot as usize].push(tid);
            }
        }
        if at.next().is_some() {
            return Err(bad("postings left over"));
        }
        Ok((index, saved.seq))
    }
}

/// Standard base64 (RFC 4648, with padding) for the postings.
mod base64 {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for c in bytes.chunks(3) {
            let n = (u32::from(c[0]) << 16)
                | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                | u32::from(*c.get(2).unwrap_or(&0));
            for i in 0..4 {
                if i <= c.len() {
                    out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    fn value(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }

    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let b = text.as_bytes();
        if !b.len().is_multiple_of(4) {
            return None;
        }
        let mut out = Vec::with_capacity(b.len() / 4 * 3);
        for (i, q) in b.chunks(4).enumerate() {
            let last = i == b.len() / 4 - 1;
            let pad = q.iter().rev().take_while(|&&c| c == b'=').count();
            if pad > 2 || (pad > 0 && !last) {
                return None;
            }
            let mut n = 0u32;
            for &c in &q[..4 - pad] {
                n = n << 6 | value(c)?;
            }
            n <<= 6 * pad as u32;
            let got = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out.extend_from_slice(&got[..3 - pad]);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests;
