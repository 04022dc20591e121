package io.filterplayground.engine.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Watches files (and source folders) by polling their size and modification time, which works the
 * same on every file system (a WatchService misses changes on network and container mounts, and
 * reports a write while it is half done). A change is reported once the file has stood still for a
 * poll and its content hash differs from the last reported one, so a touch without a change and a
 * write in progress are not changes. Changes that follow each other within {@code quiet} are
 * reported together.
 */
public final class FileWatch {
    /** Build outputs and tool folders inside a source folder: watching them would loop builds. */
    private static final Set<String> SKIPPED_FOLDERS =
            Set.of("target", "build", "node_modules", "dist", "out", "bin", "obj");

    private final long pollMillis;
    private final long quietMillis;
    private final Map<Path, String> reported = new LinkedHashMap<>();
    private final Map<Path, Stamp> lastSeen = new LinkedHashMap<>();

    /** The stamp each path had when last hashed: a file that kept it is not read again. */
    private final Map<Path, Stamp> hashedAt = new LinkedHashMap<>();

    /** What a poll sees of a file or folder: changes when anything in it is written. */
    private record Stamp(boolean exists, long size, long modified, int files) {}

    public FileWatch(long pollMillis, long quietMillis) {
        this.pollMillis = pollMillis;
        this.quietMillis = quietMillis;
    }

    /** Watches these paths from their current content on; others are no longer watched. */
    public synchronized void watch(Collection<Path> paths) {
        Set<Path> wanted = new LinkedHashSet<>();
        for (Path p : paths) {
            wanted.add(p.toAbsolutePath().normalize());
        }
        reported.keySet().retainAll(wanted);
        lastSeen.keySet().retainAll(wanted);
        hashedAt.keySet().retainAll(wanted);
        for (Path p : wanted) {
            // A path already watched keeps what was last reported: a change made meanwhile (say
            // during a run) is still reported.
            if (!reported.containsKey(p)) {
                Stamp s = stamp(p);
                reported.put(p, hash(p));
                lastSeen.put(p, s);
                hashedAt.put(p, s);
            }
        }
    }

    public synchronized Set<Path> watched() {
        return Set.copyOf(reported.keySet());
    }

    /**
     * Blocks until watched paths changed (and then stood still for {@code quiet}), and returns
     * them; an interrupt ends the wait.
     */
    public Set<Path> awaitChange() throws InterruptedException {
        Set<Path> changed = new LinkedHashSet<>();
        long quietSince = 0;
        while (true) {
            Thread.sleep(pollMillis);
            Set<Path> now = poll();
            long t = System.currentTimeMillis();
            if (!now.isEmpty()) {
                changed.addAll(now);
                quietSince = t;
            } else if (!changed.isEmpty() && t - quietSince >= quietMillis) {
                return changed;
            }
        }
    }

    /** One look at every path: those whose content changed since it was last reported. */
    synchronized Set<Path> poll() {
        Set<Path> changed = new LinkedHashSet<>();
        for (Path p : List.copyOf(reported.keySet())) {
            Stamp s = stamp(p);
            Stamp before = lastSeen.put(p, s);
            if (!s.equals(before)) {
                continue; // still being written: look again once it stands still
            }
            if (s.equals(hashedAt.get(p))) {
                continue; // untouched since it was last read
            }
            hashedAt.put(p, s);
            String h = hash(p);
            if (!Objects.equals(h, reported.get(p))) {
                reported.put(p, h);
                changed.add(p);
            }
        }
        return changed;
    }

    private static Stamp stamp(Path p) {
        try {
            if (Files.isDirectory(p)) {
                long size = 0;
                long modified = Files.getLastModifiedTime(p).toMillis();
                int count = 0;
                for (Path f : sources(p)) {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    size += a.size();
                    modified = Math.max(modified, a.lastModifiedTime().toMillis());
                    count++;
                }
                return new Stamp(true, size, modified, count);
            }
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new Stamp(true, a.size(), a.lastModifiedTime().toMillis(), 1);
        } catch (IOException | UncheckedIOException e) {
            return new Stamp(false, 0, 0, 0);
        }
    }

    /** Their file names, comma-separated: what a message says changed. */
    public static String names(Collection<Path> paths) {
        return paths.stream()
                .map(p -> p.getFileName() == null ? p.toString() : p.getFileName().toString())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The content's SHA-256 (a folder's: of its source files' paths and contents), or null. */
    private static String hash(Path p) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(p)) {
                for (Path f : sources(p)) {
                    d.update(
                            p.relativize(f)
                                    .toString()
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    digest(f, d);
                }
            } else {
                digest(p, d);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException | UncheckedIOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void digest(Path f, MessageDigest d) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), d)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    /**
     * A source folder's files, sorted: hidden entries, build output folders and {@code .wasm} files
     * (what a build writes) left out.
     */
    private static List<Path> sources(Path dir) throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        Files.walkFileTree(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                        String name = d.getFileName() == null ? "" : d.getFileName().toString();
                        boolean skip =
                                !d.equals(dir)
                                        && (name.startsWith(".") || SKIPPED_FOLDERS.contains(name));
                        return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                        String name = f.getFileName().toString();
                        if (a.isRegularFile() && !name.startsWith(".") && !name.endsWith(".wasm")) {
                            out.add(f);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        out.sort(null);
        return out;
    }
}
