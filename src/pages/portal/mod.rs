//! The self-service portal for end users: answers, reporting a problem, and following
//! their own requests. Never shows internal notes, internal articles or other people's
//! incidents.

pub mod article;
pub mod feedback;
pub mod home;
pub mod report;
pub mod request;
pub mod requests;
