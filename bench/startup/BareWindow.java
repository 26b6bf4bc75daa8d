import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The baseline for the start-up figures: a Stage with one Label, the same size as the console, timed from process
 * start to its first painted frame exactly as com.modelsteward.ui.shell.FirstFrame times the console (the pulse after
 * the one that laid the frame out), then exits. bench/startup/measure.sh runs it next to the packaged console.
 */
public final class BareWindow extends Application {

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(new Label("Model Steward")), 1280, 800);
        stage.setScene(scene);
        stage.setTitle("Bare window");
        stage.show();
        Runnable[] listener = new Runnable[1];
        int[] pulses = {0};
        listener[0] = () -> {
            pulses[0]++;
            if (pulses[0] == 1) {
                Platform.requestNextPulse();
            } else {
                scene.removePostLayoutPulseListener(listener[0]);
                long millis = ageAtMain < 0 ? -1 : ageAtMain + (System.nanoTime() - nanosAtMain) / 1_000_000;
                long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
                System.err.println("steward.startup first-frame-ms=" + millis + " cpu-ms=" + cpu);
                Platform.exit();
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    /** The process's age when main began, and System.nanoTime() then: FirstFrame's rule, read before the toolkit starts. */
    private static long ageAtMain;
    private static long nanosAtMain;

    public static void main(String[] args) {
        ageAtMain = processAgeMillis();
        nanosAtMain = System.nanoTime();
        launch(args);
    }

    /**
     * As com.modelsteward.ui.shell.FirstFrame.processAgeMillis: on Linux the uptime less the process's start in clock
     * ticks since boot (USER_HZ, 100), not the JDK's start instant, which is up to a second early there.
     */
    private static long processAgeMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[22 - 3]);
            String uptime = Files.readString(Path.of("/proc/uptime"));
            return Math.round(Double.parseDouble(uptime.substring(0, uptime.indexOf(' '))) * 1000) - startTicks * 10;
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().info().startInstant()
                    .map(begin -> Duration.between(begin, Instant.now()).toMillis()).orElse(-1L);
        }
    }
}
