package io.threefactor.engine.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.config.Databases;
import io.threefactor.engine.ir.Operation;
import io.threefactor.engine.parse.DocumentPreparer;
import io.threefactor.engine.parse.PreparedDocument;
import io.threefactor.engine.parse.VariableCoercer;
import io.threefactor.engine.plan.NeedsConstantException;
import io.threefactor.engine.plan.QueryPlanner;
import io.threefactor.engine.runtime.Cancellation;
import io.threefactor.engine.runtime.DocumentWorkers;
import io.threefactor.engine.runtime.EngineSnapshot;
import io.threefactor.engine.runtime.GuardedStatements;
import io.threefactor.engine.runtime.RoleSchema;
import io.threefactor.engine.session.Session;
import io.threefactor.engine.sql.SqlCompiler;
import io.threefactor.engine.sql.MutationCompiler;
import io.threefactor.engine.ir.RootNode;
import java.util.ArrayList;
import java.util.List;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The request pipeline: prepared document (cached) → variables checked → plan (cached) → parameters bound →
 * one SQL statement → the {@code data} JSON text exactly as Postgres built it.
 */
public final class GraphqlExecutor {

    private final ObjectMapper json;
    private final DocumentPreparer preparer;
    private final QueryPlanner planner;
    private final SqlCompiler compiler;
    private final ParamBinder binder;
    private final GraphqlIntrospector introspector;
    private final PlanCache cache;

    private final DocumentWorkers workers;
    private final GuardedStatements statements;
    private final Duration timeLimit;

    public GraphqlExecutor(ObjectMapper json, DocumentPreparer preparer, QueryPlanner planner, SqlCompiler compiler,
                           PlanCache cache, DocumentWorkers workers, GuardedStatements statements, Duration timeLimit) {
        this.json = json;
        this.workers = workers;
        this.statements = statements;
        this.timeLimit = timeLimit;
        this.preparer = preparer;
        this.planner = planner;
        this.compiler = compiler;
        this.binder = new ParamBinder(json);
        this.introspector = new GraphqlIntrospector(json);
        this.cache = cache;
        this.mutations = new MutationCompiler(compiler);
        this.mutationRunner = new MutationRunner(json, binder, statements);
    }

    private final MutationCompiler mutations;
    private final MutationRunner mutationRunner;

    /** A request made ready to run: its plan and its variables, so a subscription can run it repeatedly. */
    public record Prepared(Plan plan, Map<String, JsonNode> variables, Session session) { }

    public Prepared prepare(EngineSnapshot snapshot, Session session, GraphqlRequest request) {
        RoleSchema role = snapshot.role(session.role());
        PreparedDocument doc = cache.documents.get(documentKey(snapshot, session, request),
                k -> preparer.prepare(role.model(), k.query(), k.operationName()));
        RoleLimits.check(snapshot.metadata(), session.role(), doc);
        Map<String, JsonNode> variables = VariableCoercer.coerce(doc, request.variables());
        while (true) {
            String signature = signature(doc, variables);
            PlanCache.PlanKey key = new PlanCache.PlanKey(doc, signature);
            Plan plan = cache.plans.getIfPresent(key);
            if (plan != null) {
                return new Prepared(RoleLimits.requireBackend(plan, session), variables, session);
            }
            try {
                plan = makePlan(snapshot, role, doc, variables, request);
                cache.plans.put(key, plan);
                return new Prepared(RoleLimits.requireBackend(plan, session), variables, session);
            } catch (NeedsConstantException e) {
                doc.shaping().addAll(e.variables());
            }
        }
    }

    private static PlanCache.DocumentKey documentKey(EngineSnapshot snapshot, Session session, GraphqlRequest request) {
        return new PlanCache.DocumentKey(snapshot.generation(), session.role(), request.query(), request.operationName());
    }

