//! The ranking suite: realistic queries over the demo data and the first result a person expects.
//!
//! Every expectation here is what an agent or an end user typing the query would want to
//! see first, decided from the demo desk's content, not read off the engine's output.

use std::sync::OnceLock;

use super::extract::from_record;
use super::{Filter, Hit, Index, Kind, SearchDoc, SearchQuery};
use crate::domain::demo::scenario;
use crate::domain::kernel::time::Timestamp;

const NOW: Timestamp = Timestamp(1_795_000_000_000);

struct Demo {
    index: Index,
    docs: Vec<SearchDoc>,
}

/// The whole demo desk in one index, as the desk's search holds it.
fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let docs: Vec<SearchDoc> = scenario(NOW).iter().filter_map(from_record).collect();
        let mut index = Index::new();
        for doc in &docs {
            index.upsert(doc);
        }
        Demo { index, docs }
    })
}

fn search(text: &str) -> Vec<Hit> {
    let q = SearchQuery {
        text: text.to_owned(),
        filter: Filter::default(),
        limit: 10,
    };
    demo().index.search(&q).hits
}

/// The reference of the demo record of this kind and title.
fn reference_of(kind: Kind, title: &str) -> String {
    let found = demo()
        .docs
        .iter()
        .find(|d| d.kind == kind && d.title == title);
    found
        .unwrap_or_else(|| panic!("no demo {} titled {title:?}", kind.noun()))
        .reference
        .clone()
}

/// Asserts the first result of `query` is the record of this kind and title, and
/// returns it; the message lists what came first instead.
fn assert_first(query: &str, kind: Kind, title: &str) -> Hit {
    let hits = search(query);
    let shown: Vec<String> = hits
        .iter()
        .take(5)
        .map(|h| format!("{} {:?} {:.3}", h.doc.kind.noun(), h.doc.title, h.score))
        .collect();
    let first = hits
        .first()
        .unwrap_or_else(|| panic!("{query:?}: no result"));
    assert!(
        first.doc.kind == kind && first.doc.title == title,
        "{query:?}: expected the {} {title:?} first, got:\n  {}",
        kind.noun(),
        shown.join("\n  ")
    );
    first.clone()
}

#[test]
fn a_name_typed_without_its_accents_finds_the_payslip_test_incident() {
    let title = "Payslip PDF blank for names with accents";
    assert_first("zoe angstrom", Kind::Incident, title);
}

#[test]
fn a_name_typed_with_its_accents_finds_the_same_incident() {
    let title = "Payslip PDF blank for names with accents";
    assert_first("Zoë Ångström", Kind::Incident, title);
}

#[test]
fn an_error_code_copied_from_a_log_opens_its_known_error() {
    let title = "Customers logged out when switching language";
    let hit = assert_first("SESSION_EXPIRED", Kind::KnownError, title);
    assert!(hit.exact);
}

#[test]
fn an_error_code_typed_in_lower_case_opens_its_known_error() {
    let title = "Customers logged out when switching language";
    let hit = assert_first("session_expired", Kind::KnownError, title);
    assert!(hit.exact);
}

#[test]
fn a_reference_typed_in_lower_case_without_hyphens_opens_that_incident() {
    let title = "Printer on floor 3 jams";
    let typed = reference_of(Kind::Incident, title)
        .replace('-', "")
        .to_lowercase();
    let hit = assert_first(&typed, Kind::Incident, title);
    assert!(hit.exact);
}

#[test]
fn a_known_error_reference_opens_the_known_error_not_the_incident_with_its_title() {
    let title = "Customers logged out when switching language";
    let typed = reference_of(Kind::KnownError, title);
    let hit = assert_first(&typed, Kind::KnownError, title);
    assert!(hit.exact);
}

#[test]
fn a_release_name_with_its_version_finds_the_release() {
    assert_first("payroll 2.4", Kind::Release, "Payroll 2.4");
}

#[test]
fn portal_and_version_find_the_portal_release() {
    assert_first("portal 5.1", Kind::Release, "Customer portal 5.1");
}

#[test]
fn a_word_still_being_typed_finds_the_certificate_incident() {
    let title = "VPN certificate expired for remote staff";
    assert_first("vpn cert", Kind::Incident, title);
}

