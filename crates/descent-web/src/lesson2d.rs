//! The 2-D lesson's handles: runs, races, fields and basin maps (issue 4).
