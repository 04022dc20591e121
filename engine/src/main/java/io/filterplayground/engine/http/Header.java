package io.filterplayground.engine.http;

/** One header entry: a lower-case name and its value. Pseudo-headers keep their leading colon. */
public record Header(String name, String value) {
    public Header {
        if (name == null || value == null) {
            throw new IllegalArgumentException("header name and value must not be null");
        }
    }
}
