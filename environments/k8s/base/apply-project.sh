#!/usr/bin/env bash
# One-shot apply of a Hasura CLI project (migrations/, metadata/) with the engine itself.
#
# The engine applies THREEFACTOR_PROJECT_DIR at start-up (pending migrations under an advisory lock, then the
# metadata, which every running instance reloads on NOTIFY) and only then answers /healthz with 200. It has no
# one-shot mode yet, so this script starts it on loopback with event delivery off, waits for /healthz = 200,
# stops it and exits 0. Any failure (a migration error ends the engine; timeout) exits non-zero, so the Job
# retries and the rollout stops.
#
# Used by the apply-project Job (environments/k8s/base/apply-project-job.yaml) and by
# environments' ApplyProjectScriptTest against a local PostgreSQL with the real engine jar.
set -uo pipefail

ENGINE_CMD=${ENGINE_CMD:-java -jar /deployments/quarkus-run.jar}
PORT=${HASURA_GRAPHQL_SERVER_PORT:-8080}
TIMEOUT=${APPLY_TIMEOUT_SECONDS:-600}
: "${THREEFACTOR_PROJECT_DIR:?set THREEFACTOR_PROJECT_DIR to the project to apply (migrations/, metadata/)}"
: "${HASURA_GRAPHQL_DATABASE_URL:?set HASURA_GRAPHQL_DATABASE_URL: the one-shot apply never uses an embedded database}"

export HASURA_GRAPHQL_SERVER_PORT=$PORT HASURA_GRAPHQL_SERVER_HOST=127.0.0.1 THREEFACTOR_EVENTS_ENABLED=false
export THREEFACTOR_EXAMPLE_APP=false

healthy() {
  local line
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" 2>/dev/null || return 1
  printf 'GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  read -r -t 5 line <&3 || line=
  exec 3<&- 3>&-
  [[ $line == HTTP/1.?" 200"* ]]
}

echo "apply-project: applying $THREEFACTOR_PROJECT_DIR"
$ENGINE_CMD &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' INT TERM
deadline=$((SECONDS + TIMEOUT))
while true; do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"; rc=$?
    echo "apply-project: the engine exited with status $rc before it was ready: nothing or only part was applied" >&2
    exit 1
  fi
  if healthy; then
    echo "apply-project: migrations and metadata applied; stopping the engine"
    kill -TERM "$pid"; wait "$pid" 2>/dev/null
    exit 0
  fi
  if (( SECONDS >= deadline )); then
    echo "apply-project: not ready after ${TIMEOUT}s; giving up" >&2
    kill -TERM "$pid"; wait "$pid" 2>/dev/null
    exit 1
  fi
  sleep 1
done
