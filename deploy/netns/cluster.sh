#!/usr/bin/env bash
# A RegionGrains cluster on separate network hosts of this machine: one network namespace per silo, one for the
# gateway and one for the database, joined by a bridge, each with its own address from 198.18.0.0/15 (the range
# RFC 2544 reserves for benchmarking). While a cluster is up, an unreachable route for its subnet sits under the
# bridge's, so that what is sent to its addresses when the bridge is gone (between `down --restarting` and `up`)
# fails at once instead of leaving the machine by the default route. Needs root and `ip`.
#
#   deploy/netns/cluster.sh up   --dir DIR [--silos N] [--gateways N] [--provider postgres|redis] [--configuration Release|Debug] [--no-build]
#   deploy/netns/cluster.sh status          --dir DIR
#   deploy/netns/cluster.sh cut I           --dir DIR     silo I's link down: a network partition from everything
#   deploy/netns/cluster.sh partition I [--one-way] --dir DIR  silo I and the other silos lose each other's packets
#                                                         (--one-way: only I's packets to them); database and gateways still reach I
#   deploy/netns/cluster.sh heal I          --dir DIR     silo I's link up again, and its partition from the silos lifted
#   deploy/netns/cluster.sh pause I | resume I --dir DIR  SIGSTOP / SIGCONT of silo I's process (a long GC, a frozen VM)
#   deploy/netns/cluster.sh rolling-restart --dir DIR     every silo in turn, gracefully
#   deploy/netns/cluster.sh kill I|gateway|gateway-N|all --dir DIR  SIGKILL (all: nothing restarts until `up` again)
#   deploy/netns/cluster.sh down [--restarting] --dir DIR  stops everything, removes namespaces and bridge
#                                                         (--restarting: `up` follows; keeps the subnet unreachable meanwhile)
#   deploy/netns/cluster.sh load-host I     --dir DIR     a host of its own for a load agent (rgK-lI, 198.18.K.(100+I))
#
# Defaults: 3 silos, 1 gateway, postgres, Release. Addresses: the host 198.18.K.1 on the bridge, the database
# 198.18.K.2, gateway N 198.18.K.(2+N) (the first, named just "gateway", at .3), silo I 198.18.K.(10+I), with K
# (1..200) the first subnet no other cluster of this script uses. Every process keeps its log and pid in DIR; the database's files stay in DIR after `down`, so `up` on the
# same DIR brings the same cluster back (a cold restart). Each silo runs under a small supervisor that starts it
# again when it exits, as systemd or Kubernetes would: a silo that the others declared dead stops itself, and comes
# back by itself once its network does. docs/operations.md explains the commands and what they showed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
self="$root/deploy/netns/cluster.sh"
http_port=8080
silo_port=11111
gateway_port=30000
unreachable_metric=4242

usage() {
  sed -n '6,16p' "$self" | sed 's/^# *//' >&2
  exit 2
}

die() {
  echo "cluster.sh: $*" >&2
  exit 1
}

log() { echo "cluster.sh: $*"; }

is_running() {
  local pid_file=$1
  [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

http_ok() { curl -fsS --max-time 3 -o /dev/null "$1" 2>/dev/null; }

# Waits until a URL answers 2xx, while the process of a pid file runs; fails after a bound.
wait_http() {
  local url=$1 what=$2 seconds=$3 deadline=$((SECONDS + $3))
  until http_ok "$url"; do
    [ $SECONDS -lt $deadline ] || die "$what did not answer $url within ${seconds} s; see the logs in $dir"
    sleep 0.25
  done
}

# ---- arguments -----------------------------------------------------------------------------------------------
command=${1:-}
[ -n "$command" ] || usage
shift
target=""
case "$command" in
  cut|heal|kill|partition|pause|resume) target=${1:?"$command needs a silo number"}; shift ;;
  load-host) target=${1:?"load-host needs a number from 1 to 9"}; shift ;;
  _supervise) exec_supervise=1 ;;
