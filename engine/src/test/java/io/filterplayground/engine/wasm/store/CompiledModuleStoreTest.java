package io.filterplayground.engine.wasm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.util.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's own promises, on its files: what it serves is byte for byte what was put under the
 * same module and versions, and anything else is a miss.
 */
class CompiledModuleStoreTest {
    private static final String MODULE = "sha-256:vG+OhzC5CTOu8cOMf4xaQdYIiGxo3w7o4uMQPva8oQ0=";
    private static final String OTHER = "sha-256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    private static final StoreKey KEY = new StoreKey("1.7.5", "0.1.0");
    private static final long MAX = 1 << 20;

    @TempDir Path parent;

    @Test
    void shouldMissOnAnEmptyStore() throws IOException {
        CompiledModuleStore store = CompiledModuleStore.open(parent.resolve("store"), MAX, KEY);
        assertThat(store.get(MODULE)).isNull();
        assertThat(store.served()).isZero();
    }

    @Test
    void shouldServeWhatWasPutUnderTheSameModuleAndVersions() throws IOException {
        Path dir = parent.resolve("store");
        CompiledModuleStore.open(dir, MAX, KEY).putIfAbsent(MODULE, jar("classes"));
        CompiledModuleStore next = CompiledModuleStore.open(dir, MAX, KEY);
        assertThat(next.get(MODULE)).isEqualTo(jar("classes"));
        assertThat(next.get(OTHER)).isNull();
        assertThat(next.served()).isEqualTo(1);
    }

    @Test
    void shouldNotServeAnEntryOfAnotherChicoryOrPlaygroundVersion() throws IOException {
        Path dir = parent.resolve("store");
        CompiledModuleStore.open(dir, MAX, KEY).putIfAbsent(MODULE, jar("classes"));
        assertThat(CompiledModuleStore.open(dir, MAX, new StoreKey("1.8.0", "0.1.0")).get(MODULE))
                .isNull();
        assertThat(CompiledModuleStore.open(dir, MAX, new StoreKey("1.7.5", "0.2.0")).get(MODULE))
                .isNull();
        assertThat(CompiledModuleStore.open(dir, MAX, KEY).get(MODULE)).isNotNull();
    }

