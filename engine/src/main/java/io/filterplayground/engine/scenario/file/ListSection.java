package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A top-level key that lists maps ({@code services:}, {@code accessLoggers:}, {@code
 * connections:}): each entry is read by {@code entry} (which knows its place, for default names)
 * and written back by {@code sections}; an empty list is left out.
 */
final class ListSection<E> implements Section<Scenario>, Slot<List<E>> {
    /** Reads the {@code index}-th entry (from 0) of the list. */
    interface EntryReader<E> {
        E read(Fields f, int index);
    }

    private final String key;
    private final String notAList;
    private final Function<Scenario, List<E>> get;
    private final EntryReader<E> entry;
    private final Sections<E> sections;

    ListSection(
            String key,
            String notAList,
            Function<Scenario, List<E>> get,
            EntryReader<E> entry,
            Sections<E> sections) {
        this.key = key;
        this.notAList = notAList;
        this.get = get;
        this.entry = entry;
        this.sections = sections;
    }

    @Override
    public List<E> absent() {
        return List.of();
    }

    @Override
    public List<String> keys() {
        return List.of(key);
    }

    @Override
    public void read(Fields in, Draft into) {
        List<E> out = new ArrayList<>();
        for (Fields f : in.list(key, notAList)) {
            out.add(entry.read(f, out.size()));
        }
        into.put(this, List.copyOf(out));
    }

    @Override
    public void write(Scenario s, Map<String, Object> out, UnaryOperator<String> refs) {
        List<E> list = get.apply(s);
        if (!list.isEmpty()) {
            out.put(key, list.stream().map(e -> sections.toMap(e, refs)).toList());
        }
    }
}
