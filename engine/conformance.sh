#!/usr/bin/env bash
# Runs Hasura's own test cases (../shared/conformance/run.py) against this tree's engine jar, one fresh database
# per suite. Usage: engine/conformance.sh [--no-build] [--port P] SUITE... (queries mutations permissions
# subscriptions events, or all); extra runner options after --, e.g. -- --filter test_select -v
# Needs a git directory of hasura/graphql-engine: HASURA_GIT=/path/to/repo (default: the fetched mirror).
# The engine runs with the settings of Hasura's CI (.circleci/test-server.sh): webhook variables, stringified numerics.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1 port=18080 suites=() extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --port) port=$2; shift ;;
    --) shift; extra=("$@"); break ;;
    all) suites+=(queries mutations permissions subscriptions events) ;;
    *) suites+=("$1") ;;
  esac
  shift
done
[ ${#suites[@]} -gt 0 ] || { echo "usage: $0 [--no-build] [--port P] SUITE... [-- runner options]" >&2; exit 2; }
HASURA_GIT=${HASURA_GIT:-/work/.mirror/sthagen+hasura-graphql-engine/repo}
runner=${CONFORMANCE_RUNNER:-../shared/conformance/run.py}
out=${CONFORMANCE_OUT:-target/conformance}
mkdir -p "$out"
if [ $build = 1 ]; then ./mvnw -B -q -pl engine -am package -DskipTests; fi
status=0
for suite in "${suites[@]}"; do
  db="conf_${suite}_${port}"
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  psql -q -h 127.0.0.1 -U postgres -d "$db" -c 'CREATE EXTENSION IF NOT EXISTS postgis' >/dev/null 2>&1 || true
  # Hasura's test harness (tests-py/fixtures/hge.py) always serves with --stringify-numeric-types.
  HASURA_GRAPHQL_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$db HASURA_GRAPHQL_ADMIN_SECRET=s \
    HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES=true \
    HASURA_GRAPHQL_SERVER_PORT=$port EVENT_WEBHOOK_HANDLER=http://127.0.0.1:5592 EVENT_WEBHOOK_HEADER=MyEnvValue \
    java -jar engine/target/quarkus-app/quarkus-run.jar > "$out/engine-$suite.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf "localhost:$port/healthz" >/dev/null && break; sleep 0.5; done
  python3 "$runner" --engine "http://127.0.0.1:$port" --admin-secret s --hasura-git "$HASURA_GIT" \
    --pg "postgresql://postgres@127.0.0.1:5432/$db" --suite "$suite" --json-out "$out/$suite.json" \
    ${extra[@]+"${extra[@]}"} > "$out/$suite.txt" 2>&1 || status=1
  grep -E "^$suite: " "$out/$suite.txt" || tail -5 "$out/$suite.txt"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
exit $status
