package io.threefactor.bench;

import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;

/**
 * The four query shapes. Each SQL is what a developer would write by hand for the same JSON: joins and
 * json_build_object/json_agg, the ids as parameters. Request k's ids walk the rows with a large stride so
 * consecutive requests hit different rows and both sides see the same sequence.
 */
public final class QueryCatalogue {

    static final List<String> NAMES = List.of("by_pk", "nested", "filtered_list", "aggregates");

    private QueryCatalogue() { }

    static List<BenchQuery> queries(Dataset data, List<String> names) {
        return names.stream().map(n -> query(data, n)).toList();
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
}
