//! Resolving a problem's linked incidents in one step: which linked incidents are still open and the resolution each gets.
