package io.filterplayground.engine.trace;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The arguments of a traced call as an ordered, read-only map, built over the values the host
 * already holds (the call's numbers, or a hostcall's name/value pairs) instead of copying them into
 * a hash map: recording a call costs one small object, reading it costs what it is read.
 */
public final class ArgMap extends AbstractMap<String, Object> {
    private final String[] names;
    private final long[] numbers;
    private final Object[] pairs;
    private final int size;

    private ArgMap(String[] names, long[] numbers, Object[] pairs, int size) {
        this.names = names;
        this.numbers = numbers;
        this.pairs = pairs;
        this.size = size;
    }

    /**
     * A callback's arguments: {@code names[i]} is {@code values[i]}; a name {@code end_of_stream}
     * reads as a boolean.
     */
    public static Map<String, Object> of(String[] names, long[] values) {
        return new ArgMap(names, values, null, Math.min(names.length, values.length));
    }

    /** A hostcall's arguments given as alternating names and values. */
    public static Map<String, Object> ofPairs(Object... namesAndValues) {
        return new ArgMap(null, null, namesAndValues, namesAndValues.length / 2);
    }

    @Override
    public int size() {
        return size;
    }

    private String name(int i) {
        return names != null ? names[i] : (String) pairs[2 * i];
    }

    private Object value(int i) {
        if (pairs != null) {
            return pairs[2 * i + 1];
        }
        return names[i].equals("end_of_stream") ? (Object) (numbers[i] != 0) : (Object) numbers[i];
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(name(i), value(i));
                    }
                };
            }
        };
    }
}
