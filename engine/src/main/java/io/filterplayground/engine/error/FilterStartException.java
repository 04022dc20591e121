package io.filterplayground.engine.error;

/**
 * A filter could not start: its VM failed to initialise, or {@code proxy_on_vm_start} / {@code
 * proxy_on_configure} returned false or trapped. Envoy rejects such a configuration.
 */
public class FilterStartException extends EngineException {
    public FilterStartException(String message) {
        super(message);
    }
}
