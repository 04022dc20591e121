package io.filterplayground.app.launch;

import io.filterplayground.engine.util.OwnerOnly;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * HotSpot's class-data sharing archive of the app's classes (a dynamic AppCDS archive), kept in the
 * user's cache folder: a fresh JVM maps the classes of the app, Chicory, JavaFX and Jackson from it
 * instead of reading, parsing and verifying them from the jar. Once compiled modules come from
 * their cache, that is most of what a start spends (README, "Compiled modules ready at once").
 *
 * <p>A start that opens the window and finds no archive has its JVM write one when it exits ({@code
 * -XX:ArchiveClassesAtExit}); command-line starts only use one, so a CI job that runs the app once
 * does not pay for the writing. The JVM writes a temporary file; after it exited with status 0 the
 * launcher names the file by its size and CRC-32C, closes it to others and moves it into place. A
 * start passes the archive on only when its size and checksum still match: HotSpot 17 crashes on a
 * truncated archive (it checks only whole ones), so a damaged file is deleted, never used. The
 * folder and the file must be the user's own ({@link OwnerOnly}): a planted archive would be code.
 * The name also carries the JVM and the class path (each jar's size and time), so another JDK or a
 * rebuilt jar gets a new archive and the old ones are deleted. {@code
 * -Dfilterplayground.classArchive=off} or {@code FILTER_PLAYGROUND_CLASS_ARCHIVE=off} turns it off;
 * {@code =write} has any start write one when there is none (a CI image can make it once).
 */
public final class ClassArchive {
    public static final String PROPERTY = "filterplayground.classArchive";
    public static final String ENVIRONMENT = "FILTER_PLAYGROUND_CLASS_ARCHIVE";

    /** HotSpot reports an archive it cannot use on stdout, which would break {@code --json}. */
    static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /** The user's own class-sharing options: theirs win, and the launcher adds none. */
    private static final List<String> USERS_OWN =
            List.of("-Xshare", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit");

    private static final Set<String> OFF = Set.of("off", "false", "no", "0", "none");
    private static final String WRITE = "write";
    private static final String PREFIX = "classes-";
    private static final String SUFFIX = ".jsa";

    private final Path dir;
    private final String key;
    private final boolean writeAtAnyStart;
    private Path writing;

    private ClassArchive(Path dir, String key, boolean writeAtAnyStart) {
        this.dir = dir;
        this.key = key;
        this.writeAtAnyStart = writeAtAnyStart;
    }

    /**
     * The archive of this class path in {@code dir} (created owner-only), or empty: turned off, a
     * class path entry that is not a jar (HotSpot archives only jars), a folder that is not the
     * user's own or cannot be made.
     */
    static Optional<ClassArchive> in(
            Path dir, String classPath, Properties properties, boolean writeAtAnyStart) {
        List<String> identity = new ArrayList<>();
        identity.add(properties.getProperty("java.home", ""));
        identity.add(properties.getProperty("java.vm.version", ""));
        try {
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                Path jar = Path.of(entry).toAbsolutePath();
                if (!Files.isRegularFile(jar)) {
                    return Optional.empty();
                }
                identity.add(jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar));
            }
            return Optional.of(
                    new ClassArchive(OwnerOnly.directory(dir), key(identity), writeAtAnyStart));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The archive for this JVM's settings, in the cache folder's {@code jvm}, unless turned off.
     */
    static Optional<ClassArchive> of(
            Properties properties, Map<String, String> env, String classPath) {
        String chosen = properties.getProperty(PROPERTY, env.get(ENVIRONMENT));
        String setting = chosen == null ? "" : chosen.trim().toLowerCase(Locale.ROOT);
        if (OFF.contains(setting)) {
            return Optional.empty();
        }
        try {
            return CacheHome.of(properties, env)
                    .flatMap(
                            home ->
                                    in(
                                            home.resolve("jvm"),
                                            classPath,
                                            properties,
                                            setting.equals(WRITE)));
        } catch (RuntimeException e) {
            // A cache folder the platform cannot name: start without the archive.
            return Optional.empty();
        }
    }

    /** Whether the user set class sharing themselves. */
    static boolean setByUser(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(o -> USERS_OWN.stream().anyMatch(o::startsWith));
    }

    /**
     * The child JVM's options: the archive there is, or where to write one (a window start, or any
     * with {@code =write}), or none.
     */
    List<String> jvmOptions(boolean opensWindow) {
        boolean create = opensWindow || writeAtAnyStart;
        List<String> options = new ArrayList<>();
        Optional<Path> usable = usable();
        if (usable.isPresent()) {
            options.add("-XX:SharedArchiveFile=" + usable.get());
        } else if (create) {
            writing = dir.resolve("writing-" + key + "-" + ProcessHandle.current().pid() + ".tmp");
            deleteQuietly(writing);
            options.add("-XX:ArchiveClassesAtExit=" + writing);
        } else {
            return options;
        }
        options.addAll(QUIET);
        return options;
    }

    /** After the child: publishes the archive it wrote when it exited normally, else drops it. */
    void childExited(int status) {
        if (writing == null) {
            return;
        }
        try {
            if (status == 0 && Files.isRegularFile(writing, LinkOption.NOFOLLOW_LINKS)) {
                if (OwnerOnly.posix()) {
                    Files.setPosixFilePermissions(
                            writing, PosixFilePermissions.fromString("rw-------"));
                }
                long size = Files.size(writing);
                Path archive = dir.resolve(name(size, crc(writing)));
                Files.move(
                        writing,
                        archive,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                deleteAllBut(archive);
            }
        } catch (IOException | RuntimeException e) {
            // Not kept: the next window start writes one again.
        } finally {
            deleteQuietly(writing);
            writing = null;
        }
    }

    /** The archive of this class path whose size and checksum match its name; bad ones deleted. */
    Optional<Path> usable() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + key + "-*")) {
            for (Path f : files) {
                if (whole(f)) {
                    return Optional.of(f);
                }
                deleteQuietly(f);
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable folder: no archive.
        }
        return Optional.empty();
    }

    private boolean whole(Path f) {
        try {
            OwnerOnly.check(f, false);
            long size = Files.size(f);
            return f.getFileName().toString().equals(name(size, crc(f)));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private String name(long size, long crc) {
        return PREFIX + key + "-" + size + "-" + Long.toHexString(crc) + SUFFIX;
    }

    /** Everything else in the folder: other JVMs', older jars', left-over temporary files. */
    private void deleteAllBut(Path keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (!f.equals(keep) && !f.equals(writing) && !writtenByAnotherStart(f)) {
                    deleteQuietly(f);
                }
            }
        }
    }

    /** A temporary file of a start still running (its process is alive) is left to it. */
    private static boolean writtenByAnotherStart(Path f) {
        String name = f.getFileName().toString();
        if (!name.startsWith("writing-") || !name.endsWith(".tmp")) {
            return false;
        }
        String pid = name.substring(name.lastIndexOf('-') + 1, name.length() - ".tmp".length());
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Read in pieces, not into the launcher's heap whole (an archive is some 20 MB), and not mapped
     * (Windows refuses to move a mapped file, and the archive is moved right after).
     */
    private static long crc(Path f) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] piece = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(f)) {
            for (int n; (n = in.read(piece)) > 0; ) {
                crc.update(piece, 0, n);
            }
        }
        return crc.getValue();
    }

    private static String key(List<String> identity) {
        String text = String.join("\n", identity);
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue()) + Integer.toHexString(text.hashCode());
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException | RuntimeException e) {
            // Deleted at the next publish.
        }
    }
}
