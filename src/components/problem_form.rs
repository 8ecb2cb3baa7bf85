//! The problem form: title, description, priority, service, root cause, workaround, fix notes, releases.
