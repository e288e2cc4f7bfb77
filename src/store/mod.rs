//! The result cache and check history in SQLite. (Being written.)
