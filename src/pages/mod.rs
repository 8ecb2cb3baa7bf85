//! One module per route: the desk (agents), the portal (end users), home and not-found.

pub mod desk;
pub mod home;
pub mod not_found;
pub mod portal;
