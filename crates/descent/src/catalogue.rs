//! The catalogue of classic test functions with exact gradients and known minima (issue 3).
