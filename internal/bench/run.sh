#!/usr/bin/env bash
# Whole-process benchmarks of kpilint against the floor: a bare parse of
# the same files (bareparse: go.yaml.in/yaml/v3 into nodes for YAML,
# encoding/json into Go values for JSON, on as many workers as kpilint,
# GOGC 400 like kpilint) and `cue vet` on the same files and schema. For
# each size it measures, on one generated catalogue written as YAML and as
# JSON:
#
#   bare parse, kpilint lint, kpilint lint with the examples' policy,
#   kpilint audit (JSON), cue vet (YAML, up to CUE_SIZES)
#
# Runs alternate (bare, lint, policy, audit, cue, bare, …) so that a noisy
# machine hurts all alike; the tables report medians and ratios of medians
# from this one run. Then the pre-commit case: one changed file in a big
# catalogue, without the context cache (cold) and with it (warm).
#
#   bash internal/bench/run.sh [ROUNDS]          default 3 rounds; 1k to 300k KPIs
#   BIG=1 bash internal/bench/run.sh 3           adds 1M KPIs (the longer target), BIG_ROUNDS rounds of it (default 1)
#
# Environment: SIZES, POLICY_SIZES, CUE_SIZES, AUDIT_SIZES, PRECOMMIT_SIZES
# (lists of KPI counts) narrow the run; SMALL_REPS (default 7) is how many
# bare/lint pairs a round runs at 1,000 and 10,000 KPIs; OUT=DIR keeps table.md,
# points.tsv and BENCHMARKS.svg (the plot of time and peak RSS against
# size) there. Needs /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-3}"
SIZES="${SIZES-1000 10000 100000 300000}"
if [ "${BIG:-}" = 1 ]; then SIZES="$SIZES 1000000"; fi
POLICY_SIZES="${POLICY_SIZES-1000 10000 100000}"   # CUE evaluates each KPI: 1M would take an hour
CUE_SIZES="${CUE_SIZES-1000 10000 100000}"          # cue vet held 11 GB at 100k
AUDIT_SIZES="${AUDIT_SIZES-$SIZES}"
PRECOMMIT_SIZES="${PRECOMMIT_SIZES-10000 100000}"
WORK="$(mktemp -d)"
OUT="${OUT:-$WORK/out}"
mkdir -p "$OUT"
trap 'rm -rf "$WORK"' EXIT

go build -o "$WORK/kpilint" ./cmd/kpilint
go build -o "$WORK/bareparse" ./internal/bench/bareparse
go build -o "$WORK/plot" ./internal/bench/plot
GOBIN="$WORK" go install cuelang.org/go/cmd/cue@v0.17.1
"$WORK/kpilint" schema > "$WORK/schema.cue"
export KPILINT_CACHE=off # the whole-catalogue runs; the pre-commit case sets its own

