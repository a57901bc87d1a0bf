#!/usr/bin/env bash
# The Orleans dashboard's cost (docs/benchmarks.md, D1): an embedded gateway with the dashboard on and off, alternating;
# prints each round's idle CPU over 20 s and a wrk figure. Needs wrk; run from the repository root.
set -euo pipefail
dotnet build src/RegionGrains.Gateway -c Release
cd src/RegionGrains.Gateway/bin/Release/net10.0
for round in on off on off; do
  enabled=$([ $round = on ] && echo true || echo false); DATA=$(mktemp -d)
  RegionGrains__Dashboard__Enabled=$enabled RegionGrains__DataDirectory=$DATA RegionGrains__ClusterId=dash-$round \
    dotnet RegionGrains.Gateway.dll --urls http://127.0.0.1:5182 >/dev/null 2>&1 &
  GATEWAY=$!
  until curl -sf http://127.0.0.1:5182/api/regions/br-sao-paulo >/dev/null; do sleep 0.2; done
  sleep 5; a=$(awk '{print $14+$15}' /proc/$GATEWAY/stat); sleep 20; b=$(awk '{print $14+$15}' /proc/$GATEWAY/stat)
  echo "dashboard=$round idle CPU over 20 s: $(( (b - a) * 10 )) ms"
  wrk -t2 -c64 -d3s http://127.0.0.1:5182/api/regions/br-sao-paulo >/dev/null
  wrk -t2 -c64 -d6s http://127.0.0.1:5182/api/regions/br-sao-paulo | grep Requests/sec
  kill $GATEWAY; wait $GATEWAY; rm -rf $DATA
done
