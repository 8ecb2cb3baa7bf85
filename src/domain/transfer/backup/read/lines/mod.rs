//! Finding the lines of a backup file a slice at a time, so that splitting a file of
//! hundreds of megabytes never holds the page for long: the caller scans a few
//! megabytes, lets the page paint, and scans on. Lines are checked as UTF-8 one at a
//! time later, when each is read.

use crate::domain::transfer::backup::MAX_DOCUMENTS;

/// Most line ends recorded: a backup has one line per document plus three, so more
/// than this is refused anyway (the count goes on, so the message can say how many).
const MAX_RECORDED: usize = MAX_DOCUMENTS + 4;

/// The line ends found so far in a file's bytes.
#[derive(Debug, Default, Clone)]
pub struct LineSplit {
    /// Bytes scanned so far (from the start of the file).
    scanned: usize,
    /// Offsets of the `\n` bytes found, at most [`MAX_RECORDED`].
    ends: Vec<usize>,
    /// `\n` bytes found beyond those recorded.
    unrecorded: usize,
}

impl LineSplit {
    /// Scans up to `max` more bytes of `bytes` (the same bytes every call); returns true
    /// once the whole of `bytes` is scanned.
    pub fn step(&mut self, bytes: &[u8], max: usize) -> bool {
        let stop = self.scanned.saturating_add(max.max(1)).min(bytes.len());
        let mut at = self.scanned.min(stop);
        while let Some(i) = bytes[at..stop].iter().position(|&b| b == b'\n') {
            if self.ends.len() < MAX_RECORDED {
                self.ends.push(at + i);
            } else {
                self.unrecorded += 1;
            }
            at += i + 1;
        }
        self.scanned = stop;
        self.is_done(bytes)
    }

    /// Whether every byte of `bytes` has been scanned.
    pub fn is_done(&self, bytes: &[u8]) -> bool {
        self.scanned >= bytes.len()
    }

    /// How many bytes have been scanned.
    pub fn scanned(&self) -> usize {
        self.scanned
    }

    /// How many lines the scanned bytes hold (the text after the last `\n` counts as a
    /// line, even when empty).
    pub fn line_count(&self) -> usize {
        self.ends.len() + self.unrecorded + 1
    }

    /// Whether lines were found beyond the most a backup can hold (then
    /// [`LineSplit::lines`] gives only the first ones).
    pub fn overflowed(&self) -> bool {
        self.unrecorded > 0
    }

    /// The lines of `bytes` from offset `from` (after a byte-order mark), each without
    /// its `\n` and a trailing `\r`. Call once the whole file is scanned.
    pub fn lines<'a>(&self, bytes: &'a [u8], from: usize) -> Vec<&'a [u8]> {
        let mut out = Vec::with_capacity(self.ends.len() + 1);
        let mut start = from.min(bytes.len());
        for &end in &self.ends {
            if end < start {
                continue;
            }
            out.push(trim_cr(&bytes[start..end]));
            start = end + 1;
        }
        if !self.overflowed() {
            out.push(trim_cr(&bytes[start.min(bytes.len())..]));
        }
        out
    }
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests;
