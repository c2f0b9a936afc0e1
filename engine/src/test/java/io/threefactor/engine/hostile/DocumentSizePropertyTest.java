package io.threefactor.engine.hostile;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.parse.DocumentSize;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over generated documents (fragments spreading each other any number of times, inline fragments, nested fields,
 * cycles): measuring a document is bounded work, agrees with expanding it where expanding is affordable, and
 * fails only with a clean validation error, exactly when the fragments form a cycle. The documents come from a
 * seeded generator, so a failing seed is reproduced by its number.
 */
class DocumentSizePropertyTest {

    /** A fragment: its fields, and the later (or, for a cycle, any) fragments it spreads, some inside inline fragments. */
    record Fragment(int fields, List<Integer> spreads, boolean inline, boolean nested) { }

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void measuringIsBoundedAndAgreesWithExpansion(long seed) {
        List<Fragment> fragments = document(new Random(seed));
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

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewSeeds")
    void fragmentsSpreadingEachOtherManyTimesAreMeasuredInLinearTime(long seed) {
        Random random = new Random(seed);
        int fragments = 1 + random.nextInt(1500);
        int width = 1 + random.nextInt(40);
        Document document = parse(HostileCorpus.doubling(fragments, width) + "{ article { ...F" + (fragments - 1) + " } }");
        long start = System.nanoTime();
        DocumentSize size = DocumentSize.of(document);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 200, fragments + " fragments of " + width + " spreads measured in " + ms + " ms");
        double expanded = 2 * Math.pow(width, fragments - 1); // F0 has two fields
        assertEquals((long) Math.min(expanded, 1L << 40), size.largestNodes() - (expanded < (1L << 40) ? 1 : 0));
    }

    static LongStream fewSeeds() {
        return LongStream.range(0, 40);
    }

    /** 1 to 60 fragments, each spreading up to 4 others: mostly later ones (a DAG that can double), rarely any (a cycle). */
    private static List<Fragment> document(Random random) {
        int n = 1 + random.nextInt(60);
        List<Fragment> fragments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> spreads = new ArrayList<>();
            int count = i == n - 1 ? 0 : random.nextInt(5);
            for (int k = 0; k < count; k++) {
                int later = Math.min(i + 1, n - 1);
                spreads.add(random.nextInt(31) == 0 ? random.nextInt(n) : later + random.nextInt(n - later));
            }
            fragments.add(new Fragment(random.nextInt(4), spreads, random.nextBoolean(), random.nextBoolean()));
        }
        return fragments;
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
