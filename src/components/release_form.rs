//! The release form: name, version, services, deployment date and early-life-support window.
