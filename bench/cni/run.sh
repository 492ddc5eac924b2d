#!/usr/bin/env bash
# CNI ADD/DEL latency: brindle + host-local against Debian's ptp + host-local, in one run on this machine.
# brindle twice: as a runtime meets it on a node (bin/brindle -> brindle-shim -> the node's brindle-node, started
# here in the node namespace) and with BRINDLE_SHIM=off (the JVM plugin, what runs when no agent takes the call).
# Usage: bench/cni/run.sh [sequential=200] [burst=50]   (root; builds cni-plugin first if its jar is missing)
# Everything happens in namespaces named brt-<pid>-cnibench-*, removed on exit; the root netns is not touched.
# Prints one "label metric value" line per figure and a markdown table with the ratios.
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
seq=${1:-200}
burst=${2:-50}
pods=$(( seq > burst ? seq : burst ))
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
prefix="brt-$$-cnibench-"
work=$(mktemp -d)
agent_pid=
cleanup() {
  if [[ -n $agent_pid ]]; then kill "$agent_pid" 2>/dev/null || true; wait "$agent_pid" 2>/dev/null || true; fi
  for ns in $(ip netns list | awk '{print $1}' | grep "^$prefix" || true); do ip netns del "$ns"; done
  rm -rf "$work"
}
trap cleanup EXIT

[[ -f $repo/cni-plugin/target/brindle-cni.jar && -f $repo/node-agent/target/brindle-node.jar ]] || \
  (cd "$repo" && JAVA_HOME=$java_home ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl node-agent -am package >&2)

mkdir -p "$work/bin" "$work/ipam"
ln -s "$repo/bin/brindle" "$work/bin/brindle"
for p in /usr/lib/cni/*; do ln -s "$p" "$work/bin/"; done

node="${prefix}node"
ip netns add "$node"
ip -n "$node" link set lo up
ip netns add "${prefix}up"
ip -n "$node" link add up0 type veth peer name up1 netns "${prefix}up"
ip -n "$node" addr add 192.168.78.1/24 dev up0
ip -n "$node" link set up0 up
ip -n "$node" route add default via 192.168.78.2
ip netns exec "$node" sysctl -qw net.ipv4.ip_forward=1
netns=()
for i in $(seq 1 "$pods"); do
  ip netns add "${prefix}p$i"
  netns+=("/run/netns/${prefix}p$i")
done

ptp_conf="{\"cniVersion\":\"1.0.0\",\"name\":\"bench-ptp\",\"type\":\"ptp\",\"mtu\":1500,\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.251.0.0/16\",\"dataDir\":\"$work/ipam\"}}"
brl_conf="{\"cniVersion\":\"1.0.0\",\"name\":\"bench-brl\",\"type\":\"brindle\",\"mtu\":1500,\"agent_socket\":\"$work/run/agent.sock\",\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.252.0.0/16\",\"dataDir\":\"$work/ipam\"}}"
# The node's agent, as on a real node: it takes the calls brindle-shim hands over.
JAVA_HOME=$java_home ip netns exec "$node" "$repo/bin/brindle-node" --node-name bench-node \
  --datastore "file:$work/store" --ip 192.168.78.1/24 --run-dir "$work/run" --state-dir "$work/state" \
  >"$work/agent.log" 2>&1 &
agent_pid=$!
for _ in $(seq 1 600); do [[ -S $work/run/agent.sock ]] && break; sleep 0.1; done
[[ -S $work/run/agent.sock ]] || { echo "brindle-node did not start:" >&2; cat "$work/agent.log" >&2; exit 1; }
bench=(ip netns exec "$node" "$java_home/bin/java" "$repo/bench/src/main/java/dev/brindle/bench/cni/CniBench.java")
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(date -u +%FT%TZ)" >&2
# warm the page cache for both binaries, then measure ptp and brindle back to back
"${bench[@]}" warm-ptp "$work/bin/ptp" "$work/bin" "$ptp_conf" 5 0 "${netns[@]}" >/dev/null
"${bench[@]}" warm-brl "$work/bin/brindle" "$work/bin" "$brl_conf" 5 0 "${netns[@]}" >/dev/null
"${bench[@]}" ptp "$work/bin/ptp" "$work/bin" "$ptp_conf" "$seq" "$burst" "${netns[@]}" | tee "$work/ptp.txt"
"${bench[@]}" brindle "$work/bin/brindle" "$work/bin" "$brl_conf" "$seq" "$burst" "${netns[@]}" | tee "$work/brl.txt"
served=$(grep -c "ADD bench-brl" "$work/agent.log" || true)
echo "# ADDs the agent served: $served" >&2
BRINDLE_SHIM=off "${bench[@]}" brindle-jvm "$work/bin/brindle" "$work/bin" "$brl_conf" "$seq" "$burst" "${netns[@]}" \
  | tee "$work/jvm.txt"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "–" }'; }
echo
echo "| metric | ptp + host-local | brindle (shim → agent) | ratio | brindle JVM (BRINDLE_SHIM=off) | ratio |"
echo "|---|---|---|---|---|---|"
while read -r _ metric ptp; do
  brl=$(awk -v m="$metric" '$2==m {print $3}' "$work/brl.txt")
  jvm=$(awk -v m="$metric" '$2==m {print $3}' "$work/jvm.txt")
  echo "| $metric | $ptp | $brl | $(ratio "$brl" "$ptp") | $jvm | $(ratio "$jvm" "$ptp") |"
done < "$work/ptp.txt"
