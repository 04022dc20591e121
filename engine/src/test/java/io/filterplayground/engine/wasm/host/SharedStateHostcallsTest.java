package io.filterplayground.engine.wasm.host;

import static io.filterplayground.engine.wasm.host.Probe.results;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.harness.HostHarness;
import org.junit.jupiter.api.Test;

/**
 * Shared data and queues answer with cpp-host's statuses (SharedData::get/set in
 * src/shared_data.cc, the queue calls in src/exports.cc and src/context.cc): NotFound for a missing
 * key, queue or token, CasMismatch for a stale CAS, Empty for a queue with nothing in it.
 */
class SharedStateHostcallsTest {
    @Test
    void shouldAnswerNotFoundCasMismatchAndOkLikeCppHost() {
        try (HostHarness host =
                Probe.start(
                        "configure: proxy_get_shared_data \"k\" out out out",
                        // A CAS on a key that does not exist yet is ignored.
                        "configure: proxy_set_shared_data \"k\" \"1\" 77",
                        "configure: proxy_get_shared_data \"k\" out out out:cas",
                        "configure: proxy_set_shared_data \"k\" \"2\" $cas",
                        "configure: proxy_set_shared_data \"k\" \"3\" $cas",
                        "configure: proxy_set_shared_data \"k\" \"4\" 0")) {
            assertThat(results(host, "proxy_get_shared_data")).containsExactly("NotFound", "Ok");
            assertThat(results(host, "proxy_set_shared_data"))
                    .containsExactly("Ok", "Ok", "CasMismatch", "Ok");
            assertThat(host.sharedData())
                    .singleElement()
                    .satisfies(r -> assertThat(new String(r.value())).isEqualTo("4"));
        }
    }

    @Test
    void shouldAnswerEmptyForAnEmptyQueueAndNotFoundForAnUnknownOne() {
        try (HostHarness host =
                Probe.start(
                        "configure: proxy_dequeue_shared_queue 12345 out out",
                        "configure: proxy_enqueue_shared_queue 12345 \"x\"",
                        "configure: proxy_resolve_shared_queue \"\" \"q\" out",
                        "configure: proxy_register_shared_queue \"q\" out:q",
                        "configure: proxy_dequeue_shared_queue $q out out",
                        "configure: proxy_resolve_shared_queue \"\" \"q\" out",
                        "configure: proxy_resolve_shared_queue \"other-vm\" \"q\" out",
                        "configure: proxy_enqueue_shared_queue $q \"item\"",
                        "configure: proxy_dequeue_shared_queue $q out:p out:n",
                        "configure: proxy_log 2 $p $n")) {
            assertThat(results(host, "proxy_dequeue_shared_queue"))
                    .containsExactly("NotFound", "Empty", "Ok");
            assertThat(results(host, "proxy_enqueue_shared_queue"))
                    .containsExactly("NotFound", "Ok");
            assertThat(results(host, "proxy_resolve_shared_queue"))
                    .containsExactly("NotFound", "Ok", "NotFound");
            assertThat(host.logs()).containsExactly("item");
        }
    }

    @Test
    void shouldAnswerInvalidMemoryAccessForPointersOutsideMemory() {
        try (HostHarness host =
                Probe.start(
                        "configure: proxy_set_shared_data \"k\" \"v\" 0",
                        "configure: proxy_get_shared_data \"k\" out out end",
                        "configure: proxy_get_shared_data end 1 out out out",
                        "configure: proxy_set_shared_data \"k\" end-1 5 0",
                        "configure: proxy_register_shared_queue \"q\" 0xfffffffe",
                        "configure: proxy_register_shared_queue \"q\" out:q",
                        "configure: proxy_enqueue_shared_queue $q 0x80000000 1",
                        "configure: proxy_enqueue_shared_queue $q \"x\"",
                        "configure: proxy_dequeue_shared_queue $q end out")) {
            assertThat(results(host, "proxy_get_shared_data"))
                    .containsExactly("InvalidMemoryAccess", "InvalidMemoryAccess");
            assertThat(results(host, "proxy_set_shared_data"))
                    .containsExactly("Ok", "InvalidMemoryAccess");
            assertThat(results(host, "proxy_register_shared_queue"))
                    .containsExactly("InvalidMemoryAccess", "Ok");
            assertThat(results(host, "proxy_enqueue_shared_queue"))
                    .containsExactly("InvalidMemoryAccess", "Ok");
            assertThat(results(host, "proxy_dequeue_shared_queue"))
                    .containsExactly("InvalidMemoryAccess");
        }
    }
}
