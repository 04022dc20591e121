package io.filterplayground.engine.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The context table behaves like a map under many adds and removes, as streams come and go. */
class ContextTableTest {
    @Test
    void shouldAgreeWithAHashMapUnderRandomAddsAndRemoves() {
        ContextTable<String> table = new ContextTable<>();
        Map<Integer, String> reference = new HashMap<>();
        Random random = new Random(7);
        int nextId = 1;
        for (int round = 0; round < 20_000; round++) {
            if (reference.isEmpty() || random.nextInt(3) > 0) {
                int id = nextId++;
                table.put(id, "c" + id);
                reference.put(id, "c" + id);
            } else {
                Integer gone =
                        reference.keySet().stream()
                                .skip(random.nextInt(reference.size()))
                                .findFirst()
                                .orElseThrow();
                reference.remove(gone);
                table.remove(gone);
            }
        }
        for (int id = 1; id < nextId; id++) {
            assertThat(table.get(id)).isEqualTo(reference.get(id));
        }
        assertThat(table.get(Integer.MAX_VALUE)).isNull();
    }
}
