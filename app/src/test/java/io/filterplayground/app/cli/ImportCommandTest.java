package io.filterplayground.app.cli;

import static io.filterplayground.app.cli.CommandLineTest.exec;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.cli.CommandLineTest.Result;
import io.filterplayground.samples.SampleModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import} and {@code export --format compose} on the command line: a sample goes out as a
 * compose folder, comes back with {@code import -o} as a scenario that runs and passes its test of
 * the chain; placeholders and bad input are said in one line each.
 */
class ImportCommandTest {
    private static final Path SAMPLES = Path.of("..", "sample-modules");

    @TempDir Path dir;

    @Test
    void shouldExportAComposeFolderAndImportItBackAsAScenarioThatRuns() throws Exception {
        Path out = dir.resolve("three-styles");
        Result export =
                exec(
                        "export",
                        SAMPLES.resolve("three-styles/scenario.yaml").toString(),
                        "--format",
                        "compose",
                        "-o",
                        out.toString());
        assertThat(export.status()).as(export.err()).isZero();
        assertThat(export.out()).contains("compose.yaml").contains("docker compose up");

        Path scenario = dir.resolve("back/scenario.yaml");
        Files.createDirectories(scenario.getParent());
        Result imp =
                exec("import", out.resolve("envoy.yaml").toString(), "-o", scenario.toString());

        assertThat(imp.status()).as(imp.err()).isZero();
        assertThat(imp.out()).startsWith("Imported 3 filter(s) into ");
        String text = Files.readString(scenario);
        assertThat(text).startsWith("# Imported by filter-playground from envoy.yaml.\n");
        assertThat(text).contains("wasm: ../three-styles/wasm/add_header.wasm");
        Result run = exec("run", scenario.toString(), "--json");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"x-native\"").contains("\"x-lua\"").contains("\"x-wasm\"");
    }

    @Test
    void shouldPrintTheScenarioListingPlaceholdersAndRefuseInlineModulesWithoutOutput()
            throws Exception {
        Path envoy = dir.resolve("hcm.yaml");
        Files.writeString(
                envoy,
                """
                http_filters:
                - name: authz
                  typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz}
                - name: envoy.filters.http.router
                  typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router}
                """);
        Result printed = exec("import", envoy.toString());
        assertThat(printed.status()).isZero();
        assertThat(printed.out())
                .contains(
                        "# NOTE: authz (type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz): not run here")
                .contains(
                        "placeholder: type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz");

        Path inline = dir.resolve("inline.yaml");
        Files.writeString(
                inline,
                """
                http_filters:
                - name: hello
                  typed_config:
                    "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm
                    config: {vm_config: {code: {local: {inline_bytes: %s}}}}
                """
                        .formatted(
                                Base64.getEncoder()
                                        .encodeToString(SampleModule.HELLO_ABI.wasmBytes())));
        Result refused = exec("import", inline.toString());
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).contains("give -o SCENARIO");
        Result written = exec("import", inline.toString(), "-o", dir.resolve("s.yaml").toString());
        assertThat(written.status()).as(written.err()).isZero();
        assertThat(dir.resolve("hello.wasm")).hasBinaryContent(SampleModule.HELLO_ABI.wasmBytes());
    }

    @Test
    void shouldSayWhatIsWrongInOneLineAndExitTwo() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "foo: 1\n");

        Result r = exec("import", bad.toString());
        Result compose =
                exec(
                        "export",
                        SAMPLES.resolve("hello-abi/scenario.yaml").toString(),
                        "--format",
                        "compose");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo(
                        "filter-playground: bad.yaml: not an Envoy bootstrap, listener or HTTP connection manager, nor an Istio WasmPlugin or EnvoyFilter");
        assertThat(compose.status()).isEqualTo(2);
        assertThat(compose.err()).contains("--format compose needs -o DIR");
    }
}
