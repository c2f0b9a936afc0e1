package io.threefactor.engine.runtime;

import io.threefactor.engine.plan.TableLookup;
import io.threefactor.engine.schema.SchemaModel;

/** A role's schema and the table lookup the planner uses with it. */
public record RoleSchema(SchemaModel model, TableLookup tables) { }
