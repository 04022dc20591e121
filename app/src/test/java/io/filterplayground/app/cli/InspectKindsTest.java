package io.filterplayground.app.cli;

import static io.filterplayground.app.cli.CommandLineTest.exec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filterplayground.app.cli.CommandLineTest.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code inspect} tells what a real module can be, from the callbacks it exports. */
class InspectKindsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "sample:testdata/tcp_filter | network-filter | true"
                        + " | network filter; can be an access logger",
                "sample:testdata/access_log | access-logger | true"
                        + " | access logger (proxy_on_log is its only stream-level callback)",
                "sample:add-header | http-filter | true | HTTP filter; can be an access logger",
                "sample:deny | http-filter | false | HTTP filter",
                "sample:stats-aggregator | access-logger service | true"
                        + " | service (a root context: proxy_on_queue_ready, proxy_on_tick, no"
                        + " stream callbacks)",
                "sample:testdata/clocks | service | false | service (a root context:"
                        + " proxy_on_tick, no stream callbacks)",
                "sample:testdata/rust_sdk_shaped | http-filter network-filter | true"
                        + " | it exports both HTTP and network callbacks",
            })
    void shouldTellWhatAModuleCanBeFromItsExports(
            String module, String kinds, boolean canLog, String summary) throws Exception {
        Result text = exec("inspect", module);
        Result json = exec("inspect", module, "--json");

        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out().lines().skip(1).findFirst().orElseThrow())
                .startsWith("  kind  ")
                .contains(summary);
        JsonNode j = new ObjectMapper().readTree(json.out());
        List<String> got = new ArrayList<>();
        j.get("kinds").forEach(k -> got.add(k.asText()));
        assertThat(got).containsExactly(kinds.split(" "));
        assertThat(j.get("canBeAccessLogger").asBoolean()).isEqualTo(canLog);
        assertThat(j.get("kindSummary").asText()).contains(summary);
    }
}