esac
silos=3
gateways=1
one_way=no
provider=postgres
dir=""
configuration=Release
build=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=${2:?--silos needs a number}; shift 2 ;;
    --gateways) gateways=${2:?--gateways needs a number}; shift 2 ;;
    --one-way) one_way=yes; shift ;;
    --restarting) restarting=yes; shift ;;
    --provider) provider=${2:?--provider needs postgres or redis}; shift 2 ;;
    --dir) dir=${2:?--dir needs a directory}; shift 2 ;;
    --configuration) configuration=${2:?--configuration needs Release or Debug}; shift 2 ;;
    --no-build) build=no; shift ;;
    --name) name=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "cluster.sh: unknown argument $1" >&2; usage ;;
  esac
done
[ -n "$dir" ] || die "--dir DIR is required"
if [ "$command" = up ]; then mkdir -p "$dir"; fi
[ -d "$dir" ] || die "no cluster in $dir"
dir=$(cd "$dir" && pwd)

# ---- the supervisor, run inside a silo's or the gateway's namespace -----------------------------------------
# Starts the process described by DIR/NAME.env again whenever it exits, until DIR/NAME.stop exists. The child's
# pid is in DIR/NAME.pid; SIGTERM to the supervisor stops it for good and passes the SIGTERM on.
supervise() {
  local env_file="$dir/$name.env" child="" delay=1
  [ -f "$env_file" ] || die "missing $env_file"
  # Only the settings written for this process: none of the caller's own RegionGrains settings or secrets.
  for variable in $(compgen -e | grep -E '^(RegionGrains__|ConnectionStrings__)' || true); do unset "$variable"; done
  trap 'touch "$dir/$name.stop"; [ -z "$child" ] || kill -TERM "$child" 2>/dev/null || true' TERM INT
  while [ ! -e "$dir/$name.stop" ]; do
    # KEY=VALUE lines, not shell: Orleans' log categories hold dots, which no shell variable name may.
    local variables dll urls
    mapfile -t variables <"$env_file"
    dll=$(sed -n 's/^PROCESS_DLL=//p' "$env_file")
    urls=$(sed -n 's/^PROCESS_URLS=//p' "$env_file")
    env "${variables[@]}" dotnet "$dll" --contentRoot "$(dirname "$dll")" --urls "$urls" >>"$dir/$name.log" 2>&1 </dev/null &
    child=$!
    echo "$child" >"$dir/$name.pid"
    echo "--- cluster.sh: started $name as process $child at $(date -u +%H:%M:%S.%3N)" >>"$dir/$name.log"
    local started=$SECONDS status=0
    while kill -0 "$child" 2>/dev/null; do
      wait "$child" && status=0 || status=$?
    done
    echo "--- cluster.sh: $name (process $child) exited with status $status at $(date -u +%H:%M:%S.%3N)" >>"$dir/$name.log"
    [ ! -e "$dir/$name.stop" ] || break
    # Back off while it keeps failing at once (e.g. its database is unreachable), up to 5 s between starts.
    if [ $((SECONDS - started)) -lt 10 ]; then delay=$((delay < 5 ? delay + 1 : 5)); else delay=1; fi
    sleep "$delay"
  done
  rm -f "$dir/$name.pid"
}

if [ "${exec_supervise:-}" = 1 ]; then
  supervise
  exit 0
fi

[ "$(id -u)" = 0 ] || die "network namespaces need root"
command -v ip >/dev/null || die "needs the ip command (iproute2)"

# ---- cluster state ----------------------------------------------------------------------------------------------
load_env() {
  [ -f "$dir/cluster.env" ] || die "no cluster in $dir (no cluster.env)"
  # shellcheck disable=SC1091
  . "$dir/cluster.env"
  subnet="198.18.$net"
  prefix="rg$net"
  # A cluster started before gateways could be several has one.
  gateways=${gateways:-1}
}

