package io.threefactor.engine.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static io.threefactor.engine.support.Graphql.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The older spellings of a boolean expression, read by permissions and the v1 row API, in GraphQL's spelling. */
class BoolExpSpellingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String normalized(String singleQuoted) throws Exception {
        return BoolExpSpellings.normalize(JSON.readTree(json(singleQuoted))).toString();
    }

    @Test
    void dollarOperatorsBareValuesAndAliasesBecomeGraphqlOperators() throws Exception {
        assertEquals(json("{'_and':[{'id':{'_eq':1}},{'name':{'_neq':'x'}},{'_not':{'author':{'id':{'_gt':2}}}}]}"),
                normalized("{'$and':[{'id':1},{'name':{'$ne':'x'}},{'$not':{'author':{'id':{'$gt':2}}}}]}"));
    }

    @Test
    void operandsStayAsGivenButACastsComparisonsAreSpelledTheSameWay() throws Exception {
        assertEquals(json("{'tags':{'_contains':{'$eq':1}}}"), normalized("{'tags':{'$contains':{'$eq':1}}}"));
        assertEquals(json("{'geom':{'_cast':{'geography':{'_st_d_within':{'distance':1,'from':{}}}}}}"),
                normalized("{'geom':{'$cast':{'geography':{'$st_d_within':{'distance':1,'from':{}}}}}}"));
    }

    @Test
    void noExpressionStaysNone() {
        assertNull(BoolExpSpellings.normalize(null));
    }
}
