//! Record identity: document ids (`incident:<uuid>`) and human references
//! (`INC-7K3QF-0042`) that stay unique across offline devices: a per-device tag in
//! Crockford base32 plus a per-device counter, no central sequence.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A document id: `<kind>:<uuid>`, e.g. `incident:6f1c…`.
pub fn new_id(kind: &str, uuid: &str) -> String {
    format!("{kind}:{uuid}")
}

/// Crockford's base32 alphabet: digits and capitals without I, L, O, U.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Number of characters in a device tag (25 bits).
pub const TAG_LEN: usize = 5;

/// A device's tag: 5 Crockford base32 characters, chosen once per device at random.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DeviceTag(String);

impl DeviceTag {
    /// A tag from the low 25 bits of `bits`.
    pub fn from_bits(bits: u64) -> DeviceTag {
        let mut s = String::with_capacity(TAG_LEN);
        for i in (0..TAG_LEN).rev() {
            let v = (bits >> (i * 5)) & 0x1f;
            s.push(char::from(CROCKFORD[v as usize]));
        }
        DeviceTag(s)
    }

    /// Parses a tag, accepting lower case (normalised to upper case).
    pub fn parse(s: &str) -> Option<DeviceTag> {
        let up = s.trim().to_ascii_uppercase();
        if up.len() == TAG_LEN && up.bytes().all(|b| CROCKFORD.contains(&b)) {
            Some(DeviceTag(up))
        } else {
            None
        }
    }

    /// The tag text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DeviceTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<DeviceTag> for String {
    fn from(t: DeviceTag) -> String {
        t.0
    }
}

impl TryFrom<String> for DeviceTag {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        DeviceTag::parse(&s).ok_or_else(|| format!("not a device tag: {s}"))
    }
}

/// The kinds of record that carry a human reference.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    /// `INC`
    Incident,
    /// `PRB`
    Problem,
    /// `KE`
    KnownError,
    /// `KB`
    Article,
    /// `REL`
    Release,
}

impl RefKind {
    /// Every kind.
    pub const ALL: [RefKind; 5] = [
        RefKind::Incident,
        RefKind::Problem,
        RefKind::KnownError,
        RefKind::Article,
        RefKind::Release,
    ];

    /// The reference prefix.
    pub fn prefix(self) -> &'static str {
        match self {
            RefKind::Incident => "INC",
            RefKind::Problem => "PRB",
            RefKind::KnownError => "KE",
            RefKind::Article => "KB",
            RefKind::Release => "REL",
        }
    }

    /// The kind with this prefix (upper case).
    pub fn from_prefix(prefix: &str) -> Option<RefKind> {
        Self::ALL.into_iter().find(|k| k.prefix() == prefix)
    }
}

/// A human reference such as `INC-7K3QF-0042`: kind prefix, device tag, and the
/// device's counter zero-padded to at least four digits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Reference(String);

impl Reference {
    /// The `n`th reference of `kind` made on the device tagged `tag`.
    pub fn new(kind: RefKind, tag: &DeviceTag, n: u32) -> Reference {
        Reference(format!("{}-{}-{:04}", kind.prefix(), tag.as_str(), n))
    }

    /// Parses a reference typed by a person (any case, surrounding spaces allowed).
    pub fn parse(s: &str) -> Option<Reference> {
        let up = s.trim().to_ascii_uppercase();
        let mut parts = up.split('-');
        let (prefix, tag, num) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        RefKind::from_prefix(prefix)?;
        DeviceTag::parse(tag)?;
        if num.len() < 4 || !num.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u32 = num.parse().ok()?;
        // Canonical padding only, so one reference has one spelling.
        if format!("{n:04}") != num {
            return None;
        }
        Some(Reference(up))
    }

    /// The reference text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The kind of record the prefix names (`None` only for hand-made invalid data).
    pub fn kind(&self) -> Option<RefKind> {
        self.0.split('-').next().and_then(RefKind::from_prefix)
    }

    /// The device tag part.
    pub fn tag(&self) -> Option<DeviceTag> {
        self.0.split('-').nth(1).and_then(DeviceTag::parse)
    }

    /// The counter part.
    pub fn number(&self) -> Option<u32> {
        self.0.split('-').nth(2).and_then(|n| n.parse().ok())
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// Host only: the property tests use proptest, which does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tags() {
        assert_eq!(DeviceTag::from_bits(0).as_str(), "00000");
        assert_eq!(DeviceTag::from_bits(u64::MAX).as_str(), "ZZZZZ");
        assert_eq!(DeviceTag::from_bits(1 << 25).as_str(), "00000");
        assert_eq!(DeviceTag::parse("dem00").map(|t| t.0), Some("DEM00".into()));
        assert!(DeviceTag::parse("DEMO0").is_none(), "O is not Crockford");
        assert!(DeviceTag::parse("ABCD").is_none());
        assert!(DeviceTag::parse("BENCH").is_some());
    }

    #[test]
    fn references() {
        let tag = DeviceTag::parse("7K3QF");
        let tag = tag.unwrap_or_else(|| DeviceTag::from_bits(0));
        let r = Reference::new(RefKind::Incident, &tag, 42);
        assert_eq!(r.as_str(), "INC-7K3QF-0042");
        assert_eq!(r.to_string(), "INC-7K3QF-0042");
        assert_eq!(r.kind(), Some(RefKind::Incident));
        assert_eq!(r.number(), Some(42));
        assert_eq!(r.tag(), Some(tag.clone()));
        assert_eq!(
            Reference::new(RefKind::KnownError, &tag, 123_456).as_str(),
            "KE-7K3QF-123456"
        );
        assert_eq!(Reference::parse(" inc-7k3qf-0042 "), Some(r.clone()));
        assert!(Reference::parse("INC-7K3QF-42").is_none());
        assert!(Reference::parse("INC-7K3QF-00042").is_none());
        assert!(Reference::parse("XYZ-7K3QF-0042").is_none());
        assert!(Reference::parse("INC-7K3QF-0042-1").is_none());
        assert!(Reference::parse("INC-7K3QF").is_none());
        assert!(Reference::parse("").is_none());
        assert_eq!(
            serde_json::to_string(&r).ok().as_deref(),
            Some("\"INC-7K3QF-0042\"")
        );
    }

    fn kind() -> impl Strategy<Value = RefKind> {
        prop::sample::select(RefKind::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn parse_round_trips(k in kind(), bits in any::<u64>(), n in any::<u32>()) {
            let r = Reference::new(k, &DeviceTag::from_bits(bits), n);
            prop_assert_eq!(Reference::parse(r.as_str()), Some(r.clone()));
            prop_assert_eq!(Reference::parse(&r.as_str().to_lowercase()), Some(r.clone()));
            prop_assert_eq!(r.kind(), Some(k));
        }

        #[test]
        fn distinct_inputs_distinct_references(
            k in kind(),
            a in 0u64..(1 << 25), b in 0u64..(1 << 25),
            n in any::<u32>(), m in any::<u32>(),
        ) {
            let ra = Reference::new(k, &DeviceTag::from_bits(a), n);
            let rb = Reference::new(k, &DeviceTag::from_bits(b), m);
            prop_assert_eq!(ra == rb, a == b && n == m);
        }
    }
}
