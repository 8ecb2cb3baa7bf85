//! Release actions for the pages: list, open by reference, create, edit, carry known errors forward, move through the lifecycle with the readiness gate and the exit criteria.
