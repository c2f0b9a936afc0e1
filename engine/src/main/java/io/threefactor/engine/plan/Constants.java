package io.threefactor.engine.plan;

import io.threefactor.engine.ir.ParamValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.threefactor.engine.error.PlanningException;

/** Reads inputs whose value must be known when planning, and literal JSON-like values of whole inputs. */
final class Constants {

    private Constants() { }

    /** The Java value of an input that shapes the SQL; a parameter variable here must become plan-shaping. */
    static Object require(Input input) {
        Set<String> variables = new HashSet<>();
        collectVariables(input, variables);
        if (!variables.isEmpty()) {
            throw new NeedsConstantException(variables);
        }
        return value(input);
    }

    /** A single parameter for the whole input: its scalar, or one literal/list built from its parts. */
    static ParamValue param(Input input) {
        if (input instanceof Input.Scalar s) {
            return s.value();
        }
        if (input instanceof Input.ListInput l && l.items().stream().allMatch(i -> i instanceof Input.Scalar)) {
            boolean literal = l.items().stream().allMatch(i -> ((Input.Scalar) i).value() instanceof ParamValue.Literal);
            if (!literal) {
                return new ParamValue.ListOf(l.items().stream().map(i -> ((Input.Scalar) i).value()).toList());
            }
        }
        return new ParamValue.Literal(require(input));
    }

    private static Object value(Input input) {
        if (input instanceof Input.Null) {
            return null;
        }
        if (input instanceof Input.Scalar s) {
            if (s.value() instanceof ParamValue.Literal l) {
                return l.value();
            }
            throw new IllegalStateException("not a constant: " + s.value());
        }
        if (input instanceof Input.ListInput l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(value(i)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Input.ObjectInput) input).fields().forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static void collectVariables(Input input, Set<String> out) {
        if (input instanceof Input.Scalar s) {
            if (s.value() instanceof ParamValue.Variable v) {
                out.add(v.name());
            } else if (s.value() instanceof ParamValue.Session) {
                throw PlanningException.validation("session variables are not allowed here", "$");
            }
        } else if (input instanceof Input.ListInput l) {
            l.items().forEach(i -> collectVariables(i, out));
        } else if (input instanceof Input.ObjectInput o) {
            o.fields().values().forEach(i -> collectVariables(i, out));
        }
    }
}
