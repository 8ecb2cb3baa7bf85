//! Ranking of portal suggestions while an end user types a problem, and the portal's
//! article search: public published articles and active known errors with a
//! workaround, scored with a small BM25 over the candidate set.
//!
//! Text is tokenised the same way on both sides ([`terms`]): lowercase, common Latin
//! accents folded (é→e, ß→ss, ø→o), apostrophes dropped (`won't` → `wont`), split on
//! anything not alphanumeric, English stopwords dropped, and a light stemmer applied
//! to words of five letters or more. A chunk like `ERR-4012` or `SESSION_EXPIRED` also
//! yields its joined form (`err4012`), so codes match however they are typed. While
//! the user is still typing (the query does not end in a separator), its last word of
//! three letters or more also matches as a prefix (`prin` finds `printer`).
//!
//! Field weights: keywords and title 3, summary 1.5, body 1. Inverse document
//! frequency comes from the candidate set, so a word found everywhere counts little.

use std::collections::{HashMap, HashSet};

use super::article::KnowledgeArticle;
use super::known_error::{KnownError, KnownErrorStatus};

/// What a suggestion points at.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SuggestionKind {
    /// A public, published knowledge article.
    Article,
    /// An active known error with a workaround.
    KnownError,
}

/// Something the portal may suggest.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Article or known error.
    pub kind: SuggestionKind,
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Tags, error code.
    pub keywords: Vec<String>,
    /// Article summary / known error symptoms.
    pub summary: String,
    /// Article body / known error workaround.
    pub body: String,
}

/// Only public published articles (`KnowledgeArticle::is_public()`).
pub fn from_article(a: &KnowledgeArticle) -> Option<Candidate> {
    a.is_public().then(|| Candidate {
        kind: SuggestionKind::Article,
        id: a.id.clone(),
        title: a.title.clone(),
        keywords: a.tags.clone(),
        summary: a.summary.clone(),
        body: a.body.clone(),
    })
}

/// Only known errors whose status is Active and whose workaround is not blank.
pub fn from_known_error(k: &KnownError) -> Option<Candidate> {
    let usable = k.status == KnownErrorStatus::Active && !k.workaround.trim().is_empty();
    usable.then(|| Candidate {
        kind: SuggestionKind::KnownError,
        id: k.id.clone(),
        title: k.title.clone(),
        keywords: k.error_code.iter().cloned().collect(),
        summary: k.symptoms.clone(),
        body: k.workaround.clone(),
    })
}

/// One ranked candidate.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// Position in the candidate slice.
    pub index: usize,
    /// Relevance; higher is better, always positive.
    pub score: f32,
}

/// Best first; at most `limit`; only candidates with a positive score; ties broken by
/// index.
pub fn suggest(query: &str, candidates: &[Candidate], limit: usize) -> Vec<Suggestion> {
    SuggestIndex::new(candidates).search(query, limit)
}

/// Field weights: keywords, title, summary, body. Tags, codes and titles are chosen to
/// describe the record, so a hit there says more than one in a long body.
const WEIGHTS: [f32; 4] = [3.0, 3.0, 1.5, 1.0];
/// BM25 term-frequency saturation: the usual default, so ten mentions of a word are
/// worth about twice one mention, not ten times.
const K1: f32 = 1.2;
/// BM25 length normalisation: the usual default, so a long body does not win just by
/// containing more words.
const B: f32 = 0.75;
/// A prefix match counts a little less than a whole word: the user may be typing
/// something else that starts the same way.
const PREFIX_FACTOR: f32 = 0.8;
/// Shortest last word matched as a prefix: one or two letters start too many words.
const MIN_PREFIX: usize = 3;

/// The candidates' terms, built once and searched many times (for example on every
/// keystroke while the candidate list stays the same).
#[derive(Clone, Debug, Default)]
pub struct SuggestIndex {
    /// Per candidate: weighted frequency of each term.
    docs: Vec<HashMap<String, f32>>,
    /// Per candidate: weighted length.
    lengths: Vec<f32>,
    /// Number of candidates holding each term.
    df: HashMap<String, usize>,
    /// Average weighted length.
    avg_len: f32,
}

impl SuggestIndex {
    /// Indexes `candidates`; search results refer to their positions.
    pub fn new(candidates: &[Candidate]) -> Self {
        let mut docs = Vec::with_capacity(candidates.len());
        let mut lengths = Vec::with_capacity(candidates.len());
        let mut df: HashMap<String, usize> = HashMap::new();
        for c in candidates {
            let keywords = c.keywords.join(" ; ");
            let fields = [keywords.as_str(), &c.title, &c.summary, &c.body];
            let mut tf: HashMap<String, f32> = HashMap::new();
            let mut len = 0.0;
            for (text, weight) in fields.into_iter().zip(WEIGHTS) {
                for term in terms(text) {
                    *tf.entry(term).or_insert(0.0) += weight;
                    len += weight;
                }
            }
            for term in tf.keys() {
                *df.entry(term.clone()).or_insert(0) += 1;
            }
            docs.push(tf);
            lengths.push(len);
        }
        let total: f32 = lengths.iter().sum();
        let avg_len = if lengths.is_empty() {
            0.0
        } else {
            total / lengths.len() as f32
        };
        SuggestIndex {
            docs,
            lengths,
            df,
            avg_len,
        }
    }

