package io.filterplayground.engine.grpc;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A real grpc-java server (Netty) on a loopback port with a generic bytes service {@code
 * test.Echo}, no protoc: {@code Unary} answers "echo:" + the request with initial metadata {@code
 * x-server-md: s1} and trailing {@code x-trailer-md: t1}; {@code Fail} closes PERMISSION_DENIED
 * "not for you" (trailers only); {@code Empty} closes OK without a message; {@code Chat} echoes
 * each message and closes OK when the client half-closes. It records the request metadata and
 * counts cancelled calls.
 */
final class EchoGrpcServer implements AutoCloseable {
    static final Metadata.Key<String> SERVER_MD =
            Metadata.Key.of("x-server-md", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> TRAILER_MD =
            Metadata.Key.of("x-trailer-md", Metadata.ASCII_STRING_MARSHALLER);

    private static final MethodDescriptor.Marshaller<byte[]> BYTES =
            new MethodDescriptor.Marshaller<>() {
                @Override
                public InputStream stream(byte[] value) {
                    return new ByteArrayInputStream(value);
                }

                @Override
                public byte[] parse(InputStream stream) {
                    try {
                        return stream.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };

    /** The request metadata of every call, in arrival order. */
    final List<Metadata> requests = new CopyOnWriteArrayList<>();

    /** Counted down when a call is cancelled by the client (an HTTP/2 reset). */
    final CountDownLatch cancelled = new CountDownLatch(1);

    private final Server server;

    EchoGrpcServer() throws IOException {
        server =
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                        .addService(service())
                        .build()
                        .start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private ServerServiceDefinition service() {
        return ServerServiceDefinition.builder("test.Echo")
                .addMethod(method("Unary", MethodDescriptor.MethodType.UNARY), this::unary)
                .addMethod(method("Fail", MethodDescriptor.MethodType.UNARY), this::fail)
                .addMethod(method("Empty", MethodDescriptor.MethodType.BIDI_STREAMING), this::empty)
                .addMethod(method("Chat", MethodDescriptor.MethodType.BIDI_STREAMING), this::chat)
                .build();
    }

    private static MethodDescriptor<byte[], byte[]> method(
            String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(type)
                .setFullMethodName("test.Echo/" + name)
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
    }

    private static byte[] echo(byte[] m) {
        return ("echo:" + new String(m, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private static Metadata metadata(Metadata.Key<String> key, String value) {
        Metadata m = new Metadata();
        m.put(key, value);
        return m;
    }

    private ServerCall.Listener<byte[]> unary(ServerCall<byte[], byte[]> call, Metadata headers) {
        requests.add(headers);
        call.request(2);
        return new Listener(call) {
            private byte[] request = new byte[0];

            @Override
            public void onMessage(byte[] message) {
                request = message;
            }

            @Override
            public void onHalfClose() {
                call.sendHeaders(metadata(SERVER_MD, "s1"));
                call.sendMessage(echo(request));
                call.close(Status.OK, metadata(TRAILER_MD, "t1"));
            }
        };
    }

    private ServerCall.Listener<byte[]> fail(ServerCall<byte[], byte[]> call, Metadata headers) {
        requests.add(headers);
        call.request(2);
        return new Listener(call) {
            @Override
            public void onHalfClose() {
                call.close(Status.PERMISSION_DENIED.withDescription("not for you"), new Metadata());
            }
        };
    }

    private ServerCall.Listener<byte[]> empty(ServerCall<byte[], byte[]> call, Metadata headers) {
        requests.add(headers);
        call.request(2);
        return new Listener(call) {
            @Override
            public void onHalfClose() {
                call.sendHeaders(new Metadata());
                call.close(Status.OK, new Metadata());
            }
        };
    }

    private ServerCall.Listener<byte[]> chat(ServerCall<byte[], byte[]> call, Metadata headers) {
        requests.add(headers);
        call.request(100);
        return new Listener(call) {
            private boolean headersSent;

            @Override
            public void onMessage(byte[] message) {
                if (!headersSent) {
                    call.sendHeaders(metadata(SERVER_MD, "s1"));
                    headersSent = true;
                }
                call.sendMessage(echo(message));
            }

            @Override
            public void onHalfClose() {
                call.close(Status.OK, metadata(TRAILER_MD, "t1"));
            }
        };
    }

    /** Counts client cancellations for every method. */
    private class Listener extends ServerCall.Listener<byte[]> {
        final ServerCall<byte[], byte[]> call;

        Listener(ServerCall<byte[], byte[]> call) {
            this.call = call;
        }

        @Override
        public void onCancel() {
            cancelled.countDown();
        }
    }
}
