package io.threefactor.functions.publish;

import io.threefactor.functions.text.RichTextSanitizer;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the landing and app documents from a loaded program: text sanitised, sessions and
 * exercises in position order, images replaced by their published renditions. Deterministic:
 * the same program yields the same documents (no timestamps inside), so they store under the same keys.
 */
public final class DocumentBuilder {

    private final RichTextSanitizer sanitizer;

    public DocumentBuilder(RichTextSanitizer sanitizer) {
        this.sanitizer = sanitizer;
    }

    /** The landing page slug: from the title as plain text, plus a short program id. */
    public String slug(ProgramSource program) {
        return Slugs.of(sanitizer.plain(program.title()), program.id());
    }

    public Documents build(ProgramSource program, String slug, int version, ProgramImages images) {
        String title = sanitizer.plain(program.title());
        String description = sanitizer.html(program.description());
        LandingDocument.CoachSummary coach = program.coach() == null ? null
                : new LandingDocument.CoachSummary(program.coach().id(), sanitizer.plain(program.coach().displayName()));
        List<ProgramSource.Session> sessions = program.sessions().stream()
                .sorted(Comparator.comparingInt(ProgramSource.Session::position))
                .toList();

        List<AppDocument.Session> appSessions = sessions.stream().map(s -> new AppDocument.Session(
                s.id(), s.position(), sanitizer.plain(s.title()), sanitizer.html(s.description()),
                s.exercises().stream()
                        .sorted(Comparator.comparingInt(ProgramSource.Exercise::position))
                        .map(e -> new AppDocument.Exercise(e.id(), e.position(), sanitizer.plain(e.name()),
                                sanitizer.html(e.instructions()), images.byExercise().get(e.id()),
                                e.sets(), e.reps(), e.durationSeconds(), e.restSeconds()))
                        .toList()))
                .toList();
        List<LandingDocument.SessionSummary> summaries = appSessions.stream()
                .map(s -> new LandingDocument.SessionSummary(s.position(), s.title(), s.exercises().size()))
                .toList();
        int exerciseCount = summaries.stream().mapToInt(LandingDocument.SessionSummary::exerciseCount).sum();

        LandingDocument landing = new LandingDocument(LandingDocument.SCHEMA, program.id(), slug, version, title,
                description, coach, images.cover(), summaries.size(), exerciseCount, summaries);
        AppDocument app = new AppDocument(AppDocument.SCHEMA, program.id(), slug, version, title, description,
                coach, images.cover(), appSessions);
        return new Documents(landing, app);
    }
}
