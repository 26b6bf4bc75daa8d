package com.modelsteward.ui.shell;

import com.modelsteward.config.AppSettings;
import com.modelsteward.config.OsAccount;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.DialogService;
import java.time.Clock;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: one {@link ConsoleShell} on the primary stage. */
public final class ConsoleApp extends Application {

    /** Set before {@link Platform#exit()} when the smoke run fails; {@link ConsoleLauncher} turns it into the exit code. */
    private static volatile int exitStatus;

    private ConsoleShell shell;
    /** Handed over by {@link ConsoleLauncher}: the settings it read and the registry it began to open, if it did. */
    private static volatile AppSettings settings;
    private static volatile ConsoleShell.Prefetch prefetch;

    static void prepare(AppSettings launcherSettings, ConsoleShell.Prefetch launcherPrefetch) {
        settings = launcherSettings;
        prefetch = launcherPrefetch;
    }

    @Override
    public void start(Stage stage) {
        ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw());
        shell = new ConsoleShell(stage, OsAccount.current().name(), Clock.systemUTC(), settings != null ? settings : AppSettings.load());
        if (prefetch != null) {
            shell.usePrefetch(prefetch);
        }
        stage.show();
        FirstFrame.afterPaint(stage.getScene(), () -> FirstFrame.log("first-frame"));
        shell.setOnOpened(once(context -> FirstFrame.afterPaint(stage.getScene(), () -> FirstFrame.log("registry-frame"))));
        // What a user waits for: the Overview's figures on the screen.
        shell.setOnFirstData(once(failure -> FirstFrame.afterPaint(stage.getScene(), () -> {
            FirstFrame.log("first-data-frame");
            if (options.smoke()) {
                // The packaged app's self-test: the registry is open and its Overview painted with its data.
                failure.ifPresent(why -> {
                    System.err.println(oneLine(why));
                    exitStatus = 1;
                });
                Platform.exit();
            }
        })));
        if (options.smoke()) {
            shell.setAskForPasswords(false);
            shell.setOnOpenFailed(failure -> {
                System.err.println(oneLine(failure));
                exitStatus = 1;
                Platform.exit();
            });
        }
        shell.start(options);
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.close();
        }
    }

    static int exitStatus() {
        return exitStatus;
    }

    /** The start-up milestones concern the first registry only, not one opened later with "Open registry…". */
    private static <T> Consumer<T> once(Consumer<T> action) {
        boolean[] done = {false};
        return value -> {
            if (!done[0]) {
                done[0] = true;
                action.accept(value);
            }
        };
    }

    /** "CODE: message" on one line, as the command line reports a refusal. */
    static String oneLine(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof RegistryException)) {
            cause = cause.getCause();
        }
        String code = cause instanceof RegistryException registryError ? registryError.code() : "E_OPEN_FAILED";
        return code + ": " + DialogService.describe(failure).replaceAll("\\s*\\R\\s*", " ");
    }
}
