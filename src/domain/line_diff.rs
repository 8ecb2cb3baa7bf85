//! Line-by-line comparison of two texts (being built).
