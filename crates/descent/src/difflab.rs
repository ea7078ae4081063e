//! The numerical-derivative lab: finite-difference error against the step h (issue 3).
