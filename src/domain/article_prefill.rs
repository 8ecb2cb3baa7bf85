//! Article drafts prefilled from a known error or resolved incident (being built).
