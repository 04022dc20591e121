package io.filterplayground.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.samples.SampleModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The access-logger sample (a Rust access logger) through the real engine: each line is JSON and
 * agrees with what the engine itself measured for the request or connection it logs.
 */
class AccessLoggerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The access log's lines, parsed, in the order they were written. */
    private static List<JsonNode> lines(List<LogEvent> logs) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (LogEvent l : logs) {
            if ("access-log".equals(l.filter()) && l.message().startsWith("{")) {
                out.add(JSON.readTree(l.message()));
            }
        }
        return out;
    }

    @Test
    void shouldLogEachRequestAsJsonWithItsStatusAndBytes() throws Exception {
        RunResult r = Fixtures.run(Fixtures.sample(SampleModule.ACCESS_LOGGER, "scenario.yaml"));

        for (Exchange x : r.exchanges()) {
            List<JsonNode> own =
                    lines(
                            x.events().stream()
                                    .filter(LogEvent.class::isInstance)
                                    .map(LogEvent.class::cast)
                                    .toList());
            assertThat(own).as(x.name()).hasSize(1);
            JsonNode line = own.get(0);
            assertThat(line.get("type").asText()).isEqualTo("http");
            assertThat(line.get("path").asText()).isEqualTo(x.request().path());
            assertThat(line.get("response_code").asInt()).isEqualTo(x.response().status());
            assertThat(line.get("bytes_sent").asInt()).isEqualTo(x.response().body().length);
            assertThat(line.get("request_id").asText()).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void shouldLogEachConnectionWithTheBytesEachSideGot() throws Exception {
        RunResult r =
                Fixtures.run(Fixtures.sample(SampleModule.ACCESS_LOGGER, "scenario-tcp.yaml"));

        List<JsonNode> lines = lines(r.logs());
        assertThat(lines).hasSize(r.connections().size());
        for (int i = 0; i < lines.size(); i++) {
            ConnectionResult c = r.connections().get(i).result();
            JsonNode line = lines.get(i);
            assertThat(line.get("type").asText()).isEqualTo("tcp");
            assertThat(line.get("connection_id").asLong()).isEqualTo(c.connectionId());
            assertThat(line.get("bytes_received").asInt()).isEqualTo(c.upstreamReceived().length);
            assertThat(line.get("bytes_sent").asInt()).isEqualTo(c.received().length);
            assertThat(line.get("upstream_host").asText()).startsWith("127.0.0.1:");
        }
        // The advance steps are inside each connection: 250 ms, then 1 s.
        assertThat(lines).extracting(l -> l.get("duration_ms").asInt()).containsExactly(250, 1000);
    }

    @Test
    void shouldWarnOnceWhenNoServiceReadsTheQueue() {
        RunResult r =
                Fixtures.run(
                        """
                        accessLoggers:
                          - {name: access-log, wasm: access-logger/access_logger.wasm}
                        requests:
                          - {name: three, repeat: 3}
                        """);

        assertThat(r.exchanges()).allSatisfy(x -> assertThat(x.response().status()).isEqualTo(200));
        assertThat(r.logs())
                .filteredOn(l -> l.level() == LogLevel.WARN)
                .extracting(LogEvent::message)
                .containsExactly(
                        "access-logger: queue stats/access_log not found (NOT_FOUND(1)); is the"
                                + " stats service running?");
    }
}
