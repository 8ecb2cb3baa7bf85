//! The desk's directory: services, groups, people and releases loaded once per change,
//! for pickers and for showing names where records hold ids.

use std::collections::HashMap;

use crate::domain::config::{Group, Person, Service};
use crate::domain::couch::record::Record;
use crate::storage::Store;

use super::error::AppError;
use super::records::{all_of_kind, release_choices, services, Choice};

/// Everything a page needs to turn ids into names and fill pickers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Directory {
    /// Services, by name.
    pub services: Vec<Service>,
    /// Assignment groups, by name.
    pub groups: Vec<Group>,
    /// People, by name.
    pub people: Vec<Person>,
    /// Releases, newest first.
    pub releases: Vec<Choice>,
    names: HashMap<String, String>,
}

impl Directory {
    /// Builds the directory from its parts.
    pub fn new(
        services: Vec<Service>,
        groups: Vec<Group>,
        people: Vec<Person>,
        releases: Vec<Choice>,
    ) -> Directory {
        let mut names = HashMap::new();
        for s in &services {
            names.insert(s.id.clone(), s.name.clone());
        }
        for g in &groups {
            names.insert(g.id.clone(), g.name.clone());
        }
        for p in &people {
            names.insert(p.id.clone(), p.name.clone());
        }
        for r in &releases {
            names.insert(r.id.clone(), r.name.clone());
        }
        Directory {
            services,
            groups,
            people,
            releases,
            names,
        }
    }

    /// The name of the service, group, person or release with this id; the id itself
    /// when unknown (a record that arrived before its configuration, or was deleted).
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }

    /// [`Directory::name`] of an optional id; empty for `None`.
    pub fn name_opt<'a>(&'a self, id: Option<&'a str>) -> &'a str {
        id.map_or("", |id| self.name(id))
    }

    /// A digest of every id and name: equal digests mean nothing was renamed.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let mut pairs: Vec<(&String, &String)> = self.names.iter().collect();
        pairs.sort_unstable();
        pairs.hash(&mut h);
        h.finish()
    }

    /// People who belong to `group` (all people when `group` is `None`).
    pub fn members(&self, group: Option<&str>) -> Vec<&Person> {
        self.people
            .iter()
            .filter(|p| group.is_none_or(|g| p.groups.iter().any(|pg| pg == g)))
            .collect()
    }
}

/// Loads the directory from the store.
pub async fn load<S: Store>(store: &S) -> Result<Directory, AppError> {
    let mut groups: Vec<Group> = all_of_kind(store, "group")
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::Group(g) => Some(g),
            _ => None,
        })
        .collect();
    groups.sort_by_key(|g| g.name.to_lowercase());
    let mut people: Vec<Person> = all_of_kind(store, "person")
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::Person(p) => Some(p),
            _ => None,
        })
        .collect();
    people.sort_by_key(|p| p.name.to_lowercase());
    Ok(Directory::new(
        services(store).await?,
        groups,
        people,
        release_choices(store).await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kernel::time::Timestamp;

    fn person(id: &str, name: &str, groups: &[&str]) -> Person {
        Person {
            id: id.into(),
            name: name.into(),
            email: String::new(),
            groups: groups.iter().map(|g| g.to_string()).collect(),
            updated: Timestamp(0),
        }
    }

    #[test]
    fn names_fall_back_to_the_id_and_members_follow_groups() {
        let d = Directory::new(
            vec![],
            vec![],
            vec![
                person("person:a", "Ada", &["group:net"]),
                person("person:b", "Bo", &[]),
            ],
            vec![],
        );
        assert_eq!(d.name("person:a"), "Ada");
        assert_eq!(d.name("person:zz"), "person:zz");
        assert_eq!(d.name_opt(None), "");
        let net: Vec<_> = d
            .members(Some("group:net"))
            .iter()
            .map(|p| p.name.clone())
            .collect();
        assert_eq!(net, vec!["Ada"]);
        assert_eq!(d.members(None).len(), 2);
    }
}
