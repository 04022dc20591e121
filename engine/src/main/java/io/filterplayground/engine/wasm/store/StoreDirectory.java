package io.filterplayground.engine.wasm.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The store's directory, trusted only when it is this user's own: owned by the user running the app
 * and writable by nobody else (created {@code rwx------}), its HMAC key a file of the same kind
 * ({@code rw-------}). Anyone who can write there could plant classes, and anyone who can read the
 * key could sign them, so a directory that fails the check is not used at all. On a file system
 * without POSIX permissions (Windows) the user's profile directory is relied on.
 */
final class StoreDirectory {
    static final String KEY_FILE = "hmac.key";
    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> FORBIDDEN =
            Set.of(
                    PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.GROUP_READ,
                    PosixFilePermission.OTHERS_READ);

    private final Path path;
    private final byte[] secret;

    private StoreDirectory(Path path, byte[] secret) {
        this.path = path;
        this.secret = secret;
    }

    static StoreDirectory open(Path dir) throws IOException {
        Path path = dir.toAbsolutePath().normalize();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            try {
                Files.createDirectory(path, ownerOnly(posix, "rwx------"));
            } catch (FileAlreadyExistsException raced) {
                // Another start created it: checked below like any existing directory.
            }
        }
        checkOwnOnly(path, posix, true);
        return new StoreDirectory(path, secret(path, posix));
    }

    Path path() {
        return path;
    }

    byte[] secret() {
        return secret.clone();
    }

    /** A new owner-only file in the directory, for an entry being written. */
    Path newTempFile() throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return Files.createTempFile(path, "writing-", ".tmp", ownerOnly(posix, "rw-------"));
    }

    /**
     * Reads the key, making it first if there is none. Concurrent first starts each write a
     * candidate and link it into place; the link fails for all but one, and all read that one.
     */
    private static byte[] secret(Path dir, boolean posix) throws IOException {
        Path key = dir.resolve(KEY_FILE);
        if (!Files.exists(key, LinkOption.NOFOLLOW_LINKS)) {
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            Path candidate =
                    Files.createTempFile(dir, "key-", ".tmp", ownerOnly(posix, "rw-------"));
            try {
                Files.write(candidate, fresh);
                Files.createLink(key, candidate);
            } catch (FileAlreadyExistsException raced) {
                // Another start's key won.
            } finally {
                Files.deleteIfExists(candidate);
            }
        }
        checkOwnOnly(key, posix, false);
        byte[] secret = Files.readAllBytes(key);
        if (secret.length != KEY_BYTES) {
            throw new UntrustedStoreException(key + ": not a key of " + KEY_BYTES + " bytes");
        }
        return secret;
    }

    /**
     * Throws unless {@code p} is a directory (or a regular file) of this user's, closed to others.
     */
    private static void checkOwnOnly(Path p, boolean posix, boolean directory) throws IOException {
        boolean kind =
                directory
                        ? Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
        if (!kind) {
            throw new UntrustedStoreException(
                    p + ": not a " + (directory ? "directory" : "regular file"));
        }
        if (!posix) {
            return;
        }
        String owner = Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw new UntrustedStoreException(p + ": owned by " + owner + ", not by this user");
        }
        Set<PosixFilePermission> open = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        open.retainAll(FORBIDDEN);
        if (!open.isEmpty()) {
            throw new UntrustedStoreException(
                    p
                            + ": open to other users ("
                            + PosixFilePermissions.toString(
                                    Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))
                            + ")");
        }
    }

    private static FileAttribute<?>[] ownerOnly(boolean posix, String permissions) {
        return posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString(permissions))
                }
                : new FileAttribute<?>[0];
    }
}