    /// Number of indexed candidates.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Best first; at most `limit`; only positive scores; ties broken by index.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Suggestion> {
        let words = query_terms(query);
        if words.is_empty() || limit == 0 || self.docs.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<Suggestion> = self
            .docs
            .iter()
            .enumerate()
            .map(|(index, tf)| Suggestion {
                index,
                score: words.iter().map(|w| self.word_score(w, index, tf)).sum(),
            })
            .filter(|s| s.score > 0.0)
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
        out.truncate(limit);
        out
    }

    /// One query word's contribution to one candidate: the exact term, or for a prefix
    /// word the best term it starts.
    fn word_score(&self, word: &QueryWord, index: usize, tf: &HashMap<String, f32>) -> f32 {
        let exact = tf
            .get(&word.term)
            .map_or(0.0, |&f| self.bm25(&word.term, f, index));
        let Some(prefix) = &word.prefix else {
            return exact;
        };
        tf.iter()
            .filter(|(t, _)| *t != &word.term && t.starts_with(prefix.as_str()))
            .map(|(t, &f)| self.bm25(t, f, index) * PREFIX_FACTOR)
            .fold(exact, f32::max)
    }

    fn bm25(&self, term: &str, freq: f32, index: usize) -> f32 {
        let n = self.docs.len() as f32;
        let df = self.df.get(term).copied().unwrap_or(0) as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let len = self.lengths.get(index).copied().unwrap_or(0.0);
        let norm = if self.avg_len > 0.0 {
            1.0 - B + B * len / self.avg_len
        } else {
            1.0
        };
        idf * freq * (K1 + 1.0) / (freq + K1 * norm)
    }
}

/// A query term, and the prefix it may also match when it is the word being typed.
#[derive(Clone, Debug, PartialEq)]
struct QueryWord {
    term: String,
    prefix: Option<String>,
}

/// The query's distinct terms; the last word also matches as a prefix while the user
/// is still typing it.
fn query_terms(query: &str) -> Vec<QueryWord> {
    let mut seen = HashSet::new();
    let mut out: Vec<QueryWord> = terms(query)
        .into_iter()
        .filter(|t| seen.insert(t.clone()))
        .map(|term| QueryWord { term, prefix: None })
        .collect();
    let typing = query.chars().last().is_some_and(char::is_alphanumeric);
    if typing {
        let last = fold(query)
            .split(|c: char| !c.is_alphanumeric())
            .next_back()
            .map(str::to_owned)
            .unwrap_or_default();
        if last.chars().count() >= MIN_PREFIX && !is_stopword(&last) {
            let term = stem(&last);
            match out.iter_mut().find(|w| w.term == term) {
                Some(w) => w.prefix = Some(last),
                None => out.push(QueryWord {
                    term,
                    prefix: Some(last),
                }),
            }
        }
    }
    out
}

/// Index terms of `text`, in order, with repeats: folded words without stopwords,
/// stemmed, plus the joined form of chunks like `ERR-4012`.
pub fn terms(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out = Vec::new();
    for chunk in folded.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')')) {
        let parts: Vec<&str> = chunk
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        for part in &parts {
            let long_or_number =
                part.chars().count() > 1 || part.chars().all(|c| c.is_ascii_digit());
            if long_or_number && !is_stopword(part) {
                out.push(stem(part));
            }
        }
        if parts.len() > 1 {
            out.push(parts.concat());
        }
    }
    out
}

/// Lowercases, folds common Latin accents and ligatures, and drops apostrophes.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            '\'' | '\u{2019}' | '\u{2018}' | '`' => "",
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(folded);
    }
    out
}

/// English words that say nothing about the problem (apostrophes already dropped).
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "anything",
    "are", "arent", "as", "at", "be", "been", "before", "being", "but", "by", "can",
    "cannot", "cant", "could", "couldnt", "did", "didnt", "do", "does", "doesnt", "dont",
    "for", "from", "get", "gets", "getting", "got", "had", "has", "hasnt", "have", "havent",
    "having", "he", "hello", "help", "her", "here", "hi", "him", "his", "how", "i", "id",
    "if", "im", "in", "into", "is", "isnt", "it", "its", "ive", "just", "me", "might", "my",
    "myself", "need", "no", "nor", "not", "nothing", "now", "of", "on", "or", "our",
    "please", "she", "should", "so", "some", "something", "still", "than", "thanks", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too",
    "trying", "us", "very", "want", "was", "wasnt", "we", "were", "werent", "what", "when",
    "where", "which", "while", "who", "why", "will", "with", "wont", "would", "wouldnt",
    "you", "your",
];

/// True for a word that says nothing about the problem.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// Light English stemming for alphabetic words of five letters or more: plural `s`,
/// `es` after sibilants, `ies` → `y`, `ing` and `ed` (undoubling a final consonant
/// other than l, s, z), then a final silent `e`. Both sides use the same function, so
/// `printing`/`prints`, `crashed`/`crashes` and `change`/`changed` meet.
pub fn stem(word: &str) -> String {
    let n = word.chars().count();
    if n < 5 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return word.to_owned();
    }
    let mut w = word.to_owned();
    if let Some(base) = w.strip_suffix("ies") {
        w = format!("{base}y");
    } else if ["sses", "ches", "shes", "xes"]
        .iter()
        .any(|s| w.ends_with(s))
    {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.truncate(w.len() - 1);
    } else if let Some(base) = w
        .strip_suffix("ing")
        .or_else(|| w.strip_suffix("ed"))
        .filter(|b| b.len() >= 3)
    {
        w = undouble(base);
    }
    if w.len() >= 5 && w.ends_with('e') {
        w.truncate(w.len() - 1);
    }
    w
}

/// `dropp` → `drop`, `jamm` → `jam`; `call`, `pass`, `buzz` stay.
fn undouble(base: &str) -> String {
    let b = base.as_bytes();
    match b {
        [.., x, y]
            if x == y && !matches!(x, b'l' | b's' | b'z' | b'a' | b'e' | b'i' | b'o' | b'u') =>
        {
            base[..base.len() - 1].to_owned()
        }
        _ => base.to_owned(),
    }
}

#[cfg(test)]
#[path = "suggest_tests.rs"]
mod tests;
