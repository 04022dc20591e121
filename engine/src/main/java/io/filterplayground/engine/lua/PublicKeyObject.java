package io.filterplayground.engine.lua;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Envoy's {@code PublicKeyWrapper} ({@code get()}), and the handle's {@code importPublicKey(keyder,
 * length)} and {@code verifySignature(hash, key, signature, length, text, length)} that make and
 * use it, on the JDK's crypto with the semantics of Envoy's {@code Common::Crypto::UtilityImpl}: a
 * DER {@code SubjectPublicKeyInfo} (RSA or EC), the hashes {@code sha1}, {@code sha224}, {@code
 * sha256}, {@code sha384}, {@code sha512} in any case, RSA with PKCS #1 v1.5 padding and
 * DER-encoded ECDSA signatures, and Envoy's result texts.
 */
final class PublicKeyObject extends LuaObject {
    private static final List<String> KEY_TYPES = List.of("RSA", "EC", "Ed25519");

    /** What {@code get()} returns: the string the key was imported from; empty if it failed. */
    private final byte[] name;

    private PublicKeyObject(LuaRun run, int segment, byte[] name) {
        super(run, segment);
        this.name = name;
    }

    static ObjectType type() {
        LuaTable m = new LuaTable();
        m.set(
                "get",
                method(
                        PublicKeyObject.class,
                        "publicKey:get",
                        (k, args) -> {
                            k.run.hostcall(
                                    "publicKey:get",
                                    k.name.length == 0 ? null : k.name.length + " byte(s)");
                            return k.name.length == 0
                                    ? LuaValue.NIL
                                    : LuaString.valueUsing(k.name.clone());
                        }));
        return new ObjectType("publicKey", m);
    }

    /**
     * Envoy's {@code luaImportPublicKey}. As in Envoy, the key object is made once per segment:
     * importing a second key before the script waits returns the first key's object.
     */
    static Varargs importKey(LuaRun run, Varargs args) {
        byte[] given = LuaValues.bytes(args.checkstring(2));
        int length = clamp(args.checknumber(3).toint(), given.length);
        if (run.has("publicKey")) {
            run.hostcall("importPublicKey", "the key imported earlier in this segment");
        }
        return run.object(
                "publicKey",
                () -> {
                    byte[] der = Arrays.copyOf(given, length);
                    PublicKey key = parse(der);
                    run.hostcall(
                            "importPublicKey",
                            key == null
                                    ? "not a DER SubjectPublicKeyInfo: get() returns nil"
                                    : key.getAlgorithm() + " key",
                            "length",
                            length);
                    if (key != null) {
                        run.publicKeys.put(latin1(der), key);
                    }
                    return run.lua
                            .api()
                            .publicKey
                            .wrap(
                                    new PublicKeyObject(
                                            run, run.scope(), key == null ? new byte[0] : given));
                });
    }

    /** Envoy's {@code luaVerifySignature}: true, nil; or false and why. */
    static Varargs verify(LuaRun run, Varargs args) {
        String hash = LuaObject.str(args, 2, "verifySignature");
        PublicKey key = run.publicKeys.get(latin1(LuaValues.bytes(args.checkstring(3))));
        if (key == null) {
            throw new LuaError("invalid public key");
        }
        byte[] signature = prefix(args.checkstring(4), args.checknumber(5).toint());
        byte[] text = prefix(args.checkstring(6), args.checknumber(7).toint());
        String failure = failure(hash, key, signature, text);
        run.hostcall(
                "verifySignature",
                failure == null ? "true" : "false: " + failure,
                "hash",
                hash,
                "signature_length",
                signature.length,
                "text_length",
                text.length);
        return failure == null
                ? LuaValue.varargsOf(LuaValue.TRUE, LuaValue.NIL)
                : LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf(failure));
    }

    /** Why {@code signature} is not {@code key}'s over {@code text}; null if it is. */
    private static String failure(String hash, PublicKey key, byte[] signature, byte[] text) {
        String digest =
                switch (hash.toLowerCase(Locale.ROOT)) {
                    case "sha1" -> "SHA1";
                    case "sha224" -> "SHA224";
                    case "sha256" -> "SHA256";
                    case "sha384" -> "SHA384";
                    case "sha512" -> "SHA512";
                    default -> null;
                };
        if (digest == null) {
            return hash + " is not supported.";
        }
        String scheme =
                switch (key.getAlgorithm()) {
                    case "RSA" -> "RSA";
                    case "EC" -> "ECDSA";
                    // Ed25519 signs without a separate digest: Envoy's EVP_DigestVerifyInit with
                    // a hash refuses such a key.
                    default -> null;
                };
        try {
            if (scheme == null) {
                throw new InvalidKeyException();
            }
            Signature verifier = Signature.getInstance(digest + "with" + scheme);
            verifier.initVerify(key);
            verifier.update(text);
            if (verifier.verify(signature)) {
                return null;
            }
        } catch (InvalidKeyException e) {
            return "Failed to initialize digest verify.";
        } catch (SignatureException e) {
            // A malformed signature fails like a wrong one (EVP_DigestVerify returns 0).
        } catch (GeneralSecurityException e) {
            return "Failed to initialize digest verify.";
        }
        return "Failed to verify digest. Error code: 0";
    }

    private static PublicKey parse(byte[] der) {
        for (String type : KEY_TYPES) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not a key of this type
            }
        }
        return null;
    }

    private static byte[] prefix(LuaString s, int length) {
        byte[] all = LuaValues.bytes(s);
        return Arrays.copyOf(all, clamp(length, all.length));
    }

    private static int clamp(int length, int max) {
        return Math.max(0, Math.min(length, max));
    }

    /** Bytes as a map key, one char per byte. */
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
