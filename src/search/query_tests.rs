//! Tests of the search query module.
use super::*;
