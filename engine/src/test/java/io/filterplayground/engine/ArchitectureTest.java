package io.filterplayground.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's layers (docs/architecture.md): a package only imports packages below it, the
 * packages form no cycle, the filter styles depend on the filter SPI and not the other way, the
 * scenario model imports nothing above it, and nothing in the engine knows JavaFX.
 */
class ArchitectureTest {
    private static final String E = "io.filterplayground.engine";
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(E);
    }

    /** Each layer, and which layers it may use or be used by. */
    static ArchRule layers() {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Report")
                .definedBy(E + ".report..")
                .layer("Facade")
                .definedBy(E, E + ".harness..")
                .layer("Server")
                .definedBy(E + ".server..")
                .layer("Chain")
                .definedBy(E + ".chain..")
                .layer("Styles")
                .definedBy(E + ".wasm..", E + ".lua..", E + ".natives..")
                .layer("Filter")
                .definedBy(E + ".filter..")
                .layer("Proxy")
                .definedBy(E + ".proxy..")
                .layer("ScenarioFiles")
                .definedBy(
                        E + ".scenario.file..", E + ".scenario.source..", E + ".scenario.envoy..")
                .layer("Scenario")
                .definedBy(E + ".scenario")
                .layer("State")
                .definedBy(E + ".state..")
                .layer("Upstream")
                .definedBy(E + ".upstream..")
                .layer("Debug")
                .definedBy(E + ".debug..")
                .layer("Runtime")
                .definedBy(E + ".runtime..")
                .layer("Trace")
                .definedBy(E + ".trace..")
                .layer("Base")
                .definedBy(E + ".abi..", E + ".http..", E + ".error..", E + ".util..")
                .whereLayer("Report")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Facade")
                .mayOnlyBeAccessedByLayers("Report")
                .whereLayer("Server")
                .mayOnlyBeAccessedByLayers("Facade")
                .whereLayer("Chain")
                .mayOnlyBeAccessedByLayers("Server", "Facade", "Report")
                .whereLayer("Styles")
                .mayOnlyBeAccessedByLayers("Server", "Facade", "Report")
                .whereLayer("ScenarioFiles")
                .mayOnlyBeAccessedByLayers("Server", "Facade", "Report")
                .whereLayer("Filter")
                .mayOnlyAccessLayers("Base", "Trace", "Runtime")
                .whereLayer("Proxy")
                .mayOnlyAccessLayers("Base", "Trace", "Runtime", "State", "Upstream")
                .whereLayer("Scenario")
                .mayOnlyAccessLayers("Base", "Upstream")
                .whereLayer("State")
                .mayOnlyAccessLayers("Base")
                .whereLayer("Upstream")
                .mayOnlyAccessLayers("Base", "Runtime")
                .whereLayer("Debug")
                .mayOnlyAccessLayers("Base", "Trace")
                .whereLayer("Runtime")
                .mayOnlyAccessLayers("Base")
                .whereLayer("Trace")
                .mayOnlyAccessLayers("Base")
                .whereLayer("Base")
                .mayNotAccessAnyLayer();
    }

    @Test
    void shouldKeepEveryPackageAboveWhatItImports() {
        layers().check(engine);
    }

    @Test
    void shouldHaveNoCyclesBetweenPackages() {
        slices().matching(E + ".(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void shouldKeepTheFilterStylesOffEachOther() {
        noClasses()
                .that()
                .resideInAPackage(E + ".lua..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(E + ".wasm..", E + ".natives..")
                .check(engine);
        noClasses()
                .that()
                .resideInAPackage(E + ".natives..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(E + ".wasm..", E + ".lua..")
                .check(engine);
        noClasses()
                .that()
                .resideInAPackage(E + ".wasm..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(E + ".lua..", E + ".natives..")
                .check(engine);
    }

    @Test
    void shouldNeverImportJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(engine);
    }
}
