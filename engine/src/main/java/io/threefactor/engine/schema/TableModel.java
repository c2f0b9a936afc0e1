package io.threefactor.engine.schema;

import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.catalog.TableInfo;
import io.threefactor.engine.metadata.Permissions;
import io.threefactor.engine.metadata.TableMetadata;

import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import io.threefactor.engine.catalog.EnumValue;

/**
 * A tracked table as one role sees it: the GraphQL names, the columns and relationships it may select,
 * and the permissions the planner must apply. The admin role sees everything and has no permission rows.
 *
 * @param columns       selectable columns by GraphQL field name, in table order
 * @param relationships visible relationships by GraphQL field name
 * @param select        the role's select permission, or null for admin
 * @param columnConditions for inherited roles: columns visible only on rows that a granting role's filter
 *                      allows (Hasura's semantics for overlapping column sets), by column name
 */
public record TableModel(
        TableInfo info,
        TableMetadata metadata,
        String typeName,
        Map<String, ColumnInfo> columns,
        Map<String, String> fieldNameByColumn,
        Map<String, RelationshipModel> relationships,
        Permissions.Select select,
        Permissions.Insert insert,
        Permissions.Update update,
        Permissions.Delete delete,
        List<EnumValue> enumValues,
        Map<String, EnumTypeRef> enumColumns,
        Map<String, JsonNode> columnConditions,
        Map<String, ComputedFieldRef> computedFields,
        boolean admin) {

    /** The GraphQL enum an enum table's values form ({@code <type>_enum}). */
    public String enumTypeName() {
        return typeName + "_enum";
    }

    /** Whether the role may select from the table (a role may hold only mutation permissions). */
    public boolean canSelect() {
        return admin || select != null;
    }

    public boolean canInsert() {
        return admin || insert != null;
    }

    public boolean canUpdate() {
        return admin || update != null;
    }

    public boolean canDelete() {
        return admin || delete != null;
    }

    public QualifiedTable name() {
        return info.name();
    }

    public String fieldName(String column) {
        return fieldNameByColumn.getOrDefault(column, column);
    }

    public boolean aggregationsAllowed() {
        return admin || (select != null && select.allowAggregations());
    }

    /** Columns the role may set on insert: insertable, permitted, and not filled by a preset. */
    public List<ColumnInfo> insertColumns() {
        return info.columns().stream().filter(ColumnInfo::insertable)
                .filter(c -> admin || (insert != null && insert.columns().contains(c.name())
                        && !insert.set().containsKey(c.name())))
                .toList();
    }

    /** Columns the role may change on update: not generated, permitted, and not filled by a preset. */
    public List<ColumnInfo> updateColumns() {
        return info.columns().stream().filter(c -> !c.generated() && !c.identityAlways())
                .filter(c -> admin || (update != null && update.columns().contains(c.name())
                        && !update.set().containsKey(c.name())))
                .toList();
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