ns_of() { echo "$prefix-$1"; }                 # rg7-db, rg7-gw, rg7-gw2, rg7-s1 ...
veth_of() { echo "$prefix$1"; }                # host side: rg7db, rg7gw, rg7s1 ... (at most 15 characters)
address_of() {
  case "$1" in
    db) echo "$subnet.2" ;;
    gw) echo "$subnet.3" ;;
    gw*) echo "$subnet.$((2 + ${1#gw}))" ;;
    s*) echo "$subnet.$((10 + ${1#s}))" ;;
  esac
}
# Gateway N's host (gw, gw2, ...) and process name (gateway, gateway-2, ...): the first keeps the names it always had.
gateway_host() { if [ "$1" = 1 ]; then echo gw; else echo "gw$1"; fi; }
gateway_name() { if [ "$1" = 1 ]; then echo gateway; else echo "gateway-$1"; fi; }
gateway_hosts() { for g in $(seq 1 "$gateways"); do gateway_host "$g"; done; }
gateway_names() { for g in $(seq 1 "$gateways"); do gateway_name "$g"; done; }

# The subnet this DIR had before (so that a cold restart keeps every address), else the first free one: no bridge
# holds it, no namespace is named after it, and no route claims it (another cluster's between `down --restarting`
# and its `up`). Called under subnet_lock, so that clusters coming up at once never pick the same one.
pick_subnet() {
  local k
  for k in ${net:-} $(seq 1 200); do
    if ! ip -o addr show 2>/dev/null | grep -q " 198\.18\.$k\.1/" && ! ip netns list 2>/dev/null | grep -q "^rg$k-" \
        && { [ "$k" = "${net:-}" ] || [ -z "$(ip route show "198.18.$k.0/24" 2>/dev/null)" ]; }; then
      echo "$k"
      return
    fi
  done
  die "no free 198.18.K.0/24 subnet among 1..200"
}

# Held from picking a subnet until its bridge and route exist; released when the script exits.
subnet_lock() {
  exec 9>/run/regiongrains-netns.lock
  flock 9
}

# One namespace with loopback up and a veth pair to the bridge: eth0 inside, the short name outside.
add_host() {
  local host=$1 ns veth address
  ns=$(ns_of "$host")
  veth=$(veth_of "$host")
  address=$(address_of "$host")
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip link set "$veth" master "$prefix-br" up
  ip -n "$ns" addr add "$address/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route add default via "$subnet.1"
}

# ---- the database -----------------------------------------------------------------------------------------------
pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$found" ] || die "PostgreSQL is not installed (apt-get install postgresql-15)"
  echo "$found"
}

start_postgres() {
  local bin data="$dir/postgres/data" ns
  bin=$(pg_bin)
  ns=$(ns_of db)
  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$dir/postgres"
    head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/postgres/password"
    chmod 600 "$dir/postgres/password"
    chown -R postgres: "$dir/postgres"
    runuser -u postgres -- "$bin/initdb" -D "$data" -U regiongrains --pwfile="$dir/postgres/password" \
      --auth-local=peer --auth-host=scram-sha-256 -E UTF8 >"$dir/postgres/initdb.log" 2>&1 \
      || { cat "$dir/postgres/initdb.log" >&2; die "initdb failed"; }
    echo "host all all 198.18.0.0/15 scram-sha-256" >>"$data/pg_hba.conf"
  fi
  chown postgres: "$dir/postgres"
  # Listens only on the database host's own address; no Unix socket outside its folder. A client cut off by a
  # partition is noticed within seconds (keepalives, connection checks), so nothing of it outlives the cut for long.
  local settings="-c listen_addresses=$(address_of db) -c port=5432 -c unix_socket_directories=$dir/postgres"
  settings+=" -c max_connections=200 -c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3"
  settings+=" -c client_connection_check_interval=2s -c idle_in_transaction_session_timeout=10s"
  ip netns exec "$ns" runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$dir/postgres/server.log" -w -t 60 start -o "$settings" \
    >/dev/null || { tail -20 "$dir/postgres/server.log" >&2; die "PostgreSQL did not start"; }
  connection="Host=$(address_of db);Port=5432;Database=regiongrains;Username=regiongrains;Password=$(cat "$dir/postgres/password");Timeout=5;Command Timeout=10;SSL Mode=Disable;GSS Encryption Mode=Disable"
  local as_owner=(ip netns exec "$ns" env PGPASSWORD="$(cat "$dir/postgres/password")")
  if ! "${as_owner[@]}" psql -h "$(address_of db)" -U regiongrains -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'regiongrains'" | grep -q 1; then
    "${as_owner[@]}" createdb -h "$(address_of db)" -U regiongrains regiongrains
  fi
}

