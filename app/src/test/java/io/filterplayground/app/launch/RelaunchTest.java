package io.filterplayground.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relaunch's decisions; {@code LauncherJarTest} runs the real thing from the shaded jar. */
class RelaunchTest {
    private static final Path JAVA = Path.of("/opt/jdk dir/bin/java");

    @Test
    void shouldStartTheSameJavaWithTheFlagTheJvmOptionsAndTheArguments() {
        List<String> command =
                Relaunch.command(
                                JAVA,
                                List.of("-XX:SharedArchiveFile=/c/a.jsa"),
                                List.of("-Xmx512m", "-Dname=a value"),
                                "/home/me/my apps/filter-playground.jar",
                                "io.filterplayground.app.Main",
                                new String[] {"run", "my scenario.yaml", "--json"})
                        .orElseThrow();

        assertThat(command)
                .containsExactly(
                        "/opt/jdk dir/bin/java",
                        "-XX:-DontCompileHugeMethods",
                        "-XX:SharedArchiveFile=/c/a.jsa",
                        "-Xmx512m",
                        "-Dname=a value",
                        "-Dfilterplayground.relaunch=false",
                        "-cp",
                        "/home/me/my apps/filter-playground.jar",
                        "io.filterplayground.app.Main",
                        "run",
                        "my scenario.yaml",
                        "--json");
    }

    @Test
    void shouldGiveTheChildTheGuardAfterTheUsersOwnSettingSoItNeverRelaunchesAgain() {
        List<String> command =
                Relaunch.command(
                                JAVA,
                                List.of(),
                                List.of("-Dfilterplayground.relaunch=true"),
                                "app.jar",
                                "Main",
                                new String[0])
                        .orElseThrow();

        // The last -D of a name wins.
        assertThat(command)
                .containsSubsequence(
                        "-Dfilterplayground.relaunch=true", "-Dfilterplayground.relaunch=false");
        assertThat(Relaunch.disabled("false", null)).isTrue();
    }

    @Test
    void shouldKeepTheAppInThisJvmWhenADebuggerOrAgentIsAttached() {
        for (String agent :
                List.of(
                        "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                        "-javaagent:/tmp/profiler.jar",
                        "-agentpath:/tmp/libasync.so",
                        "-Xrunjdwp:transport=dt_socket")) {
            assertThat(
                            Relaunch.command(
                                    JAVA,
                                    List.of(),
                                    List.of(agent),
                                    "app.jar",
                                    "Main",
                                    new String[0]))
                    .as(agent)
                    .isEmpty();
        }
    }

    @Test
    void shouldKeepTheAppInThisJvmWithoutAJavaExecutableOrAClassPath() {
        assertThat(Relaunch.command(null, List.of(), List.of(), "app.jar", "Main", new String[0]))
                .isEmpty();
        assertThat(Relaunch.command(JAVA, List.of(), List.of(), "", "Main", new String[0]))
                .isEmpty();
    }

    @Test
    void shouldKnowWhichStartsOpenTheWindow() {
        assertThat(Relaunch.opensWindow(new String[0])).isTrue();
        assertThat(Relaunch.opensWindow(new String[] {"gui"})).isTrue();
        assertThat(Relaunch.opensWindow(new String[] {"--no-module-cache", "gui"})).isTrue();
        assertThat(Relaunch.opensWindow(new String[] {"--no-module-cache"})).isTrue();
        assertThat(Relaunch.opensWindow(new String[] {"run", "gui"})).isFalse();
        assertThat(Relaunch.opensWindow(new String[] {"test", "s.yaml"})).isFalse();
        assertThat(Relaunch.opensWindow(new String[] {"--version"})).isFalse();
        assertThat(Relaunch.opensWindow(new String[] {"-h"})).isFalse();
    }

    @Test
    void shouldBeTurnedOffByThePropertyOrTheEnvironment() {
        assertThat(Relaunch.disabled(null, null)).isFalse();
        assertThat(Relaunch.disabled("true", null)).isFalse();
        assertThat(Relaunch.disabled(null, "1")).isFalse();
        for (String no : List.of("false", "FALSE", "0", "no", "off", " false ")) {
            assertThat(Relaunch.disabled(no, null)).as(no).isTrue();
            assertThat(Relaunch.disabled(null, no)).as(no).isTrue();
        }
    }

    @Test
    void shouldRelaunchOnlyFromHotSpotsDefault() {
        assertThat(HugeMethodJit.of("true", true)).isEqualTo(HugeMethodJit.OFF_BY_DEFAULT);
        assertThat(HugeMethodJit.of("true", false)).isEqualTo(HugeMethodJit.OFF_BY_CHOICE);
        assertThat(HugeMethodJit.of("false", false)).isEqualTo(HugeMethodJit.ON);
        assertThat(HugeMethodJit.of(null, true)).isEqualTo(HugeMethodJit.UNKNOWN);
    }

    @Test
    void shouldSeeTheFlagInTheTestJvm() {
        // The build runs every test JVM with -XX:-DontCompileHugeMethods (the parent pom).
        assertThat(HugeMethodJit.ofThisJvm()).isEqualTo(HugeMethodJit.ON);
        assertThat(HugeMethodJit.ON.describe()).contains("on (-XX:-DontCompileHugeMethods)");
    }
}
