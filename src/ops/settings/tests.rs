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
        save_sla(&s, sla.clone())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let mut matrix = PriorityMatrix::default();
        matrix.set(Impact::Low, Urgency::Low, Priority::P4);
        save_matrix(&s, matrix.clone())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let stored = settings(&s).await.unwrap_or_default();
        assert_eq!(stored.sla, sla, "the matrix save kept the SLA change");
        assert_eq!(stored.matrix, matrix);
        assert_eq!(load(&s).await.map(|d| d.settings).ok(), Some(stored));
    });
}

#[test]
fn invalid_sla_is_refused_and_nothing_written() {
    block_on(async {
        let s = MemoryStore::new();
        let mut sla = SlaPolicy::default();
        sla.targets[1].resolution_ms = Some(MINUTE);
        let r = save_sla(&s, sla).await;
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
