#!/bin/sh
# Subscription benchmark: builds the engine jar and the test classes, then runs
# io.threefactor.bench.SubscriptionBenchmark (a main, not a test), e.g.
#   engine/bench-subscriptions.sh --subscribers 100,1000 --rounds 10
# --no-build skips the Maven step (reuses the last build and classpath). --help lists the options.
set -eu
cd "$(dirname "$0")/.."
CP_FILE=engine/target/bench-classpath.txt
if [ "${1:-}" = "--no-build" ] && [ -f "$CP_FILE" ]; then
  shift
else
  [ "${1:-}" = "--no-build" ] && shift
  ./mvnw -B -q -pl engine -am package -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
cd engine
exec java -Xmx2g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.threefactor.bench.SubscriptionBenchmark "$@"
