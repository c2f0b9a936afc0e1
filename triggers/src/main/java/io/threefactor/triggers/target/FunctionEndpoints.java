package io.threefactor.triggers.target;

import java.util.Map;
import java.util.Optional;

/**
 * Resolves a Funqy function name to its HTTP endpoint: an explicit URL per function (production: a Knative or Lambda
 * URL), else a template with {@code {name}} (development: {@code http://localhost:8081/{name}}, funqy-http's path).
 */
public record FunctionEndpoints(Map<String, String> urls, String urlTemplate) {
    public static final FunctionEndpoints NONE = new FunctionEndpoints(Map.of(), null);

    public FunctionEndpoints {
        urls = Map.copyOf(urls);
    }

    public Optional<String> resolve(String functionName) {
        String url = urls.get(functionName);
        if (url != null) {
            return Optional.of(url);
        }
        return Optional.ofNullable(urlTemplate).map(t -> t.replace("{name}", functionName));
    }
}
