//! Ordinary rendering of article Markdown: blocks, inline formatting, tables, task
//! lists, and safe links and images keeping their destination.

use super::*;

#[test]
fn headings_and_paragraphs() {
    let html = render("# Title\n\n## Steps\n\nSome *text* and **bold**.");
    assert!(html.contains("<h1>Title</h1>"), "{html}");
    assert!(html.contains("<h2>Steps</h2>"), "{html}");
    assert!(
        html.contains("<p>Some <em>text</em> and <strong>bold</strong>.</p>"),
        "{html}"
    );
}

#[test]
fn lists_ordered_and_unordered() {
    let html = render("- one\n- two\n\n3. three\n4. four\n");
    assert!(
        html.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        "{html}"
    );
    assert!(html.contains("<ol start=\"3\">"), "{html}");
    assert!(html.contains("<li>four</li>"), "{html}");
}

#[test]
fn code_inline_and_fenced() {
    let html = render("Run `ipconfig /all`.\n\n```powershell\nGet-Process | Sort CPU\n```\n");
    assert!(html.contains("<code>ipconfig /all</code>"), "{html}");
    assert!(
        html.contains(
            "<pre><code class=\"language-powershell\">Get-Process | Sort CPU\n</code></pre>"
        ),
        "{html}"
    );
}

#[test]
fn code_keeps_angle_brackets_as_text() {
    let html = render("`<b>x</b>`\n\n    <script>indented</script>\n");
    assert!(html.contains("<code>&lt;b&gt;x&lt;/b&gt;</code>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;indented&lt;/script&gt;"),
        "{html}"
    );
}

#[test]
fn blockquote_rule_and_breaks() {
    let html = render("> quoted\n\n---\n\nline one  \nline two");
    assert!(
        html.contains("<blockquote>\n<p>quoted</p>\n</blockquote>"),
        "{html}"
    );
    assert!(html.contains("<hr />"), "{html}");
    assert!(html.contains("line one<br />"), "{html}");
}

#[test]
fn tables_render_without_alignment_styles() {
    let md = "| Key | Value |\n|:---|---:|\n| a | 1 |\n| b | 2 |\n";
    let html = render(md);
    assert!(html.contains("<table>"), "{html}");
    assert!(
        html.contains("<thead><tr><th>Key</th><th>Value</th></tr></thead>"),
        "{html}"
    );
    assert!(html.contains("<tbody>"), "{html}");
    assert!(html.contains("<td>b</td><td>2</td>"), "{html}");
    assert!(!html.contains("style"), "{html}");
}

#[test]
fn strikethrough() {
    let html = render("~~old~~ new");
    assert!(html.contains("<del>old</del> new"), "{html}");
}

#[test]
fn task_lists_are_disabled_checkboxes() {
    let html = render("- [x] done\n- [ ] to do\n");
    assert!(
        html.contains("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>"),
        "{html}"
    );
    assert!(
        html.contains("<input disabled=\"\" type=\"checkbox\"/>"),
        "{html}"
    );
}

#[test]
fn https_link_keeps_href_and_gets_rel() {
    let html = render("[Portal](https://example.com/help?a=1&b=2#top)");
    assert_eq!(
        html,
        "<p><a href=\"https://example.com/help?a=1&amp;b=2#top\" \
         rel=\"noopener noreferrer nofollow\">Portal</a></p>\n"
    );
}

#[test]
fn link_title_is_escaped() {
    let html = render("[x](http://a.example \"Say \\\"hi\\\" & <bye>\")");
    assert!(
        html.contains("title=\"Say &quot;hi&quot; &amp; &lt;bye&gt;\""),
        "{html}"
    );
}

#[test]
fn relative_links_are_kept() {
    for (md, href) in [
        ("[a](/knowledge/KB-1)", "/knowledge/KB-1"),
        ("[a](./steps)", "./steps"),
        ("[a](guides/vpn)", "guides/vpn"),
        ("[a](#section-2)", "#section-2"),
        ("[a](?q=vpn)", "?q=vpn"),
        ("[a](../up/one)", "../up/one"),
    ] {
        let html = render(md);
        let expected = format!("<a href=\"{href}\" rel=\"{LINK_REL}\">a</a>");
        assert!(html.contains(&expected), "{md} → {html}");
    }
}

