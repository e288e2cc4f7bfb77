//! What a fetched page says of itself: title, publication date, language, "not found" wording,
//! and a content fingerprint for near-duplicate detection. (Being written.)
