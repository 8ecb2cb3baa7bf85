//! Tests for the demo data: determinism, validity, unique references, the release
//! story, and the benchmark generator.

use super::*;
use crate::domain::couch::document::index_entry_from_json;
use std::collections::HashSet;

const NOW: Timestamp = Timestamp(1_795_000_000_000);

fn incidents_of(records: &[Record]) -> Vec<&Incident> {
    records
        .iter()
        .filter_map(|r| match r {
            Record::Incident(i) => Some(i),
            _ => None,
        })
        .collect()
}

#[test]
fn rng_is_fixed_forever() {
    let mut r = DemoRng::new(0);
    assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
    let u = DemoRng::new(7).uuid();
    assert_eq!(u.len(), 36);
    assert_eq!(
        u.split('-').map(str::len).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12]
    );
    assert_eq!(u.as_bytes()[14], b'4');
    assert_eq!(DemoRng::new(3).pick::<u8>(&[]), None);
    assert_eq!(data::email_of("Chloé Dubois"), "chloé.dubois@example.com");
}

#[test]
fn scenario_is_deterministic_and_ids_ignore_now() {
    let a = scenario(NOW);
    assert_eq!(a, scenario(NOW));
    let later = scenario(NOW.plus_ms(Timestamp::DAY));
    let ids = |v: &[Record]| v.iter().map(|r| r.id().to_owned()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&later));
}

#[test]
fn scenario_shape() {
    let all = scenario(NOW);
    let count = |k: &str| all.iter().filter(|r| r.kind() == k).count();
    assert_eq!(count("service"), 6);
    assert_eq!(count("group"), 4);
    assert_eq!(count("person"), 8);
    assert_eq!(count("settings"), 1);
    assert_eq!(count("practice"), 4);
    assert_eq!(count("release"), 2);
    assert_eq!(count("problem"), 2);
    assert_eq!(count("known_error"), 2);
    assert_eq!(count("article"), 6);
    assert_eq!(count("incident"), 3 + 8 + 21);
    let incidents = incidents_of(&all);
    for &s in IncidentStatus::all() {
        assert!(incidents.iter().any(|i| i.status == s), "no {s:?} incident");
    }
    let pre = incidents
        .iter()
        .filter(|i| i.environment.is_pre_production());
    assert!(pre.clone().all(|i| i.channel == Channel::Testing));
    assert_eq!(pre.count(), 3);
    let priorities: HashSet<u8> = incidents.iter().map(|i| i.priority.number()).collect();
    assert_eq!(priorities.len(), 5, "every priority appears");
    assert!(incidents.iter().any(|i| i.major.is_some()));
}

#[test]
fn every_record_is_valid_and_consistent() {
    let all = scenario(NOW);
    let people: Vec<String> = all
        .iter()
        .filter(|r| r.kind() == "person")
        .map(|r| r.id().to_owned())
        .collect();
    let matrix = PriorityMatrix::default();
    for r in &all {
        let ok = match r {
            Record::Incident(i) => {
                assert_eq!(i.priority, matrix.priority(i.impact, i.urgency));
                assert!(i.created <= i.updated && i.updated <= NOW, "{}", i.title);
                let times: Vec<_> = i.history.events().iter().map(|e| e.at).collect();
                assert!(times.windows(2).all(|w| w[0] <= w[1]), "{}", i.title);
                assert_eq!(times.last(), Some(&i.updated), "{}", i.title);
                if matches!(i.status, IncidentStatus::Resolved | IncidentStatus::Closed) {
                    assert!(i.resolution_notes.is_some(), "{}", i.title);
                }
                assert_eq!(i.hold_reason.is_some(), i.status == IncidentStatus::OnHold);
                i.draft().validate().is_ok()
            }
            Record::Problem(p) => p.draft().validate().is_ok(),
            Record::KnownError(k) => k.draft().validate().is_ok(),
            Record::Article(a) => a.draft().validate().is_ok(),
            Record::Release(rel) => rel.draft().validate().is_ok(),
            Record::Service(s) => s.validate().is_ok(),
            Record::Group(g) => g.validate().is_ok(),
            Record::Person(p) => p.validate().is_ok(),
            Record::Settings(_) => true,
            Record::EscalationProcedure(p) => p.validate().is_ok(),
            Record::Practice(p) => p.validate(&people).is_ok(),
            Record::Feedback(_) => true,
        };
        assert!(ok, "{} does not validate", r.id());
        assert!(r.updated() <= NOW, "{} updated in the future", r.id());
        let json = r.to_json().unwrap_or_default();
        let entry = index_entry_from_json(&json);
        assert_eq!(entry.kind, r.kind());
        let contact = match r {
            Record::Incident(i) => crate::domain::couch::document::contact_key(&i.reporter.contact),
            _ => None,
        };
        assert_eq!(entry.contact, contact, "{}", r.id());
    }
}

