#!/usr/bin/env bash
# Shared by every launcher in bin/: find JDK 25, build the module's jar if it is missing, exec it.
# Sourced by a launcher that has set BRINDLE_MODULE (Maven module dir) and BRINDLE_JAR (jar name under target/);
# optionally BRINDLE_MAIN (run that class from the jar instead of its manifest's) and BRINDLE_AOT (an AOT cache
# file under target/, used when present).
# Works when the launcher is reached through a symlink (a CNI bin dir holds symlinks to bin/brindle).
set -euo pipefail

# One fork (readlink) and no subshells on this path: the CNI plugin runs it once per pod.
brindle_self=$(readlink -f "${BASH_SOURCE[1]}")
export BRINDLE_HOME=${brindle_self%/bin/*}

brindle_java_home() {
  # The release file, not `java -version`: a second JVM start would double a CNI plugin's latency.
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && -f "$JAVA_HOME/release" ]] \
     && [[ $(<"$JAVA_HOME/release") == *'JAVA_VERSION="25'* ]]; then
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
  if [[ -n "${JAVA_HOME:-}" && -f "$JAVA_HOME/release" && $(<"$JAVA_HOME/release") == *'JAVA_VERSION="25'* \
        && -x "$JAVA_HOME/bin/java" ]]; then
    java_home=$JAVA_HOME # the common case, without the subshell of brindle_java_home
  else
    java_home=$(brindle_java_home)
  fi
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
  local aot="$BRINDLE_HOME/$BRINDLE_MODULE/target/${BRINDLE_AOT:-none}"
  if [[ -n "${BRINDLE_AOT:-}" && -f "$aot" ]]; then
    flags+=(-XX:AOTCache="$aot")
  fi
  if [[ -n "${BRINDLE_MAIN:-}" ]]; then
    exec "$java_home/bin/java" "${flags[@]}" ${BRINDLE_EXTRA_JVM_FLAGS:-} -cp "$jar" "$BRINDLE_MAIN" "$@"
  fi
  exec "$java_home/bin/java" "${flags[@]}" ${BRINDLE_EXTRA_JVM_FLAGS:-} -jar "$jar" "$@"
}
