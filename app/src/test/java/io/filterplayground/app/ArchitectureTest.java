package io.filterplayground.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.filterplayground.engine.util.OwnerOnly;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's rules (docs/architecture.md): it talks to the engine's API, never to Chicory; its
 * ViewModels are plain classes with JavaFX properties, testable without a toolkit, so they never
 * touch {@code javafx.scene}; and the command line and the lesson model never need the window.
 */
class ArchitectureTest {
    private static JavaClasses app;

    @BeforeAll
    static void importApp() {
        app =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.filterplayground.app");
    }

    @Test
    void shouldNeverImportChicory() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.dylibso..").check(app);
    }

    @Test
    void shouldKeepViewModelsFreeOfTheSceneGraph() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("ViewModel")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx.scene..")
                .check(app);
    }

    /** The lesson model is shared by the window and the command line's {@code lesson}. */
    @Test
    void shouldKeepTheLessonModelFreeOfJavaFx() {
        noClasses()
                .that()
                .resideInAPackage("io.filterplayground.app.learn")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx..")
                .check(app);
    }

    @Test
    void shouldRunTheCommandLineWithoutJavaFx() {
        noClasses()
                .that()
                .resideInAPackage("io.filterplayground.app.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx..")
                .check(app);
    }

    @Test
    void shouldDecideTheRelaunchWithTheJdkAlone() {
        // The first JVM of `java -jar` loads only this before it hands over to the second, and
        // the engine's check of owner-only files (itself JDK-only: checked below).
        classes()
                .that()
                .resideInAPackage("io.filterplayground.app.launch..")
                .should()
                .onlyDependOnClassesThat(
                        JavaClass.Predicates.resideInAnyPackage(
                                        "io.filterplayground.app.launch..",
                                        "java..",
                                        "com.sun.management..")
                                .or(JavaClass.Predicates.belongToAnyOf(OwnerOnly.class)))
                .check(app);
        classes()
                .that()
                .belongToAnyOf(OwnerOnly.class)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("io.filterplayground.engine.util..", "java..")
                .check(
                        new ClassFileImporter()
                                .importClasses(
                                        OwnerOnly.class, OwnerOnly.NotOwnOnlyException.class));
    }
}
