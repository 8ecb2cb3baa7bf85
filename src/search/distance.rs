//! Edit distance for typo tolerance: optimal string alignment (insertions, deletions,
//! substitutions and swaps of two neighbouring letters each count as one edit), cut
//! short as soon as the bound is exceeded.

/// The edit distance between `a` and `b` when it is at most `max`, else `None`.
/// Works on bytes when both are ASCII (index terms usually are), else on chars.
pub fn within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        osa(a.as_bytes(), b.as_bytes(), max)
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        osa(&a, &b, max)
    }
}

fn osa<T: PartialEq + Copy>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    if n == 0 || m == 0 {
        return Some(n.max(m));
    }
    // Three rows: two back (for swaps), previous, current.
    let mut two_back = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut two_back, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[m];
    (d <= max).then_some(d)
}

/// The set of letters in `word` as bits (a–z each its own bit, other characters
/// folded onto the rest). One edit adds or removes at most one letter and a
/// substitution at most two, so `(letters(a) ^ letters(b)).count_ones() > 2 * d` proves
/// the words are more than `d` edits apart without computing the distance.
pub fn letters(word: &str) -> u32 {
    word.chars().fold(0, |set, c| {
        let bit = if c.is_ascii_lowercase() {
            u32::from(c) - u32::from('a')
        } else {
            26 + u32::from(c) % 6
        };
        set | 1 << bit
    })
}

/// The number of typos forgiven in a word of `typed` characters: none below four,
/// one from four, two from eight.
pub fn tolerance(typed: usize) -> usize {
    match typed {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_kind_of_edit_once() {
        assert_eq!(within("printer", "printer", 2), Some(0));
        assert_eq!(within("printr", "printer", 2), Some(1)); // deletion
        assert_eq!(within("printeer", "printer", 2), Some(1)); // insertion
        assert_eq!(within("prinler", "printer", 2), Some(1)); // substitution
        assert_eq!(within("pritner", "printer", 2), Some(1)); // swap
        assert_eq!(within("prntr", "printer", 2), Some(2));
        assert_eq!(within("café", "cafe", 1), Some(1));
    }

    #[test]
    fn stops_beyond_the_bound() {
        assert_eq!(within("printer", "scanner", 2), None);
        assert_eq!(within("ab", "abcdef", 2), None);
        assert_eq!(within("", "ab", 2), Some(2));
        assert_eq!(within("", "abc", 2), None);
    }

    #[test]
    fn the_letter_set_bound_never_rules_out_a_word_within_reach() {
        for (a, b, d) in [
            ("printer", "printr", 1),
            ("printer", "prinler", 1),
            ("printer", "pritner", 1),
            ("certificate", "certifcate", 1),
            ("outlook", "outlok", 1),
            ("café", "cafe", 1),
            ("password", "pasword", 1),
        ] {
            assert!(
                (letters(a) ^ letters(b)).count_ones() as usize <= 2 * d,
                "{a} {b}"
            );
            assert_eq!(within(a, b, d), Some(d));
        }
        assert!((letters("printer") ^ letters("scanner")).count_ones() > 2);
    }

    #[test]
    fn tolerance_grows_with_length() {
        assert_eq!(tolerance(3), 0);
        assert_eq!(tolerance(4), 1);
        assert_eq!(tolerance(7), 1);
        assert_eq!(tolerance(8), 2);
    }
}
