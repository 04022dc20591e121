package io.filterplayground.app.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.editor.ConfigSyntax;
import io.filterplayground.app.modules.ModuleEntry;
import io.filterplayground.app.modules.SampleDefaults;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.WasmPlugin;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChainViewModelTest {
    private static final ModuleSource DENY =
            new ModuleSource("sample:deny", "deny.wasm", new byte[0]);
    private final ChainViewModel vm = new ChainViewModel();
    private final AtomicInteger changes = new AtomicInteger();

    ChainViewModelTest() {
        vm.load(
                List.of(
                        WasmFilterSpec.of("a", DENY, "", ""),
                        WasmFilterSpec.of("b", DENY, "", "")));
        vm.setOnChange(changes::incrementAndGet);
    }

    @Test
    void shouldAddAfterTheSelectedFilterWithAUniqueName() {
        ModuleEntry deny =
                new ModuleEntry(
                        "a",
                        ModuleEntry.Origin.SAMPLE,
                        "Rust",
                        "",
                        DENY,
                        new SampleDefaults.Defaults("r", "v", "{\"x\": 1}"));
        FilterItem added = vm.add(deny);
        assertThat(vm.items()).extracting(FilterItem::toString).containsExactly("a", "a-2", "b");
        assertThat(vm.selectedProperty().get()).isSameAs(added);
        WasmPlugin spec = ((WasmFilterSpec) added.toSpec()).plugin();
        assertThat(spec.rootId()).isEqualTo("r");
        assertThat(spec.vmId()).isEqualTo("v");
        assertThat(spec.configuration()).isEqualTo("{\"x\": 1}");
        assertThat(changes.get()).isEqualTo(1);
    }

    @Test
    void shouldMoveRemoveAndAnnounceFieldEdits() {
        FilterItem b = vm.items().get(1);
        vm.moveUp(b);
        assertThat(vm.items()).extracting(FilterItem::toString).containsExactly("b", "a");
        vm.move(b, 5);
        assertThat(vm.items()).extracting(FilterItem::toString).containsExactly("a", "b");
        int before = changes.get();
        b.failurePolicyProperty().set(FailurePolicy.FAIL_OPEN);
        b.enabledProperty().set(false);
        assertThat(changes.get()).isEqualTo(before + 2);
        assertThat(((WasmFilterSpec) vm.specs().get(1)).plugin().failurePolicy())
                .isEqualTo(FailurePolicy.FAIL_OPEN);
        assertThat(vm.specs().get(1).enabled()).isFalse();
        vm.remove(b);
        assertThat(vm.items()).hasSize(1);
        assertThat(vm.selectedProperty().get().toString()).isEqualTo("a");
    }

    @Test
    void shouldSendYamlAsJsonAndRefuseBrokenYaml() {
        FilterItem a = vm.items().get(0);
        a.configSyntaxProperty().set(ConfigSyntax.YAML);
        a.configTextProperty().set("header: x-user\nvalues: [mallory]\n");
        assertThat(vm.problem()).isNull();
        assertThat(((WasmFilterSpec) a.toSpec()).plugin().configuration())
                .isEqualTo("{\"header\":\"x-user\",\"values\":[\"mallory\"]}");
        a.configTextProperty().set("header: [unclosed\n");
        assertThat(vm.problem()).startsWith("a: plugin configuration: Not valid YAML");
    }

    @Test
    void shouldWarnButSendInvalidJson() {
        FilterItem a = vm.items().get(0);
        a.configTextProperty().set("{\"x\": ");
        assertThat(a.configCheck().getValue().message()).startsWith("Not valid JSON");
        assertThat(vm.problem()).isNull();
        assertThat(((WasmFilterSpec) a.toSpec()).plugin().configuration()).isEqualTo("{\"x\": ");
    }

    @Test
    void shouldRefuseDuplicateNames() {
        vm.items().get(1).nameProperty().set("a");
        assertThat(vm.problem()).isEqualTo("two filters are named 'a' (names must be unique)");
    }
}
