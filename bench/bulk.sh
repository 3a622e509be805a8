#!/usr/bin/env bash
# Time one binary's bulk work on a generated workspace: `gen` and `reindex` (wall time and peak
# RSS), the database's size, then `search-bench` (latency and brute-force agreement). Run it
# for two binaries in turn to compare them on the same machine (bench/README.md).
# Usage: bench/bulk.sh NAME TERROIR_BINARY SEARCH_BENCH_BINARY [SCALE [GEN_FLAG...]]
#   SCALE defaults to national-x10; GEN_FLAG is passed to `gen`, e.g. --catalogue-only (the
#   275,000-record baseline the bulk table in bench/README.md compares against).
set -euo pipefail
name=$1 T=$2 S=$3 scale=${4:-national-x10}
shift $(( $# < 4 ? $# : 4 ))
out=bench/out/bulk/$name-$scale
rm -rf "$out" && mkdir -p "$out"
db=$out/terroir.db
"$T" --db "$db" init >/dev/null
/usr/bin/time -f '%e s %M KB' -o "$out/gen.time" "$T" --db "$db" --json gen --scale "$scale" "$@" >/dev/null
size=$(stat -c %s "$db")
/usr/bin/time -f '%e s %M KB' -o "$out/reindex.time" "$T" --db "$db" --json reindex >/dev/null
"$S" "$db" --out "$out/search.json" > "$out/search.txt"
echo "$name $scale: gen $(cat "$out/gen.time") | size $size bytes | reindex $(cat "$out/reindex.time")"
tail -n 12 "$out/search.txt"
