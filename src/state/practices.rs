//! Practice roles and policies: loading every practice (defaults when none is stored) and saving one.
