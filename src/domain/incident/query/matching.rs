//! Matching for the queue query: accent folding, and the filter compiled to bit masks
//! and a pre-folded needle for a fast scan.

use super::{
    env_index, status_index, AssigneeFilter, Environment, IncidentFilter, IncidentRow, OPEN,
};
use crate::domain::kernel::time::Timestamp;

/// A bit mask of `items` by `index`; all bits set when `items` is empty ("any").
fn mask<T: Copy>(items: &[T], index: impl Fn(T) -> Option<usize>) -> u32 {
    if items.is_empty() {
        return u32::MAX;
    }
    items
        .iter()
        .filter_map(|&t| index(t))
        .fold(0, |m, i| m | (1 << i))
}

/// Lower-cases `s` and strips common Latin accents (é→e, ü→u, ñ→n, ç→c, ß→ss, æ→ae,
/// combining marks dropped), so searches ignore case and accents. Character by
/// character, so the fold of a substring is a substring of the fold.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => out.push('a'),
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => out.push('c'),
            'ď' | 'đ' => out.push('d'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => out.push('e'),
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => out.push('g'),
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => out.push('i'),
            'ł' | 'ľ' | 'ĺ' | 'ļ' => out.push('l'),
            'ñ' | 'ń' | 'ņ' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => out.push('o'),
            'ŕ' | 'ř' => out.push('r'),
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => out.push('s'),
            'ţ' | 'ť' | 'ț' => out.push('t'),
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            '\u{0300}'..='\u{036f}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Who the assignee filter wants, borrowed from the filter.
enum Who<'f> {
    Anyone,
    Nobody,
    Id(&'f str),
}

/// 1 at each index whose bit is set in `mask`. The scan looks verdicts up in tables
/// rather than shifting masks: on x86 a shift by a variable count depends on the
/// previous instruction's flags, which chains every row's shifts to the previous row's
/// memory load and leaves the scan waiting on one cache miss at a time.
fn table<const N: usize>(mask: u32) -> [u8; N] {
    std::array::from_fn(|i| u8::from(i < 32 && mask & (1 << i) != 0))
}

/// The filter compiled for a fast scan: the enum-valued parts as lookup tables (1 =
/// allowed), string parts borrowed, the text folded once.
pub(super) struct Matcher<'f> {
    statuses: [u8; 8],
    priorities: [u8; 32],
    sla: [u8; 4],
    /// Allowed environments (the environment and pre-production parts together).
    envs: [u8; 4],
    /// Index 0: non-major; 1: major.
    major: [u8; 2],
    /// True when any of group, service, release or assignee is set.
    strings: bool,
    group: Option<&'f str>,
    service: Option<&'f str>,
    release: Option<&'f str>,
    assignee: Who<'f>,
    /// The category filter, folded.
    category: Option<String>,
    /// Created in `[from, to)` (milliseconds).
    created: (i64, i64),
    needle: String,
    /// The needle as it would appear in a reference; `None` when it cannot.
    needle_upper: Option<String>,
    /// [`grams`] of the needle: a title whose [`IncidentRow::grams`] lacks one of
    /// these bits cannot contain it.
    grams: u128,
    /// [`ref_grams`] of the needle, for references.
    ref_grams: u64,
}

impl<'f> Matcher<'f> {
    pub(super) fn new(f: &'f IncidentFilter) -> Self {
        let mut statuses = mask(&f.statuses, |s| Some(status_index(s)));
        if f.open_only {
            statuses &= mask(&OPEN, |s| Some(status_index(s)));
        }
        let envs = Environment::ALL
            .iter()
            .filter(|&&e| f.environment.is_none_or(|want| want == e))
            .filter(|&&e| f.pre_production.is_none_or(|p| p == e.is_pre_production()))
            .fold(0, |m, &e| m | (1 << env_index(e)));
        let major = match f.major {
            None => [1, 1],
            Some(false) => [1, 0],
            Some(true) => [0, 1],
        };
        let assignee = match &f.assignee {
            AssigneeFilter::Any => Who::Anyone,
            AssigneeFilter::Unassigned => Who::Nobody,
            AssigneeFilter::Me(id) | AssigneeFilter::Person(id) => Who::Id(id),
        };
        let needle = fold(f.text.trim());
        let in_reference = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
        Matcher {
            statuses: table(statuses),
            priorities: table(mask(&f.priorities, |p| (p < 32).then_some(usize::from(p)))),
            sla: table(mask(&f.sla, |s| Some(s.index() as usize))),
            envs: table(envs),
            major,
            strings: f.group.is_some()
                || f.service.is_some()
                || f.release.is_some()
                || f.category.is_some()
                || !matches!(assignee, Who::Anyone),
            group: f.group.as_deref(),
            service: f.service.as_deref(),
            release: f.release.as_deref(),
            assignee,
            category: f.category.as_deref().map(|c| fold(c.trim())),
            created: (
                f.created_from.map_or(i64::MIN, |t| t.0),
                f.created_until
                    .map_or(i64::MAX, |t| t.0.saturating_add(Timestamp::DAY)),
            ),
            needle_upper: needle
                .bytes()
                .all(in_reference)
                .then(|| needle.to_ascii_uppercase()),
            grams: grams(needle.as_bytes()),
            ref_grams: ref_grams(needle.as_bytes()),
            needle,
        }
    }

