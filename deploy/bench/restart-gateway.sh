#!/usr/bin/env bash
# How long an embedded gateway takes, after a restart, to answer a correct GET /api/footprint and a correct first
# list page: the time from the restarted process answering /health/ready 200 to the first answer equal to the one
# recorded before the stop. The footprint must also not say it is incomplete (`complete` false; a build without
# that field is taken at its word).
#
#   deploy/bench/restart-gateway.sh clean|kill [GATEWAY_BIN_DIR]
#
# GATEWAY_BIN_DIR holds RegionGrains.Gateway.dll (default src/RegionGrains.Gateway/bin/Release/net10.0), so an older
# build can be measured beside this one. Settings by environment:
#   DATA=<dir>        data directory (default: a new one under /tmp, kept for the next run)
#   REGIONS=N         regions to create first through POST /api/regions:batch (the load tester's bulk command) when
#                     the footprint holds fewer; 0 to create none (default 0)
#   URL=http://127.0.0.1:5197   TIMEOUT=1800 (seconds to wait for each correct answer)
#   LT=<load tester command>    (default: the Release build's dll)
# The data directory keeps the regions: run clean, then kill, on the same DATA. Delete it after.
set -euo pipefail

mode=${1:?usage: restart-gateway.sh clean|kill [GATEWAY_BIN_DIR]}
[[ $mode == clean || $mode == kill ]] || { echo "the first argument is clean or kill, not '$mode'" >&2; exit 2; }
bin=$(cd "${2:-src/RegionGrains.Gateway/bin/Release/net10.0}" && pwd)
[ -f "$bin/RegionGrains.Gateway.dll" ] || { echo "no RegionGrains.Gateway.dll in $bin (build it in Release first)" >&2; exit 2; }
data=${DATA:-$(mktemp -d /tmp/restart-bench.XXXXXX)}
url=${URL:-http://127.0.0.1:5197}
timeout=${TIMEOUT:-1800}
regions=${REGIONS:-0}
lt=${LT:-dotnet src/RegionGrains.LoadTest/bin/Release/net10.0/RegionGrains.LoadTest.dll}
command -v jq >/dev/null || { echo "jq is not installed (apt-get install jq)" >&2; exit 2; }
log=$data.gateway.log
pid=

now() { date +%s.%N; }
since() { awk -v s="$1" -v n="$(now)" 'BEGIN { printf "%.2f", n - s }'; }

start_gateway() {
  (cd "$bin" && exec env RegionGrains__Dashboard__Enabled=false RegionGrains__DataDirectory="$data" \
    RegionGrains__ClusterId=restart-bench dotnet RegionGrains.Gateway.dll --urls "$url") >>"$log" 2>&1 &
  pid=$!
}

# Waits until $1 answers 200; fails after $2 seconds or when the gateway exits.
wait_ok() {
  local deadline=$(( $(date +%s) + $2 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$1")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the gateway exited (log: $log)" >&2; exit 2; }
    (( $(date +%s) < deadline )) || { echo "$1 did not answer 200 within $2 s" >&2; exit 2; }
    sleep 0.1
  done
}

# The footprint without what changes by itself (when it was computed) or says how complete it is.
footprint() { curl -fsS --max-time 60 "$url/api/footprint" | jq -S 'del(.computedAt, .complete, .unconfirmedRegions)'; }
complete() { curl -fsS --max-time 60 "$url/api/footprint" | jq -e '.complete != false' >/dev/null; }
first_page() { curl -fsS --max-time 60 "$url/api/regions?limit=1000"; }

trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true' EXIT

start_gateway
wait_ok "$url/health/ready" 600
held=$(curl -fsS "$url/api/footprint" | jq '.regions')
if (( regions > held )); then
  echo "creating $regions regions through POST /api/regions:batch"
  $lt bulk --url "$url" --regions "$regions" --put-regions 0 --rounds 1 >/dev/null
fi

# The reference: the footprint once two reads a second apart agree and it says it is complete, and the first page.
until complete && a=$(footprint) && sleep 1 && [ "$a" = "$(footprint)" ]; do sleep 1; done
expected=$a
expected_page=$(first_page)
echo "before the stop: $(jq '.regions' <<<"$expected") regions, first page of $(jq 'length' <<<"$expected_page")"

stopped=$(now)
if [ "$mode" = clean ]; then
  kill -TERM "$pid"
else
  kill -9 "$pid"
fi
wait "$pid" 2>/dev/null || true
echo "stopped ($mode) in $(since "$stopped") s"

started=$(now)
start_gateway
wait_ok "$url/health/ready" 600
ready=$(now)
echo "ready $(since "$started") s after the process started"

# Both answers are polled at once, each on its own, so that one that waits does not delay the other.
(
  until [ "$(first_page 2>/dev/null)" = "$expected_page" ]; do
    awk -v s="$ready" -v n="$(now)" -v t="$timeout" 'BEGIN { exit !(n - s > t) }' && { echo "list page: not correct within $timeout s"; exit 1; }
    sleep 0.1
  done
  echo "first correct list page $(since "$ready") s after ready"
) &
pages=$!
correct=
until complete 2>/dev/null && [ "$(footprint 2>/dev/null)" = "$expected" ] && correct=yes; do
  awk -v s="$ready" -v n="$(now)" -v t="$timeout" 'BEGIN { exit !(n - s > t) }' && break
  sleep 0.1
done
if [ -n "$correct" ]; then
  echo "first correct footprint $(since "$ready") s after ready ($(jq '.regions' <<<"$expected") regions)"
else
  echo "footprint: not correct within $timeout s"
fi
wait "$pages" || true
echo "data directory: $data ($(du -sh "$data" | cut -f1))"
