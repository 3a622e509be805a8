#!/usr/bin/env bash
# Reproduce bench/README.md: generate national-x10, time it, size it, rebuild the index, time
# `terroir check`, run the search benchmark. Usage: bench/run.sh [SCALE]   (default national-x10)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-national-x10}
out=bench/out/$scale
rm -rf "$out" && mkdir -p "$out"
cargo build --release -p terroir-cli -p terroir-bench
T=./target/release/terroir
db=$out/terroir.db
$T --db "$db" init >/dev/null
/usr/bin/time -f '%e s elapsed, %M KB max RSS' -o "$out/gen.time" $T --db "$db" --json gen --scale "$scale" > "$out/gen.json"
echo "generation: $(cat "$out/gen.time")"
echo "workspace size: $(du -sh "$out" | cut -f1) ($(stat -c %s "$db") bytes database)"
/usr/bin/time -f '%e s elapsed, %M KB max RSS' -o "$out/reindex.time" $T --db "$db" --json reindex > "$out/reindex.json"
echo "index rebuild: $(cat "$out/reindex.time")"
# terroir check: integrity, audit chain, files, and every record read again by today's rules.
/usr/bin/time -f '%e s elapsed, %M KB max RSS' -o "$out/check.time" $T --db "$db" --json check > "$out/check.json" || true
echo "check: $(cat "$out/check.time"), $(grep -o '"refused_total": [0-9]*' "$out/check.json")"
./target/release/search-bench "$db" --out "$out/search.json"
./target/release/cases-bench "$db" --out "$out/cases.json"
./target/release/plan-bench "$db" --out "$out/plan.json"
# The yearly report for the country as a whole process: time and peak memory.
/usr/bin/time -f '%e s elapsed, %M KB max RSS' -o "$out/report.time" $T --db "$db" report annual --year 2026 -o "$out/report.pdf" >/dev/null
echo "report annual (country, PDF): $(cat "$out/report.time")"
