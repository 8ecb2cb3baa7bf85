//! Writing CSV: RFC 4180 quoting, and cells that a spreadsheet would run as a formula neutralised.
