#!/bin/sh
# Subscription benchmark: builds the engine jar and the test classes, then runs
# io.threefactor.bench.SubscriptionBenchmark (a main, not a test), e.g.
#   engine/bench-subscriptions.sh --subscribers 100,1000 --rounds 10
# --no-build skips the Maven step (reuses the last build and classpath). --help lists the options.
exec "$(dirname "$0")/bench-run.sh" 2g io.threefactor.bench.SubscriptionBenchmark "$@"
