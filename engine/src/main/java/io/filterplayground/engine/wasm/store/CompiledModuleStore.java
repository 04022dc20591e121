package io.filterplayground.engine.wasm.store;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * Chicory's compiled form of modules, kept on disk between starts of the app: compiling a 3 MB Go
 * module takes seconds, reading its classes back a fraction of that. Chicory's compiler asks the
 * store by the module's SHA-256 ({@link Cache}: {@code get} before compiling, {@code putIfAbsent}
 * after, the value a jar of the generated classes).
 *
 * <p>An entry's file name hashes the module's digest with {@link StoreKey}'s versions, so another
 * Chicory or playground version never reads it. Its bytes are a magic, an HMAC-SHA256 tag, a flag
 * byte (whether the classes leave functions to the interpreter, found once when the entry is
 * written rather than by inflating the jar at every start) and the jar; the tag covers the file
 * name, the flag and the jar, under a key only this user can read ({@link StoreDirectory}). A class
 * file is code outside the Wasm sandbox, so an entry whose tag does not verify (truncated, flipped,
 * written by someone else, renamed from another module's) is deleted and the module compiled again:
 * it is never defined. Entries are written to a temporary file and renamed into place, so
 * concurrent starts never see half an entry; the last to finish wins with the same content. Reading
 * an entry makes it the most recently used; a write beyond the size bound evicts the least recently
 * used ({@link StoreEviction}). Disk errors only cost a compile: this store never throws.
 */
public final class CompiledModuleStore implements Cache {
    private static final byte[] MAGIC =
            "FPMC\u0001\r\n\u001a".getBytes(StandardCharsets.ISO_8859_1);
    private static final int TAG = 32;
    private static final int HEADER = MAGIC.length + TAG + 1;
    private static final byte INTERPRETS = 1;
    static final String SUFFIX = ".classes";

    /**
     * Fingerprint and SHA-256 of the modules loaded lately, newest first ({@link #rememberDigest}).
     */
    static final String DIGESTS = "digests";

    private static final int DIGESTS_KEPT = 256;

    private final StoreDirectory directory;
    private final StoreKey key;
    private final long maxBytes;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private final HmacSha256 signer;

    private CompiledModuleStore(StoreDirectory directory, StoreKey key, long maxBytes) {
        this.directory = directory;
        this.key = key;
        this.maxBytes = maxBytes;
        this.signer = new HmacSha256(directory.secret());
    }

    /**
     * The store in {@code dir} (created owner-only if absent), holding at most {@code maxBytes}.
     * Throws {@link io.filterplayground.engine.util.OwnerOnly.NotOwnOnlyException} when the
     * directory is not this user's own.
     */
    public static CompiledModuleStore open(Path dir, long maxBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the size bound must be positive: " + maxBytes);
        }
        return open(dir, maxBytes, StoreKey.current());
    }

    static CompiledModuleStore open(Path dir, long maxBytes, StoreKey key) throws IOException {
        if (key.chicory().equals(StoreKey.UNKNOWN)) {
            // Entries of one Chicory would be read by another: no store.
            throw new IOException("Chicory's version is unknown (no pom.properties in its jar)");
        }
        return new CompiledModuleStore(StoreDirectory.open(dir), key, maxBytes);
    }

    public Path directory() {
        return directory.path();
    }

    /** Entries served since this store was opened. */
    public long served() {
        return served.get();
    }

    /** Entries written since this store was opened. */
    public long written() {
        return written.get();
    }

    /** Entries found bad (tag, magic, size) and deleted since this store was opened. */
    public long rejected() {
        return rejected.get();
    }

    /**
     * A verified entry: the jar of compiled classes, and whether they leave some functions to the
     * interpreter (which then needs the module's function bodies).
     */
    public record Entry(byte[] jar, boolean interprets) {}

    /** The verified jar for this module digest, or null (absent, bad, unreadable). */
    @Override
    public byte[] get(String moduleDigest) {
        Entry e = read(moduleDigest);
        return e == null ? null : e.jar();
    }

    /** The verified entry for this module digest, or null (absent, bad, unreadable). */
    public Entry read(String moduleDigest) {
        Path file = entry(moduleDigest);
        try {
            long size = Files.size(file);
            Entry entry =
                    size > maxBytes || size < HEADER
                            ? null
                            : verified(file, Files.readAllBytes(file));
            if (entry == null) {
                rejected.incrementAndGet();
                drop(file);
                return null;
            }
            served.incrementAndGet();
            // Recency for the eviction; a failure here only ages the entry.
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            return entry;
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // Absent (NoSuchFileException), evicted meanwhile, unreadable: compiled instead.
            return null;
        }
    }

    /** Writes the entry for this module digest, then keeps the store within its bound. */
    @Override
    public void putIfAbsent(String moduleDigest, byte[] jar) {
        long size = (long) HEADER + jar.length;
        if (size > maxBytes) {
            return;
        }
        byte flags = StoredClasses.needFunctionBodies(jar) ? INTERPRETS : 0;
        Path file = entry(moduleDigest);
        try {
            ByteBuffer out = ByteBuffer.allocate((int) size);
            out.put(MAGIC).put(tag(file, flags, jar)).put(flags).put(jar);
            directory.replace(file, out.array());
            written.incrementAndGet();
            StoreEviction.keepWithin(directory.path(), SUFFIX, maxBytes, file);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // Full disk, read-only home...: the module is compiled, just not kept.
        }
    }

    /**
     * A module's fingerprint: its size and CRC-32C, which a fresh JVM computes in a few
     * milliseconds where SHA-256 takes a tenth of a second (the CRC is a HotSpot intrinsic even
     * before the JIT).
     */
    public static String fingerprint(byte[] module) {
        CRC32C crc = new CRC32C();
        crc.update(module, 0, module.length);
        return module.length + "-" + Long.toHexString(crc.getValue());
    }

    /**
     * The SHA-256 last seen with this fingerprint, or null: only a guess of which entry to load
     * while the module is hashed, which the caller checks against the real digest before the module
     * counts. So this file is not signed: a wrong line costs a wasted load, nothing more.
     */
    public String claimedDigest(String fingerprint) {
        String key = fingerprint + " ";
        for (String line : digestLines()) {
            if (line.startsWith(key)) {
                String digest = line.substring(key.length());
                return digest.matches("[0-9a-f]{64}") ? digest : null;
            }
        }
        return null;
    }

    /** Remembers the SHA-256 of the module with this fingerprint; the newest 256 are kept. */
    public void rememberDigest(String fingerprint, String sha256Hex) {
        List<String> lines = new ArrayList<>();
        lines.add(fingerprint + " " + sha256Hex);
        for (String line : digestLines()) {
            if (lines.size() < DIGESTS_KEPT && !line.startsWith(fingerprint + " ")) {
                lines.add(line);
            }
        }
        try {
            directory.replace(
                    directory.path().resolve(DIGESTS),
                    (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // Not remembered: the next start hashes before it loads, as without the file.
        }
    }

    private List<String> digestLines() {
        Path file = directory.path().resolve(DIGESTS);
        try {
            if (Files.size(file) > DIGESTS_KEPT * 200L) {
                return List.of();
            }
            return Files.readAllLines(file);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return List.of();
        }
    }

    /**
     * A cache that serves these classes, already read and verified, to the compile of the module
     * they belong to, and keeps nothing.
     */
    public static Cache serving(byte[] jar) {
        return new Cache() {
            @Override
            public byte[] get(String moduleDigest) {
                return jar;
            }

            @Override
            public void putIfAbsent(String moduleDigest, byte[] classes) {}
        };
    }

    /** Deletes the entry for this module digest, if any. */
    public void remove(String moduleDigest) {
        drop(entry(moduleDigest));
    }

    /** The entry's path: the module's digest hashed with the versions, as hex. */
    Path entry(String moduleDigest) {
        return directory.path().resolve(key.entryName(moduleDigest) + SUFFIX);
    }

    private Entry verified(Path file, byte[] stored) {
        if (!Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        byte[] tag = Arrays.copyOfRange(stored, MAGIC.length, MAGIC.length + TAG);
        byte flags = stored[HEADER - 1];
        byte[] jar = Arrays.copyOfRange(stored, HEADER, stored.length);
        return MessageDigest.isEqual(tag, tag(file, flags, jar))
                ? new Entry(jar, flags == INTERPRETS)
                : null;
    }

    /**
     * HMAC-SHA256 over the entry's name, its flag and the jar: an entry is valid only under its own
     * name.
     */
    private byte[] tag(Path file, byte flags, byte[] jar) {
        return signer.tag(
                file.getFileName().toString().getBytes(StandardCharsets.UTF_8),
                new byte[] {0, flags},
                jar);
    }

    private static void drop(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | SecurityException e) {
            // Left for the eviction, and never read: it does not verify.
        }
    }
}
