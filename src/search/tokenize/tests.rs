//! Tests of the tokenizer: folding, splitting, codes and references, spans, query words.
use super::*;

/// The index terms of `text`, in order.
fn terms(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|t| t.term).collect()
}

/// The original text each token of `text` came from.
fn spans(text: &str) -> Vec<&str> {
    tokens(text)
        .into_iter()
        .map(|t| &text[t.start..t.end])
        .collect()
}

#[test]
fn case_does_not_change_the_term() {
    assert_eq!(terms("PRINTER Printer printer"), ["printer"; 3]);
}

#[test]
fn accented_letters_fold_to_their_plain_form() {
    assert_eq!(terms("café"), terms("cafe"));
    assert_eq!(terms("Ångström"), ["angstrom"]);
    assert_eq!(terms("Zoë"), ["zoe"]);
    let words: Vec<String> = tokens("Straße").into_iter().map(|t| t.word).collect();
    assert_eq!(words, ["strasse"]);
    assert_eq!(terms("Straße"), terms("STRASSE"));
}

#[test]
fn punctuation_separates_words_without_joining_them() {
    assert_eq!(
        terms("printer,scanner;(toner)!"),
        ["printer", "scanner", "toner"]
    );
    let joined: Vec<bool> = tokens("printer, scanner")
        .into_iter()
        .map(|t| t.joined)
        .collect();
    assert_eq!(joined, [false, false]);
}

#[test]
fn a_full_stop_ends_a_sentence_rather_than_joining_two_words() {
    assert_eq!(terms("printer. Scanner"), ["printer", "scanner"]);
}

#[test]
fn an_apostrophe_inside_a_word_is_dropped_not_split_on() {
    let t = tokens("the customer's basket");
    assert_eq!(t[0].word, "customers");
    assert_eq!(t[0].term, "customer");
    assert_eq!(&"the customer's basket"[t[0].start..t[0].end], "customer's");
    assert_eq!(terms("customer\u{2019}s"), terms("customers"));
}

#[test]
fn quotes_around_words_are_not_part_of_them() {
    assert_eq!(spans("'session expired'"), ["session", "expired"]);
}

#[test]
fn stopwords_and_lone_letters_are_dropped_but_lone_digits_kept() {
    assert_eq!(
        terms("the printer is on floor 3"),
        ["printer", "floor", "3"]
    );
    assert_eq!(terms("a b x"), Vec::<String>::new());
    assert_eq!(terms("won't print"), ["print"]);
}

#[test]
fn numbers_lose_their_leading_zeros() {
    assert_eq!(terms("0042"), ["42"]);
    assert_eq!(terms("000"), ["0"]);
    assert_eq!(terms("room 2"), terms("room 02"));
}

#[test]
fn an_error_code_gives_its_parts_and_its_joined_form() {
    assert_eq!(terms("ERR-4012"), ["err", "4012", "err4012"]);
    let joined: Vec<bool> = tokens("ERR-4012").into_iter().map(|t| t.joined).collect();
    assert_eq!(joined, [false, false, true]);
}

#[test]
fn an_underscored_code_is_joined_unstemmed() {
    assert_eq!(
        terms("SESSION_EXPIRED"),
        ["session", "expir", "sessionexpired"]
    );
}

#[test]
fn a_reference_gives_its_kind_tag_number_and_joined_form() {
    let t = tokens("INC-7K3QF-0042");
    let got: Vec<(&str, &str)> = t
        .iter()
        .map(|t| (t.term.as_str(), t.word.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("inc", "inc"),
            ("7k3qf", "7k3qf"),
            ("42", "0042"),
            ("inc7k3qf0042", "inc7k3qf0042")
        ]
    );
}

#[test]
fn the_joined_form_spans_the_whole_chunk() {
    assert_eq!(
        spans("see INC-7K3QF-0042."),
        ["see", "INC", "7K3QF", "0042", "INC-7K3QF-0042"]
    );
}

#[test]
fn version_numbers_and_slashes_join_too() {
    assert_eq!(terms("v5.1"), ["v5", "1", "v51"]);
    assert_eq!(terms("TCP/IP"), ["tcp", "ip", "tcpip"]);
}

#[test]
fn spans_point_at_the_original_text_across_multi_byte_letters() {
    let text = "Zoë Ångström: café Straße ERR-4012";
    assert_eq!(
        spans(text),
        [
            "Zoë",
            "Ångström",
            "café",
            "Straße",
            "ERR",
            "4012",
            "ERR-4012"
        ]
    );
}

#[test]
fn words_are_stemmed_so_forms_of_one_word_meet() {
    assert_eq!(terms("printing prints"), ["print", "print"]);
    assert_eq!(terms("crashed crashes"), ["crash", "crash"]);
    let words: Vec<String> = tokens("printing").into_iter().map(|t| t.word).collect();
    assert_eq!(words, ["printing"]);
}

#[test]
fn a_query_word_meets_the_index_term_of_the_same_word() {
    for word in ["Printing", "Ångström", "0042", "customer's", "expired"] {
        let q = query_terms(word);
        assert_eq!(q.len(), 1, "{word}");
        assert_eq!(q[0].term, terms(word)[0], "{word}");
    }
}

#[test]
fn a_query_word_keeps_its_unstemmed_form_for_prefix_matching() {
    let q = query_terms("printing");
    assert_eq!(
        (q[0].term.as_str(), q[0].word.as_str()),
        ("print", "printing")
    );
}

#[test]
fn a_code_in_a_query_is_one_joined_word_that_is_never_typo_matched() {
    let q = query_terms("ERR-4012");
    assert_eq!(q.len(), 1);
    assert_eq!((q[0].term.as_str(), q[0].code), ("err4012", true));
    let q = query_terms("SESSION_EXPIRED");
    assert_eq!((q[0].term.as_str(), q[0].code), ("sessionexpired", true));
}

#[test]
fn a_query_word_with_digits_is_a_code_and_a_plain_word_is_not() {
    let q = query_terms("err 4012 7k3qf printer");
    let codes: Vec<(&str, bool)> = q.iter().map(|t| (t.term.as_str(), t.code)).collect();
    assert_eq!(
        codes,
        [
            ("err", false),
            ("4012", true),
            ("7k3qf", true),
            ("printer", false)
        ]
    );
}

#[test]
fn a_query_number_loses_its_leading_zeros_for_prefixes_too() {
    let q = query_terms("0042");
    assert_eq!((q[0].term.as_str(), q[0].word.as_str()), ("42", "42"));
}

#[test]
fn query_words_are_distinct_in_order_without_stopwords() {
    let q = query_terms("the Printer is jammed, PRINTER jammed");
    let got: Vec<&str> = q.iter().map(|t| t.term.as_str()).collect();
    assert_eq!(got, ["printer", "jam"]);
}

#[test]
fn a_query_word_counts_the_letters_typed_for_its_typo_tolerance() {
    let q = query_terms("vpn Ångström keyboard");
    let typed: Vec<usize> = q.iter().map(|t| t.typed).collect();
    assert_eq!(typed, [3, 8, 8]);
}

#[test]
fn a_query_of_stopwords_only_has_no_words() {
    assert!(query_terms("how do I do this").is_empty());
    assert!(query_terms("  ,;!  ").is_empty());
}

#[test]
fn the_lookup_key_keeps_only_folded_letters_and_digits() {
    assert_eq!(compact("INC-7k3qf-0042"), "inc7k3qf0042");
    assert_eq!(compact("ERR 4012"), "err4012");
    assert_eq!(compact(" SESSION_EXPIRED "), "sessionexpired");
    assert_eq!(compact("Érr-4012"), "err4012");
}
