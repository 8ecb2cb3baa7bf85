//! Replication with a CouchDB-compatible endpoint (the only module that will do HTTP).
//! Not built yet; storage already keeps CouchDB-shaped documents and a changes feed
//! (`Store::changes`) for it to replicate.
