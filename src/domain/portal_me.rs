//! The end user on the portal as they introduced themselves: a name and an email
//! address. Not a credential and no password: it only says whose requests to list on
//! this device and fills in the report form. Stored by `state::portal_identity`.

use serde::{Deserialize, Serialize};

use crate::domain::kernel::validation::{require_text, ValidationErrors};

/// The end user as they introduced themselves.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalMe {
    /// Their name, as the desk will address them.
    pub name: String,
    /// Their email address: the key their requests are found by.
    pub email: String,
}

impl PortalMe {
    /// Checks the name (field `name`) and email (field `email`): both required, up to
    /// 200 characters, and the email shaped like one (`someone@somewhere`).
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        errs.check(require_text("name", &self.name, 200));
        match require_text("email", &self.email, 200) {
            Err(e) => errs.check(Err(e)),
            Ok(()) if !looks_like_email(&self.email) => {
                errs.push("email", "Enter an email address like name@example.com.")
            }
            Ok(()) => {}
        }
        errs.into_result()
    }

    /// The same person with surrounding spaces removed.
    pub fn trimmed(&self) -> PortalMe {
        PortalMe {
            name: self.name.trim().to_owned(),
            email: self.email.trim().to_owned(),
        }
    }

    /// The author recorded on what they write: `Alex Morgan (portal)`.
    pub fn author(&self) -> String {
        format!("{} (portal)", self.name.trim())
    }

    /// True when `contact` (an incident's reporter contact) is this person's email.
    pub fn owns(&self, contact: &str) -> bool {
        same_contact(&self.email, contact)
    }
}

/// Two contacts are the same when equal after trimming, ignoring case; an empty one
/// matches nothing.
pub fn same_contact(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && a.to_lowercase() == b.to_lowercase()
}

/// One `@` with something before it and a dotted or plain host after it, no spaces.
pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    match s.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && !host.is_empty()
                && !host.contains('@')
                && !s.chars().any(char::is_whitespace)
                && !host.starts_with('.')
                && !host.ends_with('.')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me(name: &str, email: &str) -> PortalMe {
        PortalMe {
            name: name.into(),
            email: email.into(),
        }
    }

    #[test]
    fn validates_name_and_email() {
        assert!(me("Alex Morgan", "alex@example.com").validate().is_ok());
        let errs = me(" ", "alex").validate().err().unwrap_or_default();
        assert_eq!(errs.for_field("name"), Some("This field is required."));
        assert!(errs.for_field("email").is_some_and(|m| m.contains("like")));
        let errs = me("A", "").validate().err().unwrap_or_default();
        assert_eq!(errs.for_field("email"), Some("This field is required."));
        for bad in ["a@", "@b", "a b@c.d", "a@b@c", "a@.b", "a@b."] {
            assert!(!looks_like_email(bad), "{bad}");
        }
        assert!(looks_like_email(" a.b+c@mail.example.org "));
    }

    #[test]
    fn contacts_match_trimmed_and_ignoring_case() {
        let m = me("Alex", " Alex@Example.com ");
        assert!(m.owns("alex@example.COM"));
        assert!(m.owns("  alex@example.com"));
        assert!(!m.owns("alex@example.co"));
        assert!(!same_contact("", ""));
        assert!(!same_contact("  ", " "));
        assert_eq!(m.author(), "Alex (portal)");
        assert_eq!(m.trimmed().email, "Alex@Example.com");
    }
}
