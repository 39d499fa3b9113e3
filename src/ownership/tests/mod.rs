//! Tests of the ownership analysis: hand-computed scenarios, rendering and
//! properties on random graphs.

mod bounds;
mod exposure;
mod fixtures;
mod properties;
mod render;
mod scenarios;
