//! Which column of an imported file fills which incident field: the fields, the
//! header names other tools use for them, and a first guess from the file's header.

use super::values::normalise;

/// An incident field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Description,
    Impact,
    Urgency,
    Priority,
    Status,
    ResolutionNotes,
    Service,
    Category,
    Channel,
    ReporterName,
    ReporterContact,
    AssignmentGroup,
    Assignee,
    Created,
    Environment,
    Release,
}

impl Field {
    /// Every field, in the order the mapping form lists them.
    pub const ALL: [Field; 17] = [
        Field::Title,
        Field::Description,
        Field::Impact,
        Field::Urgency,
        Field::Priority,
        Field::Status,
        Field::ResolutionNotes,
        Field::Service,
        Field::Category,
        Field::Channel,
        Field::ReporterName,
        Field::ReporterContact,
        Field::AssignmentGroup,
        Field::Assignee,
        Field::Created,
        Field::Environment,
        Field::Release,
    ];

    /// The label shown on the mapping form and in error messages.
    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Description => "Description",
            Field::Impact => "Impact",
            Field::Urgency => "Urgency",
            Field::Priority => "Priority",
            Field::Status => "Status",
            Field::ResolutionNotes => "Resolution notes",
            Field::Service => "Service",
            Field::Category => "Category",
            Field::Channel => "Channel",
            Field::ReporterName => "Reported by",
            Field::ReporterContact => "Reporter's contact",
            Field::AssignmentGroup => "Assignment group",
            Field::Assignee => "Assignee",
            Field::Created => "Created",
            Field::Environment => "Environment found in",
            Field::Release => "Release",
        }
    }

    /// A stable name for ids and test hooks (`reporter-name`).
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Description => "description",
            Field::Impact => "impact",
            Field::Urgency => "urgency",
            Field::Priority => "priority",
            Field::Status => "status",
            Field::ResolutionNotes => "resolution-notes",
            Field::Service => "service",
            Field::Category => "category",
            Field::Channel => "channel",
            Field::ReporterName => "reporter-name",
            Field::ReporterContact => "reporter-contact",
            Field::AssignmentGroup => "group",
            Field::Assignee => "assignee",
            Field::Created => "created",
            Field::Environment => "environment",
            Field::Release => "release",
        }
    }

    /// What the mapping form says about the field's values.
    pub fn hint(self) -> &'static str {
        match self {
            Field::Title => "Required, 3 to 200 characters.",
            Field::Impact | Field::Urgency => "High, Medium or Low (or 1, 2, 3).",
            Field::Priority => {
                "P1 to P5; used when impact and urgency are not given, through the priority matrix."
            }
            Field::Status => {
                "New, In progress, Resolved, Closed or Cancelled; resolved and closed need resolution notes."
            }
            Field::Service | Field::AssignmentGroup | Field::Release => {
                "A name as the desk knows it."
            }
            Field::Assignee => "A person's name or email address, as the desk knows it.",
            Field::Created => "A date in ISO 8601: 2026-11-27 or 2026-11-27T14:03:05Z.",
            Field::Environment => "Production, Test, Staging or UAT.",
            Field::Channel => "Portal, Phone, Email, Walk-in, Monitoring or Testing.",
            _ => "Text.",
        }
    }

    /// Header names (normalised: lower case words) that mean this field.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Title => &[
                "title",
                "short description",
                "summary",
                "subject",
                "incident title",
                "headline",
            ],
            Field::Description => &[
                "description",
                "details",
                "long description",
                "body",
                "what happened",
                "full description",
            ],
            Field::Impact => &["impact", "business impact"],
            Field::Urgency => &["urgency"],
            Field::Priority => &["priority", "severity", "prio"],
            Field::Status => &["status", "state", "incident state"],
            Field::ResolutionNotes => &[
                "resolution notes",
                "resolution",
                "close notes",
                "closure notes",
                "resolution note",
                "solution",
            ],
            Field::Service => &[
                "service",
                "affected service",
                "business service",
                "application",
            ],
            Field::Category => &["category", "classification", "type"],
            Field::Channel => &["channel", "contact type", "source", "reported via"],
            Field::ReporterName => &[
                "caller",
                "caller id",
                "reporter",
                "reported by",
                "opened by",
                "requester",
                "requested by",
                "contact",
                "contact name",
                "customer",
                "reporter name",
                "end user",
            ],
            Field::ReporterContact => &[
                "email",
                "e mail",
                "email address",
                "caller email",
                "contact email",
                "reporter email",
                "phone",
                "contact details",
                "reporter contact",
            ],
            Field::AssignmentGroup => &[
                "assignment group",
                "group",
                "team",
                "support group",
                "assigned group",
            ],
            Field::Assignee => &[
                "assigned to",
                "assignee",
                "owner",
                "agent",
                "technician",
                "resolver",
            ],
            Field::Created => &[
                "created",
                "opened",
                "opened at",
                "created at",
                "created on",
                "sys created on",
                "date opened",
                "open date",
                "creation date",
                "reported at",
                "reported on",
                "date",
            ],
            Field::Environment => &[
                "environment",
                "environment found in",
                "found in",
                "stage",
                "env",
            ],
            Field::Release => &["release", "found in release", "release version", "version"],
        }
    }
}

/// For each field (in [`Field::ALL`] order) the column that fills it, if any.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mapping(pub Vec<Option<usize>>);

impl Mapping {
    /// The column mapped to `field`.
    pub fn column(&self, field: Field) -> Option<usize> {
        let k = Field::ALL.iter().position(|&f| f == field)?;
        self.0.get(k).copied().flatten()
    }

    /// Maps `field` to `column` (or to nothing).
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        if let Some(k) = Field::ALL.iter().position(|&f| f == field) {
            if self.0.len() < Field::ALL.len() {
                self.0.resize(Field::ALL.len(), None);
            }
            self.0[k] = column;
        }
    }

    /// Fields mapped to the same column as another field, named.
    pub fn shared_columns(&self) -> Vec<(Field, Field)> {
        let mut out = Vec::new();
        for (a, &fa) in Field::ALL.iter().enumerate() {
            for &fb in &Field::ALL[a + 1..] {
                if let (Some(x), Some(y)) = (self.column(fa), self.column(fb)) {
                    if x == y {
                        out.push((fa, fb));
                    }
                }
            }
        }
        out
    }
}

/// The first guess of a mapping from the header: exact synonyms first (any case and
/// punctuation), then headers that contain a multi-word synonym; each column at most
/// once, each field at most once.
pub fn guess(headers: &[String]) -> Mapping {
    let names: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let mut mapping = Mapping(vec![None; Field::ALL.len()]);
    let mut used = vec![false; headers.len()];
    for field in Field::ALL {
        for syn in field.synonyms() {
            if let Some(c) = (0..names.len()).find(|&c| !used[c] && names[c] == *syn) {
                mapping.set(field, Some(c));
                used[c] = true;
                break;
            }
        }
    }
    for field in Field::ALL {
        if mapping.column(field).is_some() {
            continue;
        }
        let found = field
            .synonyms()
            .iter()
            .filter(|s| s.contains(' '))
            .find_map(|syn| (0..names.len()).find(|&c| !used[c] && contains_words(&names[c], syn)));
        if let Some(c) = found {
            mapping.set(field, Some(c));
            used[c] = true;
        }
    }
    mapping
}

/// True when `words` appears in `text` as whole words.
fn contains_words(text: &str, words: &str) -> bool {
    format!(" {text} ").contains(&format!(" {words} "))
}
