//! Which words of a shown text matched the query: the text cut into plain and matched
//! pieces, so the page can wrap matched words in `<mark>` without building HTML.

use super::tokenize::tokens;

/// `text` in order as (piece, matched) pairs; a word is matched when its term is in
/// `matched` (sorted, as [`super::Results::matched`] is).
pub fn segments<'a>(text: &'a str, matched: &[String]) -> Vec<(&'a str, bool)> {
    let mut spans: Vec<(usize, usize)> = tokens(text)
        .into_iter()
        .filter(|t| matched.binary_search(&t.term).is_ok())
        .map(|t| (t.start, t.end))
        .collect();
    spans.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in spans {
        if end <= at {
            continue;
        }
        let start = start.max(at);
        if start > at {
            out.push((&text[at..start], false));
        }
        out.push((&text[start..end], true));
        at = end;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, matched: &[&str]) -> String {
        let mut m: Vec<String> = matched.iter().map(|s| s.to_string()).collect();
        m.sort();
        segments(text, &m)
            .into_iter()
            .map(|(p, hit)| if hit { format!("[{p}]") } else { p.to_owned() })
            .collect()
    }

    #[test]
    fn marks_matched_words_whatever_their_case_or_accents() {
        assert_eq!(
            marked("The Printer jams", &["printer"]),
            "The [Printer] jams"
        );
        assert_eq!(marked("Café wifi", &["cafe"]), "[Café] wifi");
        assert_eq!(
            marked("printers and printing", &["print", "printer"]),
            "[printers] and [printing]"
        );
    }

    #[test]
    fn a_matched_code_is_marked_whole() {
        assert_eq!(
            marked("Error ERR-4012 again", &["err4012"]),
            "Error [ERR-4012] again"
        );
        assert_eq!(marked("ERR-4012", &["4012", "err4012"]), "[ERR-4012]");
    }

    #[test]
    fn nothing_matched_is_one_plain_piece() {
        assert_eq!(segments("plain text", &[]), vec![("plain text", false)]);
        assert!(segments("", &[]).is_empty());
    }
}