#[test]
fn mailto_and_email_autolinks() {
    let html = render("[Mail us](mailto:desk@example.com)");
    assert!(
        html.contains("<a href=\"mailto:desk@example.com\""),
        "{html}"
    );
    let html = render("Or <desk@example.com>.");
    assert!(
        html.contains("<a href=\"mailto:desk@example.com\" rel=\"noopener noreferrer nofollow\">desk@example.com</a>"),
        "{html}"
    );
}

#[test]
fn url_autolinks() {
    let html = render("See <https://status.example.com>.");
    assert!(
        html.contains("<a href=\"https://status.example.com\" rel=\"noopener noreferrer nofollow\">https://status.example.com</a>"),
        "{html}"
    );
}

#[test]
fn uppercase_allowed_scheme_is_kept() {
    let html = render("[x](HTTPS://EXAMPLE.COM)");
    assert!(html.contains("href=\"HTTPS://EXAMPLE.COM\""), "{html}");
}

#[test]
fn reference_links_resolve() {
    let html = render("Read [the guide][g].\n\n[g]: https://example.com/guide \"Guide\"\n");
    assert!(
        html.contains("<a href=\"https://example.com/guide\" title=\"Guide\" rel=\"noopener noreferrer nofollow\">the guide</a>"),
        "{html}"
    );
}

#[test]
fn images_with_https_src() {
    let html = render("![VPN *client* window](https://cdn.example.com/vpn.png \"The client\")");
    assert!(
        html.contains("<img src=\"https://cdn.example.com/vpn.png\" alt=\"VPN client window\" title=\"The client\" />"),
        "{html}"
    );
}

#[test]
fn relative_image_and_image_inside_link() {
    let html = render("[![logo](/logo.png)](https://example.com)");
    assert!(
        html.contains("<a href=\"https://example.com\" rel=\"noopener noreferrer nofollow\"><img src=\"/logo.png\" alt=\"logo\" /></a>"),
        "{html}"
    );
}

#[test]
fn url_characters_are_percent_encoded() {
    let html = render("[x](<https://example.com/a b\"c'd>)");
    assert!(
        html.contains("href=\"https://example.com/a%20b%22c&#39;d\""),
        "{html}"
    );
    let html = render("[x](https://example.com/caf%C3%A9/é)");
    assert!(
        html.contains("href=\"https://example.com/caf%C3%A9/%C3%A9\""),
        "{html}"
    );
}

#[test]
fn refused_link_keeps_its_text() {
    let html = render("Click [*here*](javascript:alert(1)) now");
    assert_eq!(html, "<p>Click <em>here</em> now</p>\n");
}

#[test]
fn refused_image_shows_alt_text() {
    let html = render("![a <diagram>](data:image/png;base64,AAAA)");
    assert_eq!(html, "<p>a &lt;diagram&gt;</p>\n");
}

#[test]
fn raw_html_is_text() {
    let html = render("Press <kbd>Ctrl</kbd> now");
    assert_eq!(html, "<p>Press &lt;kbd&gt;Ctrl&lt;/kbd&gt; now</p>\n");
    let html = render("<div class=\"note\">\nhello\n</div>\n");
    assert!(html.starts_with("<p>&lt;div class=\"note\"&gt;"), "{html}");
}

#[test]
fn entities_stay_text() {
    let html = render("5 &lt; 6 &amp;&amp; &copy; AT&T");
    assert_eq!(html, "<p>5 &lt; 6 &amp;&amp; © AT&amp;T</p>\n");
}

#[test]
fn url_helpers() {
    assert_eq!(clean_url("  \tjava\nscript:x\u{0}  "), "javascript:x");
    assert_eq!(scheme("HTTPS://x"), Some("https".to_owned()));
    assert_eq!(scheme("/a:b"), None);
    assert_eq!(scheme("a?b:c"), None);
    assert_eq!(scheme("#x:y"), None);
    assert_eq!(scheme("x:y/z"), Some("x".to_owned()));
    assert!(is_allowed_url(""));
    assert!(is_allowed_url("mailto:a@b"));
    assert!(!is_allowed_url("javascript:x"));
    assert!(!is_allowed_url("data:x"));
}

#[test]
fn empty_input_renders_nothing() {
    assert_eq!(render(""), "");
    assert_eq!(render("   \n\n"), "");
}
