package io.threefactor.engine.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;

/** GraphQL literal values (variable defaults) as JSON, the form variables arrive in. */
final class AstJson {

    private AstJson() { }

    static JsonNode toJson(ObjectMapper json, Value<?> v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof StringValue s) return f.textNode(s.getValue());
        if (v instanceof IntValue i) return f.numberNode(i.getValue());
        if (v instanceof FloatValue d) return f.numberNode(d.getValue());
        if (v instanceof BooleanValue b) return f.booleanNode(b.isValue());
        if (v instanceof EnumValue e) return f.textNode(e.getName());
        if (v instanceof ArrayValue a) {
            ArrayNode out = f.arrayNode();
            a.getValues().forEach(x -> out.add(toJson(json, x)));
            return out;
        }
        if (v instanceof ObjectValue o) {
            ObjectNode out = f.objectNode();
            o.getObjectFields().forEach(x -> out.set(x.getName(), toJson(json, x.getValue())));
            return out;
        }
        return f.nullNode();
    }
}
