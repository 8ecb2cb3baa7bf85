//! The feedback report to development for one release: its content, and its Markdown and CSV renderings.
