//! Ownership analysis, two ways:
//! - `graphs`: adversarial graphs (a chain of companies, a dense graph with cycles;
//!   see [`corpora`]) written as files and timed through the `trustcheck` binary,
//!   `assess FILE --format json` and `ownership FILE`, wall time and peak memory
//!   (`/usr/bin/time`), each bounded by `TRUSTCHECK_BENCH_TIMEOUT` seconds (default
//!   60) and `TRUSTCHECK_BENCH_MEMORY_MIB` of address space (default 4096), so that
//!   a size today's resolution cannot handle is reported, not waited for. Sizes:
//!   `TRUSTCHECK_BENCH_GRAPHS`, as `chain:1000,dense:10000` (default: chains of
//!   1,000, 4,000 and 100,000, dense graphs of 1,000 and 10,000);
//! - `registry`: the scale of a national corporate register: builds a synthetic
//!   registry (by default 1,000,000 entities; set `TRUSTCHECK_BENCH_ENTITIES` for
//!   another size), then prints the build time, the analysis time of one provider
//!   (median over several), the time of the whole registry's exposure table, and
//!   the peak memory of the process.
//!
//! `cargo bench --bench ownership -- graphs` (or `registry`) runs one; no argument
//! runs both.

mod corpora;
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
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let runs = |name: &str| wanted.is_empty() || wanted.iter().any(|w| w == name);
    if runs("graphs") {
        graphs();
    }
    if runs("registry") {
        national_registry();
    }
}

/// Reads a number from the environment, or `default`.
fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The graphs to time, from `TRUSTCHECK_BENCH_GRAPHS` or the default list.
fn graph_sizes() -> Vec<(corpora::Shape, usize)> {
    let list = std::env::var("TRUSTCHECK_BENCH_GRAPHS")
        .unwrap_or_else(|_| "chain:1000,chain:4000,chain:100000,dense:1000,dense:10000".into());
    list.split(',')
        .filter_map(|item| {
            let (shape, n) = item.trim().split_once(':')?;
            let shape = match shape {
                "chain" => corpora::Shape::Chain,
                "dense" => corpora::Shape::Dense,
                _ => return None,
            };
            Some((shape, n.parse().ok()?))
        })
        .collect()
}

/// Times `assess` and `ownership` on each generated graph.
fn graphs() {
    let timeout = setting("TRUSTCHECK_BENCH_TIMEOUT", 60);
    let memory_mib = setting("TRUSTCHECK_BENCH_MEMORY_MIB", 4096);
    let Ok(dir) = tempfile::tempdir() else {
        println!("graphs: cannot create a temporary folder");
        return;
    };
    println!("graphs: each run bounded to {timeout} s and {memory_mib} MiB of address space");
    for (shape, n) in graph_sizes() {
        let (provider, registry, holdings) = match corpora::write(dir.path(), shape, n) {
            Ok(written) => written,
            Err(e) => {
                println!("  {} {n}: cannot be written: {e}", shape.name());
                continue;
            }
        };
        let file = provider.display().to_string();
        let entities = registry.display().to_string();
        let assess = [
            "assess",
            &file,
            "--entities",
            &entities,
            "--format",
            "json",
            "--as-of",
            "2026-11-01",
        ];
        let ownership = ["ownership", &file, "--entities", &entities];
        for (command, args) in [("assess", &assess[..]), ("ownership", &ownership[..])] {
            let outcome = timed(dir.path(), args, timeout, memory_mib);
            println!(
                "  {} of {n} entities ({holdings} holdings), {command}: {outcome}",
                shape.name()
            );
        }
    }
}

/// Runs the binary with `args`, bounded in time and memory: its wall time, peak
/// resident memory, output size and exit code, or why it did not finish.
fn timed(dir: &std::path::Path, args: &[&str], timeout: u64, memory_mib: u64) -> String {
    let measures = dir.join("time.txt");
    let output = dir.join("out.txt");
    let Ok(out) = std::fs::File::create(&output) else {
        return "cannot create the output file".into();
    };
    // `ulimit -v` bounds the address space; `timeout` kills the run; `time` reports.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v "$1"; shift; exec timeout -s KILL "$@""#)
        .arg("sh")
        .arg((memory_mib * 1024).to_string())
        .arg(timeout.to_string())
        .arg("/usr/bin/time")
        .arg("-o")
        .arg(&measures)
        .args(["-f", "%e s, peak %M KiB"])
        .arg(env!("CARGO_BIN_EXE_trustcheck"))
        .args(args)
        .stdout(out)
        .stderr(std::process::Stdio::null())
        .status();
    let size = std::fs::metadata(&output).map_or(0, |m| m.len());
    let measured = std::fs::read_to_string(&measures).unwrap_or_default();
    let last = measured.lines().last().unwrap_or("").to_string();
    match status {
        Ok(s) if s.code() == Some(137) || s.code().is_none() => {
            format!("did not finish within {timeout} s")
        }
        Ok(s) if s.code().is_some_and(|c| c > 3) => {
            format!(
                "failed (exit {:?}; out of memory at {memory_mib} MiB?) {last}",
                s.code()
            )
        }
        Ok(s) => format!(
            "{last}, {size} bytes of output, exit {:?}",
            s.code().unwrap_or(-1)
        ),
        Err(e) => format!("cannot run: {e}"),
    }
}

/// The national-register benchmark (see the module documentation).
fn national_registry() {
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
