#!/usr/bin/env bash
# Builds target/brindle-cni.aot, the JDK 25 AOT cache bin/brindle and bin/brindle-ipam start with (JEP 514:
# one training run with -XX:AOTCacheOutput). Run by Maven at package time, after the shaded jar exists.
# As root with ip(8) and host-local, the training does a real ADD/DEL in two throw-away namespaces named like the
# lab's (brt-<pid>-aot-*), removed on exit; otherwise it trains the paths that need no kernel.
# The JVM flags must be the launcher's (a cache trained with other module/native-access flags is refused).
set -euo pipefail
target=$(cd "$1" && pwd)
java_home=$2
jar=$target/brindle-cni.jar
aot=$target/brindle-cni.aot
flags=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
       -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr)
rm -f "$aot"
work=$(mktemp -d)
node="brt-$$-aot-node"
pod="brt-$$-aot-pod"
cleanup() {
  ip netns del "$pod" 2>/dev/null || true
  ip netns del "$node" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cni_path=/usr/lib/cni
if [[ $(id -u) -eq 0 ]] && command -v ip >/dev/null && [[ -x $cni_path/host-local ]]; then
  ip netns add "$node"
  ip netns add "$pod"
  ip -n "$node" link set lo up
  ip netns exec "$node" "$java_home/bin/java" "${flags[@]}" -XX:AOTCacheOutput="$aot" \
      -cp "$jar" dev.brindle.cni.aot.AotTraining "$cni_path" "$work" "/run/netns/$pod" >&2
else
  echo "train.sh: not root or no host-local: training the AOT cache without a real ADD" >&2
  "$java_home/bin/java" "${flags[@]}" -XX:AOTCacheOutput="$aot" \
      -cp "$jar" dev.brindle.cni.aot.AotTraining "$cni_path" "$work" >/dev/null
fi
ls -l "$aot" >&2
