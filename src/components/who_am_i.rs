//! The "You are" picker in the desk navigation: choose which person you are, so your
//! changes carry your name and "assigned to me" means you.

use leptos::prelude::*;

use crate::ops::directory;
use crate::state::db::Db;
use crate::state::identity::{Identity, Me};

/// A labelled select of the people in the directory.
#[component]
pub fn WhoAmI() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let people = LocalResource::new(move || {
        let _ = db.revision.get();
        async move {
            match db.store() {
                Ok(store) => directory::load(&*store)
                    .await
                    .map(|d| d.people)
                    .unwrap_or_default(),
                Err(_) => Vec::new(),
            }
        }
    });
    let on_change = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let list = people.get().unwrap_or_default();
        let me = list.iter().find(|p| p.id == id).map(|p| Me {
            id: p.id.clone(),
            name: p.name.clone(),
        });
        who.set(me);
    };
    view! {
        <div class="who-am-i">
            <label for="who-am-i">"You are"</label>
            <select id="who-am-i" on:change=on_change
                prop:value=move || { let _ = people.get(); who.id() }>
                <option value="">"Desk agent (nobody chosen)"</option>
                {move || people.get().unwrap_or_default().into_iter().map(|p| {
                    view! { <option value=p.id.clone()>{p.name.clone()}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
