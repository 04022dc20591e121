package io.filterplayground.engine.wasm;

/**
 * A VM's contexts by id: an open-addressing table on int keys, so looking one up or adding one per
 * stream boxes nothing. Ids are never 0 (Proxy-Wasm's "no context", the table's empty slot).
 */
final class ContextTable<V> {
    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private int size;

    @SuppressWarnings("unchecked")
    V get(int id) {
        int mask = keys.length - 1;
        for (int i = mix(id) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == id) {
                return (V) values[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    void put(int id, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(id, value);
    }

    void remove(int id) {
        int mask = keys.length - 1;
        int i = mix(id) & mask;
        while (keys[i] != id) {
            if (keys[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = 0;
        values[i] = null;
        size--;
        // Re-insert the run after the hole, so lookups never stop early (linear probing).
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int k = keys[j];
            Object v = values[j];
            keys[j] = 0;
            values[j] = null;
            size--;
            insert(k, v);
        }
    }

    private void insert(int id, Object c) {
        int mask = keys.length - 1;
        int i = mix(id) & mask;
        while (keys[i] != 0 && keys[i] != id) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        }
        keys[i] = id;
        values[i] = c;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int id) {
        return id * 0x9E3779B9;
    }
}
