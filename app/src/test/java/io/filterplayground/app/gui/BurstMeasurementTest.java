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
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Measures a burst in the real window (Workers & VMs tab showing, as a user would watch it): wall
 * time, peak heap, and how late the UI thread runs a task posted every 20 ms. Not part of {@code
 * mvn verify}: {@code mvn -q -pl app -am verify -Dapp.excludedGroups=slow -Dgroups=measure}, with
 * {@code -Dburst.count=100000} for another size than 10,000; results in {@code
 * app/target/burst-measurement.txt}.
 */
@Tag("measure")
@ExtendWith(ApplicationExtension.class)
class BurstMeasurementTest {
    private static final int COUNT = Integer.getInteger("burst.count", 10_000);

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
        Thread probe =
                new Thread(
                        () -> {
                            while (probing.get()) {
                                long posted = System.nanoTime();
                                Platform.runLater(() -> lateness.add(System.nanoTime() - posted));
                                try {
                                    Thread.sleep(20);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        });
        long t0 = System.nanoTime();
        probe.start();
        robot.interact(() -> fx.vm().burst());
        WindowFixture.await("the burst", 3000, () -> !fx.vm().burstingProperty().get());
        long wall = System.nanoTime() - t0;
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
        assertThat(fx.vm().exchangeLog().stats().total()).isEqualTo(COUNT);
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
