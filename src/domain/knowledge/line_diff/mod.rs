//! Line-by-line comparison of two texts (two versions of an article): Myers' O(ND)
//! difference algorithm in linear space, with a work budget so huge, unrelated texts
//! fall back to "all removed, then all added" instead of running for seconds.
//!
//! Lines are split like [`str::lines`]: on `\n`, with a `\r` before it dropped and no
//! empty last line for a final newline, so `"a\n"` and `"a"` compare equal. Within a
//! change hunk, removed lines come before added lines.

use std::collections::HashMap;
use std::ops::Range;

/// What happened to a line.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum LineChange {
    /// In both texts.
    Same,
    /// Only in the new text.
    Added,
    /// Only in the old text.
    Removed,
}

/// One line of the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffLine {
    /// What happened to it.
    pub change: LineChange,
    /// The line, without its line ending.
    pub text: String,
    /// 1-based line in old
    pub old: Option<usize>,
    /// 1-based line in new
    pub new: Option<usize>,
}

/// Snake-search steps allowed for one comparison before the rest of it falls back to
/// "removed, then added". Two unrelated 5 000-line texts would need about 10⁸ steps;
/// an edit touching 1 000 lines of a long article needs about 10⁶.
pub const WORK_BUDGET: usize = 5_000_000;

/// Compares `old` with `new` line by line: every line of both, in order.
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    diff_lines_with_budget(old, new, WORK_BUDGET)
}

/// [`diff_lines`] with an explicit work budget (0 gives the fallback for any change).
pub fn diff_lines_with_budget(old: &str, new: &str, budget: usize) -> Vec<DiffLine> {
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    // Compare numbers, not strings.
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let a = intern(&mut ids, &old_lines);
    let b = intern(&mut ids, &new_lines);
    let max_d = max_d(a.len(), b.len());
    let mut search = Search {
        a: &a,
        b: &b,
        vf: V::new(max_d),
        vb: V::new(max_d),
        budget,
        ops: Vec::with_capacity(a.len().max(b.len())),
    };
    search.conquer(0..a.len(), 0..b.len());
    let ops = removed_before_added(search.ops);
    ops.into_iter()
        .map(|op| match op {
            Op::Same(i, j) => DiffLine {
                change: LineChange::Same,
                text: old_lines.get(i).copied().unwrap_or_default().to_owned(),
                old: Some(i + 1),
                new: Some(j + 1),
            },
            Op::Removed(i) => DiffLine {
                change: LineChange::Removed,
                text: old_lines.get(i).copied().unwrap_or_default().to_owned(),
                old: Some(i + 1),
                new: None,
            },
            Op::Added(j) => DiffLine {
                change: LineChange::Added,
                text: new_lines.get(j).copied().unwrap_or_default().to_owned(),
                old: None,
                new: Some(j + 1),
            },
        })
        .collect()
}

/// Numbers each distinct line, the same number for the same text.
fn intern<'a>(ids: &mut HashMap<&'a str, usize>, lines: &[&'a str]) -> Vec<usize> {
    lines
        .iter()
        .map(|&l| {
            let next = ids.len();
            *ids.entry(l).or_insert(next)
        })
        .collect()
}

/// (added, removed) counts
pub fn stats(lines: &[DiffLine]) -> (usize, usize) {
    lines
        .iter()
        .fold((0, 0), |(added, removed), l| match l.change {
            LineChange::Added => (added + 1, removed),
            LineChange::Removed => (added, removed + 1),
            LineChange::Same => (added, removed),
        })
}

/// An edit step, with 0-based line indexes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Op {
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Within each run of changes, removed lines first, each kind in its original order.
fn removed_before_added(ops: Vec<Op>) -> Vec<Op> {
    let mut out = Vec::with_capacity(ops.len());
    let mut added = Vec::new();
    for op in ops {
        match op {
            Op::Same(..) => {
                out.append(&mut added);
                out.push(op);
            }
            Op::Removed(_) => out.push(op),
            Op::Added(_) => added.push(op),
        }
    }
    out.append(&mut added);
    out
}

/// How many diagonals the middle-snake search may need.
fn max_d(n: usize, m: usize) -> usize {
    (n + m).div_ceil(2) + 1
}

/// Furthest-reaching x per diagonal k, for k in -max_d..=max_d.
struct V {
    offset: isize,
    v: Vec<usize>,
}

