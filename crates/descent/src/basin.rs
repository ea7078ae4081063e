//! Basin-of-attraction maps computed in chunks (issue 4).
