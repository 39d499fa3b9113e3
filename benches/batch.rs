//! Batch benchmark: 10,000 generated provider files of 2–6 KB assessed in one
//! process on every core, with YAML parsing measured apart, and peak memory.
//!
//! Run: `cargo bench --bench batch` (add `-- 50000` for another file count).
//! Files are generated into a temporary folder and streamed: each worker loads,
//! assesses and drops one file at a time, so memory does not grow with the count.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use trustcheck::assess::{AssessOptions, assess};
use trustcheck::engine::Verdict;
use trustcheck::lang::Lang;
use trustcheck::rules::RuleSet;

const COUNTRIES: [&str; 8] = ["FR", "DE", "NL", "IE", "US", "BE", "ES", "CN"];

/// A provider file of roughly 2–6 KB, varied by `seed`.
fn provider(seed: usize) -> String {
    let country = |k: usize| COUNTRIES[(seed / 7 + k) % COUNTRIES.len()];
    let holders = 2 + seed % 5;
    let mut entities = String::new();
    let mut shareholders = String::new();
    for h in 0..holders {
        let share = 100 / holders;
        shareholders.push_str(&format!(
            "      - {{ entity: holder{h}, capital: {share} }}\n"
        ));
        entities.push_str(&format!(
            "  holder{h}:\n    name: Holder {h} of offer {seed} SA\n    country: {}\n    shareholders:\n      - {{ entity: parent{h}, capital: {} }}\n  parent{h}: {{ name: Parent {h} Group, country: {}, listed: true }}\n",
            country(h),
            51 + (seed + h) % 49,
            country(h + 1)
        ));
    }
    let subcontractors: String = (0..(1 + seed % 4))
        .map(|s| format!("    - {{ entity: parent{}, role: support tier {s}, access: none, operating_autonomy: true }}\n", s % holders))
        .collect();
    format!(
        "trustcheck: 1\nas_of: 2026-10-01\nprovider: p\noffer:\n  name: Generated offer {seed}\n  service_models: [iaas, paas]\n  datacenters:\n    - {{ name: DC {seed}, country: {c0}, operator: p, owner: p }}\n  data: {{ storage: [{c0}], processing: [{c0}], backups: [{c1}], metadata: [{c0}] }}\n  operations: {{ administration_from: [{c0}], support_from: [{c0}], support_languages: [fr, en], interface_languages: [fr], staff_in_eu: true }}\n  subcontractors:\n{subcontractors}  certifications:\n    - {{ scheme: secnumcloud, version: \"3.2\", status: qualified, issued: 2025-01-01, expires: 2028-01-01, scope: [iaas, paas] }}\n  contract: {{ governing_law: FR, courts: FR, reversibility: formats, exit_on_qualification_loss: true, remote_access_disclosed: true, deletion_notice_days: 21, deletion_methods: [key-erasure], change_notification_days: 30 }}\nentities:\n  p:\n    name: Provider {seed} SAS\n    country: FR\n    shareholders:\n{shareholders}{entities}workload:\n  owner: {{ type: state-administration }}\n  data: {{ sensitivity: sensitive, personal: true }}\n",
        c0 = country(0),
        c1 = country(3),
    )
}

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temporary folder");
    let files: Vec<PathBuf> = (0..count)
        .map(|i| {
            let path = dir.path().join(format!("provider-{i:06}.yaml"));
            std::fs::write(&path, provider(i)).expect("write");
            path
        })
        .collect();
    let bytes: u64 = files
        .iter()
        .map(|f| f.metadata().map(|m| m.len()).unwrap_or(0))
        .sum();
    println!(
        "{count} files, {:.1} KB on average",
        bytes as f64 / count as f64 / 1024.0
    );

    let rules = RuleSet::load(&[]).expect("embedded rules");
    let options = AssessOptions {
        as_of: jiff::civil::Date::constant(2026, 11, 1),
        frameworks: vec![],
        lang: Lang::En,
    };

    let start = Instant::now();
    let parsed = files
        .par_iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            trustcheck::yaml::parse(&text).is_ok()
        })
        .count();
    let parse = start.elapsed();
    println!(
        "YAML parsing alone: {parsed} files in {:.3} s = {:.0} files/s",
        parse.as_secs_f64(),
        count as f64 / parse.as_secs_f64()
    );

    let start = Instant::now();
    let failing = files
        .par_iter()
        .map(|f| match trustcheck::provider::load_file(f, &[]) {
            Ok(loaded) => assess(&loaded, &rules, &options).verdict == Verdict::Fail,
            Err(e) => panic!("{}: {:?}", f.display(), e.problems),
        })
        .filter(|&failed| failed)
        .count();
    let total = start.elapsed();
    println!(
        "load + validate + analyse + evaluate: {count} files in {:.3} s = {:.0} files/s on {} threads ({failing} failing)",
        total.as_secs_f64(),
        count as f64 / total.as_secs_f64(),
        rayon::current_num_threads()
    );
    if let Some(kib) = peak_memory_kib() {
        println!("peak memory (VmHWM): {:.1} MiB", kib as f64 / 1024.0);
    }
}
