//! Everything that touches the network. (Being written.)

pub mod page;
