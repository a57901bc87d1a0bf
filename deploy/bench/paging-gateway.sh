#!/usr/bin/env bash
# Latency of GET /api/regions pages on a running gateway: the first page, and pages deep into the ids, each asked
# SAMPLES times one after another with curl (time_total: connect, request, whole body). Prints p50/p90/max per page.
#
#   deploy/bench/paging-gateway.sh [GATEWAY_URL]        (default http://127.0.0.1:5080)
#
# Settings by environment: SAMPLES=30  LIMIT=1000 (the API's default page)  AFTER=<id>  COLD_TIMEOUT=900 (seconds)
# Without AFTER the deep cursor is lt-<tag>-9 of the load tester's regions (`seed`/`scale` name them lt-<tag>-<n>):
# with 10^k of them, about 89 % of their ids sort before it.
#
# To measure a million regions, seed them first and start the gateway on the seeded store (see docs/benchmarks.md,
# "Gateway per-request costs"): the first request to a freshly started gateway waits for the footprint partitions to
# read their member lists and re-read their regions; the script waits up to COLD_TIMEOUT for it and reports how long.
set -euo pipefail

gateway=${1:-http://127.0.0.1:5080}
gateway=${gateway%/}
samples=${SAMPLES:-30}
limit=${LIMIT:-1000}
cold_timeout=${COLD_TIMEOUT:-900}

command -v jq >/dev/null || { echo "jq is not installed (apt-get install jq)" >&2; exit 2; }

started=$(date +%s.%N)
until status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$gateway/api/regions?limit=1") && [ "$status" = 200 ]; do
  waited=$(awk -v s="$started" -v n="$(date +%s.%N)" 'BEGIN { printf "%d", n - s }')
  (( waited < cold_timeout )) || { echo "GET $gateway/api/regions did not answer 200 within ${cold_timeout}s (last status $status)" >&2; exit 2; }
  sleep 1
done
echo "first answer after $(awk -v s="$started" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }') s of waiting"

after=${AFTER:-}
if [ -z "$after" ]; then
  # The first load-test id sorts after the catalog's few regions that start with a to k.
  first=$(curl -fsS "$gateway/api/regions?limit=5000" | jq -r '[.[].id | select(test("^lt-[a-z0-9]+-[0-9]+$"))][0] // empty')
  [ -n "$first" ] || { echo "no load-test region (lt-<tag>-<n>) among the first 5,000 ids; set AFTER" >&2; exit 2; }
  after=${first%-*}-9
fi

# Prints "p50 p90 max" in milliseconds of SAMPLES sequential GETs of $1, after one unmeasured GET; fails on an empty page.
measure() {
  local count
  count=$(curl -fsS "$1" | jq 'length')
  (( count > 0 )) || { echo "empty page: $1" >&2; exit 2; }
  for _ in $(seq 1 "$samples"); do
    curl -fsS -o /dev/null -w '%{time_total}\n' "$1"
  done | sort -n | awk -v n="$count" '{ t[NR] = $1 * 1000 } END {
    printf "| %d | %.2f | %.2f | %.2f |\n", n, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.999)], t[NR] }'
}

echo "$samples sequential GETs per page, after one unmeasured"
printf '| page | regions | p50 ms | p90 ms | max ms |\n|---|---|---|---|---|\n'
printf '| first, limit=%s ' "$limit"; measure "$gateway/api/regions?limit=$limit"
printf '| after=%s, limit=%s ' "$after" "$limit"; measure "$gateway/api/regions?limit=$limit&after=$after"
printf '| after=%s, limit=5000 ' "$after"; measure "$gateway/api/regions?limit=5000&after=$after"

# The footprint counts a partition's regions only once it has re-read them all, so right after a start it may not answer yet.
if footprint=$(curl -fsS --max-time 10 "$gateway/api/footprint" 2>/dev/null | jq -r '.regions'); then
  echo "footprint: $footprint regions"
else
  echo "footprint: not ready (the partitions are still re-reading their regions)"
fi
