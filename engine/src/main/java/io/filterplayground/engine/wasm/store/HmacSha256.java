package io.filterplayground.engine.wasm.store;

import io.filterplayground.engine.util.Sha256;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 (RFC 2104) on {@link MessageDigest}: the same tags as {@code
 * javax.crypto.Mac.getInstance("HmacSHA256")}, which a test checks against it and RFC 4231's
 * vectors. {@code Mac} brings in the SunJCE provider, about 50 ms of a fresh JVM on top of the
 * SHA-256 digest that the module's own hash loads anyway, and a stored module's whole start is
 * about 0.2 s.
 */
final class HmacSha256 {
    private static final int BLOCK = 64;

    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];

    HmacSha256(byte[] key) {
        byte[] k = key.length > BLOCK ? Sha256.digest().digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
    }

    /** The tag of the concatenation of {@code parts}. */
    byte[] tag(byte[]... parts) {
        MessageDigest inner = Sha256.digest();
        inner.update(innerPad);
        for (byte[] p : parts) {
            inner.update(p);
        }
        MessageDigest outer = Sha256.digest();
        outer.update(outerPad);
        return outer.digest(inner.digest());
    }
}
