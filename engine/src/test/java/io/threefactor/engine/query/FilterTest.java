package io.threefactor.engine.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every comparison operator of {@code <table>_bool_exp}, compiled into the WHERE clause. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class FilterTest {

    @ParameterizedTest(name = "author where {0} → ids {1}")
    @CsvSource(delimiterString = "=>", value = {
            "{rating: {_eq: 5}}                              => 1,3",
            "{rating: {_neq: 5}}                             => 2",
            "{rating: {_gt: 4}}                              => 1,3",
            "{rating: {_gte: 4}}                             => 1,2,3",
            "{rating: {_lt: 5}}                              => 2",
            "{rating: {_lte: 4}}                             => 2",
            "{id: {_in: [1, 3, 4]}}                          => 1,3,4",
            "{id: {_nin: [1, 2]}}                            => 3,4",
            "{id: {_in: []}}                                 => ''",
            "{email: {_is_null: true}}                       => 3",
            "{email: {_is_null: false}}                      => 1,2,4",
            "{name: {_like: \"A%\"}}                          => 1,2",
            "{name: {_nlike: \"A%\"}}                         => 3,4",
            "{name: {_ilike: \"%TURING\"}}                    => 2",
            "{name: {_nilike: \"%e%\"}}                       => 2",
            "{name: {_similar: \"%(Turing|Hopper)\"}}         => 2,3",
            "{name: {_nsimilar: \"%(Turing|Hopper)\"}}        => 1,4",
            "{name: {_regex: \"^A\"}}                         => 1,2",
            "{name: {_nregex: \"^A\"}}                        => 3,4",
            "{name: {_iregex: \"^a\"}}                        => 1,2",
            "{name: {_niregex: \"^a\"}}                       => 3,4",
            "{profile: {_contains: {city: \"London\"}}}       => 1",
            "{profile: {_contained_in: {city: \"Austin\", x: 1}}} => 4",
            "{profile: {_has_key: \"langs\"}}                 => 1,2",
            "{profile: {_has_keys_any: [\"age\", \"nope\"]}}    => 1",
            "{profile: {_has_keys_all: [\"city\", \"langs\"]}}  => 1,2",
            "{profile: {_cast: {String: {_ilike: \"%manchester%\"}}}} => 2",
            "{tags: {_contains: [\"math\"]}}                  => 1,2",
            "{tags: {_eq: []}}                              => 4",
            "{created_at: {_gt: \"2024-01-02T12:00:00Z\"}}    => 3,4",
            "{is_active: {_eq: false}}                       => 3",
            "{_and: [{rating: {_gte: 4}}, {is_active: {_eq: true}}]} => 1,2",
            "{_or: [{id: {_eq: 1}}, {rating: {_is_null: true}}]}      => 1,4",
            "{_not: {is_active: {_eq: true}}}                => 3",
            "{_or: []}                                      => ''",
            "{_and: []}                                     => 1,2,3,4",
            "{}                                             => 1,2,3,4",
            "{rating: {_gte: 4, _lte: 4}}                    => 2",
            "{articles: {views: {_gt: 800}}}                 => 2",
            "{articles: {comments: {likes: {_gte: 7}}}}      => 1,2",
            "{_not: {articles: {}}}                          => 3",
    })
    void filtersAuthors(String where, String ids) {
        assertEquals(json("{'data':{'author':[" + idObjects(ids) + "]}}"),
                query("{ author(where: " + where + ", order_by: {id: asc}) { id } }"));
    }

    @ParameterizedTest(name = "article where {0} → ids {1}")
    @CsvSource(delimiterString = "=>", value = {
            "{author: {name: {_eq: \"Ada Lovelace\"}}}               => 1,2",
            "{metadata: {_contains: {topic: \"computing\"}}}        => 1,4",
            "{metadata: {_has_key: \"pages\"}}                      => 1,3",
            "{score: {_gt: \"9\"}}                                  => 1,3",
            "{score: {_is_null: true}}                             => 4",
            "{views: {_eq: 100}}                                   => 4,5",
            "{published_on: {_lt: \"1950-01-01\"}}                  => 1,4",
            "{external_id: {_eq: \"22222222-2222-2222-2222-222222222222\"}} => 3",
            "{comments: {author: {name: {_like: \"Alan%\"}}}}       => 1,5",
    })
    void filtersArticles(String where, String ids) {
        assertEquals(json("{'data':{'article':[" + idObjects(ids) + "]}}"),
                query("{ article(where: " + where + ", order_by: {id: asc}) { id } }"));
    }

    static String idObjects(String ids) {
        if (ids.isBlank()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String id : ids.split(",")) {
            b.append(b.length() > 0 ? "," : "").append("{'id':").append(id.trim()).append('}');
        }
        return b.toString();
    }
}
