//! Writing CSV: RFC 4180 quoting (fields with commas, quotes or line breaks quoted,
//! quotes doubled, CRLF line ends) and cells a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, tab or carriage return) neutralised by a leading
//! apostrophe, as OWASP recommends against CSV injection.

/// One cell, neutralised and quoted as needed.
pub fn cell(text: &str) -> String {
    let risky = matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    );
    let text = if risky {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One record: the cells joined by commas, ended by CRLF.
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_cells_stay_plain() {
        assert_eq!(cell("Payroll 2.4"), "Payroll 2.4");
        assert_eq!(cell(""), "");
        assert_eq!(row(&["a", "b c", "3"]), "a,b c,3\r\n");
    }

    #[test]
    fn rfc4180_quoting() {
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(row(&["x,y", "z"]), "\"x,y\",z\r\n");
    }

    #[test]
    fn formulas_are_neutralised() {
        for (input, out) in [
            ("=1+1", "'=1+1"),
            ("+SUM(A1)", "'+SUM(A1)"),
            ("-2", "'-2"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
            ),
        ] {
            assert_eq!(cell(input), out, "{input:?}");
        }
        assert_eq!(cell("\r=1"), "\"'\r=1\"");
        assert_eq!(cell("a=1"), "a=1", "only a leading sign is a formula");
    }
}
