#!/usr/bin/env bash
# A local RegionGrains cluster: N silo processes and a gateway in client mode on this machine.
#
#   deploy/local/cluster.sh up     [--silos N] [--provider sqlite|redis] [--dir DIR] [--port PORT] [--tls]
#   deploy/local/cluster.sh status [--dir DIR]
#   deploy/local/cluster.sh rolling-restart [--dir DIR]
#   deploy/local/cluster.sh down   [--dir DIR]
#
# Defaults: 3 silos, sqlite, ./cluster, port 5080. `up` builds once (Release), starts every process in the
# background with its log and pid file in DIR (silo-1.log/.pid ... gateway.log/.pid), waits until the gateway's
# /health/ready answers and prints its URL. Silo i serves its health and /cluster/members on PORT+i.
# With --provider redis the connection string comes from the environment: ConnectionStrings__redis=host:port.
# `rolling-restart` restarts every silo in turn: SIGTERM (a graceful stop: its grains move), start it again, wait
# until it is Active (its /health/ready) before the next; the gateway carries its callers through.
# With --tls silos and the gateway talk over mutual TLS with the cluster's certificate: DIR/tls/cluster.crt and .key,
# made with openssl on first use (or bring your own: export RegionGrains__Tls__CertificatePath/KeyPath instead).
# docs/operations.md explains what happens when a process dies.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
silo_dll="$root/src/RegionGrains.Silo/bin/Release/net10.0/RegionGrains.Silo.dll"
gateway_dll="$root/src/RegionGrains.Gateway/bin/Release/net10.0/RegionGrains.Gateway.dll"

usage() {
  sed -n '4,7p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2
  exit 2
}

die() {
  echo "cluster.sh: $*" >&2
  exit 1
}

# GET a URL and print the body; exit status 0 only for a 2xx. curl when present, else bash's own /dev/tcp.
http_get() {
  local url=$1
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 5 "$url"
    return
  fi
  local rest=${url#http://} hostport path host port response
  hostport=${rest%%/*}
  path=/${rest#*/}
  host=${hostport%:*}
  port=${hostport##*:}
  exec 3<>"/dev/tcp/$host/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&3
  response=$(timeout 5 cat <&3 || true)
  exec 3<&- 3>&-
  case "$(printf '%s' "$response" | head -1)" in
    *" 2"[0-9][0-9]*) printf '%s' "$response" | sed '1,/^\r\{0,1\}$/d' ;;
    *) return 1 ;;
  esac
}

is_running() {
  local pid_file=$1
  [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

# Arguments shared by every command.
command=${1:-}
[ -n "$command" ] || usage
shift
silos=3
provider=sqlite
dir=./cluster
port=5080
tls=0
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=${2:?--silos needs a number}; shift 2 ;;
    --provider) provider=${2:?--provider needs sqlite or redis}; shift 2 ;;
    --dir) dir=${2:?--dir needs a directory}; shift 2 ;;
    --port) port=${2:?--port needs a number}; shift 2 ;;
    --tls) tls=1; shift ;;
    -h|--help) usage ;;
    *) echo "cluster.sh: unknown argument $1" >&2; usage ;;
  esac
done
if [ "$command" = up ]; then mkdir -p "$dir"; fi
[ -d "$dir" ] || die "no cluster in $dir"
dir=$(cd "$dir" && pwd)

# What every process shares: one store, one cluster; readable single-line logs with times.
shared_environment() {
  export RegionGrains__Provider=$1
  export RegionGrains__DataDirectory="$dir/data"
  export Logging__Console__FormatterName=simple
  export Logging__Console__FormatterOptions__SingleLine=true
  export Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff "
  if [ "${tls:-0}" = 1 ]; then
    export RegionGrains__Tls__CertificatePath="$dir/tls/cluster.crt"
    export RegionGrains__Tls__KeyPath="$dir/tls/cluster.key"
  fi
}

