#!/bin/sh
# Round-trip benchmark: builds the engine and functions jars and the test classes, then runs
# io.threefactor.bench.RoundTripBenchmark (a main, not a test) with the given options, e.g.
#   functions/bench.sh --round-trips 200 --warmup 30
# --no-build skips the Maven step (reuses the last build and classpath). --help lists the options.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth).
set -eu
cd "$(dirname "$0")/.."
CP_FILE=functions/target/roundtrip-classpath.txt
if [ "${1:-}" = "--no-build" ] && [ -f "$CP_FILE" ]; then
  shift
else
  [ "${1:-}" = "--no-build" ] && shift
  ./mvnw -B -q -pl engine,functions -am package -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/roundtrip-classpath.txt
fi
cd functions
exec java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/roundtrip-classpath.txt)" \
  io.threefactor.bench.RoundTripBenchmark "$@"
