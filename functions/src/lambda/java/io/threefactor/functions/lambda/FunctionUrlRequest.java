package io.threefactor.functions.lambda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * What a Lambda function URL (and an API Gateway HTTP API, payload format 2.0) hands the function: the HTTP request
 * as a JSON document. Only the parts the functions read; header names arrive lower-cased.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FunctionUrlRequest(String version, String rawPath, Map<String, String> headers, String body,
        @JsonProperty("isBase64Encoded") boolean base64Encoded) {

    public String header(String name) {
        if (headers == null) {
            return null;
        }
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        if (value != null) {
            return value;
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The request body as text (function URLs base64-encode bodies they do not take for text). */
    public String text() {
        if (body == null) {
            return "";
        }
        return base64Encoded ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }
}
