# The engine image: the fast-jar plus the Hasura CLI project the apply-project Job applies.
#   ./mvnw -B -pl engine -am package -DskipTests
#   docker build -f environments/docker/engine.Dockerfile -t ghcr.io/threefactor/engine:<version> .
# (build context: the repository root). The overlays pin <version> (environments/<env>/kustomization.yaml).
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21
ENV LANGUAGE='en_US:en'
COPY --chown=185 engine/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185 engine/target/quarkus-app/*.jar /deployments/
COPY --chown=185 engine/target/quarkus-app/app/ /deployments/app/
COPY --chown=185 engine/target/quarkus-app/quarkus/ /deployments/quarkus/
# migrations and metadata only: seeds are for local and test databases, never for staging or production.
COPY --chown=185 schema/migrations/ /deployments/project/migrations/
COPY --chown=185 schema/metadata/ /deployments/project/metadata/
EXPOSE 8080
USER 185
ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"
ENTRYPOINT [ "/opt/jboss/container/java/run/run-java.sh" ]
