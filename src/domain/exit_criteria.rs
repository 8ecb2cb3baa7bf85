//! Early-life-support exit criteria: what a release must meet to be accepted into operation, and the verdict on each.
