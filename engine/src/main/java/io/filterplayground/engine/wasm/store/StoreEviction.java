package io.filterplayground.engine.wasm.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the store's entries within its size bound: the least recently used go first (an entry's
 * modification time is when it was last written or read). Another start may evict at the same time;
 * a file already gone is simply not counted.
 */
final class StoreEviction {
    private StoreEviction() {}

    private record Entry(Path path, long size, long used) {}

    /** A temporary file older than this was left by a start that died while writing. */
    private static final long ABANDONED_MILLIS = 3_600_000;

    static void keepWithin(Path dir, String suffix, long maxBytes, Path keep) throws IOException {
        dropAbandoned(dir);
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + suffix)) {
            for (Path f : files) {
                try {
                    BasicFileAttributes a =
                            Files.readAttributes(
                                    f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    entries.add(new Entry(f, a.size(), a.lastModifiedTime().toMillis()));
                    total += a.size();
                } catch (NoSuchFileException gone) {
                    // Evicted by another start meanwhile.
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::used));
        for (Entry e : entries) {
            if (total <= maxBytes) {
                return;
            }
            if (!e.path().equals(keep)) {
                Files.deleteIfExists(e.path());
                total -= e.size();
            }
        }
    }

    private static void dropAbandoned(Path dir) throws IOException {
        long before = System.currentTimeMillis() - ABANDONED_MILLIS;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path f : files) {
                try {
                    if (Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toMillis()
                            < before) {
                        Files.deleteIfExists(f);
                    }
                } catch (NoSuchFileException gone) {
                    // Finished or dropped by its writer meanwhile.
                }
            }
        }
    }
}
