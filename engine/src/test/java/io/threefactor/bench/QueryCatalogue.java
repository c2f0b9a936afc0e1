package io.threefactor.bench;

import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The four query shapes, and the cases built on them. Each SQL is what a developer would write by hand for the same JSON: joins and
 * json_build_object/json_agg, the ids as parameters. Request k's ids walk the rows with a large stride so
 * consecutive requests hit different rows and both sides see the same sequence.
 */
public final class QueryCatalogue {

    /** The read queries, each measured through the engine against its SQL. */
    static final List<String> QUERY_NAMES = List.of("by_pk", "nested", "filtered_list", "aggregates");
    /** Every case --queries accepts, in the default order: the inserts last, so their writes follow all reads. */
    static final List<String> NAMES = List.of("by_pk", "nested", "filtered_list", "aggregates", "nested_as_coach",
            "insert_one");

    /** Rows the insert case writes under: one coach outside the dataset's coaches, one program, its sessions. */
    static final UUID INSERT_COACH = Dataset.id("insert-coach", 0);
    static final UUID INSERT_PROGRAM = Dataset.id("insert-program", 0);
    /** More sessions than requests in flight, so concurrent inserts seldom share a parent row (FK key-share lock). */
    static final int INSERT_SESSIONS = 256;
    /** The session variables the engine sets for an admin mutation ({@code hasura.user}). */
    static final String ADMIN_SESSION_JSON = "{\"x-hasura-role\":\"admin\"}";

    private QueryCatalogue() { }

    static List<BenchQuery> queries(Dataset data, List<String> names) {
        return names.stream().map(n -> query(data, n)).toList();
    }

    static List<BenchCase> cases(Dataset data, List<String> names) {
        return names.stream().map(n -> benchCase(data, n)).toList();
    }

    static BenchCase benchCase(Dataset data, String name) {
        return switch (name) {
            case "nested_as_coach" -> nestedAsCoach(data);
            case "insert_one" -> insertOne();
            default -> {
                BenchQuery q = query(data, name);
                yield new BenchCase(name, q.description(), BenchCase.Kind.QUERY,
                        List.of(new BenchCase.Side("engine", q, BenchCase.Via.ENGINE),
                                new BenchCase.Side("sql", q, BenchCase.Via.SQL)),
                        "engine/SQL", true, List.of(), List.of(), List.of());
            }
        };
    }

