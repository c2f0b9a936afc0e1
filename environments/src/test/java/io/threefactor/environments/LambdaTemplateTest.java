package io.threefactor.environments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AWS SAM description of the functions: one Lambda per Funqy function, with every variable they read. */
class LambdaTemplateTest {

    /** On Lambda, S3 credentials come from the function's role (default credentials chain). */
    static final Set<String> LAMBDA_UNSET = Set.of("THREEFACTOR_STORAGE_S3_ACCESS_KEY_ID",
            "THREEFACTOR_STORAGE_S3_SECRET_ACCESS_KEY");

    @Test
    void everyFunctionIsDeployedWithItsConfiguration() {
        List<ObjectNode> docs = Yaml.documents(Repo.MODULE.resolve("lambda/template.yaml"));
        assertEquals(1, docs.size());
        JsonNode t = docs.get(0);
        assertEquals("AWS::Serverless-2016-10-31", t.path("Transform").asText());
        JsonNode globals = t.path("Globals").path("Function");
        Set<String> unset = new TreeSet<>(LAMBDA_UNSET);
        unset.addAll(EnvFile.read(Repo.env("production").resolve("functions.env")).unset().keySet());

        Set<String> exported = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        t.path("Resources").fields().forEachRemaining(e -> {
            JsonNode r = e.getValue();
            if (!r.path("Type").asText().equals("AWS::Serverless::Function")) {
                return;
            }
            JsonNode p = r.path("Properties");
            String name = e.getKey();
            String handler = p.path("Handler").asText(globals.path("Handler").asText());
            if (!handler.equals("io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest")) {
                problems.add(name + ": Handler " + handler);
            }
            if (!p.path("Runtime").asText(globals.path("Runtime").asText()).startsWith("java")) {
                problems.add(name + ": Runtime");
            }
            if (p.path("MemorySize").asInt(globals.path("MemorySize").asInt()) < 1024) {
                problems.add(name + ": MemorySize < 1024 MB cannot decode a 40 M pixel image");
            }
            if (p.path("Timeout").asInt(globals.path("Timeout").asInt()) < 10) {
                problems.add(name + ": Timeout");
            }
            Set<String> vars = new TreeSet<>();
            globals.path("Environment").path("Variables").fieldNames().forEachRemaining(vars::add);
            p.path("Environment").path("Variables").fieldNames().forEachRemaining(vars::add);
            for (String v : Repo.functionsVariables()) {
                if (!vars.contains(v) && !unset.contains(v)) {
                    problems.add(name + ": " + v + " is read by the functions but not set");
                }
            }
            String export = p.path("Environment").path("Variables").path("QUARKUS_FUNQY_EXPORT").asText();
            exported.add(export);
            // The engine calls a function URL: no AWS request signing, so the caller secret guards it (below).
            if (!p.path("FunctionUrlConfig").path("AuthType").asText().equals("NONE")) {
                problems.add(name + ": FunctionUrlConfig.AuthType NONE (the event trigger's webhook calls it)");
            }
            JsonNode secret = globals.path("Environment").path("Variables").path("HASURA_GRAPHQL_ADMIN_SECRET");
            if (!secret.toString().contains("{{resolve:secretsmanager:")) {
                problems.add("HASURA_GRAPHQL_ADMIN_SECRET must be a Secrets Manager reference, is " + secret);
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(Set.of("publish-program", "process-image"), exported);
        assertTrue(globals.path("Environment").path("Variables").path("FUNCTIONS_WEBHOOK_SECRET").toString()
                .contains("{{resolve:secretsmanager:"), "the caller secret comes from Secrets Manager");
    }

    /**
     * Each trigger's webhook variable (schema/metadata's {@code {{VAR}}}) has an output, and that output is the
     * function URL of the function the deployed environments send that trigger to (the last path segment of the
     * variable's value in staging's and production's engine.env: the Funqy function name).
     */
    @Test
    void theOutputsAreTheTriggersWebhookUrls() {
        JsonNode t = Yaml.documents(Repo.MODULE.resolve("lambda/template.yaml")).get(0);
        Map<String, String> functionByExport = new TreeMap<>();
        t.path("Resources").fields().forEachRemaining(e -> {
            String export = e.getValue().path("Properties").path("Environment").path("Variables")
                    .path("QUARKUS_FUNQY_EXPORT").asText();
            if (!export.isEmpty()) {
                functionByExport.put(export, e.getKey());
            }
        });
        Set<String> webhookVariables = new TreeSet<>(Repo.metadataVariables());
        webhookVariables.removeIf(v -> !v.endsWith("_WEBHOOK_URL"));
        assertEquals(Set.of("PUBLISH_PROGRAM_WEBHOOK_URL", "PROCESS_IMAGE_WEBHOOK_URL"), webhookVariables);
        for (String variable : webhookVariables) {
            Set<String> functions = new TreeSet<>();
            for (String environment : Repo.DEPLOYED) {
                String url = EnvFile.read(Repo.env(environment).resolve("engine.env")).values().get(variable);
                functions.add(url.substring(url.lastIndexOf('/') + 1));
            }
            assertEquals(1, functions.size(), variable + " targets one function: " + functions);
            String function = functionByExport.get(functions.iterator().next());
            List<JsonNode> outputs = new ArrayList<>();
            t.path("Outputs").forEach(o -> {
                if (o.path("Description").asText().startsWith(variable + " ")) {
                    outputs.add(o);
                }
            });
            assertEquals(1, outputs.size(), "one output is " + variable);
            JsonNode value = outputs.get(0).path("Value").path("Fn::GetAtt");
            assertEquals(function + "Url", value.path(0).asText(), variable + ": the function URL of " + function);
            assertEquals("FunctionUrl", value.path(1).asText());
        }
    }
}
