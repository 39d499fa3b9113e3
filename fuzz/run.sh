#!/usr/bin/env bash
# Runs one fuzz target with libFuzzer on the stable toolchain (no cargo-fuzz, no
# nightly): the target is built with coverage instrumentation, seeded with the
# shipped examples and the kept regression inputs, and run for SECONDS.
#
# Usage: fuzz/run.sh TARGET [SECONDS]     TARGET: provider | rule_pack | assess
#
# A crash is written to fuzz/artifacts/TARGET/; copy it to
# tests/fuzz-regressions/TARGET/ so that `cargo test` replays it forever.
# The last lines printed give the number of executions (stat::number_of_executed_units).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-600}
case $target in provider | rule_pack | assess) ;; *)
  echo "unknown target '$target': provider, rule_pack or assess" >&2
  exit 2
  ;;
esac

export RUSTFLAGS="--cfg fuzzing -Cdebug-assertions -Coverflow-checks \
  -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
  -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares"
# With an explicit --target, RUSTFLAGS reach the fuzzed code only, not build scripts.
host=$(rustc -vV | sed -n 's/^host: //p')
cargo build --locked --release --target "$host" --bin "$target"

corpus=corpus/$target
artifacts=artifacts/$target
mkdir -p "$corpus" "$artifacts"
# Seeds: the kept inputs of this target and, for provider files, the examples.
cp -n ../tests/fuzz-regressions/"$target"/* "$corpus"/ 2>/dev/null || true
if [ "$target" != rule_pack ]; then
  for f in ../examples/*.yaml; do cp -n "$f" "$corpus/example-$(basename "$f")"; done
fi

exec target/"$host"/release/"$target" "$corpus" \
  -artifact_prefix="$artifacts/" -max_total_time="$seconds" -max_len=65536 \
  -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
