#!/usr/bin/env bash
# Whole-process comparison of kpilint with the floor (a bare parse of the
# same files with the same YAML library, bareparse, given the same garbage
# collector settings kpilint gives itself), with a stricter floor (the
# library's scanner and parser alone, producing events and no tree:
# bareparse -events) and with `cue vet` on the same files and schema. Runs
# alternate (bare, events, kpilint, cue, bare, …) so a noisy machine hurts
# all alike; the table reports medians and the ratios of medians from this
# one run.
#
#   bash internal/bench/run.sh [ROUNDS]      (default 5; needs /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-5}"
CUE_SIZES="${CUE_SIZES:-10000 100000}"
SIZES="${SIZES-1000 10000 100000}"   # SIZES= runs only the pre-commit case
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

go build -o "$WORK/kpilint" ./cmd/kpilint
go build -o "$WORK/bareparse" ./internal/bench/bareparse
GOBIN="$WORK" go install cuelang.org/go/cmd/cue@v0.17.1
"$WORK/kpilint" schema > "$WORK/schema.cue"

# measure NAME DIR CMD...: one run, appending "seconds maxrss_kb" to $WORK/NAME.
measure() {
  local name=$1 dir=$2; shift 2
  ( cd "$dir" && /usr/bin/time -f "%e %M" -o "$WORK/t" "$@" >/dev/null 2>&1 ) || true
  cat "$WORK/t" >> "$WORK/$name"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# col N NAME: column N of the measurements (time -o also writes a "Command
# exited with non-zero status" line when kpilint finds problems: skipped).
col() { awk -v c="$1" '/^[0-9]/ {print $c}' "$WORK/$2"; }

echo "| KPIs | files | bare parse | kpilint lint | ratio | events only | kpilint ÷ events | kpilint peak RSS | cue vet | cue vet peak RSS | cue vet ÷ kpilint | per-KPI time |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  files=$(( n / 50 ))
  dir="$WORK/cat$n"
  go run ./internal/bench/kpigen -kpis "$n" -files "$files" -out "$dir"
  runcue=no
  for c in $CUE_SIZES; do [ "$c" = "$n" ] && runcue=yes; done
  for _ in $(seq "$ROUNDS"); do
    measure "bare$n" "$dir" env GOGC=400 GOMEMLIMIT=128MiB "$WORK/bareparse" .
    measure "events$n" "$dir" env GOGC=400 GOMEMLIMIT=128MiB "$WORK/bareparse" -events .
    measure "lint$n" "$dir" "$WORK/kpilint" lint --format json -o "$WORK/out.json" .
    if [ "$runcue" = yes ]; then
      measure "cue$n" "$dir" sh -c "'$WORK/cue' vet -d '#File' '$WORK/schema.cue' *.kpi.yaml"
    fi
  done
  bare=$(col 1 "bare$n" | median); events=$(col 1 "events$n" | median); lint=$(col 1 "lint$n" | median); rss=$(col 2 "lint$n" | median)
  cue="–"; cuerss="–"; cueratio="–"
  if [ "$runcue" = yes ]; then
    cue=$(col 1 "cue$n" | median); cuerss=$(col 2 "cue$n" | median)
    cueratio=$(awk -v a="$cue" -v b="$lint" 'BEGIN {printf "%.1f×", a/b}')
    cue="${cue} s"; cuerss="$((cuerss / 1024)) MB"
  fi
  awk -v n="$n" -v f="$files" -v b="$bare" -v e="$events" -v l="$lint" -v r="$rss" -v c="$cue" -v cr="$cuerss" -v x="$cueratio" \
    'BEGIN {printf "| %d | %d | %.2f s | %.2f s | %.2f× | %.2f s | %.2f× | %d MB | %s | %s | %s | %.1f µs |\n", n, f, b, l, l/b, e, l/e, r/1024, c, cr, x, l/n*1e6}'
done

echo
echo "| pre-commit: lint one file of | cold (no context cache) | warm (context cache) | peak RSS (warm) |"
echo "|---|---:|---:|---:|"
export KPILINT_CACHE="$WORK/context-cache"
for n in 100 10000; do
  dir="$WORK/precommit-catalogue$n"
  go run ./internal/bench/kpigen -kpis "$n" -files $(( n / 50 + 1 )) -out "$dir"
  ( cd "$dir" && "$WORK/kpilint" lint kpis-00001.kpi.yaml >/dev/null 2>&1 ) || true   # fills the cache
  for _ in $(seq "$ROUNDS"); do
    measure "cold$n" "$dir" env KPILINT_CACHE=off "$WORK/kpilint" lint kpis-00001.kpi.yaml
    measure "warm$n" "$dir" "$WORK/kpilint" lint kpis-00001.kpi.yaml
  done
  awk -v n="$n" -v c="$(col 1 "cold$n" | median)" -v w="$(col 1 "warm$n" | median)" -v r="$(col 2 "warm$n" | median)" \
    'BEGIN {printf "| a %d-KPI catalogue | %.0f ms | %.0f ms | %d MB |\n", n, c*1000, w*1000, r/1024}'
done
