package io.filterplayground.engine.util;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The digest modules are pinned and checked by, as Envoy's {@code remote} source checks them. */
public final class Sha256 {
    private Sha256() {}

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
