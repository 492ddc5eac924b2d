#!/usr/bin/env bash
# Where a brindle invocation's time goes: CPU (user+sys) and wall of N runs each, min and median, for
#   the JVM alone (java -version with the launcher's flags), VERSION (JVM + the spec/JSON code, no kernel, no IPAM),
#   DEL without a netns (+ slf4j + exec of host-local), ADD and DEL with a netns (+ the netlink module),
#   and ptp's ADD/DEL for reference. Usage: bench/cni/startup.sh [runs=10]   (root; namespaces brt-<pid>-cnistart-*)
# The JVM plugin only (BRINDLE_SHIM=off): what runs when no node agent takes the call; run.sh measures the shim.
set -euo pipefail
export BRINDLE_SHIM=off
repo=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
runs=${1:-10}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
prefix="brt-$$-cnistart-"
work=$(mktemp -d)
cleanup() {
  for ns in $(ip netns list | awk '{print $1}' | grep "^$prefix" || true); do ip netns del "$ns"; done
  rm -rf "$work"
}
trap cleanup EXIT
node="${prefix}node"
ip netns add "$node"
ip -n "$node" link set lo up
ip netns add "${prefix}pod"
pod="/run/netns/${prefix}pod"
conf() { echo "{\"cniVersion\":\"1.0.0\",\"name\":\"start-$1\",\"type\":\"$1\",\"mtu\":1500,\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.254.0.0/24\",\"dataDir\":\"$work\"}}"; }

# measure LABEL STDIN-FILE CMD...: prints "LABEL cpu min/median, wall min/median" over $runs runs
measure() {
  local label=$1 in=$2; shift 2
  local cpus=() walls=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/t" -f "%U %S %e" "$@" <"$in" >/dev/null 2>&1 || true
    cpus+=("$(awk '{printf "%d", ($1+$2)*1000}' "$work/t")")
    walls+=("$(awk '{printf "%d", $3*1000}' "$work/t")")
    [[ -n ${AFTER:-} ]] && eval "$AFTER" >/dev/null 2>&1 || true
  done
  local c w
  c=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d / %d", a[1], a[int((NR+1)/2)]}')
  w=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d / %d", a[1], a[int((NR+1)/2)]}')
  printf '| %s | %s | %s |\n' "$label" "$c" "$w"
}
# cni COMMAND NETNS PLUGIN: the argv of one runtime-style invocation in the node namespace
cni() { echo ip netns exec "$node" env CNI_COMMAND="$1" CNI_CONTAINERID=start1 CNI_NETNS="$2" CNI_IFNAME=eth0 \
    CNI_ARGS= CNI_PATH=/usr/lib/cni JAVA_HOME="$java_home" "$3"; }
flags=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:TieredStopAtLevel=1
       -XX:+UseSerialGC -Xss512k -XX:-UsePerfData)
echo '{"cniVersion":"1.0.0"}' >"$work/version.json"
conf brindle >"$work/brindle.json"
conf ptp >"$work/ptp.json"
echo "# $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $runs runs each"
echo "| what | CPU ms min / median | wall ms min / median |"
echo "|---|---|---|"
measure "java -version (launcher flags)" /dev/null "$java_home/bin/java" "${flags[@]}" -version
measure "brindle VERSION" "$work/version.json" env CNI_COMMAND=VERSION "$repo/bin/brindle"
brl=$repo/bin/brindle
measure "brindle DEL, no netns (+ host-local exec)" "$work/brindle.json" $(cni DEL "" "$brl")
AFTER="$(cni DEL "$pod" "$brl") <$work/brindle.json" \
  measure "brindle ADD (+ netlink module: jnr-ffi)" "$work/brindle.json" $(cni ADD "$pod" "$brl")
AFTER="$(cni ADD "$pod" "$brl") <$work/brindle.json" \
  measure "brindle DEL with netns" "$work/brindle.json" $(cni DEL "$pod" "$brl")
$(cni DEL "$pod" "$brl") <"$work/brindle.json" >/dev/null 2>&1 || true
AFTER="$(cni DEL "$pod" /usr/lib/cni/ptp) <$work/ptp.json" \
  measure "ptp ADD (reference)" "$work/ptp.json" $(cni ADD "$pod" /usr/lib/cni/ptp)
AFTER="$(cni ADD "$pod" /usr/lib/cni/ptp) <$work/ptp.json" \
  measure "ptp DEL (reference)" "$work/ptp.json" $(cni DEL "$pod" /usr/lib/cni/ptp)
$(cni DEL "$pod" /usr/lib/cni/ptp) <"$work/ptp.json" >/dev/null 2>&1 || true
