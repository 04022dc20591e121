package io.filterplayground.engine.wasm.host;

import static io.filterplayground.engine.wasm.host.Probe.results;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.harness.HostHarness;
import org.junit.jupiter.api.Test;

/**
 * Metrics answer with Envoy's statuses (Context::defineMetric, incrementMetric, recordMetric and
 * getMetric in source/extensions/common/wasm/context.cc).
 */
class MetricHostcallsTest {
    @Test
    void shouldFollowEnvoysRulesForCountersGaugesAndHistograms() {
        try (HostHarness host =
                Probe.start(
                        "configure: proxy_define_metric 3 \"bad_type\" out",
                        "configure: proxy_define_metric 0 \"hits\" out:c",
                        "configure: proxy_define_metric 1 \"level\" out:g",
                        "configure: proxy_define_metric 2 \"sizes\" out:h",
                        // counters only grow
                        "configure: proxy_increment_metric $c 0",
                        "configure: proxy_increment_metric $c -1",
                        "configure: proxy_increment_metric $c 5",
                        "configure: proxy_record_metric $c 2",
                        // gauges go both ways
                        "configure: proxy_increment_metric $g -3",
                        // histograms are recorded, never incremented or read
                        "configure: proxy_increment_metric $h 1",
                        "configure: proxy_record_metric $h 10",
                        "configure: proxy_get_metric $c out",
                        "configure: proxy_get_metric $g out",
                        "configure: proxy_get_metric $h out",
                        // unknown ids: the kind in the two low bits decides first (Envoy's
                        // metric_id & kMetricTypeMask): 1000 a counter's, 1002 a histogram's,
                        // 999999 (low bits 3) no kind
                        "configure: proxy_get_metric 1000 out",
                        "configure: proxy_get_metric 1002 out",
                        "configure: proxy_get_metric 999999 out",
                        "configure: proxy_increment_metric 1000 1",
                        "configure: proxy_increment_metric 1002 1",
                        "configure: proxy_increment_metric 999999 1",
                        "configure: proxy_record_metric 999999 1")) {
            assertThat(results(host, "proxy_define_metric"))
                    .containsExactly("BadArgument", "Ok", "Ok", "Ok");
            assertThat(results(host, "proxy_increment_metric"))
                    .containsExactly(
                            "BadArgument",
                            "BadArgument",
                            "Ok",
                            "Ok",
                            "BadArgument",
                            "NotFound",
                            "BadArgument",
                            "BadArgument");
            assertThat(results(host, "proxy_record_metric"))
                    .containsExactly("Ok", "Ok", "NotFound");
            assertThat(Probe.calls(host, "proxy_get_metric"))
                    .extracting(h -> h.result() + " " + h.args().get("value"))
                    .containsExactly(
                            "Ok 7",
                            "Ok -3",
                            "BadArgument null",
                            "NotFound null",
                            "BadArgument null",
                            "BadArgument null");
        }
    }

    @Test
    void shouldAnswerInvalidMemoryAccessForPointersOutsideMemory() {
        try (HostHarness host =
                Probe.start(
                        "configure: proxy_define_metric 0 end 1 out",
                        "configure: proxy_define_metric 0 \"c\" end-1",
                        "configure: proxy_define_metric 0 \"c\" out:c",
                        "configure: proxy_get_metric $c end-7")) {
            assertThat(results(host, "proxy_define_metric"))
                    .containsExactly("InvalidMemoryAccess", "InvalidMemoryAccess", "Ok");
            assertThat(results(host, "proxy_get_metric")).containsExactly("InvalidMemoryAccess");
        }
    }
}
