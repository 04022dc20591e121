package io.filterplayground.engine.grpc;

import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.LogEvent;
import java.util.List;

/** Runs {@code grpc_probe.wasm} against a cluster "grpc" and reads what it saw. */
final class GrpcProbeRuns {
    private GrpcProbeRuns() {}

    /** One request with {@code x-grpc: mode} and {@code x-method: method}. */
    static RunResult run(String grpcCluster, String mode, String method) {
        return Fixtures.run(
                """
                workers: 1
                clusters:
                  backend: {mock: {status: 200}}
                  grpc: %s
                route: backend
                filters:
                  - {name: probe, wasm: testdata/grpc_probe.wasm}
                requests:
                  - {name: r, headers: {x-grpc: %s, x-method: %s}}
                """
                        .formatted(grpcCluster, mode, method));
    }

    /** The probe's log lines, one per gRPC callback, in order. */
    static List<String> logs(RunResult r) {
        return r.logs().stream().map(LogEvent::message).toList();
    }

    /** The gRPC callbacks in the request's trace, in order. */
    static List<String> callbacks(RunResult r) {
        return r.exchanges().get(0).events().stream()
                .filter(e -> e instanceof CallbackEvent c && c.name().startsWith("proxy_on_grpc"))
                .map(e -> ((CallbackEvent) e).name())
                .toList();
    }
}
