package io.filterplayground.engine.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.source.Resolvers;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.state.SharedQueues;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost under load: a million requests ({@code -Dsoak.requests}) over four workers
 * through request-counter (a shared-data CAS counter) and stats-aggregator (each request enqueued
 * to a shared queue that a singleton service drains). Afterwards the counter and the service's
 * total both equal the number of requests, every trace event of a stream is in its exchange and
 * none is anywhere else, the queue is empty, and the heap retained after a GC is what it was after
 * the warm-up. Runs with {@code mvn -Psoak -pl engine -am verify}; the figures go to stdout and
 * {@code engine/target/soak-report.txt}.
 */
@Tag("soak")
class SoakTest {
    private static final String SCENARIO =
            """
            workers: 4
            clock: virtual
            clusters:
              backend: {mock: {status: 200, headers: {content-type: text/plain}, body: "ok"}}
            route: backend
            filters:
              - {name: counter, wasm: request-counter/request_counter.wasm}
              - {name: stats, wasm: stats-aggregator/stats_aggregator.wasm, rootId: stats_filter,
                 vmId: stats}
            services:
              - {name: stats-service, wasm: stats-aggregator/stats_aggregator.wasm,
                 rootId: stats_service, vmId: stats, singleton: true}
            """;

    private static final int IN_FLIGHT = 4096;

    @Test
    void shouldLoseNothingUnderAMillionRequests() throws Exception {
        long n = Long.getLong("soak.requests", 1_000_000);
        long warmUp = Math.min(20_000, n / 10);
        TraceDetail detail = TraceDetail.valueOf(System.getProperty("soak.trace", "FULL"));
        Scenario scenario =
                ScenarioLoader.parse(
                        SCENARIO,
                        "soak.yaml",
                        Resolvers.classpath(
                                "io/filterplayground/samples/", getClass().getClassLoader()));
        AtomicLong streamEvents = new AtomicLong();
        AtomicLong otherEvents = new AtomicLong();
        AtomicReference<String> lastTotals = new AtomicReference<>("");
        try (Playground p =
                Playground.start(
                        scenario,
                        new Playground.Options(Machine.COMPILED, detail),
                        e -> count(e, streamEvents, otherEvents, lastTotals))) {
            Counts warm = send(p, warmUp);
            long heapBefore = retainedHeap();
            long t0 = System.nanoTime();
            Counts main = send(p, n - warmUp);
            double seconds = (System.nanoTime() - t0) / 1e9;
            p.awaitIdle(60_000);
            p.advance(1000); // the service's tick logs its totals
            p.awaitIdle(60_000);
            long heapAfter = retainedHeap();

            long ok = warm.ok.get() + main.ok.get();
            long inExchanges = warm.events.get() + main.events.get();
            String counter = sharedCounter(p);
            String report =
                    String.format(
                            "soak: %,d requests (%,d after a warm-up of %,d) over 4 workers in %.1f"
                                    + " s: %,.0f requests/s; %,d answered 200; shared counter %s;"
                                    + " service: %s; trace events: %,d in exchanges, %,d seen in"
                                    + " streams, %,d outside streams (%s trace); heap retained"
                                    + " after GC: %,d MB after the warm-up, %,d MB after the run",
                            n,
                            n - warmUp,
                            warmUp,
                            seconds,
                            (n - warmUp) / seconds,
                            ok,
                            counter,
                            lastTotals.get(),
                            inExchanges,
                            streamEvents.get(),
                            otherEvents.get(),
                            detail,
                            heapBefore >> 20,
                            heapAfter >> 20);
            System.out.println(report);
            Files.writeString(Path.of("target", "soak-report.txt"), report + "\n");

            assertThat(ok).isEqualTo(n);
            assertThat(counter).isEqualTo(Long.toString(n));
            assertThat(lastTotals.get()).startsWith("stats: total=" + n + " ");
            assertThat(inExchanges).isEqualTo(streamEvents.get());
            for (SharedQueues.Row q : p.snapshot().queues()) {
                assertThat(q.depth()).as(q.name()).isZero();
                assertThat(q.enqueued()).isEqualTo(n);
                assertThat(q.dequeued()).isEqualTo(n);
            }
            assertThat(heapAfter - heapBefore).as(report).isLessThan(64L << 20);
        }
    }

    private static void count(
            TraceEvent e,
            AtomicLong inStreams,
            AtomicLong outside,
            AtomicReference<String> totals) {
        if (e.streamId() != 0) {
            inStreams.incrementAndGet();
            return;
        }
        outside.incrementAndGet();
        if (e instanceof LogEvent l && l.message().startsWith("stats: total=")) {
            totals.set(l.message());
        }
    }

    /** What a batch of requests got. */
    private record Counts(AtomicLong ok, AtomicLong events) {}

    /** Sends {@code n} requests, at most {@link #IN_FLIGHT} at a time; waits for all. */
    private static Counts send(Playground p, long n) throws InterruptedException {
        Counts c = new Counts(new AtomicLong(), new AtomicLong());
        Semaphore window = new Semaphore(IN_FLIGHT);
        HttpRequest get = HttpRequest.get("/items");
        for (long i = 0; i < n; i++) {
            window.acquire();
            p.send("soak", get, null)
                    .whenComplete(
                            (Exchange x, Throwable t) -> {
                                if (x != null) {
                                    c.events.addAndGet(x.events().size());
                                    if (x.response() != null && x.response().status() == 200) {
                                        c.ok.incrementAndGet();
                                    }
                                }
                                window.release();
                            });
        }
        if (!window.tryAcquire(IN_FLIGHT, 10, TimeUnit.MINUTES)) {
            throw new AssertionError("requests still in flight after 10 minutes");
        }
        return c;
    }

    private static String sharedCounter(Playground p) {
        for (SharedData.Row r : p.snapshot().sharedData()) {
            if (r.key().endsWith("total")) {
                return new String(r.value(), StandardCharsets.UTF_8);
            }
        }
        return "(none)";
    }

    private static long retainedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
