package io.filterplayground.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filterplayground.samples.SampleModule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * The command line as the README's "Command line" section describes it: outputs and exit statuses.
 */
class CommandLineTest {
    private static final Path SAMPLES = Path.of("..", "sample-modules");

    @TempDir Path dir;

    /** Output, error output and exit status of one invocation. */
    record Result(int status, String out, String err) {}

    static Result exec(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PlaygroundCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    /** {@link #exec} with {@code typed} as what the console (stdin) reads. */
    static Result execTyping(String typed, String... args) {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(
                    new java.io.ByteArrayInputStream(
                            typed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return exec(args);
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void shouldPrintTheJsonResultOfARun() throws Exception {
        Result r = exec("run", SAMPLES.resolve("hello-abi/scenario.yaml").toString(), "--json");

        assertThat(r.status()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("requests").get(0).get("response").get("status").asInt())
                .isEqualTo(200);
        assertThat(
                        json.has("logs")
                                && json.has("metrics")
                                && json.has("sharedData")
                                && json.has("vms"))
                .isTrue();
    }

    @Test
    void shouldRunTheFirstFourSamplesChainedInOneScenario() throws Exception {
        Path scenario = dir.resolve("chain.yaml");
        Files.writeString(
                scenario,
                """
                workers: 2
                clusters:
                  backend: {mock: {status: 200, headers: {content-type: text/plain}, body: "hello world\\n"}}
                filters:
                  - {name: hello-abi, wasm: sample:hello-abi}
                  - {name: add-header, wasm: sample:add-header, rootId: add_header, configuration: {request: {x-a: "1"}, response: {x-b: "2"}}}
                  - {name: deny, wasm: sample:deny, configuration: {header: x-user, values: [mallory], status: 403, body: "denied\\n"}}
                  - {name: body-rewrite, wasm: sample:body-rewrite, configuration: {from: hello, to: howdy, request: false, response: true}}
                requests:
                  - name: allowed
                    headers: {x-user: alice}
                    expect:
                      status: 200
                      upstreamHeaders: {x-a: "1"}
                      responseHeaders: {x-b: "2", x-hello: abi}
                      body: "howdy world\\n"
                  - name: denied
                    headers: {x-user: mallory}
                    expect:
                      status: 403
                      localReply: true
                      upstreamReached: false
                      responseHeaders: {x-b: "2", x-hello: abi}
                      bodyContains: denied
                """);

        Result test = exec("test", scenario.toString());
        Result run = exec("run", scenario.toString(), "--json");

        assertThat(test.status()).as(test.out() + test.err()).isZero();
        assertThat(test.out()).contains("ok: 2 expectation block(s) passed");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("vms")).hasSize(8);
    }

    @Test
    void shouldKeepARunAsATestThatPassesAndCatchesAChange() throws Exception {
        Path scenario = dir.resolve("chain.yaml");
        Files.writeString(
                scenario,
                """
                filters:
                  - {name: hello, wasm: sample:hello-abi}
                  - {name: deny, wasm: sample:deny, configuration: {pathPrefix: /admin, status: 403}}
                requests:
                  - {name: home, path: /}
                  - {name: admin, path: /admin}
                """);
        Path kept = dir.resolve("kept").resolve("chain-test.yaml");
        Files.createDirectories(kept.getParent());

        Result run = exec("run", scenario.toString(), "--json", "--write-test", kept.toString());

        assertThat(run.status()).as(run.err()).isZero();
        new ObjectMapper().readTree(run.out()); // stdout is still one JSON document
        assertThat(run.err()).contains("2 request(s) with expect: blocks");
        assertThat(Files.readString(kept)).contains("expect:", "x-hello: abi", "localReply: true");
        Result test = exec("test", kept.toString());
        assertThat(test.status()).as(test.out()).isZero();
        assertThat(test.out()).contains("ok: 2 expectation block(s) passed");

        // The chain changes (deny is gone): the kept test says what differs.
        Files.writeString(
                kept, Files.readString(kept).replaceAll("(?s)- name: deny.*?(?=requests:)", ""));
        Result changed = exec("test", kept.toString());
        assertThat(changed.status()).isEqualTo(1);
        assertThat(changed.out()).contains("FAIL admin (#1): expected status 403, got 200");

        Result nowhere =
                exec(
                        "run",
                        scenario.toString(),
                        "--write-test",
                        dir.resolve("no/such/t.yaml").toString());
        assertThat(nowhere.status()).isEqualTo(2);
        assertThat(nowhere.err())
                .contains("t.yaml: cannot write the file (its folder does not exist)");
    }

    @Test
    void shouldStopAtABreakpointAndRunOnWhatTheConsoleEdited() throws Exception {
        Path scenario = dir.resolve("debug.yaml");
        Files.writeString(
                scenario,
                """
                filters:
                  - {name: hello, wasm: sample:hello-abi}
                  - name: deny
                    wasm: sample:deny
                    configuration: {header: x-user, values: [mallory], status: 403}
                requests:
                  - {name: alice, headers: {x-user: alice}}
                  - {name: bob, headers: {x-user: bob}}
                """);
        // At alice's pause: make her mallory, look, go on. At bob's: run on without breaks.
        Result r =
                execTyping(
                        "set x-user mallory\nshow\nbogus\nc\nrun\n",
                        "run",
                        scenario.toString(),
                        "--json",
                        "--break",
                        "deny:request_headers");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("paused before deny · request_headers (stream 1) on worker-0")
                .contains("  x-user: alice")
                .contains("  x-user: mallory")
                .contains("unknown command 'bogus'")
                .contains("paused before deny · request_headers (stream 2)");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("requests").get(0).get("response").get("status").asInt())
                .isEqualTo(403);
        assertThat(json.get("requests").get(1).get("response").get("status").asInt())
                .isEqualTo(200);

        Result bad = exec("run", scenario.toString(), "--break", "nope:request_headers");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("--break nope:request_headers: no filter named 'nope'");
    }

    @Test
    void shouldWriteJUnitXmlForCi() throws Exception {
        Path scenario = dir.resolve("ci.yaml");
        Files.writeString(
                scenario,
                """
                filters: [{name: hello, wasm: sample:hello-abi}]
                requests:
                  - {name: good, expect: {status: 200, responseHeaders: {x-hello: abi}}}
                  - {name: "bad <one>", expect: {status: 418, responseHeaders: {x-hello: nope}}}
                  - {name: unchecked}
                """);
        Path xml = dir.resolve("junit.xml");

        Result r = exec("test", scenario.toString(), "--junit", xml.toString());

        assertThat(r.status()).isEqualTo(1);
        org.w3c.dom.Document d =
                javax.xml.parsers.DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(xml.toFile());
        org.w3c.dom.Element suite = d.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("ci.yaml");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        org.w3c.dom.NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        org.w3c.dom.Element bad = (org.w3c.dom.Element) cases.item(1);
        assertThat(bad.getAttribute("name")).isEqualTo("bad <one> (#1)");
        org.w3c.dom.Element failure =
                (org.w3c.dom.Element) bad.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("expected status 418, got 200");
        assertThat(failure.getTextContent())
                .contains("expected response header x-hello: nope, got abi");
        assertThat(
                        ((org.w3c.dom.Element) cases.item(0))
                                .getElementsByTagName("failure")
                                .getLength())
                .isZero();
        assertThat(
                        ((org.w3c.dom.Element) cases.item(2))
                                .getElementsByTagName("skipped")
                                .getLength())
                .isEqualTo(1);
    }

    @Test
    void shouldInspectAModuleByUrlAndPrintTheDigestToPin() throws Exception {
        byte[] wasm = io.filterplayground.samples.SampleModule.HELLO_ABI.wasmBytes();
        try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
            server.enqueue(
                    new mockwebserver3.MockResponse.Builder()
                            .body(new okio.Buffer().write(wasm))
                            .build());
            server.enqueue(new mockwebserver3.MockResponse.Builder().code(404).build());
            server.start();
            String url = server.url("/hello_abi.wasm").toString();

            Result r = exec("inspect", url);

            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out())
                    .startsWith(url)
                    .contains(
                            "sha256 " + io.filterplayground.engine.wasm.LoadedModule.sha256(wasm));
            Result missing = exec("inspect", server.url("/nope.wasm").toString());
            assertThat(missing.status()).isEqualTo(2);
            assertThat(missing.err()).contains("cannot fetch it: the server answered HTTP 404");
        }
    }

