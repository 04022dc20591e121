package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.runtime.Cancellable;
import io.filterplayground.engine.runtime.PlaygroundClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The built-in upstream: answers from its script, after an optional delay on the scenario clock.
 */
public final class MockCluster implements Cluster {
    private final String name;
    private final MockSpec spec;
    private final PlaygroundClock clock;

    public MockCluster(String name, MockSpec spec, PlaygroundClock clock) {
        this.name = name;
        this.spec = spec;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    public MockSpec spec() {
        return spec;
    }

    /** A gRPC call or stream answered from the {@code grpc:} script ({@link MockGrpcStream}). */
    @Override
    public GrpcStream startGrpc(GrpcStart start, Executor loop, GrpcStreamCallbacks callbacks) {
        return new MockGrpcStream(name, spec.grpc(), loop, callbacks);
    }

    @Override
    public Cancel send(UpstreamCall call, Executor loop, Consumer<UpstreamResult> onResult) {
        UpstreamResult result = spec.echo() ? echo(call) : scripted();
        boolean[] cancelled = {false};
        Runnable deliver =
                () -> {
                    if (!cancelled[0]) {
                        onResult.accept(result);
                    }
                };
        boolean timesOut = call.timeoutMillis() > 0 && spec.delayMillis() > call.timeoutMillis();
        if (timesOut) {
            UpstreamResult timeout =
                    UpstreamResult.failed(
                            "timeout",
                            "mock cluster '"
                                    + name
                                    + "' answers after "
                                    + spec.delayMillis()
                                    + " ms, past the "
                                    + call.timeoutMillis()
                                    + " ms timeout");
            Cancellable t =
                    clock.schedule(
                            loop,
                            call.timeoutMillis() * 1_000_000L,
                            () -> {
                                if (!cancelled[0]) {
                                    onResult.accept(timeout);
                                }
                            });
            return () -> {
                cancelled[0] = true;
                t.cancel();
            };
        }
        if (spec.delayMillis() > 0) {
            Cancellable t = clock.schedule(loop, spec.delayMillis() * 1_000_000L, deliver);
            return () -> {
                cancelled[0] = true;
                t.cancel();
            };
        }
        loop.execute(deliver);
        return () -> cancelled[0] = true;
    }

    private UpstreamResult scripted() {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header(":status", Integer.toString(spec.status())));
        headers.addAll(spec.headers().withoutPseudo().entries());
        if (!spec.headers().contains("content-length") && spec.trailers().isEmpty()) {
            int length = 0;
            for (byte[] c : spec.bodyChunks()) {
                length += c.length;
            }
            headers.add(new Header("content-length", Integer.toString(length)));
        }
        return new UpstreamResult(
                spec.status(),
                Headers.of(headers),
                spec.bodyChunks(),
                spec.trailers(),
                null,
                null,
                name,
                80);
    }

    private UpstreamResult echo(UpstreamCall call) {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header(":status", "200"));
        for (Header h : call.headers()) {
            String n = h.name().startsWith(":") ? h.name().substring(1) : h.name();
            headers.add(new Header("x-echo-" + n, h.value()));
        }
        headers.add(new Header("content-type", "text/plain"));
        headers.add(new Header("content-length", Integer.toString(call.body().length)));
        List<byte[]> body = call.body().length == 0 ? List.of() : List.of(call.body());
        return new UpstreamResult(
                200, Headers.of(headers), body, Headers.empty(), null, null, name, 80);
    }
}