    /**
     * {@link #prepare} where it cannot hold up an event loop: a document already prepared is planned in place
     * (its size is known to be within the limits), a new one on a document worker.
     */
    public Future<Prepared> prepareOffLoop(EngineSnapshot snapshot, Session session, GraphqlRequest request) {
        if (cache.documents.getIfPresent(documentKey(snapshot, session, request)) == null) {
            return workers.submit(() -> prepare(snapshot, session, request));
        }
        try {
            return Future.succeededFuture(prepare(snapshot, session, request));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** The statements' time limit and cancellation for a request of this session. */
    public GuardedStatements.Guard guard(EngineSnapshot snapshot, Session session, Cancellation cancellation) {
        return new GuardedStatements.Guard(RoleLimits.timeLimit(snapshot.metadata(), session.role(), timeLimit),
                cancellation);
    }

    private Plan makePlan(EngineSnapshot snapshot, RoleSchema role, PreparedDocument doc, Map<String, JsonNode> variables,
                          GraphqlRequest request) {
        if (GraphqlIntrospector.isIntrospection(doc.operation())) {
            RoleLimits.checkIntrospection(snapshot.metadata(), role.model().role(), doc);
            if (!doc.shaping().containsAll(doc.variableTypes().keySet())) {
                throw new NeedsConstantException(doc.variableTypes().keySet());
            }
            Map<String, Object> raw = new HashMap<>();
            variables.forEach((k, v) -> raw.put(k, json.convertValue(v, Object.class)));
            String data = introspector.answer(role.model(), request.query(), request.operationName(), raw);
            return Plan.constant(data);
        }
        Map<String, JsonNode> shaping = new HashMap<>();
        for (String name : doc.shaping()) {
            shaping.put(name, variables.get(name));
        }
        Operation operation = planner.plan(role.model(), role.tables(), doc.operation(), doc.fragments(), shaping,
                doc.variableTypes().keySet());
        return compile(operation);
    }

    private Plan compile(Operation operation) {
        if (operation.kind() == Operation.Kind.MUTATION) {
            return Plan.mutation(operation, mutationSteps(operation));
        }
        return Plan.query(operation, compiler.compile(operation));
    }

    /**
     * Compiles and runs an operation planned from something other than a GraphQL document (the v1 row API): the
     * same compilers, guards and mutation transaction. Answers the {@code data} JSON text.
     */
    public Future<String> run(Databases databases, Operation operation, Session session) {
        Prepared prepared;
        try {
            prepared = new Prepared(RoleLimits.requireBackend(compile(operation), session), Map.of(), session);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return run(databases, prepared, new GuardedStatements.Guard(timeLimit, Cancellation.none()));
    }

    private List<Plan.MutationStep> mutationSteps(Operation operation) {
        List<Plan.MutationStep> steps = new ArrayList<>();
        for (RootNode root : operation.roots()) {
            if (root instanceof RootNode.Mutate m) {
                steps.add(new Plan.MutationStep(m.alias(), List.of(mutations.compile(m)), false, null, m.errorPath()));
            } else if (root instanceof RootNode.MutateMany many) {
                steps.add(new Plan.MutationStep(many.alias(), many.steps().stream().map(mutations::compile).toList(), true, null, "$"));
            } else if (root instanceof RootNode.Constant c) {
                steps.add(new Plan.MutationStep(c.alias(), List.of(), false, c.json(), "$"));
            } else {
                // a function exposed as a mutation: its rows, selected inside the mutation's transaction
                steps.add(new Plan.MutationStep(root.alias(), List.of(mutations.compileQueryStep(root)), false, null, "$"));
            }
        }
        return steps;
    }

    private static String signature(PreparedDocument doc, Map<String, JsonNode> variables) {
        if (doc.shaping().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String name : new TreeSet<>(doc.shaping())) {
            JsonNode v = variables.get(name);
            b.append(name).append('=').append(v == null ? "null" : v.toString()).append('\u0000');
        }
        return b.toString();
    }

    /** {@link #run(Databases, Prepared, GuardedStatements.Guard)} under the configured time limit. */
    public Future<String> run(Databases databases, Prepared prepared) {
        return run(databases, prepared, new GuardedStatements.Guard(timeLimit, Cancellation.none()));
    }

    /**
     * Runs a prepared operation and answers the {@code data} JSON text: mutations on the primary, queries on a
     * replica, cancelled in Postgres when the guard's time limit passes or its client leaves.
     */
    public Future<String> run(Databases databases, Prepared prepared, GuardedStatements.Guard guard) {
        if (prepared.plan().constant()) {
            return Future.succeededFuture(prepared.plan().constantData());
        }
        if (prepared.plan().mutation()) {
            return mutationRunner.run(databases.primary(), prepared, guard);
        }
        return statements.withConnection(databases.forReads(), guard, conn -> conn.preparedQuery(prepared.plan().sql().sql())
                .execute(binder.bind(prepared.plan().sql().params(), prepared.variables(), prepared.session()))
                .map(GraphqlExecutor::firstText));
    }

    private static String firstText(RowSet<Row> rows) {
        return rows.iterator().next().getString(0);
    }

    public ParamBinder binder() {
        return binder;
    }

    /** One request from start to answer; never blocks the calling event loop on a new document. */
    public Future<String> execute(Databases databases, EngineSnapshot snapshot, Session session, GraphqlRequest request,
                                  Cancellation cancellation) {
        return prepareOffLoop(snapshot, session, request)
                .compose(prepared -> run(databases, prepared, guard(snapshot, session, cancellation)));
    }
}
