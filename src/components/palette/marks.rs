//! Text with the words that matched a search wrapped in `<mark>`, built as nodes from
//! [`crate::search::highlight::segments`] (never as HTML), for the palette and the
//! search page.

use leptos::prelude::*;

use crate::search::highlight::segments;

/// `text` with its matched words marked; `matched` is [`crate::search::Results::matched`].
pub fn marked(text: &str, matched: &[String]) -> AnyView {
    segments(text, matched)
        .into_iter()
        .map(|(piece, hit)| {
            let piece = piece.to_owned();
            if hit {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
        .into_any()
}
