//! trustcheck: can this cloud offer be trusted with sensitive French public-sector
//! and critical workloads?
//!
//! Data flows one way: [`provider`] loads and validates a provider file,
//! [`ownership`] analyses who holds and controls whom, [`facts`] exposes both to the
//! rules, [`engine`] evaluates the [`rules`] packs into results, and [`report`]
//! renders them.

// Input reaches almost every path of the library: no unwrap, expect, panic or
// unchecked indexing outside tests. The few exceptions say why, in place.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod assess;
pub mod assets;
pub mod cases;
pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod engine;
pub mod explain;
pub mod facts;
pub mod jurisdiction;
pub mod lang;
pub mod ownership;
pub mod pipeline;
pub mod provenance;
pub mod provider;
pub mod report;
pub mod rules;
pub mod safe_text;
pub mod seal;
pub mod waivers;
pub mod yaml;
