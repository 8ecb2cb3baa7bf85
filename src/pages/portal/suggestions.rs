//! Answers suggested while an end user describes a problem: public articles and known
//! issues with a workaround, each a disclosure that opens the answer in place with
//! "This solved my problem" and "Not what I need".

use leptos::prelude::*;

use crate::domain::knowledge::markdown;
use crate::ops::portal::{Offer, Target};

/// The suggestion list, announced politely as it changes.
#[component]
pub fn Suggestions(
    /// The current suggestions, best first.
    #[prop(into)]
    offers: Signal<Vec<Offer>>,
    /// Called when the end user says an answer solved their problem.
    on_solved: Callback<Offer>,
    /// True while the "solved" answer is being saved.
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let open = RwSignal::new(None::<Target>);
    let dismissed = RwSignal::new(Vec::<Target>::new());
    let shown = Memo::new(move |_| {
        let gone = dismissed.get();
        offers
            .get()
            .into_iter()
            .filter(|o| !gone.contains(&o.target))
            .collect::<Vec<_>>()
    });
    let count = move || match shown.read().len() {
        0 => String::new(),
        1 => "1 answer may help. Open it to read it here.".to_owned(),
        n => format!("{n} answers may help. Open one to read it here."),
    };
    view! {
        <section class="suggestions" aria-labelledby="suggestions-heading">
            <h2 id="suggestions-heading" hidden=move || shown.read().is_empty()>"Suggested answers"</h2>
            <p role="status" class="hint">{count}</p>
            <ul class="suggestion-list" hidden=move || shown.read().is_empty()>
                {move || shown.get().into_iter().enumerate().map(|(n, offer)| {
                    view! {
                        <SuggestionItem n=n offer=offer open=open dismissed=dismissed
                            on_solved=on_solved busy=busy/>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// One suggestion: its title as a disclosure button, a one-line summary, and when
/// open the answer with the two choices.
#[component]
fn SuggestionItem(
    n: usize,
    offer: Offer,
    open: RwSignal<Option<Target>>,
    dismissed: RwSignal<Vec<Target>>,
    on_solved: Callback<Offer>,
    busy: Signal<bool>,
) -> impl IntoView {
    let panel = format!("suggestion-{n}");
    let target = StoredValue::new(offer.target.clone());
    let is_open = move || open.read().as_ref() == Some(&target.get_value());
    let toggle = move |_| {
        let t = target.get_value();
        open.update(|o| {
            *o = if o.as_ref() == Some(&t) {
                None
            } else {
                Some(t)
            }
        });
    };
    let kind = if offer.is_article() {
        "Help article"
    } else {
        "Known issue"
    };
    let answer = StoredValue::new(offer.clone());
    let body = move || {
        let o = answer.get_value();
        if o.is_article() {
            view! { <div class="article-body" inner_html=markdown::render(&o.body)></div> }
                .into_any()
        } else {
            view! {
                <h4>"Workaround"</h4>
                <p class="prose workaround">{o.body.clone()}</p>
            }
            .into_any()
        }
    };
    let solved = move |_| on_solved.run(answer.get_value());
    let not_it = move |_| {
        let t = target.get_value();
        open.set(None);
        dismissed.update(|d| d.push(t));
    };
    view! {
        <li class="suggestion">
            <p class="suggestion-kind">{kind}</p>
            <h3>
                <button type="button" class="disclosure" aria-expanded=move || is_open().to_string()
                    aria-controls=panel.clone() on:click=toggle>
                    {offer.title.clone()}
                </button>
            </h3>
            <p class="suggestion-line">{offer.line.clone()}</p>
            <div id=panel class="suggestion-answer" hidden=move || !is_open()>
                {move || is_open().then(body)}
                <div class="portal-actions">
                    <button type="button" class="button button-primary" disabled=move || busy.get()
                        on:click=solved>"This solved my problem"</button>
                    <button type="button" class="button" on:click=not_it>"Not what I need"</button>
                </div>
            </div>
        </li>
    }
}
