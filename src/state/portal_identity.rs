//! Who the end user is on this browser, for the portal (being built).
