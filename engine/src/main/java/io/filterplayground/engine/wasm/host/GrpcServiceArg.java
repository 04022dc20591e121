package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.http.Header;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The first argument of {@code proxy_grpc_call} and {@code proxy_grpc_stream} as Envoy's {@code
 * Context::grpcCall} reads it: a serialized {@code envoy.config.core.v3.GrpcService} (what the C++
 * SDK sends: {@code envoy_grpc.cluster_name} and the service's {@code initial_metadata}), or, when
 * the bytes are no such message, a cluster name (what the Rust and Go SDKs send). Only the protobuf
 * wire format of the few fields used is read; any other field is skipped.
 */
record GrpcServiceArg(String cluster, boolean googleGrpc, List<Header> initialMetadata) {
    /** The argument as a GrpcService message, or null when it does not parse as one. */
    static GrpcServiceArg parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        String[] cluster = {null};
        boolean[] google = {false};
        List<Header> metadata = new ArrayList<>();
        boolean ok =
                fields(
                        new Reader(bytes, 0, bytes.length),
                        (field, value) -> {
                            if (field == 1) { // envoy_grpc
                                cluster[0] = "";
                                return fields(
                                        value, (f, v) -> f != 1 || (cluster[0] = v.utf8()) != null);
                            }
                            if (field == 2) { // google_grpc
                                google[0] = true;
                            } else if (field == 5) { // initial_metadata
                                String[] kv = {"", ""};
                                metadata.add(new Header(kv[0], kv[1]));
                                int at = metadata.size() - 1;
                                return fields(
                                        value,
                                        (f, v) -> {
                                            if (f == 1 || f == 2 || f == 3) {
                                                kv[f == 1 ? 0 : 1] = v.utf8();
                                                if (kv[0] == null || kv[1] == null) {
                                                    return false;
                                                }
                                                metadata.set(at, new Header(kv[0], kv[1]));
                                            }
                                            return true;
                                        });
                            }
                            return true;
                        });
        return ok ? new GrpcServiceArg(cluster[0], google[0], List.copyOf(metadata)) : null;
    }

    private interface FieldVisitor {
        /** One length-delimited field; false when it is malformed. */
        boolean field(int number, Reader value);
    }

    /** Walks a message: length-delimited fields go to {@code v}, the others are skipped. */
    private static boolean fields(Reader r, FieldVisitor v) {
        while (r.more()) {
            long tag = r.varint();
            if (tag < 0 || (tag >>> 3) == 0) {
                return false;
            }
            int wire = (int) (tag & 7);
            if (wire != 2) {
                if (!r.skip(wire)) {
                    return false;
                }
                continue;
            }
            Reader value = r.bytes();
            if (value == null || !v.field((int) (tag >>> 3), value)) {
                return false;
            }
        }
        return !r.failed;
    }

    /** Protobuf wire format over a slice; {@code failed} once anything is malformed. */
    private static final class Reader {
        private final byte[] b;
        private int at;
        private final int end;
        boolean failed;

        Reader(byte[] b, int from, int end) {
            this.b = b;
            this.at = from;
            this.end = end;
        }

        boolean more() {
            return !failed && at < end;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= end) {
                    failed = true;
                    return -1;
                }
                int x = b[at++];
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            failed = true;
            return -1;
        }

        /** Skips a varint (0), fixed64 (1) or fixed32 (5) value; groups and 6, 7 are malformed. */
        boolean skip(int wire) {
            switch (wire) {
                case 0 -> varint();
                case 1 -> at += 8;
                case 5 -> at += 4;
                default -> failed = true;
            }
            if (at > end) {
                failed = true;
            }
            return !failed;
        }

        Reader bytes() {
            long n = varint();
            if (failed || n < 0 || n > end - at) {
                failed = true;
                return null;
            }
            Reader r = new Reader(b, at, at + (int) n);
            at += (int) n;
            return r;
        }

        String utf8() {
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(b, at, end - at))
                        .toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }
}
