//! Scalar fields over a view box: grids, colour buffers and isolines (issue 4).
