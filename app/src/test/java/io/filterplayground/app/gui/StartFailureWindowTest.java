package io.filterplayground.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A chain that does not start says why, and keeps saying it: the message names the guest's last
 * line and survives a Send, the failed filter is marked in the chain, and one click on it shows the
 * guest's output and the Wasm stack.
 */
@ExtendWith(ApplicationExtension.class)
class StartFailureWindowTest {
    private final WindowFixture fx = new WindowFixture();

    @Start
    void start(Stage stage) {
        fx.open(stage);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static String message(FxRobot robot) {
        return robot.lookup("#message-text").queryAs(Label.class).getText();
    }

    @Test
    void shouldKeepTheReasonAFilterDidNotStartInSight(FxRobot robot, @TempDir Path dir)
            throws Exception {
        fx.awaitRunning();
        // go_shaped's Go runtime cannot grow its 4 MiB heap arena under a 4-page cap.
        Path scenario = dir.resolve("go.yaml");
        Files.writeString(
                scenario,
                """
                maxMemoryPages: 4
                filters:
                  - {name: first, lua: "function envoy_on_request(h) end"}
                  - {name: go, wasm: "sample:testdata/go_shaped"}
                """);
        fx.answers.add(scenario);
        robot.clickOn("#open-button");
        WindowFixture.await(
                "the start failure",
                30,
                () -> message(robot).startsWith("The chain did not start: go: "));
        assertThat(message(robot))
                .contains("Trapped on unreachable instruction")
                .contains("the guest's last line: [error] fatal error: out of memory")
                .contains("select go in the chain");
        Label failed = robot.lookup("#failed-go").queryAs(Label.class);
        assertThat(failed.isVisible()).isTrue();
        assertThat(robot.lookup("#failed-first").queryAs(Label.class).isVisible()).isFalse();

        // Send cannot run, and says why instead of pointing at a message it replaced.
        robot.clickOn("#send-button");
        WindowFixture.await("the send refusal", 10, () -> message(robot).startsWith("Not sent: "));
        assertThat(message(robot))
                .startsWith("Not sent: the chain did not start: go: ")
                .contains("fatal error: out of memory");
        assertThat(failed.isVisible()).isTrue();

        // One click on the marked filter shows the whole reason.
        assertThat(fx.vm().chain().selectedProperty().get().toString()).isEqualTo("first");
        robot.clickOn(failed);
        WindowFixture.await(
                "the failed filter's panel",
                10,
                () -> "go".equals(String.valueOf(fx.vm().chain().selectedProperty().get())));
        Label reason = robot.lookup("#filter-engine-message").queryAs(Label.class);
        assertThat(reason.isVisible()).isTrue();
        assertThat(reason.getText())
                .contains("_initialize failed")
                .contains("The guest's last lines:")
                .contains("[error] runtime: out of memory: cannot allocate 4194304-byte block")
                .contains("[error] fatal error: out of memory")
                .contains("Wasm stack (innermost first):")
                .contains("runtime.throw");
    }
}
