package io.filterplayground.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's bookkeeping of the class archive, on files the test writes where the JVM would;
 * {@code LauncherJarTest} has a real JVM write one and the next start map the app from it.
 */
class ClassArchiveTest {
    @TempDir Path home;
    private Path jar;
    private Path dir;

    @BeforeEach
    void aJar() throws IOException {
        jar = Files.write(home.resolve("app.jar"), new byte[] {'P', 'K', 3, 4});
        dir = home.resolve("cache/filter-playground/jvm");
    }

    @Test
    void shouldWriteAtAWindowStartOnlyAndPublishWhatTheJvmWroteWhenItExitedNormally()
            throws IOException {
        assertThat(archive(false).jvmOptions(false)).as("a command-line start").isEmpty();

        ClassArchive first = archive(false);
        List<String> writing = first.jvmOptions(true);
        assertThat(writing).containsAll(ClassArchive.QUIET);
        Path written = jvmWrites(writing, "archived classes");
        first.childExited(0);

        assertThat(written).doesNotExist();
        Path published = archive(false).usable().orElseThrow();
        assertThat(published).hasBinaryContent("archived classes".getBytes());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(published)))
                .isEqualTo("rw-------");
        assertThat(archive(false).jvmOptions(false))
                .startsWith("-XX:SharedArchiveFile=" + published);
    }

    @Test
    void shouldDropWhatAFailedStartWrote() throws IOException {
        ClassArchive start = archive(false);
        Path written = jvmWrites(start.jvmOptions(true), "half");
        start.childExited(1);

        assertThat(written).doesNotExist();
        assertThat(archive(false).usable()).isEmpty();
    }

    @Test
    void shouldDeleteAndNeverPassOnATruncatedOrAlteredArchive() throws IOException {
        Path published = publish("archived classes");
        Files.write(published, "archived".getBytes());
        assertThat(archive(false).jvmOptions(false)).isEmpty();
        assertThat(published).doesNotExist();

        published = publish("archived classes");
        Files.write(published, "archived CLASSES".getBytes());
        assertThat(archive(false).usable()).isEmpty();
        assertThat(published).doesNotExist();
    }

    @Test
    void shouldNotUseAnArchiveOthersCanWrite() throws IOException {
        Path published = publish("archived classes");
        Files.setPosixFilePermissions(published, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(archive(false).usable()).isEmpty();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(archive(false)).isNull();
    }

    @Test
    void shouldMakeANewArchiveForARebuiltJarAndDeleteTheOldOne() throws IOException {
        Path old = publish("classes of the old jar");
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 0});

        assertThat(archive(false).usable()).isEmpty();
        Path renewed = publish("classes of the new jar");
        assertThat(old).doesNotExist();
        assertThat(renewed).exists();
    }

    @Test
    void shouldWriteAtAnyStartWhenAskedAndStayOffWhenTurnedOff() {
        assertThat(ClassArchive.of(props(), env("write"), jar.toString()).orElseThrow())
                .satisfies(a -> assertThat(a.jvmOptions(false)).isNotEmpty());
        for (String off : List.of("off", "false", "0")) {
            assertThat(ClassArchive.of(props(), env(off), jar.toString())).as(off).isEmpty();
        }
        assertThat(ClassArchive.of(props(), env(null), home.resolve("classes").toString()))
                .as("a folder on the class path: HotSpot archives jars only")
                .isEmpty();
        assertThat(ClassArchive.setByUser(List.of("-Xshare:off"))).isTrue();
        assertThat(ClassArchive.setByUser(List.of("-Xmx1g"))).isFalse();
    }

    private Path publish(String content) throws IOException {
        ClassArchive start = archive(false);
        jvmWrites(start.jvmOptions(true), content);
        start.childExited(0);
        return archive(false).usable().orElseThrow();
    }

    /** Writes {@code content} where the options tell the JVM to write its archive. */
    private static Path jvmWrites(List<String> options, String content) throws IOException {
        String option = "-XX:ArchiveClassesAtExit=";
        Path at =
                Path.of(
                        options.stream()
                                .filter(o -> o.startsWith(option))
                                .findFirst()
                                .orElseThrow()
                                .substring(option.length()));
        return Files.writeString(at, content);
    }

    private ClassArchive archive(boolean writeAtAnyStart) {
        return ClassArchive.in(dir, jar.toString(), props(), writeAtAnyStart).orElse(null);
    }

    private Properties props() {
        Properties p = new Properties();
        p.setProperty("java.home", "/opt/jdk");
        p.setProperty("java.vm.version", "17.0.15+6");
        p.setProperty("user.home", home.toString());
        return p;
    }

    private Map<String, String> env(String setting) {
        return setting == null
                ? Map.of("XDG_CACHE_HOME", home.resolve("cache").toString())
                : Map.of(
                        "XDG_CACHE_HOME",
                        home.resolve("cache").toString(),
                        ClassArchive.ENVIRONMENT,
                        setting);
    }
}
