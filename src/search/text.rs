//! Text normalisation shared by every search: lowercase with common Latin accents and
//! ligatures folded, English stopwords, and a light stemmer, so `Crème`/`creme`,
//! `printing`/`prints` and `crashed`/`crashes` meet.

/// Lowercases, folds common Latin accents and ligatures, and drops apostrophes.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appended to `out` (no allocation once `out` is large enough).
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(
            text.bytes()
                .filter(|&b| b != b'\'' && b != b'`')
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            '\'' | '\u{2019}' | '\u{2018}' | '`' => "",
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(folded);
    }
}

/// English words that say nothing about the problem (apostrophes already dropped).
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "anything",
    "are", "arent", "as", "at", "be", "been", "before", "being", "but", "by", "can",
    "cannot", "cant", "could", "couldnt", "did", "didnt", "do", "does", "doesnt", "dont",
    "for", "from", "get", "gets", "getting", "got", "had", "has", "hasnt", "have", "havent",
    "having", "he", "hello", "help", "her", "here", "hi", "him", "his", "how", "i", "id",
    "if", "im", "in", "into", "is", "isnt", "it", "its", "ive", "just", "me", "might", "my",
    "myself", "need", "no", "nor", "not", "nothing", "now", "of", "on", "or", "our",
    "please", "she", "should", "so", "some", "something", "still", "than", "thanks", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too",
    "trying", "us", "very", "want", "was", "wasnt", "we", "were", "werent", "what", "when",
    "where", "which", "while", "who", "why", "will", "with", "wont", "would", "wouldnt",
    "you", "your",
];

/// True for a word that says nothing about the problem.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// Light English stemming for alphabetic words of five letters or more: plural `s`,
/// `es` after sibilants, `ies` → `y`, `ing` and `ed` (undoubling a final consonant
/// other than l, s, z), then a final silent `e`. Both sides use the same function, so
/// `printing`/`prints`, `crashed`/`crashes` and `change`/`changed` meet.
pub fn stem(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    stem_into(word, &mut out);
    out
}

/// [`stem`] into `out` (cleared first), without allocating once `out` is large enough.
pub fn stem_into(word: &str, out: &mut String) {
    out.clear();
    let n = word.len();
    if n < 5 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        out.push_str(word);
        return;
    }
    if let Some(base) = word.strip_suffix("ies") {
        out.push_str(base);
        out.push('y');
    } else if ["sses", "ches", "shes", "xes"]
        .iter()
        .any(|s| word.ends_with(s))
    {
        out.push_str(&word[..n - 2]);
    } else if word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        out.push_str(&word[..n - 1]);
    } else if let Some(base) = word
        .strip_suffix("ing")
        .or_else(|| word.strip_suffix("ed"))
        .filter(|b| b.len() >= 3)
    {
        out.push_str(undouble(base));
    } else {
        out.push_str(word);
    }
    if out.len() >= 5 && out.ends_with('e') {
        out.pop();
    }
}

/// `dropp` → `drop`, `jamm` → `jam`; `call`, `pass`, `buzz` stay.
fn undouble(base: &str) -> &str {
    let b = base.as_bytes();
    match b {
        [.., x, y]
            if x == y && !matches!(x, b'l' | b's' | b'z' | b'a' | b'e' | b'i' | b'o' | b'u') =>
        {
            &base[..base.len() - 1]
        }
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("Crème Brûlée STRAßE Øre"), "creme brulee strasse ore");
        assert_eq!(fold("won’t can't"), "wont cant");
    }

    #[test]
    fn stemming_is_light_and_consistent() {
        for (a, b) in [
            ("printing", "prints"),
            ("crashed", "crashes"),
            ("crashing", "crash"),
            ("change", "changed"),
            ("changing", "changes"),
            ("dropped", "dropping"),
            ("issue", "issues"),
            ("entries", "entry"),
            ("called", "calls"),
            ("passes", "passed"),
            ("windows", "window"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        for short in [
            "vpn", "jam", "drops", "is", "4012", "thing", "status", "analysis",
        ] {
            let s = stem(short);
            assert!(s == short || short.len() == 5, "{short} → {s}");
        }
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("thing"), "thing");
        assert_eq!(stem("err4012"), "err4012");
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stopword("wont") && is_stopword("the") && !is_stopword("printer"));
    }
}
