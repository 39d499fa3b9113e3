//! Batch benchmark: 10,000 generated provider files of 2–6 KB assessed in one
//! process on every core, with YAML parsing measured apart, and peak memory.
//!
//! Run: `cargo bench --bench batch` (add `-- 50000` for another file count;
//! `-- generate N DIR` only writes a corpus, for `benches/cli.sh`).
//! Files are generated into a temporary folder and streamed: each worker loads,
//! assesses and drops one file at a time, so memory does not grow with the count.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use trustcheck::assess::{AssessOptions, assess};
use trustcheck::engine::Verdict;
use trustcheck::lang::Lang;
use trustcheck::rules::RuleSet;

mod corpus;

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `-- generate N DIR` only writes the corpus (for benches/cli.sh).
    if let Some(at) = args.iter().position(|a| a == "generate") {
        let count = args
            .get(at + 1)
            .and_then(|n| n.parse().ok())
            .expect("generate N DIR");
        let dir = args.get(at + 2).expect("generate N DIR");
        corpus::write(std::path::Path::new(dir), count).expect("write the corpus");
        return;
    }
    let count: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temporary folder");
    let files: Vec<PathBuf> = corpus::write(dir.path(), count).expect("write the corpus");
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
