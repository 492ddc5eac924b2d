#!/usr/bin/env bash
# The one command that runs every brindle test (README "Run every test"; .ci/run runs exactly this).
#  1. installs, idempotently, the Debian packages the tests drive (real kernel tools, real BGP daemons,
#     the reference CNI plugins) — a no-op when they are already there;
#  2. runs the whole Maven reactor: unit tests (surefire) and kernel/interop tests (failsafe).
# Needs root: the integration tests build their own network namespaces. Under CI=true a test that would
# have to skip for lack of root or a tool fails instead.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

PACKAGES=(
  gcc libc6-dev                                         # brindle-shim, linked statically (cni-plugin/src/main/c)
  iproute2 iputils-ping procps psmisc kmod util-linux  # namespaces, ip -j, ping, kill by pid, nsenter/unshare
  containernetworking-plugins                           # host-local, ptp, portmap, bandwidth, loopback
  bird2 gobgpd frr                                      # BGP interop peers
  tcpdump nftables iptables iperf3 socat                 # captures, NAT, throughput, TCP exchange
  jq busybox-static                                     # result checks, container rootfs
  podman containerd runc conmon                         # real container runtimes driving the CNI plugin
  user-mode-linux qemu-system-x86                       # guest kernels with ipip (../shared/tools/run-in-vm.sh)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "== installing: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "scripts/test.sh: these packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Daemons must not start from their package scripts: tests start their own, in namespaces, by PID.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export JAVA_HOME=${BRINDLE_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
echo "== building and testing with $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"

# The tests must leave the machine as they found it: no namespace, and nothing in the root namespace.
root_state() {
  ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | sort
  ip route show table all | grep -v -E '^(local|broadcast|multicast|anycast) ' | sort
  ip netns list | awk '{print $1}' | sort
}
before=$(root_state)
status=0
./mvnw -B -ntp verify "$@" || status=$?
after=$(root_state)
# Only what the run added counts: something that was already there and went away is not ours to report.
added=$(comm -13 <(echo "$before" | sort) <(echo "$after" | sort))
if [[ -n "$added" ]]; then
  echo "== FAIL: the tests left namespaces behind or added to the root namespace:" >&2
  echo "$added" >&2
  [[ $status -ne 0 ]] || status=1
fi
exit $status