#[test]
fn the_first_letters_of_a_rare_word_find_its_incident() {
    let title = "Overtime hours rounded down on timesheet import";
    assert_first("overt", Kind::Incident, title);
}

#[test]
fn a_half_typed_last_word_finds_the_delivery_address_incident() {
    let title = "Customer cannot update delivery address";
    assert_first("address deliv", Kind::Incident, title);
}

#[test]
fn a_misspelt_password_finds_the_reset_incident() {
    assert_first(
        "pasword reset",
        Kind::Incident,
        "Password reset email not received",
    );
}

#[test]
fn a_misspelt_outlook_finds_the_password_prompts() {
    let title = "Outlook asks for password repeatedly";
    assert_first("outlok password", Kind::Incident, title);
}

#[test]
fn a_typo_in_each_word_still_finds_the_checkout_button() {
    let title = "Checkout button misaligned on mobile";
    assert_first("chekout buton", Kind::Incident, title);
}

#[test]
fn a_misspelt_calendar_finds_the_duplicate_invites() {
    assert_first(
        "calender invite",
        Kind::Incident,
        "Calendar invites arrive twice",
    );
}

#[test]
fn a_question_in_plain_words_finds_the_vpn_article() {
    let title = "Connect to the VPN from home or a hotel";
    assert_first("how do I connect to vpn from home", Kind::Article, title);
}

#[test]
fn error_500_finds_the_invoice_download() {
    let title = "Invoice download returns error 500";
    assert_first("error 500", Kind::Incident, title);
}

#[test]
fn words_in_a_title_beat_the_same_words_in_an_article_body() {
    assert_first("vpn drops", Kind::Incident, "VPN drops every 10 minutes");
}

#[test]
fn wifi_typed_without_its_hyphen_finds_the_meeting_room() {
    let title = "Wi-Fi in meeting room 2 keeps disconnecting";
    assert_first("wifi meeting room", Kind::Incident, title);
}

#[test]
fn paper_jam_finds_the_how_to_article() {
    let title = "Clear a paper jam on the floor 3 printer";
    assert_first("paper jam", Kind::Article, title);
}

#[test]
fn unlocking_a_windows_account_finds_the_agents_article() {
    assert_first(
        "unlock windows account",
        Kind::Article,
        "Unlock a Windows account",
    );
}

#[test]
fn words_found_only_in_a_description_find_the_bank_export() {
    let title = "Bank export times out above 500 employees";
    assert_first("sepa export", Kind::Incident, title);
}

#[test]
fn session_cookie_finds_the_problem_behind_the_logouts() {
    let title = "Session cookie lost when the language changes";
    assert_first("session cookie", Kind::Problem, title);
}

#[test]
fn a_hyphenated_word_finds_the_payslip_problem() {
    let title = "Payslip PDF renderer drops non-ASCII names";
    assert_first("non-ascii names", Kind::Problem, title);
}

#[test]
fn a_language_named_in_the_title_finds_that_incident() {
    let title = "Logged out after changing language to German";
    assert_first("logged out german", Kind::Incident, title);
}

#[test]
fn docking_station_flicker_finds_the_screen_incident() {
    let title = "Screen flickers on docking station";
    assert_first("docking station flicker", Kind::Incident, title);
}

#[test]
fn a_full_mailbox_is_not_confused_with_the_shared_one() {
    let title = "Mailbox full warning for sales team";
    assert_first("mailbox full", Kind::Incident, title);
}

#[test]
fn a_new_starters_laptop_is_found_by_the_day_it_is_needed() {
    let title = "New starter needs a laptop by Monday";
    assert_first("new laptop monday", Kind::Incident, title);
}

#[test]
fn a_misspelt_single_word_finds_the_keyboard() {
    assert_first("keybord", Kind::Incident, "Keyboard missing keys");
}

#[test]
fn a_version_alone_finds_its_release_before_records_mentioning_it() {
    assert_first("5.1", Kind::Release, "Customer portal 5.1");
}

#[test]
fn an_end_users_symptom_finds_the_known_error_describing_it() {
    let title = "Customers logged out when switching language";
    assert_first("basket empty", Kind::KnownError, title);
}

#[test]
fn words_from_the_description_find_the_certificate_incident() {
    let title = "VPN certificate expired for remote staff";
    assert_first("certificate error", Kind::Incident, title);
}