stop_postgres() {
  local bin data="$dir/postgres/data"
  [ -s "$data/postmaster.pid" ] || return 0
  bin=$(pg_bin)
  runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 || {
    kill -KILL "$(head -1 "$data/postmaster.pid")" 2>/dev/null || true
    rm -f "$data/postmaster.pid"
  }
}

start_redis() {
  command -v redis-server >/dev/null || die "redis-server is not installed (apt-get install redis-server)"
  mkdir -p "$dir/redis"
  # Every write is fsynced before Redis answers: an acknowledged reservation survives a restart of Redis too.
  ip netns exec "$(ns_of db)" redis-server --bind "$(address_of db)" --port 6379 --protected-mode no --daemonize yes \
    --dir "$dir/redis" --appendonly yes --appendfsync always --save '' \
    --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log"
  connection="$(address_of db):6379"
  local deadline=$((SECONDS + 30))
  until ip netns exec "$(ns_of db)" redis-cli -h "$(address_of db)" ping 2>/dev/null | grep -q PONG; do
    [ $SECONDS -lt $deadline ] || die "redis-server did not answer; see $dir/redis/redis.log"
    sleep 0.2
  done
}

stop_redis() {
  if is_running "$dir/redis/redis.pid"; then
    local pid
    pid=$(cat "$dir/redis/redis.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

# ---- silos and gateway ------------------------------------------------------------------------------------------
write_process_env() {
  local name=$1 dll=$2 urls=$3
  shift 3
  {
    echo "PROCESS_DLL=$dll"
    echo "PROCESS_URLS=$urls"
    echo "DOTNET_ENVIRONMENT=Production"
    echo "ASPNETCORE_ENVIRONMENT=Production"
    echo "Logging__Console__FormatterName=simple"
    echo "Logging__Console__FormatterOptions__SingleLine=true"
    echo "Logging__Console__FormatterOptions__TimestampFormat=HH:mm:ss.fff "
    echo "Logging__LogLevel__Orleans.Runtime.MembershipService=Information"
    echo "RegionGrains__Provider=$provider_name"
    echo "RegionGrains__ClusterId=regiongrains"
    echo "RegionGrains__ServiceId=regiongrains"
    echo "$connection_variable=$connection"
    for line in "$@"; do echo "$line"; done
  } >"$dir/$name.env"
  chmod 600 "$dir/$name.env"
}

start_supervised() {
  local name=$1 ns=$2
  rm -f "$dir/$name.stop"
  ip netns exec "$ns" nohup "$self" _supervise --dir "$dir" --name "$name" >/dev/null 2>&1 </dev/null &
  echo $! >"$dir/$name.supervisor.pid"
}

start_silo() {
  local i=$1
  write_process_env "silo-$i" "$silo_dll" "http://0.0.0.0:$http_port" \
    "RegionGrains__SiloName=silo-$i" \
    "RegionGrains__AdvertisedAddress=$(address_of "s$i")" \
    "RegionGrains__SiloPort=$silo_port" \
    "RegionGrains__GatewayPort=$gateway_port" \
    "RegionGrains__DataDirectory=$dir/data/silo-$i"
  start_supervised "silo-$i" "$(ns_of "s$i")"
}

# The gateway listens beyond loopback (on its namespace's address), which the gateway refuses without authentication
# unless told so: this harness opts out explicitly, and turns rate limits off, since its failure drills send their
# load from one address. A real deployment configures authentication (docs/security.md, deploy/kubernetes).
start_gateway() {
  local name host
  name=$(gateway_name "$1")
  host=$(gateway_host "$1")
  write_process_env "$name" "$gateway_dll" "http://$(address_of "$host"):$http_port" \
    "RegionGrains__Gateway__Mode=Client" \
    "RegionGrains__Auth__Mode=None" \
    "RegionGrains__RateLimits__Enabled=false" \
    "RegionGrains__DataDirectory=$dir/data/$name"
  start_supervised "$name" "$(ns_of "$host")"
}

# What an Orleans client of this cluster needs (e.g. `regiongrains-loadtest agent` on a load host, whose runs use
# `grains --cluster`): KEY=VALUE lines, to pass with `env $(cat DIR/client.env)`. It holds the database's password.
write_client_env() {
  {
    echo "RegionGrains__Provider=$provider_name"
    echo "RegionGrains__ClusterId=regiongrains"
    echo "RegionGrains__ServiceId=regiongrains"
    echo "$connection_variable=$connection"
  } >"$dir/client.env"
  chmod 600 "$dir/client.env"
}

silo_url() { echo "http://$(address_of "s$1"):$http_port"; }
gateway_url() { echo "http://$(address_of "$(gateway_host "${1:-1}")"):$http_port"; }

# Stops a supervised process for good: no restart, SIGTERM, SIGKILL after a bound.
stop_supervised() {
  local name=$1 signal=${2:-TERM} grace=${3:-30}
  touch "$dir/$name.stop"
  local pid=""
  [ -s "$dir/$name.pid" ] && pid=$(cat "$dir/$name.pid")
  if [ -n "$pid" ]; then kill "-$signal" "$pid" 2>/dev/null || true; fi
  if is_running "$dir/$name.supervisor.pid"; then kill -TERM "$(cat "$dir/$name.supervisor.pid")" 2>/dev/null || true; fi
  local deadline=$((SECONDS + grace))
  while { [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; } || is_running "$dir/$name.supervisor.pid"; do
    if [ $SECONDS -ge $deadline ]; then
      log "$name did not stop within $grace s; killing it"
      [ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
      is_running "$dir/$name.supervisor.pid" && kill -KILL "$(cat "$dir/$name.supervisor.pid")" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  rm -f "$dir/$name.pid" "$dir/$name.supervisor.pid"
}

# ---- commands ---------------------------------------------------------------------------------------------------
up() {
  case "$silos" in ''|*[!0-9]*) die "--silos must be a number from 1 to 9" ;; esac
  [ "$silos" -ge 1 ] && [ "$silos" -le 9 ] || die "--silos must be a number from 1 to 9"
  case "$gateways" in ''|*[!0-9]*) die "--gateways must be a number from 1 to 7" ;; esac
  [ "$gateways" -ge 1 ] && [ "$gateways" -le 7 ] || die "--gateways must be a number from 1 to 7"
  case "$provider" in
    postgres) provider_name=PostgreSql connection_variable=ConnectionStrings__postgres ;;
    redis) provider_name=Redis connection_variable=ConnectionStrings__redis ;;
    *) die "--provider must be postgres or redis" ;;
  esac
  case "$configuration" in Release|Debug) ;; *) die "--configuration must be Release or Debug" ;; esac
  mkdir -p "$dir"
  # PostgreSQL runs as the postgres user, which must be able to enter --dir to reach its folder there: a private
  # folder (mktemp -d makes it 0700) or a private parent would make initdb fail deep in its log. Checked before
  # anything is built or started.
  if [ "$provider" = postgres ] && ! runuser -u postgres -- test -x "$dir"; then
    die "the postgres user cannot enter $dir (or a folder above it), and PostgreSQL runs as that user: use a folder it can traverse, or grant it with: chmod o+x $dir"
  fi
  if [ -f "$dir/cluster.env" ]; then
    # shellcheck disable=SC1091
    . "$dir/cluster.env"
    [ -z "${up:-}" ] || die "a cluster is already up in $dir; run: $self down --dir $dir"
    [ "${provider_was:-$provider}" = "$provider" ] || die "$dir holds a $provider_was cluster; use another --dir"
  fi
  silo_dll="$root/src/RegionGrains.Silo/bin/$configuration/net10.0/RegionGrains.Silo.dll"
  gateway_dll="$root/src/RegionGrains.Gateway/bin/$configuration/net10.0/RegionGrains.Gateway.dll"
  if [ "$build" = yes ]; then
    log "building ($configuration)..."
    { dotnet build -c "$configuration" "$root/src/RegionGrains.Silo/RegionGrains.Silo.csproj" -nologo -v quiet \
        && dotnet build -c "$configuration" "$root/src/RegionGrains.Gateway/RegionGrains.Gateway.csproj" -nologo -v quiet; } \
      >"$dir/build.log" 2>&1 || { tail -20 "$dir/build.log" >&2; die "build failed; see $dir/build.log"; }
  fi
  [ -f "$silo_dll" ] && [ -f "$gateway_dll" ] || die "$silo_dll or $gateway_dll is missing; build first or drop --no-build"

  subnet_lock
  net=$(pick_subnet)
  subnet="198.18.$net"
  prefix="rg$net"
  printf 'up=yes\nnet=%s\nsilos=%s\ngateways=%s\nprovider_was=%s\nconfiguration=%s\n' "$net" "$silos" "$gateways" "$provider" "$configuration" >"$dir/cluster.env"
  # From here on a failure would leave namespaces behind: remove them on the way out unless `up` succeeded.
  up_ok=no
  trap 'if [ "$up_ok" != yes ]; then echo "cluster.sh: up failed; cleaning up" >&2; "$self" down --dir "$dir" >&2 || true; fi' EXIT

  ip link add "$prefix-br" type bridge
  ip addr add "$subnet.1/24" dev "$prefix-br"
  ip link set "$prefix-br" up
  # Under the bridge's own route (metric 0): it takes over only while the bridge is gone.
  ip route replace unreachable "$subnet.0/24" metric "$unreachable_metric"
  flock -u 9
  exec 9>&-
  add_host db
  for host in $(gateway_hosts); do add_host "$host"; done
  for i in $(seq 1 "$silos"); do add_host "s$i"; done

  case "$provider" in
    postgres) start_postgres ;;
    redis) start_redis ;;
  esac
  for i in $(seq 1 "$silos"); do start_silo "$i"; done
  for g in $(seq 1 "$gateways"); do start_gateway "$g"; done
  write_client_env

  log "started the database ($provider at $(address_of db)), $silos silo(s) and $gateways gateway(s); waiting until each is ready..."
  for i in $(seq 1 "$silos"); do wait_http "$(silo_url "$i")/health/ready" "silo-$i" 180; done
  for g in $(seq 1 "$gateways"); do wait_http "$(gateway_url "$g")/health/ready" "$(gateway_name "$g")" 120; done
  up_ok=yes
  echo "gateways: $(for g in $(seq 1 "$gateways"); do printf '%s ' "$(gateway_url "$g")"; done)"
  echo "ready: $(gateway_url)   (logs and pids in $dir; stop with: $self down --dir $dir)"
}

