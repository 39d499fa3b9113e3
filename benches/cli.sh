#!/usr/bin/env bash
# Whole-process figures for trustcheck, on a release build:
#   - cold start: `assess` of one example with every embedded pack (median wall time);
#   - peak memory of that run and of a 2,000-file folder run (/usr/bin/time -v).
# Needs hyperfine (Debian package `hyperfine`) and GNU time (package `time`).
# Usage: benches/cli.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/trustcheck
example=examples/eu-native-qualified.yaml

echo "== cold start: assess $example (all embedded packs)"
hyperfine --warmup 5 --runs 50 --style basic -N \
  "$bin assess $example --as-of 2026-11-01 --format json" \
  "$bin validate $example" \
  "$bin --version"

if [ -x /usr/bin/time ]; then
  echo "== peak memory, one file"
  /usr/bin/time -v "$bin" assess "$example" --as-of 2026-11-01 --format json 2>&1 >/dev/null \
    | grep -E "Maximum resident|Elapsed"
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  for i in $(seq 1 2000); do cp examples/us-hyperscaler-region.yaml "$dir/p$i.yaml"; done
  echo "== peak memory and time, 2,000 files in one process"
  /usr/bin/time -v "$bin" assess "$dir" --as-of 2026-11-01 --format json 2>&1 >/dev/null \
    | grep -E "Maximum resident|Elapsed" || true
fi
