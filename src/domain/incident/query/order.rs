//! Ordering for the queue query: the total order of rows, compact sort entries
//! (integer keys and 15-byte string prefixes) that decide almost every comparison
//! without touching the rows, and a streaming top-k that keeps only what a page needs.

use std::cmp::Ordering;

use super::{env_index, status_index, IncidentRow, SortDir, SortKey};

/// One matching row as selection sees it. Comparing two entries compares `class`, then
/// `primary`; when both primaries are exact, `reference`; only what is still tied goes
/// to [`compare`] on the rows themselves.
#[derive(Copy, Clone, Debug)]
pub(super) struct Entry {
    /// The sort value: a number or a string prefix (see [`prefix`]), bit-inverted when
    /// descending.
    primary: u128,
    /// The reference's first 16 bytes, zero padded (decides only when different).
    reference: u128,
    /// Index into the rows.
    pub(super) idx: usize,
    /// 1 for a missing optional value, which sorts last in both directions.
    class: u8,
    /// True when equal primaries mean equal sort values.
    exact: bool,
}

/// A string's order-preserving key: its first 15 bytes, big-endian, then its length
/// when it fits (exact), else 255. Differing keys order like the strings; equal exact
/// keys mean equal strings.
#[inline(always)]
pub(super) fn prefix(s: &str) -> (u128, bool) {
    let b = s.as_bytes();
    let mut buf = [0u8; 16];
    let n = b.len().min(15);
    buf[..n].copy_from_slice(&b[..n]);
    let exact = b.len() <= 15;
    buf[15] = if exact { b.len() as u8 } else { u8::MAX };
    (u128::from_be_bytes(buf), exact)
}

/// The first 16 bytes of a reference, zero padded: differing keys order like the
/// references.
#[inline(always)]
pub(super) fn reference_key(s: &str) -> u128 {
    let b = s.as_bytes();
    let mut buf = [0u8; 16];
    let n = b.len().min(16);
    buf[..n].copy_from_slice(&b[..n]);
    u128::from_be_bytes(buf)
}

/// An order-preserving unsigned key for a signed time.
#[inline(always)]
fn time_key(ms: i64) -> u128 {
    u128::from((ms as u64) ^ (1 << 63))
}

/// Builds and compares entries for one sort of one set of rows.
pub(super) struct Keys<'r> {
    rows: &'r [IncidentRow],
    key: SortKey,
    dir: SortDir,
}

impl<'r> Keys<'r> {
    pub(super) fn new(rows: &'r [IncidentRow], (key, dir): (SortKey, SortDir)) -> Self {
        Keys { rows, key, dir }
    }

    /// A row's sort value: (class, primary, exact) as in [`Entry`], direction applied.
    #[inline(always)]
    fn sort_value(&self, row: &IncidentRow) -> (u8, u128, bool) {
        let (primary, exact, class) = match self.key {
            SortKey::Reference => text(&row.reference),
            // The precomputed key spares a read of the title per row (0: not computed,
            // and also the key of an empty title, which computing gives again).
            SortKey::Title if row.title_key != 0 => {
                let exact = row.title_lower.len() <= 15;
                (row.title_key, exact, 0)
            }
            SortKey::Title => text(&row.title_lower),
            SortKey::Priority => number(u128::from(row.priority)),
            SortKey::Status => number(status_index(row.status) as u128),
            SortKey::Environment => number(u128::from(env_index(row.environment))),
            SortKey::Sla => number(u128::from(row.sla.rank())),
            SortKey::Age => number(time_key(row.created.0)),
            SortKey::Updated => number(time_key(row.updated.0)),
            SortKey::Group => ranked(row.assignment_group.as_deref(), row.ranks[0]),
            SortKey::Assignee => ranked(row.assignee.as_deref(), row.ranks[1]),
            SortKey::Service => ranked(row.service.as_deref(), row.ranks[2]),
            SortKey::Release => ranked(row.release.as_deref(), row.ranks[3]),
        };
        match self.dir {
            SortDir::Asc => (class, primary, exact),
            SortDir::Desc => (class, !primary, exact),
        }
    }

    /// The order of two entries by sort value alone: coarser than [`Self::cmp`] (it
    /// never contradicts it) and needs nothing but the entries.
    fn coarse(a: &Entry, b: &Entry) -> Ordering {
        a.class.cmp(&b.class).then(a.primary.cmp(&b.primary))
    }

    /// The order of two entries with reference keys: the same as [`compare`] on their
    /// rows.
    fn cmp(&self, a: &Entry, b: &Entry) -> Ordering {
        Self::coarse(a, b)
            .then_with(|| {
                if a.exact && b.exact {
                    a.reference.cmp(&b.reference)
                } else {
                    Ordering::Equal
                }
            })
            .then_with(|| compare(self.rows, self.key, self.dir, a.idx, b.idx))
    }
}

#[inline(always)]
fn number(n: u128) -> (u128, bool, u8) {
    (n, true, 0)
}

#[inline(always)]
fn text(s: &str) -> (u128, bool, u8) {
    let (p, exact) = prefix(s);
    (p, exact, 0)
}

