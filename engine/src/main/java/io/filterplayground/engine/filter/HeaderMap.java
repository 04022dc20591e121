package io.filterplayground.engine.filter;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable header map of one stream direction, touched only by the stream's worker thread.
 * Semantics follow Envoy's {@code HeaderMap}: names are lower-cased on insert, {@code add} appends
 * another value, {@code replace} keeps the first entry's position and drops the others, {@code
 * remove} drops every value.
 */
public final class HeaderMap {
    /**
     * The entries: the read-only list of the headers the map was made from until its first change
     * (most filters only read), then a list of its own.
     */
    private List<Header> entries;

    private boolean shared;

    /**
     * The last {@link #snapshot()}, until the map changes: stage snapshots of a filter that changed
     * nothing share it.
     */
    private Headers snapshot;

    public HeaderMap() {
        this.entries = new ArrayList<>();
    }

    public HeaderMap(Headers initial) {
        this.entries = initial.entries();
        this.shared = true;
        this.snapshot = initial;
    }

    /** The entries to change: copied first if still shared; the snapshot is outdated. */
    private List<Header> changing() {
        if (shared) {
            entries = new ArrayList<>(entries);
            shared = false;
        }
        snapshot = null;
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public String get(String name) {
        String key = Headers.lower(name);
        for (int i = 0, n = entries.size(); i < n; i++) {
            Header h = entries.get(i);
            if (h.name().equals(key)) {
                return h.value();
            }
        }
        return null;
    }

    public List<String> getAll(String name) {
        String key = Headers.lower(name);
        List<String> values = new ArrayList<>(1);
        for (Header h : entries) {
            if (h.name().equals(key)) {
                values.add(h.value());
            }
        }
        return values;
    }

    public void add(String name, String value) {
        changing().add(new Header(Headers.lower(name), value));
    }

    public void replace(String name, String value) {
        List<Header> entries = changing();
        String key = Headers.lower(name);
        int first = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(key)) {
                if (first < 0) {
                    first = i;
                    entries.set(i, new Header(key, value));
                } else {
                    entries.remove(i--);
                }
            }
        }
        if (first < 0) {
            entries.add(new Header(key, value));
        }
    }

    /** Removes every value of a header; returns whether one was present. */
    public boolean remove(String name) {
        String key = Headers.lower(name);
        return changing().removeIf(h -> h.name().equals(key));
    }

    public void clear() {
        changing().clear();
    }

    /** Replaces the whole content, as Envoy's {@code proxy_set_header_map_pairs} does. */
    public void setAll(List<Header> headers) {
        changing().clear();
        for (Header h : headers) {
            add(h.name(), h.value());
        }
    }

    /** The entries in order, read-only (change them through the methods above). */
    public List<Header> entries() {
        return shared ? entries : java.util.Collections.unmodifiableList(entries);
    }

    /** Envoy's {@code HeaderMap::byteSize()}: the sum of name and value bytes. */
    public long byteSize() {
        long size = 0;
        for (Header h : entries) {
            size +=
                    h.name().getBytes(StandardCharsets.UTF_8).length
                            + h.value().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }

    /** An immutable copy, shared until the map changes. */
    public Headers snapshot() {
        if (snapshot == null) {
            snapshot = Headers.ofLowerCase(new ArrayList<>(entries));
        }
        return snapshot;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
