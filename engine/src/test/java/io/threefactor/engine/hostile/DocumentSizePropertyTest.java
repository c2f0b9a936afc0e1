package io.threefactor.engine.hostile;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.parse.DocumentSize;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over generated documents (fragments spreading each other any number of times, inline fragments, nested fields,
 * cycles): measuring a document is bounded work, agrees with expanding it where expanding is affordable, and
 * fails only with a clean validation error, exactly when the fragments form a cycle.
 */
class DocumentSizePropertyTest {

    /** A fragment: its fields, and the later (or, for a cycle, any) fragments it spreads, some inside inline fragments. */
    record Fragment(int fields, List<Integer> spreads, boolean inline, boolean nested) { }

    @Property(tries = 300)
    void measuringIsBoundedAndAgreesWithExpansion(@ForAll("documents") List<Fragment> fragments) {
        Statistics.label("cycle").collect(hasCycle(fragments));
        String text = render(fragments);
        Document document = parse(text);
        long start = System.nanoTime();
        DocumentSize.Size size;
        try {
            size = DocumentSize.of(document).of(document.getDefinitionsOfType(OperationDefinition.class).get(0));
        } catch (PlanningException e) {
            assertEquals("validation-failed", e.error().code());
            assertTrue(e.error().message().matches("the fragment definition\\(s\\) [F0-9, and]+ form a cycle"), e.error().message());
            assertTrue(hasCycle(fragments), "a cycle reported where there is none:\n" + text);
            return;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(!hasCycle(fragments), "a cycle not reported:\n" + text);
        // linear: a few hundred definitions are measured in far less than the time a request may take
        assertTrue(ms < 200, "measured in " + ms + " ms");
        long expanded = expand(fragments, 0, new HashMap<>());
        assertEquals(Math.min(expanded + 1, 1L << 40), size.nodes(), text); // + the root field
    }

    @Property(tries = 40)
    void fragmentsSpreadingEachOtherManyTimesAreMeasuredInLinearTime(@ForAll @IntRange(min = 1, max = 1500) int fragments,
                                                                      @ForAll @IntRange(min = 1, max = 40) int width) {
        Document document = parse(HostileCorpus.doubling(fragments, width) + "{ article { ...F" + (fragments - 1) + " } }");
        long start = System.nanoTime();
        DocumentSize size = DocumentSize.of(document);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 200, fragments + " fragments of " + width + " spreads measured in " + ms + " ms");
        double expanded = 2 * Math.pow(width, fragments - 1); // F0 has two fields
        assertEquals((long) Math.min(expanded, 1L << 40), size.largestNodes() - (expanded < (1L << 40) ? 1 : 0));
    }

    @Provide
    Arbitrary<List<Fragment>> documents() {
        return Arbitraries.integers().between(1, 60).flatMap(n -> {
            List<Arbitrary<Fragment>> each = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                // mostly spreads of later fragments (a DAG that can double), sometimes any fragment (a cycle)
                Arbitrary<Integer> target = Arbitraries.frequencyOf(
                        Tuple.of(30, Arbitraries.integers().between(Math.min(index + 1, n - 1), n - 1)),
                        Tuple.of(1, Arbitraries.integers().between(0, n - 1)));
                Arbitrary<List<Integer>> spreads = index == n - 1 ? Arbitraries.just(List.of())
                        : target.list().ofMinSize(0).ofMaxSize(4);
                each.add(Combinators.combine(Arbitraries.integers().between(0, 3), spreads, Arbitraries.of(true, false),
                        Arbitraries.of(true, false)).as(Fragment::new));
            }
            return Combinators.combine(each).as(list -> list);
        });
    }

    /** Parsed without the parser's token limit: that limit is the engine's other guard, not the one tested here. */
    private static Document parse(String text) {
        return Parser.parse(ParserEnvironment.newParserEnvironment().document(text).parserOptions(ParserOptions
                .getDefaultParserOptions().transform(o -> o.maxTokens(Integer.MAX_VALUE))).build());
    }

    private static String render(List<Fragment> fragments) {
        StringBuilder b = new StringBuilder("{ article { ...F0 } }\n");
        for (int i = 0; i < fragments.size(); i++) {
            Fragment f = fragments.get(i);
            b.append("fragment F").append(i).append(" on article { __typename");
            for (int k = 0; k < f.fields(); k++) {
                b.append(" a").append(k).append(": id");
            }
            StringBuilder spreads = new StringBuilder(f.nested() || f.inline() ? " __typename" : "");
            for (int s : f.spreads()) {
                spreads.append(" ...F").append(s);
            }
            if (f.nested()) {
                b.append(" author { articles {").append(spreads).append(" } }");
            } else if (f.inline()) {
                b.append(" ... on article {").append(spreads).append(" }");
            } else {
                b.append(spreads);
            }
            b.append(" }\n");
        }
        return b.toString();
    }

    /** Fields of fragment i expanded: __typename, aliases, author/articles/__typename when nested, spreads. */
    private static long expand(List<Fragment> fragments, int i, Map<Integer, Long> memo) {
        Long known = memo.get(i);
        if (known != null) {
            return known;
        }
        Fragment f = fragments.get(i);
        long n = 1 + f.fields() + (f.nested() ? 3 : f.inline() ? 1 : 0);
        for (int s : f.spreads()) {
            n = Math.min(1L << 40, n + expand(fragments, s, memo));
        }
        memo.put(i, n);
        return n;
    }

    /** Whether any fragments, used or not, spread each other in a ring (the spec forbids both). */
    private static boolean hasCycle(List<Fragment> fragments) {
        int[] state = new int[fragments.size()];
        for (int i = 0; i < fragments.size(); i++) {
            if (reaches(fragments, i, state)) {
                return true;
            }
        }
        return false;
    }

    private static boolean reaches(List<Fragment> fragments, int i, int[] state) {
        if (state[i] == 1) {
            return true;
        }
        if (state[i] == 2) {
            return false;
        }
        state[i] = 1;
        for (int s : fragments.get(i).spreads()) {
            if (reaches(fragments, s, state)) {
                return true;
            }
        }
        state[i] = 2;
        return false;
    }
}
