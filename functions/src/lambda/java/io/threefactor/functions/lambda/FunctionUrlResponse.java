package io.threefactor.functions.lambda;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The HTTP response a function URL (payload format 2.0) sends its caller: status, headers and body as given. */
public record FunctionUrlResponse(int statusCode, Map<String, String> headers, String body,
        @JsonProperty("isBase64Encoded") boolean base64Encoded) {

    public static FunctionUrlResponse json(int status, String body) {
        return new FunctionUrlResponse(status, Map.of("content-type", "application/json"), body, false);
    }
}
