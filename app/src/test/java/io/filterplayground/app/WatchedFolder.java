package io.filterplayground.app;

import io.filterplayground.samples.SampleModule;
import io.filterplayground.samples.TestModule;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder to watch: {@code scenario.yaml} whose one filter, {@code policy}, is {@code
 * filter.wasm}, first the pass-through test module (alice and mallory get 200); writing {@link
 * #DENY} over it makes mallory's request a 403.
 */
public final class WatchedFolder {
    /** Passes everything on: mallory gets 200. */
    public static final byte[] PASS = TestModule.ALL_CALLBACKS.wasmBytes();

    /** The deny sample, configured to deny mallory: 403. */
    public static final byte[] DENY = SampleModule.DENY.wasmBytes();

    private WatchedFolder() {}

    /** Writes the pass-through {@code filter.wasm} and the scenario; returns the scenario. */
    public static Path write(Path dir) throws java.io.IOException {
        Files.write(dir.resolve("filter.wasm"), PASS);
        Path s = dir.resolve("scenario.yaml");
        Files.writeString(
                s,
                """
                workers: 1
                clock: virtual
                clusters:
                  backend: {mock: {status: 200, headers: {content-type: text/plain}, body: "welcome"}}
                route: backend
                filters:
                  - name: policy
                    wasm: filter.wasm
                    configuration: {header: x-user, values: [mallory], status: 403, body: "denied"}
                requests:
                  - {name: alice, headers: {x-user: alice}, expect: {status: 200}}
                  - {name: mallory, headers: {x-user: mallory}, expect: {status: 200}}
                """);
        return s;
    }
}
