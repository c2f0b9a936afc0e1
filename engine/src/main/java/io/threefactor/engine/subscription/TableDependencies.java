package io.threefactor.engine.subscription;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.ir.Aggregation;
import io.threefactor.engine.ir.BoolExp;
import io.threefactor.engine.ir.Operation;
import io.threefactor.engine.ir.OrderBy;
import io.threefactor.engine.ir.RootNode;
import io.threefactor.engine.ir.Selection;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an operation reads: root tables, relationships, tables named in filters and orderings, and whether it calls
 * SQL functions (function roots, computed fields), whose reads no change trigger can see.
 */
public final class TableDependencies {

    /** @param callsFunctions whether some part of the result comes from a SQL function */
    public record Reads(Set<QualifiedTable> tables, boolean callsFunctions) {
        public Reads {
            tables = Set.copyOf(tables);
        }
    }

    private final Set<QualifiedTable> tables = new HashSet<>();
    private boolean functions;

    private TableDependencies() { }

    public static Reads of(Operation operation) {
        TableDependencies d = new TableDependencies();
        operation.roots().forEach(d::root);
        return d.reads();
    }

    public static Reads of(RootNode root) {
        TableDependencies d = new TableDependencies();
        d.root(root);
        return d.reads();
    }

    /**
     * What a selection reads besides its own table's rows: relationships, related filters, orderings (and those of
     * {@code moreFields}, an aggregate's nodes).
     */
    static Reads beyondOwnRows(Selection s, List<Selection.OutputField> moreFields) {
        TableDependencies d = new TableDependencies();
        d.filter(s.filter());
        s.orderBy().forEach(o -> d.order(o.target()));
        d.fields(s.fields());
        d.fields(moreFields);
        d.functions |= s.source() != null;
        return d.reads();
    }

    private Reads reads() {
        return new Reads(tables, functions);
    }

    private void root(RootNode root) {
        if (root instanceof RootNode.SelectMany m) {
            selection(m.selection());
        } else if (root instanceof RootNode.SelectOne o) {
            selection(o.selection());
        } else if (root instanceof RootNode.SelectAggregate a) {
            aggregation(a.aggregation());
        } else if (root instanceof RootNode.SelectStream s) {
            selection(s.selection());
        }
    }

    private void selection(Selection s) {
        tables.add(s.table());
        functions |= s.source() != null;
        filter(s.filter());
        s.orderBy().forEach(o -> order(o.target()));
        fields(s.fields());
    }

    /** Tables read by a row's fields: relationships, and filters that hide columns (inherited roles). */
    private void fields(List<Selection.OutputField> fields) {
        for (Selection.OutputField f : fields) {
            if (f instanceof Selection.ObjectRelationshipField r) {
                selection(r.target());
            } else if (f instanceof Selection.ArrayRelationshipField r) {
                selection(r.target());
            } else if (f instanceof Selection.ArrayAggregateField r) {
                aggregation(r.target());
            } else if (f instanceof Selection.ComputedField) {
                functions = true;
            } else if (f instanceof Selection.ColumnField c) {
                filter(c.visibleWhen());
            }
        }
    }

    private void aggregation(Aggregation a) {
        selection(a.rows());
        for (Aggregation.Field f : a.fields()) {
            if (f instanceof Aggregation.Nodes n) {
                fields(n.fields());
            }
        }
    }

    private void order(OrderBy.Target target) {
        if (target instanceof OrderBy.ThroughObject t) {
            tables.add(t.target());
            filter(t.targetFilter());
            order(t.inner());
        } else if (target instanceof OrderBy.ArrayAggregate a) {
            tables.add(a.target());
            filter(a.targetFilter());
        } else if (target instanceof OrderBy.Computed || target instanceof OrderBy.ComputedAggregate) {
            functions = true;
        }
    }

    private void filter(BoolExp e) {
        if (e == null) {
            return;
        }
        if (e instanceof BoolExp.And a) {
            a.operands().forEach(this::filter);
        } else if (e instanceof BoolExp.Or o) {
            o.operands().forEach(this::filter);
        } else if (e instanceof BoolExp.Not n) {
            filter(n.operand());
        } else if (e instanceof BoolExp.Root r) {
            filter(r.where());
        } else if (e instanceof BoolExp.Related r) {
            tables.add(r.target());
            filter(r.where());
        } else if (e instanceof BoolExp.Exists x) {
            tables.add(x.table());
            filter(x.where());
        } else if (e instanceof BoolExp.ComputedCompare || e instanceof BoolExp.ComputedRows) {
            functions = true;
        }
    }
}
