//! Text → search terms, the same way for records and queries: lowercase, common Latin
//! accents folded, apostrophes dropped, English stopwords dropped, light stemming
//! (shared with the portal's suggestions), numbers without leading zeros, and chunks
//! such as `ERR-4012`, `Wi-Fi` or `INC-7K3QF-0042` also as one joined term (`err4012`).
//! Every term keeps the byte span it came from, for highlighting.

use super::text::{fold, fold_into, is_stopword, stem_into};

/// One term of a text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The index term (folded, stemmed).
    pub term: String,
    /// The folded word before stemming (what a prefix is matched with).
    pub word: String,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    /// True for the joined form of a chunk of several parts.
    pub joined: bool,
}

/// Characters that join the parts of one chunk when they stand between two of them
/// (`ERR-4012`, `SESSION_EXPIRED`, `v5.1`, `TCP/IP`).
fn is_connector(c: char) -> bool {
    matches!(c, '-' | '_' | '.' | '/')
}

/// Apostrophes inside a word are dropped (`won't` → `wont`), not split on.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// Calls `each` with the byte spans of the alphanumeric parts of every chunk of `text`
/// (a chunk is parts joined by single connectors), reusing one buffer.
fn chunks(text: &str, mut each: impl FnMut(&[(usize, usize)])) {
    let mut current: Vec<(usize, usize)> = Vec::new();
    let mut part: Option<usize> = None;
    // The separator run since the last part: `Some(true)` while it is one connector.
    let mut gap: Option<bool> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let inside_word = is_apostrophe(c)
            && part.is_some()
            && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inside_word {
            if part.is_none() {
                if gap != Some(true) && !current.is_empty() {
                    each(&current);
                    current.clear();
                }
                part = Some(at);
            }
            gap = None;
            continue;
        }
        if let Some(start) = part.take() {
            current.push((start, at));
            gap = Some(is_connector(c));
        } else {
            gap = Some(false);
        }
    }
    if let Some(start) = part {
        current.push((start, text.len()));
    }
    if !current.is_empty() {
        each(&current);
    }
}

/// The term of one folded part into `out`: digits without leading zeros, words
/// stemmed.
fn part_term<'a>(word: &'a str, out: &'a mut String) -> &'a str {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = word.trim_start_matches('0');
        return if trimmed.is_empty() { "0" } else { trimmed };
    }
    stem_into(word, out);
    out
}

/// A part is kept unless it is a stopword or a lone letter.
fn keep(word: &str) -> bool {
    let mut chars = word.chars();
    let long = chars.next().is_some() && (chars.next().is_some());
    (long || word.bytes().all(|b| b.is_ascii_digit())) && !is_stopword(word)
}

/// One term of a text, borrowed from the scanner's buffers.
#[derive(Debug)]
pub struct TermRef<'a> {
    pub term: &'a str,
    pub word: &'a str,
    pub start: usize,
    pub end: usize,
    pub joined: bool,
}

/// Calls `emit` for every term of a record's text, in order, with repeats: each kept
/// part, then the joined form of a chunk of several parts. Allocates nothing per term
/// (this is what building the index spends its time on).
pub fn scan(text: &str, mut emit: impl FnMut(TermRef<'_>)) {
    let (mut word, mut stemmed, mut joined) = (String::new(), String::new(), String::new());
    chunks(text, |chunk| {
        joined.clear();
        for &(start, end) in chunk {
            word.clear();
            fold_into(&text[start..end], &mut word);
            joined.push_str(&word);
            if keep(&word) {
                let term = part_term(&word, &mut stemmed);
                emit(TermRef {
                    term,
                    word: &word,
                    start,
                    end,
                    joined: false,
                });
            }
        }
        if chunk.len() > 1 {
            emit(TermRef {
                term: &joined,
                word: &joined,
                start: chunk[0].0,
                end: chunk[chunk.len() - 1].1,
                joined: true,
            });
        }
    });
}

/// Every term of a record's text (see [`scan`]), owned.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    scan(text, |t| {
        out.push(Token {
            term: t.term.to_owned(),
            word: t.word.to_owned(),
            start: t.start,
            end: t.end,
            joined: t.joined,
        })
    });
    out
}

/// One word of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryTerm {
    /// Matched exactly against index terms (stemmed, or the joined chunk).
    pub term: String,
    /// Matched as a prefix of index terms (folded, not stemmed).
    pub word: String,
    /// Number of characters the person typed for it (decides typo tolerance).
    pub typed: usize,
    /// True for a joined chunk (`err4012`) or a word with digits: never typo-matched.
    pub code: bool,
}

/// The distinct words of a query, in order. A chunk of several parts (`ERR-4012`) is
/// one joined word; stopwords are dropped.
pub fn query_terms(query: &str) -> Vec<QueryTerm> {
    let mut out: Vec<QueryTerm> = Vec::new();
    let mut stemmed = String::new();
    chunks(query, |chunk| {
        let term = if chunk.len() > 1 {
            let (start, end) = (chunk[0].0, chunk[chunk.len() - 1].1);
            let joined: String = chunk.iter().map(|&(s, e)| fold(&query[s..e])).collect();
            QueryTerm {
                term: joined.clone(),
                typed: query[start..end].chars().count(),
                word: joined,
                code: true,
            }
        } else {
            let (start, end) = chunk[0];
            let word = fold(&query[start..end]);
            if is_stopword(&word) || word.is_empty() {
                return;
            }
            let term = part_term(&word, &mut stemmed).to_owned();
            let digits = word.bytes().all(|b| b.is_ascii_digit());
            QueryTerm {
                typed: word.chars().count(),
                code: word.chars().any(|c| c.is_ascii_digit()),
                word: if digits { term.clone() } else { word },
                term,
            }
        };
        if !out
            .iter()
            .any(|t| t.term == term.term && t.word == term.word)
        {
            out.push(term);
        }
    });
    out
}

/// The lookup key of a reference or error code: folded, only letters and digits
/// (`INC-7k3qf-0042` → `inc7k3qf0042`, `ERR 4012` → `err4012`).
pub fn compact(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests;
