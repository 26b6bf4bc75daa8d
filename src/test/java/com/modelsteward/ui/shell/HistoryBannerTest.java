package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.overview.FigureTile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A registry that disagrees with its signed history still gets its banner, now that the check starts once the Overview
 * has shown its data: the figures first, the banner after, both there.
 */
@Tag("console")
@ExtendWith(ApplicationExtension.class)
class HistoryBannerTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;
    /** Whether the banner was already there when the Overview's data was said to be shown. */
    private final List<Boolean> bannerAtFirstData = new ArrayList<>();

    @BeforeAll
    static void generateTheDemoOnce() throws Exception {
        TestRegistries.demo(Files.createDirectories(dir.resolve("warm-up"))).close();
    }

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("tampered-" + System.nanoTime()));
        try (Registry registry = TestRegistries.demo(folder)) {
            // A role granted behind the signed history's back.
            registry.writeHandle(h -> h.execute("UPDATE principals SET roles = 'ANALYST,RISK_OFFICER,ADMIN' WHERE user_name = 'chen.wei'"));
        }
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC),
                new AppSettings(folder.resolve("settings.properties")));
        shell.setOnFirstData(failure -> bannerAtFirstData.add(stage.getScene().lookup("#banner-tampered") != null));
        stage.setWidth(1024);
        stage.setHeight(700);
        stage.show();
        shell.start(ConsoleOptions.opening(folder.resolve("demo.db")));
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void theTamperedBannerFollowsTheOverviewsData(FxRobot robot) {
        FxWait.until("the tampered banner is shown", () -> robot.lookup("#banner-tampered").tryQuery().isPresent());
        Label banner = robot.lookup("#banner-tampered").queryAs(Label.class);
        assertTrue(banner.getText().startsWith("✖ Tampered: ") && banner.getText().contains("chen.wei"), banner.getText());
        assertTrue(List.of(false).equals(bannerAtFirstData), "the Overview's data came first: " + bannerAtFirstData);
        assertTrue(robot.lookup("#tile-active").queryAs(FigureTile.class).getValue() > 0, "the Overview's figures are on screen");
    }
}
