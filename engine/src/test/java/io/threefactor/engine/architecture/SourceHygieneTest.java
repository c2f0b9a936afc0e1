package io.threefactor.engine.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Main code names its dependencies in imports, where a reader finds them: no inline fully qualified names and no
 * unused imports, in every module's main sources. Also: no engine package refers to one later in the pipeline,
 * counting what bytecode does not show (inlined constants, javadoc links).
 */
class SourceHygieneTest {

    private static final List<Path> MAIN_SOURCES = List.of(Path.of("src/main/java"),
            Path.of("../triggers/src/main/java"), Path.of("../functions/src/main/java"),
            // The functions' binding seams (functions/pom.xml adds one per build).
            Path.of("../functions/src/web/java"), Path.of("../functions/src/lambda/java"));
    private static final Pattern QUALIFIED = Pattern.compile(
            "\\b(?:java|javax|jakarta|io|com|org|graphql|net)\\.(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?[\\w.]+\\.(\\w+);$");
    private static final Pattern ENGINE_REFERENCE = Pattern.compile("io\\.threefactor\\.engine\\.([a-z][a-z0-9_]*)\\.");

    @Test
    void mainCodeWritesNoInlineQualifiedNames() {
        List<String> found = new ArrayList<>();
        forEachSource((file, lines) -> {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("import ") || line.startsWith("package ") || line.startsWith("*")
                        || line.startsWith("//") || line.startsWith("/*")) {
                    continue;
                }
                Matcher m = QUALIFIED.matcher(STRING.matcher(line).replaceAll("\"\"").split("//")[0]);
                while (m.find()) {
                    found.add(file + ":" + (i + 1) + " " + m.group());
                }
            }
        });
        assertEquals(List.of(), found, "inline fully qualified names (import them)");
    }

    @Test
    void mainCodeHasNoUnusedImports() {
        List<String> found = new ArrayList<>();
        forEachSource((file, lines) -> {
            String body = String.join("\n", lines.stream().filter(l -> !l.startsWith("import ")).toList());
            for (String line : lines) {
                Matcher m = IMPORT.matcher(line);
                if (m.matches() && !Pattern.compile("\\b" + m.group(1) + "\\b").matcher(body).find()) {
                    found.add(file + ": " + line);
                }
            }
        });
        assertEquals(List.of(), found, "unused imports");
    }

    @Test
    void engineSourcesReferToNoLaterPackage() {
        List<String> found = new ArrayList<>();
        Path engine = Path.of("src/main/java/io/threefactor/engine");
        forEachSource((file, lines) -> {
            if (!file.startsWith(engine)) {
                return;
            }
            String own = engine.relativize(file).getName(0).toString();
            int ownIndex = ArchitectureTest.PIPELINE.indexOf(own);
            for (String line : lines) {
                Matcher m = ENGINE_REFERENCE.matcher(line);
                while (!line.startsWith("package ") && m.find()) {
                    if (ArchitectureTest.PIPELINE.indexOf(m.group(1)) > ownIndex) {
                        found.add(file + ": " + line.strip());
                    }
                }
            }
        });
        assertEquals(List.of(), found, "references up the pipeline");
    }

    private interface SourceVisitor {
        void visit(Path file, List<String> lines) throws IOException;
    }

    private static void forEachSource(SourceVisitor visitor) {
        for (Path root : MAIN_SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    visitor.visit(file, Files.readAllLines(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
