package io.threefactor.engine.parse;

import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.OperationDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * Directives Hasura accepts without advertising them in the schema (server/lib/schema-parsers/.../Directives.hs,
 * {@code dAdvertised = False}): {@code @_multiple_top_level_fields} on a subscription, which Hasura's own tests put
 * on live queries with several root fields. Several root fields are allowed here anyway, so the directive only has
 * to pass validation: it is taken out of the document the validator sees, and introspection never shows it.
 */
final class HiddenDirectives {

    static final String MULTIPLE_TOP_LEVEL_FIELDS = "_multiple_top_level_fields";

    private HiddenDirectives() {
    }

    /** The document without the hidden directives where they are allowed; the same document when it has none. */
    static Document strip(Document document) {
        List<Definition> definitions = new ArrayList<>();
        boolean stripped = false;
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof OperationDefinition op && op.getOperation() == OperationDefinition.Operation.SUBSCRIPTION
                    && op.getDirectives().stream().anyMatch(HiddenDirectives::hidden)) {
                List<Directive> kept = op.getDirectives().stream().filter(x -> !hidden(x)).toList();
                definitions.add(op.transform(b -> b.directives(kept)));
                stripped = true;
            } else {
                definitions.add(d);
            }
        }
        return stripped ? document.transform(b -> b.definitions(definitions)) : document;
    }

    private static boolean hidden(Directive directive) {
        return directive.getName().equals(MULTIPLE_TOP_LEVEL_FIELDS) && directive.getArguments().isEmpty();
    }
}
