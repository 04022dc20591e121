package io.filterplayground.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Where compiled modules go, from the JVM's properties and the environment. */
class CompiledModulesDirectoryTest {
    @Test
    void shouldUseTheXdgCacheHomeThenTheHomesDotCache() {
        assertThat(
                        CompiledModulesDirectory.resolve(
                                props("user.home", "/home/me"),
                                Map.of("XDG_CACHE_HOME", "/var/cache/me")))
                .contains(Path.of("/var/cache/me/filter-playground/modules"));
        assertThat(CompiledModulesDirectory.resolve(props("user.home", "/home/me"), Map.of()))
                .contains(Path.of("/home/me/.cache/filter-playground/modules"));
        // The XDG spec ignores a relative path.
        assertThat(
                        CompiledModulesDirectory.resolve(
                                props("user.home", "/home/me"),
                                Map.of("XDG_CACHE_HOME", "relative")))
                .contains(Path.of("/home/me/.cache/filter-playground/modules"));
    }

    @Test
    void shouldLetThePropertyOrTheEnvironmentMoveItOrTurnItOff() {
        Properties home = props("user.home", "/home/me");
        assertThat(
                        CompiledModulesDirectory.resolve(
                                home, Map.of(CompiledModulesDirectory.ENVIRONMENT, "/tmp/mine")))
                .contains(Path.of("/tmp/mine"));
        assertThat(
                        CompiledModulesDirectory.resolve(
                                home, Map.of(CompiledModulesDirectory.ENVIRONMENT, "off")))
                .isEmpty();
        Properties chosen = props(CompiledModulesDirectory.PROPERTY, "/opt/store");
        chosen.setProperty("user.home", "/home/me");
        assertThat(
                        CompiledModulesDirectory.resolve(
                                chosen, Map.of(CompiledModulesDirectory.ENVIRONMENT, "off")))
                .as("the property wins")
                .contains(Path.of("/opt/store"));
        assertThat(CompiledModulesDirectory.resolve(props("user.home", "?"), Map.of()))
                .as("no home: no store")
                .isEqualTo(Optional.empty());
    }

    @Test
    void shouldBoundItTo512MegabytesUnlessTold() {
        assertThat(CompiledModulesDirectory.maxBytes(new Properties())).isEqualTo(512L << 20);
        assertThat(
                        CompiledModulesDirectory.maxBytes(
                                props(CompiledModulesDirectory.MAX_PROPERTY, "64")))
                .isEqualTo(64L << 20);
        assertThat(
                        CompiledModulesDirectory.maxBytes(
                                props(CompiledModulesDirectory.MAX_PROPERTY, "lots")))
                .isEqualTo(512L << 20);
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }
}