#[test]
fn references_and_ids_are_unique() {
    let all = scenario(NOW);
    let refs: Vec<&str> = all
        .iter()
        .filter_map(|r| r.reference().map(|x| x.as_str()))
        .collect();
    assert_eq!(refs.len(), refs.iter().collect::<HashSet<_>>().len());
    assert!(refs.iter().all(|r| r.contains("-DEM00-")));
    assert!(refs.contains(&"INC-DEM00-0001") && refs.contains(&"KB-DEM00-0006"));
    let ids: HashSet<&str> = all.iter().map(|r| r.id()).collect();
    assert_eq!(ids.len(), all.len());
}

#[test]
fn carried_forward_known_error_has_a_published_public_article() {
    let all = scenario(NOW);
    let carried: Vec<&KnownError> = all
        .iter()
        .filter_map(|r| match r {
            Record::KnownError(k) if k.carried_forward => Some(k),
            _ => None,
        })
        .collect();
    assert_eq!(carried.len(), 1);
    let ke = carried[0];
    let article = all.iter().find_map(|r| match r {
        Record::Article(a) if Some(&a.id) == ke.article.as_ref() => Some(a),
        _ => None,
    });
    let Some(article) = article else {
        panic!("carried-forward known error has no article")
    };
    assert!(article.is_public());
    assert!(article.known_errors.contains(&ke.id));
    let release = all.iter().find_map(|r| match r {
        Record::Release(rel) if Some(&rel.id) == ke.release_introduced.as_ref() => Some(rel),
        _ => None,
    });
    let Some(release) = release else {
        panic!("carried-forward known error has no release")
    };
    assert_eq!(release.status, ReleaseStatus::EarlyLifeSupport);
    assert!(release.known_errors_carried.contains(&ke.id));
    assert_eq!(
        release.deployment_date,
        Some(NOW.plus_ms(-3 * Timestamp::DAY))
    );
    // The readiness gate held: published before deployment.
    let published = article.history.last().map(|e| e.at);
    assert!(published < release.deployment_date);
}

#[test]
fn generated_incidents() {
    let a = incidents(500, 42, NOW);
    assert_eq!(a.len(), 500);
    assert_eq!(a, incidents(500, 42, NOW));
    assert_ne!(a, incidents(500, 43, NOW));
    assert_eq!(a[0].reference.as_str(), "INC-BENCH-0001");
    let refs: HashSet<&str> = a.iter().map(|i| i.reference.as_str()).collect();
    assert_eq!(refs.len(), 500);
    let m = PriorityMatrix::default();
    for i in &a {
        assert!(i.draft().validate().is_ok());
        assert_eq!(i.priority, m.priority(i.impact, i.urgency));
        assert!(i.created <= i.updated && i.updated <= NOW);
        assert!(NOW.since(i.created) <= 90 * Timestamp::DAY + Timestamp::MINUTE);
        let last = i.history.last().map(|e| e.change.clone());
        if i.status != IncidentStatus::New {
            let to = match last {
                Some(Change::Status { to, .. }) => to,
                _ => String::new(),
            };
            assert_eq!(to, i.status.label());
        }
    }
    for &s in IncidentStatus::all() {
        assert!(a.iter().any(|i| i.status == s));
    }
    let titles: HashSet<&str> = a.iter().map(|i| i.title.as_str()).collect();
    assert!(titles.len() > 100);
    let (services, _, _) = config_ids();
    assert!(a
        .iter()
        .all(|i| i.service.as_ref().is_some_and(|s| services.contains(s))));
}

#[test]
fn escalations_and_assignments_name_real_groups() {
    let records = scenario(NOW);
    let groups: HashSet<&str> = records
        .iter()
        .filter_map(|r| match r {
            Record::Group(g) => Some(g.id.as_str()),
            _ => None,
        })
        .collect();
    let mut escalations = 0;
    for i in incidents_of(&records) {
        if let Some(g) = &i.assignment_group {
            assert!(groups.contains(g.as_str()), "{} group {g}", i.reference);
        }
        for e in i.history.events() {
            if let Change::Escalated {
                functional: true,
                to,
                ..
            } = &e.change
            {
                assert!(
                    groups.contains(to.as_str()),
                    "{} escalated to {to}",
                    i.reference
                );
                assert_eq!(i.assignment_group.as_ref(), Some(to));
                escalations += 1;
            }
        }
    }
    assert!(escalations > 0);
}

#[test]
fn every_practice_has_an_owner_and_guidance() {
    let all = scenario(NOW);
    let practices: Vec<&Practice> = all
        .iter()
        .filter_map(|r| match r {
            Record::Practice(p) => Some(p),
            _ => None,
        })
        .collect();
    let kinds: Vec<PracticeKind> = practices.iter().map(|p| p.practice).collect();
    assert_eq!(kinds, PracticeKind::ALL);
    let name = |id: &Option<String>| {
        all.iter().find_map(|r| match r {
            Record::Person(p) if Some(&p.id) == id.as_ref() => Some(p.name.clone()),
            _ => None,
        })
    };
    assert_eq!(name(&practices[0].owner).as_deref(), Some("Maya Okafor"));
    assert_eq!(name(&practices[1].owner).as_deref(), Some("Daniel Kim"));
    for p in practices {
        assert!(!p.managers.is_empty() && !p.practitioners.is_empty());
        assert!(!p.policies.is_empty());
        assert_eq!(p.id, p.practice.doc_id());
    }
}
