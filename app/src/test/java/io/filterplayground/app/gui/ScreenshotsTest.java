package io.filterplayground.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.debug.BreakAt;
import io.filterplayground.app.learn.Lesson;
import io.filterplayground.app.learn.LessonCatalog;
import io.filterplayground.app.learn.ProgressStore;
import io.filterplayground.app.learn.Step;
import io.filterplayground.app.lesson.LearnViewModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regenerates {@code screenshots/} from the real window, headless under Monocle at 1280x800: {@code
 * mvn -q -pl app -am verify -Pscreenshots} (README, Screenshots).
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    private final WindowFixture fx = new WindowFixture();
    private Stage stage;
    private FxRobot robot;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        fx.open(stage);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void shouldWriteTheScreenshots(FxRobot robot) throws Exception {
        this.robot = robot;
        Path dir = Path.of(System.getProperty("screenshots.dir", "../screenshots"));
        Files.createDirectories(dir);
        fx.awaitRunning();

        // The whole window after one request: alice's GET goes through all five filters.
        robot.clickOn("#send-button");
        WindowFixture.await("the response", 30, () -> fx.vm().selectedProperty().get() != null);
        WindowFixture.select(robot, "#center-tabs", 0);
        shoot(dir.resolve("window.png"));

        // The module library: a sample's ABI facts, imports (with host support) and exports.
        WindowFixture.select(robot, "#left-tabs", 1);
        robot.interact(
                () ->
                        fx.vm()
                                .modules()
                                .selectedProperty()
                                .set(
                                        fx.vm().modules().entries().stream()
                                                .filter(
                                                        m ->
                                                                m.isWasm()
                                                                        && m.source()
                                                                                .ref()
                                                                                .equals(
                                                                                        "sample:auth-callout"))
                                                .findFirst()
                                                .orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        shoot(dir.resolve("modules.png"));
        WindowFixture.select(robot, "#left-tabs", 0);

        // The timeline with a callback selected: deny's request_headers for mallory (local reply).
        robot.interact(
                () -> {
                    fx.vm().request().headers().get(0).valueProperty().set("mallory");
                    fx.vm().request().nameProperty().set("mallory");
                });
        robot.interact(() -> {});
        robot.clickOn("#send-button");
        WindowFixture.await(
                "mallory's response",
                30,
                () ->
                        fx.vm().exchangeLog().stats().total() == 2
                                && fx.vm().selectedProperty().get().exchange().index() == 1);
        robot.interact(() -> selectCallback("deny", "request_headers"));
        shoot(dir.resolve("timeline.png"));

        // The header diff of alice's request at add-header's request_headers stage.
        robot.interact(() -> fx.vm().selectedProperty().set(fx.vm().exchanges().get(1)));
        WindowFixture.select(robot, "#center-tabs", 1);
        shoot(dir.resolve("header-diff.png"));

        // Workers and VMs after a burst of 2,000.
        robot.interact(
                () -> {
                    fx.vm().request().headers().get(0).valueProperty().set("alice");
                    fx.vm().request().nameProperty().set("alice");
                });
        robot.interact(() -> fx.vm().burstCountProperty().set(2000));
        WindowFixture.select(robot, "#center-tabs", 2);
        robot.interact(() -> fx.vm().burst());
        WindowFixture.await("the burst", 120, () -> !fx.vm().burstingProperty().get());
        assertThat(fx.vm().exchangeLog().stats().total()).isEqualTo(2002);
        fx.vm().refreshSnapshot().get();
        WaitForAsyncUtils.waitForFxEvents();
        shoot(dir.resolve("workers-vms.png"));
        assertThat(Files.size(dir.resolve("workers-vms.png"))).isPositive();

        // The debugger: a breakpoint before deny's request_headers holds alice's next request;
        // the timeline shows what ran so far, the bar what deny is about to see.
        robot.interact(
                () -> {
                    fx.vm().chain().selectedProperty().set(fx.vm().chain().items().get(1));
                    fx.vm().chain().items().get(1).breakAtProperty().set(BreakAt.REQUEST_HEADERS);
                });
        WindowFixture.select(robot, "#center-tabs", 0);
        robot.clickOn("#send-button");
        javafx.scene.Node bar = robot.lookup("#debug-bar").query();
        WindowFixture.await("the pause", 30, bar::isVisible);
        WindowFixture.await(
                "the events so far",
                30,
                () ->
                        fx.vm().selectedProperty().get() != null
                                && fx.vm().selectedProperty().get().pending());
        shoot(dir.resolve("debugger.png"));
        robot.clickOn("#debug-continue-all");
        WindowFixture.await("the held request", 30, () -> !bar.isVisible());

        // Three styles in one chain (sample-modules/three-styles): a built-in add-header, a Lua
        // script and a Wasm module do the same job; Lua's on_request is selected.
        Path threeStyles = Path.of("..", "sample-modules", "three-styles", "scenario.yaml");
        fx.vm().open(threeStyles).get(60, java.util.concurrent.TimeUnit.SECONDS);
        fx.awaitRunning();
        WindowFixture.select(robot, "#center-tabs", 0);
        robot.clickOn("#send-button");
        WindowFixture.await(
                "the three-styles response",
                30,
                () ->
                        fx.vm().exchangeLog().stats().total() == 1
                                && fx.vm().selectedProperty().get() != null
                                && !fx.vm().selectedProperty().get().pending());
        robot.interact(
                () -> {
                    fx.vm().chain().selectedProperty().set(fx.vm().chain().items().get(1));
                    selectCallback("lua-add-header", "on_request");
                });
        shoot(dir.resolve("three-styles.png"));

        // An access logger (access_log.c) added below the demo's chain: its proxy_on_log, on the
        // logger's root context, is a lane of its own after the filters' own on_log.
        fx.vm().openDemo().get(60, java.util.concurrent.TimeUnit.SECONDS);
        fx.awaitRunning();
        robot.interact(
                () ->
                        fx.vm()
                                .chain()
                                .loggers()
                                .add(fx.vm().modules().byRef("sample:testdata/access_log")));
        WaitForAsyncUtils.asyncFx(() -> fx.vm().applyNow())
                .get()
                .get(60, java.util.concurrent.TimeUnit.SECONDS);
        fx.awaitRunning();
        robot.clickOn("#send-button");
        WindowFixture.await(
                "the logged response", 30, () -> fx.vm().exchangeLog().stats().total() == 1);
        robot.interact(() -> selectCallback("access_log", "log"));
        shoot(dir.resolve("access-logger.png"));

        // All four extension points (sample-modules/four-extension-points): a request through
        // the HTTP filters, then the redis connection through redis-inspector on the added TCP
        // listener; redis-inspector's upstream_data (the +PONG rewrite) is selected, the access
        // logger's lane beside it, and the response panel shows what each side received.
        Path four = Path.of("..", "sample-modules", "four-extension-points", "scenario.yaml");
        fx.vm().open(four).get(60, java.util.concurrent.TimeUnit.SECONDS);
        fx.awaitRunning();
        robot.clickOn("#send-button");
        WindowFixture.await("the request", 30, () -> fx.vm().exchangeLog().stats().total() == 1);
        robot.clickOn("#connection-tab");
        robot.clickOn("#send-button");
        WindowFixture.await("the connection", 30, () -> fx.vm().exchangeLog().stats().total() == 2);
        robot.interact(
                () -> {
                    var tcp = fx.vm().chain().tcpListener();
                    tcp.selectedProperty().set(tcp.items().get(0));
                    selectCallback("redis-inspector", "upstream_data");
                });
        shoot(dir.resolve("tcp-connection.png"));

        // Learn mode: lesson 1 in progress (its first step done by Do it for me, the next one
        // pointing at the chain), the Wasm filter's request_headers explained beside its
        // hostcalls.
        LearnViewModel learn = fx.opened.learn();
        List<Lesson> lessons = LessonCatalog.builtIn();
        for (Lesson l : lessons) {
            robot.interact(() -> learn.reset(l));
        }
        robot.interact(() -> learn.start(lessons.get(0)));
        WindowFixture.await("lesson 1", 60, () -> learn.lesson().currentProperty().get() != null);
        fx.awaitRunning();
        robot.interact(learn.lesson()::doCurrentStep);
        WindowFixture.await(
                "lesson 1's first step", 60, () -> learn.lesson().metCountProperty().get() == 1);
        WindowFixture.await("Do it for me", 30, () -> !learn.lesson().doingProperty().get());
        WindowFixture.select(robot, "#center-tabs", 0);
        robot.interact(() -> selectCallback("wasm-add-header", "request_headers"));
        shoot(dir.resolve("lesson.png"));

        // The lessons browser, with progress kept from earlier sessions.
        ProgressStore progress = ProgressStore.inUserHome();
        progress.save(
                lessons.get(1).id(),
                lessons.get(1).steps().stream()
                        .map(Step::id)
                        .collect(
                                java.util.stream.Collectors.toCollection(
                                        java.util.LinkedHashSet::new)));
        progress.save(lessons.get(2).id(), java.util.Set.of(lessons.get(2).steps().get(0).id()));
        robot.interact(learn::closeLesson);
        robot.interact(learn::showBrowser);
        shoot(dir.resolve("lessons.png"));
        robot.interact(learn::hideBrowser);

        // What changed: Watch files on a scenario whose filter.wasm is replaced on disk (the
        // pass-through test module by the deny sample); the window reloaded, replayed, and shows
        // mallory's changes, the response's selected.
        Path folder = Files.createTempDirectory("watch-shot");
        WatchWindowTest.watch(fx, robot, io.filterplayground.app.WatchedFolder.write(folder));
        Files.write(folder.resolve("filter.wasm"), io.filterplayground.app.WatchedFolder.DENY);
        WindowFixture.await("the reload", 60, () -> fx.vm().reloadsProperty().get() == 1);
        fx.awaitRunning();
        robot.interact(
                () ->
                        fx.vm()
                                .changes()
                                .selectedGroupProperty()
                                .set(
                                        fx.vm().changes().groups().stream()
                                                .filter(g -> g.item().equals("mallory"))
                                                .findFirst()
                                                .orElseThrow()));
        shoot(dir.resolve("change-view.png"));
        robot.interact(() -> fx.vm().changes().watchingProperty().set(false));
    }

    /** Selects the timeline row of {@code filter}'s callback {@code title}. */
    private void selectCallback(String filter, String title) {
        fx.vm()
                .timeline()
                .selectedProperty()
                .set(
                        fx.vm().timeline().rows().stream()
                                .filter(r -> filter.equals(r.filter()) && r.title().equals(title))
                                .findFirst()
                                .orElseThrow());
    }

    private void shoot(Path file) throws IOException, Exception {
        robot.moveTo("#status-label");
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image =
                WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
        BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        ImageIO.write(png, "png", file.toFile());
    }
}
