//! Applying an edited form to a record: each field's new value is cleaned the way
//! records store it, set when it changed, and turned into one history change, so
//! every record's `apply_edit` lists its fields instead of repeating the loop.

use super::history::{Change, History};
use super::time::Timestamp;
use super::validation::non_blank;

/// The field changes of one edit, in the order the fields were given.
///
/// ```
/// # use service_desk::domain::kernel::edit::Edit;
/// # use service_desk::domain::kernel::history::History;
/// # use service_desk::domain::kernel::time::Timestamp;
/// let (mut title, mut service) = (String::from("VPN down"), None);
/// let mut history = History::new();
/// let mut edit = Edit::new();
/// edit.text("title", &mut title, "  VPN drops every hour ")
///     .optional("service", &mut service, &Some("  ".into()));
/// assert!(edit.record(&mut history, Timestamp(5), "ana"));
/// assert_eq!(title, "VPN drops every hour");
/// assert_eq!(history.len(), 1, "a blank service stays unset: no change");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use = "an edit's changes belong in the record's history"]
pub struct Edit {
    changes: Vec<Change>,
}

impl Edit {
    /// An edit with no changes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A text field: stores `new` trimmed, when that differs from `old`.
    pub fn text(&mut self, field: &str, old: &mut String, new: &str) -> &mut Self {
        let new = new.trim();
        if self.compare(field, old, new) {
            new.clone_into(old);
        }
        self
    }

    /// A long text (an article body): stores `new` trimmed when it differs, and
    /// records only that it was edited, not the text itself.
    pub fn long_text(&mut self, field: &str, old: &mut String, new: &str) -> &mut Self {
        let new = new.trim();
        if new != old {
            self.compare(field, "", "edited");
            new.clone_into(old);
        }
        self
    }

    /// An optional value (a code, or another record's id): blank becomes unset, and
    /// unset is shown as empty.
    pub fn optional(
        &mut self,
        field: &str,
        old: &mut Option<String>,
        new: &Option<String>,
    ) -> &mut Self {
        let new = non_blank(new);
        if self.compare(field, shown(old), shown(&new)) {
            *old = new;
        }
        self
    }

    /// A list of names or ids: stores `new` cleaned by [`clean_list`] when it reads
    /// differently (shown joined with `, `).
    pub fn list(&mut self, field: &str, old: &mut Vec<String>, new: &[String]) -> &mut Self {
        let new = clean_list(new);
        if self.compare(field, &old.join(", "), &new.join(", ")) {
            *old = new;
        }
        self
    }

    /// Any other value, compared as `show` displays it: always stores `new`, and
    /// records a change when the two read differently.
    pub fn value<T, S: AsRef<str>>(
        &mut self,
        field: &str,
        old: &mut T,
        new: T,
        show: impl Fn(&T) -> S,
    ) -> &mut Self {
        self.compare(field, show(old).as_ref(), show(&new).as_ref());
        *old = new;
        self
    }

    /// Notes a change of `field` when `from` and `to` differ; returns whether it did.
    fn compare(&mut self, field: &str, from: &str, to: &str) -> bool {
        if from == to {
            return false;
        }
        self.changes.push(Change::Field {
            field: field.to_owned(),
            from: from.to_owned(),
            to: to.to_owned(),
        });
        true
    }

    /// True when no field changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes, in field order.
    pub fn into_changes(self) -> Vec<Change> {
        self.changes
    }

    /// Appends the changes to `history` as made at `at` by `by`; returns whether there
    /// were any (the record then updates its own `updated` and `updated_by`).
    pub fn record(self, history: &mut History, at: Timestamp, by: &str) -> bool {
        let changed = !self.is_empty();
        for change in self.changes {
            history.record(at, by, change);
        }
        changed
    }
}

