//! List queries: what a page of documents is asked by, and the pure matching, order
//! and paging rules every store follows.

use crate::domain::couch::document::IndexEntry;

/// One page of live documents of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// Document type (`incident`, `problem`, …).
    pub kind: String,
    pub filter: ListFilter,
    /// Page size; 0 means no limit.
    pub limit: u32,
    /// Rows to skip before the page starts.
    pub offset: u32,
}

/// Which documents of the kind a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListFilter {
    All,
    Status(String),
    /// Priority 1 (P1) – 5 (P5).
    Priority(u8),
    /// The reporter's contact, as [`crate::domain::couch::document::contact_key`] keeps it.
    Contact(String),
}

impl ListQuery {
    /// Every live document of `kind`, no paging.
    pub fn all(kind: &str) -> Self {
        Self {
            kind: kind.to_owned(),
            filter: ListFilter::All,
            limit: 0,
            offset: 0,
        }
    }

    /// True when a live document with these index fields belongs to the query.
    pub fn matches(&self, e: &IndexEntry) -> bool {
        e.kind == self.kind
            && match &self.filter {
                ListFilter::All => true,
                ListFilter::Status(s) => e.status.as_deref() == Some(s.as_str()),
                ListFilter::Priority(p) => e.priority == Some(*p),
                ListFilter::Contact(c) => e.contact.as_deref() == Some(c.as_str()),
            }
    }

    /// The page of an already ordered sequence.
    pub fn page<T>(&self, ordered: impl IntoIterator<Item = T>) -> Vec<T> {
        let it = ordered.into_iter().skip(self.offset as usize);
        if self.limit == 0 {
            it.collect()
        } else {
            it.take(self.limit as usize).collect()
        }
    }
}

/// Sort key of list results: newest `updated` first, then id ascending.
pub fn list_order_key<'a>(e: &IndexEntry, id: &'a str) -> (std::cmp::Reverse<i64>, &'a str) {
    (std::cmp::Reverse(e.updated), id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: &str, status: Option<&str>, priority: Option<u8>) -> IndexEntry {
        IndexEntry {
            kind: kind.into(),
            status: status.map(Into::into),
            priority,
            updated: 0,
            reference: None,
            contact: None,
        }
    }

    #[test]
    fn filters_match_kind_and_field() {
        let mut q = ListQuery::all("incident");
        assert!(q.matches(&entry("incident", None, None)));
        assert!(!q.matches(&entry("problem", None, None)));
        q.filter = ListFilter::Status("new".into());
        assert!(q.matches(&entry("incident", Some("new"), None)));
        assert!(!q.matches(&entry("incident", Some("closed"), None)));
        assert!(!q.matches(&entry("incident", None, None)));
        q.filter = ListFilter::Priority(2);
        assert!(q.matches(&entry("incident", None, Some(2))));
        assert!(!q.matches(&entry("incident", None, Some(3))));
        q.filter = ListFilter::Contact("ana@example.com".into());
        let mut e = entry("incident", None, None);
        assert!(!q.matches(&e));
        e.contact = Some("ana@example.com".into());
        assert!(q.matches(&e));
    }

    #[test]
    fn page_applies_offset_and_limit() {
        let mut q = ListQuery::all("x");
        assert_eq!(q.page(0..5), vec![0, 1, 2, 3, 4]);
        q.offset = 1;
        q.limit = 2;
        assert_eq!(q.page(0..5), vec![1, 2]);
        q.offset = 9;
        assert!(q.page(0..5).is_empty());
    }
}
