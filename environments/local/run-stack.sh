#!/usr/bin/env bash
# The whole stack locally: the functions (funqy-http fast-jar) and the engine (embedded PostgreSQL unless
# HASURA_GRAPHQL_DATABASE_URL is set, coaching app applied), the engine's event triggers pointed at the functions.
#
#   environments/local/run-stack.sh            # builds the two fast-jars if missing, then runs both; Ctrl-C stops both
#   environments/local/run-stack.sh --build    # rebuild first
#
# Ports: ENGINE_PORT (8080) and FUNCTIONS_PORT (8081). Everything else: see environments/local/local.env.
set -euo pipefail
cd "$(dirname "$0")/../.."

ENGINE_PORT=${ENGINE_PORT:-8080}
FUNCTIONS_PORT=${FUNCTIONS_PORT:-8081}
ENGINE_JAR=engine/target/quarkus-app/quarkus-run.jar
FUNCTIONS_JAR=functions/target/quarkus-app/quarkus-run.jar

if [[ ${1:-} == --build || ! -f $ENGINE_JAR || ! -f $FUNCTIONS_JAR ]]; then
  ./mvnw -B -q -pl engine,functions -am package -DskipTests
fi

# The functions read uploads from, and publish to, directories under .threefactor/storage; the seed data's
# assets point at uploads/seed/<file>.
mkdir -p .threefactor/storage/uploads/seed .threefactor/storage/public
cp -n schema/seeds/images/* .threefactor/storage/uploads/seed/ 2>/dev/null || true

# The event triggers send this secret and the functions refuse calls without it (set your own to keep it fixed).
export FUNCTIONS_WEBHOOK_SECRET=${FUNCTIONS_WEBHOOK_SECRET:-local-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

HASURA_GRAPHQL_ENDPOINT=${HASURA_GRAPHQL_ENDPOINT:-http://127.0.0.1:$ENGINE_PORT/v1/graphql} \
  java -Dquarkus.http.port="$FUNCTIONS_PORT" -jar "$FUNCTIONS_JAR" > >(sed -u 's/^/[functions] /') 2>&1 &
pids+=($!)

PUBLISH_PROGRAM_WEBHOOK_URL=${PUBLISH_PROGRAM_WEBHOOK_URL:-http://127.0.0.1:$FUNCTIONS_PORT/publish-program} \
PROCESS_IMAGE_WEBHOOK_URL=${PROCESS_IMAGE_WEBHOOK_URL:-http://127.0.0.1:$FUNCTIONS_PORT/process-image} \
HASURA_GRAPHQL_SERVER_PORT=$ENGINE_PORT \
  java -jar "$ENGINE_JAR" > >(sed -u 's/^/[engine] /') 2>&1 &
pids+=($!)

echo "run-stack: engine http://localhost:$ENGINE_PORT/v1/graphql, functions http://localhost:$FUNCTIONS_PORT (Ctrl-C stops both)"
wait -n
echo "run-stack: one process ended; stopping the other"
