package io.threefactor.environments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The part of kustomize these manifests use, so the tests do not need kubectl: {@code resources} (files and
 * kustomization directories), {@code configMapGenerator} ({@code envs}, {@code files}), {@code patches}
 * (strategic merge: maps merge, lists of named items merge by name, other lists are replaced),
 * {@code images} and {@code namespace}. Generated ConfigMaps keep their plain names (no hash suffix), so
 * references need no rewriting. Any other kustomization field fails, so the subset cannot drift silently.
 * {@link #kubectl(Path)} renders with the real kustomize when kubectl is installed.
 */
final class Kustomize {

    static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "configMapGenerator",
            "patches", "images", "namespace", "configurations");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Kustomize() {
    }

    static ObjectNode kustomization(Path dir) {
        List<ObjectNode> docs = Yaml.documents(dir.resolve("kustomization.yaml"));
        if (docs.size() != 1) {
            throw new IllegalArgumentException(dir + "/kustomization.yaml: expected one document");
        }
        return docs.get(0);
    }

    static List<ObjectNode> build(Path dir) {
        ObjectNode k = kustomization(dir);
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(dir + ": kustomization field '" + field
                        + "' is not supported by the test renderer (Kustomize.java): add it there or avoid it");
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(build(p));
            } else {
                out.addAll(Yaml.documents(p));
            }
        }
        for (JsonNode g : k.path("configMapGenerator")) {
            out.add(configMap(dir, g));
        }
        for (JsonNode patch : k.path("patches")) {
            if (!patch.has("path") || patch.has("target") || patch.has("patch")) {
                throw new IllegalArgumentException(dir + ": only `patches: - path:` (strategic merge, targeted by "
                        + "the patch's own apiVersion/kind/name) is supported");
            }
            for (ObjectNode p : Yaml.documents(dir.resolve(patch.path("path").asText()))) {
                ObjectNode target = out.stream().filter(d -> Yaml.id(d).equals(Yaml.id(p))).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(dir + ": patch target " + Yaml.id(p)
                                + " not found"));
                merge(target, p);
            }
        }
        for (JsonNode image : k.path("images")) {
            for (ObjectNode d : out) {
                setImages(d, image.path("name").asText(), image.path("newName").asText(image.path("name").asText()),
                        image.path("newTag").asText(null));
            }
        }
        if (k.hasNonNull("namespace")) {
            for (ObjectNode d : out) {
                ((ObjectNode) d.path("metadata")).put("namespace", k.get("namespace").asText());
            }
        }
        return out;
    }

    private static ObjectNode configMap(Path dir, JsonNode g) {
        ObjectNode cm = NODES.objectNode();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", g.path("name").asText());
        ObjectNode data = cm.putObject("data");
        for (JsonNode env : g.path("envs")) {
            EnvFile.read(dir.resolve(env.asText())).values().forEach(data::put);
        }
        for (JsonNode file : g.path("files")) {
            String spec = file.asText();
            String key = spec.contains("=") ? spec.substring(0, spec.indexOf('=')) : Path.of(spec).getFileName().toString();
            String name = spec.contains("=") ? spec.substring(spec.indexOf('=') + 1) : spec;
            try {
                data.put(key, Files.readString(dir.resolve(name)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cm;
    }

    /** Strategic merge of {@code patch} into {@code target}, for the shapes used here. */
    static void merge(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode current = target.get(e.getKey());
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, value);
            } else if (value.isArray() && current != null && current.isArray() && named(value) && named(current)) {
                for (JsonNode item : value) {
                    ObjectNode match = null;
                    for (JsonNode c : current) {
                        if (c.path("name").asText().equals(item.path("name").asText())) {
                            match = (ObjectNode) c;
                        }
                    }
                    if (match != null) {
                        merge(match, item);
                    } else {
                        ((ArrayNode) current).add(item.deepCopy());
                    }
                }
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }

    private static boolean named(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return true;
    }

    private static void setImages(JsonNode node, String name, String newName, String newTag) {
        if (node.isObject()) {
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode c : node.path(list)) {
                    String image = c.path("image").asText();
                    String bare = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
                    if (c.isObject() && bare.equals(name)) {
                        ((ObjectNode) c).put("image", newTag == null ? newName : newName + ":" + newTag);
                    }
                }
            }
            node.forEach(child -> setImages(child, name, newName, newTag));
        } else if (node.isArray()) {
            node.forEach(child -> setImages(child, name, newName, newTag));
        }
    }

    /** kubectl's own kustomize rendering, or null when kubectl is not installed. */
    static List<ObjectNode> kubectl(Path dir) {
        if (!kubectlInstalled()) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
            }
            return Yaml.documents(new String(out), "kubectl kustomize " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean kubectlInstalled() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "kubectl"))) {
                return true;
            }
        }
        return false;
    }
}
