#!/usr/bin/env bash
# GET /api/regions/{id} on a running gateway against a bare Kestrel endpoint serving the same JSON body, with
# Debian's wrk as the independent load generator: rounds alternate which side goes first (G B, B G, ...), and the
# script prints each round's requests/s and the median ratio gateway / bare Kestrel.
#
#   deploy/bench/wrk-gateway.sh [GATEWAY_URL]        (default http://127.0.0.1:5080)
#
# Works with the embedded gateway (dotnet run -c Release --project src/RegionGrains.Gateway) and with the client-mode
# gateway of deploy/local/cluster.sh (http://localhost:5080). Settings by environment:
#   REGION=br-sao-paulo  ROUNDS=6  DURATION=8s  WARMUP=5s  CONNECTIONS=64  THREADS=2  BASELINE_URL=http://127.0.0.1:5182
# The bare endpoint is the load tester's `baseline-server` (built in Release here if it is not yet).
set -euo pipefail

gateway=${1:-http://127.0.0.1:5080}
gateway=${gateway%/}
region=${REGION:-br-sao-paulo}
rounds=${ROUNDS:-6}
duration=${DURATION:-8s}
warmup=${WARMUP:-5s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
baseline=${BASELINE_URL:-http://127.0.0.1:5182}
root=$(cd "$(dirname "$0")/../.." && pwd)
loadtest=$root/src/RegionGrains.LoadTest/bin/Release/net10.0/RegionGrains.LoadTest.dll

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
curl -fsS -o /dev/null "$gateway/api/regions/$region" || { echo "The gateway at $gateway does not answer GET /api/regions/$region" >&2; exit 2; }
[ -f "$loadtest" ] || dotnet build "$root/src/RegionGrains.LoadTest" -c Release -v quiet -nologo >&2

dotnet "$loadtest" baseline-server --url "$baseline" --body-from "$gateway/api/regions/$region" >&2 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$baseline/baseline/regions/$region" 2>/dev/null && break
  kill -0 $server 2>/dev/null || { echo "baseline-server exited" >&2; exit 2; }
  sleep 0.1
done

gateway_bytes=$(curl -fsS "$gateway/api/regions/$region" | wc -c)
baseline_bytes=$(curl -fsS "$baseline/baseline/regions/$region" | wc -c)
echo "gateway  $gateway/api/regions/$region ($gateway_bytes bytes)"
echo "baseline $baseline/baseline/regions/$region ($baseline_bytes bytes)"
echo "wrk -t$threads -c$connections -d$duration, $rounds rounds after ${warmup} of warmup each"

rps() {
  wrk -t"$threads" -c"$connections" -d"$1" "$2" | awk '/^Requests\/sec:/ { print $2 }'
}

rps "$warmup" "$gateway/api/regions/$region" >/dev/null
rps "$warmup" "$baseline/baseline/regions/$region" >/dev/null

printf '| round | gateway rps | bare Kestrel rps | ratio |\n|---|---|---|---|\n'
ratios=()
for round in $(seq 1 "$rounds"); do
  if (( round % 2 == 1 )); then
    g=$(rps "$duration" "$gateway/api/regions/$region"); b=$(rps "$duration" "$baseline/baseline/regions/$region")
  else
    b=$(rps "$duration" "$baseline/baseline/regions/$region"); g=$(rps "$duration" "$gateway/api/regions/$region")
  fi
  ratio=$(awk -v g="$g" -v b="$b" 'BEGIN { printf "%.3f", g / b }')
  ratios+=("$ratio")
  printf '| %s | %s | %s | %s |\n' "$round" "$g" "$b" "$ratio"
done

median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
echo "median ratio gateway / bare Kestrel: $median"
