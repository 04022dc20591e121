package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameBatcherTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService ui = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
        ui.shutdownNow();
    }

    @Test
    void shouldDeliverEveryItemInFewBatches() throws Exception {
        AtomicInteger uiTasks = new AtomicInteger();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(1);
        FrameBatcher<Integer> b =
                new FrameBatcher<>(
                        r -> {
                            uiTasks.incrementAndGet();
                            ui.execute(r);
                        },
                        timer,
                        batch -> {
                            seen.addAll(batch);
                            if (seen.size() == 40_000) {
                                all.countDown();
                            }
                        });
        Thread[] producers = new Thread[4];
        for (int t = 0; t < producers.length; t++) {
            int base = t * 10_000;
            producers[t] =
                    new Thread(
                            () -> {
                                for (int i = 0; i < 10_000; i++) {
                                    b.add(base + i);
                                }
                            });
            producers[t].start();
        }
        for (Thread p : producers) {
            p.join();
        }
        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(40_000).doesNotHaveDuplicates();
        // One UI task per frame at most, not one per item.
        assertThat(uiTasks.get()).isLessThan(200);
    }
}
