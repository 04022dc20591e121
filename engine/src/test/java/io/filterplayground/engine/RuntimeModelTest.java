package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.LogEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Envoy's runtime model (issue 3): VMs per worker, services, timers, shared state. */
class RuntimeModelTest {
    @Test
    void shouldKeepGlobalsPerWorkerAndSharedDataAcrossWorkers() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 2
                filters:
                  - {name: counter, wasm: request-counter/request_counter.wasm}
                requests:
                  - {name: a}
                  - {name: b}
                  - {name: c}
                  - {name: d}
                """);

        List<String> local =
                r.exchanges().stream()
                        .map(
                                x ->
                                        x.worker()
                                                + "="
                                                + x.response()
                                                        .headers()
                                                        .first("x-count-local")
                                                        .orElse("?"))
                        .toList();
        List<String> shared =
                r.exchanges().stream()
                        .map(x -> x.response().headers().first("x-count-shared").orElse("?"))
                        .toList();
        assertThat(local).containsExactly("worker-0=1", "worker-1=1", "worker-0=2", "worker-1=2");
        assertThat(shared).containsExactly("1", "2", "3", "4");
        // The trace names the VM that served each request.
        assertThat(vmOf(r.exchanges().get(1))).isEqualTo("counter#w1");
        assertThat(r.snapshot().sharedData())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(new String(d.value())).isEqualTo("4");
                            assertThat(d.cas()).isPositive();
                        });
        assertThat(r.snapshot().metrics())
                .anySatisfy(
                        m -> {
                            assertThat(m.name()).isEqualTo("wasmcustom.requests_total");
                            assertThat(m.value()).isEqualTo(4);
                            assertThat(m.perVm())
                                    .containsEntry("counter#w0", 2L)
                                    .containsEntry("counter#w1", 2L);
                        });
    }

    @Test
    void shouldPinARequestToItsWorker() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 3
                filters:
                  - {name: hello, wasm: hello-abi/hello_abi.wasm}
                requests:
                  - {name: pinned, worker: 2, repeat: 3}
                """);

        assertThat(r.exchanges()).extracting(Exchange::worker).containsOnly("worker-2");
        assertThat(r.snapshot().vms())
                .extracting(v -> v.id() + ":" + v.streamsServed())
                .contains("hello#w0:0", "hello#w1:0", "hello#w2:3");
    }

    @Test
    void shouldRunASingletonServiceOnTheMainThreadAndOtherServicesOnEveryWorker() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 2
                services:
                  - {name: single, wasm: hello-abi/hello_abi.wasm, singleton: true}
                  - {name: everywhere, wasm: testdata/all_callbacks.wasm, singleton: false}
                """);

        assertThat(r.snapshot().vms())
                .extracting(v -> v.id() + "@" + v.thread())
                .containsExactlyInAnyOrder(
                        "single#main@main", "everywhere#w0@worker-0", "everywhere#w1@worker-1");
    }

    @Test
    void shouldFireTicksPerRootContextPerWorkerOnTheVirtualClock() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 2
                clock: virtual
                filters:
                  - {name: ticker, wasm: testdata/faults.wasm, configuration: "none@tick"}
                steps:
                  - advance: 3500ms
                """);

        List<String> ticks =
                r.logs().stream()
                        .filter(l -> l.message().equals("faults: tick"))
                        .map(LogEvent::thread)
                        .toList();
        assertThat(ticks).hasSize(6);
        assertThat(ticks.stream().filter("worker-0"::equals)).hasSize(3);
        assertThat(ticks.stream().filter("worker-1"::equals)).hasSize(3);
        assertThat(r.outsideRequests())
                .filteredOn(e -> e instanceof CallbackEvent c && c.name().equals("proxy_on_tick"))
                .hasSize(6);
    }

    @Test
    void shouldDeliverQueueNotificationsToTheRegisteringVm() {
        RunResult r =
                Fixtures.run(
                        Fixtures.sample(
                                io.filterplayground.samples.SampleModule.STATS_AGGREGATOR,
                                "scenario.yaml"));

        assertThat(r.outsideRequests())
                .filteredOn(
                        e ->
                                e instanceof CallbackEvent c
                                        && c.name().equals("proxy_on_queue_ready"))
                .isNotEmpty()
                .allMatch(e -> e.thread().equals("main"));
        assertThat(r.snapshot().queues())
                .singleElement()
                .satisfies(
                        q -> {
                            assertThat(q.enqueued()).isEqualTo(q.dequeued());
                            assertThat(q.subscriber()).contains("stats#main");
                        });
    }

    @Test
    void shouldKeepEveryTraceEventAndSharedUpdateInABurstOnFourWorkers() {
        int n = 10_000;
        // A loaded machine can stall a worker for a while: the watchdog's limit is raised so that
        // a slow moment is not a trap (the point here is that nothing is lost).
        RunResult r =
                Fixtures.run(
                        """
                workers: 4
                callbackTimeout: 20s
                filters:
                  - {name: counter, wasm: request-counter/request_counter.wasm}
                  - {name: hello, wasm: hello-abi/hello_abi.wasm}
                  - {name: add, wasm: add-header/add_header.wasm, rootId: add_header, configuration: {header: x-a, value: "1"}}
                requests:
                  - {name: burst, repeat: %d}
                """
                                .formatted(n));

        assertThat(r.exchanges()).hasSize(n);
        // Counted, not listed: a failure message naming 10,000 exchanges would fill the heap.
        long ok = r.exchanges().stream().filter(x -> x.response().status() == 200).count();
        long complete =
                r.exchanges().stream()
                        .filter(
                                x ->
                                        x.events().stream()
                                                        .filter(
                                                                e ->
                                                                        e instanceof CallbackEvent c
                                                                                && c.name()
                                                                                        .equals(
                                                                                                "proxy_on_request_headers"))
                                                        .count()
                                                == 3)
                        .count();
        assertThat(ok).as("requests answered 200").isEqualTo(n);
        assertThat(complete).as("requests whose trace has all three filters").isEqualTo(n);
        assertThat(new String(r.snapshot().sharedData().get(0).value()))
                .isEqualTo(Integer.toString(n));
    }

    private static String vmOf(Exchange x) {
        return x.events().stream()
                .filter(e -> e instanceof CallbackEvent)
                .map(e -> ((CallbackEvent) e).vm())
                .findFirst()
                .orElseThrow();
    }
}
