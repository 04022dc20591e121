package io.filterplayground.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.WatchedFolder;
import io.filterplayground.app.change.ChangeGroup;
import io.filterplayground.app.workspace.Message;
import io.filterplayground.app.workspace.RecordedExchange;
import io.filterplayground.engine.report.change.Change;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The edit-build-see loop in the real window: with Watch files on, a module replaced on disk by
 * another real module makes the window reload, replay and show what changed; an invalid module
 * written over it is reported and the good one keeps running.
 */
@ExtendWith(ApplicationExtension.class)
class WatchWindowTest {
    private final WindowFixture fx = new WindowFixture();
    @TempDir Path dir;

    @Start
    void start(Stage stage) {
        fx.open(stage);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** Opens the scenario, switches the watch on and waits for its first run. */
    static void watch(WindowFixture fx, FxRobot robot, Path scenario) throws Exception {
        fx.awaitRunning();
        fx.vm().open(scenario).get(60, TimeUnit.SECONDS);
        fx.awaitRunning();
        TabPane center = robot.lookup("#center-tabs").queryAs(TabPane.class);
        robot.interact(
                () ->
                        center.getSelectionModel()
                                .select(
                                        center.getTabs().stream()
                                                .filter(t -> "changes-tab".equals(t.getId()))
                                                .findFirst()
                                                .orElseThrow()));
        robot.clickOn("#watch-files");
        WindowFixture.await("the first run", 60, () -> fx.vm().changes().runs().size() == 1);
    }

    @Test
    void shouldReloadReplayAndShowWhatChangedWhenAModuleIsReplacedOnDisk(FxRobot robot)
            throws Exception {
        watch(fx, robot, WatchedFolder.write(dir));
        WindowFixture.select(robot, "#center-tabs", 0);

        Files.write(dir.resolve("filter.wasm"), WatchedFolder.DENY);

        WindowFixture.await("the reload", 60, () -> fx.vm().reloadsProperty().get() == 1);
        fx.awaitRunning();
        TabPane center = robot.lookup("#center-tabs").queryAs(TabPane.class);
        assertThat(center.getSelectionModel().getSelectedItem().getId()).isEqualTo("changes-tab");
        assertThat(fx.vm().changes().runs()).hasSize(2);
        String caption = robot.lookup("#change-caption").queryAs(Label.class).getText();
        assertThat(caption)
                .startsWith("Run 2 · filter.wasm changed compared with run 1")
                .contains("mallory now 403 (was 200)");
        Message m = fx.vm().messageProperty().get();
        assertThat(m.text())
                .startsWith(
                        "filter.wasm changed: reloaded and replayed; 2 requests changed: mallory"
                                + " now 403 (was 200)");
        ListView<?> list = robot.lookup("#change-list").queryAs(ListView.class);
        assertThat(list.getItems())
                .map(g -> (ChangeGroup) g)
                .anyMatch(g -> g.item().equals("mallory") && g.area() == Change.Area.RESPONSE)
                .anyMatch(g -> g.item().equals("mallory") && g.area() == Change.Area.STAGE);
        assertThat(fx.vm().changes().rows()).isNotEmpty();
        // The library shows the rebuilt module, not the one first loaded.
        assertThat(
                        fx.vm().modules().entries().stream()
                                .filter(e -> e.isWasm() && e.source().ref().equals("filter.wasm"))
                                .map(e -> e.source().bytes()))
                .singleElement()
                .isEqualTo(WatchedFolder.DENY);
        robot.clickOn("#pin-run");
        assertThat(fx.vm().changes().pinnedProperty().get()).isTrue();
        assertThat(robot.lookup("#pin-run").queryAs(ToggleButton.class).isSelected()).isTrue();

        // The replayed requests are listed (newest first), mallory's the new version's local reply.
        assertThat(fx.vm().exchanges())
                .extracting(r -> r.exchange().name(), r -> r.exchange().response().status())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mallory", 403),
                        org.assertj.core.groups.Tuple.tuple("alice", 200));
        assertThat(fx.vm().selectedProperty().get().exchange().name()).isEqualTo("mallory");

        // The chain in the window runs the new module too.
        robot.interact(() -> fx.vm().request().load("mallory", mallory()));
        RecordedExchange x = fx.send(robot, 3);
        assertThat(x.exchange().response().status()).isEqualTo(403);

        // An invalid module over the good one: said, and the good one keeps running.
        Files.writeString(dir.resolve("filter.wasm"), "half a module");
        WindowFixture.await(
                "the report",
                60,
                () -> {
                    Message e = fx.vm().messageProperty().get();
                    return e != null && e.text().contains("the new version does not run");
                });
        assertThat(fx.vm().messageProperty().get().text())
                .startsWith("filter.wasm changed, but the new version does not run")
                .endsWith("The last good version keeps running.");
        assertThat(fx.vm().reloadsProperty().get()).isEqualTo(1);
        assertThat(fx.vm().runningProperty().get()).isTrue();
        RecordedExchange again = fx.send(robot, 4);
        assertThat(again.exchange().response().status()).isEqualTo(403);
    }

    private static io.filterplayground.engine.http.HttpRequest mallory() {
        return io.filterplayground.engine.http.HttpRequest.get("/")
                .withHeaders(io.filterplayground.engine.http.Headers.of("x-user", "mallory"));
    }
}
