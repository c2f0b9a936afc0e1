package io.threefactor.environments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every variable the apps read (derived from their application*.properties placeholders and the metadata's
 * {{VAR}} templates, plus {@link Repo#ENGINE_EXPLICIT} / {@link Repo#FUNCTIONS_EXPLICIT}) is provided to every
 * workload in every environment, or recorded as deliberately unset; nothing unknown is provided; no secret
 * value is committed.
 */
class EnvironmentVariablesTest {

    /** Names whose values are secrets: never in a ConfigMap env file, only in a *.env.example (names only). */
    static final Pattern SECRET_NAME = Pattern.compile(".*(ADMIN_SECRET|WEBHOOK_SECRET|PASSWORD|SECRET_ACCESS_KEY|ACCESS_KEY_ID"
            + "|DATABASE_URL|REPLICA_URLS|USERNAME)$");

    @Test
    void theAppsReadWhatWeExpect() {
        Set<String> engine = Repo.engineVariables();
        // A sanity check of the derivation itself: if these vanish, the scan broke, not the environments.
        assertTrue(engine.containsAll(Set.of("HASURA_GRAPHQL_DATABASE_URL", "HASURA_GRAPHQL_ADMIN_SECRET",
                "HASURA_GRAPHQL_SERVER_PORT", "PUBLISH_PROGRAM_WEBHOOK_URL", "PROCESS_IMAGE_WEBHOOK_URL",
                "FUNCTIONS_WEBHOOK_SECRET")), engine::toString);
        assertTrue(Repo.functionsVariables().containsAll(Set.of("HASURA_GRAPHQL_ENDPOINT", "HASURA_GRAPHQL_ADMIN_SECRET",
                "FUNCTIONS_WEBHOOK_SECRET")),
                Repo.functionsVariables()::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyWorkloadGetsEveryVariableItReads(String environment) {
        EnvFile engineEnv = EnvFile.read(Repo.env(environment).resolve("engine.env"));
        EnvFile functionsEnv = EnvFile.read(Repo.env(environment).resolve("functions.env"));
        Set<String> engineRequired = Repo.engineVariables();
        Set<String> jobRequired = new TreeSet<>(engineRequired);
        jobRequired.addAll(Repo.JOB_EXPLICIT);
        jobRequired.remove("THREEFACTOR_EVENTS_INSTANCE_ID"); // the one-shot run delivers no events
        Set<String> functionsRequired = Repo.functionsVariables();

        for (Map.Entry<String, List<ObjectNode>> rendering : Repo.renderings(environment).entrySet()) {
            List<String> problems = new ArrayList<>();
            for (ObjectNode d : rendering.getValue()) {
                String id = Yaml.id(d);
                for (JsonNode c : ManifestTest.containers(d)) {
                    Map<String, String> provided = provided(environment, rendering.getValue(), c);
                    switch (id) {
                        case "apps/Deployment/threefactor-engine" ->
                                compare(id, provided, engineRequired, engineEnv, problems);
                        case "batch/Job/threefactor-apply-project" ->
                                compare(id, provided, jobRequired, engineEnv, problems);
                        case "serving.knative.dev/Service/publish-program", "serving.knative.dev/Service/process-image" ->
                                compare(id, provided, functionsRequired, functionsEnv, problems);
                        default -> problems.add(id + ": a workload this test does not know: add its variables");
                    }
                }
            }
            if (!problems.isEmpty()) {
                fail(environment + " (" + rendering.getKey() + "):\n  " + String.join("\n  ", problems));
            }
        }
    }

    /** name → where it comes from, for one container. */
    static Map<String, String> provided(String environment, List<ObjectNode> docs, JsonNode container) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                String name = from.path("configMapRef").path("name").asText();
                docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")
                                && d.path("metadata").path("name").asText().equals(name))
                        .forEach(cm -> cm.path("data").fields().forEachRemaining(e -> {
                            if (!e.getValue().asText().isEmpty()) {
                                out.put(e.getKey(), "ConfigMap " + name);
                            }
                        }));
            }
            if (from.has("secretRef")) {
                String name = from.path("secretRef").path("name").asText();
                String example = Repo.SECRET_EXAMPLES.get(name);
                if (example != null) {
                    EnvFile.read(Repo.env(environment).resolve(example)).values().keySet()
                            .forEach(k -> out.put(k, "Secret " + name));
                }
            }
        }
        for (JsonNode e : container.path("env")) {
            out.put(e.path("name").asText(), "env");
        }
        return out;
    }

    static void compare(String id, Map<String, String> provided, Set<String> required, EnvFile env,
                        List<String> problems) {
        for (String var : required) {
            if (!provided.containsKey(var) && !env.unset().containsKey(var)) {
                problems.add(id + ": " + var + " is read by the app but neither provided nor listed as "
                        + "`# unset " + var + ": reason` in " + Repo.MODULE.relativize(env.path()));
            }
        }
        for (String var : provided.keySet()) {
            boolean known = required.contains(var) || Repo.PLANNED.contains(var) || Repo.RUNTIME.contains(var)
                    || var.startsWith("QUARKUS_");
            if (!known) {
                problems.add(id + ": " + var + " (" + provided.get(var) + ") is read by nothing: a typo? "
                        + "(planned ones go in Repo.PLANNED)");
            }
            if (env.unset().containsKey(var)) {
                problems.add(id + ": " + var + " is both provided and listed as unset");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void noSecretIsCommitted(String environment) throws Exception {
        for (String example : Repo.SECRET_EXAMPLES.values()) {
            EnvFile f = EnvFile.read(Repo.env(environment).resolve(example));
            assertTrue(!f.values().isEmpty(), example + " lists no names");
            f.values().forEach((k, v) -> assertEquals("", v, environment + "/" + example + ": " + k
                    + " has a value; *.env.example files carry names only"));
        }
        for (String file : List.of("engine.env", "functions.env")) {
            EnvFile f = EnvFile.read(Repo.env(environment).resolve(file));
            for (String k : f.values().keySet()) {
                assertTrue(!SECRET_NAME.matcher(k).matches(), environment + "/" + file + ": " + k
                        + " is a secret: move its name to the *-secrets.env.example");
            }
            String jwt = f.values().get("HASURA_GRAPHQL_JWT_SECRETS");
            if (jwt != null) {
                for (JsonNode config : new ObjectMapper().readTree(jwt)) {
                    assertTrue(config.has("jwk_url") && !config.has("key"), environment + "/" + file
                            + ": a JWT configuration with a key is a secret; JWKS ones only here: " + config);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void environmentSpecificValues(String environment) throws Exception {
        EnvFile engine = EnvFile.read(Repo.env(environment).resolve("engine.env"));
        EnvFile functions = EnvFile.read(Repo.env(environment).resolve("functions.env"));
        assertEquals(Repo.PROFILE.get(environment), engine.values().get("QUARKUS_PROFILE"), "QUARKUS_PROFILE");
        String ns = Repo.NAMESPACE.get(environment);
        // Function and engine URLs point into this environment's namespace, never another's.
        for (String var : List.of("PUBLISH_PROGRAM_WEBHOOK_URL", "PROCESS_IMAGE_WEBHOOK_URL")) {
            assertTrue(engine.values().get(var).contains("." + ns + ".svc"), var + " -> " + ns);
        }
        assertTrue(functions.values().get("HASURA_GRAPHQL_ENDPOINT").contains("threefactor-engine." + ns + ".svc"),
                "HASURA_GRAPHQL_ENDPOINT -> " + ns);
        assertEquals("s3", functions.values().get("THREEFACTOR_STORAGE_KIND"));
        // Two identity projects (coach app, client app), their own per environment.
        JsonNode jwt = new ObjectMapper().readTree(engine.values().get("HASURA_GRAPHQL_JWT_SECRETS"));
        assertEquals(2, jwt.size(), "one JWT configuration per identity project");
        Set<String> issuers = new TreeSet<>();
        jwt.forEach(c -> issuers.add(c.path("issuer").asText()));
        assertEquals(2, issuers.size(), "separate issuers: " + issuers);
        issuers.forEach(i -> assertTrue(i.endsWith("-" + environment), i + " belongs to " + environment));
    }
}
