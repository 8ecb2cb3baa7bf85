//! Tests of the search index module.
use super::*;
