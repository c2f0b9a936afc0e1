package io.threefactor.engine.runtime;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.ir.BoolExp;
import io.threefactor.engine.plan.BoolExpPlanner;
import io.threefactor.engine.plan.InputReader;
import io.threefactor.engine.plan.TableLookup;
import io.threefactor.engine.schema.TableModel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.JsonNode;

/** A role's view of the tables for the planner, with its permission filters compiled once. */
final class RoleTables implements TableLookup {

    private final Map<QualifiedTable, TableModel> role;
    private final Map<QualifiedTable, TableModel> all;
    private final Map<QualifiedTable, BoolExp> filters = new ConcurrentHashMap<>();
    private final BoolExpPlanner permissionPlanner;

    private final Integer rowLimit;

    RoleTables(Map<QualifiedTable, TableModel> role, Map<QualifiedTable, TableModel> all, Integer rowLimit) {
        this.role = role;
        this.all = all;
        this.rowLimit = rowLimit;
        this.permissionPlanner = new BoolExpPlanner(this, BoolExpPlanner.Mode.PERMISSION);
    }

    @Override
    public Integer roleRowLimit() {
        return rowLimit;
    }

    @Override
    public TableModel roleTable(QualifiedTable table) {
        return role.get(table);
    }

    @Override
    public TableModel anyTable(QualifiedTable table) {
        return all.get(table);
    }

    @Override
    public BoolExp permission(TableModel table, JsonNode expression) {
        if (expression == null || expression.isEmpty()) {
            return BoolExp.TRUE;
        }
        return permissionPlanner.plan(all.get(table.name()), InputReader.fromJson(expression, true), "$.permission");
    }

    @Override
    public BoolExp selectFilter(TableModel table) {
        if (table.admin()) {
            return BoolExp.TRUE;
        }
        if (table.select() == null) {
            return new BoolExp.Const(false);
        }
        return filters.computeIfAbsent(table.name(), name -> permissionPlanner.plan(all.get(name),
                InputReader.fromJson(table.select().filter(), true), "$.select_permission.filter"));
    }
}
