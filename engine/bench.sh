#!/bin/sh
# Engine benchmark: builds the engine jar and the test classes, then runs io.threefactor.bench.EngineBenchmark
# (a main, not a test) with the given options, e.g.  engine/bench.sh --scale 0.05 --seconds 5 --warmup 2
# --no-build skips the Maven step (reuses the last build and classpath). --help lists the options.
set -eu
cd "$(dirname "$0")/.."
CP_FILE=engine/target/bench-classpath.txt
if [ "${1:-}" = "--no-build" ] && [ -f "$CP_FILE" ]; then
  shift
else
  [ "${1:-}" = "--no-build" ] && shift
  # One reactor invocation, so sibling modules (schema) resolve from the reactor on a fresh clone.
  ./mvnw -B -q -pl engine -am package -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
cd engine
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.threefactor.bench.EngineBenchmark "$@"
