//! Tests for the line comparison: edge cases, hunk order, line numbers, the work budget
//! on large texts, and properties against a naive LCS on small random texts.

use super::*;

fn view(lines: &[DiffLine]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let mark = match l.change {
                LineChange::Same => ' ',
                LineChange::Added => '+',
                LineChange::Removed => '-',
            };
            format!("{mark}{}", l.text)
        })
        .collect()
}

fn same(text: &str, old: usize, new: usize) -> DiffLine {
    DiffLine {
        change: LineChange::Same,
        text: text.into(),
        old: Some(old),
        new: Some(new),
    }
}

#[test]
fn identical_texts_are_all_same() {
    let d = diff_lines("a\nb\nc", "a\nb\nc");
    assert_eq!(d, [same("a", 1, 1), same("b", 2, 2), same("c", 3, 3)]);
    assert_eq!(stats(&d), (0, 0));
}

#[test]
fn empty_sides() {
    assert!(diff_lines("", "").is_empty());
    let added = diff_lines("", "x\ny");
    assert_eq!(view(&added), ["+x", "+y"]);
    assert_eq!((added[1].old, added[1].new), (None, Some(2)));
    assert_eq!(stats(&added), (2, 0));
    let removed = diff_lines("x\ny\n", "");
    assert_eq!(view(&removed), ["-x", "-y"]);
    assert_eq!((removed[0].old, removed[0].new), (Some(1), None));
    assert_eq!(stats(&removed), (0, 2));
}

#[test]
fn single_changed_line_in_the_middle() {
    let d = diff_lines("one\ntwo\nthree\nfour", "one\ntwo\nTHREE\nfour");
    assert_eq!(view(&d), [" one", " two", "-three", "+THREE", " four"]);
    assert_eq!((d[2].old, d[2].new), (Some(3), None));
    assert_eq!((d[3].old, d[3].new), (None, Some(3)));
    assert_eq!(d[4], same("four", 4, 4));
    assert_eq!(stats(&d), (1, 1));
}

#[test]
fn insertion_at_start_and_end() {
    let d = diff_lines("b\nc", "a\nb\nc");
    assert_eq!(view(&d), ["+a", " b", " c"]);
    assert_eq!(d[1], same("b", 1, 2));
    let d = diff_lines("b\nc", "b\nc\nd");
    assert_eq!(view(&d), [" b", " c", "+d"]);
    assert_eq!(d[2].new, Some(3));
}

#[test]
fn deletion_at_start_and_end() {
    assert_eq!(view(&diff_lines("a\nb\nc", "b\nc")), ["-a", " b", " c"]);
    assert_eq!(view(&diff_lines("a\nb\nc", "a\nb")), [" a", " b", "-c"]);
}

#[test]
fn trailing_newline_and_crlf_do_not_count() {
    assert_eq!(stats(&diff_lines("a\nb\n", "a\nb")), (0, 0));
    assert_eq!(stats(&diff_lines("a\r\nb\r\n", "a\nb")), (0, 0));
    // A blank last line is a line.
    assert_eq!(view(&diff_lines("a\n", "a\n\n")), [" a", "+"]);
}

#[test]
fn removed_lines_come_before_added_lines_in_a_hunk() {
    let d = diff_lines("keep\na\nb\nc\nkeep2", "keep\nx\nb\ny\nz\nkeep2");
    assert_eq!(
        view(&d),
        [" keep", "-a", "+x", " b", "-c", "+y", "+z", " keep2"]
    );
    let d = diff_lines("1\n2\n3", "4\n5");
    assert_eq!(view(&d), ["-1", "-2", "-3", "+4", "+5"]);
}

#[test]
fn moved_block_keeps_the_longest_common_run() {
    let d = diff_lines("a\nb\nc\nd\ne", "d\ne\na\nb\nc");
    assert_eq!(d.iter().filter(|l| l.change == LineChange::Same).count(), 3);
    assert_eq!(stats(&d), (2, 2));
}

#[test]
fn repeated_lines() {
    let d = diff_lines("x\nx\nx", "x\nx");
    assert_eq!(stats(&d), (0, 1));
    let d = diff_lines("", "\n\n");
    assert_eq!(view(&d), ["+", "+"]);
}

#[test]
fn large_edit_of_a_long_text_is_exact() {
    let old: Vec<String> = (0..5000).map(|i| format!("line {i}")).collect();
    let mut new = old.clone();
    for i in (0..5000).step_by(250) {
        new[i] = format!("changed {i}");
    }
    new.insert(2500, "inserted".into());
    let d = diff_lines(&old.join("\n"), &new.join("\n"));
    assert_eq!(stats(&d), (21, 20));
    assert_eq!(d.len(), 5000 + 21);
}

