//! The queue's notice of incidents whose stored data could not be read: how many, and
//! their ids, so they are not silently missing from the list.

use leptos::prelude::*;

/// Says how many stored incidents could not be read (they are not in the list) and
/// names their ids; nothing when there are none.
#[component]
pub fn UnreadableNotice(
    /// Ids of the incidents that could not be read, in id order.
    ids: Vec<String>,
) -> impl IntoView {
    (!ids.is_empty()).then(|| {
        let text = match ids.len() {
            1 => "1 incident could not be read: its stored data is damaged, so it is not \
                  in the list."
                .to_owned(),
            n => format!(
                "{n} incidents could not be read: their stored data is damaged, so they \
                 are not in the list."
            ),
        };
        view! {
            <div class="notice unreadable-notice" role="note" aria-labelledby="queue-unreadable">
                <p id="queue-unreadable">{text}</p>
                <ul aria-label="Incidents that could not be read">
                    {ids.into_iter().map(|id| view! { <li><code>{id}</code></li> }).collect_view()}
                </ul>
            </div>
        }
    })
}
