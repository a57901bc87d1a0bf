#!/usr/bin/env bash
# What exporting traces over OTLP costs the gateway: two embedded Release gateways side by side, one sending every
# span (the default sampler) over OTLP/HTTP to a standalone Aspire dashboard, one with tracing off
# (OTEL_TRACES_SAMPLER=always_off), compared with wrk in interleaved rounds (deploy/bench/wrk-gateway.sh with
# COMPARE_URL). Prints wrk-gateway.sh's table (A = OTLP, B = tracing off) and how many spans the dashboard holds.
#
#   deploy/bench/otlp-gateway.sh
#
# Settings by environment: ROUNDS=3  DURATION=8s (and wrk-gateway.sh's others)  OTLP_PORT=19081  DASHBOARD_PORT=18888
# DASHBOARD=<path to Aspire.Dashboard>, by default from the NuGet cache (Aspire.Dashboard.Sdk.linux-x64, which
# restoring src/RegionGrains.AppHost puts there). The dashboard runs without containers and, here, unsecured.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
otlp_port=${OTLP_PORT:-19081}
dashboard_port=${DASHBOARD_PORT:-18888}
dashboard=${DASHBOARD:-$(ls -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/aspire.dashboard.sdk.linux-x64/*/tools/Aspire.Dashboard 2>/dev/null | sort -V | tail -1)}
gateway_dll=$root/src/RegionGrains.Gateway/bin/Release/net10.0/RegionGrains.Gateway.dll
otlp_url=http://127.0.0.1:5193
off_url=http://127.0.0.1:5194

[ -x "${dashboard:-}" ] || { echo "No Aspire.Dashboard found; run 'dotnet restore src/RegionGrains.AppHost' or set DASHBOARD" >&2; exit 2; }
[ -f "$gateway_dll" ] || dotnet build "$root/src/RegionGrains.Gateway" -c Release -v quiet -nologo >&2

for url in "$otlp_url" "$off_url" "http://127.0.0.1:$otlp_port"; do
  ! curl -s -o /dev/null --max-time 2 "$url" || { echo "something already answers at $url; stop it first" >&2; exit 2; }
done

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

env ASPNETCORE_URLS=http://127.0.0.1:$dashboard_port ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:$otlp_port \
  ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:$((otlp_port - 1)) ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
  Dashboard__Otlp__AuthMode=Unsecured Dashboard__Frontend__AuthMode=Unsecured \
  Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics=Information \
  "$dashboard" >"$work/dashboard.log" 2>&1 &
pids+=($!)

# Both gateways: own data directory and cluster, no dashboard UI of Orleans, Warning-level logs.
start_gateway() {
  local url=$1 name=$2; shift 2
  (cd "$(dirname "$gateway_dll")" && exec env RegionGrains__DataDirectory="$work/$name" RegionGrains__ClusterId="bench-$name" \
    RegionGrains__Dashboard__Enabled=false Logging__LogLevel__Default=Warning "$@" \
    dotnet "$gateway_dll" --urls "$url" >"$work/$name.log" 2>&1) &
  pids+=($!)
}
start_gateway "$otlp_url" otlp OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$otlp_port OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
start_gateway "$off_url" off OTEL_TRACES_SAMPLER=always_off

for url in "$otlp_url" "$off_url"; do
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$url/api/regions/br-sao-paulo" 2>/dev/null && break
    sleep 0.1
  done
  curl -fsS -o /dev/null "$url/api/regions/br-sao-paulo" || { echo "the gateway at $url did not start; logs in $work" >&2; cat "$work"/*.log >&2; exit 2; }
done

echo "A = every span exported over OTLP/HTTP to the Aspire dashboard ($dashboard); B = tracing off"
COMPARE_URL=$off_url ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-8s} "$root/deploy/bench/wrk-gateway.sh" "$otlp_url"
# The receiver's request log shows the spans arrived: one POST /v1/traces per export batch.
grep "Request starting HTTP/1.1 POST http://127.0.0.1:$otlp_port/v1/traces" "$work/dashboard.log" |
  awk '{ n++; bytes += $NF } END { printf "the dashboard received %d OTLP trace exports, %.1f MB of protobuf\n", n, bytes / 1e6 }'
echo "of which answered 200: $(grep -c "POST http://127.0.0.1:$otlp_port/v1/traces - 200" "$work/dashboard.log" || true)"
# The receiver shares the machine: its CPU time (and each gateway's) since start, in seconds.
labels=("the dashboard" "gateway A (OTLP)" "gateway B (tracing off)")
for i in 0 1 2; do
  awk -v name="${labels[$i]}" '{ printf "%s used %.1f CPU-seconds\n", name, ($14 + $15) / 100 }' /proc/"${pids[$i]}"/stat
done
