//! Replication checkpoints (pure): the replication id, the checkpoint history kept on
//! both sides (`_local/<id>` on the server, a meta entry here), where a run starts, and
//! the retry delay after a failure.

use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How many past checkpoints each side keeps, so a run that stored one side's
/// checkpoint but not the other's still finds a common point.
pub const HISTORY: usize = 5;

/// Which way a replication copies documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Pull,
    Push,
}

impl Direction {
    pub fn key(self) -> &'static str {
        match self {
            Direction::Pull => "pull",
            Direction::Push => "push",
        }
    }
}

/// A stable id for one replication: this database, that server and database, one
/// direction. Hex md5, like CouchDB's replication ids.
pub fn replication_id(local_id: &str, server: &str, db: &str, dir: Direction) -> String {
    let mut h = Md5::new();
    for part in [
        "service-desk-replication-v1",
        local_id,
        server,
        db,
        dir.key(),
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// One checkpoint: the run that wrote it and the source sequence it reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub session_id: String,
    /// Opaque source sequence (a number or a string).
    pub last_seq: Value,
}

/// A checkpoint document's content (newest entry first).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Checkpoint {
    #[serde(default)]
    pub history: Vec<Entry>,
}

impl Checkpoint {
    /// Reads a stored checkpoint; anything unreadable counts as none (start over,
    /// which re-reads but never loses anything).
    pub fn parse(text: &str) -> Checkpoint {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// This checkpoint with `entry` added first, history capped.
    pub fn with(&self, entry: Entry) -> Checkpoint {
        let older = self
            .history
            .iter()
            .filter(|e| e.session_id != entry.session_id)
            .take(HISTORY - 1)
            .cloned();
        let history = std::iter::once(entry.clone()).chain(older).collect();
        Checkpoint { history }
    }
}

/// Where a run starts: the newest checkpoint both sides recorded alike, or `None`
/// (from the beginning) when they share none.
pub fn start_from(local: &Checkpoint, remote: &Checkpoint) -> Option<Value> {
    local
        .history
        .iter()
        .find(|l| remote.history.iter().any(|r| r == *l))
        .map(|e| e.last_seq.clone())
}

/// Milliseconds to wait before retry number `attempt` (0 = first retry): doubling from
/// 1 s up to 5 min, with "equal jitter" (`jitter` in 0..1 picks within the upper half),
/// so tabs and devices that failed together do not retry together.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    const BASE: u64 = 1_000;
    const CAP: u64 = 300_000;
    let full = BASE.saturating_mul(1u64 << attempt.min(20)).min(CAP);
    let half = full / 2;
    let j = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.5
    };
    half + (half as f64 * j) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn e(s: &str, seq: Value) -> Entry {
        Entry {
            session_id: s.into(),
            last_seq: seq,
        }
    }

    #[test]
    fn replication_ids_differ_by_every_part_and_are_stable() {
        let base = replication_id("L", "http://h", "d", Direction::Pull);
        assert_eq!(base, replication_id("L", "http://h", "d", Direction::Pull));
        assert_eq!(base.len(), 32);
        for other in [
            replication_id("M", "http://h", "d", Direction::Pull),
            replication_id("L", "http://i", "d", Direction::Pull),
            replication_id("L", "http://h", "e", Direction::Pull),
            replication_id("L", "http://h", "d", Direction::Push),
            // Parts are separated: moving a character between parts changes the id.
            replication_id("Lh", "ttp://h", "d", Direction::Pull),
        ] {
            assert_ne!(base, other);
        }
    }

    #[test]
    fn a_run_starts_at_the_newest_checkpoint_both_sides_share() {
        let both = Checkpoint::default()
            .with(e("a", json!(10)))
            .with(e("b", json!("20-xyz")));
        assert_eq!(start_from(&both, &both), Some(json!("20-xyz")));
        // The local side stored run "c" but the server did not: fall back to "b".
        let local = both.with(e("c", json!(30)));
        assert_eq!(start_from(&local, &both), Some(json!("20-xyz")));
        assert_eq!(start_from(&both, &local), Some(json!("20-xyz")));
        // Same session, different sequence: not the same checkpoint.
        let odd = Checkpoint::default().with(e("b", json!(99)));
        assert_eq!(start_from(&odd, &both), None);
        // A server database recreated empty: start over.
        assert_eq!(start_from(&both, &Checkpoint::default()), None);
    }

    #[test]
    fn history_is_capped_newest_first_without_repeats() {
        let mut c = Checkpoint::default();
        for i in 0..10 {
            c = c.with(e(&format!("s{i}"), json!(i)));
        }
        assert_eq!(c.history.len(), HISTORY);
        assert_eq!(c.history[0], e("s9", json!(9)));
        assert_eq!(c.history[HISTORY - 1], e("s5", json!(5)));
        let again = c.with(e("s9", json!(11)));
        assert_eq!(again.history.len(), HISTORY);
        assert_eq!(again.history[0], e("s9", json!(11)));
        assert_eq!(again.history[1], e("s8", json!(8)));
    }

    #[test]
    fn unreadable_checkpoints_count_as_none() {
        for text in ["", "{", "[]", "{\"history\":5}", "null"] {
            assert_eq!(Checkpoint::parse(text), Checkpoint::default(), "{text}");
        }
        let c = Checkpoint::default().with(e("a", json!("1-x")));
        let text = serde_json::to_string(&c).unwrap();
        assert_eq!(Checkpoint::parse(&text), c);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        assert_eq!(backoff_ms(0, 0.0), 500);
        assert_eq!(backoff_ms(0, 1.0), 1_000);
        assert_eq!(backoff_ms(1, 0.0), 1_000);
        assert_eq!(backoff_ms(3, 0.5), 6_000);
        for attempt in [9, 20, 64, u32::MAX] {
            assert!(backoff_ms(attempt, 1.0) <= 300_000);
            assert!(backoff_ms(attempt, 0.0) >= 150_000);
        }
        assert_eq!(backoff_ms(2, f64::NAN), 3_000);
        assert_eq!(backoff_ms(2, 7.0), 4_000);
    }
}
