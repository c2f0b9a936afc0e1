#!/bin/sh
# Cold start and memory of each deployment form: builds the three artifacts (funqy-http, Knative, Lambda) and runs
# io.threefactor.bench.ColdStartBenchmark (a main in the test sources) with the number of cold starts per form:
#   functions/serverless-bench.sh [runs]          (default 5)
#   functions/serverless-bench.sh --no-build [runs]
# Each run is a fresh JVM answering one real publish-program event (functions/README.md, "Deployment forms").
set -eu
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--no-build" ]; then
  shift
else
  ./mvnw -B -q -pl functions -am package -DskipTests
  ./mvnw -B -q -pl functions package -Pknative -DskipTests
  # The Lambda build's test classpath has AWS's runtime client, which runs the zip.
  ./mvnw -B -q -pl functions package -Plambda -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/lambda/bench-classpath.txt
fi
cd functions
exec java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/lambda/test-classes:target/lambda/classes:$(cat target/lambda/bench-classpath.txt)" \
  io.threefactor.bench.ColdStartBenchmark "${1:-5}"