    @Test
    void shouldExitOneAndPrintEachFailedExpectation() throws Exception {
        Path scenario = dir.resolve("failing.yaml");
        Files.writeString(
                scenario,
                """
                filters: [{name: hello, wasm: sample:hello-abi}]
                requests:
                  - {name: wrong, expect: {status: 418, responseHeaders: {x-hello: nope}}}
                """);

        Result r = exec("test", scenario.toString());

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out())
                .contains("FAIL wrong (#0): expected status 418, got 200")
                .contains("FAIL wrong (#0): expected response header x-hello: nope, got abi");
    }

    @ParameterizedTest
    @EnumSource(SampleModule.class)
    void shouldInspectEverySample(SampleModule sample) {
        Result r =
                exec(
                        "inspect",
                        SAMPLES.resolve(sample.folder()).resolve(sample.wasmFile()).toString());

        assertThat(r.status()).isZero();
        assertThat(r.out())
                .containsPattern("ABI version\\s+0\\.2\\.[01]")
                .contains("Imports (")
                .contains("Exports (")
                .contains("env.proxy_log");
    }

    @Test
    void shouldPrintWhyAFilterDidNotStartAndExitTwo() throws Exception {
        // go_shaped's Go runtime cannot grow its 4 MiB heap arena under a 4-page cap.
        Path scenario = dir.resolve("go.yaml");
        Files.writeString(
                scenario,
                """
                maxMemoryPages: 4
                filters:
                  - {name: go, wasm: "sample:testdata/go_shaped"}
                requests:
                  - {name: r, expect: {status: 200}}
                """);

        for (String command : new String[] {"run", "test"}) {
            Result r = exec(command, scenario.toString());

            assertThat(r.status()).as(command).isEqualTo(2);
            assertThat(r.err())
                    .as(command)
                    .startsWith(
                            "filter-playground: go: go_shaped: _initialize failed: trap in"
                                    + " _initialize: Trapped on unreachable instruction\n")
                    .contains(
                            "  The guest's last lines:\n",
                            "    [error] fatal error: out of memory\n",
                            "  Wasm stack (innermost first):\n    runtime.throw\n");
        }
    }

    @Test
    void shouldInspectTheEnvHelpersEnvoyProvidesAsProvided() throws Exception {
        Result r = exec("inspect", "sample:testdata/env_helpers", "--json");

        assertThat(r.status()).isZero();
        java.util.Map<String, String> support = new java.util.HashMap<>();
        new ObjectMapper()
                .readTree(r.out())
                .get("imports")
                .forEach(i -> support.put(i.get("name").asText(), i.get("support").asText()));
        assertThat(support)
                .containsEntry("pthread_equal", "provided")
                .containsEntry("emscripten_notify_memory_growth", "provided");
    }

    @Test
    void shouldInspectAsJson() throws Exception {
        Result r = exec("inspect", "sample:deny", "--json");

        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("abiVersion").asText()).isEqualTo("0.2.1");
        assertThat(json.get("allocator").asText()).isEqualTo("proxy_on_memory_allocate");
        assertThat(json.get("hostcallsUsed").toString()).contains("proxy_send_local_response");
    }

    @Test
    void shouldGiveOneClearLineAndExitTwoForBadInput() throws Exception {
        Path notWasm = dir.resolve("notes.wasm");
        Files.writeString(notWasm, "not a module");
        Path badYaml = dir.resolve("bad.yaml");
        Files.writeString(badYaml, "workers: [\n");
        Path badValue = dir.resolve("value.yaml");
        Files.writeString(badValue, "clock: sideways\n");

        for (Result r :
                new Result[] {
                    exec("run", dir.resolve("missing.yaml").toString()),
                    exec("run", badYaml.toString()),
                    exec("test", badValue.toString()),
                    exec("inspect", notWasm.toString()),
                    exec("inspect", dir.resolve("missing.wasm").toString()),
                    exec("run", "--machine", "quantum", badValue.toString())
                }) {
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err().lines().filter(l -> !l.isBlank()).count())
                    .as(r.err())
                    .isLessThanOrEqualTo(2);
            assertThat(r.err()).startsWith("filter-playground: ").doesNotContain("Exception\n\tat");
        }
        assertThat(exec("run", badValue.toString()).err())
                .isEqualTo(
                        "filter-playground: value.yaml: clock: unknown clock 'sideways' (real or virtual)\n");
    }

    @Test
    void shouldExportEnvoyAndIstioConfiguration() {
        String scenario = SAMPLES.resolve("auth-callout/scenario.yaml").toString();

        Result envoy = exec("export", scenario);
        Result istio = exec("export", scenario, "--format", "istio");
        Result unknown = exec("export", scenario, "--format", "nginx");

        assertThat(envoy.status()).isZero();
        assertThat(envoy.out())
                .contains("envoy.extensions.filters.http.wasm.v3.Wasm")
                .contains("envoy.filters.http.router");
        assertThat(istio.out()).contains("kind: WasmPlugin");
        assertThat(unknown.status()).isEqualTo(2);
    }

    @Test
    void shouldExitZeroWhenAFilterTraps() throws Exception {
        Path scenario = dir.resolve("trap.yaml");
        Files.writeString(
                scenario,
                """
                filters: [{name: f, wasm: sample:testdata/faults, configuration: "trap@request_headers"}]
                requests: [{name: r}]
                """);

        Result r = exec("run", scenario.toString());

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("TRAP in proxy_on_request_headers").contains("503");
    }
}
