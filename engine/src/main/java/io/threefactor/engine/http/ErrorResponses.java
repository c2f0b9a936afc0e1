package io.threefactor.engine.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.execute.PgErrors;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.session.AuthenticationException;
import org.jboss.logging.Logger;
import io.threefactor.engine.error.GraphqlError;
import io.vertx.pgclient.PgException;

/** Turns any failure into Hasura's error JSON; unexpected ones are logged, never shown. */
public final class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    private final ObjectMapper json;

    public ErrorResponses(ObjectMapper json) {
        this.json = json;
    }

    public GraphqlError toError(Throwable failure) {
        if (failure instanceof PlanningException p) {
            return p.error();
        }
        if (failure instanceof AuthenticationException a) {
            return new GraphqlError(a.getMessage(), "$", a.code());
        }
        if (failure instanceof PgException) {
            GraphqlError e = PgErrors.toGraphqlError(failure);
            if ("unexpected".equals(e.code())) {
                LOG.warnf("database error: %s", failure.getMessage());
            }
            return e;
        }
        LOG.error("unexpected failure while serving a request", failure);
        return new GraphqlError("unexpected error", "$", "unexpected");
    }

    /** {@code {"errors":[{"message":…,"extensions":{"path":…,"code":…}}]}}. */
    public String body(GraphqlError error) {
        ObjectNode root = json.createObjectNode();
        ArrayNode errors = root.putArray("errors");
        ObjectNode e = errors.addObject();
        e.putObject("extensions").put("path", error.path()).put("code", error.code());
        e.put("message", error.message());
        return root.toString();
    }

    public String body(Throwable failure) {
        return body(toError(failure));
    }
}
