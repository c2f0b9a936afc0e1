package io.threefactor.engine.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine is a pipeline: each package may use the packages before it in {@link #PIPELINE}, never one after it.
 * A new package must be placed in the list (docs/architecture.md says what each one owns).
 */
class ArchitectureTest {

    private static final String ROOT = "io.threefactor.engine";

    /** Bottom to top. */
    static final List<String> PIPELINE = List.of(
            "error", "config", "catalog", "metadata", "schema", "session", "auth", "parse", "ir", "plan", "sql",
            "runtime", "project", "execute", "events", "subscription", "http", "ws", "admin", "ops", "boot");

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyPackageHasItsPlaceInThePipeline() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : ENGINE) {
            String relative = c.getPackageName().substring(ROOT.length()).replaceFirst("^\\.", "");
            packages.add(relative.split("\\.")[0]);
        }
        packages.remove("");
        assertEquals(new TreeSet<>(PIPELINE), packages, "packages of engine main against the pipeline list");
    }

    @Test
    void noPackageUsesOneLaterInThePipeline() {
        for (int i = 0; i < PIPELINE.size() - 1; i++) {
            String[] later = PIPELINE.subList(i + 1, PIPELINE.size()).stream()
                    .map(p -> ROOT + "." + p + "..").toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage(ROOT + "." + PIPELINE.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(later)
                    .because(PIPELINE.get(i) + " sits below " + String.join(", ", PIPELINE.subList(i + 1, PIPELINE.size())));
            rule.check(ENGINE);
        }
    }
}
