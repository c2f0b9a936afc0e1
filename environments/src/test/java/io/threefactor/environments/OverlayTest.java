package io.threefactor.environments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staging and production differ only where they must: each overlay is the base plus its namespace, image tags,
 * configuration (generated from its *.env files) and patches of sizes; after taking those away, the two
 * renderings are identical.
 */
class OverlayTest {

    static final Set<String> OVERLAY_FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "images",
            "configMapGenerator", "patches");

    /** What an overlay may patch, per group/kind: sizes and scaling, nothing about behaviour. */
    static final Map<String, List<Pattern>> PATCHABLE = Map.of(
            "apps/Deployment", List.of(Pattern.compile("spec\\.replicas"),
                    Pattern.compile("spec\\.template\\.spec\\.containers\\[engine]\\.resources\\..+")),
            "autoscaling/HorizontalPodAutoscaler", List.of(Pattern.compile("spec\\.(minReplicas|maxReplicas)")),
            "policy/PodDisruptionBudget", List.of(Pattern.compile("spec\\.(minAvailable|maxUnavailable)")),
            "serving.knative.dev/Service", List.of(
                    Pattern.compile("spec\\.template\\.metadata\\.annotations\\.autoscaling\\.knative\\.dev/"
                            + "(min-scale|max-scale|target|initial-scale)"),
                    Pattern.compile("spec\\.template\\.spec\\.containerConcurrency"),
                    Pattern.compile("spec\\.template\\.spec\\.containers\\[functions]\\.resources\\..+")));

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void overlayUsesOnlyTheAllowedKustomizeFields(String environment) {
        ObjectNode k = Kustomize.kustomization(Repo.env(environment));
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            assertTrue(OVERLAY_FIELDS.contains(f), environment + ": overlay field '" + f + "' (allowed: "
                    + OVERLAY_FIELDS + ")");
        }
        assertEquals(List.of("../k8s/base"), texts(k.path("resources")), environment + ": resources");
        assertEquals(Repo.NAMESPACE.get(environment), k.path("namespace").asText(), environment + ": namespace");
        Map<String, String> generators = new TreeMap<>();
        for (JsonNode g : k.path("configMapGenerator")) {
            generators.put(g.path("name").asText(), String.join(",", texts(g.path("envs"))) + texts(g.path("files")));
        }
        assertEquals(Map.of("threefactor-engine-config", "engine.env[]", "threefactor-functions-config",
                "functions.env[]"), generators, environment + ": configMapGenerator");
        List<String> images = new ArrayList<>();
        k.path("images").forEach(i -> images.add(i.path("name").asText()));
        assertEquals(List.of("threefactor/engine", "threefactor/functions"), images, environment + ": images");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void patchesOnlyTouchSizes(String environment) {
        List<String> wrong = new ArrayList<>();
        for (ObjectNode patch : patches(environment)) {
            String kind = Yaml.id(patch).substring(0, Yaml.id(patch).lastIndexOf('/'));
            List<Pattern> allowed = PATCHABLE.getOrDefault(kind, List.of());
            List<String> leaves = new ArrayList<>();
            leaves(patch.path("spec"), "spec", leaves);
            JsonNode metadata = patch.path("metadata");
            for (Iterator<String> it = metadata.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("name")) {
                    leaves.add("metadata." + f);
                }
            }
            for (String leaf : leaves) {
                if (allowed.stream().noneMatch(p -> p.matcher(leaf).matches())) {
                    wrong.add(Yaml.id(patch) + ": " + leaf);
                }
            }
        }
        assertTrue(wrong.isEmpty(), environment + " patches what should be the same everywhere (or add the path "
                + "to OverlayTest.PATCHABLE if it must differ):\n  " + String.join("\n  ", wrong));
    }

    @Test
    void stagingAndProductionAreTheSameButForTheirOverlays() {
        Map<String, List<ObjectNode>> staging = Repo.renderings("staging");
        Map<String, List<ObjectNode>> production = Repo.renderings("production");
        List<ObjectNode> allPatches = new ArrayList<>(patches("staging"));
        allPatches.addAll(patches("production"));
        for (String renderer : staging.keySet()) {
            Map<String, JsonNode> s = normalized(staging.get(renderer), allPatches);
            Map<String, JsonNode> p = normalized(production.get(renderer), allPatches);
            assertEquals(s.keySet(), p.keySet(), renderer + ": resources");
            for (String id : s.keySet()) {
                assertEquals(s.get(id), p.get(id), renderer + ": " + id + " differs beyond namespace, image tags, "
                        + "configuration and the patched sizes");
            }
        }
    }

    static Map<String, JsonNode> normalized(List<ObjectNode> docs, List<ObjectNode> patches) {
        Map<String, String> generated = new TreeMap<>();
        for (ObjectNode d : docs) {
            if (d.path("kind").asText().equals("ConfigMap")) {
                String name = d.path("metadata").path("name").asText();
                generated.put(name, name.replaceFirst("-[a-z0-9]{10}$", ""));
            }
        }
        Map<String, JsonNode> out = new TreeMap<>();
        for (ObjectNode original : docs) {
            ObjectNode d = original.deepCopy();
            ((ObjectNode) d.path("metadata")).remove("namespace");
            rename(d, generated);
            if (d.path("kind").asText().equals("ConfigMap") && d.path("metadata").path("name").asText().endsWith("-config")) {
                d.remove("data");
            }
            untag(d);
            for (ObjectNode patch : patches) {
                if (Yaml.id(patch).equals(Yaml.id(d))) {
                    prune(d, patch);
                }
            }
            out.put(Yaml.id(d), d);
        }
        return out;
    }

    /** Removes from {@code doc} everything {@code patch} sets (but its identity). */
    static void prune(ObjectNode doc, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("apiVersion") || e.getKey().equals("kind") || e.getKey().equals("name")) {
                continue;
            }
            JsonNode current = doc.get(e.getKey());
            if (current == null) {
                continue;
            }
            if (e.getValue().isObject() && current.isObject()) {
                prune((ObjectNode) current, e.getValue());
            } else if (e.getValue().isArray() && current.isArray()) {
                for (JsonNode item : e.getValue()) {
                    for (JsonNode c : current) {
                        if (c.isObject() && item.has("name") && c.path("name").equals(item.path("name"))) {
                            prune((ObjectNode) c, item);
                        }
                    }
                }
            } else {
                doc.remove(e.getKey());
            }
        }
    }

    static void rename(JsonNode node, Map<String, String> names) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual() && names.containsKey(e.getValue().asText())) {
                    e.setValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(names.get(e.getValue().asText())));
                } else {
                    rename(e.getValue(), names);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> rename(n, names));
        }
    }

    static void untag(JsonNode node) {
        if (node.isObject()) {
            JsonNode image = node.get("image");
            if (image != null && image.isTextual() && image.asText().contains(":")) {
                ((ObjectNode) node).put("image", image.asText().substring(0, image.asText().lastIndexOf(':')));
            }
            node.forEach(OverlayTest::untag);
        } else if (node.isArray()) {
            node.forEach(OverlayTest::untag);
        }
    }

    static List<ObjectNode> patches(String environment) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode p : Kustomize.kustomization(Repo.env(environment)).path("patches")) {
            out.addAll(Yaml.documents(Repo.env(environment).resolve(p.path("path").asText())));
        }
        return out;
    }

    /** Leaf paths of a patch; list items by name: {@code spec.template.spec.containers[engine].resources.limits.cpu}. */
    static void leaves(JsonNode node, String path, List<String> out) {
        if (node.isObject() && !node.isEmpty()) {
            node.fields().forEachRemaining(e -> leaves(e.getValue(), path + "." + e.getKey(), out));
        } else if (node.isArray() && !node.isEmpty() && node.get(0).has("name")) {
            for (JsonNode item : node) {
                ObjectNode rest = ((ObjectNode) item).deepCopy();
                rest.remove("name");
                leaves(rest, path + "[" + item.path("name").asText() + "]", out);
            }
        } else {
            out.add(path);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array instanceof ArrayNode a) {
            a.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
