package io.filterplayground.app.cli;

import static io.filterplayground.app.cli.CommandLineTest.exec;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.cli.CommandLineTest.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code explain NAME} and {@code run --explain}: the engine's explanations on the console. */
class ExplainCommandTest {
    private static final Path DENY = Path.of("..", "sample-modules", "deny", "scenario.yaml");

    @Test
    void shouldExplainACallbackAHostcallAndAStatusByName() {
        Result r = exec("explain", "proxy_on_request_headers", "proxy_http_call", "NotFound");

        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("proxy_on_request_headers (callback)")
                .contains("When:")
                .contains("Common mistake:")
                .contains("proxy_http_call (hostcall)")
                .contains("cluster name")
                .contains("NotFound (status)")
                .contains("In Envoy:");
    }

    @Test
    void shouldListEveryNameWhenGivenNone() {
        Result r = exec("explain");

        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("callback:")
                .contains("proxy_on_tick")
                .contains("hostcall:")
                .contains("proxy_set_effective_context")
                .contains("status:")
                .contains("CasMismatch")
                .contains("action:")
                .contains("Pause");
    }

    @Test
    void shouldRefuseAnUnknownNameInOneLine() {
        Result r = exec("explain", "proxy_on_nothing");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("no explanation for 'proxy_on_nothing'");
    }

    @Test
    void shouldExplainWhatARunShowedWithExplain() {
        Result plain = exec("run", DENY.toString());
        Result explained = exec("run", DENY.toString(), "--explain");

        assertThat(plain.status()).isZero();
        assertThat(plain.out()).doesNotContain("What these names mean");
        assertThat(explained.status()).isZero();
        // The hostcalls of each callback, then each name shown, explained once.
        assertThat(explained.out())
                .contains("proxy_send_local_response")
                .contains("What these names mean")
                .contains("proxy_on_request_headers (callback)")
                .contains("proxy_send_local_response (hostcall)")
                .contains("Continue (action)")
                .contains("Ok (status)");
        String glossary = explained.out().substring(explained.out().indexOf("What these names"));
        assertThat(glossary.split("proxy_on_request_headers \\(callback\\)")).hasSize(2);
    }
}
