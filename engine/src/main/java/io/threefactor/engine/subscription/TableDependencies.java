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

/** Every table an operation reads: root tables, relationships, and tables named in filters and orderings. */
public final class TableDependencies {

    private TableDependencies() { }

    public static Set<QualifiedTable> of(Operation operation) {
        Set<QualifiedTable> out = new HashSet<>();
        for (RootNode root : operation.roots()) {
            if (root instanceof RootNode.SelectMany m) {
                selection(m.selection(), out);
            } else if (root instanceof RootNode.SelectOne o) {
                selection(o.selection(), out);
            } else if (root instanceof RootNode.SelectAggregate a) {
                aggregation(a.aggregation(), out);
            } else if (root instanceof RootNode.SelectStream s) {
                selection(s.selection(), out);
            }
        }
        return out;
    }

    private static void selection(Selection s, Set<QualifiedTable> out) {
        out.add(s.table());
        filter(s.filter(), out);
        s.orderBy().forEach(o -> order(o.target(), out));
        fields(s.fields(), out);
    }

    /** Tables read by a row's relationship fields. */
    private static void fields(List<Selection.OutputField> fields, Set<QualifiedTable> out) {
        for (Selection.OutputField f : fields) {
            if (f instanceof Selection.ObjectRelationshipField r) {
                selection(r.target(), out);
            } else if (f instanceof Selection.ArrayRelationshipField r) {
                selection(r.target(), out);
            } else if (f instanceof Selection.ArrayAggregateField r) {
                aggregation(r.target(), out);
            }
        }
    }

    private static void aggregation(Aggregation a, Set<QualifiedTable> out) {
        selection(a.rows(), out);
        for (Aggregation.Field f : a.fields()) {
            if (f instanceof Aggregation.Nodes n) {
                fields(n.fields(), out);
            }
        }
    }

    private static void order(OrderBy.Target target, Set<QualifiedTable> out) {
        if (target instanceof OrderBy.ThroughObject t) {
            out.add(t.target());
            filter(t.targetFilter(), out);
            order(t.inner(), out);
        } else if (target instanceof OrderBy.ArrayAggregate a) {
            out.add(a.target());
            filter(a.targetFilter(), out);
        }
    }

    private static void filter(BoolExp e, Set<QualifiedTable> out) {
        if (e == null) {
            return;
        }
        if (e instanceof BoolExp.And a) {
            a.operands().forEach(x -> filter(x, out));
        } else if (e instanceof BoolExp.Or o) {
            o.operands().forEach(x -> filter(x, out));
        } else if (e instanceof BoolExp.Not n) {
            filter(n.operand(), out);
        } else if (e instanceof BoolExp.Related r) {
            out.add(r.target());
            filter(r.where(), out);
        } else if (e instanceof BoolExp.Exists x) {
            out.add(x.table());
            filter(x.where(), out);
        }
    }
}