status() {
  load_env
  echo "cluster in $dir ($provider_was, subnet $subnet.0/24, gateway $(gateway_url))"
  printf '  %-10s %-15s %-8s %-8s %s\n' PROCESS ADDRESS PID STATE LINK
  local members_from=""
  for i in $(seq 1 "$silos") $(seq -f 'gateway%g' 1 "$gateways"); do
    local name url host state link pid
    case "$i" in
      gateway*) name=$(gateway_name "${i#gateway}") host=$(gateway_host "${i#gateway}") url=$(gateway_url "${i#gateway}") ;;
      *) name="silo-$i" host="s$i" url=$(silo_url "$i") ;;
    esac
    pid=$(cat "$dir/$name.pid" 2>/dev/null || echo -)
    link=$(ip -o link show "$(veth_of "$host")" 2>/dev/null | grep -q 'state UP' && echo up || echo down)
    if is_running "$dir/$name.pid"; then
      state=running
      if http_ok "$url/health/ready"; then state=ready; fi
      [ "${name#gateway}" != "$name" ] || [ "$state" != ready ] || [ -n "$members_from" ] || members_from=$url
    else
      state=stopped
    fi
    printf '  %-10s %-15s %-8s %-8s %s\n' "$name" "$(address_of "$host")" "$pid" "$state" "$link"
  done
  if [ -z "$members_from" ]; then
    echo "no silo is ready, so no member list"
    return
  fi
  echo "members (as $members_from sees them):"
  curl -fsS --max-time 5 "$members_from/cluster/members" | python3 -c '
