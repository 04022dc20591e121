package io.filterplayground.engine.scenario.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.source.ResourceResolver;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The orders the sections keep: in unknown-field messages, in reading, in writing. */
class ScenarioLoaderTest {
    private static final ResourceResolver MODULES =
            ref -> ("bytes of " + ref).getBytes(StandardCharsets.UTF_8);

    private static Scenario parse(String text) {
        return ScenarioLoader.parse(text, "s.yaml", MODULES);
    }

    @Test
    void shouldListEveryKeyOfAMapInItsOrder() {
        assertThatThrownBy(() -> parse("bogus: 1"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(
                        "s.yaml: bogus: unknown field (expected one of workers, clock, startTime,"
                                + " logLevel, seed, canary, callbackTimeout, maxMemoryPages,"
                                + " bufferLimit, listener, clusters, route, properties, variables,"
                                + " filters, tcpListener, accessLoggers, services, requests, steps,"
                                + " connections, name, description)");
        assertThatThrownBy(() -> parse("filters: [{wasm: a.wasm, bogus: 1}]"))
                .hasMessage(
                        "s.yaml: filters[0].bogus: unknown field (expected one of name, wasm,"
                                + " sha256, rootId, vmId, configuration, vmConfiguration,"
                                + " failurePolicy, reloadBackoff, allowOnHeadersStopIteration,"
                                + " environment, inject, enabled, lua, luaFile, native, config,"
                                + " placeholder, reason)");
        assertThatThrownBy(() -> parse("clusters: {a: {mock: {grpc: {bogus: 1}}}}"))
                .hasMessage(
                        "s.yaml: clusters.a.mock.grpc.bogus: unknown field (expected one of"
                                + " status, message, response, responseBase64, initialMetadata,"
                                + " trailingMetadata)");
    }

    @Test
    void shouldWriteInTheOrderFilesHaveAlwaysBeenWritten() {
        String yaml =
                ScenarioWriter.toYaml(
                        parse(
                                """
                                properties: {a: b}
                                variables: {v: w}
                                clusters:
                                  g:
                                    mock:
                                      grpc: {status: 3, response: r, initialMetadata: {m: n}}
                                filters: [{lua: "x", enabled: false, name: l}]
                                """));
        assertThat(yaml.indexOf("variables:")).isLessThan(yaml.indexOf("properties:"));
        assertThat(yaml.indexOf("initialMetadata:")).isLessThan(yaml.indexOf("responseBase64:"));
        assertThat(yaml).contains("- name: l\n  enabled: false\n  lua: x\n");
    }

    @Test
    void shouldNameAFilterAfterItsModuleItsKindOrItsStyle() {
        Scenario s =
                parse(
                        "filters: [{wasm: mods/add_header.wasm}, {native: cors}, {lua: x},"
                                + " {wasm: b.wasm, name: mine}]");
        assertThat(s.filters())
                .extracting(f -> f.name())
                .containsExactly("add_header", "cors", "lua", "mine");
    }
}
