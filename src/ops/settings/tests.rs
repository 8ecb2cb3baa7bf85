//! Native tests of the settings actions against the in-memory store.

use super::*;
use crate::domain::config::escalation::EscalationLevel;
use crate::domain::config::priority::{Impact, Priority, Urgency};
use crate::domain::kernel::time::{Timestamp, MINUTE};
use crate::ops::records::settings;
use crate::storage::memory::MemoryStore;
use crate::test_util::block_on;

#[test]
fn sla_and_matrix_saves_touch_only_their_part() {
    block_on(async {
        let s = MemoryStore::new();
        let mut sla = SlaPolicy::default();
        sla.targets[1].response_ms = 45 * MINUTE;
        let (_, rev) = save_sla(&s, sla.clone(), None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let mut matrix = PriorityMatrix::default();
        matrix.set(Impact::Low, Urgency::Low, Priority::P4);
        let (saved, rev) = save_matrix(&s, matrix.clone(), Some(rev))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let stored = settings(&s).await.unwrap_or_default();
        assert_eq!(stored.sla, sla, "the matrix save kept the SLA change");
        assert_eq!(stored.matrix, matrix);
        assert_eq!(saved, stored, "the save returns what it stored");
        let loaded = load(&s).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.settings, stored);
        assert_eq!(loaded.settings_rev, Some(rev), "and the revision it wrote");
    });
}

#[test]
fn invalid_sla_is_refused_and_nothing_written() {
    block_on(async {
        let s = MemoryStore::new();
        let mut sla = SlaPolicy::default();
        sla.targets[1].resolution_ms = Some(MINUTE);
        let r = save_sla(&s, sla, None).await;
        let field = r
            .as_ref()
            .err()
            .and_then(|e| e.validation())
            .and_then(|v| v.for_field("p2_resolution"));
        assert!(field.is_some(), "{r:?}");
        assert_eq!(s.last_seq().await.unwrap_or_default(), 0);
    });
}

fn procedure(after_ms: i64) -> EscalationProcedure {
    EscalationProcedure {
        id: "escalation_procedure:vpn".into(),
        service: "service:vpn".into(),
        levels: vec![
            EscalationLevel {
                name: "Level 1".into(),
                group: Some("group:desk".into()),
                contact: None,
                after_ms: 0,
            },
            EscalationLevel {
                name: "Level 2".into(),
                group: None,
                contact: Some("Duty manager".into()),
                after_ms,
            },
        ],
        updated: Timestamp(1),
    }
}

#[test]
fn procedures_are_saved_listed_and_stale_edits_refused() {
    block_on(async {
        let s = MemoryStore::new();
        let bad = save_procedure(&s, &procedure(0), None).await;
        assert!(matches!(bad, Err(AppError::Validation(_))), "{bad:?}");
        let rev1 = save_procedure(&s, &procedure(30 * MINUTE), None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let rev2 = save_procedure(&s, &procedure(60 * MINUTE), Some(rev1.clone()))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let listed = load(&s).await.map(|d| d.procedures).unwrap_or_default();
        assert_eq!(listed, vec![(procedure(60 * MINUTE), rev2)]);
        let stale = save_procedure(&s, &procedure(90 * MINUTE), Some(rev1)).await;
        assert!(matches!(stale, Err(AppError::Stale)), "{stale:?}");
    });
}

/// Two tabs open the settings at the same revision; the second to save must not
/// silently overwrite the first one's change.
#[test]
fn a_save_from_a_form_loaded_before_another_tabs_edit_is_refused_as_stale() {
    block_on(async {
        let s = MemoryStore::new();
        save_sla(&s, SlaPolicy::default(), None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let tab_a = load(&s).await.unwrap_or_else(|e| panic!("{e}"));
        let tab_b = load(&s).await.unwrap_or_else(|e| panic!("{e}"));

        // Tab B saves first.
        let mut b_sla = SlaPolicy::default();
        b_sla.targets[0].response_ms = 5 * MINUTE;
        let (_, b_rev) = save_sla(&s, b_sla.clone(), tab_b.settings_rev)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let mut b_matrix = PriorityMatrix::default();
        b_matrix.set(Impact::Low, Urgency::Low, Priority::P3);
        save_matrix(&s, b_matrix.clone(), Some(b_rev))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let seq = s.last_seq().await.unwrap_or_default();

        // Tab A still shows what it loaded; its saves are refused.
        let mut a_sla = SlaPolicy::default();
        a_sla.targets[0].response_ms = 20 * MINUTE;
        let stale = save_sla(&s, a_sla, tab_a.settings_rev.clone()).await;
        assert!(matches!(stale, Err(AppError::Stale)), "{stale:?}");
        let mut a_matrix = PriorityMatrix::default();
        a_matrix.set(Impact::Low, Urgency::Low, Priority::P5);
        let stale = save_matrix(&s, a_matrix, tab_a.settings_rev).await;
        assert!(matches!(stale, Err(AppError::Stale)), "{stale:?}");

        let stored = settings(&s).await.unwrap_or_default();
        assert_eq!(stored.sla, b_sla, "tab B's SLA targets are kept");
        assert_eq!(stored.matrix, b_matrix, "tab B's matrix is kept");
        assert_eq!(
            s.last_seq().await.unwrap_or_default(),
            seq,
            "nothing written"
        );
    });
}

/// Nothing stored yet, two tabs open the page: the first save creates the settings,
/// the other tab's save (made on "none stored") is refused, not written over it.
#[test]
fn a_first_save_from_a_form_opened_before_the_settings_existed_is_refused_as_stale() {
    block_on(async {
        let s = MemoryStore::new();
        let tab_a = load(&s).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tab_a.settings_rev, None);
        let mut b_sla = SlaPolicy::default();
        b_sla.targets[0].response_ms = 5 * MINUTE;
        save_sla(&s, b_sla.clone(), None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let stale = save_matrix(&s, PriorityMatrix::default(), tab_a.settings_rev).await;
        assert!(matches!(stale, Err(AppError::Stale)), "{stale:?}");
        assert_eq!(settings(&s).await.unwrap_or_default().sla, b_sla);
    });
}
