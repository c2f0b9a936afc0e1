package io.threefactor.functions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.functions.publish.IntentUpdate;
import io.threefactor.functions.publish.ProgramSource;
import io.threefactor.functions.publish.ProgramStore;
import io.threefactor.functions.publish.Publication;
import io.threefactor.functions.publish.PublishIntent;
import java.util.Optional;
import java.util.UUID;

/** {@link ProgramStore} over the engine's GraphQL API (Hasura naming; relationships as in schema/metadata). */
public final class GraphQLProgramStore implements ProgramStore {

    static final String INTENT = """
            query PublishIntent($id: uuid!) {
              publish_program_by_pk(id: $id) { id program_id status result }
            }""";

    static final String UPDATE_INTENT = """
            mutation UpdatePublishIntent($id: uuid!, $set: publish_program_set_input!) {
              update_publish_program_by_pk(pk_columns: {id: $id}, _set: $set) { id status }
            }""";

    static final String PROGRAM = """
            query ProgramForPublishing($id: uuid!) {
              program_by_pk(id: $id) {
                id title description
                coach { id display_name }
                cover_asset { id storage_key content_type }
                sessions(order_by: {position: asc}) {
                  id position title description
                  exercises(order_by: {position: asc}) {
                    id position name instructions sets reps duration_seconds rest_seconds
                    image_asset { id storage_key content_type }
                  }
                }
              }
            }""";

    static final String VERSION = """
            query PublicationVersion($program_id: uuid!, $intent_id: uuid!) {
              own: published_program(where: {publish_program_id: {_eq: $intent_id}}) { version }
              latest: published_program(where: {program_id: {_eq: $program_id}}, order_by: {version: desc}, limit: 1) { version }
            }""";

    static final String SAVE_PUBLICATION = """
            mutation SavePublication($object: published_program_insert_input!) {
              insert_published_program_one(
                object: $object,
                on_conflict: {constraint: published_program_publish_program_id_key, update_columns: [slug, landing, app_document]}
              ) { id version }
            }""";

    private final GraphQLEndpoint engine;
    private final GraphQLEndpoint publications;
    private final ObjectMapper json;

    public GraphQLProgramStore(GraphQLEndpoint engine, GraphQLEndpoint publications, ObjectMapper json) {
        this.engine = engine;
        this.publications = publications;
        this.json = json;
    }

    @Override
    public Optional<PublishIntent> intent(UUID intentId) {
        return engine.row(engine.execute("PublishIntent", INTENT, vars().put("id", intentId.toString()))
                .path("publish_program_by_pk"), PublishIntent.class);
    }

    @Override
    public boolean updateIntent(UUID intentId, IntentUpdate update) {
        ObjectNode set = json.createObjectNode();
        if (update.status() != null) {
            set.put("status", update.status());
        }
        set.set("result", update.result());
        set.put("error", update.error());
        ObjectNode variables = vars().put("id", intentId.toString());
        variables.set("set", set);
        return engine.execute("UpdatePublishIntent", UPDATE_INTENT, variables)
                .path("update_publish_program_by_pk").isObject();
    }

    @Override
    public Optional<ProgramSource> program(UUID programId) {
        return engine.row(engine.execute("ProgramForPublishing", PROGRAM, vars().put("id", programId.toString()))
                .path("program_by_pk"), ProgramSource.class);
    }

    @Override
    public int versionFor(UUID programId, UUID intentId) {
        JsonNode data = publications.execute("PublicationVersion", VERSION,
                vars().put("program_id", programId.toString()).put("intent_id", intentId.toString()));
        JsonNode own = data.path("own").path(0).path("version");
        if (own.isInt()) {
            return own.asInt();
        }
        return data.path("latest").path(0).path("version").asInt(0) + 1;
    }

    @Override
    public UUID savePublication(Publication publication) {
        ObjectNode object = json.createObjectNode()
                .put("program_id", publication.programId().toString())
                .put("publish_program_id", publication.publishProgramId().toString())
                .put("slug", publication.slug())
                .put("version", publication.version());
        object.set("landing", publication.landing());
        object.set("app_document", publication.appDocument());
        ObjectNode variables = vars();
        variables.set("object", object);
        JsonNode row = publications.execute("SavePublication", SAVE_PUBLICATION, variables)
                .path("insert_published_program_one");
        if (!row.path("id").isTextual()) {
            throw new EngineException("SavePublication returned no row");
        }
        return UUID.fromString(row.path("id").asText());
    }

    private ObjectNode vars() {
        return json.createObjectNode();
    }
}
