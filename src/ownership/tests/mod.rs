//! Tests of the ownership analysis: hand-computed scenarios, rendering and
//! properties on random graphs.

mod fixtures;
mod properties;
mod render;
mod scenarios;
