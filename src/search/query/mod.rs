//! Answering a query: each word matches index terms exactly, as a prefix (while
//! typing: `print` finds `printer`) or within its typo tolerance; records are scored
//! with BM25F (field boosts: reference and error code, then title, then summary, then
//! body), every word must match (or, when no record has them all, any word), an exact
//! reference or error code comes first, and recency breaks ties.

use std::collections::HashMap;
use std::ops::Bound;

use super::distance::{letters, tolerance, within};
use super::index::{DocMeta, Index, FIELDS, FREE};
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

/// Per-query working arrays, one entry per slot.
struct Scratch {
    /// 2 admitted, 1 admitted but of another kind, 0 filtered out.
    state: Vec<u8>,
    /// Sum over the words of each word's best match.
    total: Vec<f32>,
    /// Bit per word that matched.
    mask: Vec<u16>,
    /// The current word's best match.
    best: Vec<f32>,
    /// Slots the current word touched.
    touched: Vec<u32>,
    /// Slots any word touched.
    seen: Vec<u32>,
}

impl Scratch {
    /// Credits `score` to `slot` for the current word (its best match counts).
    #[inline(always)]
    fn credit(&mut self, slot: u32, score: f32) {
        let s = slot as usize;
        if self.best[s] == 0.0 {
            self.touched.push(slot);
        }
        if score > self.best[s] {
            self.best[s] = score;
        }
    }

    /// Closes word `i`: adds each touched slot's best to its total.
    fn end_word(&mut self, i: usize) {
        for &slot in &self.touched {
            let s = slot as usize;
            if self.mask[s] == 0 {
                self.seen.push(slot);
            }
            self.total[s] += self.best[s];
            self.mask[s] |= 1 << i;
            self.best[s] = 0.0;
        }
        self.touched.clear();
    }
}

impl Index {
    /// Per slot: 2 admitted, 1 admitted but of another kind, 0 filtered out. Reads
    /// the per-record details only when a filter needs them.
    fn admitted(&self, f: &Filter) -> Vec<u8> {
        let details = f.status.is_some() || f.service.is_some() || f.public_only;
        (0..self.slots())
            .map(|s| {
                let k = self.kinds[s];
                if k == FREE
                    || f.from.is_some_and(|from| self.created[s] < from)
                    || f.to.is_some_and(|to| self.created[s] >= to)
                {
                    return 0;
                }
                if details && !self.doc(s as u32).is_some_and(|d| f.admits(d)) {
                    return 0;
                }
                let kind = Kind::ALL.get(usize::from(k)).copied();
                1 + u8::from(kind.is_some_and(|k| f.admits_kind(k)))
            })
            .collect()
    }

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
        let state = self.admitted(&q.filter);
        let slots = state.len();
        let mut x = Scratch {
            state,
            total: vec![0.0; slots],
            mask: vec![0; slots],
            best: vec![0.0; slots],
            touched: Vec::new(),
            seen: Vec::new(),
        };
        let avg = self.avg_lens();
        let n = self.len() as f32;
        let idf = |df: usize| {
            let df = df as f32;
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        };
        let mut matched: Vec<String> = Vec::new();
        let mut group: Vec<(u32, bool)> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            for (tid, weight) in self.expand(word) {
                let list = &self.postings[tid as usize];
                let w = weight * idf(list.len());
                let mut hit = false;
                for p in list {
                    let s = p.slot as usize;
                    if x.state[s] != 0 {
                        hit = true;
                        x.credit(p.slot, w * saturate(p.tf, self.lens[s], avg));
                    }
                }
                if hit {
                    matched.push(self.term_text[tid as usize].to_string());
                }
            }
            // References and codes: the code itself, or (for a word with digits or
            // joined parts) the references and codes it starts. Entries of one code
            // are adjacent; each code is scored as one term.
            let from: Box<str> = word.word.as_str().into();
            let mut walk = self.codes.range((from, 0)..).peekable();
            while let Some(((key, slot), &exact)) = walk.next() {
                let whole = **key == *word.word;
                if !(whole || word.code && key.starts_with(word.word.as_str())) {
                    break;
                }
                group.clear();
                group.push((*slot, exact));
                while let Some(((_, slot), &exact)) = walk.next_if(|((k, _), _)| k == key) {
                    group.push((*slot, exact));
                }
                let w = if whole { 1.0 } else { PREFIX } * idf(group.len());
                for &(slot, exact) in &group {
                    let s = slot as usize;
                    if x.state[s] != 0 && (whole || exact) {
                        x.credit(slot, w * saturate([1, 0, 0, 0], self.lens[s], avg));
                    }
                }
            }
            x.end_word(i);
        }
        let all = if words.is_empty() {
            0
        } else {
            (1u16 << words.len()) - 1
        };
        let mut all_words = true;
        let mut pick: Vec<u32> = x
            .seen
            .iter()
            .copied()
            .filter(|&s| all != 0 && x.mask[s as usize] == all)
            .collect();
        if pick.is_empty() && words.len() > 1 {
            all_words = false;
            pick = x.seen.clone();
            for &s in &pick {
                // Records with more of the words come first.
                let s = s as usize;
                x.total[s] *= x.mask[s].count_ones() as f32 / words.len() as f32;
            }
        }
        for &s in &exact {
            if x.state[s as usize] != 0 && !pick.contains(&s) {
                pick.push(s);
            }
        }
        let mut out = Results {
            all_words,
            ..Results::default()
        };
        let mut ranked: Vec<(bool, f32, i64, u32)> = Vec::new();
        for s in pick {
            let i = s as usize;
            let Some(kind) = Kind::ALL.get(usize::from(self.kinds[i])) else {
                continue;
            };
            out.by_kind[kind.index()] += 1;
            if x.state[i] == 2 {
                out.total += 1;
                ranked.push((exact.contains(&s), x.total[i], self.updated[i], s));
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
            let set = letters(&word.term);
            for n in len.saturating_sub(max)..=len + max {
                for &(tid, other) in self.by_len.get(n).map_or(&[][..], Vec::as_slice) {
                    // One edit changes at most two letters of the set.
                    if (set ^ other).count_ones() as usize > 2 * max {
                        continue;
                    }
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
mod tests;
