package io.filterplayground.engine.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Envoy's shared key-value store (cpp-host {@code SharedData}): partitioned by vm_id string, one
 * global CAS counter starting at 1 and never 0, {@code set} with a non-zero CAS succeeds only if it
 * equals the key's current CAS. One lock makes every operation linearisable across workers.
 */
public final class SharedData {
    /** A value and its CAS. */
    public record Entry(byte[] value, int cas) {}

    /** A row of the inspector and the JSON result. */
    public record Row(String vmId, String key, byte[] value, int cas) {}

    /** The outcome of a set. */
    public enum SetResult {
        OK,
        CAS_MISMATCH
    }

    private final Map<String, Map<String, Entry>> byVmId = new HashMap<>();
    private int nextCas = 1;

    public synchronized Entry get(String vmId, String key) {
        Map<String, Entry> m = byVmId.get(vmId);
        return m == null ? null : m.get(key);
    }

    public synchronized SetResult set(String vmId, String key, byte[] value, int cas) {
        Map<String, Entry> m = byVmId.computeIfAbsent(vmId, k -> new HashMap<>());
        Entry current = m.get(key);
        if (cas != 0 && current != null && current.cas() != cas) {
            return SetResult.CAS_MISMATCH;
        }
        m.put(key, new Entry(value.clone(), nextCas()));
        return SetResult.OK;
    }

    private int nextCas() {
        int cas = nextCas++;
        if (nextCas == 0) {
            nextCas = 1;
        }
        return cas;
    }

    /** Every entry, sorted by vm_id then key. */
    public synchronized List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Entry>> vm : new TreeMap<>(byVmId).entrySet()) {
            for (Map.Entry<String, Entry> e : new TreeMap<>(vm.getValue()).entrySet()) {
                rows.add(
                        new Row(vm.getKey(), e.getKey(), e.getValue().value(), e.getValue().cas()));
            }
        }
        return rows;
    }
}
