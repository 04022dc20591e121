package io.filterplayground.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Measures a burst in the real window (Workers & VMs tab showing, as a user would watch it): wall
 * time, peak heap, and how late the UI thread runs a task posted every 10 ms. Not part of {@code
 * mvn verify}: {@code mvn -q -o -pl app -am verify -Pburst} (100,000 requests; {@code
 * -Dburst.count=N} for another size); results in {@code app/target/burst-measurement.txt}.
 */
@Tag("measure")
@ExtendWith(ApplicationExtension.class)
class BurstMeasurementTest {
    private static final int COUNT = Integer.getInteger("burst.count", 10_000);
    private static final long TAIL_MILLIS = 500;

    private final WindowFixture fx = new WindowFixture();

    @Start
    void start(Stage stage) {
        fx.open(stage);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void shouldStayResponsiveDuringABurst(FxRobot robot) throws Exception {
        fx.awaitRunning();
        robot.interact(
                () ->
                        robot.lookup("#center-tabs")
                                .queryAs(TabPane.class)
                                .getSelectionModel()
                                .select(2));
        robot.interact(() -> fx.vm().burstCountProperty().set(COUNT));
        System.gc();
        resetPeaks();
        List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean probing = new AtomicBoolean(true);
        List<String> series = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        Thread probe =
                new Thread(
                        () -> {
                            while (probing.get()) {
                                long posted = System.nanoTime();
                                Platform.runLater(
                                        () -> {
                                            long late = System.nanoTime() - posted;
                                            lateness.add(late);
                                            series.add(
                                                    String.format(
                                                            Locale.ROOT,
                                                            "%.0f,%.1f",
                                                            (posted - t0) / 1e6,
                                                            late / 1e6));
                                        });
                                try {
                                    Thread.sleep(10);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        });
        probe.start();
        AtomicReference<CompletableFuture<?>> burst = new AtomicReference<>();
        robot.interact(() -> burst.set(fx.vm().burst()));
        // Done when the window shows the burst's end (the last request, the held log lines); the
        // probe goes on a little longer, through the layout of what that showed.
        WindowFixture.await("the burst", 3000, () -> burst.get().isDone());
        long wall = System.nanoTime() - t0;
        Thread.sleep(TAIL_MILLIS);
        probing.set(false);
        probe.join();
        long peakHeap = peakHeapBytes();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long retained = rt.totalMemory() - rt.freeMemory();

        List<Long> sorted = new ArrayList<>(lateness);
        Collections.sort(sorted);
        long p50 = sorted.get(sorted.size() / 2);
        long p99 = sorted.get((int) (sorted.size() * 0.99));
        long max = sorted.get(sorted.size() - 1);
        String report =
                String.format(
                        Locale.ROOT,
                        "burst of %,d requests, demo chain (5 filters, 2 workers), compiled machine%n"
                                + "wall time            %.2f s (%.0f requests/s)%n"
                                + "completed            %,d%n"
                                + "exchanges kept       %d in full%n"
                                + "peak heap (used)     %d MB, %d MB retained after the burst and a GC%n"
                                + "UI thread lateness   p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d probes%n",
                        COUNT,
                        wall / 1e9,
                        COUNT / (wall / 1e9),
                        fx.vm().exchangeLog().stats().total(),
                        fx.vm().exchangeLog().recent().size(),
                        peakHeap / (1024 * 1024),
                        retained / (1024 * 1024),
                        p50 / 1e6,
                        p99 / 1e6,
                        max / 1e6,
                        sorted.size());
        System.out.println(report);
        Files.writeString(Path.of("target/burst-measurement.txt"), report);
        Files.writeString(Path.of("target/burst-histogram.txt"), liveHistogram());
        // When the UI thread was late (ms since the burst began, ms late): stalls show as runs.
        Files.write(Path.of("target/burst-lateness.csv"), new ArrayList<>(series));
        assertThat(fx.vm().exchangeLog().stats().total()).isEqualTo(COUNT);
    }

    /** What the retained heap is made of: the JVM's class histogram of live objects. */
    private static String liveHistogram() throws Exception {
        Object text =
                ManagementFactory.getPlatformMBeanServer()
                        .invoke(
                                new ObjectName("com.sun.management:type=DiagnosticCommand"),
                                "gcClassHistogram",
                                new Object[] {new String[0]},
                                new String[] {String[].class.getName()});
        return String.join("\n", text.toString().lines().limit(40).toList()) + "\n";
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
