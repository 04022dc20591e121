package io.filterplayground.engine.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** An immutable, ordered multimap of headers: order and repeats are kept, names are lower-case. */
public final class Headers implements Iterable<Header> {
    private static final Headers EMPTY = new Headers(List.of());
    private final List<Header> entries;

    private Headers(List<Header> entries) {
        this.entries = entries;
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Copies the entries, lower-casing the names. */
    public static Headers of(List<Header> entries) {
        if (entries.isEmpty()) {
            return EMPTY;
        }
        List<Header> copy = new ArrayList<>(entries.size());
        for (Header h : entries) {
            copy.add(new Header(lower(h.name()), h.value()));
        }
        return new Headers(Collections.unmodifiableList(copy));
    }

    /** {@code Headers.of("a", "1", "b", "2")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        List<Header> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new Header(namesAndValues[i], namesAndValues[i + 1]));
        }
        return of(list);
    }

    /**
     * Headers over a list whose names are lower case already, which nobody changes afterwards (a
     * header map's own copy): no second copy, no second pass over the names.
     */
    public static Headers ofLowerCase(List<Header> alreadyLowerCase) {
        return wrap(alreadyLowerCase);
    }

    static Headers wrap(List<Header> alreadyLowerCase) {
        return alreadyLowerCase.isEmpty()
                ? EMPTY
                : new Headers(Collections.unmodifiableList(alreadyLowerCase));
    }

    public static String lower(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }

    public List<Header> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The first value of a header, as Envoy's {@code get} returns it. */
    public Optional<String> first(String name) {
        String key = lower(name);
        for (Header h : entries) {
            if (h.name().equals(key)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    public List<String> all(String name) {
        String key = lower(name);
        List<String> values = new ArrayList<>();
        for (Header h : entries) {
            if (h.name().equals(key)) {
                values.add(h.value());
            }
        }
        return values;
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** The same headers without pseudo-headers ({@code :method}, {@code :status}...). */
    public Headers withoutPseudo() {
        List<Header> list = new ArrayList<>();
        for (Header h : entries) {
            if (!h.name().startsWith(":")) {
                list.add(h);
            }
        }
        return list.size() == entries.size() ? this : wrap(list);
    }

    @Override
    public Iterator<Header> iterator() {
        return entries.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Header h : entries) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(h.name()).append(": ").append(h.value());
        }
        return sb.append('}').toString();
    }
}
