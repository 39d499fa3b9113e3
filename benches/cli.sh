#!/usr/bin/env bash
# Whole-command figures for trustcheck, as users run it, on a release build.
#
#   benches/cli.sh [COUNTS...]        default: 1 1000 10000 100000
#
# For each corpus of generated provider files (`cargo bench --bench batch -- generate`),
# times `trustcheck assess DIR` with `--format json`, `jsonl` and `table` written to a
# pipe, and `--format jsonl` with `--output json=FILE`, and prints one Markdown row
# each: wall time, CPU time (user + system), peak memory (maximum resident set) and
# files per second. It also gives the one-file start-up time (median of 30 runs).
# Needs GNU time (/usr/bin/time, Debian package `time`) and python3 for the median.
# The 100,000-file corpus takes about 400 MB of disk.
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 1000 10000 100000)
[ -x /usr/bin/time ] || { echo "benches/cli.sh needs GNU time (/usr/bin/time)" >&2; exit 2; }

cargo build --release --quiet
bin=$PWD/target/release/trustcheck
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
as_of=(--as-of 2026-11-01)

echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u +%Y-%m-%d)"
echo "binary: $(stat -c %s "$bin") bytes"

echo
echo "one file, start-up: median of 30 runs of \`assess examples/eu-native-qualified.yaml --format json\`"
python3 - "$bin" <<'PY'
import statistics, subprocess, sys, time
runs = []
for _ in range(30):
    start = time.perf_counter()
    subprocess.run([sys.argv[1], "assess", "examples/eu-native-qualified.yaml",
                    "--as-of", "2026-11-01", "--format", "json"], stdout=subprocess.DEVNULL)
    runs.append(time.perf_counter() - start)
print(f"{statistics.median(runs) * 1000:.2f} ms (min {min(runs) * 1000:.2f} ms)")
PY

echo
echo "| files | command | wall (s) | CPU (s) | peak memory (MiB) | files/s | output (bytes) |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
for count in "${counts[@]}"; do
  corpus=$work/c$count
  cargo bench --quiet --bench batch -- generate "$count" "$corpus" >/dev/null
  run() { # label, then the arguments after `assess DIR`
    local label=$1
    shift
    local bytes
    bytes=$( (/usr/bin/time -o "$work/time" -f "%e %U %S %M" "$bin" assess "$corpus" "${as_of[@]}" "$@" || true) | wc -c)
    # GNU time writes "Command exited with non-zero status N" first when the exit is not 0.
    read -r wall user sys kib < <(tail -n 1 "$work/time")
    [ -f "$work/report.json" ] && bytes="$bytes + $(stat -c %s "$work/report.json")"
    python3 -c "
w, c, m = $wall, $user + $sys, $kib / 1024
print(f'| $count | $label | {w:.2f} | {c:.2f} | {m:.1f} | {$count / max(w, 0.005):,.0f} | $bytes |')"
    rm -f "$work/report.json"
  }
  run "json, to a pipe" --format json
  run "jsonl, to a pipe" --format jsonl
  run "table, to a pipe" --format table
  run "jsonl + --output json=FILE" --format jsonl --output "json=$work/report.json"
  rm -rf "$corpus"
done
