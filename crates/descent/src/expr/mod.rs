//! Typed functions: parsing, exact derivatives and a compiled tape (issue 3).
