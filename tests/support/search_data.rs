//! Data for the search benchmark: generated incidents (references `INC-BENCH-…`) plus
//! copies of the demo scenario's problems, known errors, articles and releases under
//! fresh ids and references, optionally with a wide vocabulary, written to a store in
//! batches so generating them never holds all the records in memory at once.
#![allow(dead_code)]

use service_desk::domain::couch::document::NewRevision;
use service_desk::domain::couch::record::Record;
use service_desk::domain::demo::{self, DemoRng};
use service_desk::domain::kernel::reference::{new_id, DeviceTag, RefKind, Reference};
use service_desk::domain::kernel::time::Timestamp;
use service_desk::storage::idb::IdbStore;
use service_desk::storage::Store;

/// The benchmark's "now".
pub const NOW: Timestamp = Timestamp(1_795_000_000_000);
/// Incidents generated and written per transaction (bounds the generator's memory).
const BATCH: usize = 5_000;
/// Distinct invented words of the wide vocabulary (a desk of 50k records written by
/// people holds tens of thousands of distinct words: names, products, places).
const LEXICON: usize = 60_000;
/// Invented words appended to each incident's description in the wide vocabulary.
const WORDS_PER_RECORD: usize = 6;

/// Milliseconds from the page's performance clock.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

fn tag() -> DeviceTag {
    DeviceTag::parse("BENCH").unwrap_or_else(|| DeviceTag::from_bits(0))
}

fn revision(r: &Record) -> NewRevision {
    NewRevision {
        id: r.id().to_string(),
        parent: None,
        deleted: false,
        body: r.to_json().unwrap(),
    }
}

/// Word `i` of the invented lexicon: 2 to 4 syllables, sometimes a final consonant, so
/// lengths spread over 4–9 letters like real words do.
pub fn lexicon_word(i: usize) -> String {
    const C: &[u8] = b"bcdfghjklmnprstvz";
    const V: &[u8] = b"aeiou";
    let syllables = 2 + i % 3;
    let mut x = i / 3;
    let mut w = String::with_capacity(10);
    for _ in 0..syllables {
        let s = x % (C.len() * V.len());
        x /= C.len() * V.len();
        w.push(char::from(C[s / V.len()]));
        w.push(char::from(V[s % V.len()]));
    }
    if (i / 7) % 2 == 1 {
        w.push(char::from(C[(i / 14) % C.len()]));
    }
    w
}

/// A word of the lexicon drawn with a heavy head (density ∝ 1/rank, as word
/// frequencies in text roughly are).
fn draw(rng: &mut DemoRng) -> String {
    let u = rng.below(1 << 30) as f64 / f64::from(1u32 << 30);
    let rank = ((LEXICON as f64).powf(u) as usize).clamp(1, LEXICON) - 1;
    lexicon_word(rank)
}

/// Incidents `start+1 ..= start+n` (references `INC-BENCH-<start+k+1>`).
pub fn incidents(start: usize, n: usize, wide: bool) -> Vec<NewRevision> {
    let mut rng = DemoRng::new(0xB0CA_B000 + start as u64);
    let tag = tag();
    demo::incidents(n, 7 + start as u64, NOW)
        .into_iter()
        .enumerate()
        .map(|(k, mut i)| {
            i.reference = Reference::new(RefKind::Incident, &tag, (start + k + 1) as u32);
            if wide {
                for _ in 0..WORDS_PER_RECORD {
                    i.description.push(' ');
                    i.description.push_str(&draw(&mut rng));
                }
            }
            revision(&Record::Incident(i))
        })
        .collect()
}

/// `copies` copies of the scenario's problems, known errors, articles and releases,
/// each with a fresh id and a `…-BENCH-<n>` reference.
pub fn extras(copies: usize) -> Vec<NewRevision> {
    let tag = tag();
    let mut rng = DemoRng::new(0xE7_7A5);
    let base: Vec<Record> = demo::scenario(NOW)
        .into_iter()
        .filter(|r| {
            matches!(
                r,
                Record::Problem(_)
                    | Record::KnownError(_)
                    | Record::Article(_)
                    | Record::Release(_)
            )
        })
        .collect();
    let mut counters = [0u32; 4];
    let mut out = Vec::with_capacity(base.len() * copies);
    for _ in 0..copies {
        for r in &base {
            let mut r = r.clone();
            let (slot, kind, ref_kind) = match &r {
                Record::Problem(_) => (0, "problem", RefKind::Problem),
                Record::KnownError(_) => (1, "known_error", RefKind::KnownError),
                Record::Article(_) => (2, "article", RefKind::Article),
                _ => (3, "release", RefKind::Release),
            };
            counters[slot] += 1;
            let id = new_id(kind, &rng.uuid());
            let reference = Reference::new(ref_kind, &tag, counters[slot]);
            match &mut r {
                Record::Problem(x) => (x.id, x.reference) = (id, reference),
                Record::KnownError(x) => (x.id, x.reference) = (id, reference),
                Record::Article(x) => (x.id, x.reference) = (id, reference),
                Record::Release(x) => (x.id, x.reference) = (id, reference),
                _ => unreachable!(),
            }
            out.push(revision(&r));
        }
    }
    out
}

/// Writes `total` records: the extras of `copies` scenario copies, then incidents up to
/// `total`. Returns the ms spent writing and the number of extras.
pub async fn fill(store: &IdbStore, total: usize, copies: usize, wide: bool) -> (f64, usize) {
    let mut ms = 0.0;
    let extra = extras(copies);
    let n_extra = extra.len();
    let t = now_ms();
    store.put_batch(extra).await.unwrap();
    ms += now_ms() - t;
    let mut start = 0;
    while start < total - n_extra {
        let n = BATCH.min(total - n_extra - start);
        let revs = incidents(start, n, wide);
        let t = now_ms();
        store.put_batch(revs).await.unwrap();
        ms += now_ms() - t;
        start += n;
    }
    (ms, n_extra)
}
