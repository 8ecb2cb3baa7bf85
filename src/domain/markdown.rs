//! Safe Markdown rendering for knowledge articles (being built).