impl V {
    fn new(max_d: usize) -> V {
        V {
            offset: max_d as isize,
            v: vec![0; 2 * max_d + 1],
        }
    }

    fn slot(&self, k: isize) -> usize {
        (k + self.offset).clamp(0, self.v.len() as isize - 1) as usize
    }

    fn get(&self, k: isize) -> usize {
        self.v.get(self.slot(k)).copied().unwrap_or(0)
    }

    fn set(&mut self, k: isize, x: usize) {
        let slot = self.slot(k);
        if let Some(cell) = self.v.get_mut(slot) {
            *cell = x;
        }
    }
}

/// The state of one comparison.
struct Search<'a> {
    a: &'a [usize],
    b: &'a [usize],
    vf: V,
    vb: V,
    budget: usize,
    ops: Vec<Op>,
}

impl Search<'_> {
    fn prefix(&self, a: Range<usize>, b: Range<usize>) -> usize {
        let (a, b) = (&self.a[a], &self.b[b]);
        a.iter().zip(b).take_while(|(x, y)| x == y).count()
    }

    fn suffix(&self, a: Range<usize>, b: Range<usize>) -> usize {
        let (a, b) = (&self.a[a], &self.b[b]);
        a.iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x == y)
            .count()
    }

    /// Divide and conquer: strip the common ends, split the middle at its middle snake.
    fn conquer(&mut self, mut a: Range<usize>, mut b: Range<usize>) {
        let head = self.prefix(a.clone(), b.clone());
        for k in 0..head {
            self.ops.push(Op::Same(a.start + k, b.start + k));
        }
        a.start += head;
        b.start += head;
        let tail = self.suffix(a.clone(), b.clone());
        a.end -= tail;
        b.end -= tail;
        if a.is_empty() || b.is_empty() {
            self.ops.extend(a.clone().map(Op::Removed));
            self.ops.extend(b.clone().map(Op::Added));
        } else if let Some((x, y)) = self.middle_snake(a.clone(), b.clone()) {
            self.conquer(a.start..x, b.start..y);
            self.conquer(x..a.end, y..b.end);
        } else {
            self.ops.extend(a.clone().map(Op::Removed));
            self.ops.extend(b.clone().map(Op::Added));
        }
        for k in 0..tail {
            self.ops.push(Op::Same(a.end + k, b.end + k));
        }
    }

    /// Where an optimal path crosses the middle (Myers 1986, section 4b), as absolute
    /// (old, new) indexes; `None` when the budget ran out.
    fn middle_snake(&mut self, a: Range<usize>, b: Range<usize>) -> Option<(usize, usize)> {
        let (n, m) = (a.len(), b.len());
        let delta = n as isize - m as isize;
        let odd = delta & 1 == 1;
        self.vf.set(1, 0);
        self.vb.set(1, 0);
        for d in 0..max_d(n, m) as isize {
            let steps = 2 * (2 * d as usize + 1);
            if steps > self.budget {
                self.budget = 0;
                return None;
            }
            self.budget -= steps;
            // Forward, from the top left.
            for k in (-d..=d).rev().step_by(2) {
                let mut x = if k == -d || (k != d && self.vf.get(k - 1) < self.vf.get(k + 1)) {
                    self.vf.get(k + 1)
                } else {
                    self.vf.get(k - 1) + 1
                };
                let y = (x as isize - k) as usize;
                let (x0, y0) = (x, y);
                if x < n && y < m {
                    x += self.prefix(a.start + x..a.end, b.start + y..b.end);
                }
                self.vf.set(k, x);
                if odd && (k - delta).abs() < d && self.vf.get(k) + self.vb.get(-(k - delta)) >= n {
                    return Some((a.start + x0, b.start + y0));
                }
            }
            // Backward, from the bottom right.
            for k in (-d..=d).rev().step_by(2) {
                let mut x = if k == -d || (k != d && self.vb.get(k - 1) < self.vb.get(k + 1)) {
                    self.vb.get(k + 1)
                } else {
                    self.vb.get(k - 1) + 1
                };
                let mut y = (x as isize - k) as usize;
                if x < n && y < m {
                    let advance = self.suffix(a.start..a.start + n - x, b.start..b.start + m - y);
                    x += advance;
                    y += advance;
                }
                self.vb.set(k, x);
                if !odd && (k - delta).abs() <= d && self.vb.get(k) + self.vf.get(-(k - delta)) >= n
                {
                    return Some((a.start + n - x, b.start + m - y));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
