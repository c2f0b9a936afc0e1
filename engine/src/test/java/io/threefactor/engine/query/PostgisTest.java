package io.threefactor.engine.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.GeoProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.util.Map;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PostGIS columns travel as GeoJSON, and Hasura's _st_* operators filter on them. */
@QuarkusTest
@TestProfile(GeoProfile.class)
@EnabledIf("io.threefactor.engine.support.TestDatabases#postgisAvailable")
class PostgisTest {

    @Test
    void rendersGeometryAsGeoJsonWithItsLongFormCrs() {
        assertEquals(json("{'data':{'place':[{'name':'Gym','location':{'type':'Point',"
                        + "'crs':{'type':'name','properties':{'name':'urn:ogc:def:crs:EPSG::4326'}},'coordinates':[13.405,52.52]}}]}}"),
                query("{ place(where: {name: {_eq: \"Gym\"}}) { name location } }"));
    }

    @Test
    void filtersWithinADistanceOnGeography() {
        String near = "query ($p: geography!) { place(where: {spot: {_st_d_within: {distance: 500, from: $p}}}, order_by: {id: asc}) { name } }";
        Map<String, Object> berlinMitte = Map.of("p", Map.of("type", "Point", "coordinates", new double[]{13.4049, 52.5201}));
        assertEquals(json("{'data':{'place':[{'name':'Gym'}]}}"), query(near, berlinMitte));
    }

    @Test
    void filtersWithSpatialRelations() {
        assertEquals(json("{'data':{'place':[{'name':'Gym'}]}}"),
                query("{ place(where: {area: {_st_contains: {type: \"Point\", coordinates: [13.405, 52.52], crs: {type: \"name\", properties: {name: \"EPSG:4326\"}}}}}) { name } }"));
        assertEquals(json("{'data':{'place':[{'name':'Gym'},{'name':'Park'}]}}"),
                query("{ place(where: {location: {_st_d_within: {distance: 0.1, from: {type: \"Point\", coordinates: [13.39, 52.52], crs: {type: \"name\", properties: {name: \"EPSG:4326\"}}}}}}, order_by: {id: asc}) { name } }"));
    }

    @Test
    void insertsGeoJson() {
        assertEquals(json("{'data':{'insert_place_one':{'location':{'type':'Point',"
                        + "'crs':{'type':'name','properties':{'name':'urn:ogc:def:crs:EPSG::4326'}},'coordinates':[2.35,48.85]}}}}"),
                query("mutation { insert_place_one(object: {name: \"Paris\", location: {type: \"Point\", coordinates: [2.35, 48.85], crs: {type: \"name\", properties: {name: \"EPSG:4326\"}}}}) { location } }"));
    }

    @Test
    void castsBetweenGeometryAndGeographyToCompare() {
        assertEquals(json("{'data':{'place':[{'name':'Gym'}]}}"),
                query("{ place(where: {location: {_cast: {geography: {_st_d_within: {distance: 100, from: {type: \"Point\","
                        + " coordinates: [13.4051, 52.5201]}}}}}}) { name } }"));
        assertEquals(json("{'data':{'place':[{'name':'Gym'}]}}"),
                query("{ place(where: {spot: {_cast: {geometry: {_st_within: {type: \"Polygon\", coordinates: [[[13.40, 52.51],"
                        + " [13.41, 52.51], [13.41, 52.53], [13.40, 52.53], [13.40, 52.51]]], crs: {type: \"name\","
                        + " properties: {name: \"EPSG:4326\"}}}}}}}) { name } }"));
    }

    @Test
    void filtersWithinADistanceInThreeDimensions() {
        assertEquals(json("{'data':{'place':[{'name':'Gym'}]}}"),
                query("{ place(where: {location: {_st_3d_d_within: {distance: 0.001, from: {type: \"Point\", coordinates: [13.405, 52.52],"
                        + " crs: {type: \"name\", properties: {name: \"EPSG:4326\"}}}}}}) { name } }"));
    }
}
