//! Tests of the Word reader: documents built in memory with `zip::ZipWriter`.
