//! Tests of the knowledge list query.
use super::*;
use crate::domain::couch::record::Record;
use crate::domain::demo::scenario;

fn demo() -> (Vec<KnowledgeArticle>, Timestamp) {
    let now = Timestamp::from_civil(2026, 3, 2, 9, 0);
    let list = scenario(now)
        .into_iter()
        .filter_map(|r| match r {
            Record::Article(a) => Some(a),
            _ => None,
        })
        .collect();
    (list, now)
}

#[test]
fn filters_combine_and_the_url_round_trips() {
    let (all, now) = demo();
    let f = ArticleFilter::from_query("published", "public", "", "vpn");
    let hits = f.apply(&all, now);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].title.contains("VPN"));
    let back = ArticleFilter::from_query("published", "public", "", "vpn");
    assert_eq!(f, back);
    assert_eq!(f.to_query(), "status=published&audience=public&q=vpn");
    assert_eq!(
        ArticleFilter::from_query("bogus", "x", "0", " ").to_query(),
        ""
    );
    assert_eq!(
        ArticleFilter::from_query("", "", "", "")
            .apply(&all, now)
            .len(),
        all.len()
    );
    let every_status: usize = ArticleStatus::all()
        .iter()
        .map(|s| {
            ArticleFilter::from_query(status_key(*s), "", "", "")
                .apply(&all, now)
                .len()
        })
        .sum();
    assert_eq!(every_status, all.len());
}

#[test]
fn review_due_lists_the_overdue_ones_soonest_first() {
    let (mut all, now) = demo();
    let f = ArticleFilter::from_query("", "", "1", "");
    let demo_due: Vec<&str> = f
        .apply(&all, now)
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(demo_due, ["Clear a paper jam on the floor 3 printer"]);
    let jam = all
        .iter()
        .position(|a| a.title.contains("paper jam"))
        .unwrap_or_default();
    all.iter_mut().for_each(|a| a.review_due = None);
    let (first, second) = ((jam + 1) % all.len(), (jam + 2) % all.len());
    all[first].review_due = Some(Timestamp(now.0 - 10));
    all[second].review_due = Some(Timestamp(now.0 - 1000));
    let hits: Vec<&str> = f.apply(&all, now).iter().map(|a| a.id.as_str()).collect();
    assert_eq!(hits, [all[second].id.as_str(), all[first].id.as_str()]);
    assert_eq!(due_count(&all, now), 2);
    all[second].status = ArticleStatus::Retired;
    assert_eq!(due_count(&all, now), 1, "retired articles are not reviewed");
}

#[test]
fn text_needs_every_word_case_blind() {
    let (all, now) = demo();
    let f = ArticleFilter::from_query("", "", "", "PAPER jam");
    assert_eq!(f.apply(&all, now).len(), 1);
    let f = ArticleFilter::from_query("", "", "", "paper banana");
    assert!(f.apply(&all, now).is_empty());
}
