package io.threefactor.engine.subscription;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.catalog.TableInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which change triggers a table gets: keyed ones per event where Postgres allows transition tables, else one. */
class ChangeTriggersTest {

    static TableInfo table(TableInfo.Kind kind, List<String> primaryKey) {
        return new TableInfo(new QualifiedTable("public", "t"), kind, List.of(), primaryKey, Map.of(), List.of(), null);
    }

    @Test
    void aTableWithAPrimaryKeyGetsOneKeyedTriggerPerEvent() {
        List<String> ddl = ChangeTriggers.keyedTriggers(table(TableInfo.Kind.TABLE, List.of("a", "b")));
        assertEquals(5, ddl.size(), "the old single trigger dropped, then insert, update, delete, truncate");
        assertTrue(ddl.get(1).contains("AFTER INSERT ON \"public\".\"t\" REFERENCING NEW TABLE AS threefactor_new"), ddl.get(1));
        assertTrue(ddl.get(2).contains("REFERENCING OLD TABLE AS threefactor_old NEW TABLE AS threefactor_new"), ddl.get(2));
        assertTrue(ddl.get(1).endsWith("threefactor_notify_change('200', 'a', 'b')"), "the key limit, then the key columns");
    }

    @Test
    void withoutAPrimaryKeyOrOnAForeignTableOneTriggerNamesTheTableOnly() {
        assertTrue(ChangeTriggers.keyedTriggers(table(TableInfo.Kind.TABLE, List.of())).isEmpty());
        assertTrue(ChangeTriggers.keyedTriggers(table(TableInfo.Kind.FOREIGN_TABLE, List.of("id"))).isEmpty(),
                "foreign tables cannot have transition tables");
        List<String> plain = ChangeTriggers.plainTrigger(table(TableInfo.Kind.FOREIGN_TABLE, List.of("id")));
        String create = plain.get(plain.size() - 1);
        assertTrue(create.contains("AFTER INSERT OR UPDATE OR DELETE ON"), create);
        assertFalse(create.contains("TRUNCATE"), "foreign tables have no TRUNCATE triggers");
        assertTrue(ChangeTriggers.plainTrigger(table(TableInfo.Kind.VIEW, List.of())).isEmpty(), "views: their tables' triggers");
    }
}
