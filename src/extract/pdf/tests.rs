//! The PDF reader on real files and on damaged ones.
