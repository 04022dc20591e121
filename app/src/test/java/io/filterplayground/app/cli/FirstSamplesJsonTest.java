package io.filterplayground.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The four first samples through {@code run --json}: headers, bodies, local replies, logs. */
class FirstSamplesJsonTest {
    private static JsonNode run(String sample) throws Exception {
        CommandLineTest.Result r =
                CommandLineTest.exec(
                        "run",
                        Path.of("..", "sample-modules", sample, "scenario.yaml").toString(),
                        "--json");
        assertThat(r.status()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    private static String header(JsonNode headers, String name) {
        for (JsonNode h : headers) {
            if (h.get(0).asText().equals(name)) {
                return h.get(1).asText();
            }
        }
        return null;
    }

    private static boolean logged(JsonNode json, String message) {
        for (JsonNode l : json.get("logs")) {
            if (l.get("message").asText().equals(message)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void helloAbiAddsAResponseHeaderAndLogsEachStep() throws Exception {
        JsonNode json = run("hello-abi");
        JsonNode req = json.get("requests").get(0);

        assertThat(header(req.get("response").get("headers"), "x-hello")).isEqualTo("abi");
        assertThat(logged(json, "hello-abi: request path /hello")).isTrue();
        assertThat(logged(json, "hello-abi: done")).isTrue();
    }

    @Test
    void addHeaderAddsARequestAndAResponseHeader() throws Exception {
        JsonNode json = run("add-header");
        JsonNode req = json.get("requests").get(0);

        assertThat(header(req.get("upstreamRequest").get("headers"), "x-a")).isEqualTo("1");
        assertThat(header(req.get("response").get("headers"), "x-b")).isEqualTo("2");
        assertThat(logged(json, "add-header: request x-a: 1")).isTrue();
    }

    @Test
    void denyAnswersLocallyWithoutReachingTheUpstream() throws Exception {
        JsonNode json = run("deny");
        JsonNode allowed = json.get("requests").get(0);
        JsonNode denied = json.get("requests").get(1);

        assertThat(allowed.get("response").get("status").asInt()).isEqualTo(200);
        assertThat(denied.get("response").get("status").asInt()).isEqualTo(403);
        assertThat(denied.get("response").get("localReply").asBoolean()).isTrue();
        assertThat(denied.get("response").get("body").asText()).isEqualTo("denied by policy\n");
        assertThat(denied.get("upstreamRequest").isNull()).isTrue();
        assertThat(logged(json, "deny: x-user: mallory is on the deny list")).isTrue();
    }

    @Test
    void bodyRewriteRewritesTheBufferedResponseBody() throws Exception {
        JsonNode json = run("body-rewrite");
        JsonNode resp = json.get("requests").get(0).get("response");

        assertThat(resp.get("body").asText()).isEqualTo("howdy world, howdy again\n");
        assertThat(header(resp.get("headers"), "content-length")).isNull();
        assertThat(logged(json, "body-rewrite: 2 replacements (response body)")).isTrue();
    }
}
