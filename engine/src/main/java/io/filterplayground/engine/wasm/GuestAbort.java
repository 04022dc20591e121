package io.filterplayground.engine.wasm;

/**
 * An AssemblyScript {@code abort} (or a similar guest-declared failure) with the guest's own
 * message: the call fails like a trap.
 */
public final class GuestAbort extends RuntimeException {
    public GuestAbort(String message) {
        super(message, null, false, false);
    }
}
