//! Tests of the search tokenize module.
use super::*;
