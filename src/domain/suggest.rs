//! Ranking of portal suggestions (being built).
