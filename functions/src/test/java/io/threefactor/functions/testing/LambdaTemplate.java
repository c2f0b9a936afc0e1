package io.threefactor.functions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * environments/lambda/template.yaml as AWS SAM reads it: each {@code AWS::Serverless::Function} with the
 * Globals merged in. Variables whose value is a plain string keep it; those taken from a parameter or a secret
 * ({@code Ref}, {@code Fn::Sub}) map to null: a deployment's value, which a test supplies.
 */
public final class LambdaTemplate {

    public record Function(String logicalId, String runtime, String handler, Path codeUri, int memoryMb,
            int timeoutSeconds, Map<String, String> variables, JsonNode functionUrl) {
        public String export() {
            return variables.get("QUARKUS_FUNQY_EXPORT");
        }
    }

    private final JsonNode root;
    private final Path file;

    private LambdaTemplate(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** The repository's template (found upwards from the working directory). */
    public static LambdaTemplate repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("environments/lambda/template.yaml");
            if (Files.isRegularFile(candidate)) {
                return read(candidate);
            }
        }
        throw new IllegalStateException("no environments/lambda/template.yaml above " + Path.of("").toAbsolutePath());
    }

    public static LambdaTemplate read(Path file) {
        try {
            return new LambdaTemplate(file, new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode root() {
        return root;
    }

    public List<Function> functions() {
        JsonNode globals = root.path("Globals").path("Function");
        List<Function> out = new ArrayList<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            if (!e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                return;
            }
            JsonNode p = e.getValue().path("Properties");
            Map<String, String> vars = new LinkedHashMap<>();
            for (JsonNode scope : List.of(globals, p)) {
                scope.path("Environment").path("Variables").fields().forEachRemaining(v ->
                        vars.put(v.getKey(), v.getValue().isValueNode() ? v.getValue().asText() : null));
            }
            out.add(new Function(e.getKey(), text(p, globals, "Runtime"), text(p, globals, "Handler"),
                    file.getParent().resolve(text(p, globals, "CodeUri")).normalize(),
                    Integer.parseInt(text(p, globals, "MemorySize")), Integer.parseInt(text(p, globals, "Timeout")),
                    vars, p.path("FunctionUrlConfig")));
        });
        return out;
    }

    public Function function(String export) {
        return functions().stream().filter(f -> export.equals(f.export())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no function exports " + export + " in " + file));
    }

    private static String text(JsonNode properties, JsonNode globals, String name) {
        JsonNode v = properties.has(name) ? properties.path(name) : globals.path(name);
        if (!v.isValueNode()) {
            throw new IllegalStateException(name + " is not set for every function: " + v);
        }
        return v.asText();
    }
}
