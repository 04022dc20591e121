package io.filterplayground.engine.wasm.store;

import java.io.IOException;

/** The store's directory or key is not this user's alone: the store is not used. */
public final class UntrustedStoreException extends IOException {
    private static final long serialVersionUID = 1L;

    UntrustedStoreException(String message) {
        super(message);
    }
}
