#!/bin/sh
# Shared by the benchmark scripts: builds the engine jar and test classes once (unless --no-build and a
# classpath from an earlier build exist), then runs a benchmark main from the engine's test classes.
# Usage: engine/bench-run.sh <heap> <main class> [--no-build] [benchmark options…]
set -eu
HEAP=$1
MAIN=$2
shift 2
cd "$(dirname "$0")/.."
CP_FILE=engine/target/bench-classpath.txt
if [ "${1:-}" = "--no-build" ] && [ -f "$CP_FILE" ]; then
  shift
else
  [ "${1:-}" = "--no-build" ] && shift
  # One reactor invocation, so sibling modules (schema, triggers) resolve from the reactor on a fresh clone.
  ./mvnw -B -q -pl engine -am package -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
cd engine
exec java "-Xmx$HEAP" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  "$MAIN" "$@"
