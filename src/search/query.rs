//! Answering a query: each word matches index terms exactly, as a prefix (while
//! typing: `print` finds `printer`) or within its typo tolerance; records are scored
//! with BM25F (field boosts: reference and error code, then title, then summary, then
//! body), every word must match (or, when no record has them all, any word), an exact
//! reference or error code comes first, and recency breaks ties.

use std::collections::HashMap;
use std::ops::Bound;

use super::distance::{tolerance, within};
use super::index::{DocMeta, Index, FIELDS};
use super::tokenize::{compact, query_terms, QueryTerm};
use super::Kind;

/// Field weights: reference and error code, title, summary, body.
pub const BOOSTS: [f32; FIELDS] = [8.0, 4.0, 2.0, 1.0];
/// BM25 term-frequency saturation: the usual default.
const K1: f32 = 1.2;
/// BM25 length normalisation: the usual default.
const B: f32 = 0.75;
/// A word that only starts a term counts less than the whole term: the person may be
/// typing another word that starts the same way.
const PREFIX: f32 = 0.7;
/// A term one or two typos away counts less again.
const FUZZY: [f32; 3] = [1.0, 0.5, 0.3];
/// Words of a query considered (more say nothing new and cost time).
const MAX_WORDS: usize = 12;

/// What to search, beyond the words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only these kinds; empty means every kind.
    pub kinds: Vec<Kind>,
    /// Only this status label.
    pub status: Option<String>,
    /// Only records of this service id.
    pub service: Option<String>,
    /// Created at or after (ms).
    pub from: Option<i64>,
    /// Created before (ms).
    pub to: Option<i64>,
    /// Only what the portal may show.
    pub public_only: bool,
}

impl Filter {
    /// Every filter but the kind holds.
    fn admits(&self, d: &DocMeta) -> bool {
        (!self.public_only || d.public)
            && self.status.as_deref().is_none_or(|s| s == d.status)
            && self
                .service
                .as_deref()
                .is_none_or(|s| d.services.iter().any(|x| x == s))
            && self.from.is_none_or(|f| d.created >= f)
            && self.to.is_none_or(|t| d.created < t)
    }

    fn admits_kind(&self, k: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&k)
    }
}

/// A query: the words as typed, filters and how many results to rank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    pub filter: Filter,
    pub limit: usize,
}

/// One result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub doc: DocMeta,
    /// Relevance, higher is better.
    pub score: f32,
    /// The query was this record's reference or error code.
    pub exact: bool,
}

/// The best results and how many matched.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// Best first, at most the query's limit.
    pub hits: Vec<Hit>,
    /// Records matching the words and every filter.
    pub total: usize,
    /// Records matching the words and every filter but the kind, per [`Kind::index`].
    pub by_kind: [usize; 5],
    /// Index terms that matched (for highlighting).
    pub matched: Vec<String>,
    /// False when no record had every word and records with some of them are shown.
    pub all_words: bool,
}

