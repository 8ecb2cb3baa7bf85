//! A new known error prefilled from a problem: title, symptoms, root cause, workaround, the problem and its release.
