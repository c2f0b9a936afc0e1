package io.threefactor.triggers.capture;

import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.definition.ColumnSelection;
import io.threefactor.triggers.definition.OperationSpec;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.support.TriggersTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.threefactor.triggers.support.Await.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Row values in event payloads are written as Hasura's trigger functions write them: geometry and geography as
 * GeoJSON with their CRS, and bigint, numeric, double precision and money as strings when numeric types are
 * stringified (HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES), numbers otherwise.
 */
class PayloadFormatTest extends TriggersTestBase {

    private QualifiedTable numbersTable() {
        QualifiedTable table = new QualifiedTable("public", "numbers_" + System.nanoTime());
        sql("CREATE TABLE " + table.quoted() + " (id bigint, amount numeric, ratio float8, small int, name text)");
        return table;
    }

    @Test
    void big_numeric_types_are_strings_when_numeric_types_are_stringified() {
        QualifiedTable table = numbersTable();
        EventTriggers triggers = instance(fastConfig().toBuilder().stringifyNumericTypes(true).build());
        await(triggers.install(webhookTrigger("numbers_as_strings", table).build()));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " VALUES (50755254975729665, 12.50, 0.25, 7, 'hello')");

        awaitDeliveries(1);
        assertEquals(new JsonObject().put("id", "50755254975729665").put("amount", "12.50").put("ratio", "0.25")
                        .put("small", 7).put("name", "hello"),
                webhook.received().get(0).body().getJsonObject("event").getJsonObject("data").getJsonObject("new"));
    }

    @Test
    void big_numeric_types_are_numbers_by_default_also_in_a_chosen_payload() {
        QualifiedTable table = numbersTable();
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("numbers_as_numbers", table)
                .insert(new OperationSpec(ColumnSelection.ALL, new ColumnSelection.Columns(List.of("id", "name"))))
                .build()));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " VALUES (42, 1, 1, 1, 'x')");

        awaitDeliveries(1);
        assertEquals(new JsonObject().put("id", 42).put("name", "x"),
                webhook.received().get(0).body().getJsonObject("event").getJsonObject("data").getJsonObject("new"));
    }

    @Test
    void geography_and_geometry_are_geojson_in_old_and_new() {
        sql("CREATE EXTENSION IF NOT EXISTS postgis");
        QualifiedTable table = new QualifiedTable("public", "places_" + System.nanoTime());
        sql("CREATE TABLE " + table.quoted() + " (id serial PRIMARY KEY, location geography(Point), shape geometry)");
        sql("INSERT INTO " + table.quoted() + " (location, shape) VALUES ('POINT(-43.77 45.64)', 'SRID=4326;POINT(1 2)')");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("places_update", table).update(OperationSpec.allColumns()).build()));
        await(triggers.start());

        sql("UPDATE " + table.quoted() + " SET id = 2 WHERE id = 1");

        awaitDeliveries(1);
        JsonObject data = webhook.received().get(0).body().getJsonObject("event").getJsonObject("data");
        JsonObject crs = new JsonObject().put("type", "name")
                .put("properties", new JsonObject().put("name", "urn:ogc:def:crs:EPSG::4326"));
        JsonObject location = new JsonObject().put("type", "Point").put("crs", crs)
                .put("coordinates", new JsonArray().add(-43.77).add(45.64));
        JsonObject shape = new JsonObject().put("type", "Point").put("crs", crs)
                .put("coordinates", new JsonArray().add(1).add(2));
        assertEquals(new JsonObject().put("id", 1).put("location", location).put("shape", shape), data.getJsonObject("old"));
        assertEquals(new JsonObject().put("id", 2).put("location", location).put("shape", shape), data.getJsonObject("new"));
    }

    private void awaitDeliveries(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> webhook.count() >= n);
    }
}