    @Test
    void shouldRefuseToOpenWithoutKnowingChicorysVersion() {
        assertThatThrownBy(
                        () ->
                                CompiledModuleStore.open(
                                        parent.resolve("store"),
                                        MAX,
                                        new StoreKey(StoreKey.UNKNOWN, "0.1.0")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Chicory's version is unknown");
    }

    @Test
    void shouldDeleteAndMissAFlippedOrTruncatedEntry() throws IOException {
        CompiledModuleStore store = CompiledModuleStore.open(parent.resolve("store"), MAX, KEY);
        store.putIfAbsent(MODULE, jar("classes"));
        Path entry = store.entry(MODULE);
        byte[] bytes = Files.readAllBytes(entry);
        for (int at : new int[] {0, 10, bytes.length - 1}) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= 1;
            Files.write(entry, flipped);
            assertThat(store.get(MODULE)).as("byte %d flipped", at).isNull();
            assertThat(entry).doesNotExist();
        }
        Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertThat(store.get(MODULE)).isNull();
        Files.write(entry, new byte[0]);
        assertThat(store.get(MODULE)).isNull();
        assertThat(store.rejected()).isEqualTo(5);
    }

    @Test
    void shouldNotServeAnEntryMovedToAnotherModulesName() throws IOException {
        CompiledModuleStore store = CompiledModuleStore.open(parent.resolve("store"), MAX, KEY);
        store.putIfAbsent(MODULE, jar("classes of MODULE"));
        Files.move(store.entry(MODULE), store.entry(OTHER));
        assertThat(store.get(OTHER)).isNull();
    }

    @Test
    void shouldNotServeAnEntrySignedWithAnotherKey() throws IOException {
        // Someone who can write the entry but not read this store's key: a signed entry of
        // another store (or one they made) does not verify here.
        CompiledModuleStore theirs = CompiledModuleStore.open(parent.resolve("theirs"), MAX, KEY);
        theirs.putIfAbsent(MODULE, jar("planted"));
        CompiledModuleStore ours = CompiledModuleStore.open(parent.resolve("ours"), MAX, KEY);
        Files.copy(theirs.entry(MODULE), ours.entry(MODULE));
        assertThat(ours.get(MODULE)).isNull();
    }

    @Test
    void shouldRememberTheNewestDigestsByFingerprintAndIgnoreWhatIsNotOne() throws IOException {
        CompiledModuleStore store = CompiledModuleStore.open(parent.resolve("store"), MAX, KEY);
        String sha = "ab".repeat(32);
        String fingerprint = CompiledModuleStore.fingerprint(new byte[] {1, 2, 3});
        assertThat(fingerprint).startsWith("3-");
        assertThat(store.claimedDigest(fingerprint)).isNull();

        store.rememberDigest(fingerprint, sha);
        for (int i = 0; i < 300; i++) {
            store.rememberDigest("other-" + i, "cd".repeat(32));
        }
        assertThat(store.claimedDigest("other-299")).isEqualTo("cd".repeat(32));
        assertThat(store.claimedDigest(fingerprint)).as("the oldest went").isNull();
        assertThat(Files.readAllLines(store.directory().resolve(CompiledModuleStore.DIGESTS)))
                .hasSize(256);

        Files.write(
                store.directory().resolve(CompiledModuleStore.DIGESTS),
                List.of(fingerprint + " not-a-digest", "", " ", "garbage"));
        assertThat(store.claimedDigest(fingerprint)).isNull();
        assertThat(store.claimedDigest("garbage")).isNull();
    }

    @Test
    void shouldCreateTheDirectoryAndKeyOwnerOnly() throws IOException {
        Path dir = parent.resolve("a/b/store");
        CompiledModuleStore.open(dir, MAX, KEY).putIfAbsent(MODULE, jar("classes"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.getFileName().toString())
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void shouldRefuseADirectoryOrKeyOthersCanWriteOrRead() throws IOException {
        Path dir = parent.resolve("store");
        CompiledModuleStore.open(dir, MAX, KEY);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> CompiledModuleStore.open(dir, MAX, KEY))
                .isInstanceOf(OwnerOnly.NotOwnOnlyException.class)
                .hasMessageContaining("open to other users");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path key = dir.resolve(StoreDirectory.KEY_FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> CompiledModuleStore.open(dir, MAX, KEY))
                .isInstanceOf(OwnerOnly.NotOwnOnlyException.class)
                .hasMessageContaining(StoreDirectory.KEY_FILE);
    }

    @Test
    void shouldRefuseASymbolicLinkForTheDirectory() throws IOException {
        Path real = Files.createDirectory(parent.resolve("real"));
        Path link = Files.createSymbolicLink(parent.resolve("link"), real);
        assertThatThrownBy(() -> CompiledModuleStore.open(link, MAX, KEY))
                .isInstanceOf(OwnerOnly.NotOwnOnlyException.class)
                .hasMessageContaining("not a directory");
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedBeyondTheBound() throws IOException {
        byte[] classes = new byte[1000];
        Path dir = parent.resolve("store");
        CompiledModuleStore store = CompiledModuleStore.open(dir, 3 * 1100, KEY);
        List<String> modules = List.of("sha-256:a=", "sha-256:b=", "sha-256:c=", "sha-256:d=");
        long t = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < 3; i++) {
            store.putIfAbsent(modules.get(i), classes);
            Files.setLastModifiedTime(store.entry(modules.get(i)), FileTime.fromMillis(t + i));
        }
        assertThat(store.get(modules.get(0))).as("a read: now the most recent").isNotNull();

        store.putIfAbsent(modules.get(3), classes);

        assertThat(store.entry(modules.get(1))).as("b, least recently used").doesNotExist();
        assertThat(store.entry(modules.get(0))).exists();
        assertThat(store.entry(modules.get(2))).exists();
        assertThat(store.entry(modules.get(3))).exists();
        store.putIfAbsent("sha-256:huge=", new byte[4000]);
        assertThat(store.entry("sha-256:huge="))
                .as("bigger than the bound: not kept")
                .doesNotExist();
    }

    @Test
    void shouldAgreeOnOneKeyWhenFirstStartsRace() throws Exception {
        Path dir = parent.resolve("store");
        int starts = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(starts);
        try {
            List<Future<CompiledModuleStore>> opened = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                Callable<CompiledModuleStore> open =
                        () -> {
                            go.await();
                            return CompiledModuleStore.open(dir, MAX, KEY);
                        };
                opened.add(pool.submit(open));
            }
            go.countDown();
            List<CompiledModuleStore> stores = new ArrayList<>();
            for (Future<CompiledModuleStore> f : opened) {
                stores.add(f.get());
            }
            stores.get(0).putIfAbsent(MODULE, jar("classes"));
            for (CompiledModuleStore s : stores) {
                assertThat(s.get(MODULE)).isEqualTo(jar("classes"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] jar(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