import json, sys
for m in json.load(sys.stdin)["members"]:
    print("  {:<10} {:<12} {}".format(m["name"], m["status"], m["address"]))
' || echo "  $members_from did not answer"
}

check_silo() {
  case "$target" in ''|*[!0-9]*) die "silo number expected, got '$target'" ;; esac
  [ "$target" -ge 1 ] && [ "$target" -le "$silos" ] || die "silo $target does not exist (1..$silos)"
}

cut() {
  load_env
  check_silo
  ip link set "$(veth_of "s$target")" down
  log "silo-$target ($(address_of "s$target")) is cut off: its link is down"
}

# A partition between silo I and the other silos only, silent as a real one: the sender's neighbor entry for each
# address it must not reach points at a MAC that no host has, so the bridge delivers those frames nowhere and nothing
# answers (no reset, no unreachable). The database and the gateways still reach I and I them, as when a switch
# between racks fails. One-way: only I's packets to the other silos are lost; theirs still reach I.
unreachable_mac=02:00:00:00:00:01
partition() {
  load_env
  check_silo
  local j
  for j in $(seq 1 "$silos"); do
    [ "$j" != "$target" ] || continue
    ip -n "$(ns_of "s$target")" neigh replace "$(address_of "s$j")" lladdr "$unreachable_mac" dev eth0 nud permanent
    [ "$one_way" = yes ] || ip -n "$(ns_of "s$j")" neigh replace "$(address_of "s$target")" lladdr "$unreachable_mac" dev eth0 nud permanent
  done
  if [ "$one_way" = yes ]; then
    log "silo-$target ($(address_of "s$target")) is partitioned one way: its packets to the other silos are lost, theirs reach it"
  else
    log "silo-$target ($(address_of "s$target")) and the other silos are partitioned both ways; the database and gateways still reach it"
  fi
}

