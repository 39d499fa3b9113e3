//! Tests of the ownership analysis: hand-computed scenarios, rendering and
//! properties on random graphs.

mod bounds;
mod control;
mod exposure;
mod fixtures;
mod pinned;
mod properties;
mod render;
mod scenarios;
