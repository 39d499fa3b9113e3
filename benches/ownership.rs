//! Ownership analysis at the scale of a national corporate register: builds a
//! synthetic registry (by default 1,000,000 entities; set
//! `TRUSTCHECK_BENCH_ENTITIES` for another size), then prints the build time, the
//! analysis time of one provider (median over several), the time of the whole
//! registry's exposure table, and the peak memory of the process.

mod registry;

use std::hint::black_box;
use std::time::{Duration, Instant};

use trustcheck::jurisdiction::Jurisdictions;
use trustcheck::ownership::{analyse, exposure_table};

/// Peak resident memory so far (VmHWM), as Linux reports it.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{:.0} MiB", kib as f64 / 1024.0))
        })
        .unwrap_or_else(|| "unavailable".to_string())
}

fn millis(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let size = std::env::var("TRUSTCHECK_BENCH_ENTITIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let j = Jurisdictions::embedded();

    let start = Instant::now();
    let registry = registry::generate(size, 2026);
    println!(
        "registry: {} entities, {} holdings, built in {:.2} s (peak memory {})",
        registry.entities.len(),
        registry.holdings,
        start.elapsed().as_secs_f64(),
        peak_memory()
    );

    let mut times = Vec::new();
    for (provider, third_parties) in &registry.providers {
        let start = Instant::now();
        let analysis = analyse(&registry.entities, provider, third_parties, j);
        times.push(start.elapsed());
        println!(
            "  {provider}: {} holders, {} exposures, {}",
            analysis.holders.len(),
            analysis.exposure.len(),
            millis(times[times.len() - 1])
        );
        black_box(analysis);
    }
    times.sort();
    if let (Some(first), Some(last)) = (times.first(), times.last()) {
        println!(
            "one-provider analysis: median {} (min {}, max {}, {} providers; peak memory {})",
            millis(times[times.len() / 2]),
            millis(*first),
            millis(*last),
            times.len(),
            peak_memory()
        );
    }

    let start = Instant::now();
    let table = exposure_table(&registry.entities, j);
    let elapsed = start.elapsed();
    let chains: usize = table.iter().map(|(_, laws)| laws.len()).sum();
    println!(
        "exposure table: {} entities reached ({chains} law chains) in {:.2} s (peak memory {})",
        table.len(),
        elapsed.as_secs_f64(),
        peak_memory()
    );
}