    /// The enum-valued parts of the filter, without a branch: bit 0 set when every
    /// part but status and text holds for the enum fields, bit 1 when the status part
    /// holds. [`Self::rest`] finishes the job for rows with bit 0.
    #[inline(always)]
    pub(super) fn quick(&self, row: &IncidentRow) -> u8 {
        let enums = self.priorities[usize::from(row.priority & 31)]
            & self.sla[row.sla.index() as usize & 3]
            & self.envs[env_index(row.environment) as usize & 3]
            & self.major[usize::from(row.major)];
        enums | (self.statuses[status_index(row.status) & 7] << 1)
    }

    /// The string and text parts of the filter.
    #[inline(always)]
    pub(super) fn rest(&self, row: &IncidentRow) -> bool {
        (!self.strings || self.strings_match(row))
            && (self.created.0..self.created.1).contains(&row.created.0)
            && (self.needle.is_empty() || self.text_match(row))
    }

    fn strings_match(&self, row: &IncidentRow) -> bool {
        same(self.group, &row.assignment_group)
            && same(self.service, &row.service)
            && same(self.release, &row.release)
            && self.category.as_ref().is_none_or(|c| *c == row.category)
            && match self.assignee {
                Who::Anyone => true,
                Who::Nobody => row.assignee.is_none(),
                Who::Id(id) => row.assignee.as_deref() == Some(id),
            }
    }

    /// Most rows are turned away by their byte-pair signatures without the strings
    /// being read (a string read is a cache miss per row); 0 means "not computed".
    fn text_match(&self, row: &IncidentRow) -> bool {
        let title = row.grams == 0 || row.grams & self.grams == self.grams;
        if title && contains(&row.title_lower, &self.needle) {
            return true;
        }
        let Some(upper) = self.needle_upper.as_deref() else {
            return false;
        };
        (row.ref_grams == 0 || row.ref_grams & self.ref_grams == self.ref_grams)
            && contains(&row.reference, upper)
    }
}

/// The hash of an adjacent byte pair.
#[inline(always)]
fn pair_hash(a: u8, b: u8) -> u32 {
    (u32::from(a) << 8 | u32::from(b)).wrapping_mul(0x9E37_79B1)
}

/// A 128-bit signature of the adjacent byte pairs of `text`: if `a` contains `b`,
/// every bit of `grams(b)` is set in `grams(a)`. Text under two bytes has none (0).
/// A title sets about a quarter of the bits, so a two-pair needle rules out most.
pub fn grams(text: &[u8]) -> u128 {
    text.windows(2)
        .fold(0, |m, w| m | 1 << (pair_hash(w[0], w[1]) >> 25))
}

/// [`grams`] in 64 bits, for short texts (references), compared case-insensitively.
pub fn ref_grams(text: &[u8]) -> u64 {
    text.windows(2).fold(0, |m, w| {
        let (a, b) = (w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase());
        m | 1 << (pair_hash(a, b) >> 26)
    })
}

/// True when the filter value is unset or equals the row's value.
fn same(want: Option<&str>, have: &Option<String>) -> bool {
    want.is_none_or(|w| have.as_deref() == Some(w))
}

/// Substring test without a searcher to set up per call (with needles of a few bytes
/// and titles of a few dozen, setting up `str::contains`'s two-way searcher for every
/// row costs more than the search). Candidate starts are found eight bytes at a time
/// (SWAR: a byte equal to the needle's first becomes a zero byte, and zero bytes are
/// found with the classic `(x - 0x01…) & !x & 0x80…` test), then checked in full.
pub(super) fn contains(hay: &str, needle: &str) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    let Some(last_start) = hay.len().checked_sub(needle.len()) else {
        return false;
    };
    let at = |j: usize| hay.get(j..j + needle.len()) == Some(needle);
    let pattern = LOW * u64::from(first);
    let mut i = 0;
    // Whole words whose eight positions are all possible starts.
    while i + 8 <= last_start + 1 {
        let mut word = [0u8; 8];
        word.copy_from_slice(&hay[i..i + 8]);
        let x = u64::from_le_bytes(word) ^ pattern;
        // The lowest flagged byte is a true match; higher ones may be false, so each
        // candidate is checked.
        let mut hits = x.wrapping_sub(LOW) & !x & HIGH;
        while hits != 0 {
            if at(i + (hits.trailing_zeros() / 8) as usize) {
                return true;
            }
            hits &= hits - 1;
        }
        i += 8;
    }
    (i..=last_start).any(|j| hay[j] == first && at(j))
}
