package io.filterplayground.engine.scenario;

import io.filterplayground.engine.abi.Callback;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A fault injected into a Wasm filter: its {@code callback} traps on the {@code call}-th call in
 * each VM that runs it (so after a reload, again on the new VM's {@code call}-th call), as if the
 * guest had hit {@code unreachable}. It shows what the filter's failure policy does without a
 * module written to fail.
 */
public record FaultSpec(Callback callback, int call) {
    /** The callbacks a fault can be injected into: the plugin's, the stream's, the connection's. */
    public static final List<Callback> TARGETS =
            List.of(
                    Callback.VM_START,
                    Callback.CONFIGURE,
                    Callback.TICK,
                    Callback.REQUEST_HEADERS,
                    Callback.REQUEST_BODY,
                    Callback.REQUEST_TRAILERS,
                    Callback.RESPONSE_HEADERS,
                    Callback.RESPONSE_BODY,
                    Callback.RESPONSE_TRAILERS,
                    Callback.NEW_CONNECTION,
                    Callback.DOWNSTREAM_DATA,
                    Callback.UPSTREAM_DATA,
                    Callback.LOG,
                    Callback.DONE,
                    Callback.HTTP_CALL_RESPONSE,
                    Callback.QUEUE_READY);

    public FaultSpec {
        if (!TARGETS.contains(callback)) {
            throw new IllegalArgumentException(
                    "a fault cannot be injected into " + callback.exportName());
        }
        if (call < 1) {
            throw new IllegalArgumentException("call: must be 1 or more (the n-th call)");
        }
    }

    /**
     * The listener whose streams call {@code c}: HTTP for the HTTP stream callbacks, TCP for the
     * network filter ones, null for those every filter gets (the plugin's, log, done).
     */
    public static Listener listenerOf(Callback c) {
        return switch (c) {
            case REQUEST_HEADERS,
                    REQUEST_BODY,
                    REQUEST_TRAILERS,
                    RESPONSE_HEADERS,
                    RESPONSE_BODY,
                    RESPONSE_TRAILERS ->
                    Listener.HTTP;
            case NEW_CONNECTION, DOWNSTREAM_DATA, UPSTREAM_DATA -> Listener.TCP;
            default -> null;
        };
    }

    /** The short name the scenario uses: {@code request_headers} for proxy_on_request_headers. */
    public String callbackName() {
        return shortName(callback);
    }

    public static String shortName(Callback c) {
        return c.exportName().replaceFirst("^proxy_on_", "");
    }

    /** The callback a short name (or a full export name) stands for. */
    public static Callback callbackNamed(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replaceFirst("^proxy_on_", "");
        for (Callback c : TARGETS) {
            if (shortName(c).equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "unknown callback '"
                        + name
                        + "' ("
                        + String.join(
                                ", ",
                                Arrays.stream(TARGETS.toArray(Callback[]::new))
                                        .map(FaultSpec::shortName)
                                        .toList())
                        + ")");
    }
}
