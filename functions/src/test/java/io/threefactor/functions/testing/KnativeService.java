package io.threefactor.functions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Knative Service of environments/k8s/base/functions-knative.yaml, and the Knative build's jar started the way
 * its container starts it: {@code java -jar quarkus-run.jar} with the container's {@code JAVA_TOOL_OPTIONS}, the JVM
 * seeing the container's memory limit.
 */
public final class KnativeService {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KnativeService() {
    }

    /** The first container of the Service {@code name}. */
    public static JsonNode container(String name) {
        try {
            for (JsonNode doc : YAML.readerFor(JsonNode.class)
                    .<JsonNode>readValues(repository().resolve("environments/k8s/base/functions-knative.yaml").toFile())
                    .readAll()) {
                if (doc.path("kind").asText().equals("Service") && doc.path("metadata").path("name").asText().equals(name)) {
                    return doc.path("spec").path("template").path("spec").path("containers").path(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no Knative Service " + name);
    }

    /** Starts {@code app/quarkus-run.jar} as Service {@code name}'s container would, with {@code env} on top. */
    public static ArtifactProcess start(String name, Path app, Map<String, String> env, Path log) {
        JsonNode c = container(name);
        Map<String, String> all = new LinkedHashMap<>();
        c.path("env").forEach(e -> all.put(e.path("name").asText(), e.path("value").asText()));
        all.putAll(env);
        String limit = c.path("resources").path("limits").path("memory").asText();
        return ArtifactProcess.start(List.of("-XX:MaxRAM=" + limit.replace("Mi", "m")),
                List.of("-jar", app.resolve("quarkus-run.jar").toString()), app, all, log);
    }

    public static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("environments/k8s/base/functions-knative.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository above " + Path.of("").toAbsolutePath());
    }
}
