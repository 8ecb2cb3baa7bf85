//! Percent-encoding for URLs the app writes (query values, path segments, `data:`
//! downloads): every byte but the unreserved characters of RFC 3986 is escaped.

/// `text` with every byte but `A–Z a–z 0–9 - _ . ~` written as `%XX`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn unreserved_kept_everything_else_escaped() {
        assert_eq!(encode("KE-1_a.b~"), "KE-1_a.b~");
        assert_eq!(encode("a b/c?d#e&f"), "a%20b%2Fc%3Fd%23e%26f");
        assert_eq!(encode("é"), "%C3%A9");
        assert_eq!(encode(""), "");
    }
}
