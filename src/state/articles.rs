//! Knowledge article actions for the desk (being built).