heal() {
  load_env
  check_silo
  ip link set "$(veth_of "s$target")" up
  local j
  for j in $(seq 1 "$silos"); do
    [ "$j" != "$target" ] || continue
    # Deleting an entry that ARP learned is harmless: it is learned again on the next packet.
    ip -n "$(ns_of "s$target")" neigh del "$(address_of "s$j")" dev eth0 2>/dev/null || true
    ip -n "$(ns_of "s$j")" neigh del "$(address_of "s$target")" dev eth0 2>/dev/null || true
  done
  log "silo-$target ($(address_of "s$target")) is reachable again"
}

signal_silo() {
  load_env
  check_silo
  is_running "$dir/silo-$target.pid" || die "silo-$target is not running"
  kill "-$1" "$(cat "$dir/silo-$target.pid")"
  log "silo-$target: SIG$1 to process $(cat "$dir/silo-$target.pid")"
}

rolling_restart() {
  load_env
  for i in $(seq 1 "$silos"); do
    local pid
    is_running "$dir/silo-$i.pid" || die "silo-$i is not running; rolling-restart needs every silo up"
    pid=$(cat "$dir/silo-$i.pid")
    log "silo-$i: SIGTERM to process $pid (graceful: its grains deactivate and move, it leaves the membership)"
    local started=$SECONDS
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do
      [ $((SECONDS - started)) -lt 60 ] || die "silo-$i did not stop within 60 s"
      sleep 0.1
    done
    log "silo-$i stopped after $((SECONDS - started)) s; its supervisor starts it again"
    # Ready means Active in the membership (the silo's /health/ready); only then the next one goes.
    until is_running "$dir/silo-$i.pid" && [ "$(cat "$dir/silo-$i.pid")" != "$pid" ] && http_ok "$(silo_url "$i")/health/ready"; do
      [ $((SECONDS - started)) -lt 120 ] || die "silo-$i did not come back Active within 120 s; see $dir/silo-$i.log"
      sleep 0.2
    done
    log "silo-$i is Active again (process $(cat "$dir/silo-$i.pid"), $((SECONDS - started)) s)"
  done
  log "rolling restart done"
}

