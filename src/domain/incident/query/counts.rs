//! Per-status counts of a query: the public tally, and the packed counters the scan
//! fills without a store per row.

use super::{status_index, IncidentStatus, OPEN, STATUSES};

/// How many rows of each status match the filter when its status part is ignored:
/// what each status tab would show.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct StatusCounts([usize; 6]);

impl StatusCounts {
    /// Counts given per status (from a store's indexes, say).
    pub fn from_fn(count: impl Fn(IncidentStatus) -> usize) -> StatusCounts {
        StatusCounts(STATUSES.map(count))
    }

    /// Rows with `status`.
    pub fn get(&self, status: IncidentStatus) -> usize {
        self.0[status_index(status)]
    }

    /// Rows that are New, In progress or On hold.
    pub fn open(&self) -> usize {
        OPEN.iter().map(|&s| self.get(s)).sum()
    }

    /// Rows of every status.
    pub fn all(&self) -> usize {
        self.0.iter().sum()
    }

    /// Each status with its count, in lifecycle order.
    pub fn iter(&self) -> impl Iterator<Item = (IncidentStatus, usize)> + '_ {
        STATUSES.iter().map(|&s| (s, self.get(s)))
    }
}

/// Per-status counters packed into one register (six 20-bit lanes), flushed before a
/// lane can overflow. Incrementing an array slot per row instead measured about as
/// slow as the whole filter (each row's load of a slot waits on the previous row's
/// store to it whenever the status repeats).
#[derive(Default)]
pub(super) struct PackedCounts {
    lanes: u128,
    pending: u32,
    counts: StatusCounts,
}

impl PackedCounts {
    const BITS: usize = 20;
    const MAX: u32 = (1 << Self::BITS) - 1;
    /// One in each lane (a table: a 128-bit shift is a function call on some targets).
    const ONE: [u128; 6] = [1, 1 << 20, 1 << 40, 1 << 60, 1 << 80, 1 << 100];

    #[inline(always)]
    pub(super) fn add(&mut self, status: usize) {
        self.lanes += Self::ONE[status % 6];
        self.pending += 1;
        if self.pending == Self::MAX {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (i, count) in self.counts.0.iter_mut().enumerate() {
            *count += ((self.lanes >> (Self::BITS * i)) & u128::from(Self::MAX)) as usize;
        }
        self.lanes = 0;
        self.pending = 0;
    }

    pub(super) fn finish(mut self) -> StatusCounts {
        self.flush();
        self.counts
    }
}
