//! Bindings for typed functions, the catalogue and the derivative lab (issue 3).
