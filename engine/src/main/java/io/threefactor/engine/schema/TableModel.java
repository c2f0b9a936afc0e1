package io.threefactor.engine.schema;

import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.catalog.TableInfo;
import io.threefactor.engine.metadata.Permissions;
import io.threefactor.engine.metadata.TableMetadata;

import java.util.List;
import java.util.Map;

/**
 * A tracked table as one role sees it: the GraphQL names, the columns and relationships it may select,
 * and the permissions the planner must apply. The admin role sees everything and has no permission rows.
 *
 * @param columns       selectable columns by GraphQL field name, in table order
 * @param relationships visible relationships by GraphQL field name
 * @param select        the role's select permission, or null for admin
 */
public record TableModel(
        TableInfo info,
        TableMetadata metadata,
        String typeName,
        Map<String, ColumnInfo> columns,
        Map<String, String> fieldNameByColumn,
        Map<String, RelationshipModel> relationships,
        Permissions.Select select,
        boolean admin) {

    public QualifiedTable name() {
        return info.name();
    }

    public String fieldName(String column) {
        return fieldNameByColumn.getOrDefault(column, column);
    }

    public boolean aggregationsAllowed() {
        return admin || (select != null && select.allowAggregations());
    }

    /** The primary key, when the role may select every column of it (Hasura offers {@code _by_pk} only then). */
    public List<String> selectablePrimaryKey() {
        List<String> pk = info.primaryKey();
        boolean visible = !pk.isEmpty() && pk.stream().allMatch(c -> columns.containsKey(fieldName(c)));
        return visible ? pk : List.of();
    }

    public String rootFieldName(RootFieldKind kind) {
        String custom = metadata.configuration().customRootFields().get(kind.configKey);
        return custom != null ? custom : kind.defaultName(typeName);
    }
}
