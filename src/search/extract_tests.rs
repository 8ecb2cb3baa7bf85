//! Tests of the search extract module.
use super::*;

#[test]
fn every_demo_record_of_a_searched_kind_is_read() {
    let now = crate::domain::time::Timestamp(1_795_000_000_000);
    let mut seen = 0;
    for r in crate::domain::demo::scenario(now) {
        let json = r.to_json().unwrap();
        match from_json(&json) {
            Ok(Some(_)) => seen += 1,
            Ok(None) => {}
            Err(e) => panic!("{e}: {}", &json[..json.len().min(300)]),
        }
    }
    assert!(seen > 30);
}
