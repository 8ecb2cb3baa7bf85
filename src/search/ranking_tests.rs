//! The ranking suite: realistic queries over the demo data and the first result a person expects.
