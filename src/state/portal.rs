//! Portal actions for end users (being built).
