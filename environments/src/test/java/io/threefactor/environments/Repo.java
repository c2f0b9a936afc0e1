package io.threefactor.environments;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Where things are, and the variables the apps read, derived from their configuration. */
final class Repo {

    /** The environments module (surefire runs in it); the repository is its parent. */
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path ROOT = MODULE.getParent();
    static final List<String> DEPLOYED = List.of("staging", "production");
    static final Map<String, String> NAMESPACE = Map.of("staging", "threefactor-staging",
            "production", "threefactor-production");
    static final Map<String, String> PROFILE = Map.of("staging", "staging", "production", "prod");

    static final Path ENGINE_JAR = ROOT.resolve("engine/target/quarkus-app/quarkus-run.jar");

    /** Secrets the manifests reference, and the file listing each one's keys (per environment directory). */
    static final Map<String, String> SECRET_EXAMPLES = Map.of(
            "threefactor-engine-secrets", "engine-secrets.env.example",
            "threefactor-functions-secrets", "functions-secrets.env.example");

    /**
     * EngineConfig properties with no Hasura alias that deployments set as THREEFACTOR_* variables, and
     * Quarkus's profile switch.
     */
    static final Set<String> ENGINE_EXPLICIT = Set.of("QUARKUS_PROFILE", "THREEFACTOR_EVENTS_INSTANCE_ID",
            "THREEFACTOR_EXAMPLE_APP", "THREEFACTOR_EMBEDDED_ENABLED");

    /** What only the apply-project Job sets: the one-shot mode, its project, and no event delivery. */
    static final Set<String> JOB_EXPLICIT = Set.of("THREEFACTOR_APPLY_AND_EXIT", "THREEFACTOR_PROJECT_DIR",
            "THREEFACTOR_EVENTS_ENABLED");

    /** functions' StorageConfig (threefactor.storage.*) as environment variables: what staging/production set. */
    static final Set<String> FUNCTIONS_EXPLICIT = Set.of("THREEFACTOR_STORAGE_KIND",
            "THREEFACTOR_STORAGE_UPLOADS_NAME", "THREEFACTOR_STORAGE_PUBLIC_NAME",
            "THREEFACTOR_STORAGE_PUBLIC_BASE_URL", "THREEFACTOR_STORAGE_PUBLIC_ACL",
            "THREEFACTOR_STORAGE_S3_ENDPOINT", "THREEFACTOR_STORAGE_S3_REGION", "THREEFACTOR_STORAGE_S3_PATH_STYLE",
            "THREEFACTOR_STORAGE_S3_ACCESS_KEY_ID", "THREEFACTOR_STORAGE_S3_SECRET_ACCESS_KEY");

    /**
     * Variables the environments provide that the apps may not read (yet), each on purpose: Hasura's
     * event-trigger variables, which the engine maps as its events settings land. Anything else unknown fails as a probable typo.
     */
    static final Set<String> PLANNED = Set.of("HASURA_GRAPHQL_EVENTS_HTTP_POOL_SIZE",
            "HASURA_GRAPHQL_EVENTS_FETCH_BATCH_SIZE", "HASURA_GRAPHQL_EVENTS_FETCH_INTERVAL",
            "HASURA_GRAPHQL_GRACEFUL_SHUTDOWN_TIMEOUT");

    /** Read by the JVM, not by the apps' configuration. */
    static final Set<String> RUNTIME = Set.of("JAVA_TOOL_OPTIONS");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{([A-Z][A-Z0-9_]*)}}");
    private static final Pattern FROM_ENV = Pattern.compile("(?:value|webhook)_from_env:\\s*'?([A-Z][A-Z0-9_]*)");

    private Repo() {
    }

    /** Every {@code ${ENV_VAR...}} placeholder in the engine's application*.properties, plus metadata {{VARS}}. */
    static Set<String> engineVariables() {
        Set<String> vars = new TreeSet<>(ENGINE_EXPLICIT);
        try (Stream<Path> files = Files.list(ROOT.resolve("engine/src/main/resources"))) {
            files.filter(p -> p.getFileName().toString().matches("application(-[a-z]+)?\\.properties"))
                    .forEach(p -> vars.addAll(matches(PLACEHOLDER, read(p))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        vars.addAll(metadataVariables());
        return vars;
    }

    /**
     * {@code {{VAR}}} templates (webhook URLs) and {@code value_from_env} / {@code webhook_from_env} names (trigger
     * headers) in schema/metadata: the engine resolves them from env.
     */
    static Set<String> metadataVariables() {
        Set<String> vars = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("schema/metadata"))) {
            files.filter(Files::isRegularFile).forEach(p -> {
                vars.addAll(matches(TEMPLATE, read(p)));
                vars.addAll(matches(FROM_ENV, read(p)));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vars;
    }

    static Set<String> functionsVariables() {
        Set<String> vars = new TreeSet<>(FUNCTIONS_EXPLICIT);
        vars.addAll(matches(PLACEHOLDER, read(ROOT.resolve("functions/src/main/resources/application.properties"))));
        return vars;
    }

    static Set<String> matches(Pattern pattern, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path env(String environment) {
        return MODULE.resolve(environment);
    }

    /** The overlay rendered by the test renderer, and by kubectl too when it is installed. */
    static Map<String, List<ObjectNode>> renderings(String environment) {
        Map<String, List<ObjectNode>> out = new java.util.LinkedHashMap<>();
        out.put("test renderer", Kustomize.build(env(environment)));
        List<ObjectNode> kubectl = Kustomize.kubectl(env(environment));
        if (kubectl != null) {
            out.put("kubectl kustomize", kubectl);
        }
        System.out.println("environments: " + environment + " rendered by " + out.keySet());
        return out;
    }
}
