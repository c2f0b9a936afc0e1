#!/bin/sh
# Engine benchmark: builds the engine jar and the test classes, then runs io.threefactor.bench.EngineBenchmark
# (a main, not a test) with the given options, e.g.  engine/bench.sh --scale 0.05 --seconds 5 --warmup 2
# --no-build skips the Maven step (reuses the last build and classpath). --help lists the options.
exec "$(dirname "$0")/bench-run.sh" 1g io.threefactor.bench.EngineBenchmark "$@"
