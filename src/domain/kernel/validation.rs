//! Form validation results: one message per field, shown inline next to the control.

use std::fmt;

/// One problem with one form field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as the form knows it (`title`, `description`, …).
    pub field: &'static str,
    /// A sentence for the person filling in the form.
    pub message: String,
}

/// Every problem found in a form; empty means valid.
#[derive(Clone, Debug, Default, PartialEq, Eq, thiserror::Error)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return write!(f, "no validation errors");
        }
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            write!(f, "{}: {}", e.field, e.message)?;
        }
        Ok(())
    }
}

impl ValidationErrors {
    /// An empty set of errors.
    pub fn new() -> Self {
        Self::default()
    }

    /// The first message for `field`, if any.
    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of errors.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Records a problem with `field`.
    pub fn push(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push(FieldError {
            field,
            message: message.into(),
        });
    }

    /// Adds the error from a field check, if it failed.
    pub fn check(&mut self, result: Result<(), FieldError>) {
        if let Err(e) = result {
            self.0.push(e);
        }
    }

    /// `Ok(())` when empty, otherwise `Err(self)`.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// A required text field: not blank after trimming and at most `max_len` characters.
pub fn require_text(field: &'static str, value: &str, max_len: usize) -> Result<(), FieldError> {
    let n = value.trim().chars().count();
    if n == 0 {
        Err(FieldError {
            field,
            message: "This field is required.".into(),
        })
    } else {
        max_text(field, value, max_len)
    }
}

/// A required text field of `min_len..=max_len` characters after trimming.
pub fn require_text_between(
    field: &'static str,
    value: &str,
    min_len: usize,
    max_len: usize,
) -> Result<(), FieldError> {
    require_text(field, value, max_len)?;
    let n = value.trim().chars().count();
    if n < min_len {
        Err(FieldError {
            field,
            message: format!("Use at least {min_len} characters."),
        })
    } else {
        Ok(())
    }
}

/// An optional text field of at most `max_len` characters after trimming.
pub fn max_text(field: &'static str, value: &str, max_len: usize) -> Result<(), FieldError> {
    let n = value.trim().chars().count();
    if n > max_len {
        Err(FieldError {
            field,
            message: format!("Use at most {max_len} characters (now {n})."),
        })
    } else {
        Ok(())
    }
}

/// Trims a form value and turns blank into `None`.
pub fn non_blank(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_and_lengths() {
        assert!(require_text("title", "  ", 10).is_err());
        assert!(require_text("title", "ok", 10).is_ok());
        let e = require_text("title", "abcdef", 3).err();
        assert_eq!(e.map(|e| e.field), Some("title"));
        assert!(require_text_between("title", "ab", 3, 10).is_err());
        assert!(require_text_between("title", " abc ", 3, 10).is_ok());
        assert!(max_text("d", "", 0).is_ok());
    }

    #[test]
    fn collects_and_displays() {
        let mut errs = ValidationErrors::new();
        assert!(errs.is_empty());
        errs.push("title", "This field is required.");
        errs.check(max_text("description", "abcd", 2));
        assert_eq!(errs.len(), 2);
        assert_eq!(errs.for_field("title"), Some("This field is required."));
        assert!(errs.for_field("reporter_name").is_none());
        let shown = errs.to_string();
        assert!(shown.contains("title: This field is required."));
        assert!(shown.contains("description: Use at most 2"));
        assert!(errs.into_result().is_err());
    }

    #[test]
    fn non_blank_trims() {
        assert_eq!(non_blank(&Some("  ".into())), None);
        assert_eq!(non_blank(&Some(" x ".into())).as_deref(), Some("x"));
        assert_eq!(non_blank(&None), None);
    }
}
