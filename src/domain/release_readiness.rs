//! The readiness gate: which known errors carried forward with a release lack a published knowledge article.