/// An optional id ordered by (rank, id). A ranked id's rank alone decides (ranks are
/// unique per id), so it is exact and ties go straight to the reference key. An
/// unranked id (rank 0) sorts first, by its first 12 bytes, never exact.
#[inline(always)]
fn ranked(id: Option<&str>, rank: u32) -> (u128, bool, u8) {
    match id {
        None => (0, true, 1),
        Some(_) if rank > 0 => (u128::from(rank) << 96, true, 0),
        Some(id) => (prefix(id).0 >> 32, false, 0),
    }
}

/// Keeps the first `k` of a stream of entries in sort order while holding at most
/// `max(2k, 1024)`: once full, it cuts back to `k` and from then on drops, with one
/// comparison, anything that sorts after the current k-th. A first page of 100k rows
/// so needs a few kilobytes, not one entry per matching row.
pub(super) struct TopK<'k, 'r> {
    keys: &'k Keys<'r>,
    k: usize,
    cap: usize,
    buf: Vec<Entry>,
    worst: Option<Entry>,
}

impl<'k, 'r> TopK<'k, 'r> {
    /// Room for the first `k` of at most `n` entries.
    pub(super) fn new(keys: &'k Keys<'r>, k: usize, n: usize) -> Self {
        let cap = k.saturating_mul(2).max(1024);
        TopK {
            keys,
            k,
            cap,
            buf: Vec::with_capacity(cap.min(n)),
            worst: None,
        }
    }

    /// Considers `row`, found at `idx`. Once the buffer has been cut, most rows are
    /// turned away here by their sort value alone, before any entry is built.
    #[inline]
    pub(super) fn offer(&mut self, idx: usize, row: &IncidentRow) {
        if self.k == 0 {
            return;
        }
        let keys = self.keys;
        let (class, primary, exact) = keys.sort_value(row);
        if let Some(w) = &self.worst {
            if class.cmp(&w.class).then(primary.cmp(&w.primary)).is_gt() {
                return;
            }
        }
        let e = Entry {
            primary,
            reference: if row.ref_key != 0 {
                row.ref_key
            } else {
                reference_key(&row.reference)
            },
            idx,
            class,
            exact,
        };
        if let Some(w) = &self.worst {
            if keys.cmp(&e, w).is_gt() {
                return;
            }
        }
        self.buf.push(e);
        if self.buf.len() >= self.cap {
            self.cut();
            self.worst = self.buf.last().copied();
        }
    }

    /// Drops everything after the first `k`.
    fn cut(&mut self) {
        if self.buf.len() > self.k {
            let keys = self.keys;
            self.buf
                .select_nth_unstable_by(self.k - 1, |a, b| keys.cmp(a, b));
            self.buf.truncate(self.k);
        }
    }

    /// The first `k` entries, in order.
    pub(super) fn into_sorted(mut self) -> Vec<Entry> {
        self.cut();
        let keys = self.keys;
        self.buf.sort_unstable_by(|a, b| keys.cmp(a, b));
        self.buf
    }
}

/// Orders optional ids by (rank, id) and `dir`, with empty values last in both
/// directions.
fn opt_cmp(a: (&Option<String>, u32), b: (&Option<String>, u32), dir: SortDir) -> Ordering {
    match (a.0, b.0) {
        (Some(x), Some(y)) => dir.apply(a.1.cmp(&b.1).then_with(|| x.cmp(y))),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The order of two rows under `(key, dir)`; ties are broken by reference (ascending)
/// and finally by position, so the order is total.
pub(super) fn compare(
    rows: &[IncidentRow],
    key: SortKey,
    dir: SortDir,
    a: usize,
    b: usize,
) -> Ordering {
    let (x, y) = (&rows[a], &rows[b]);
    let ord = match key {
        SortKey::Reference => dir.apply(x.reference.cmp(&y.reference)),
        SortKey::Title => dir.apply(x.title_lower.cmp(&y.title_lower)),
        SortKey::Priority => dir.apply(x.priority.cmp(&y.priority)),
        SortKey::Status => dir.apply(status_index(x.status).cmp(&status_index(y.status))),
        SortKey::Group => opt_cmp(
            (&x.assignment_group, x.ranks[0]),
            (&y.assignment_group, y.ranks[0]),
            dir,
        ),
        SortKey::Assignee => opt_cmp((&x.assignee, x.ranks[1]), (&y.assignee, y.ranks[1]), dir),
        SortKey::Service => opt_cmp((&x.service, x.ranks[2]), (&y.service, y.ranks[2]), dir),
        SortKey::Environment => dir.apply(env_index(x.environment).cmp(&env_index(y.environment))),
        SortKey::Release => opt_cmp((&x.release, x.ranks[3]), (&y.release, y.ranks[3]), dir),
        SortKey::Sla => dir.apply(x.sla.rank().cmp(&y.sla.rank())),
        SortKey::Age => dir.apply(x.created.cmp(&y.created)),
        SortKey::Updated => dir.apply(x.updated.cmp(&y.updated)),
    };
    ord.then_with(|| x.reference.cmp(&y.reference))
        .then(a.cmp(&b))
}
