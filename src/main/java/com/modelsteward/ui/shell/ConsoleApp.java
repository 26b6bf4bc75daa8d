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

    @Override
    public void start(Stage stage) {
        ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw());
        shell = new ConsoleShell(stage, OsAccount.current().name(), Clock.systemUTC(), AppSettings.load());
        stage.show();
        FirstFrame.afterPaint(stage.getScene(), () -> FirstFrame.log("first-frame"));
        shell.setOnOpened(once(context -> FirstFrame.afterPaint(stage.getScene(), () -> {
            FirstFrame.log("registry-frame");
            if (options.smoke()) {
                // The packaged app's self-test: the registry is open and its first page painted; leave with exit 0.
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
    private static Consumer<AppContext> once(Consumer<AppContext> action) {
        boolean[] done = {false};
        return context -> {
            if (!done[0]) {
                done[0] = true;
                action.accept(context);
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
