#!/usr/bin/env bash
# The demo: one monitoring node, three simulated targets, a scripted outage, and what the node
# recorded and reports. Everything listens on 127.0.0.1 on free ports; everything is stopped at the end.
set -euo pipefail

ARGUS=${ARGUS:-.build/release/argus}
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Starts a process in the background and prints the port from its "listening on" line.
start() {
    local log=$1; shift
    "$@" >"$log" 2>"$log.err" &
    pids+=($!)
    for _ in $(seq 1 200); do
        if grep -q '^listening on ' "$log" 2>/dev/null; then
            grep -m1 '^listening on ' "$log" | sed 's/.*://'
            return
        fi
        sleep 0.05
    done
    echo "could not start: $*" >&2; cat "$log.err" >&2; exit 1
}

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
json() { curl -fsS "$1"; echo; }

say "Starting three simulated targets"
port_a=$(start "$work/a.log" "$ARGUS" target --port 0)
port_b=$(start "$work/b.log" "$ARGUS" target --port 0)
port_c=$(start "$work/c.log" "$ARGUS" target --port 0)
echo "0xNodeA123 -> http://127.0.0.1:$port_a   0xNodeB456 -> http://127.0.0.1:$port_b   0xNodeC789 -> 127.0.0.1:$port_c (tcp)"

cat >"$work/argus.yml" <<YAML
listen: 127.0.0.1:0
data_dir: $work/data
defaults: {interval: 1, retry_interval: 0.5, timeout: 1, failures_before_down: 2, successes_before_up: 1}
targets:
  - {address: "0xNodeA123", url: "http://127.0.0.1:$port_a"}
  - {address: "0xNodeB456", url: "http://127.0.0.1:$port_b"}
  - {address: "0xNodeC789", host: "127.0.0.1:$port_c", check: tcp}
YAML
say "Starting the monitoring node (config: checks every 1 s, 2 failures confirm down)"
port=$(start "$work/node.log" "$ARGUS" serve --config "$work/argus.yml")
node="http://127.0.0.1:$port"
echo "node at $node"
sleep 2
json "$node/targets"

say "Scripted outage: 0xNodeA123 answers 503 and 0xNodeB456 hangs, for 6 seconds"
start_ts=$(date +%s.%N)
curl -fsS -X POST "http://127.0.0.1:$port_a/control" -d '{"state":"down"}' >/dev/null
curl -fsS -X POST "http://127.0.0.1:$port_b/control" -d '{"state":"hang"}' >/dev/null
sleep 6
curl -fsS -X POST "http://127.0.0.1:$port_a/control" -d '{"state":"up"}' >/dev/null
curl -fsS -X POST "http://127.0.0.1:$port_b/control" -d '{"state":"up"}' >/dev/null
end_ts=$(date +%s.%N)
sleep 3

say "What the node recorded"
for address in 0xNodeA123 0xNodeB456 0xNodeC789; do json "$node/events?address=$address"; done

say "Downtime it reports over the last minute (scripted: $(printf '%.1f' "$(echo "$end_ts - $start_ts" | bc -l 2>/dev/null || python3 -c "print($end_ts-$start_ts)")") s)"
now=$(date +%s)
for address in 0xNodeA123 0xNodeB456 0xNodeC789; do
    json "$node/downtime?address=$address&from_timestamp=$((now - 60))&to_timestamp=$now"
done

say "Errors are JSON and name the problem"
curl -sS "$node/downtime?address=0xNobody&from_timestamp=0&to_timestamp=1"; echo
curl -sS "$node/downtime?address=0xNodeA123&from_timestamp=10&to_timestamp=1"; echo

total_a=$(curl -fsS "$node/downtime?address=0xNodeA123&from_timestamp=$((now - 60))&to_timestamp=$now" | sed 's/.*"total_downtime_seconds":\([0-9-]*\).*/\1/')
if ((total_a < 4 || total_a > 8)); then
    echo "unexpected downtime for 0xNodeA123: $total_a s" >&2
    exit 1
fi
say "Demo finished: the node recorded a ${total_a} s outage for 0xNodeA123"
