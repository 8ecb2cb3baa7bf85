//! The known-error form: title, symptoms, root cause, workaround, error code, problem, article, releases.
