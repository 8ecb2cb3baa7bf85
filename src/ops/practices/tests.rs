//! Native tests of the practice actions against the in-memory store: blank practices
//! with defaults, saving on the revision read, stale and invalid saves changing nothing.

use super::*;
use crate::domain::config::Person;
use crate::domain::kernel::time::Timestamp;
use crate::storage::memory::MemoryStore;
use crate::test_util::block_on;

async fn add_person(store: &MemoryStore, id: &str, name: &str) {
    let p = Person {
        id: id.into(),
        name: name.into(),
        email: String::new(),
        groups: Vec::new(),
        updated: Timestamp(1),
    };
    save(store, &Record::Person(p), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

async fn problem_practice(store: &MemoryStore) -> StoredPractice {
    get(store, PracticeKind::Problem)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_empty_desk_shows_four_blank_practices_with_default_guidance() {
    block_on(async {
        let s = MemoryStore::new();
        let all = load_all(&s).await.unwrap_or_else(|e| panic!("{e}"));
        let kinds: Vec<PracticeKind> = all.iter().map(|p| p.practice.practice).collect();
        assert_eq!(kinds, PracticeKind::ALL);
        for p in &all {
            assert_eq!(p.rev, None);
            assert_eq!(p.practice.owner, None);
            assert_eq!(
                p.practice.policies.len(),
                p.practice.practice.default_policies().len()
            );
        }
        assert_eq!(
            s.last_seq().await.unwrap_or_default(),
            0,
            "reading writes nothing"
        );
    });
}

#[test]
fn saves_on_the_revision_read_and_reads_back() {
    block_on(async {
        let s = MemoryStore::new();
        add_person(&s, "person:ada", "Ada").await;
        add_person(&s, "person:bo", "Bo").await;
        let read = problem_practice(&s).await;
        let mut form = read.practice.form();
        form.owner = "person:ada".into();
        form.managers = vec!["person:bo".into()];
        form.policies.push("Problems are reviewed weekly".into());
        let saved = save_practice(&s, &read, &form, "Ada")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(saved.rev.is_some());
        let again = problem_practice(&s).await;
        assert_eq!(again, saved);
        assert_eq!(again.practice.owner.as_deref(), Some("person:ada"));
        assert_eq!(again.practice.updated_by, "Ada");
        // Saving again on the new revision works too.
        form.owner = "person:bo".into();
        let third = save_practice(&s, &again, &form, "Bo")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(third.practice.owner.as_deref(), Some("person:bo"));
        let data = load(&s).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(data.practices[1], third);
        assert_eq!(data.directory.name("person:bo"), "Bo");
    });
}

#[test]
fn a_change_made_elsewhere_meanwhile_is_refused_as_stale() {
    block_on(async {
        let s = MemoryStore::new();
        add_person(&s, "person:ada", "Ada").await;
        // Two tabs read the blank practice; both save.
        let tab_a = problem_practice(&s).await;
        let tab_b = tab_a.clone();
        let mut form = tab_a.practice.form();
        form.owner = "person:ada".into();
        save_practice(&s, &tab_a, &form, "Ada")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let seq = s.last_seq().await.unwrap_or_default();
        let other = PracticeForm::default();
        let r = save_practice(&s, &tab_b, &other, "Bo").await;
        assert!(matches!(r, Err(AppError::Stale)), "{r:?}");
        assert_eq!(s.last_seq().await.unwrap_or_default(), seq);
        let kept = problem_practice(&s).await;
        assert_eq!(kept.practice.owner.as_deref(), Some("person:ada"));
        // And a stale revision of a stored practice too.
        let r = save_practice(&s, &kept, &form, "Ada").await;
        let newer = r.unwrap_or_else(|e| panic!("{e}"));
        let r = save_practice(&s, &kept, &form, "Ada").await;
        assert!(matches!(r, Err(AppError::Stale)), "{r:?}");
        assert_eq!(problem_practice(&s).await, newer);
    });
}

#[test]
fn invalid_forms_are_refused_at_the_field_and_nothing_is_written() {
    block_on(async {
        let s = MemoryStore::new();
        add_person(&s, "person:ada", "Ada").await;
        let read = problem_practice(&s).await;
        let seq = s.last_seq().await.unwrap_or_default();
        let form = PracticeForm {
            owner: "person:nobody".into(),
            policies: vec!["ok".into()],
            ..PracticeForm::default()
        };
        let r = save_practice(&s, &read, &form, "Ada").await;
        let v = r.as_ref().err().and_then(AppError::validation);
        assert!(v.and_then(|v| v.for_field("owner")).is_some(), "{r:?}");
        assert!(v.and_then(|v| v.for_field("policy_1")).is_some(), "{r:?}");
        assert_eq!(s.last_seq().await.unwrap_or_default(), seq);
        assert_eq!(problem_practice(&s).await.rev, None);
    });
}

#[test]
fn a_stored_record_of_the_wrong_kind_is_reported() {
    block_on(async {
        let s = MemoryStore::new();
        let mut wrong = Practice::blank(PracticeKind::Release, Timestamp(1));
        wrong.id = PracticeKind::Problem.doc_id();
        save(&s, &Record::Practice(wrong), None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let r = get(&s, PracticeKind::Problem).await;
        assert!(matches!(r, Err(AppError::Corrupt { .. })), "{r:?}");
    });
}
