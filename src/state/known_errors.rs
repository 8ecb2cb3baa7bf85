//! Known error actions for the pages: list, open by reference, create (from a problem), edit, move, apply and communicate the workaround.