    static BenchQuery query(Dataset data, String name) {
        return switch (name) {
            case "by_pk" -> byPk(data);
            case "nested" -> nested(data);
            case "filtered_list" -> filteredList(data);
            case "aggregates" -> aggregates(data);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Index of request k among n rows: k·stride mod n, a permutation when the stride is coprime to n. */
    static long pick(long k, long n) {
        long stride = 1_000_003L;
        while (gcd(stride, n) != 1) {
            stride += 2;
        }
        return Math.floorMod(k * stride, n);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    static BenchQuery byPk(Dataset data) {
        return new BenchQuery("by_pk", "one exercise by primary key", "ExerciseByPk", """
                query ExerciseByPk($id: uuid!) {
                  exercise_by_pk(id: $id) { id name position sets reps rest_seconds }
                }""", """
                SELECT json_build_object('exercise_by_pk',
                  (SELECT json_build_object('id', e.id, 'name', e.name, 'position', e.position, 'sets', e.sets,
                                            'reps', e.reps, 'rest_seconds', e.rest_seconds)
                   FROM public.exercise e WHERE e.id = $1))::text""",
                k -> uuidParam("id", Dataset.exerciseId(pick(k, data.exercises()))));
    }

    static BenchQuery nested(Dataset data) {
        return new BenchQuery("nested", "a coach's 20 latest programs, sessions and exercises nested", "CoachPrograms", """
                query CoachPrograms($coachId: uuid!) {
                  program(where: {coach_id: {_eq: $coachId}}, order_by: {updated_at: desc}, limit: 20) {
                    id title updated_at
                    sessions(order_by: {position: asc}) {
                      id position title
                      exercises(order_by: {position: asc}) { id position name sets reps }
                    }
                  }
                }""", """
                SELECT json_build_object('program', coalesce(json_agg(json_build_object(
                    'id', p.id, 'title', p.title, 'updated_at', p.updated_at,
                    'sessions', (SELECT coalesce(json_agg(json_build_object(
                                    'id', s.id, 'position', s.position, 'title', s.title,
                                    'exercises', (SELECT coalesce(json_agg(json_build_object(
                                                     'id', e.id, 'position', e.position, 'name', e.name,
                                                     'sets', e.sets, 'reps', e.reps) ORDER BY e.position), '[]')
                                                  FROM public.exercise e WHERE e.session_id = s.id))
                                  ORDER BY s.position), '[]')
                                 FROM public.session s WHERE s.program_id = p.id))
                  ORDER BY p.updated_at DESC), '[]'))::text
                FROM (SELECT * FROM public.program WHERE coach_id = $1 ORDER BY updated_at DESC LIMIT 20) p""",
                k -> uuidParam("coachId", Dataset.coachId(pick(k, data.coaches()))));
    }

    static BenchQuery filteredList(Dataset data) {
        return new BenchQuery("filtered_list", "a coach's exercises with reps >= n, ordered, 20, with their session",
                "CoachHardExercises", """
                query CoachHardExercises($coachId: uuid!, $minReps: Int!) {
                  exercise(where: {session: {program: {coach_id: {_eq: $coachId}}}, reps: {_gte: $minReps}},
                           order_by: [{reps: desc}, {name: asc}], limit: 20) {
                    id name sets reps
                    session { id title position }
                  }
                }""", """
                SELECT json_build_object('exercise', coalesce(json_agg(json_build_object(
                    'id', x.id, 'name', x.name, 'sets', x.sets, 'reps', x.reps,
                    'session', json_build_object('id', x.session_id, 'title', x.session_title,
                                                 'position', x.session_position))
                  ORDER BY x.reps DESC, x.name), '[]'))::text
                FROM (SELECT e.id, e.name, e.sets, e.reps, s.id AS session_id, s.title AS session_title,
                             s.position AS session_position
                      FROM public.exercise e
                      JOIN public.session s ON s.id = e.session_id
                      JOIN public.program p ON p.id = s.program_id
                      WHERE p.coach_id = $1 AND e.reps >= $2
                      ORDER BY e.reps DESC, e.name LIMIT 20) x""",
                k -> {
                    UUID coach = Dataset.coachId(pick(k, data.coaches()));
                    int minReps = 11 + (int) (k % 3);
                    return new BenchQuery.Params("{\"coachId\":\"" + coach + "\",\"minReps\":" + minReps + "}",
                            Tuple.of(coach, minReps));
                });
    }

    static BenchQuery aggregates(Dataset data) {
        return new BenchQuery("aggregates", "per-coach program count and exercise sums/avg/max", "CoachStats", """
                query CoachStats($coachId: uuid!) {
                  coach_by_pk(id: $coachId) {
                    id display_name
                    programs_aggregate { aggregate { count max { updated_at } } }
                  }
                  exercise_aggregate(where: {session: {program: {coach_id: {_eq: $coachId}}}}) {
                    aggregate { count sum { sets reps } avg { rest_seconds } max { reps } }
                  }
                }""", """
                SELECT json_build_object(
                  'coach_by_pk', (SELECT json_build_object('id', c.id, 'display_name', c.display_name,
                                     'programs_aggregate', (SELECT json_build_object('aggregate', json_build_object(
                                                               'count', count(*),
                                                               'max', json_build_object('updated_at', max(p.updated_at))))
                                                            FROM public.program p WHERE p.coach_id = c.id))
                                  FROM public.coach c WHERE c.id = $1),
                  'exercise_aggregate', (SELECT json_build_object('aggregate', json_build_object(
                                            'count', count(*),
                                            'sum', json_build_object('sets', sum(e.sets), 'reps', sum(e.reps)),
                                            'avg', json_build_object('rest_seconds', avg(e.rest_seconds)),
                                            'max', json_build_object('reps', max(e.reps))))
                                         FROM public.exercise e
                                         JOIN public.session s ON s.id = e.session_id
                                         JOIN public.program p ON p.id = s.program_id
                                         WHERE p.coach_id = $1))::text""",
                k -> uuidParam("coachId", Dataset.coachId(pick(k, data.coaches()))));
    }

    private static BenchQuery.Params uuidParam(String variable, UUID id) {
        return new BenchQuery.Params("{\"" + variable + "\":\"" + id + "\"}", Tuple.of(id));
    }

    /**
     * The nested query as the role {@code coach} (row filters on program, session through program, exercise
     * through session and program), against the same query as admin, each request as the coach it asks about.
     */
    static BenchCase nestedAsCoach(Dataset data) {
        BenchQuery admin = nested(data);
        BenchQuery coach = admin.withHeaders("nested_as_coach", "nested, as role coach (x-hasura-user-id = the coach)",
                k -> coachHeaders(Dataset.coachId(pick(k, data.coaches()))));
        return new BenchCase(coach.name(), coach.description(), BenchCase.Kind.ROLE,
                List.of(new BenchCase.Side("coach", coach, BenchCase.Via.ENGINE),
                        new BenchCase.Side("admin", admin, BenchCase.Via.ENGINE)),
                "coach/admin", false, List.of(), List.of(), List.of());
    }

    static Map<String, String> coachHeaders(UUID coach) {
        return Map.of("x-hasura-role", "coach", "x-hasura-user-id", coach.toString());
    }

    /**
     * {@code insert_exercise_one} with returning, against the same INSERT … RETURNING building the same JSON, and
     * that statement in a transaction after {@code set_config('hasura.user', …)} as the engine runs mutations.
     * Request k writes (session k mod 256, position k / 256) of the benchmark's own program, so a run never
     * collides with itself; the rows are deleted before and after each run.
     */
    static BenchCase insertOne() {
        BenchQuery q = new BenchQuery("insert_one", "insert_exercise_one with returning, as admin", "AddExercise", """
                mutation AddExercise($sessionId: uuid!, $position: Int!, $name: String!, $sets: Int!, $reps: Int!,
                                     $restSeconds: Int!) {
                  insert_exercise_one(object: {session_id: $sessionId, position: $position, name: $name, sets: $sets,
                                               reps: $reps, rest_seconds: $restSeconds}) {
                    id session_id position name sets reps rest_seconds
                  }
                }""", """
                WITH e AS (
                  INSERT INTO public.exercise (session_id, position, name, sets, reps, rest_seconds)
                  VALUES ($1, $2, $3, $4, $5, $6)
                  RETURNING id, session_id, position, name, sets, reps, rest_seconds)
                SELECT json_build_object('insert_exercise_one', json_build_object('id', e.id, 'session_id', e.session_id,
                         'position', e.position, 'name', e.name, 'sets', e.sets, 'reps', e.reps,
                         'rest_seconds', e.rest_seconds))::text
                FROM e""",
                k -> {
                    UUID session = insertSessionId((int) (k % INSERT_SESSIONS));
                    int position = (int) (k / INSERT_SESSIONS);
                    String name = "Bench exercise " + k;
                    int sets = 2 + (int) (k % 4);
                    int reps = 5 + (int) ((k * 7) % 11);
                    int rest = 30 + (int) (k % 4) * 15;
                    return new BenchQuery.Params(String.format(
                            "{\"sessionId\":\"%s\",\"position\":%d,\"name\":\"%s\",\"sets\":%d,\"reps\":%d,"
                                    + "\"restSeconds\":%d}", session, position, name, sets, reps, rest),
                            Tuple.of(session, position, name, sets, reps, rest));
                });
        String programSessions = "SELECT id FROM public.session WHERE program_id = '" + INSERT_PROGRAM + "'";
        return new BenchCase(q.name(), q.description(), BenchCase.Kind.INSERT,
                List.of(new BenchCase.Side("engine", q, BenchCase.Via.ENGINE),
                        new BenchCase.Side("sql", q, BenchCase.Via.SQL),
                        new BenchCase.Side("sql+tx", q, BenchCase.Via.SQL_TRANSACTION)),
                "engine/SQL", true,
                List.of("INSERT INTO public.coach (id, email, display_name) VALUES ('" + INSERT_COACH
                                + "', 'writer@inserts.threefactor.test', 'Benchmark writer') ON CONFLICT (id) DO NOTHING",
                        "INSERT INTO public.program (id, coach_id, title) VALUES ('" + INSERT_PROGRAM + "', '"
                                + INSERT_COACH + "', 'Insert benchmark') ON CONFLICT (id) DO NOTHING",
                        "INSERT INTO public.session (id, program_id, position, title) "
                                + "SELECT md5('insert-session:' || s)::uuid, '" + INSERT_PROGRAM + "', s, 'Target ' || s "
                                + "FROM generate_series(0, " + (INSERT_SESSIONS - 1) + ") AS s ON CONFLICT (id) DO NOTHING"),
                List.of("DELETE FROM public.exercise WHERE session_id IN (" + programSessions + ")"),
                // Each run starts right after a checkpoint, so each pays the same full-page writes in the WAL
                // (otherwise a timed checkpoint lands in one run or another and skews the comparison).
                List.of("VACUUM (ANALYZE) public.exercise", "CHECKPOINT"));
    }

    static UUID insertSessionId(int i) {
        return Dataset.id("insert-session", i);
    }

    /** The row insert_exercise_one answered, read back by its id ($1) in the same JSON shape. */
    static final String INSERT_READ_BACK = """
            SELECT json_build_object('insert_exercise_one', json_build_object('id', e.id, 'session_id', e.session_id,
                     'position', e.position, 'name', e.name, 'sets', e.sets, 'reps', e.reps,
                     'rest_seconds', e.rest_seconds))::text
            FROM public.exercise e WHERE e.id = $1""";
}
