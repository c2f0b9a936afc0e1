package io.threefactor.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;

/**
 * The benchmark's rows in the app's own tables: coaches → programs → sessions → exercises, a fixed fan-out per
 * coach, so the scale only changes how many coaches there are and every query costs the same at any scale.
 * Everything is a function of the row's index (ids are md5 of "kind:index"), so Java knows any id without a
 * look-up and two runs at the same scale hold identical data.
 */
public record Dataset(int coaches) {

    static final int PROGRAMS_PER_COACH = 25;
    static final int SESSIONS_PER_PROGRAM = 4;
    static final int EXERCISES_PER_SESSION = 5;
    /** Marks our coaches apart from the app's seed rows. */
    static final String EMAIL_DOMAIN = "@bench.threefactor.test";

    static Dataset ofScale(double scale) {
        return new Dataset(Math.max(1, (int) Math.round(2000 * scale)));
    }

    long programs() {
        return (long) coaches * PROGRAMS_PER_COACH;
    }

    long sessions() {
        return programs() * SESSIONS_PER_PROGRAM;
    }

    long exercises() {
        return sessions() * EXERCISES_PER_SESSION;
    }

    static UUID coachId(long i) {
        return id("coach", i);
    }

    static UUID exerciseId(long i) {
        return id("exercise", i);
    }

    /** Same as SQL {@code md5('kind:' || i)::uuid}. */
    static UUID id(String kind, long i) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest((kind + ":" + i).getBytes(StandardCharsets.US_ASCII));
            long hi = 0;
            long lo = 0;
            for (int k = 0; k < 8; k++) {
                hi = (hi << 8) | (d[k] & 0xff);
                lo = (lo << 8) | (d[k + 8] & 0xff);
            }
            return new UUID(hi, lo);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts our coaches; equal to {@link #coaches} when the database already holds this dataset. */
    String presenceQuery() {
        return "SELECT count(*) FROM public.coach WHERE email LIKE '%" + EMAIL_DOMAIN + "'";
    }

    /**
     * The generating statements, run in one session after the engine applied the migrations. FK and updated_at
     * triggers are skipped (session_replication_role) because the rows are consistent by construction and the
     * per-row FK checks would triple the load time of a million rows.
     */
    List<String> statements() {
        String base = "timestamptz '2026-01-01 00:00:00+00'";
        long c = coaches;
        return List.of(
                "SET session_replication_role = replica",
                "INSERT INTO public.coach (id, email, display_name, bio, created_at, updated_at) "
                        + "SELECT md5('coach:' || c)::uuid, 'coach' || c || '" + EMAIL_DOMAIN + "', 'Coach ' || c, "
                        + "'Coach number ' || c || ' writes strength programs.', "
                        + base + " + c * interval '1 minute', " + base + " + c * interval '1 minute' "
                        + "FROM generate_series(0, " + (c - 1) + ") AS c",
                // updated_at: a distinct hour per program within its coach's day (7 is coprime to 25), so the
                // "20 latest" order has no ties and differs from insertion order.
                "INSERT INTO public.program (id, coach_id, title, description, created_at, updated_at) "
                        + "SELECT md5('program:' || p)::uuid, md5('coach:' || (p / " + PROGRAMS_PER_COACH + "))::uuid, "
                        + "'Program ' || p, '<p>Program ' || p || ': four sessions a week.</p>', "
                        + base + " + p * interval '1 minute', "
                        + base + " + (p / " + PROGRAMS_PER_COACH + ") * interval '1 day' + ((p % "
                        + PROGRAMS_PER_COACH + ") * 7 % " + PROGRAMS_PER_COACH + ") * interval '1 hour' "
                        + "FROM generate_series(0, " + (programs() - 1) + ") AS p",
                "INSERT INTO public.session (id, program_id, position, title, description, created_at, updated_at) "
                        + "SELECT md5('session:' || s)::uuid, md5('program:' || (s / " + SESSIONS_PER_PROGRAM + "))::uuid, "
                        + "s % " + SESSIONS_PER_PROGRAM + ", 'Day ' || (s % " + SESSIONS_PER_PROGRAM + " + 1), "
                        + "'<p>Warm up first.</p>', " + base + ", " + base + " "
                        + "FROM generate_series(0, " + (sessions() - 1) + ") AS s",
                "INSERT INTO public.exercise (id, session_id, position, name, instructions, sets, reps, "
                        + "duration_seconds, rest_seconds, created_at, updated_at) "
                        + "SELECT md5('exercise:' || e)::uuid, md5('session:' || (e / " + EXERCISES_PER_SESSION + "))::uuid, "
                        + "e % " + EXERCISES_PER_SESSION + ", 'Exercise ' || e, '<p>Exercise ' || e || ', slowly.</p>', "
                        + "2 + e % 4, 5 + (e * 7) % 11, CASE WHEN e % 3 = 0 THEN 30 + e % 60 END, 30 + (e % 4) * 15, "
                        + base + ", " + base + " "
                        + "FROM generate_series(0, " + (exercises() - 1) + ") AS e",
                "SET session_replication_role = DEFAULT",
                "ANALYZE public.coach, public.program, public.session, public.exercise");
    }
}
