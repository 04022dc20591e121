package io.filterplayground.engine.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polling on the real file system: what is a change, and when it is reported. */
class FileWatchTest {
    @TempDir Path dir;

    @Test
    void shouldReportAChangedFileOnceItStandsStill() throws Exception {
        Path f = Files.write(dir.resolve("filter.wasm"), new byte[] {1, 2, 3});
        FileWatch w = new FileWatch(50, 100);
        w.watch(List.of(f));

        Files.write(f, new byte[] {1, 2, 3, 4});
        // The first look sees it move; the next, still, reports it.
        assertThat(w.poll()).isEmpty();
        assertThat(w.poll()).containsExactly(f.toAbsolutePath().normalize());
        assertThat(w.poll()).isEmpty();
    }

    @Test
    void shouldNotReportATouchThatLeavesTheContentAsItWas() throws Exception {
        Path f = Files.writeString(dir.resolve("scenario.yaml"), "workers: 1\n");
        FileWatch w = new FileWatch(50, 100);
        w.watch(List.of(f));

        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        w.poll();

        assertThat(w.poll()).isEmpty();
    }

    @Test
    void shouldWaitForAWriteInProgressToFinish() throws Exception {
        Path f = Files.write(dir.resolve("filter.wasm"), new byte[] {0});
        FileWatch w = new FileWatch(40, 120);
        w.watch(List.of(f));
        AtomicLong reportedAt = new AtomicLong();
        CompletableFuture<Set<Path>> seen =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                Set<Path> changed = w.awaitChange();
                                reportedAt.set(System.nanoTime());
                                return changed;
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });

        // A slow writer: a chunk every 20 ms, faster than the quiet time.
        for (int i = 1; i <= 10; i++) {
            Files.write(f, new byte[i * 100]);
            Thread.sleep(20);
        }
        long written = System.nanoTime();

        // One report, after the last chunk: not one per chunk, not a half-written file.
        assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly(f.toAbsolutePath().normalize());
        assertThat(reportedAt.get()).isGreaterThan(written);
    }

    @Test
    void shouldWatchASourceFolderButNotWhatItsBuildWrites() throws Exception {
        Path src = Files.createDirectories(dir.resolve("filter"));
        Files.writeString(src.resolve("lib.rs"), "// v1");
        Files.createDirectories(src.resolve("target"));
        Files.createDirectories(src.resolve(".git"));
        FileWatch w = new FileWatch(50, 100);
        w.watch(List.of(src));

        Files.writeString(src.resolve("target/out.o"), "object");
        Files.writeString(src.resolve(".git/index"), "index");
        Files.write(src.resolve("filter.wasm"), new byte[] {0, 'a', 's', 'm'});
        w.poll();
        assertThat(w.poll()).isEmpty();

        // Another size, so the first look surely sees it move (times can be a few ms coarse).
        Files.writeString(src.resolve("lib.rs"), "// v2, longer");
        w.poll();
        assertThat(w.poll()).containsExactly(src.toAbsolutePath().normalize());
    }
}