# measure NAME DIR CMD...: one run, appending "seconds maxrss_kb" to
# $WORK/NAME. The time is bash's clock around the run (microseconds;
# /usr/bin/time's %e counts in 10 ms steps, a sixth of a 1k-KPI run), the
# peak RSS /usr/bin/time's.
measure() {
  local name=$1 dir=$2 start end; shift 2
  start=$EPOCHREALTIME
  ( cd "$dir" && /usr/bin/time -f "%M" -o "$WORK/t" "$@" >/dev/null 2>&1 ) || true
  end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" '/^[0-9]/ {rss = $1} END {printf "%.4f %s\n", e - s, rss}' "$WORK/t" >> "$WORK/$name"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print ""; else print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# col N NAME: column N of the measurements (time -o also writes a "Command
# exited with non-zero status" line when kpilint finds problems: skipped).
col() { [ -f "$WORK/$2" ] && awk -v c="$1" '/^[0-9]/ {print $c}' "$WORK/$2" || true; }
in_list() { local x=$1; shift; for y in "$@"; do [ "$x" = "$y" ] && return 0; done; return 1; }
point() { [ -n "$3" ] && printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$OUT/points.tsv" || true; }

: > "$OUT/points.tsv"
{
echo "| KPIs | format | bare parse | lint | lint ÷ bare | with policy | ÷ bare | audit | audit ÷ lint | lint peak RSS | audit peak RSS | lint per KPI | RSS per KPI | cue vet | cue vet peak RSS |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$OUT/table.md"
for n in $SIZES; do
  files=$(( n / 50 ))
  rounds="$ROUNDS"; [ "$n" -ge 1000000 ] && rounds="${BIG_ROUNDS:-1}"
  for format in yaml json; do
    dir="$WORK/$format$n"
    flag=""; [ "$format" = json ] && flag="-json"
    go run ./internal/bench/kpigen -kpis "$n" -files "$files" $flag -out "$dir"
    cp examples/policy/acme.cue "$dir/acme.cue"
    k="$format$n"
    # A run of 1,000 or 10,000 KPIs takes 20-150 ms, where the machine's
    # noise is a few milliseconds: the bare parse and lint alternate
    # SMALL_REPS times a round there, so that their medians are of 21 runs
    # (3 rounds), not 3.
    reps=1; [ "$n" -le 10000 ] && reps="${SMALL_REPS:-7}"
    for _ in $(seq "$rounds"); do
      for _ in $(seq "$reps"); do
        measure "bare$k" "$dir" env GOGC=400 "$WORK/bareparse" .
        measure "lint$k" "$dir" "$WORK/kpilint" lint --format json -o "$WORK/out.json" .
      done
      if [ "$format" = yaml ] && in_list "$n" $POLICY_SIZES; then
        measure "policy$k" "$dir" sh -c "printf 'policy: [\"acme.cue\"]\n' > kpilint.yaml && '$WORK/kpilint' lint --format json -o '$WORK/out.json' .; rm -f kpilint.yaml"
      fi
      if [ "$format" = yaml ] && in_list "$n" $AUDIT_SIZES; then
        measure "audit$k" "$dir" "$WORK/kpilint" audit --format json -o "$WORK/audit.json" .
      fi
      if [ "$format" = yaml ] && in_list "$n" $CUE_SIZES; then
        measure "cue$k" "$dir" sh -c "'$WORK/cue' vet -d '#File' '$WORK/schema.cue' *.kpi.yaml"
      fi
    done
    bare=$(col 1 "bare$k" | median); bare_rss=$(col 2 "bare$k" | median)
    lint=$(col 1 "lint$k" | median); rss=$(col 2 "lint$k" | median)
    policy=$(col 1 "policy$k" | median); audit=$(col 1 "audit$k" | median); audit_rss=$(col 2 "audit$k" | median)
    cue=$(col 1 "cue$k" | median); cue_rss=$(col 2 "cue$k" | median)
    point "bare parse ($format)" "$n" "$bare" "$bare_rss"
    point "kpilint lint ($format)" "$n" "$lint" "$rss"
    point "kpilint lint + policy" "$n" "$policy" "$(col 2 "policy$k" | median)"
    point "kpilint audit" "$n" "$audit" "$audit_rss"
    point "cue vet" "$n" "$cue" "$cue_rss"
    awk -v n="$n" -v f="$format" -v b="$bare" -v l="$lint" -v r="$rss" -v p="$policy" -v a="$audit" -v ar="$audit_rss" -v c="$cue" -v cr="$cue_rss" '
      function s(x) { return x == "" ? "–" : sprintf(x < 1 ? "%.3f s" : "%.2f s", x) }
      function q(x, y) { return (x == "" || y == "" || y == 0) ? "–" : sprintf("%.2f×", x / y) }
      function mb(x) { return x == "" ? "–" : sprintf("%d MB", x / 1024) }
      BEGIN {
        printf "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.1f µs | %d B | %s | %s |\n",
          n, f, s(b), s(l), q(l, b), s(p), q(p, b), s(a), q(a, l), mb(r), mb(ar), l / n * 1e6, r * 1024 / n, s(c), mb(cr)
      }' >> "$OUT/table.md"
    rm -rf "$dir"
  done
done

{
echo
echo "| pre-commit: lint one file of | cold (no context cache) | warm (context cache) | peak RSS (warm) |"
echo "|---|---:|---:|---:|"
} >> "$OUT/table.md"
for n in $PRECOMMIT_SIZES; do
  dir="$WORK/precommit$n"
  go run ./internal/bench/kpigen -kpis "$n" -files $(( n / 50 + 1 )) -out "$dir"
  sleep 3 # a repository's files are older than the pack's racy window (2 s)
  export KPILINT_CACHE="$WORK/context-cache$n"
  ( cd "$dir" && "$WORK/kpilint" lint kpis-00001.kpi.yaml >/dev/null 2>&1 ) || true   # fills the cache
  for _ in $(seq "$ROUNDS"); do
    measure "cold$n" "$dir" env KPILINT_CACHE=off "$WORK/kpilint" lint kpis-00001.kpi.yaml
    measure "warm$n" "$dir" "$WORK/kpilint" lint kpis-00001.kpi.yaml
  done
  awk -v n="$n" -v c="$(col 1 "cold$n" | median)" -v w="$(col 1 "warm$n" | median)" -v r="$(col 2 "warm$n" | median)" \
    'BEGIN {printf "| a %d-KPI catalogue | %.0f ms | %.0f ms | %d MB |\n", n, c*1000, w*1000, r/1024}' >> "$OUT/table.md"
  rm -rf "$dir"
done

"$WORK/plot" < "$OUT/points.tsv" > "$OUT/BENCHMARKS.svg"
cat "$OUT/table.md"
echo
echo "plot: $OUT/BENCHMARKS.svg (points: $OUT/points.tsv)"
