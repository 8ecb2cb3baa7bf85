//! End-user feedback on releases in early life support (being built).
