package io.filterplayground.engine.util;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files the app keeps for itself between starts and then trusts (compiled modules, the JVM's class
 * archive): trusted only when they are this user's own, owned by the user running the app and
 * neither readable nor writable by anyone else. On a file system without POSIX permissions
 * (Windows) the user's profile directory is relied on. Needs only the JDK, so the launcher can use
 * it before the app is loaded.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> FORBIDDEN =
            Set.of(
                    PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.GROUP_READ,
                    PosixFilePermission.OTHERS_READ);

    private OwnerOnly() {}

    /** Thrown when a file or directory is not this user's own, so it is not used at all. */
    public static final class NotOwnOnlyException extends IOException {
        public NotOwnOnlyException(String message) {
            super(message);
        }
    }

    public static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * The directory, created {@code rwx------} (with its parents) when absent; throws {@link
     * NotOwnOnlyException} when it is not this user's own.
     */
    public static Path directory(Path dir) throws IOException {
        Path path = dir.toAbsolutePath().normalize();
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            try {
                Files.createDirectory(path, permissions("rwx------"));
            } catch (FileAlreadyExistsException raced) {
                // Another start created it: checked below like any existing directory.
            }
        }
        check(path, true);
        return path;
    }

    /** A new {@code rw-------} file in {@code dir}. */
    public static Path newTempFile(Path dir, String prefix, String suffix) throws IOException {
        return Files.createTempFile(dir, prefix, suffix, permissions("rw-------"));
    }

    /**
     * Throws unless {@code p} is a directory (or a regular file) of this user's, closed to others.
     * Symbolic links are not followed: a link is neither.
     */
    public static void check(Path p, boolean directory) throws IOException {
        boolean kind =
                directory
                        ? Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
        if (!kind) {
            throw new NotOwnOnlyException(
                    p + ": not a " + (directory ? "directory" : "regular file"));
        }
        if (!posix()) {
            return;
        }
        String owner = Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw new NotOwnOnlyException(p + ": owned by " + owner + ", not by this user");
        }
        Set<PosixFilePermission> granted =
                Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> open = new java.util.HashSet<>(granted);
        open.retainAll(FORBIDDEN);
        if (!open.isEmpty()) {
            throw new NotOwnOnlyException(
                    p + ": open to other users (" + PosixFilePermissions.toString(granted) + ")");
        }
    }

    private static FileAttribute<?>[] permissions(String permissions) {
        return posix()
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString(permissions))
                }
                : new FileAttribute<?>[0];
    }
}