#[test]
fn a_thousand_scattered_edits_stay_within_the_budget() {
    let old: Vec<String> = (0..5000).map(|i| format!("line {i}")).collect();
    let mut new = old.clone();
    for i in (0..5000).step_by(5) {
        new[i] = format!("changed {i}");
    }
    let d = diff_lines(&old.join("\n"), &new.join("\n"));
    assert_eq!(stats(&d), (1000, 1000));
    assert_eq!(view(&d[..3]), ["-line 0", "+changed 0", " line 1"]);
}

#[test]
fn unrelated_long_texts_fall_back_to_removed_then_added() {
    let old: Vec<String> = (0..5000).map(|i| format!("old {i}")).collect();
    let new: Vec<String> = (0..5000).map(|i| format!("new {i}")).collect();
    let d = diff_lines(&old.join("\n"), &new.join("\n"));
    assert_eq!(stats(&d), (5000, 5000));
    assert_eq!(d[0].text, "old 0");
    assert_eq!(d[5000].text, "new 0");
}

#[test]
fn zero_budget_falls_back_but_keeps_common_ends() {
    let d = diff_lines_with_budget("a\nb\nc\nd", "a\nx\nc\nd", 0);
    assert_eq!(view(&d), [" a", "-b", "+x", " c", " d"]);
    let d = diff_lines_with_budget("a\nb\nc\nd\ne", "a\nx\nc\ny\ne", 0);
    assert_eq!(view(&d), [" a", "-b", "-c", "-d", "+x", "+c", "+y", " e"]);
}

/// Longest common subsequence length, the textbook way.
#[cfg(not(target_arch = "wasm32"))]
fn naive_lcs(a: &[&str], b: &[&str]) -> usize {
    let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            t[i][j] = if a[i] == b[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    t[0][0]
}

/// Applies the diff: Same + Added lines give the new text, Same + Removed the old one;
/// line numbers count up from 1 on each side; hunks list removals first.
#[cfg(not(target_arch = "wasm32"))]
fn check(old: &str, new: &str, d: &[DiffLine]) {
    let pick = |keep: LineChange| -> Vec<&str> {
        d.iter()
            .filter(|l| l.change == LineChange::Same || l.change == keep)
            .map(|l| l.text.as_str())
            .collect()
    };
    assert_eq!(pick(LineChange::Added), new.lines().collect::<Vec<_>>());
    assert_eq!(pick(LineChange::Removed), old.lines().collect::<Vec<_>>());
    let olds: Vec<usize> = d.iter().filter_map(|l| l.old).collect();
    let news: Vec<usize> = d.iter().filter_map(|l| l.new).collect();
    assert_eq!(olds, (1..=olds.len()).collect::<Vec<_>>());
    assert_eq!(news, (1..=news.len()).collect::<Vec<_>>());
    for pair in d.windows(2) {
        let wrong = pair[0].change == LineChange::Added && pair[1].change == LineChange::Removed;
        assert!(!wrong, "added before removed: {:?}", view(d));
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use proptest::prelude::*;

    use super::{check, naive_lcs};
    use crate::domain::knowledge::line_diff::{diff_lines, LineChange};

    /// Small texts over a small alphabet, so lines repeat a lot.
    fn text() -> impl Strategy<Value = String> {
        let line = prop::sample::select(vec!["a", "b", "c", "d", ""]);
        (prop::collection::vec(line, 0..24), any::<bool>()).prop_map(|(lines, nl)| {
            let mut t = lines.join("\n");
            if nl && !t.is_empty() {
                t.push('\n');
            }
            t
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn diff_reproduces_both_sides_and_is_minimal(old in text(), new in text()) {
            let d = diff_lines(&old, &new);
            check(&old, &new, &d);
            let a: Vec<&str> = old.lines().collect();
            let b: Vec<&str> = new.lines().collect();
            let same = d.iter().filter(|l| l.change == LineChange::Same).count();
            prop_assert_eq!(same, naive_lcs(&a, &b));
        }

        #[test]
        fn related_texts_stay_exact(base in text(), edit in text(), at in 0usize..30) {
            let lines: Vec<&str> = base.lines().collect();
            let cut = at.min(lines.len());
            let edit: Vec<&str> = edit.lines().collect();
            let new: String = [&lines[..cut], &edit[..], &lines[cut..]]
                .concat()
                .iter()
                .map(|l| format!("{l}\n"))
                .collect();
            let d = diff_lines(&base, &new);
            check(&base, &new, &d);
            let same = d.iter().filter(|l| l.change == LineChange::Same).count();
            prop_assert_eq!(same, lines.len());
        }
    }
}
