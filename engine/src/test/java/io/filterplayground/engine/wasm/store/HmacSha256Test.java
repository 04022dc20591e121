package io.filterplayground.engine.wasm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The store's HMAC-SHA256 gives the JDK's tags. */
class HmacSha256Test {
    @Test
    void shouldGiveRfc4231sTags() {
        // RFC 4231, test cases 1 (short key), 2 (key shorter than the output) and 6 (key longer
        // than a block, hashed first).
        assertThat(tag(repeat(0x0b, 20), "Hi There"))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assertThat(tag("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(tag(repeat(0xaa, 131), "Test Using Larger Than Block-Size Key - Hash Key First"))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void shouldGiveTheJdksTagsForAnyKeyAndParts() throws Exception {
        Random random = new Random(14);
        for (int n = 0; n < 200; n++) {
            byte[] key = bytes(random, 1 + random.nextInt(150)); // the store's key is 32 bytes
            byte[] a = bytes(random, random.nextInt(100));
            byte[] b = bytes(random, random.nextInt(3000));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(a);
            assertThat(new HmacSha256(key).tag(a, b)).isEqualTo(mac.doFinal(b));
        }
    }

    private static String tag(byte[] key, String message) {
        return HexFormat.of()
                .formatHex(new HmacSha256(key).tag(message.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] repeat(int value, int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
