//! The release pages: list, detail (lifecycle, readiness gate, pre-production
//! incidents, early life support, feedback report), new and edit.

pub mod detail;
pub mod edit;
pub mod els;
pub mod lifecycle;
pub mod list;
pub mod new;
pub mod preprod;
pub mod readiness;
pub mod report;

use std::rc::Rc;

use crate::domain::couch::revision::Rev;
use crate::domain::release::Release;
use crate::ops::release::Gathered;

/// What every panel of the page gets: the release as read, its revision, and the
/// records about it.
#[derive(Clone)]
pub struct ReleaseCtx {
    /// The release.
    pub release: Rc<Release>,
    /// The revision the page shows (actions are made on it).
    pub rev: Rev,
    /// Incidents, known errors, articles… about it.
    pub facts: Rc<Gathered>,
}
