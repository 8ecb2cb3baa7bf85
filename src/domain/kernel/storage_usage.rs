//! How much this site stores in the browser, in words: byte sizes in binary units and
//! the share of the quota used, from `navigator.storage.estimate()`'s figures.

/// `bytes` as "0 B", "512 B", "1.5 KB", "12.3 MB", "1.2 GB" (1 KB = 1024 bytes).
pub fn format_bytes(bytes: f64) -> String {
    if !bytes.is_finite() || bytes < 0.0 {
        return "unknown".to_owned();
    }
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if bytes < 1024.0 {
        return format!("{} B", bytes.round() as u64);
    }
    let mut value = bytes / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{} {}", value.round() as u64, UNITS[unit])
    }
}

/// The estimate's sentence: "12.3 MB used of 1.2 GB available to this site (1%)".
pub fn describe(usage: f64, quota: f64) -> String {
    if !(quota.is_finite() && quota > 0.0) {
        return format!(
            "{} used; the browser does not say how much more it allows.",
            format_bytes(usage)
        );
    }
    let share = (usage / quota * 100.0).clamp(0.0, 100.0);
    let share = if share > 0.0 && share < 1.0 {
        "under 1%".to_owned()
    } else {
        format!("{}%", share.round() as u64)
    };
    format!(
        "{} used of {} available to this site ({share}).",
        format_bytes(usage),
        format_bytes(quota)
    )
}

/// Whether the quota is nearly used up (at least 90%): worth a warning.
pub fn nearly_full(usage: f64, quota: f64) -> bool {
    quota.is_finite() && quota > 0.0 && usage / quota >= 0.9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_use_binary_units_with_one_decimal_below_ten() {
        assert_eq!(format_bytes(0.0), "0 B");
        assert_eq!(format_bytes(1023.0), "1023 B");
        assert_eq!(format_bytes(1024.0), "1.0 KB");
        assert_eq!(format_bytes(1536.0), "1.5 KB");
        assert_eq!(format_bytes(12.0 * 1024.0 * 1024.0 + 300_000.0), "12 MB");
        assert_eq!(format_bytes(3.26 * 1024.0 * 1024.0 * 1024.0), "3.3 GB");
        assert_eq!(format_bytes(-1.0), "unknown");
        assert_eq!(format_bytes(f64::NAN), "unknown");
    }

    #[test]
    fn the_sentence_gives_usage_quota_and_share() {
        let gb = 1024.0 * 1024.0 * 1024.0;
        assert_eq!(
            describe(gb / 4.0, gb),
            "256 MB used of 1.0 GB available to this site (25%)."
        );
        assert_eq!(
            describe(2048.0, gb),
            "2.0 KB used of 1.0 GB available to this site (under 1%)."
        );
        assert_eq!(
            describe(0.0, gb),
            "0 B used of 1.0 GB available to this site (0%)."
        );
        assert!(describe(5.0, 0.0).contains("does not say"));
    }

    #[test]
    fn nearly_full_from_ninety_percent() {
        assert!(!nearly_full(89.0, 100.0));
        assert!(nearly_full(90.0, 100.0));
        assert!(!nearly_full(90.0, 0.0));
    }
}
