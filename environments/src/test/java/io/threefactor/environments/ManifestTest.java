package io.threefactor.environments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every manifest parses, and each rendered environment (staging, production; by the test renderer and, where
 * installed, by kubectl) has what each kind needs to run: the engine Deployment, its Service, PDB and HPA, the
 * apply-project Job and the functions' Knative Services.
 */
class ManifestTest {

    static final Set<String> EXPECTED = Set.of(
            "apps/Deployment/threefactor-engine", "/Service/threefactor-engine",
            "policy/PodDisruptionBudget/threefactor-engine", "autoscaling/HorizontalPodAutoscaler/threefactor-engine",
            "batch/Job/threefactor-apply-project", "serving.knative.dev/Service/publish-program",
            "serving.knative.dev/Service/process-image", "/ConfigMap/threefactor-engine-config",
            "/ConfigMap/threefactor-functions-config");

    @Test
    void everyYamlFileParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Repo.MODULE)) {
            // Manifests, not the tests' own fixtures (src/: e.g. a Hasura project).
            files = walk.filter(p -> !p.startsWith(Repo.MODULE.resolve("target")) && !p.startsWith(Repo.MODULE.resolve("src")))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList();
        }
        assertTrue(files.size() >= 12, "manifests found: " + files);
        for (Path f : files) {
            List<ObjectNode> docs = Yaml.documents(f);
            assertFalse(docs.isEmpty(), f + " has no document");
            for (ObjectNode d : docs) {
                boolean kustomize = f.getFileName().toString().equals("kustomization.yaml")
                        || f.getParent().getFileName().toString().equals("kustomizeconfig");
                boolean cloudFormation = d.has("AWSTemplateFormatVersion");
                if (!kustomize && !cloudFormation) {
                    assertTrue(d.hasNonNull("apiVersion") && d.hasNonNull("kind")
                            && d.path("metadata").hasNonNull("name"), f + ": apiVersion, kind, metadata.name: " + d);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void renderedEnvironmentIsComplete(String environment) {
        for (Map.Entry<String, List<ObjectNode>> r : Repo.renderings(environment).entrySet()) {
            List<String> problems = new ArrayList<>();
            check(environment, r.getValue(), problems);
            if (!problems.isEmpty()) {
                fail(environment + " (" + r.getKey() + "):\n  " + String.join("\n  ", problems));
            }
        }
    }

    static void check(String environment, List<ObjectNode> docs, List<String> problems) {
        Set<String> ids = docs.stream().map(d -> stripHash(Yaml.id(d), docs)).collect(Collectors.toSet());
        for (String e : EXPECTED) {
            if (!ids.contains(e)) {
                problems.add("missing " + e + " (have " + ids + ")");
            }
        }
        Set<String> configMaps = docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
                .map(d -> d.path("metadata").path("name").asText()).collect(Collectors.toSet());
        ObjectNode deployment = null;
        for (ObjectNode d : docs) {
            String id = Yaml.id(d);
            if (!Repo.NAMESPACE.get(environment).equals(d.path("metadata").path("namespace").asText())) {
                problems.add(id + ": namespace is not " + Repo.NAMESPACE.get(environment));
            }
            switch (Yaml.id(d).substring(0, Yaml.id(d).lastIndexOf('/'))) {
                case "apps/Deployment" -> {
                    deployment = d;
                    deploymentChecks(d, problems);
                }
                case "batch/Job" -> jobChecks(d, problems);
                case "serving.knative.dev/Service" -> knativeChecks(d, problems);
                default -> { }
            }
            for (JsonNode c : containers(d)) {
                envRefChecks(id, c, configMaps, problems);
            }
            if (!containers(d).isEmpty() && podSpec(d).path("enableServiceLinks").asBoolean(true)) {
                problems.add(id + ": enableServiceLinks: false (the Service threefactor-engine would inject "
                        + "THREEFACTOR_ENGINE_* variables, the apps' configuration prefix)");
            }
            for (JsonNode v : podSpec(d).path("volumes")) {
                if (v.has("configMap") && !configMaps.contains(v.path("configMap").path("name").asText())) {
                    problems.add(id + ": volume " + v.path("name").asText() + " mounts a ConfigMap that is not there: "
                            + v.path("configMap").path("name").asText());
                }
            }
        }
        if (deployment == null) {
            return;
        }
        JsonNode podLabels = Yaml.at(deployment, "spec.template.metadata.labels");
        int replicas = deployment.path("spec").path("replicas").asInt();
        for (ObjectNode d : docs) {
            String id = Yaml.id(d);
            switch (id) {
                case "/Service/threefactor-engine" -> {
                    JsonNode ports = d.path("spec").path("ports");
                    if (ports.isEmpty()) {
                        problems.add(id + ": no ports");
                    }
                    for (JsonNode p : ports) {
                        if (!p.has("port")) {
                            problems.add(id + ": a port without `port`");
                        }
                        if (!containerPortExists(deployment, p.path("targetPort"))) {
                            problems.add(id + ": targetPort " + p.path("targetPort") + " is no engine container port");
                        }
                    }
                    if (!selects(d.path("spec").path("selector"), podLabels)) {
                        problems.add(id + ": selector does not select the engine pods");
                    }
                }
                case "policy/PodDisruptionBudget/threefactor-engine" -> {
                    if (!selects(d.path("spec").path("selector").path("matchLabels"), podLabels)
                            || d.path("spec").path("selector").path("matchLabels").isEmpty()) {
                        problems.add(id + ": selector.matchLabels does not select the engine pods");
                    }
                    JsonNode min = d.path("spec").path("minAvailable");
                    if (!min.isInt() && !d.path("spec").has("maxUnavailable")) {
                        problems.add(id + ": needs minAvailable (a number) or maxUnavailable");
                    } else if (min.isInt() && min.asInt() >= replicas) {
                        problems.add(id + ": minAvailable " + min.asInt() + " >= replicas " + replicas
                                + " would block every node drain");
                    }
                }
                case "autoscaling/HorizontalPodAutoscaler/threefactor-engine" -> {
                    JsonNode ref = d.path("spec").path("scaleTargetRef");
                    if (!ref.path("kind").asText().equals("Deployment")
                            || !ref.path("name").asText().equals("threefactor-engine")) {
                        problems.add(id + ": scaleTargetRef is not the engine Deployment: " + ref);
                    }
                    int min = d.path("spec").path("minReplicas").asInt();
                    int max = d.path("spec").path("maxReplicas").asInt();
                    if (min < 2 || max < min) {
                        problems.add(id + ": minReplicas " + min + " (>= 2) and maxReplicas " + max + " (>= min)");
                    }
                    if (min != replicas) {
                        problems.add(id + ": minReplicas " + min + " differs from the Deployment's replicas " + replicas);
                    }
                    if (d.path("spec").path("metrics").isEmpty()) {
                        problems.add(id + ": no metrics");
                    }
                }
                default -> { }
            }
        }
    }

    static void deploymentChecks(ObjectNode d, List<String> problems) {
        String id = Yaml.id(d);
        if (d.path("spec").path("replicas").asInt() < 2) {
            problems.add(id + ": replicas must be >= 2");
        }
        JsonNode match = Yaml.at(d, "spec.selector.matchLabels");
        if (match.isEmpty() || !selects(match, Yaml.at(d, "spec.template.metadata.labels"))) {
            problems.add(id + ": spec.selector.matchLabels must select the template's labels");
        }
        boolean podNonRoot = Yaml.at(d, "spec.template.spec.securityContext.runAsNonRoot").asBoolean();
        for (JsonNode c : containers(d)) {
            String cid = id + " container " + c.path("name").asText();
            imageCheck(cid, c, problems);
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                JsonNode get = c.path(probe).path("httpGet");
                if (get.path("path").asText().isEmpty() || !containerPortExists(d, get.path("port"))) {
                    problems.add(cid + ": " + probe + " needs httpGet with a path and a container port");
                }
            }
            // Ready = database and metadata (and DOWN once shutdown begins); alive must not depend on the database.
            if (!c.path("readinessProbe").path("httpGet").path("path").asText().equals("/q/health/ready")) {
                problems.add(cid + ": readiness must be /q/health/ready");
            }
            if (!c.path("livenessProbe").path("httpGet").path("path").asText().equals("/q/health/live")) {
                problems.add(cid + ": liveness must be /q/health/live");
            }
            resourcesCheck(cid, c, problems);
            if (!podNonRoot && !c.path("securityContext").path("runAsNonRoot").asBoolean()) {
                problems.add(cid + ": runAsNonRoot");
            }
            if (c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)) {
                problems.add(cid + ": securityContext.allowPrivilegeEscalation must be false");
            }
        }
    }

    static void jobChecks(ObjectNode d, List<String> problems) {
        String id = Yaml.id(d);
        String restart = Yaml.at(d, "spec.template.spec.restartPolicy").asText();
        if (!restart.equals("Never") && !restart.equals("OnFailure")) {
            problems.add(id + ": spec.template.spec.restartPolicy must be Never or OnFailure, is '" + restart + "'");
        }
        if (!d.path("spec").has("backoffLimit")) {
            problems.add(id + ": spec.backoffLimit");
        }
        for (JsonNode c : containers(d)) {
            imageCheck(id, c, problems);
            resourcesCheck(id, c, problems);
        }
    }

    static void knativeChecks(ObjectNode d, List<String> problems) {
        String id = Yaml.id(d);
        if (!d.path("apiVersion").asText().equals("serving.knative.dev/v1")) {
            problems.add(id + ": apiVersion serving.knative.dev/v1");
        }
        JsonNode cs = Yaml.at(d, "spec.template.spec.containers");
        if (cs.size() != 1) {
            problems.add(id + ": spec.template.spec.containers must hold exactly one container");
        }
        for (JsonNode c : cs) {
            imageCheck(id, c, problems);
            resourcesCheck(id, c, problems);
            if (c.path("ports").size() > 1) {
                problems.add(id + ": Knative allows one port");
            }
        }
        if (!Yaml.at(d, "spec.template.metadata.annotations").has("autoscaling.knative.dev/max-scale")) {
            problems.add(id + ": autoscaling.knative.dev/max-scale");
        }
    }

    static void imageCheck(String id, JsonNode c, List<String> problems) {
        String image = c.path("image").asText();
        if (image.isEmpty() || !image.contains("/") || !image.substring(image.lastIndexOf('/')).contains(":")
                || image.endsWith(":latest")) {
            problems.add(id + ": image must be a registry path with a fixed tag (set by the overlay), is '" + image + "'");
        }
    }

    static void resourcesCheck(String id, JsonNode c, List<String> problems) {
        JsonNode r = c.path("resources");
        for (String path : List.of("requests.cpu", "requests.memory", "limits.memory")) {
            if (Yaml.at(r, path).asText().isEmpty()) {
                problems.add(id + ": resources." + path);
            }
        }
    }

    static void envRefChecks(String id, JsonNode c, Set<String> configMaps, List<String> problems) {
        for (JsonNode from : c.path("envFrom")) {
            if (from.has("configMapRef") && !configMaps.contains(from.path("configMapRef").path("name").asText())) {
                problems.add(id + ": envFrom ConfigMap " + from.path("configMapRef").path("name").asText()
                        + " is not generated (have " + configMaps + ")");
            }
            if (from.has("secretRef") && !Repo.SECRET_EXAMPLES.containsKey(from.path("secretRef").path("name").asText())) {
                problems.add(id + ": envFrom Secret " + from.path("secretRef").path("name").asText()
                        + " has no *.env.example listing its keys");
            }
        }
    }

    static JsonNode podSpec(JsonNode d) {
        return Yaml.at(d, "spec.template.spec");
    }

    static List<JsonNode> containers(JsonNode d) {
        List<JsonNode> out = new ArrayList<>();
        podSpec(d).path("containers").forEach(out::add);
        return out;
    }

    static boolean containerPortExists(JsonNode deployment, JsonNode port) {
        for (JsonNode c : containers(deployment)) {
            for (JsonNode p : c.path("ports")) {
                if (port.isInt() ? p.path("containerPort").asInt() == port.asInt()
                        : p.path("name").asText().equals(port.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** kubectl appends a content hash to generated ConfigMaps: compare by the generator's name. */
    static String stripHash(String id, List<ObjectNode> docs) {
        return id.startsWith("/ConfigMap/") ? id.replaceFirst("-[a-z0-9]{10}$", "") : id;
    }

    @Test
    void everyEnvironmentHasTheSameResources() {
        Set<Set<String>> sets = new HashSet<>();
        for (String env : Repo.DEPLOYED) {
            List<ObjectNode> docs = Kustomize.build(Repo.env(env));
            sets.add(docs.stream().map(d -> stripHash(Yaml.id(d), docs)).collect(Collectors.toSet()));
        }
        assertEquals(1, sets.size(), "staging and production render different resources: " + sets);
    }
}
