package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.report.Expectations;
import io.filterplayground.engine.report.RunResultJson;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.samples.SampleModule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample's scenario runs through the real engine and meets its own expect blocks. */
class SampleScenariosTest {
    /** Every sample scenario file, by sample: also what other tests run over. */
    public static Stream<Arguments> scenarios() {
        List<Arguments> all = new ArrayList<>();
        for (SampleModule m : SampleModule.values()) {
            for (String r : m.scenarioResources()) {
                all.add(Arguments.of(m, r.substring(r.lastIndexOf('/') + 1)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void shouldMeetItsExpectations(SampleModule sample, String file) {
        RunResult r = Fixtures.run(Fixtures.sample(sample, file));

        assertThat(r.sent().size() + r.connections().size()).isPositive();
        assertThat(Expectations.check(r)).isEmpty();
        assertThat(Expectations.checked(r)).isPositive();
    }

    /**
     * Scenarios that put several samples together, in folders of their own: {@code
     * four-extension-points} (an HTTP filter chain, a TCP listener's network filter, an access
     * logger and a singleton service).
     */
    public static Stream<String> combinedScenarios() {
        return Stream.of("four-extension-points/scenario.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinedScenarios")
    void shouldMeetTheExpectationsOfACombinedScenario(String path) {
        int slash = path.indexOf('/');
        RunResult r =
                Fixtures.run(Fixtures.sample(path.substring(0, slash), path.substring(slash + 1)));

        assertThat(r.sent()).isNotEmpty();
        assertThat(r.connections()).isNotEmpty();
        assertThat(Expectations.check(r)).isEmpty();
        assertThat(Expectations.checked(r)).isPositive();
    }

    @Test
    void shouldProduceTheContractJsonForHelloAbi() {
        RunResult r = Fixtures.run(Fixtures.sample(SampleModule.HELLO_ABI, "scenario.yaml"));
        JsonNode json = RunResultJson.of(r);

        JsonNode req = json.get("requests").get(0);
        assertThat(req.get("name").asText()).isEqualTo("hello");
        assertThat(req.get("index").asInt()).isZero();
        assertThat(req.get("worker").asText()).isEqualTo("worker-0");
        assertThat(req.get("response").get("status").asInt()).isEqualTo(200);
        assertThat(req.get("response").get("localReply").asBoolean()).isFalse();
        assertThat(req.get("response").get("headers").toString()).contains("[\"x-hello\",\"abi\"]");
        assertThat(req.get("upstreamRequest").get("headers").get(0).toString())
                .isEqualTo("[\":authority\",\"localhost\"]");
        JsonNode first =
                req.get("events").findValues("kind").stream()
                        .filter(k -> k.asText().equals("callback"))
                        .findFirst()
                        .orElseThrow();
        assertThat(first.asText()).isEqualTo("callback");
        JsonNode callback = null;
        for (JsonNode e : req.get("events")) {
            if (e.get("kind").asText().equals("callback")
                    && e.get("name").asText().equals("proxy_on_request_headers")) {
                callback = e;
            }
        }
        assertThat(callback).isNotNull();
        assertThat(callback.get("vm").asText()).isEqualTo("hello-abi#w0");
        assertThat(callback.get("result").asText()).isEqualTo("Continue");
        assertThat(callback.get("contextId").asInt()).isEqualTo(2);
        assertThat(json.get("vms").get(0).get("id").asText()).isEqualTo("hello-abi#w0");
        assertThat(json.get("logs")).isNotEmpty();
        assertThat(r.logs())
                .extracting(LogEvent::message)
                .contains("hello-abi: request path /hello");
    }
}