/// An optional value as history shows it: unset is empty.
fn shown(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

/// A list as typed into a form: items trimmed, blanks and repeats dropped, first
/// occurrence kept in place.
pub fn clean_list(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == item) {
            out.push(item.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(field: &str, from: &str, to: &str) -> Change {
        Change::Field {
            field: field.into(),
            from: from.into(),
            to: to.into(),
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn text_is_trimmed_and_set_only_when_it_changes() {
        let mut title = String::from("Old");
        let mut same = String::from("Same");
        let mut edit = Edit::new();
        edit.text("title", &mut title, "  New ")
            .text("category", &mut same, " Same  ");
        assert_eq!((title.as_str(), same.as_str()), ("New", "Same"));
        assert_eq!(edit.into_changes(), [field("title", "Old", "New")]);
    }

    #[test]
    fn long_text_records_that_it_was_edited_without_the_text() {
        let mut body = String::from("Step 1");
        let mut edit = Edit::new();
        edit.long_text("body", &mut body, " Step 1\nStep 2 ");
        assert_eq!(body, "Step 1\nStep 2");
        assert_eq!(edit.into_changes(), [field("body", "", "edited")]);
        let mut edit = Edit::new();
        edit.long_text("body", &mut body, "Step 1\nStep 2\n");
        assert!(edit.is_empty());
    }

    #[test]
    fn optional_values_turn_blank_into_unset() {
        let (mut service, mut release, mut code) = (Some("svc:1".to_owned()), None, None);
        let mut edit = Edit::new();
        edit.optional("service", &mut service, &Some("   ".into()))
            .optional("release", &mut release, &Some(" rel:2 ".into()))
            .optional("error_code", &mut code, &Some(String::new()));
        assert_eq!((service, release, code), (None, Some("rel:2".into()), None));
        assert_eq!(
            edit.into_changes(),
            [field("service", "svc:1", ""), field("release", "", "rel:2")]
        );
    }

    #[test]
    fn an_optional_value_that_reads_the_same_is_left_as_stored() {
        // Hand-made or imported data can hold an empty string where the form gives
        // none; that is no change and the stored value stays.
        let mut service = Some(String::new());
        let mut edit = Edit::new();
        edit.optional("service", &mut service, &None);
        assert!(edit.is_empty());
        assert_eq!(service, Some(String::new()));
    }

    #[test]
    fn lists_are_cleaned_and_compared_as_shown() {
        let mut tags = strings(&["vpn"]);
        let mut services = strings(&["svc:1", "svc:2"]);
        let mut edit = Edit::new();
        edit.list("tags", &mut tags, &strings(&[" vpn ", "", "wifi", "vpn"]))
            .list("services", &mut services, &strings(&["svc:1", " svc:2"]));
        assert_eq!(tags, ["vpn", "wifi"]);
        assert_eq!(services, ["svc:1", "svc:2"]);
        assert_eq!(edit.into_changes(), [field("tags", "vpn", "vpn, wifi")]);
    }

    #[test]
    fn values_are_always_set_and_recorded_when_they_read_differently() {
        let (mut flag, mut days, mut date) = (false, 14_u32, 1_000_i64);
        let yes_no = |b: &bool| if *b { "Yes" } else { "No" };
        let mut edit = Edit::new();
        edit.value("carried_forward", &mut flag, true, yes_no)
            .value("els_days", &mut days, 14, u32::to_string)
            // Two instants on the same day read the same: set, but no change recorded.
            .value("review_due", &mut date, 1_001, |t| {
                (t / 86_400_000).to_string()
            });
        assert_eq!((flag, days, date), (true, 14, 1_001));
        assert_eq!(edit.into_changes(), [field("carried_forward", "No", "Yes")]);
    }

    #[test]
    fn record_appends_in_field_order_and_says_whether_anything_changed() {
        let mut history = History::new();
        let (mut a, mut b) = (String::from("1"), String::from("x"));
        let mut edit = Edit::new();
        edit.text("b", &mut b, "y").text("a", &mut a, "2");
        assert!(edit.record(&mut history, Timestamp(7), "kim"));
        let events = history.events();
        let got: Vec<_> = events.iter().map(|e| e.change.clone()).collect();
        assert_eq!(got, [field("b", "x", "y"), field("a", "1", "2")]);
        assert!(events.iter().all(|e| e.at == Timestamp(7) && e.by == "kim"));
        let mut unchanged = Edit::new();
        unchanged.text("a", &mut a, " 2 ");
        assert!(!unchanged.record(&mut history, Timestamp(8), "kim"));
        assert_eq!(history.len(), 2);
    }

    #[test]
    fn clean_list_trims_and_drops_blanks_and_repeats_in_order() {
        let cleaned = clean_list(&strings(&[" b", "a ", "", "  ", "b", "c"]));
        assert_eq!(cleaned, ["b", "a", "c"]);
        assert!(clean_list(&[]).is_empty());
    }
}
