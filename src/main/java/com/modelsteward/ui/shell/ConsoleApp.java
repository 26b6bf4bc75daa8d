package com.modelsteward.ui.shell;

import com.modelsteward.config.AppSettings;
import java.time.Clock;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: one {@link ConsoleShell} on the primary stage. */
public final class ConsoleApp extends Application {

    private ConsoleShell shell;

    @Override
    public void start(Stage stage) {
        ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw());
        shell = new ConsoleShell(stage, System.getProperty("user.name"), Clock.systemUTC(), AppSettings.load());
        stage.show();
        if (options.smoke()) {
            // The packaged app's self-test: open the registry, paint, and leave with exit 0.
            shell.setOnOpened(context -> Platform.runLater(Platform::exit));
        }
        shell.start(options);
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.close();
        }
    }
}
