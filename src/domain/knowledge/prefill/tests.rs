//! Tests of article drafts started from known errors and resolved incidents.
use super::*;
use crate::domain::couch::record::Record;
use crate::domain::demo::scenario;
use crate::domain::kernel::time::Timestamp;

fn demo() -> Vec<Record> {
    scenario(Timestamp::from_civil(2026, 3, 2, 9, 0))
}

#[test]
fn a_known_error_gives_a_public_workaround_article_linked_to_it() {
    let ke = demo()
        .into_iter()
        .find_map(|r| match r {
            Record::KnownError(k) if !k.workaround.is_empty() && k.error_code.is_some() => Some(k),
            _ => None,
        })
        .unwrap_or_else(|| panic!("the demo has a known error with a code"));
    let d = from_known_error(&ke);
    assert_eq!(d.title, ke.title);
    assert_eq!(d.audience, Audience::Public);
    assert_eq!(d.known_errors, vec![ke.id.clone()]);
    assert!(d.body.contains("## Symptoms"), "{}", d.body);
    assert!(d.body.contains("## Workaround"));
    assert!(d.body.contains(ke.workaround.trim()));
    assert!(
        !d.body.contains("## Cause"),
        "the root cause stays with the desk"
    );
    assert!(d
        .tags
        .iter()
        .any(|t| Some(t.as_str()) == ke.error_code.as_deref()));
    assert!(d.validate().is_ok(), "{:?}", d.validate());
}

#[test]
fn only_a_resolved_incident_gives_an_internal_article() {
    let records = demo();
    let incidents = records.iter().filter_map(|r| match r {
        Record::Incident(i) => Some(i.clone()),
        _ => None,
    });
    let (mut done, mut open) = (0, 0);
    for i in incidents {
        match from_incident(&i) {
            Ok(d) => {
                done += 1;
                assert!(matches!(
                    i.status,
                    IncidentStatus::Resolved | IncidentStatus::Closed
                ));
                assert_eq!(d.audience, Audience::Internal);
                assert_eq!(d.title, i.title);
                assert_eq!(d.services, i.service.iter().cloned().collect::<Vec<_>>());
                if let Some(notes) = i.resolution_notes.as_deref() {
                    assert!(d.body.contains("## Resolution") && d.body.contains(notes.trim()));
                }
            }
            Err(PrefillError::NotResolved(r)) => {
                open += 1;
                assert_eq!(r, i.reference.to_string());
            }
        }
    }
    assert!(done > 0 && open > 0, "resolved {done}, open {open}");
}

#[test]
fn summary_is_the_first_sentence() {
    assert_eq!(first_sentence("It fails. Then more."), "It fails.");
    assert_eq!(first_sentence("\n  One line\nTwo"), "One line");
    assert_eq!(first_sentence(""), "");
    assert_eq!(first_sentence(&"x".repeat(300)).len(), 200);
}
