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
#
# COMPARE_URL=http://127.0.0.1:5192 compares with a second gateway instead (e.g. one exporting traces over OTLP and
# one with tracing off): no baseline server is started, and side B is GET $COMPARE_URL/api/regions/$REGION.
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
side_a="$gateway/api/regions/$region"
if [ -n "${COMPARE_URL:-}" ]; then
  side_b="${COMPARE_URL%/}/api/regions/$region"
  names=("gateway A" "gateway B" "A / B")
  curl -fsS -o /dev/null "$side_b" || { echo "The gateway at $COMPARE_URL does not answer GET /api/regions/$region" >&2; exit 2; }
else
  side_b="$baseline/baseline/regions/$region"
  names=("gateway" "bare Kestrel" "gateway / bare Kestrel")
  [ -f "$loadtest" ] || dotnet build "$root/src/RegionGrains.LoadTest" -c Release -v quiet -nologo >&2
  dotnet "$loadtest" baseline-server --url "$baseline" --body-from "$side_a" >&2 &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$side_b" 2>/dev/null && break
    kill -0 $server 2>/dev/null || { echo "baseline-server exited" >&2; exit 2; }
    sleep 0.1
  done
fi

echo "${names[0]}: $side_a ($(curl -fsS "$side_a" | wc -c) bytes)"
echo "${names[1]}: $side_b ($(curl -fsS "$side_b" | wc -c) bytes)"
echo "wrk -t$threads -c$connections -d$duration, $rounds rounds after ${warmup} of warmup each"

rps() {
  wrk -t"$threads" -c"$connections" -d"$1" "$2" | awk '/^Requests\/sec:/ { print $2 }'
}

rps "$warmup" "$side_a" >/dev/null
rps "$warmup" "$side_b" >/dev/null

printf '| round | %s rps | %s rps | ratio |\n|---|---|---|---|\n' "${names[0]}" "${names[1]}"
ratios=()
for round in $(seq 1 "$rounds"); do
  if (( round % 2 == 1 )); then
    g=$(rps "$duration" "$side_a"); b=$(rps "$duration" "$side_b")
  else
    b=$(rps "$duration" "$side_b"); g=$(rps "$duration" "$side_a")
  fi
  ratio=$(awk -v g="$g" -v b="$b" 'BEGIN { printf "%.3f", g / b }')
  ratios+=("$ratio")
  printf '| %s | %s | %s | %s |\n' "$round" "$g" "$b" "$ratio"
done

median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
echo "median ratio ${names[2]}: $median"