impl Index {
    /// Runs a query.
    pub fn search(&self, q: &SearchQuery) -> Results {
        let mut words = query_terms(&q.text);
        words.truncate(MAX_WORDS);
        let exact_key = exact_key(&q.text);
        let exact = exact_key
            .as_deref()
            .map_or_else(Vec::new, |k| self.exact(k));
        if words.is_empty() && exact.is_empty() {
            return Results::default();
        }
        // Per slot: 2 admitted, 1 admitted but another kind, 0 filtered out.
        let state: Vec<u8> = (0..self.slots() as u32)
            .map(|s| match self.doc(s) {
                Some(d) if q.filter.admits(d) => 1 + u8::from(q.filter.admits_kind(d.kind)),
                _ => 0,
            })
            .collect();
        let avg = self.avg_lens();
        let n = self.len() as f32;
        let mut total = vec![0f32; state.len()];
        let mut mask = vec![0u16; state.len()];
        let mut best = vec![0f32; state.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut matched: Vec<String> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            for (tid, weight) in self.expand(word) {
                let list = &self.postings[tid as usize];
                let df = list.len() as f32;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                let mut hit = false;
                for p in list {
                    let s = p.slot as usize;
                    if state[s] == 0 {
                        continue;
                    }
                    hit = true;
                    let score = weight * idf * saturate(p.tf, self.lens[s], avg);
                    if best[s] == 0.0 {
                        touched.push(p.slot);
                    }
                    if score > best[s] {
                        best[s] = score;
                    }
                }
                if hit {
                    matched.push(self.term_text[tid as usize].to_string());
                }
            }
            // References and codes: the code itself, or (for a word with digits or
            // joined parts) a reference it starts.
            for (key, slots) in self
                .codes
                .range::<str, _>((Bound::Included(word.word.as_str()), Bound::Unbounded))
            {
                let whole = **key == *word.word;
                if !whole && !(word.code && key.starts_with(word.word.as_str())) {
                    break;
                }
                let weight = if whole { 1.0 } else { PREFIX };
                let df = slots.len() as f32;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for &(slot, exact) in slots {
                    let s = slot as usize;
                    if state[s] == 0 || !(whole || exact) {
                        continue;
                    }
                    let score = weight * idf * saturate([1, 0, 0, 0], self.lens[s], avg);
                    if best[s] == 0.0 {
                        touched.push(slot);
                    }
                    if score > best[s] {
                        best[s] = score;
                    }
                }
            }
            for &s in &touched {
                let s = s as usize;
                total[s] += best[s];
                mask[s] |= 1 << i;
                best[s] = 0.0;
            }
            touched.clear();
        }
        let all = if words.is_empty() {
            0
        } else {
            (1u16 << words.len()) - 1
        };
        let mut all_words = true;
        let mut pick: Vec<usize> = (0..state.len())
            .filter(|&s| mask[s] == all && all != 0)
            .collect();
        if pick.is_empty() && words.len() > 1 {
            all_words = false;
            pick = (0..state.len()).filter(|&s| mask[s] != 0).collect();
            for &s in &pick {
                // Records with more of the words come first.
                total[s] *= mask[s].count_ones() as f32 / words.len() as f32;
            }
        }
        for &s in &exact {
            let s = s as usize;
            if state[s] != 0 && !pick.contains(&s) {
                pick.push(s);
            }
        }
        let mut out = Results {
            all_words,
            ..Results::default()
        };
        let mut ranked: Vec<(bool, f32, i64, u32)> = Vec::new();
        for s in pick {
            let Some(d) = self.doc(s as u32) else {
                continue;
            };
            out.by_kind[d.kind.index()] += 1;
            if state[s] == 2 {
                out.total += 1;
                ranked.push((exact.contains(&(s as u32)), total[s], d.updated, s as u32));
            }
        }
        // Last, the id: records alike in score and age keep one order, whatever order
        // they were indexed in (slots depend on the history of the index).
        let id = |s: u32| self.doc(s).map_or("", |d| d.id.as_str());
        let order = |a: &(bool, f32, i64, u32), b: &(bool, f32, i64, u32)| {
            b.0.cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(b.2.cmp(&a.2))
                .then_with(|| id(a.3).cmp(id(b.3)))
        };
        if ranked.len() > q.limit && q.limit > 0 {
            ranked.select_nth_unstable_by(q.limit - 1, order);
            ranked.truncate(q.limit);
        }
        ranked.sort_by(order);
        ranked.truncate(q.limit);
        out.hits = ranked
            .into_iter()
            .filter_map(|(exact, score, _, s)| {
                Some(Hit {
                    doc: self.doc(s)?.clone(),
                    score,
                    exact,
                })
            })
            .collect();
        matched.sort();
        matched.dedup();
        out.matched = matched;
        out
    }

    /// The terms a query word matches, with the weight of that match: the exact term,
    /// terms it starts, terms within its typo tolerance (the best weight per term).
    fn expand(&self, word: &QueryTerm) -> Vec<(u32, f32)> {
        let mut out: HashMap<u32, f32> = HashMap::new();
        let mut put = |tid: u32, w: f32| {
            let e = out.entry(tid).or_insert(0.0);
            if w > *e {
                *e = w;
            }
        };
        if let Some(&tid) = self.terms.get(word.term.as_str()) {
            put(tid, 1.0);
        }
        for (t, &tid) in self
            .terms
            .range::<str, _>((Bound::Included(word.word.as_str()), Bound::Unbounded))
        {
            if !t.starts_with(word.word.as_str()) {
                break;
            }
            put(tid, if **t == *word.word { 1.0 } else { PREFIX });
        }
        let max = if word.code { 0 } else { tolerance(word.typed) };
        if max > 0 {
            let len = word.term.chars().count();
            for n in len.saturating_sub(max)..=len + max {
                for &tid in self.by_len.get(n).map_or(&[][..], Vec::as_slice) {
                    if let Some(d) = within(&word.term, &self.term_text[tid as usize], max) {
                        put(tid, FUZZY[d.min(2)]);
                    }
                }
            }
        }
        out.into_iter().collect()
    }
}

/// BM25F: field counts weighted by boost and normalised by field length, then
/// saturated once for the record.
fn saturate(tf: [u8; FIELDS], lens: [u16; FIELDS], avg: [f32; FIELDS]) -> f32 {
    let mut weighted = 0.0;
    for f in 0..FIELDS {
        if tf[f] > 0 {
            let norm = 1.0 - B + B * f32::from(lens[f]) / avg[f];
            weighted += BOOSTS[f] * f32::from(tf[f]) / norm;
        }
    }
    weighted * (K1 + 1.0) / (weighted + K1)
}

/// The lookup key when the query could be one reference or error code: one chunk
/// without spaces (`INC-7K3QF-0042`, `err4012`, `SESSION_EXPIRED`: codes need not have
/// digits). Only a record whose whole reference or code it is sits under that key.
fn exact_key(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.contains(char::is_whitespace) {
        return None;
    }
    Some(compact(t))
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
