//! Search over the desk's records (pure Rust: tokenizer, inverted index, ranking).
//! Not built yet: the incident list filters through the storage indexes for now.
