#!/usr/bin/env bash
# Shared by every launcher in bin/: find JDK 25, build the module's jar if it is missing, exec it.
# Sourced by a launcher that has set BRINDLE_MODULE (Maven module dir) and BRINDLE_JAR (jar name under target/).
# Works when the launcher is reached through a symlink (a CNI bin dir holds symlinks to bin/brindle).
set -euo pipefail

brindle_self=$(readlink -f "${BASH_SOURCE[1]}")
export BRINDLE_HOME=$(cd "$(dirname "$brindle_self")/.." && pwd)

brindle_java_home() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] \
     && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    echo "$JAVA_HOME"
  elif [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    echo /usr/lib/jvm/temurin-25-jdk-amd64
  else
    echo "brindle: JDK 25 not found (set JAVA_HOME or install temurin-25-jdk)" >&2
    exit 1
  fi
}

brindle_exec() {
  local java_home jar
  java_home=$(brindle_java_home)
  jar="$BRINDLE_HOME/$BRINDLE_MODULE/target/$BRINDLE_JAR"
  if [[ ! -f "$jar" ]]; then
    echo "brindle: $jar is missing; building it (once)..." >&2
    # Never let the build write to stdout: for the CNI plugin stdout is the result.
    # One build at a time: a burst of CNI ADDs on a fresh checkout must not start fifty Mavens.
    (cd "$BRINDLE_HOME" && flock "$BRINDLE_HOME/.build.lock" bash -c '[[ -f "$1" ]] || \
        JAVA_HOME="$2" ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl "$3" -am package' _ \
        "$jar" "$java_home" "$BRINDLE_MODULE") >&2
  fi
  local flags=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
  flags+=(${BRINDLE_JVM_FLAGS:-})
  exec "$java_home/bin/java" "${flags[@]}" ${BRINDLE_EXTRA_JVM_FLAGS:-} -jar "$jar" "$@"
}
