package io.threefactor.functions.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.functions.caller.CallerVerifier;
import io.threefactor.functions.event.Answer;
import io.threefactor.functions.event.EventTrace;
import io.threefactor.functions.event.HasuraEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The Lambda binding's seam: the engine's webhook request arrives through the function URL as a
 * {@link FunctionUrlRequest}; the caller is verified, the body read as the Hasura event, the function run, and its
 * outcome or failure becomes the HTTP answer with the same status contract as the HTTP bindings ({@link Answer}).
 */
@ApplicationScoped
public class FunctionUrlAdapter {

    private static final Logger LOG = Logger.getLogger(FunctionUrlAdapter.class);

    @Inject
    CallerVerifier verifier;

    @Inject
    ObjectMapper json;

    public <T> FunctionUrlResponse handle(String function, FunctionUrlRequest request, Function<HasuraEvent, T> run) {
        if (request == null) {
            return answer(Answer.badPayload("the Lambda input is empty; expected a function URL request"));
        }
        Optional<CallerVerifier.Refusal> refused = verifier.check(request.header(verifier.header()));
        if (refused.isPresent()) {
            return answer(Answer.unauthorized(refused.get().message()));
        }
        HasuraEvent event;
        try {
            event = json.readValue(request.text(), HasuraEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return answer(Answer.badPayload("the body is not a Hasura event payload (JSON object with event.data.new)"));
        }
        if (event == null) {
            return answer(Answer.badPayload("the request body is empty; expected a Hasura event payload"));
        }
        try {
            T outcome = EventTrace.within(event, () -> run.apply(event));
            return FunctionUrlResponse.json(200, json.writeValueAsString(outcome));
        } catch (RuntimeException | JsonProcessingException e) {
            Answer answer = Answer.of(e);
            if (answer.retry()) {
                LOG.infof("%s: transient failure, the event will be retried: %s", function, answer.message());
            } else if (answer.status() == 500) {
                LOG.errorf(e, "%s failed", function);
            }
            return answer(answer);
        }
    }

    private FunctionUrlResponse answer(Answer answer) {
        try {
            return FunctionUrlResponse.json(answer.status(),
                    json.writeValueAsString(Map.of("error", answer.error(), "message", answer.message())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
