# The functions image for Knative (funqy-knative-events; plain `POST /<function>` keeps working):
#   ./mvnw -B -pl functions package -Pknative -DskipTests   (functions/target/knative/quarkus-app)
#   docker build -f environments/docker/functions.Dockerfile -t ghcr.io/threefactor/functions:<version> .
# (AWS Lambda does not use an image: environments/lambda/template.yaml deploys functions/target/lambda/function.zip.)
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21
ENV LANGUAGE='en_US:en'
COPY --chown=185 functions/target/knative/quarkus-app/lib/ /deployments/lib/
COPY --chown=185 functions/target/knative/quarkus-app/*.jar /deployments/
COPY --chown=185 functions/target/knative/quarkus-app/app/ /deployments/app/
COPY --chown=185 functions/target/knative/quarkus-app/quarkus/ /deployments/quarkus/
EXPOSE 8080
USER 185
ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"
ENTRYPOINT [ "/opt/jboss/container/java/run/run-java.sh" ]
