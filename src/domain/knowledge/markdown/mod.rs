//! Safe Markdown → HTML for knowledge articles: raw HTML is shown as text, and links and
//! images may only point to http:, https:, mailto: or relative destinations.
//!
//! The output of [`render`] may be assigned to `innerHTML`. It only ever contains the
//! tags pulldown-cmark writes for CommonMark plus tables, strikethrough and task lists
//! (`p`, `h1`–`h6`, `a`, `img`, lists, `blockquote`, `pre`, `code`, `em`, `strong`, `del`,
//! table parts, `hr`, `br` and disabled checkboxes), with no event handler and no
//! `style` attribute:
//!
//! - Raw HTML (blocks and inline tags, comments, CDATA…) becomes escaped text; an HTML
//!   block becomes a paragraph of that text.
//! - A destination is cleaned the way browsers clean URLs, only more: every control
//!   character (tab, newline, CR, NUL, C1…) is removed wherever it is, and ASCII
//!   whitespace is trimmed. It "has a scheme" when a `:` comes before the first `/`, `?`
//!   or `#`; the scheme must then be `http`, `https` or `mailto` (any case). Anything
//!   else (`javascript:`, `data:`, `vbscript:`, `file:`, unknown schemes) is refused.
//!   pulldown-cmark has already decoded entities (`&#106;avascript:`) and backslash
//!   escapes. A percent-encoded scheme (`%6A%61vascript:`) is not a scheme to a browser
//!   (it would be a harmless relative path), but it has a `:` in its first segment, so
//!   it is refused too.
//! - A refused link renders its text without an anchor; a refused image renders its
//!   alt text as plain text. Allowed links get `rel="noopener noreferrer nofollow"`.
//! - NUL characters become U+FFFD, as CommonMark asks.
//! - Table column alignment is dropped (pulldown-cmark writes it as a `style`
//!   attribute).

use std::borrow::Cow;

use pulldown_cmark::{html, Alignment, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The `rel` every rendered link carries: the target page gets no `window.opener` and
/// no referrer (article URLs can name internal things), and search engines are told
/// not to trust links written by article authors.
pub const LINK_REL: &str = "noopener noreferrer nofollow";

/// Destination schemes links and images may use; anything without a scheme is relative.
/// An allow-list, because the list of dangerous schemes (`javascript:`, `data:`,
/// `vbscript:`, browser-specific ones) is open-ended.
pub const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Renders article Markdown to HTML that is safe to assign to `innerHTML`.
pub fn render(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    // CommonMark asks for NUL to become U+FFFD; pulldown-cmark leaves it in text.
    let source = if markdown.contains('\0') {
        Cow::Owned(markdown.replace('\0', "\u{FFFD}"))
    } else {
        Cow::Borrowed(markdown)
    };
    let mut parser = Parser::new_ext(&source, options);
    let mut events: Vec<Event<'_>> = Vec::new();
    // One entry per open link: whether its anchor was written.
    let mut links: Vec<bool> = Vec::new();
    while let Some(event) = parser.next() {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::Start(Tag::HtmlBlock) => events.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => events.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Table(aligns)) => {
                let plain = vec![Alignment::None; aligns.len()];
                events.push(Event::Start(Tag::Table(plain)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => match destination(link_type, &dest_url) {
                Some(href) => {
                    links.push(true);
                    events.push(Event::Html(anchor(&href, &title).into()));
                }
                None => links.push(false),
            },
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    events.push(Event::Html("</a>".into()));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let alt = alt_text(&mut parser);
                match destination(link_type, &dest_url) {
                    Some(src) => events.push(Event::Html(image(&src, &alt, &title).into())),
                    None => events.push(Event::Text(alt.into())),
                }
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// The cleaned destination when it may be used, `None` when it is refused.
fn destination(link_type: LinkType, dest: &str) -> Option<String> {
    let cleaned = clean_url(dest);
    if link_type == LinkType::Email {
        // `<someone@example.com>`: the parser has checked it is an address.
        return Some(format!("mailto:{cleaned}"));
    }
    is_allowed_url(&cleaned).then_some(cleaned)
}

/// Removes every control character (browsers drop tab, CR and LF anywhere) and trims
/// ASCII whitespace at both ends.
pub fn clean_url(url: &str) -> String {
    let kept: String = url.chars().filter(|c| !c.is_control()).collect();
    kept.trim_matches(|c: char| c.is_ascii_whitespace())
        .to_owned()
}

/// The lowercased scheme of a cleaned URL: what comes before a `:` that precedes the
/// first `/`, `?` or `#`. `None` for a relative URL.
pub fn scheme(cleaned: &str) -> Option<String> {
    let end = cleaned.find([':', '/', '?', '#'])?;
    cleaned[end..]
        .starts_with(':')
        .then(|| cleaned[..end].to_ascii_lowercase())
}

/// True when a cleaned URL is relative or uses an allowed scheme.
pub fn is_allowed_url(cleaned: &str) -> bool {
    match scheme(cleaned) {
        None => true,
        Some(s) => ALLOWED_SCHEMES.contains(&s.as_str()),
    }
}

/// Collects an image's description as plain text, consuming events up to and including
/// the image's end.
fn alt_text(parser: &mut Parser<'_>) -> String {
    let mut alt = String::new();
    let mut depth = 0usize;
    for event in parser.by_ref() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            Event::Text(t)
            | Event::Code(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::FootnoteReference(t) => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => alt.push(' '),
            Event::TaskListMarker(done) => alt.push_str(if done { "[x]" } else { "[ ]" }),
        }
    }
    alt
}

/// The opening tag of an allowed link.
fn anchor(href: &str, title: &str) -> String {
    let mut out = String::from("<a href=\"");
    push_href(&mut out, href);
    out.push('"');
    if !title.is_empty() {
        out.push_str(" title=\"");
        push_attr(&mut out, title);
        out.push('"');
    }
    out.push_str(" rel=\"");
    out.push_str(LINK_REL);
    out.push_str("\">");
    out
}

/// An allowed image.
fn image(src: &str, alt: &str, title: &str) -> String {
    let mut out = String::from("<img src=\"");
    push_href(&mut out, src);
    out.push_str("\" alt=\"");
    push_attr(&mut out, alt);
    out.push('"');
    if !title.is_empty() {
        out.push_str(" title=\"");
        push_attr(&mut out, title);
        out.push('"');
    }
    out.push_str(" />");
    out
}

/// Writes a URL for a double-quoted attribute: URL punctuation is kept, `&` and `'`
/// become entities, everything else (quotes, `<`, `>`, spaces, non-ASCII) is
/// percent-encoded byte by byte.
fn push_href(out: &mut String, url: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in url.bytes() {
        match b {
            b'&' => out.push_str("&amp;"),
            b'\'' => out.push_str("&#39;"),
            _ if b.is_ascii_alphanumeric() || b"-_.~!*();:@=+$,/?#[]%".contains(&b) => {
                out.push(char::from(b));
            }
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0x0f)]));
            }
        }
    }
}

/// Writes text for a double-quoted attribute.
fn push_attr(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod xss_tests;
