package io.threefactor.engine.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dispatch table of the calls that edit the metadata document, by name without the {@code pg_} prefix. */
final class DocumentChanges {

    private final Map<String, DocumentChange> byName = new LinkedHashMap<>();

    DocumentChanges() {
        byName.put("track_table", new TrackTable());
        byName.put("add_existing_table_or_view", new TrackTable());
        byName.put("untrack_table", new UntrackTable());
        byName.put("create_object_relationship", new CreateRelationship(true));
        byName.put("create_array_relationship", new CreateRelationship(false));
        byName.put("drop_relationship", new DropRelationship());
        byName.put("rename_relationship", new RenameRelationship(false));
        byName.put("set_relationship_comment", new RenameRelationship(true));
        byName.put("set_table_customization", new SetTableCustomization(SetTableCustomization.Kind.CUSTOMIZATION));
        byName.put("set_table_custom_fields", new SetTableCustomization(SetTableCustomization.Kind.CUSTOM_FIELDS));
        byName.put("set_table_is_enum", new SetTableCustomization(SetTableCustomization.Kind.IS_ENUM));
        for (String kind : List.of("select", "insert", "update", "delete")) {
            byName.put("create_" + kind + "_permission", new CreatePermission(kind));
            byName.put("drop_" + kind + "_permission", new DropPermission(kind));
        }
        byName.put("track_function", new TrackFunction(TrackFunction.Kind.TRACK));
        byName.put("untrack_function", new TrackFunction(TrackFunction.Kind.UNTRACK));
        byName.put("set_function_customization", new TrackFunction(TrackFunction.Kind.CUSTOMIZE));
        byName.put("add_computed_field", new ComputedField(true));
        byName.put("drop_computed_field", new ComputedField(false));
        byName.put("add_inherited_role", new InheritedRole(true));
        byName.put("drop_inherited_role", new InheritedRole(false));
        byName.put("create_event_trigger", new EventTriggerEntry(true));
        byName.put("delete_event_trigger", new EventTriggerEntry(false));
        byName.put("replace_metadata", new ReplaceMetadata(false));
        byName.put("clear_metadata", new ReplaceMetadata(true));
    }

    Optional<DocumentChange> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
