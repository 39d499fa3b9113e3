//! Adversarial ownership graphs as files `trustcheck` reads: a long chain of
//! companies and a dense graph in which every entity is held by several others,
//! with cycles. They are the shapes that make a resolution that keeps every
//! controller of every entity (or enumerates paths) quadratic or worse, and are
//! timed through the binary, as a user would run it.
//!
//! The entities go into an entity registry (`--entities`), whose limits are those
//! of a national register; the provider file is the qualified example with its
//! main holder replaced by the bottom of the generated graph.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The provider file the corpora hang under.
const BASE: &str = "examples/eu-native-qualified.yaml";

/// A generated graph's shape.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// `n` companies, each holding 60 % of the next; the top one is American.
    Chain,
    /// `n` companies, each held by three others (30 %, 20 % and 10 %): one large
    /// cycle of cross-holdings; every tenth company is American.
    Dense,
}

impl Shape {
    pub fn name(self) -> &'static str {
        match self {
            Shape::Chain => "chain",
            Shape::Dense => "dense",
        }
    }
}

/// The registry text of a graph of `n` entities, and its number of holdings.
pub fn registry(shape: Shape, n: usize) -> (String, usize) {
    let mut text = String::from("trustcheck_registry: 1\nentities:\n");
    let mut holdings = 0;
    for i in 0..n {
        let holders: Vec<(usize, u32)> = match shape {
            Shape::Chain => (i + 1 < n).then_some((i + 1, 60)).into_iter().collect(),
            Shape::Dense => {
                let mut h: Vec<(usize, u32)> = Vec::new();
                for (j, capital) in [
                    ((i + 1) % n, 30),
                    ((i + 7) % n, 20),
                    ((i * 31 + 13) % n, 10),
                ] {
                    if j != i && h.iter().all(|&(k, _)| k != j) {
                        h.push((j, capital));
                    }
                }
                h
            }
        };
        let american = match shape {
            Shape::Chain => i + 1 == n,
            Shape::Dense => i % 10 == 9,
        };
        let country = if american { "US" } else { "FR" };
        let _ = write!(
            text,
            "  g{i}: {{ name: G{i} SAS, country: {country}, central_administration: {country}, \
             principal_establishment: {country}"
        );
        if !holders.is_empty() {
            text.push_str(", shareholders: [");
            for (k, (j, capital)) in holders.iter().enumerate() {
                let sep = if k == 0 { "" } else { ", " };
                let _ = write!(text, "{sep}{{ entity: g{j}, capital: {capital} }}");
            }
            text.push(']');
        }
        holdings += holders.len();
        text.push_str(" }\n");
    }
    (text, holdings)
}

/// Writes the registry and the provider file of a graph under `dir`; returns their
/// paths (provider, registry) and the number of holdings.
pub fn write(dir: &Path, shape: Shape, n: usize) -> std::io::Result<(PathBuf, PathBuf, usize)> {
    let (text, holdings) = registry(shape, n);
    let stem = format!("{}-{n}", shape.name());
    let registry = dir.join(format!("{stem}-entities.yaml"));
    std::fs::write(&registry, text)?;
    let base = std::fs::read_to_string(BASE)?;
    let (from, to) = (
        "      - { entity: vasseur, capital: 34 }\n      - { entity: delorme, capital: 22 }\n",
        "      - { entity: g0, capital: 56 }\n",
    );
    if !base.contains(from) {
        return Err(std::io::Error::other(format!(
            "{BASE} no longer lists {from}"
        )));
    }
    let provider = dir.join(format!("{stem}.yaml"));
    std::fs::write(&provider, base.replacen(from, to, 1))?;
    Ok((provider, registry, holdings))
}
