package io.filterplayground.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every input the fuzzer ever found a problem with, replayed: each ends well now. */
class FuzzRegressionTest {
    private static final Path CORPUS = Path.of("src", "test", "resources", "fuzz");

    @TestFactory
    List<DynamicTest> shouldEndEveryKeptInputInAResultOrOneClearError() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (FuzzTarget target : FuzzTest.targets().toList()) {
            for (Path input : Fuzzer.corpus(CORPUS.resolve(target.name()), target.extension())) {
                tests.add(
                        DynamicTest.dynamicTest(
                                target.name() + "/" + input.getFileName(),
                                () -> {
                                    Fuzzer.Verdict v =
                                            new Fuzzer(target).check(Files.readAllBytes(input));
                                    assertThat(v.finding()).as(v.detail()).isNull();
                                }));
            }
        }
        assertThat(tests).isNotEmpty();
        return tests;
    }
}
