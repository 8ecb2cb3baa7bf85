//! Markdown shown as HTML in the desk: user-written text reaches `innerHTML` only
//! through `domain::markdown::render`, here and in the portal's article views.

use leptos::prelude::*;

use crate::domain::knowledge::markdown;

/// Renders `source` (reactive) as safe HTML in a `prose` block.
#[component]
pub fn MarkdownView(
    /// The Markdown text.
    #[prop(into)]
    source: Signal<String>,
    /// Extra attributes for the block: its element id.
    #[prop(optional)]
    id: &'static str,
) -> impl IntoView {
    view! {
        <div class="markdown article-body" id=id inner_html=move || markdown::render(&source.get())></div>
    }
}