start_silo() {
  local i=$1
  RegionGrains__SiloName="silo-$i" nohup dotnet "$silo_dll" --contentRoot "$(dirname "$silo_dll")" \
    --urls "http://127.0.0.1:$((port + i))" >>"$dir/silo-$i.log" 2>&1 </dev/null &
  echo $! >"$dir/silo-$i.pid"
}

up() {
  case "$silos" in ''|*[!0-9]*) die "--silos must be a number from 1 to 16" ;; esac
  [ "$silos" -ge 1 ] && [ "$silos" -le 16 ] || die "--silos must be a number from 1 to 16"
  case "$port" in ''|*[!0-9]*) die "--port must be a number" ;; esac
  case "$provider" in
    sqlite) provider_name=Sqlite ;;
    redis)
      provider_name=Redis
      [ -n "${ConnectionStrings__redis:-}" ] || die "--provider redis reads the Redis connection string from the environment: export ConnectionStrings__redis=127.0.0.1:6379"
      ;;
    *) die "--provider must be sqlite or redis" ;;
  esac
  for pid_file in "$dir"/*.pid; do
    if [ -e "$pid_file" ] && is_running "$pid_file"; then
      die "a cluster is already running in $dir ($(basename "$pid_file" .pid)); run: $0 down --dir $dir"
    fi
  done
  rm -f "$dir"/*.pid

  echo "building (Release)..."
  dotnet build -c Release "$root/src/RegionGrains.Silo/RegionGrains.Silo.csproj" -nologo -v quiet >"$dir/build.log" 2>&1 \
    && dotnet build -c Release "$root/src/RegionGrains.Gateway/RegionGrains.Gateway.csproj" -nologo -v quiet >>"$dir/build.log" 2>&1 \
    || { tail -20 "$dir/build.log" >&2; die "build failed; see $dir/build.log"; }

  shared_environment "$provider_name"
  if [ "$tls" = 1 ]; then
    if [ ! -s "$dir/tls/cluster.crt" ]; then
      command -v openssl >/dev/null 2>&1 || die "--tls makes the cluster's certificate with openssl, which is not installed; install it, or export RegionGrains__Tls__CertificatePath and RegionGrains__Tls__KeyPath instead"
      mkdir -p "$dir/tls"
      (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
        -subj "/CN=regiongrains-cluster" -keyout "$dir/tls/cluster.key" -out "$dir/tls/cluster.crt" 2>>"$dir/build.log") \
        || die "openssl could not make the certificate; see $dir/build.log"
    fi
  fi
  printf 'provider=%s\nsilos=%s\nport=%s\ntls=%s\n' "$provider" "$silos" "$port" "$tls" >"$dir/cluster.env"

  for i in $(seq 1 "$silos"); do start_silo "$i"; done
  RegionGrains__Gateway__Mode=Client nohup dotnet "$gateway_dll" --contentRoot "$(dirname "$gateway_dll")" \
    --urls "http://localhost:$port" >"$dir/gateway.log" 2>&1 </dev/null &
  echo $! >"$dir/gateway.pid"

  echo "started $silos silo(s) and a gateway ($provider); waiting until each answers /health/ready ..."
  local deadline=$((SECONDS + 180)) name url
  for i in $(seq 1 "$silos") gateway; do
    if [ "$i" = gateway ]; then name=gateway url="http://localhost:$port"; else name="silo-$i" url="http://127.0.0.1:$((port + i))"; fi
    until http_get "$url/health/ready" >/dev/null 2>&1; do
      if ! is_running "$dir/$name.pid"; then
        tail -20 "$dir/$name.log" >&2
        die "$name exited while starting; see $dir/$name.log (and run: $0 down --dir $dir)"
      fi
      [ $SECONDS -lt $deadline ] || die "$name was not ready within 180 s; see $dir/$name.log"
      sleep 0.5
    done
  done
  echo "ready: http://localhost:$port   (logs and pids in $dir; stop with: $0 down --dir $dir)"
}

status() {
  [ -f "$dir/cluster.env" ] || die "no cluster in $dir"
  # shellcheck disable=SC1091
  . "$dir/cluster.env"
  echo "cluster in $dir ($provider, gateway http://localhost:$port$([ "${tls:-0}" = 1 ] && echo ', TLS between processes'))"
  printf '  %-10s %-8s %-8s %s\n' PROCESS PID STATE HTTP
  local members_from=""
  for pid_file in "$dir"/silo-*.pid "$dir"/gateway.pid; do
    [ -e "$pid_file" ] || continue
    name=$(basename "$pid_file" .pid)
    if [ "$name" = gateway ]; then url="http://localhost:$port"; else url="http://127.0.0.1:$((port + ${name#silo-}))"; fi
    if is_running "$pid_file"; then
      state=running
      if http_get "$url/health/ready" >/dev/null 2>&1; then state=ready; fi
      [ "$name" = gateway ] || [ -n "$members_from" ] || members_from=$url
    else
      state=stopped
    fi
    printf '  %-10s %-8s %-8s %s\n' "$name" "$(cat "$pid_file")" "$state" "$url"
  done

  if [ -z "$members_from" ]; then
    echo "no silo is running, so no member list"
    return
  fi
  echo "members (as $members_from sees them):"
  members=$(http_get "$members_from/cluster/members") || { echo "  $members_from did not answer"; return; }
  if command -v python3 >/dev/null 2>&1; then
    printf '%s' "$members" | python3 -c '
import json, sys
view = json.load(sys.stdin)
for m in view["members"]:
    print("  {:<10} {:<8} {}".format(m["name"], m["status"], m["address"]))
'
  else
    printf '  %s\n' "$members"
  fi
}

rolling_restart() {
  [ -f "$dir/cluster.env" ] || die "no cluster in $dir"
  # shellcheck disable=SC1091
  . "$dir/cluster.env"
  case "$provider" in sqlite) shared_environment Sqlite ;; redis) shared_environment Redis ;; esac
  for i in $(seq 1 "$silos"); do
    is_running "$dir/silo-$i.pid" || die "silo-$i is not running; rolling-restart needs every silo up"
    local pid started=$SECONDS
    pid=$(cat "$dir/silo-$i.pid")
    echo "silo-$i: SIGTERM to process $pid (graceful: its grains deactivate and move)"
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do
      [ $((SECONDS - started)) -lt 60 ] || die "silo-$i did not stop within 60 s"
      sleep 0.1
    done
    start_silo "$i"
    until http_get "http://127.0.0.1:$((port + i))/health/ready" >/dev/null 2>&1; do
      is_running "$dir/silo-$i.pid" || die "silo-$i exited while starting; see $dir/silo-$i.log"
      [ $((SECONDS - started)) -lt 120 ] || die "silo-$i was not Active within 120 s; see $dir/silo-$i.log"
      sleep 0.2
    done
    echo "silo-$i is Active again (process $(cat "$dir/silo-$i.pid"), $((SECONDS - started)) s)"
  done
  echo "rolling restart done"
}

down() {
  local stopped=0
  # The gateway first, so it stops sending work; then every silo at once (each leaves the cluster gracefully).
  for pid_file in "$dir"/gateway.pid "$dir"/silo-*.pid; do
    [ -e "$pid_file" ] || continue
    if is_running "$pid_file"; then
      kill -TERM "$(cat "$pid_file")" 2>/dev/null || true
      stopped=$((stopped + 1))
    fi
  done
  local deadline=$((SECONDS + 30))
  for pid_file in "$dir"/gateway.pid "$dir"/silo-*.pid; do
    [ -e "$pid_file" ] || continue
    while is_running "$pid_file" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    if is_running "$pid_file"; then
      echo "$(basename "$pid_file" .pid) did not stop within 30 s; killing it"
      kill -KILL "$(cat "$pid_file")" 2>/dev/null || true
    fi
    rm -f "$pid_file"
  done
  echo "stopped $stopped process(es); logs and data stay in $dir"
}

case "$command" in
  up) up ;;
  status) status ;;
  rolling-restart) rolling_restart ;;
  down) down ;;
  *) usage ;;
esac
