//! reflint: a citation and reference validator.
//!
//! Data flows one way: [`extract`] turns input bytes into a [`model::Document`] (markers and
//! note definitions with positions), [`cite`] reads each note into a [`cite::Reference`]
//! (title, source, dates, URLs), [`rules`] turns those into [`report::Finding`]s, and
//! [`report`] renders the finished [`report::Report`].

pub mod args;
pub mod baseline;
pub mod check;
pub mod cite;
pub mod cli;
pub mod config;
pub mod extract;
pub mod inspect;
pub mod links;
pub mod model;
pub mod net;
pub mod repair;
pub mod report;
pub mod rules;
pub mod save;
pub mod store;