kill_processes() {
  load_env
  local names
  case "$target" in
    all) names="$(gateway_names | tr '\n' ' ') $(seq -f 'silo-%g' 1 "$silos" | tr '\n' ' ')" ;;
    gateway|gateway-[2-7]) names=$target; [ -e "$dir/$target.env" ] || die "$target does not exist" ;;
    *) check_silo; names="silo-$target" ;;
  esac
  for name in $names; do
    if [ "$target" = all ]; then
      # A power cut: nothing comes back until `up` (after `down`) starts the cluster anew.
      touch "$dir/$name.stop"
      is_running "$dir/$name.supervisor.pid" && kill -KILL "$(cat "$dir/$name.supervisor.pid")" 2>/dev/null || true
    fi
    if is_running "$dir/$name.pid"; then
      kill -KILL "$(cat "$dir/$name.pid")"
      log "$name: SIGKILL to process $(cat "$dir/$name.pid")"
    fi
  done
}

# A namespace on the cluster's bridge for a load generator, so that its traffic to the silos crosses the network as
# a client on another machine's would. Nothing is started in it: run the agent with `ip netns exec`.
load_host() {
  load_env
  case "$target" in [1-9]) ;; *) die "load-host takes a number from 1 to 9, not '$target'" ;; esac
  local host="l$target" ns
  ns=$(ns_of "$host")
  if ! ip netns list | grep -q "^$ns\b"; then
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip link add "$(veth_of "$host")" type veth peer name eth0 netns "$ns"
    ip link set "$(veth_of "$host")" master "$prefix-br" up
    ip -n "$ns" addr add "$subnet.$((100 + target))/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" route add default via "$subnet.1"
  fi
  echo "load host $target: namespace $ns, address $subnet.$((100 + target)); client settings in $dir/client.env"
}

down() {
  [ -f "$dir/cluster.env" ] || { log "nothing to stop in $dir"; return; }
  load_env
  # Load hosts first: their agents are clients of the cluster, and nothing restarts them.
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$prefix-l[1-9]$" || true); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip link del "$prefix${ns#"$prefix"-}" 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  # The gateways first, so they stop sending work; then every silo at once (each leaves the cluster gracefully).
  for name in $(gateway_names); do stop_supervised "$name" TERM 30 & done
  for i in $(seq 1 "$silos"); do stop_supervised "silo-$i" TERM 30 & done
  wait
  stop_postgres
  stop_redis
  for host in db $(gateway_hosts) $(seq -f 's%g' 1 "$silos"); do
    local ns
    ns=$(ns_of "$host")
    # Anything still running inside (a process this script started and lost track of) goes with the namespace.
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip link del "$(veth_of "$host")" 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  ip link del "$prefix-br" 2>/dev/null || true
  if [ "${restarting:-}" != yes ]; then
    ip route del unreachable "$subnet.0/24" metric "$unreachable_metric" 2>/dev/null || true
  fi
  sed -i '/^up=/d' "$dir/cluster.env"
  log "stopped; namespaces and bridge removed; logs and data stay in $dir"
}

case "$command" in
  up) up ;;
  status) status ;;
  cut) cut ;;
  partition) partition ;;
  heal) heal ;;
  pause) signal_silo STOP ;;
  resume) signal_silo CONT ;;
  rolling-restart) rolling_restart ;;
  kill) kill_processes ;;
  down) down ;;
  load-host) load_host ;;
  *) usage ;;
esac
