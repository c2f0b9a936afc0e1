package io.threefactor.triggers.target;

import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.definition.DefinitionParser;
import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.support.TriggersTestBase;
import io.threefactor.triggers.support.WebhookReceiver;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.threefactor.triggers.support.Await.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Hasura's {@code request_transform} on a webhook: the body from a Kriti template over the event payload, query
 * parameters added, headers added and removed (the default User-Agent too), the URL from a template.
 */
class RequestTransformTest extends TriggersTestBase {

    private EventTriggerDefinition trigger(QualifiedTable table, String transform) {
        return DefinitionParser.metadataEntry(table, new JsonObject()
                .put("name", "transformed_" + table.name())
                .put("definition", new JsonObject().put("insert", new JsonObject().put("columns", "*")))
                .put("webhook", webhook.url())
                .put("request_transform", new JsonObject(transform)).encode());
    }

    private WebhookReceiver.Received delivered() {
        await().atMost(Duration.ofSeconds(10)).until(() -> webhook.count() >= 1);
        return webhook.received().get(0);
    }

    @Test
    void the_body_query_and_headers_are_transformed_as_hasura_does() {
        QualifiedTable table = newTable("transform");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(trigger(table, """
                {"version": 2, "template_engine": "Kriti",
                 "body": {"action": "transform", "template": "{{ $body.event.data.new }}"},
                 "query_params": {"foo": "bar", "op": "{{ $body.event.op }}"},
                 "request_headers": {"remove_headers": ["user-agent"], "add_headers": {"foo": "bar"}}}
                """)));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name, status) VALUES ('Simon', 'new')");

        WebhookReceiver.Received r = delivered();
        assertEquals(new JsonObject().put("id", 1).put("name", "Simon").put("status", "new").putNull("details"), r.body());
        assertEquals("/hook", r.path(), "the webhook's own path stays");
        assertEquals("foo=bar&op=INSERT", r.query());
        assertEquals("bar", r.headers().get("foo"));
        assertFalse(r.headers().containsKey("user-agent"), r.headers().toString());
        assertEquals("application/json", r.headers().get("content-type"));
    }

    @Test
    void a_json_template_puts_values_in_objects_and_text_in_strings_and_the_url_is_a_template() {
        QualifiedTable table = newTable("shaped");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(trigger(table, """
                {"version": 2, "url": "{{ $base_url }}/hooks/{{ $body.table.name }}",
                 "body": {"action": "transform",
                          "template": "{\\"who\\": {{ $body.event.data.new.name }}, \\"line\\": \\"row {{ $body.event.data.new.id }} of {{ $body['table']['name'] }}\\", \\"none\\": {{ $body.event.data.old?.name }}}"}}
                """)));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('Ada')");

        WebhookReceiver.Received r = delivered();
        assertEquals(new JsonObject().put("who", "Ada").put("line", "row 1 of " + table.name()).putNull("none"), r.body());
        assertEquals("/hook/hooks/" + table.name(), r.path());
    }
}
