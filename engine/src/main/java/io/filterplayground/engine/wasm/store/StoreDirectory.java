package io.filterplayground.engine.wasm.store;

import io.filterplayground.engine.util.OwnerOnly;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * The store's directory, trusted only when it is this user's own ({@link OwnerOnly}: created {@code
 * rwx------}), its HMAC key a file of the same kind ({@code rw-------}). Anyone who can write there
 * could plant classes, and anyone who can read the key could sign them, so a directory that fails
 * the check is not used at all.
 */
final class StoreDirectory {
    static final String KEY_FILE = "hmac.key";
    private static final int KEY_BYTES = 32;

    private final Path path;
    private final byte[] secret;

    private StoreDirectory(Path path, byte[] secret) {
        this.path = path;
        this.secret = secret;
    }

    /** Throws {@link OwnerOnly.NotOwnOnlyException} when the directory or key is not ours alone. */
    static StoreDirectory open(Path dir) throws IOException {
        Path path = OwnerOnly.directory(dir);
        return new StoreDirectory(path, secret(path));
    }

    Path path() {
        return path;
    }

    byte[] secret() {
        return secret.clone();
    }

    /**
     * Writes {@code file} (in this directory) whole: through an owner-only temporary file renamed
     * into place, so a concurrent reader sees the old content or the new, never half of it.
     */
    void replace(Path file, byte[] bytes) throws IOException {
        Path temp = OwnerOnly.newTempFile(path, "writing-", ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try {
                Files.deleteIfExists(temp); // gone after the rename; left by a failed write
            } catch (IOException e) {
                // Never read as an entry; the eviction drops it once abandoned.
            }
        }
    }

    /**
     * Reads the key, making it first if there is none. Concurrent first starts each write a
     * candidate and link it into place; the link fails for all but one, and all read that one.
     */
    private static byte[] secret(Path dir) throws IOException {
        Path key = dir.resolve(KEY_FILE);
        if (!Files.exists(key, LinkOption.NOFOLLOW_LINKS)) {
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            Path candidate = OwnerOnly.newTempFile(dir, "key-", ".tmp");
            try {
                Files.write(candidate, fresh);
                Files.createLink(key, candidate);
            } catch (FileAlreadyExistsException raced) {
                // Another start's key won.
            } finally {
                Files.deleteIfExists(candidate);
            }
        }
        OwnerOnly.check(key, false);
        byte[] secret = Files.readAllBytes(key);
        if (secret.length != KEY_BYTES) {
            throw new IOException(key + ": not a key of " + KEY_BYTES + " bytes");
        }
        return secret;
    }
}
