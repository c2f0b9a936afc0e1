package io.threefactor.functions.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.functions.asset.AssetRecord;
import io.threefactor.functions.asset.AssetStore;
import io.threefactor.functions.asset.AssetUpdate;
import java.util.Optional;
import java.util.UUID;

/** {@link AssetStore} over the engine's GraphQL API. */
public final class GraphQLAssetStore implements AssetStore {

    static final String ASSET = """
            query AssetForProcessing($id: uuid!) {
              asset_by_pk(id: $id) { id storage_key content_type status }
            }""";

    static final String UPDATE_ASSET = """
            mutation UpdateAsset($id: uuid!, $set: asset_set_input!) {
              update_asset_by_pk(pk_columns: {id: $id}, _set: $set) { id status }
            }""";

    private final GraphQLEndpoint engine;
    private final ObjectMapper json;

    public GraphQLAssetStore(GraphQLEndpoint engine, ObjectMapper json) {
        this.engine = engine;
        this.json = json;
    }

    @Override
    public Optional<AssetRecord> asset(UUID assetId) {
        return engine.row(engine.execute("AssetForProcessing", ASSET,
                json.createObjectNode().put("id", assetId.toString())).path("asset_by_pk"), AssetRecord.class);
    }

    @Override
    public boolean updateAsset(UUID assetId, AssetUpdate update) {
        ObjectNode set = json.createObjectNode().put("status", update.status());
        if (update.width() != null) {
            set.put("width", update.width());
        }
        if (update.height() != null) {
            set.put("height", update.height());
        }
        if (update.variants() != null) {
            set.set("variants", json.valueToTree(update.variants()));
        }
        set.put("rejection_reason", update.rejectionReason());
        ObjectNode variables = json.createObjectNode().put("id", assetId.toString());
        variables.set("set", set);
        return engine.execute("UpdateAsset", UPDATE_ASSET, variables).path("update_asset_by_pk").isObject();
    }
}
